package io.jstrace.syscalls;

/** When an argument can be decoded: its memory is only meaningful at one of the two stops. */
public enum Phase {
    /** At syscall-enter-stop: the tracee passes the value in (a path, a write buffer). */
    ENTRY,
    /** At syscall-exit-stop: the kernel fills the value in (a read buffer, a struct stat). */
    EXIT
}
