package io.jstrace.core;

import io.jstrace.syscalls.SyscallInfo;

/**
 * A syscall-enter-stop.
 *
 * @param pid       process id
 * @param tid       thread id
 * @param timestamp epoch nanoseconds
 * @param number    the syscall number as the tracee passed it
 * @param syscall   what the catalogue knows of it, not {@code null} (unknown numbers get a row too)
 * @param args      the argument registers, captured here and carried to the exit
 * @param instructionPointer the tracee's program counter at the stop
 * @param stackPointer       the tracee's stack pointer at the stop
 */
public record SyscallEnter(int pid, int tid, long timestamp, long number, SyscallInfo syscall, SyscallArgs args,
        long instructionPointer, long stackPointer) implements TraceRecord {

    /** An enter whose registers other than the arguments are unknown (0). */
    public SyscallEnter(int pid, int tid, long timestamp, long number, SyscallInfo syscall, SyscallArgs args) {
        this(pid, tid, timestamp, number, syscall, args, 0, 0);
    }

    /** The syscall's name, e.g. {@code "openat"}. */
    public String name() {
        return syscall.name();
    }
}
