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
    private static final int SI_KERNEL = 0x80;
    private static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11, SIGCHLD = 17, SIGPOLL = 29,
            SIGSYS = 31;

    private SigCodes() {}

    /** The code's name, or null when neither table has it. */
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
        return table == null ? null : table.name(code);
    }

    /**
     * si_code by name, or in hex when it has none (print_si_code's printxval: {@code 0x7},
     * {@code 0xbadc0ded}); {@code -X raw} prints it in hex too.
     */
    static Value value(int signo, int code) {
        String name = name(signo, code);
        long v = code & 0xffff_ffffL;
        return name == null ? Value.hex(v) : new Value.Sym(v, name);
    }
}
