package io.jstrace.decode;

import static io.jstrace.decode.FsioCalls.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** bpf's map commands and seccomp's operations; expected texts are strace 6.1's. */
class BpfSeccompTest {
    private static final long A = 0x7ffe_e1f4_a9c0L, K = 0x7ffe_e1f4_a9acL, V = 0x7ffe_e1f4_a9a0L;
    private static final long EINVAL = -22, EFAULT = -14, EOPNOTSUPP = -95;

    private static FakeMemory mapCreate(int type, int flags, String name) {
        ByteBuffer b = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(4).putInt(8).putInt(4).putInt(flags).putInt(0).putInt(0).put(name.getBytes());
        return new FakeMemory().put(A, b.array());
    }

    @Test
    void mapCreateMembersTheSizeCovers() {
        assertEquals("BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, value_size=8, max_entries=4, map_flags=0, "
                + "inner_map_fd=0, map_name=\"jstrace\", map_ifindex=0, btf_fd=0, btf_key_type_id=0, btf_value_type_id=0, "
                + "btf_vmlinux_value_type_id=0, map_extra=0}, 144",
                args(Calls.of("bpf").args(0, A, 144).mem(mapCreate(2, 0, "jstrace")).exit(3)));
        assertEquals("BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_HASH, key_size=4, value_size=8, max_entries=4, "
                + "map_flags=BPF_F_NO_PREALLOC|BPF_F_RDONLY_PROG}, 20",
                args(Calls.of("bpf").args(0, A, 20).mem(mapCreate(1, 0x81, "")).exit(4)));
        assertEquals("BPF_MAP_CREATE, {map_type=0x64 /* BPF_MAP_TYPE_??? */, key_size=4}, 8",
                args(Calls.of("bpf").args(0, A, 8).mem(mapCreate(100, 0, "")).exit(EINVAL)));
    }

    private static FakeMemory progLoad(int type, boolean license) {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(2).putLong(V).putLong(K).putInt(0).putInt(0).putLong(0).putInt(0x060100).putInt(1)
                .put("jstrace_prog".getBytes());
        FakeMemory m = new FakeMemory().put(A, b.array());
        return license ? m.putString(K, "GPL") : m;
    }

    private static FakeMemory progLoad(int type) {
        return progLoad(type, true);
    }

    @Test
    void progLoadMembersTheSizeCovers() {
        assertEquals("BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=2, insns=0x7ffee1f4a9a0, "
                + "license=\"GPL\", log_level=0, log_size=0, log_buf=NULL, kern_version=KERNEL_VERSION(6, 1, 0), "
                + "prog_flags=BPF_F_STRICT_ALIGNMENT, prog_name=\"jstrace_prog\", prog_ifindex=0, "
                + "expected_attach_type=BPF_CGROUP_INET_INGRESS, prog_btf_fd=0, func_info_rec_size=0, func_info=NULL, "
                + "func_info_cnt=0, line_info_rec_size=0, line_info=NULL, line_info_cnt=0, attach_btf_id=0, "
                + "attach_prog_fd=0, fd_array=NULL}, 144", args(Calls.of("bpf").args(5, A, 144).mem(progLoad(1)).exit(5)));
        assertEquals("BPF_PROG_LOAD, {prog_type=0x3e7 /* BPF_PROG_TYPE_??? */, insn_cnt=2, insns=0x7ffee1f4a9a0, "
                + "license=\"GPL\", log_level=0, log_size=0, log_buf=NULL, kern_version=KERNEL_VERSION(6, 1, 0), "
                + "prog_flags=BPF_F_STRICT_ALIGNMENT}, 48", args(Calls.of("bpf").args(5, A, 48).mem(progLoad(999)).exit(EINVAL)));
        assertEquals("BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=2, insns=0x7ffee1f4a9a0, "
                + "license=0x7ffee1f4a9ac}, 24",
                args(Calls.of("bpf").args(5, A, 24).mem(progLoad(1, false)).exit(EINVAL)));
    }

    @Test
    void mapElemCommands() {
        FakeMemory m = new FakeMemory().putLongs(A, 3, K, V, 2);
        assertEquals("BPF_MAP_UPDATE_ELEM, {map_fd=3, key=0x7ffee1f4a9ac, value=0x7ffee1f4a9a0, flags=BPF_EXIST}, 32",
                args(Calls.of("bpf").args(2, A, 32).mem(m).exit(0)));
        assertEquals("BPF_MAP_GET_NEXT_KEY, {map_fd=3, key=0x7ffee1f4a9ac, next_key=0x7ffee1f4a9a0}, 24",
                args(Calls.of("bpf").args(4, A, 24).mem(m).exit(0)));
        assertEquals("BPF_MAP_DELETE_ELEM, {map_fd=3, key=0x7ffee1f4a9ac}, 16", args(Calls.of("bpf").args(3, A, 16).mem(m).exit(0)));
    }

    /** BPF_OBJ_GET_INFO_BY_FD prints at exit: info_len as passed and as the kernel left it; the log buffer as a string. */
    @Test
    void bpfObjInfoAndLogBuffer() {
        FakeMemory in = new FakeMemory().putInts(A, 3, 200).putLongs(A + 8, 0x5294c0);
        FakeMemory out = new FakeMemory().putInts(A, 3, 104).putLongs(A + 8, 0x5294c0);
        Call ok = Calls.of("bpf").args(15, A, 16).atEntry(in).mem(out).exit(0);
        assertEquals("BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=3, info_len=200 => 104, info=0x5294c0}}, 16", args(ok));
        assertEquals(1, Formatters.entryArgs(Calls.of("bpf").args(15, A, 16).mem(in).enter(), 3));
        assertEquals("BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=3, info_len=200, info=0x5294c0}}, 16",
                args(Calls.of("bpf").args(15, A, 16).atEntry(in).mem(out).exit(EINVAL)));
        FakeMemory log = new FakeMemory().put(A, new byte[48]).putInts(A + 28, 4).putLongs(A + 32, A + 64)
                .putString(A + 64, "log text");
        assertEquals(true, args(Calls.of("bpf").args(5, A, 48).mem(log).enter()).contains("log_size=4, log_buf=\"log \"..."));
    }

    @Test
    void bpfAddressesWhenNotDecoded() {
        assertEquals("BPF_MAP_CREATE, NULL, 72", args(Calls.of("bpf").args(0, 0, 72).exit(EFAULT)));
        assertEquals("BPF_MAP_CREATE, 0x8, 72", args(Calls.of("bpf").args(0, 8, 72).exit(EFAULT)));
        assertEquals("0x3e7 /* BPF_??? */, 0x7ffee1f4a9c0, 144", args(Calls.of("bpf").args(999, A, 144).exit(EINVAL)));
        assertEquals("BPF_PROG_LOAD, 0x7ffee1f4a9c0, 144", args(Calls.of("bpf").args(5, A, 144).exit(EINVAL)));
        assertEquals("BPF_OBJ_GET_INFO_BY_FD, 0x7ffee1f4a9c0, 16", args(Calls.of("bpf").args(15, A, 16).exit(EINVAL)));
        assertEquals("BPF_MAP_LOOKUP_ELEM, 0x7ffee1f4a9c0, 0", args(Calls.of("bpf").args(1, A, 0).exit(EINVAL)));
    }

    @Test
    void seccompByOperation() {
        FakeMemory m = new FakeMemory().putInts(A, 0x80000000, 0x12345).putLongs(A + 16, 1, V).putBytes(A + 32, "P\0\u0018\0@\0");
        assertEquals("SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_KILL_PROCESS]",
                args(Calls.of("seccomp").args(2, 0, A).mem(m).exit(0)));
        assertEquals("SECCOMP_GET_ACTION_AVAIL, 0, [0x12345 /* SECCOMP_RET_??? */]",
                args(Calls.of("seccomp").args(2, 0, A + 4).mem(m).exit(EOPNOTSUPP)));
        assertEquals("SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC|SECCOMP_FILTER_FLAG_LOG, {len=1, filter=0x7ffee1f4a9a0}",
                args(Calls.of("seccomp").args(1, 3, A + 16).mem(m).exit(0)));
        assertEquals("SECCOMP_GET_NOTIF_SIZES, 0, {seccomp_notif=80, seccomp_notif_resp=24, seccomp_data=64}",
                args(Calls.of("seccomp").args(3, 0, A + 32).mem(m).exit(0)));
        assertEquals("SECCOMP_GET_NOTIF_SIZES, 0, 0x7ffee1f4a9e0", args(Calls.of("seccomp").args(3, 0, A + 32).mem(m).exit(EFAULT)));
        assertEquals("0x63 /* SECCOMP_SET_MODE_??? */, 0x100, NULL", args(Calls.of("seccomp").args(99, 0x100, 0).exit(EINVAL)));
        assertEquals("SECCOMP_SET_MODE_FILTER, 0, 0x8", args(Calls.of("seccomp").args(1, 0, 8).exit(EFAULT)));
        assertEquals(2, Formatters.entryArgs(Calls.of("seccomp").args(3, 0, A).enter(), 3));
    }
}
