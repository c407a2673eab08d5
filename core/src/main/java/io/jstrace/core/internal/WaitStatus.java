package io.jstrace.core.internal;

/**
 * Decodes a waitpid(2) status word, as the W* macros of bits/waitstatus.h do.
 * A ptrace-stop is "stopped" with the stop signal in bits 8..15 and a
 * {@code PTRACE_EVENT_*} in bits 16..23.
 */
final class WaitStatus {
    /** {@code SIGTRAP | 0x80}: a syscall-stop under {@code PTRACE_O_TRACESYSGOOD}. */
    static final int SYSCALL_TRAP = 5 | 0x80;

    private WaitStatus() {}

    static boolean exited(int s) {
        return (s & 0x7f) == 0;
    }

    static int exitCode(int s) {
        return (s >> 8) & 0xff;
    }

    static boolean signaled(int s) {
        return (s & 0x7f) != 0 && (s & 0x7f) != 0x7f;
    }

    static int termSig(int s) {
        return s & 0x7f;
    }

    static boolean coreDumped(int s) {
        return (s & 0x80) != 0;
    }

    static boolean stopped(int s) {
        return (s & 0xff) == 0x7f;
    }

    static int stopSig(int s) {
        return (s >> 8) & 0xff;
    }

    static int event(int s) {
        return (s >> 16) & 0xff;
    }
}
