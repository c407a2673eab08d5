package io.jstrace.cli;

import java.util.function.IntConsumer;
import sun.misc.Signal;

/** The signals on which strace detaches and exits: SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM. */
final class Signals {
    private static final String[] TERMINATING = {"HUP", "INT", "QUIT", "PIPE", "TERM"};

    private Signals() {}

    /** Runs {@code action} each time SIGUSR1 arrives (strace #48: the summary so far, on demand). */
    static void onUsr1(Runnable action) {
        Signal.handle(new Signal("USR1"), s -> action.run());
    }

    /**
     * strace's non-interactive mode ({@code -o FILE} with a command): the signals are
     * ignored, so a terminal's Ctrl-C is the command's alone to act on (strace.c: "In
     * non-interactive mode these signals are ignored"). Caught, not SIG_IGN: a caught
     * signal is default again in the command after its exec, and one that jstrace was
     * given ignored (the JVM leaves it so) stays ignored in the command, as with strace.
     */
    static void ignoreTermination() {
        onTermination(sig -> {});
    }

    /** Runs {@code handler} with the signal number when one of them arrives. */
    static void onTermination(IntConsumer handler) {
        for (String name : TERMINATING) {
            try {
                Signal.handle(new Signal(name), s -> handler.accept(s.getNumber()));
            } catch (IllegalArgumentException e) {
                // the JVM reserves it (QUIT without -Xrs): it keeps its own meaning
            }
        }
    }
}
