package io.jstrace.core.internal;

import io.jstrace.arch.Arch;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.syscalls.SyscallTable;

/**
 * jstrace's start-up overlap, not API: binds libc and builds the syscall table on a
 * background thread, then runs a warm-up there, while the main thread parses the command
 * line; a later {@link io.jstrace.core.TraceSession#start()} finds them ready.
 */
public final class Preload {
    private Preload() {}

    /** Starts the preload thread; {@code then} runs on it after libc and the syscall table. */
    public static void start(Runnable then) {
        Thread t = new Thread(() -> {
            Native.libc();
            SyscallTable.of(Arch.host());
            then.run();
        }, "jstrace-preload");
        t.setDaemon(true);
        t.start();
    }
}
