package io.jstrace.core.internal;

import io.jstrace.arch.Arch;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.syscalls.SyscallTable;

/**
 * jstrace's start-up overlap, not API: binds libc and builds the syscall table on a
 * background thread, then runs a warm-up there, while the main thread parses the command
 * line; a later {@link io.jstrace.core.TraceSession#start()} finds them ready.
 */
public final class Preload implements Runnable {
    private final Runnable then;

    private Preload(Runnable then) {
        this.then = then;
    }

    /**
     * Starts the preload thread; {@code then}, when not {@code null}, runs on it after libc
     * and the syscall table. Whatever fails here is only a head start lost, and fails again
     * where it matters (or the JVM is already exiting, having printed a usage error):
     * nothing is printed.
     */
    public static void start(Runnable then) {
        Thread t = new Thread(new Preload(then), "jstrace-preload");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        try {
            Native.libc();
            SyscallTable.of(Arch.host());
            if (then != null) then.run();
        } catch (Throwable e) {
            // the main thread binds and builds again, and reports what fails
        }
    }
}
