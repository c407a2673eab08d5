package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.SeccompIoctlCmds.*;

import io.jstrace.arch.Arch;
import io.jstrace.core.PidType;
import io.jstrace.syscalls.xlat.AuditArch;
import io.jstrace.syscalls.xlat.OpenFlags;
import io.jstrace.syscalls.xlat.SeccompAddfdFlags;
import io.jstrace.syscalls.xlat.SeccompNotifRespFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * seccomp user-notification ioctls on a listener descriptor (include/uapi/linux/seccomp.h,
 * seccomp_unotify(2)) as strace 6.1 prints them (src/seccomp_ioctl.c): the notification
 * SECCOMP_IOCTL_NOTIF_RECV receives (at exit; also at entry when the caller did not zero it),
 * the response of SECCOMP_IOCTL_NOTIF_SEND, the id of SECCOMP_IOCTL_NOTIF_ID_VALID, the
 * descriptor SECCOMP_IOCTL_NOTIF_ADDFD installs.
 */
final class SeccompIoctls {
    /** sizeof(struct seccomp_notif): id, pid, flags, then struct seccomp_data at 16. */
    private static final int NOTIF_SIZE = 80;
    /** SECCOMP_IOR(2, __u64): the id-valid request with the direction it had before Linux 5.17. */
    static final long NOTIF_ID_VALID_WRONG_DIR = 0x80082102L;

    private SeccompIoctls() {}

    static IoctlArg of(long r) {
        if (r == SECCOMP_IOCTL_NOTIF_RECV)
            return IoctlArg.in(SeccompIoctls::notif).writingBack(SeccompIoctls::received)
                    .deferredIf(SeccompIoctls::zeroed, NOTIF_SIZE);
        if (r == SECCOMP_IOCTL_NOTIF_SEND) return IoctlArg.in(SeccompIoctls::resp);
        if (r == SECCOMP_IOCTL_NOTIF_ID_VALID || r == NOTIF_ID_VALID_WRONG_DIR) return IoctlArg.in(SeccompIoctls::id);
        if (r == SECCOMP_IOCTL_NOTIF_ADDFD) return IoctlArg.in(SeccompIoctls::addfd);
        return null;
    }

    /** Whether the notification buffer is all zeros at entry: then strace prints it at exit only. */
    private static boolean zeroed(Call c) {
        byte[] raw = c.memory().read(c.arg(2), NOTIF_SIZE);
        if (raw == null) return false;
        for (byte b : raw) if (b != 0) return false;
        return true;
    }

    /** At exit, after " => ", the notification received, when the entry printed what was there. */
    private static Value received(Call c, long addr) {
        byte[] before = c.atEntry().read(addr, NOTIF_SIZE);
        if (before == null || zeroed(c.asAtEntry())) return null;
        if (TraceeArrays.exitFailed(c)) return new Value.Addr(addr);
        return notif(c, addr);
    }

    /** {@code struct seccomp_notif}: id, pid, flags, data (the syscall the target made). */
    private static Value notif(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, NOTIF_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        int arch = TraceeArrays.s32(raw, 20);
        List<Value> args = new ArrayList<>();
        for (int i = 0; i < 6; i++) args.add(Value.hex(TraceeArrays.u64(raw, 32 + 8 * i)));
        Value data = new Value.Struct(List.of(field("nr", syscall(TraceeArrays.s32(raw, 16), arch)),
                field("arch", Numbers.named(AuditArch.XLAT, arch & 0xffff_ffffL, "AUDIT_ARCH_???")),
                field("instruction_pointer", new Value.Addr(TraceeArrays.u64(raw, 24))),
                field("args", new Value.Arr(args, false))), false);
        return new Value.Struct(List.of(field("id", Value.hex(TraceeArrays.u64(raw, 0))),
                field("pid", Pids.pid(c, TraceeArrays.s32(raw, 8), PidType.TGID)),
                field("flags", Value.hex(u32(raw, 12))), field("data", data)), false);
    }

    /** A syscall number of an architecture: {@code __NR_gettid}, the number when unknown. */
    static Value syscall(int nr, int auditArch) {
        Arch arch = Arch.ofAudit(auditArch);
        String name = arch == null || nr < 0 ? null : arch.syscalls().name(nr);
        long v = nr & 0xffff_ffffL;
        return name == null ? new Value.Num(v, Value.Base.UNSIGNED) : new Value.Sym(v, "__NR_" + name, Value.Base.UNSIGNED);
    }

    /** {@code struct seccomp_notif_resp}: id, val, error (a negated errno), flags. */
    private static Value resp(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 24);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("id", Value.hex(TraceeArrays.u64(raw, 0))),
                field("val", Value.dec(TraceeArrays.u64(raw, 8))), field("error", Netlink.error(TraceeArrays.s32(raw, 16))),
                field("flags", Numbers.flags(SeccompNotifRespFlags.XLAT, u32(raw, 20), "SECCOMP_USER_NOTIF_FLAG_???"))),
                false);
    }

    /** The notification id, a __u64 in hex in brackets. */
    private static Value id(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Value.hex(TraceeArrays.u64(raw, 0))), false);
    }

    /** {@code struct seccomp_notif_addfd}: id, flags, the supervisor's srcfd, newfd and its open flags. */
    private static Value addfd(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 24);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("id", Value.hex(TraceeArrays.u64(raw, 0))),
                field("flags", Numbers.flags(SeccompAddfdFlags.XLAT, u32(raw, 8), "SECCOMP_ADDFD_FLAG_???")),
                field("srcfd", FileDecoders.descriptor(c, TraceeArrays.s32(raw, 12))),
                field("newfd", Value.dec(TraceeArrays.s32(raw, 16))),
                field("newfd_flags", Numbers.flags(OpenFlags.XLAT, u32(raw, 20), "O_???"))), false);
    }

    private static long u32(byte[] raw, int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }
}
