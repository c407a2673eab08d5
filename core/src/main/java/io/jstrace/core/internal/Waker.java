package io.jstrace.core.internal;

import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.NativeBuffer;

/**
 * Wakes a tracer thread blocked in waitpid(-1): spawns /bin/true, a child of this
 * process whose exit waitpid(-1, __WALL) reports (and reaps).
 */
final class Waker {
    private Waker() {}

    static void wake(LibC libc) {
        NativeBuffer pid = NativeBuffer.allocate(4);
        NativeBuffer name = NativeBuffer.cString("true");
        NativeBuffer argv = NativeBuffer.allocate(16); // {"true", NULL}
        argv.putLong(0, name.address());
        NativeBuffer envp = NativeBuffer.allocate(8); // {NULL}
        libc.posix_spawn(pid, "/bin/true", null, null, argv, envp);
        java.lang.ref.Reference.reachabilityFence(name);
    }
}
