package io.jstrace.syscalls;

/** How a syscall's successful return value is printed (strace's {@code RVAL_*}). */
public enum Ret {
    /** signed decimal: {@code = 3}. */
    DECIMAL,
    /** hexadecimal: {@code mmap} and {@code brk} return addresses, {@code = 0x7f...}. */
    HEX,
    /** octal: {@code umask} returns a mode, {@code = 022}. */
    OCTAL,
    /** a new file descriptor: decimal, decorated with its path under {@code -y}. */
    FD,
    /** unsigned decimal. */
    UNSIGNED,
    /** a process id ({@code getpid}, {@code fork}, {@code wait4}): decimal, with jstrace's id for it under {@code --pidns-translation}. */
    TGID,
    /** a thread id ({@code gettid}, {@code clone}), as {@link #TGID}. */
    TID,
    /** a process group id ({@code getpgrp}, {@code getpgid}), as {@link #TGID}. */
    PGID,
    /** a session id ({@code getsid}), as {@link #TGID}. */
    SID,
    /** the syscall does not return ({@code exit}, {@code exit_group}): {@code = ?}. */
    NONE
}
