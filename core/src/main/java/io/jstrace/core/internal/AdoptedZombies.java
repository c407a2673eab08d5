package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Ptrace.WNOHANG;
import static io.jstrace.core.internal.jnr.Ptrace.__WALL;

import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The exited tracees jstrace reaps itself when it is the init of its pid namespace
 * ({@code unshare --pid --fork jstrace ...}): an orphan is re-parented to the namespace's
 * init (pid_namespaces(7); kernel/exit.c, find_new_reaper), whose first thread the JVM's is,
 * not the tracer thread, whose waits (__WNOTHREAD) do not see it. Left a zombie, it would
 * hold up every namespace below it: the init of a namespace that exits waits until each of
 * its processes is reaped (kernel/pid_namespace.c, zap_pid_ns_processes). Only former
 * tracees are reaped, by pid, so a child the JDK started keeps its status for the JDK.
 */
final class AdoptedZombies {
    private final LibC libc;
    private final boolean init = ProcessHandle.current().pid() == 1;
    private final Set<Integer> exited = new HashSet<>();
    private final NativeBuffer status = NativeBuffer.allocate(4);

    AdoptedZombies(LibC libc) {
        this.libc = libc;
    }

    /** Process {@code pid}, a tracee, has exited: reaps it and the others when they are jstrace's. */
    void exited(int pid) {
        if (!init) return;
        exited.add(pid);
        reap();
    }

    /** Reaps each exited tracee that is jstrace's child by now; forgets those reaped by another. */
    void reap() {
        exited.removeIf(pid -> libc.waitpid(pid, status, WNOHANG | __WALL) == pid
                || !Files.exists(Path.of(ProcFs.pidDir(pid))));
    }
}
