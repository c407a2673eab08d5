package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.PtraceSyscallInfoOps.*;

import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.xlat.AuditArch;
import io.jstrace.syscalls.xlat.PtraceSyscallInfoOps;
import java.util.ArrayList;
import java.util.List;

/**
 * PTRACE_GET_SYSCALL_INFO's {@code struct ptrace_syscall_info} (include/uapi/linux/ptrace.h),
 * as strace 6.1 prints it: the kernel copies min(addr, its size) bytes and returns its size
 * (kernel/ptrace.c ptrace_get_syscall_info), so only the members wholly within the smaller of
 * the two print: op, arch, instruction_pointer, stack_pointer, then by op the entry's
 * {@code {nr, args}}, the exit's {@code {rval, is_error}} or seccomp's {@code {nr, args, ret_data}}.
 */
final class PtraceSyscallInfo {
    private PtraceSyscallInfo() {}

    /** Where the union starts: the common part's size. */
    private static final int UNION = 24;
    /** The args of entry and seccomp, after their __u64 nr. */
    private static final int ARGS = UNION + 8;
    /** exit: __s64 rval, then __u8 is_error. */
    private static final int EXIT_SIZE = UNION + 9;
    /** seccomp: nr, six args, then __u32 ret_data. */
    private static final int SECCOMP_SIZE = ARGS + 6 * 8 + 4;

    /** The struct at {@code addr} as far as both the tracee's buffer and the kernel's answer reach. */
    static Value info(Call c, long addr) {
        long len = SECCOMP_SIZE;
        if (Long.compareUnsigned(c.arg(2), len) < 0) len = c.arg(2);
        if (Long.compareUnsigned(c.ret(), len) < 0) len = c.ret();
        byte[] raw = len <= 0 ? null : c.memory().read(addr, (int) len);
        if (raw == null) return new Value.Addr(addr);
        RawStruct s = new RawStruct(c, raw);
        List<Field> f = new ArrayList<>();
        long op = s.u8(0);
        f.add(field("op", Numbers.named(PtraceSyscallInfoOps.XLAT, op, "PTRACE_SYSCALL_INFO_???")));
        int arch = len >= 8 ? s.s32(4) : 0;
        if (len >= 8) f.add(field("arch", Numbers.named(AuditArch.XLAT, arch & 0xffff_ffffL, "AUDIT_ARCH_???")));
        if (len >= 16) f.add(field("instruction_pointer", new Value.Addr(s.u64(8))));
        if (len >= 24) f.add(field("stack_pointer", new Value.Addr(s.u64(16))));
        if (len >= ARGS) {
            if (op == PTRACE_SYSCALL_INFO_ENTRY) f.add(field("entry", call(s, arch, false)));
            else if (op == PTRACE_SYSCALL_INFO_SECCOMP) f.add(field("seccomp", call(s, arch, true)));
            else if (op == PTRACE_SYSCALL_INFO_EXIT) f.add(field("exit", exit(s)));
        }
        return new Value.Struct(f, false);
    }

    /** entry and seccomp: the syscall's number, the args that fit, seccomp's ret_data. */
    private static Value call(RawStruct s, int arch, boolean seccomp) {
        List<Field> f = new ArrayList<>();
        long nr = s.u64(UNION);
        f.add(field("nr", nr == (int) nr ? SeccompIoctls.syscall((int) nr, arch) : new Value.Num(nr, Value.Base.UNSIGNED)));
        int nargs = Math.min((s.raw().length - ARGS) / 8, 6);
        List<Value> args = new ArrayList<>();
        for (int k = 0; k < nargs; k++) args.add(Value.hex(s.u64(ARGS + 8 * k)));
        if (nargs > 0) f.add(field("args", new Value.Arr(args, false)));
        if (seccomp && s.raw().length >= SECCOMP_SIZE) f.add(field("ret_data", s.unsigned32(ARGS + 48)));
        return new Value.Struct(f, false);
    }

    /** exit: rval, an error's name when is_error is there and set, then is_error. */
    private static Value exit(RawStruct s) {
        long rval = s.u64(UNION);
        boolean whole = s.raw().length >= EXIT_SIZE;
        boolean error = whole && s.u8(UNION + 8) != 0;
        Value r = error && rval == (int) rval ? Netlink.error((int) rval) : Value.dec(rval);
        if (!whole) return new Value.Struct(List.of(field("rval", r)), false);
        return new Value.Struct(List.of(field("rval", r), field("is_error", new Value.Num(s.u8(UNION + 8),
                Value.Base.UNSIGNED))), false);
    }
}
