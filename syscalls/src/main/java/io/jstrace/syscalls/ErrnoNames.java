package io.jstrace.syscalls;

import io.jstrace.syscalls.xlat.Errnos;
import io.jstrace.syscalls.xlat.Xlat;

/**
 * Names and messages of errno values as strace prints them after a failed call:
 * {@code -1 ENOENT (No such file or directory)}.
 *
 * <p>The names and glibc's texts are generated ({@link Errnos}, from
 * {@code syscalls/src/main/xlat/errnos.in}); the texts of the kernel-internal restart codes
 * are strace's own, checked against strace 6.1, which prints for example
 * {@code = ? ERESTARTSYS (To be restarted if SA_RESTART is set)}.
 */
public final class ErrnoNames {
    /** errno names: 1..133 and the kernel-internal codes from 512 on; aliases after. */
    public static final Xlat NAMES = Errnos.XLAT;

    private ErrnoNames() {}

    /**
     * The text strace prints in parentheses after the name, or {@code null} when there is none.
     * strace 6.1 then prints glibc's {@code Unknown error N} for a named value
     * ({@code -1 ENOTSUPP (Unknown error 524)}) and only the number for an unnamed one
     * ({@code -1 (errno 4095)}).
     */
    public static String message(int errno) {
        return switch (errno) {
            case (int) Errnos.ERESTARTSYS -> "To be restarted if SA_RESTART is set";
            case (int) Errnos.ERESTARTNOINTR -> "To be restarted";
            case (int) Errnos.ERESTARTNOHAND -> "To be restarted if no handler";
            case (int) Errnos.ERESTART_RESTARTBLOCK -> "Interrupted by signal";
            default -> Errnos.strerror(errno);
        };
    }

    /**
     * Whether strace prints a failure with this errno as {@code = ? NAME (...)} rather than
     * {@code = -1 NAME (...)}: the restart codes, which the kernel turns into a restart or
     * {@code EINTR} before the program sees them.
     */
    public static boolean isRestart(int errno) {
        return errno == Errnos.ERESTARTSYS
                || errno == Errnos.ERESTARTNOINTR
                || errno == Errnos.ERESTARTNOHAND
                || errno == Errnos.ERESTART_RESTARTBLOCK;
    }
}
