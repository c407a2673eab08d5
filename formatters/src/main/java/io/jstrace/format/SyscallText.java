package io.jstrace.format;

import io.jstrace.core.SyscallExit;
import io.jstrace.syscalls.Errno;
import io.jstrace.syscalls.ErrnoNames;

/** The pieces of a syscall's strace line: its arguments and its result. */
final class SyscallText {
    private SyscallText() {}

    /** Arguments {@code from} to {@code to} (exclusive), comma-separated. */
    static void args(Call call, int from, int to, StraceText text, StringBuilder out) {
        for (int i = from; i < to; i++) {
            if (i > from) out.append(", ");
            text.render(Formatters.format(call, i), out);
        }
    }

    /**
     * What follows {@code = }: the value as the syscall's Ret says, or {@code -1 ENOENT (No
     * such file or directory)}, {@code ? ERESTARTSYS (...)} for the kernel's restart codes,
     * {@code -1 (errno 4095)} for a number without a name.
     */
    static String result(Call call, StraceText text) {
        SyscallExit x = call.exit();
        if (x.failed()) {
            Errno e = x.errno();
            if (!e.known()) return "-1 (errno " + e.number() + ")";
            return (ErrnoNames.isRestart(e.number()) ? "? " : "-1 ") + e.name() + " (" + e.message() + ")";
        }
        long r = x.returnValue();
        if (call.raw() && x.enter().syscall().ret() != io.jstrace.syscalls.Ret.NONE) return Verbosity.rawResult(r);
        Value decoded = Formatters.returnValue(call);
        if (decoded != null) return text.render(decoded);
        return switch (x.enter().syscall().ret()) {
            case HEX -> r == 0 ? "0" : "0x" + Long.toHexString(r);
            case OCTAL -> r == 0 ? "0" : "0" + Long.toOctalString(r);
            case UNSIGNED -> Long.toUnsignedString(r);
            case FD -> call.options().decodesFds() ? text.render(Files.descriptor(call, r)) : Long.toString(r);
            case NONE -> "?";
            default -> Long.toString(r) + Formatters.resultComment(call);
        };
    }
}
