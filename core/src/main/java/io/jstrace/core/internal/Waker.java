package io.jstrace.core.internal;

import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes the tracer thread from its waitpid(-1, __WALL | __WNOTHREAD). That wait sees only
 * the tracer thread's own children and tracees (wait(2), __WNOTHREAD; kernel/exit.c,
 * do_wait: the thread group's other threads are skipped), so the waker must be a child of
 * the tracer thread itself: armed there, it is {@code /bin/sh} reading a pipe whose write
 * end only this JVM holds. Any thread wakes the tracer by closing that end: the shell
 * reads end-of-file and exits, and the wait reports it. A shell whose JVM dies reads
 * end-of-file too, so none is ever left behind. (A signal would not wake the wait: the JVM
 * installs its handlers with SA_RESTART.)
 */
final class Waker {
    private static final int O_CLOEXEC = 0x80000;

    private final LibC libc;
    private final AtomicInteger writeEnd = new AtomicInteger(-1);
    private int pid = -1;

    Waker(LibC libc) {
        this.libc = libc;
    }

    /** Starts a waker shell; on the tracer thread only. False when it cannot be started. */
    boolean arm() {
        NativeBuffer fds = NativeBuffer.allocate(8);
        if (libc.pipe2(fds, O_CLOEXEC) != 0) return false;
        int read = fds.getInt(0), write = fds.getInt(4);
        // only the pipe: a waker holding the JVM's stdout or stderr would keep a reader of
        // them from its end-of-file (the traced command's pipe, once jstrace lets go of it)
        NativeBuffer actions = Launcher.closeOthers(libc, new java.util.HashSet<>(java.util.List.of(0, read)));
        libc.posix_spawn_file_actions_adddup2(actions, read, 0);
        NativeBuffer pidOut = NativeBuffer.allocate(4);
        NativeBuffer sh = NativeBuffer.cString("sh"), c = NativeBuffer.cString("-c"), cmd = NativeBuffer.cString("read _");
        NativeBuffer argv = NativeBuffer.allocate(32); // {"sh", "-c", "read _", NULL}
        argv.putLong(0, sh.address());
        argv.putLong(8, c.address());
        argv.putLong(16, cmd.address());
        NativeBuffer envp = NativeBuffer.allocate(8); // {NULL}
        int err = libc.posix_spawn(pidOut, "/bin/sh", actions, null, argv, envp);
        libc.posix_spawn_file_actions_destroy(actions);
        java.lang.ref.Reference.reachabilityFence(new Object[] {sh, c, cmd});
        libc.close(read);
        if (err != 0) {
            libc.close(write);
            return false;
        }
        pid = pidOut.getInt(0);
        writeEnd.set(write);
        return true;
    }

    /** Wakes the tracer thread; from any thread, any number of times. */
    void wake() {
        int fd = writeEnd.getAndSet(-1);
        if (fd >= 0) libc.close(fd);
    }

    /** Whether {@code tid}, which the tracer's wait reported, is this waker (then it is gone). */
    boolean is(int tid) {
        if (tid != pid) return false;
        pid = -1;
        wake(); // a waker that died of something else (a terminal's SIGINT) leaves its pipe
        return true;
    }

    /** Ends the waker, if one is armed, and reaps it; on the tracer thread. */
    void disarm() {
        wake();
        if (pid > 0) libc.waitpid(pid, NativeBuffer.allocate(4), 0);
        pid = -1;
    }
}
