package io.jstrace.syscalls;

/**
 * A signal number. Open: any number prints ({@code Signal.of(99)} prints as {@code 99}).
 *
 * @param number the signal number
 */
public record Signal(int number) {
    public static final Signal SIGHUP = of(1), SIGINT = of(2), SIGQUIT = of(3), SIGTRAP = of(5), SIGKILL = of(9),
            SIGUSR1 = of(10), SIGSEGV = of(11), SIGPIPE = of(13), SIGTERM = of(15), SIGCHLD = of(17),
            SIGCONT = of(18), SIGSTOP = of(19), SIGTSTP = of(20), SIGTTIN = of(21), SIGTTOU = of(22);

    /** The signal with this number. */
    public static Signal of(int number) {
        return new Signal(number);
    }

    /** The signal named {@code name} ({@code "SIGTERM"} or {@code "TERM"}), or {@code null}. */
    public static Signal named(String name) {
        String full = name.startsWith("SIG") ? name : "SIG" + name;
        Long v = SignalNames.NAMES.value(full);
        return v == null ? null : new Signal(v.intValue());
    }

    /** The name as strace prints it: {@code SIGTERM}, {@code SIGRT_2}; the number when unnamed. */
    public String name() {
        String n = SignalNames.name(number);
        return n != null ? n : Integer.toString(number);
    }

    @Override
    public String toString() {
        return name();
    }
}
