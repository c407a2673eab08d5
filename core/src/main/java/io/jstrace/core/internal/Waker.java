package io.jstrace.core.internal;

import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Wakes a tracer thread blocked in waitpid(-1): spawns /bin/true, a child of this
 * process whose exit waitpid(-1, __WALL) reports (and reaps).
 */
final class Waker {
    private Waker() {}

    static void wake(LibC libc) {
        var rt = Native.runtime();
        Pointer pid = Memory.allocateDirect(rt, 4);
        Pointer argv = Memory.allocateDirect(rt, 16);
        Pointer name = Memory.allocateDirect(rt, 5);
        name.putString(0, "true", 5, java.nio.charset.StandardCharsets.US_ASCII);
        argv.putAddress(0, name.address());
        argv.putAddress(8, 0);
        Pointer envp = Memory.allocateDirect(rt, 8);
        envp.putAddress(0, 0);
        libc.posix_spawn(pid, "/bin/true", null, null, argv, envp);
    }
}
