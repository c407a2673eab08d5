package io.jstrace.decode;

import io.jstrace.syscalls.xlat.SiCodes;
import io.jstrace.syscalls.xlat.SigbusCodes;
import io.jstrace.syscalls.xlat.SigchldCodes;
import io.jstrace.syscalls.xlat.SigfpeCodes;
import io.jstrace.syscalls.xlat.SigillCodes;
import io.jstrace.syscalls.xlat.SigpollCodes;
import io.jstrace.syscalls.xlat.SigsegvCodes;
import io.jstrace.syscalls.xlat.SigsysCodes;
import io.jstrace.syscalls.xlat.SigtrapCodes;
import io.jstrace.syscalls.xlat.Xlat;

/**
 * si_code names (include/uapi/asm-generic/siginfo.h): the generic SI_* codes, and for
 * positive codes of the fault and child signals, that signal's own table.
 */
final class SigCodes {
    static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_MESGQ = -3;
    private static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11, SIGCHLD = 17, SIGPOLL = 29,
            SIGSYS = 31;

    private SigCodes() {}

    static String name(int signo, int code) {
        String generic = SiCodes.XLAT.name(code);
        if (generic != null && (code <= 0 || code == SI_KERNEL)) return generic;
        Xlat table = switch (signo) {
            case SIGCHLD -> SigchldCodes.XLAT;
            case SIGSEGV -> SigsegvCodes.XLAT;
            case SIGBUS -> SigbusCodes.XLAT;
            case SIGILL -> SigillCodes.XLAT;
            case SIGFPE -> SigfpeCodes.XLAT;
            case SIGTRAP -> SigtrapCodes.XLAT;
            case SIGPOLL -> SigpollCodes.XLAT;
            case SIGSYS -> SigsysCodes.XLAT;
            default -> null;
        };
        String specific = table == null ? null : table.name(code);
        return specific != null ? specific : Integer.toString(code);
    }

    /** si_code by name, or as a number when it has none; {@code -X raw} prints it in hex (printxval). */
    static Value value(int signo, int code) {
        String name = name(signo, code);
        return name.equals(Integer.toString(code)) ? Value.dec(code) : new Value.Sym(code & 0xffff_ffffL, name);
    }

    /** SignalDecoders whose siginfo carries the faulting address. */
    static boolean isFault(int signo) {
        return signo == SIGSEGV || signo == SIGBUS || signo == SIGILL || signo == SIGFPE || signo == SIGTRAP;
    }
}
