package io.jstrace.syscalls;

import static io.jstrace.syscalls.Phase.ENTRY;
import static io.jstrace.syscalls.Phase.EXIT;

/**
 * How one syscall argument is decoded. Each specifier knows the stop at which its
 * memory is meaningful ({@link #phase()}).
 *
 * <p>Where a specifier needs a length or a count, it is the <em>next</em> argument
 * ({@code write(fd, buf, count)}: {@link #WRITE_BUFFER} reads {@code count} bytes), or
 * the return value for {@link #READ_BUFFER} and the other kernel-filled buffers.
 * Names prefixed {@code POST_} decode at exit what the tracee passed at entry.
 */
public enum FormatSpecifier {
    // ---- plain numbers
    /** signed {@code int}, decimal. */
    INT(ENTRY),
    /** signed {@code long}, decimal. */
    LONG(ENTRY),
    /** unsigned {@code int}, decimal. */
    UINT(ENTRY),
    /** {@code size_t} and other unsigned longs, decimal. */
    SIZE(ENTRY),
    /** hexadecimal: {@code 0x1f}. */
    HEX(ENTRY),
    /** an {@code unsigned int} in hexadecimal: the register's upper 32 bits are not printed. */
    HEX_INT(ENTRY),
    /** a umode_t in octal with a leading 0: {@code 0755}; the register's bits above 16 are not printed. */
    OCT(ENTRY),
    /** a pointer printed as an address: {@code NULL} or {@code 0x7ffc...}. */
    ADDR(ENTRY),
    /** {@code off_t}/{@code loff_t}, signed decimal. */
    OFFSET(ENTRY),
    /** a pointer to a {@code loff_t} in memory ({@code [0]}), read at entry. */
    OFFSET_PTR(ENTRY),

    // ---- one lookup in a table the catalogue row names (Arg#table), with strace's comment for unknown values
    /** flags: {@code O_RDONLY|O_CLOEXEC}, unknown bits in hex ({@code MS_???} comment when none is named). */
    FLAGS(ENTRY),
    /** {@link #FLAGS} of a 64-bit argument: every bit of the register, strace's printflags64. */
    FLAGS64(ENTRY),
    /** one value by name: {@code F_GETFD}, else hex with the row's comment ({@code 0x99 /* F_??? *\/}). */
    ENUM(ENTRY),

    // ---- decoded by the syscall's own decoder (SyscallDecoder in its topic file)
    /** a value passed in that the syscall's decoder prints, from the other arguments (prctl's arg2...). */
    CUSTOM(ENTRY),
    /** a value the syscall's decoder prints at exit (ioctl's argument, syslog's buffer). */
    POST_CUSTOM(EXIT),

    // ---- files and descriptors
    /** a file descriptor. */
    FD(ENTRY),
    /** a directory fd of the {@code *at} family: {@code AT_FDCWD} or a descriptor. */
    DIRFD(ENTRY),
    /** a NUL-terminated path in tracee memory. */
    PATH(ENTRY),
    /** a NUL-terminated string in tracee memory, not a path. */
    STRING(ENTRY),
    /** a path the kernel writes (getcwd, readlink): read at exit, length is the return value. */
    POST_PATH(EXIT),
    /** open(2) flags: access mode plus {@code O_*} bits. */
    OPEN_FLAGS(ENTRY),
    /** a file mode: octal permission bits, {@code S_IF*} type when present. */
    MODE(ENTRY),
    /** mknod's umode_t mode: the file type by name, {@code S_IFIFO|0600}. */
    MKNOD_MODE(ENTRY),
    /** the kernel's {@code unsigned int dev}: {@code makedev(0x1, 0x3)}; mknod prints it only for device files. */
    DEV(ENTRY),
    /** {@code AT_*} flags of the *at family. */
    AT_FLAGS(ENTRY),
    /** access(2)'s {@code F_OK|R_OK|W_OK|X_OK}. */
    ACCESS_MODE(ENTRY),
    /** struct stat, filled by the kernel. */
    STAT(EXIT),
    /** struct statfs, filled by the kernel. */
    STATFS(EXIT),
    /** linux_dirent64 (getdents64) or linux_dirent (getdents) entries; length is the return value. */
    DIRENTS(EXIT),
    /** pipe/pipe2's {@code int[2]} written by the kernel. */
    PIPE_FDS(EXIT),

    // ---- buffers
    /** bytes written by the tracee; length is the next argument. */
    WRITE_BUFFER(ENTRY),
    /** bytes read into the tracee; length is the return value. */
    READ_BUFFER(EXIT),
    /** iovec array with contents written by the tracee; count is the next argument. */
    WRITE_IOVEC(ENTRY),
    /** iovec array filled by the kernel; total length is the return value. */
    READ_IOVEC(EXIT),
    /** iovec array printed by addresses and lengths only. */
    IOVEC(ENTRY),

    // ---- processes
    /** execve's argv: {@code ["ls", "-l"]}. */
    EXECVE_STRING_VECTOR(ENTRY),
    /** execve's envp: {@code 0x7ffd... /* 20 vars *\/}, in full with {@code -v}. */
    EXECVE_ENV(ENTRY),
    /**
     * a process (thread group) id the tracee passes: decimal and, under {@code --pidns-translation},
     * jstrace's id for it (strace's printpid with PT_TGID).
     */
    TGID(ENTRY),
    /** a thread id ({@code tkill}'s, {@code tgkill}'s second), as {@link #TGID}. */
    TID(ENTRY),
    /** a process group id ({@code setpgid}'s second), as {@link #TGID}. */
    PGID(ENTRY),
    /**
     * {@code kill}'s and {@code wait4}'s pid: a process when positive, the process group
     * {@code -pid} below -1 (strace's printpid_tgid_pgid).
     */
    TGID_OR_PGID(ENTRY),
    /**
     * the id of what the argument before names by one of its table's names: a process
     * ({@code PRIO_PROCESS}, {@code IOPRIO_WHO_PROCESS}, {@code P_PID}), a process group
     * ({@code PRIO_PGRP}, {@code IOPRIO_WHO_PGRP}, {@code P_PGID}) or a pidfd ({@code P_PIDFD}).
     */
    PID_BY_WHICH(ENTRY),
    /** waitpid/wait4 options ({@code WNOHANG}...). */
    WAIT_OPTIONS(ENTRY),
    /** struct rusage, filled by the kernel. */
    RUSAGE(EXIT),
    /** struct rlimit passed in. */
    RLIMIT(ENTRY),
    /** struct rlimit filled by the kernel. */
    POST_RLIMIT(EXIT),
    /** a capability header/data pair. */
    CAP_USER_HEADER(ENTRY),

    // ---- memory
    /** mmap/mprotect {@code PROT_*}. */
    MMAP_PROT(ENTRY),
    /** mmap {@code MAP_*}: the sharing type plus flags. */
    MMAP_FLAGS(ENTRY),

    // ---- memory and IPC
    /** a struct user_desc (modify_ldt, set_thread_area): {@code {entry_number=3, base_addr=0x001000, ...}}. */
    USER_DESC(ENTRY),
    /** a NUMA policy mode and its {@code MPOL_F_*} flags: {@code MPOL_BIND|MPOL_F_STATIC_NODES}. */
    MPOL_MODE(ENTRY),
    /** a node mask of {@code maxnode} bits, the next argument: {@code [0x00000000000001]}. */
    NODEMASK(ENTRY),
    /** a SysV IPC key: {@code IPC_PRIVATE} or hex. */
    IPC_KEY(ENTRY),
    /** msgget's and semget's {@code IPC_CREAT|0600}. */
    IPC_GET_FLAGS(ENTRY),
    /** semop's and semtimedop's struct sembuf array, nsops (argument 2) of them. */
    SEMBUF(ENTRY),
    /** msgctl's, semctl's and shmctl's command, {@code IPC_64|} first when that bit is set. */
    IPC_CTL_CMD(ENTRY),
    /** the struct of msgctl, semctl or shmctl for their command, printed at exit. */
    IPC_CTL_BUF(EXIT),
    /** a struct mq_attr passed in. */
    MQ_ATTR(ENTRY),

    // ---- signals
    /** a signal number: {@code SIGTERM}. */
    SIGNAL(ENTRY),
    /** a sigset_t passed in; its size is the next argument or {@code sizeof(long)}. */
    SIGSET(ENTRY),
    /** a sigset_t filled by the kernel. */
    POST_SIGSET(EXIT),
    /** a siginfo_t passed in (rt_sigqueueinfo). */
    SIGINFO(ENTRY),
    /** a siginfo_t filled by the kernel (waitid, rt_sigtimedwait). */
    POST_SIGINFO(EXIT),

    // ---- time
    /** struct timespec passed in. */
    TIMESPEC(ENTRY),
    /** struct timespec filled by the kernel. */
    POST_TIMESPEC(EXIT),
    /** struct timeval passed in. */
    TIMEVAL(ENTRY),
    /** struct itimerval filled by the kernel. */
    POST_ITIMERVAL(EXIT),
    /** struct itimerspec passed in. */
    ITIMERSPEC(ENTRY),
    /** struct itimerspec filled by the kernel. */
    POST_ITIMERSPEC(EXIT),

    // ---- sockets
    /** socket type with {@code SOCK_NONBLOCK|SOCK_CLOEXEC}: {@code SOCK_STREAM}. */
    SOCK_TYPE(ENTRY),
    /** socket protocol, by domain: {@code IPPROTO_TCP}. */
    SOCK_PROTOCOL(ENTRY),
    /** a sockaddr passed in; length is the next argument. */
    SOCKADDR(ENTRY),
    /** a sockaddr filled by the kernel; the next argument points to its length. */
    POST_SOCKADDR(EXIT),
    /** a socklen_t passed by value, printed as an int as strace does ({@code -1}). */
    SOCKLEN(ENTRY),
    /** a pointer to a socklen_t updated by the kernel: {@code [16]} or {@code [128 => 16]}. */
    POST_SOCKLEN(EXIT),
    /** setsockopt/getsockopt name, by level: {@code SO_REUSEADDR}. */
    SOCKOPT_NAME(ENTRY),

    // ---- polling and events
    /** struct pollfd array; count is the next argument. */
    POLL_FDS(ENTRY),
    /** select/pselect6 fd_set passed in and updated; nfds is argument 0. */
    FD_SET(ENTRY),
    /** pselect6's {@code {sigmask, sigsetsize}} pair. */
    PSELECT6_SIG(ENTRY),
    /** epoll_wait's events array filled by the kernel; count is the return value. */
    EPOLL_EVENTS(EXIT),

    // ---- io_uring

    // ---- clocks, timers, signals, event descriptors, futexes
    /** struct timex of adjtimex and clock_adjtime, printed at exit as the kernel left it. */
    POST_TIMEX(EXIT),
    /** timer_create's struct sigevent. */
    SIGEVENT(ENTRY),

    // ---- processes, credentials, scheduling, resources
    /** a uid_t or gid_t: {@code -1} for (uid_t) -1, else unsigned decimal. */
    UID(ENTRY),
    /** a pointer to a uid_t or gid_t filled by the kernel (getresuid): {@code [0]}. */
    POST_ID_PTR(EXIT),
    /** a struct sched_param passed in: {@code [0]}. */
    SCHED_PARAM(ENTRY),
    /** a pointer to an unsigned int filled by the kernel (getcpu): {@code [0]}. */
    POST_UINT_PTR(EXIT),
    /** sethostname/setdomainname's name; length is the next argument, the address beyond 64. */
    UTS_NAME(ENTRY),

    // ---- file I/O, xattrs, mounts, AIO, io_uring, bpf/seccomp, keys
    /** io_getevents' {@code struct io_event} array; count is the return value. */
    AIO_EVENTS(EXIT),
    /** a key_serial_t: {@code KEY_SPEC_*} by name. */
    KEY_SERIAL(ENTRY);

    private final Phase phase;

    FormatSpecifier(Phase phase) {
        this.phase = phase;
    }

    /** The stop at which this argument's value is decoded. */
    public Phase phase() {
        return phase;
    }
}
