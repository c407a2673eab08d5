package io.jstrace.syscalls;

/** strace's syscall classes, as used by {@code -e trace=%CLASS}. */
public enum Category {
    FILE("%file"),
    PROCESS("%process"),
    NET("%net"),
    SIGNAL("%signal"),
    IPC("%ipc"),
    DESC("%desc"),
    MEMORY("%memory"),
    CREDS("%creds"),
    CLOCK("%clock"),
    /** stat-family on paths: {@code %stat}. */
    STAT("%stat"),
    LSTAT("%lstat"),
    FSTAT("%fstat"),
    /** every stat variant: {@code %%stat}. */
    STAT_LIKE("%%stat"),
    STATFS("%statfs"),
    FSTATFS("%fstatfs"),
    STATFS_LIKE("%%statfs"),
    /** takes no arguments and cannot fail ({@code getpid}). */
    PURE("%pure");

    private final String className;

    Category(String className) {
        this.className = className;
    }

    /** The name strace's {@code -e trace=} grammar uses, e.g. {@code %file}. */
    public String className() {
        return className;
    }
}
