package io.jstrace.cli;

import io.jstrace.core.internal.Launcher;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/** The signals on which strace detaches and exits: SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM. */
final class Signals {
    private static final String[] TERMINATING = {"HUP", "INT", "QUIT", "PIPE", "TERM"};
    private static final long SIG_DFL = 0;
    /** The terminating signal that arrived first, 0 before one did: jstrace dies of it at the end. */
    private static volatile int fatal;
    /** The signal that killed the launched command, which jstrace dies of too at the end, as strace does. */
    private static volatile int mimicked;
    /** include/uapi/asm-generic/resource.h */
    private static final int RLIMIT_CORE = 4;

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
        for (String name : TERMINATING) handle(name, sig -> {});
    }

    /**
     * strace's interactive mode: runs {@code handler} with the signal number when one of
     * them arrives, whatever disposition jstrace inherited (a {@code &} job of a script is
     * given SIGINT and SIGQUIT ignored), and remembers the first for {@link #exit}.
     */
    static void onTermination(IntConsumer handler) {
        for (String name : TERMINATING) {
            // the JVM keeps SIGQUIT for its thread dump; default, it would kill jstrace undetached
            if (!name.equals("QUIT")) Launcher.unignore(new Signal(name).getNumber());
            handle(name, sig -> {
                if (fatal == 0) fatal = sig;
                PumpedOutput.abandon(); // a reader who stopped reading cannot hold up the detach
                handler.accept(sig);
            });
        }
    }

    /**
     * jstrace ends by {@code sig} too, the signal that killed the command (strace.c main:
     * "Child was killed by a signal, mimic that"), with no core dump of its own.
     */
    static void mimic(int sig) {
        mimicked = sig;
    }

    private static void handle(String name, IntConsumer handler) {
        try {
            Signal.handle(new Signal(name), s -> handler.accept(s.getNumber()));
        } catch (IllegalArgumentException e) {
            // the JVM reserves it (QUIT without -Xrs: its thread dump): it keeps its own meaning
        }
    }

    /**
     * Ends jstrace: with {@code status}, or, when a terminating signal made it detach or a
     * signal killed the command, by that signal, as strace does (strace.c: terminate, "mimic
     * that": the default disposition, then raise), so that a shell sees a signal death and
     * stops a script. Output is flushed first, and then the JVM halts: jstrace registers no
     * shutdown hook, and System.exit would first set up the JDK's logging, to log the exit
     * (JDK 21 and later, Runtime.exit), which took 8 ms of every start-up on JDK 25.
     */
    static void exit(int status) {
        int sig = fatal != 0 ? fatal : mimicked;
        System.out.flush();
        System.err.flush();
        if (sig != 0) {
            PumpedOutput.finish(500);
            LibC libc = Native.libc();
            if (fatal == 0) libc.setrlimit(RLIMIT_CORE, NativeBuffer.allocate(16)); // a JVM's core clobbers the command's
            libc.signal(sig, SIG_DFL);
            libc.kill((int) ProcessHandle.current().pid(), sig);
            try {
                Thread.sleep(1000); // it is on its way to this process
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = 128 + sig; // strace's paranoia: the signal was not fatal
        }
        Runtime.getRuntime().halt(status);
    }
}
