package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.BpfAttachTypes;
import io.jstrace.syscalls.xlat.BpfCmds;
import io.jstrace.syscalls.xlat.BpfMapFlags;
import io.jstrace.syscalls.xlat.BpfMapTypes;
import io.jstrace.syscalls.xlat.BpfMapUpdateFlags;
import io.jstrace.syscalls.xlat.BpfProgFlags;
import io.jstrace.syscalls.xlat.BpfProgTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bpf(2)'s union bpf_attr (include/uapi/linux/bpf.h) for the map commands and BPF_PROG_LOAD, as strace 6.1
 * prints it (src/bpf.c): the members of the command's struct that the size argument covers.
 * BPF_OBJ_GET_INFO_BY_FD's prints at exit; the other commands print the attr's address. The
 * commands that make a descriptor return it with its path under -y.
 */
final class Bpf {
    /** The map_create part of union bpf_attr, up to map_extra. */
    private static final int MAP_CREATE_SIZE = 72;
    /** The map_elem part: map_fd, key, value or next_key, flags. */
    private static final int MAP_ELEM_SIZE = 32;
    /** The prog_load part as strace 6.1 knows it, up to fd_array. */
    private static final int PROG_LOAD_SIZE = 128;
    private static final long BPF_F_NUMA_NODE = 4;

    private Bpf() {}

    /** The obj_info part: bpf_fd, info_len, info. */
    private static final int INFO_SIZE = 16;
    /** The commands whose successful return is a new descriptor (include/uapi/linux/bpf.h). */
    private static final java.util.Set<Long> NEW_FD = java.util.Set.of(BpfCmds.BPF_MAP_CREATE, BpfCmds.BPF_PROG_LOAD,
            BpfCmds.BPF_OBJ_GET, BpfCmds.BPF_PROG_GET_FD_BY_ID, BpfCmds.BPF_MAP_GET_FD_BY_ID,
            BpfCmds.BPF_RAW_TRACEPOINT_OPEN, BpfCmds.BPF_BTF_LOAD, BpfCmds.BPF_BTF_GET_FD_BY_ID,
            BpfCmds.BPF_LINK_CREATE, BpfCmds.BPF_LINK_GET_FD_BY_ID, BpfCmds.BPF_ITER_CREATE);

    private static long cmd(Call c) {
        return c.arg(0) & 0xffff_ffffL;
    }

    /** bpf's attr: the attr by command; size is the next argument. */
    static Value attr(Call c, int i) {
        long cmd = cmd(c), addr = c.arg(i);
        if (cmd == BpfCmds.BPF_OBJ_GET_INFO_BY_FD) return objInfo(c, addr, c.arg(i + 1) & 0xffff_ffffL);
        long size = Math.min(c.arg(i + 1) & 0xffff_ffffL, structSize(cmd));
        if (addr == 0 || !decoded(cmd) || size == 0) return new Addr(addr);
        byte[] raw = c.memory().read(addr, (int) size);
        if (raw == null) return new Value.Unreadable(addr);
        raw = Arrays.copyOf(raw, PROG_LOAD_SIZE);
        List<Field> f = new ArrayList<>();
        if (cmd == BpfCmds.BPF_MAP_CREATE) mapCreate(c, raw, size, f);
        else if (cmd == BpfCmds.BPF_PROG_LOAD) progLoad(c, raw, size, f);
        else mapElem(c, cmd, raw, size, f);
        return new Value.Struct(f, false);
    }

    /**
     * BPF_OBJ_GET_INFO_BY_FD's {@code {info={bpf_fd=3, info_len=88, info=0x...}}}, printed at
     * exit: info_len as passed in, then what the kernel wrote there when it changed.
     */
    private static Value objInfo(Call c, long addr, long size) {
        if (addr == 0 || size == 0) return new Addr(addr);
        byte[] in = c.atEntry().read(addr, INFO_SIZE);
        if (in == null) in = c.memory().read(addr, INFO_SIZE);
        if (in == null) return new Value.Unreadable(addr);
        Value len = unsigned(in, 4);
        byte[] out = c.succeeded() ? c.memory().read(addr + 4, 4) : null;
        if (out != null && u32(out, 0) != u32(in, 4)) len = new Value.Changed(len, unsigned(out, 0));
        return new Value.Struct(List.of(field("info", new Value.Struct(List.of(
                field("bpf_fd", FileDecoders.descriptor(c, TraceeArrays.s32(in, 0))), field("info_len", len),
                field("info", new Addr(TraceeArrays.u64(in, 8)))), false))), false);
    }

    private static long structSize(long cmd) {
        if (cmd == BpfCmds.BPF_MAP_CREATE) return MAP_CREATE_SIZE;
        return cmd == BpfCmds.BPF_PROG_LOAD ? PROG_LOAD_SIZE : MAP_ELEM_SIZE;
    }

    private static boolean decoded(long cmd) {
        return cmd == BpfCmds.BPF_MAP_CREATE || cmd == BpfCmds.BPF_PROG_LOAD || cmd == BpfCmds.BPF_MAP_LOOKUP_ELEM || cmd == BpfCmds.BPF_MAP_UPDATE_ELEM
                || cmd == BpfCmds.BPF_MAP_DELETE_ELEM || cmd == BpfCmds.BPF_MAP_GET_NEXT_KEY;
    }

    /** Each member prints when the size reaches past its offset. */
    private static void mapCreate(Call c, byte[] raw, long size, List<Field> f) {
        long flags = u32(raw, 16);
        f.add(field("map_type", Numbers.named(BpfMapTypes.XLAT, u32(raw, 0), "BPF_MAP_TYPE_???")));
        add(f, size, 4, "key_size", unsigned(raw, 4));
        add(f, size, 8, "value_size", unsigned(raw, 8));
        add(f, size, 12, "max_entries", unsigned(raw, 12));
        if (size <= 16) return;
        f.add(field("map_flags", Numbers.flags(BpfMapFlags.XLAT, flags, "BPF_F_???")));
        add(f, size, 20, "inner_map_fd", FileDecoders.descriptor(c, TraceeArrays.s32(raw, 20)));
        if ((flags & BPF_F_NUMA_NODE) != 0) add(f, size, 24, "numa_node", unsigned(raw, 24));
        if (size <= 28) return;
        f.add(field("map_name", objName(raw, 28, size)));
        add(f, size, 44, "map_ifindex", unsigned(raw, 44));
        add(f, size, 48, "btf_fd", FileDecoders.descriptor(c, TraceeArrays.s32(raw, 48)));
        add(f, size, 52, "btf_key_type_id", unsigned(raw, 52));
        add(f, size, 56, "btf_value_type_id", unsigned(raw, 56));
        add(f, size, 60, "btf_vmlinux_value_type_id", unsigned(raw, 60));
        add(f, size, 64, "map_extra", new Num(TraceeArrays.u64(raw, 64), Base.UNSIGNED));
    }

    /** map_name, prog_name: up to the NUL within the 16 bytes (BPF_OBJ_NAME_LEN) the size covers. */
    private static Value objName(byte[] raw, int off, long size) {
        int len = (int) Math.min(16, size - off), n = 0;
        while (n < len && raw[off + n] != 0) n++;
        return new Value.Str(Arrays.copyOfRange(raw, off, off + n), false);
    }

    /**
     * BPF_PROG_LOAD: the program by address, the license string, the log buffer,
     * kern_version as {@code KERNEL_VERSION(a, b, c)}, then the BTF and attach members.
     */
    private static void progLoad(Call c, byte[] raw, long size, List<Field> f) {
        f.add(field("prog_type", Numbers.named(BpfProgTypes.XLAT, u32(raw, 0), "BPF_PROG_TYPE_???")));
        add(f, size, 4, "insn_cnt", unsigned(raw, 4));
        add(f, size, 8, "insns", new Addr(TraceeArrays.u64(raw, 8)));
        add(f, size, 16, "license", Strings.cString(c, TraceeArrays.u64(raw, 16), c.options().stringLimit()));
        add(f, size, 24, "log_level", unsigned(raw, 24));
        add(f, size, 28, "log_size", unsigned(raw, 28));
        add(f, size, 32, "log_buf", Strings.cStringWithin(c, TraceeArrays.u64(raw, 32), u32(raw, 28)));
        long kv = u32(raw, 40);
        add(f, size, 40, "kern_version", new Value.Decoded(Value.hex(kv), new Value.Fn("KERNEL_VERSION",
                List.of(Value.dec(kv >>> 16), Value.dec(kv >>> 8 & 0xff), Value.dec(kv & 0xff)), false)));
        add(f, size, 44, "prog_flags", Numbers.flags(BpfProgFlags.XLAT, u32(raw, 44), "BPF_F_???"));
        if (size > 48) f.add(field("prog_name", objName(raw, 48, size)));
        add(f, size, 64, "prog_ifindex", unsigned(raw, 64));
        add(f, size, 68, "expected_attach_type", Numbers.named(BpfAttachTypes.XLAT, u32(raw, 68), "BPF_???"));
        add(f, size, 72, "prog_btf_fd", FileDecoders.descriptor(c, TraceeArrays.s32(raw, 72)));
        add(f, size, 76, "func_info_rec_size", unsigned(raw, 76));
        add(f, size, 80, "func_info", new Addr(TraceeArrays.u64(raw, 80)));
        add(f, size, 88, "func_info_cnt", unsigned(raw, 88));
        add(f, size, 92, "line_info_rec_size", unsigned(raw, 92));
        add(f, size, 96, "line_info", new Addr(TraceeArrays.u64(raw, 96)));
        add(f, size, 104, "line_info_cnt", unsigned(raw, 104));
        add(f, size, 108, "attach_btf_id", unsigned(raw, 108));
        add(f, size, 112, "attach_prog_fd", FileDecoders.descriptor(c, TraceeArrays.s32(raw, 112)));
        add(f, size, 120, "fd_array", new Addr(TraceeArrays.u64(raw, 120)));
    }

    private static void mapElem(Call c, long cmd, byte[] raw, long size, List<Field> f) {
        f.add(field("map_fd", FileDecoders.descriptor(c, TraceeArrays.s32(raw, 0))));
        add(f, size, 8, "key", new Addr(TraceeArrays.u64(raw, 8)));
        if (cmd == BpfCmds.BPF_MAP_DELETE_ELEM) return;
        add(f, size, 16, cmd == BpfCmds.BPF_MAP_GET_NEXT_KEY ? "next_key" : "value", new Addr(TraceeArrays.u64(raw, 16)));
        if (cmd == BpfCmds.BPF_MAP_GET_NEXT_KEY) return;
        add(f, size, 24, "flags", Numbers.named(BpfMapUpdateFlags.XLAT, TraceeArrays.u64(raw, 24), "BPF_???"));
    }

    private static void add(List<Field> f, long size, int offset, String name, Value v) {
        if (size > offset) f.add(field(name, v));
    }

    private static Value unsigned(byte[] raw, int off) {
        return new Num(u32(raw, off), Base.UNSIGNED);
    }

    private static long u32(byte[] raw, int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i == 1 ? attr(c, i) : SyscallDecoder.super.arg(c, i);
            }

            /** BPF_OBJ_GET_INFO_BY_FD's attr prints at exit, with what the kernel changed. */
            @Override
            public int entryArgs(Call c, int visible) {
                return cmd(c) == BpfCmds.BPF_OBJ_GET_INFO_BY_FD ? 1 : visible;
            }

            @Override
            public boolean separatorAtExit(Call c) {
                return true;
            }

            @Override
            public void capture(Call c, EntryMemory.Capture keep) {
                if (cmd(c) == BpfCmds.BPF_OBJ_GET_INFO_BY_FD) keep.keep(c.arg(1), INFO_SIZE);
            }

            /** The commands that make a descriptor return it, with its path under -y. */
            @Override
            public Value returnValue(Call c) {
                if (!NEW_FD.contains(cmd(c)) || !c.options().decodesFds()) return null;
                return FileDecoders.descriptor(c, c.ret());
            }
        }, "bpf");
    }
}
