package io.jstrace.syscalls;

import io.jstrace.syscalls.xlat.Signals;
import io.jstrace.syscalls.xlat.Xlat;

/**
 * Signal names as strace prints them. The table is generated ({@link Signals}, from
 * {@code syscalls/src/main/xlat/signals.in}); realtime signals are named here.
 *
 * <p>strace 6.1 counts realtime signals from the kernel's {@code SIGRTMIN} (32), not glibc's
 * (34): 32 is {@code SIGRTMIN}, 33..64 are {@code SIGRT_1}..{@code SIGRT_32}, and 65 and up
 * have no name (checked with {@code kill(2)} and {@code rt_sigaction(2)} under strace 6.1).
 * In signal sets strace drops the prefix: {@code [HUP RTMIN RT_1]}.
 */
public final class SignalNames {
    /** Signal names: SIGHUP..SIGSYS and SIGRTMIN. */
    public static final Xlat NAMES = Signals.XLAT;

    private SignalNames() {}

    /** The name strace prints for signal {@code n}: {@code SIGTERM}, {@code SIGRT_2}; {@code null} when none. */
    public static String name(int n) {
        String name = NAMES.name(n);
        if (name != null) return name;
        if (n > Signals.SIGRTMIN && n <= Signals._NSIG) return "SIGRT_" + (n - Signals.SIGRTMIN);
        return null;
    }
}
