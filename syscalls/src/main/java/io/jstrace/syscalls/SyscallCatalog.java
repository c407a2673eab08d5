package io.jstrace.syscalls;

import static io.jstrace.syscalls.Category.*;
import static io.jstrace.syscalls.FormatSpecifier.*;
import static io.jstrace.syscalls.FormatSpecifier.SIGNAL;
import static io.jstrace.syscalls.FormatSpecifier.STAT;
import static io.jstrace.syscalls.FormatSpecifier.STATFS;

import io.jstrace.syscalls.xlat.*;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The architecture-independent signature of every syscall that x86_64 or aarch64 numbers:
 * one row per syscall, written by hand. {@link SyscallTable} joins these rows with an
 * architecture's numbers and applies that architecture's explicit overrides (clone's
 * argument order on aarch64).
 *
 * <p>Where each column comes from:
 * <ul>
 *   <li><b>argument names</b>: the kernel's prototypes in include/linux/syscalls.h, or its
 *       {@code SYSCALL_DEFINEn} where syscalls.h leaves parameters unnamed (the socket calls,
 *       rt_sigaction, pselect6, ppoll, clone, mmap), or the man page for syscalls the kernel no
 *       longer implements. Syscalls with neither (afs_syscall, tuxcall, security, vserver) use
 *       {@code arg0..}.</li>
 *   <li><b>argument count</b>: what strace 6.1 decodes ({@code nargs} in its syscallent). It
 *       equals the kernel's count except for preadv and pwritev, whose {@code pos_h} strace
 *       drops (4 of 5), and the unimplemented syscalls strace prints with {@code printargs}.
 *       preadv2 and pwritev2 keep all six arguments in ABI order although strace prints five
 *       of them (it skips {@code pos_h}).</li>
 *   <li><b>categories</b>: strace's {@code TD, TF, TN...} flags for the syscall. Counts and
 *       categories were checked against the sysent table of the strace 6.1 binary for the 362
 *       x86_64 syscalls it knows; the newer rows follow later strace releases.</li>
 *   <li><b>specifiers</b>: the most specific {@link FormatSpecifier}; {@code HEX} where strace
 *       prints a raw word in hex (every argument of a {@code printargs} syscall, rseq in
 *       strace 6.1), {@code ADDR} for a pointer to a structure no specifier decodes yet.</li>
 *   <li><b>return</b>: {@link Ret#DECIMAL} unless strace says otherwise: {@code RVAL_HEX}
 *       (mmap, mremap, brk, shmat, personality, map_shadow_stack), {@code RVAL_FD} (syscalls
 *       that create a descriptor, mq_open included), {@code RVAL_UDECIMAL} (the uid/gid
 *       getters, setfsuid, setfsgid, lseek), {@code RVAL_TGID} and the other ids of processes
 *       (getpid, fork, wait4, gettid, clone, getpgrp, getsid), umask's octal, and exit and
 *       exit_group, which do not return.</li>
 * </ul>
 *
 * <p>rt_sigreturn has no arguments: the {@code {mask=[...]}} strace prints comes from the
 * signal frame at the stack pointer, not from an argument register.
 */
public final class SyscallCatalog {
    private SyscallCatalog() {}

    // In x86_64 number order; aarch64's numbers name a subset of these rows.
    // @formatter:off
    private static final Row[] ROWS = {
        row("read",                    of(DESC),                               a("fd", FD), a("buf", READ_BUFFER), a("count", SIZE)),
        row("write",                   of(DESC),                               a("fd", FD), a("buf", WRITE_BUFFER), a("count", SIZE)),
        row("open",                    of(DESC, FILE),                         a("filename", PATH), a("flags", OPEN_FLAGS), a("mode", MODE)).ret(Ret.FD),
        row("close",                   of(DESC),                               a("fd", FD)),
        row("stat",                    of(FILE, Category.STAT, STAT_LIKE),     a("filename", PATH), a("statbuf", STAT)),
        row("fstat",                   of(DESC, FSTAT, STAT_LIKE),             a("fd", FD), a("statbuf", STAT)),
        row("lstat",                   of(FILE, LSTAT, STAT_LIKE),             a("filename", PATH), a("statbuf", STAT)),
        row("poll",                    of(DESC),                               a("ufds", POLL_FDS), a("nfds", UINT), a("timeout", INT)),
        row("lseek",                   of(DESC),                               a("fd", FD), a("offset", OFFSET), a("whence", CUSTOM)).ret(Ret.UNSIGNED),
        row("mmap",                    of(DESC, MEMORY),                       a("addr", ADDR), a("len", SIZE), a("prot", MMAP_PROT), a("flags", MMAP_FLAGS), a("fd", FD), a("off", HEX)).ret(Ret.HEX),
        row("mprotect",                of(MEMORY),                             a("start", ADDR), a("len", SIZE), a("prot", MMAP_PROT)),
        row("munmap",                  of(MEMORY),                             a("addr", ADDR), a("len", SIZE)),
        row("brk",                     of(MEMORY),                             a("brk", ADDR)).ret(Ret.HEX),
        row("rt_sigaction",            of(Category.SIGNAL),                    a("sig", SIGNAL), a("act", CUSTOM), a("oact", POST_CUSTOM), a("sigsetsize", SIZE)),
        row("rt_sigprocmask",          of(Category.SIGNAL),                    a("how", CUSTOM), a("set", SIGSET), a("oset", POST_SIGSET), a("sigsetsize", SIZE)),
        row("rt_sigreturn",            of(Category.SIGNAL)),
        row("ioctl",                   of(DESC),                               a("fd", FD), a("cmd", CUSTOM), a("arg", POST_CUSTOM)),
        row("pread64",                 of(DESC),                               a("fd", FD), a("buf", READ_BUFFER), a("count", SIZE), a("pos", OFFSET)),
        row("pwrite64",                of(DESC),                               a("fd", FD), a("buf", WRITE_BUFFER), a("count", SIZE), a("pos", OFFSET)),
        row("readv",                   of(DESC),                               a("fd", FD), a("vec", READ_IOVEC), a("vlen", SIZE)),
        row("writev",                  of(DESC),                               a("fd", FD), a("vec", WRITE_IOVEC), a("vlen", SIZE)),
        row("access",                  of(FILE),                               a("filename", PATH), a("mode", ACCESS_MODE)),
        row("pipe",                    of(DESC),                               a("fildes", PIPE_FDS)),
        row("select",                  of(DESC),                               a("n", INT), a("inp", FD_SET), a("outp", FD_SET), a("exp", FD_SET), a("tvp", TIMEVAL)),
        row("sched_yield",             of()),
        row("mremap",                  of(MEMORY),                             a("addr", ADDR), a("old_len", SIZE), a("new_len", SIZE), a("flags", FLAGS, MremapFlags.XLAT, "MREMAP_???"), a("new_addr", ADDR)).ret(Ret.HEX),
        row("msync",                   of(MEMORY),                             a("start", ADDR), a("len", SIZE), a("flags", FLAGS, MsyncFlags.XLAT, "MS_???")),
        row("mincore",                 of(MEMORY),                             a("start", ADDR), a("len", SIZE), a("vec", POST_CUSTOM)),
        row("madvise",                 of(MEMORY),                             a("start", ADDR), a("len", SIZE), a("behavior", ENUM, MadviseAdvice.XLAT, "MADV_???")),
        row("shmget",                  of(IPC),                                a("key", IPC_KEY), a("size", SIZE), a("flag", CUSTOM)),
        row("shmat",                   of(IPC, MEMORY),                        a("shmid", INT), a("shmaddr", ADDR), a("shmflg", FLAGS, ShmatFlags.XLAT, "SHM_???")).ret(Ret.HEX),
        row("shmctl",                  of(IPC),                                a("shmid", INT), a("cmd", IPC_CTL_CMD), a("buf", IPC_CTL_BUF)),
        row("dup",                     of(DESC),                               a("fildes", FD)).ret(Ret.FD),
        row("dup2",                    of(DESC),                               a("oldfd", FD), a("newfd", FD)).ret(Ret.FD),
        row("pause",                   of(Category.SIGNAL)),
        row("nanosleep",               of(),                                   a("rqtp", TIMESPEC), a("rmtp", POST_TIMESPEC)),
        row("getitimer",               of(),                                   a("which", ENUM, ItimerWhich.XLAT, "ITIMER_???"), a("value", POST_ITIMERVAL)),
        row("alarm",                   of(),                                   a("seconds", UINT)),
        row("setitimer",               of(),                                   a("which", ENUM, ItimerWhich.XLAT, "ITIMER_???"), a("value", CUSTOM), a("ovalue", POST_ITIMERVAL)),
        row("getpid",                  of(PURE)).ret(Ret.TGID),
        row("sendfile",                of(DESC, NET),                          a("out_fd", FD), a("in_fd", FD), a("offset", OFFSET_PTR), a("count", SIZE)),
        row("socket",                  of(NET),                                a("family", ENUM, SocketFamilies.XLAT, "AF_???"), a("type", SOCK_TYPE), a("protocol", SOCK_PROTOCOL)).ret(Ret.FD),
        row("connect",                 of(NET),                                a("fd", FD), a("uservaddr", SOCKADDR), a("addrlen", SOCKLEN)),
        row("accept",                  of(NET),                                a("fd", FD), a("upeer_sockaddr", POST_SOCKADDR), a("upeer_addrlen", POST_SOCKLEN)).ret(Ret.FD),
        row("sendto",                  of(NET),                                a("fd", FD), a("buff", WRITE_BUFFER), a("len", SIZE), a("flags", FLAGS, MsgFlags.XLAT, "MSG_???"), a("addr", SOCKADDR), a("addr_len", SOCKLEN)),
        row("recvfrom",                of(NET),                                a("fd", FD), a("ubuf", READ_BUFFER), a("size", SIZE), a("flags", FLAGS, MsgFlags.XLAT, "MSG_???"), a("addr", POST_SOCKADDR), a("addr_len", POST_SOCKLEN)),
        row("sendmsg",                 of(NET),                                a("fd", FD), a("msg", CUSTOM), a("flags", FLAGS, MsgFlags.XLAT, "MSG_???")),
        row("recvmsg",                 of(NET),                                a("fd", FD), a("msg", POST_CUSTOM), a("flags", FLAGS, MsgFlags.XLAT, "MSG_???")),
        row("shutdown",                of(NET),                                a("fd", FD), a("how", ENUM, ShutdownHow.XLAT, "SHUT_???")),
        row("bind",                    of(NET),                                a("fd", FD), a("umyaddr", SOCKADDR), a("addrlen", SOCKLEN)),
        row("listen",                  of(NET),                                a("fd", FD), a("backlog", INT)),
        row("getsockname",             of(NET),                                a("fd", FD), a("usockaddr", POST_SOCKADDR), a("usockaddr_len", POST_SOCKLEN)),
        row("getpeername",             of(NET),                                a("fd", FD), a("usockaddr", POST_SOCKADDR), a("usockaddr_len", POST_SOCKLEN)),
        row("socketpair",              of(NET),                                a("family", ENUM, SocketFamilies.XLAT, "AF_???"), a("type", SOCK_TYPE), a("protocol", SOCK_PROTOCOL), a("usockvec", PIPE_FDS)),
        row("setsockopt",              of(NET),                                a("fd", FD), a("level", ENUM, SockoptLevels.XLAT, "SOL_??"), a("optname", SOCKOPT_NAME), a("optval", CUSTOM), a("optlen", SOCKLEN)),
        row("getsockopt",              of(NET),                                a("fd", FD), a("level", ENUM, SockoptLevels.XLAT, "SOL_??"), a("optname", SOCKOPT_NAME), a("optval", POST_CUSTOM), a("optlen", POST_SOCKLEN)),
        row("clone",                   of(PROCESS),                            a("clone_flags", CUSTOM), a("newsp", ADDR), a("parent_tidptr", ADDR), a("child_tidptr", ADDR), a("tls", ADDR)).ret(Ret.TID),
        row("fork",                    of(PROCESS)).ret(Ret.TGID),
        row("vfork",                   of(PROCESS)).ret(Ret.TGID),
        row("execve",                  of(FILE, PROCESS),                      a("filename", PATH), a("argv", EXECVE_STRING_VECTOR), a("envp", EXECVE_ENV)),
        row("exit",                    of(PROCESS),                            a("error_code", INT)).ret(Ret.NONE),
        row("wait4",                   of(PROCESS),                            a("pid", TGID_OR_PGID), a("stat_addr", POST_CUSTOM), a("options", WAIT_OPTIONS), a("ru", RUSAGE)).ret(Ret.TGID),
        row("kill",                    of(Category.SIGNAL, PROCESS),           a("pid", TGID_OR_PGID), a("sig", SIGNAL)),
        row("uname",                   of(),                                   a("name", POST_CUSTOM)),
        row("semget",                  of(IPC),                                a("key", IPC_KEY), a("nsems", INT), a("semflg", IPC_GET_FLAGS)),
        row("semop",                   of(IPC),                                a("semid", INT), a("sops", SEMBUF), a("nsops", UINT)),
        row("semctl",                  of(IPC),                                a("semid", INT), a("semnum", INT), a("cmd", IPC_CTL_CMD), a("arg", IPC_CTL_BUF)),
        row("shmdt",                   of(IPC, MEMORY),                        a("shmaddr", ADDR)),
        row("msgget",                  of(IPC),                                a("key", IPC_KEY), a("msgflg", IPC_GET_FLAGS)),
        row("msgsnd",                  of(IPC),                                a("msqid", INT), a("msgp", CUSTOM), a("msgsz", SIZE), a("msgflg", FLAGS, IpcMsgFlags.XLAT, "MSG_???")),
        row("msgrcv",                  of(IPC),                                a("msqid", INT), a("msgp", POST_CUSTOM), a("msgsz", SIZE), a("msgtyp", LONG), a("msgflg", FLAGS, IpcMsgFlags.XLAT, "MSG_???")),
        row("msgctl",                  of(IPC),                                a("msqid", INT), a("cmd", IPC_CTL_CMD), a("buf", IPC_CTL_BUF)),
        row("fcntl",                   of(DESC),                               a("fd", FD), a("cmd", ENUM, FcntlCmds.XLAT, "F_???"), a("arg", CUSTOM)),
        row("flock",                   of(DESC),                               a("fd", FD), a("cmd", FLAGS, FlockOps.XLAT, "LOCK_???")),
        row("fsync",                   of(DESC),                               a("fd", FD)),
        row("fdatasync",               of(DESC),                               a("fd", FD)),
        row("truncate",                of(FILE),                               a("path", PATH), a("length", OFFSET)),
        row("ftruncate",               of(DESC),                               a("fd", FD), a("length", OFFSET)),
        row("getdents",                of(DESC),                               a("fd", FD), a("dirent", DIRENTS), a("count", UINT)),
        row("getcwd",                  of(FILE),                               a("buf", POST_PATH), a("size", SIZE)),
        row("chdir",                   of(FILE),                               a("filename", PATH)),
        row("fchdir",                  of(DESC),                               a("fd", FD)),
        row("rename",                  of(FILE),                               a("oldname", PATH), a("newname", PATH)),
        row("mkdir",                   of(FILE),                               a("pathname", PATH), a("mode", MODE)),
        row("rmdir",                   of(FILE),                               a("pathname", PATH)),
        row("creat",                   of(DESC, FILE),                         a("pathname", PATH), a("mode", MODE)).ret(Ret.FD),
        row("link",                    of(FILE),                               a("oldname", PATH), a("newname", PATH)),
        row("unlink",                  of(FILE),                               a("pathname", PATH)),
        row("symlink",                 of(FILE),                               a("old", PATH), a("new", PATH)),
        row("readlink",                of(FILE),                               a("path", PATH), a("buf", POST_PATH), a("bufsiz", INT)),
        row("chmod",                   of(FILE),                               a("filename", PATH), a("mode", MODE)),
        row("fchmod",                  of(DESC),                               a("fd", FD), a("mode", MODE)),
        row("chown",                   of(FILE),                               a("filename", PATH), a("user", UID), a("group", UID)),
        row("fchown",                  of(DESC),                               a("fd", FD), a("user", UID), a("group", UID)),
        row("lchown",                  of(FILE),                               a("filename", PATH), a("user", UID), a("group", UID)),
        row("umask",                   of(),                                   a("mask", OCT)).ret(Ret.OCTAL),
        row("gettimeofday",            of(CLOCK),                              a("tv", POST_CUSTOM), a("tz", POST_CUSTOM)),
        row("getrlimit",               of(),                                   a("resource", ENUM, RlimitResources.XLAT, "RLIMIT_???"), a("rlim", POST_RLIMIT)),
        row("getrusage",               of(),                                   a("who", ENUM, RusageWho.XLAT, "RUSAGE_???"), a("ru", RUSAGE)),
        row("sysinfo",                 of(),                                   a("info", POST_CUSTOM)),
        row("times",                   of(),                                   a("tbuf", POST_CUSTOM)),
        row("ptrace",                  of(),                                   a("request", CUSTOM), a("pid", TGID), a("addr", CUSTOM), a("data", CUSTOM)),
        row("getuid",                  of(CREDS, PURE)).ret(Ret.UNSIGNED),
        row("syslog",                  of(),                                   a("type", CUSTOM), a("buf", POST_CUSTOM), a("len", CUSTOM)),
        row("getgid",                  of(CREDS, PURE)).ret(Ret.UNSIGNED),
        row("setuid",                  of(CREDS),                              a("uid", UID)),
        row("setgid",                  of(CREDS),                              a("gid", UID)),
        row("geteuid",                 of(CREDS, PURE)).ret(Ret.UNSIGNED),
        row("getegid",                 of(CREDS, PURE)).ret(Ret.UNSIGNED),
        row("setpgid",                 of(),                                   a("pid", TGID), a("pgid", PGID)),
        row("getppid",                 of(PURE)).ret(Ret.TGID),
        row("getpgrp",                 of(PURE)).ret(Ret.PGID),
        row("setsid",                  of()),
        row("setreuid",                of(CREDS),                              a("ruid", UID), a("euid", UID)),
        row("setregid",                of(CREDS),                              a("rgid", UID), a("egid", UID)),
        row("getgroups",               of(CREDS),                              a("gidsetsize", INT), a("grouplist", POST_CUSTOM)),
        row("setgroups",               of(CREDS),                              a("gidsetsize", INT), a("grouplist", CUSTOM)),
        row("setresuid",               of(CREDS),                              a("ruid", UID), a("euid", UID), a("suid", UID)),
        row("getresuid",               of(CREDS),                              a("ruid", POST_ID_PTR), a("euid", POST_ID_PTR), a("suid", POST_ID_PTR)),
        row("setresgid",               of(CREDS),                              a("rgid", UID), a("egid", UID), a("sgid", UID)),
        row("getresgid",               of(CREDS),                              a("rgid", POST_ID_PTR), a("egid", POST_ID_PTR), a("sgid", POST_ID_PTR)),
        row("getpgid",                 of(),                                   a("pid", TGID)).ret(Ret.PGID),
        row("setfsuid",                of(CREDS),                              a("uid", UID)).ret(Ret.UNSIGNED),
        row("setfsgid",                of(CREDS),                              a("gid", UID)).ret(Ret.UNSIGNED),
        row("getsid",                  of(),                                   a("pid", TGID)).ret(Ret.SID),
        row("capget",                  of(CREDS),                              a("header", CAP_USER_HEADER), a("dataptr", POST_CUSTOM)),
        row("capset",                  of(CREDS),                              a("header", CAP_USER_HEADER), a("data", CUSTOM)),
        row("rt_sigpending",           of(Category.SIGNAL),                    a("set", POST_SIGSET), a("sigsetsize", SIZE)),
        row("rt_sigtimedwait",         of(Category.SIGNAL),                    a("uthese", SIGSET), a("uinfo", POST_SIGINFO), a("uts", TIMESPEC), a("sigsetsize", SIZE)),
        row("rt_sigqueueinfo",         of(Category.SIGNAL, PROCESS),           a("pid", TGID), a("sig", SIGNAL), a("uinfo", SIGINFO)),
        row("rt_sigsuspend",           of(Category.SIGNAL),                    a("unewset", SIGSET), a("sigsetsize", SIZE)),
        row("sigaltstack",             of(Category.SIGNAL),                    a("uss", CUSTOM), a("uoss", POST_CUSTOM)),
        row("utime",                   of(FILE),                               a("filename", PATH), a("times", CUSTOM)),
        row("mknod",                   of(FILE),                               a("filename", PATH), a("mode", MKNOD_MODE), a("dev", DEV)),
        row("uselib",                  of(FILE),                               a("library", PATH)),
        row("personality",             of(),                                   a("personality", CUSTOM)).ret(Ret.HEX),
        row("ustat",                   of(STATFS_LIKE),                        a("dev", DEV), a("ubuf", ADDR)),
        row("statfs",                  of(FILE, Category.STATFS, STATFS_LIKE), a("path", PATH), a("buf", STATFS)),
        row("fstatfs",                 of(DESC, FSTATFS, STATFS_LIKE),         a("fd", FD), a("buf", STATFS)),
        row("sysfs",                   of(),                                   a("option", HEX), a("arg1", HEX), a("arg2", HEX)),
        row("getpriority",             of(),                                   a("which", ENUM, PriorityWhich.XLAT, "PRIO_???"), a("who", PID_BY_WHICH)),
        row("setpriority",             of(),                                   a("which", ENUM, PriorityWhich.XLAT, "PRIO_???"), a("who", PID_BY_WHICH), a("niceval", INT)),
        row("sched_setparam",          of(),                                   a("pid", TGID), a("param", SCHED_PARAM)),
        row("sched_getparam",          of(),                                   a("pid", TGID), a("param", POST_CUSTOM)),
        row("sched_setscheduler",      of(),                                   a("pid", TGID), a("policy", ENUM, SchedPolicies.XLAT, "SCHED_???"), a("param", SCHED_PARAM)),
        row("sched_getscheduler",      of(),                                   a("pid", TGID)),
        row("sched_get_priority_max",  of(),                                   a("policy", ENUM, SchedPolicies.XLAT, "SCHED_???")),
        row("sched_get_priority_min",  of(),                                   a("policy", ENUM, SchedPolicies.XLAT, "SCHED_???")),
        row("sched_rr_get_interval",   of(),                                   a("pid", TGID), a("interval", POST_TIMESPEC)),
        row("mlock",                   of(MEMORY),                             a("start", ADDR), a("len", SIZE)),
        row("munlock",                 of(MEMORY),                             a("start", ADDR), a("len", SIZE)),
        row("mlockall",                of(MEMORY),                             a("flags", FLAGS, MlockallFlags.XLAT, "MCL_???")),
        row("munlockall",              of(MEMORY)),
        row("vhangup",                 of()),
        row("modify_ldt",              of(),                                   a("func", INT), a("ptr", USER_DESC), a("bytecount", SIZE)),
        row("pivot_root",              of(FILE),                               a("new_root", PATH), a("put_old", PATH)),
        row("_sysctl",                 of(),                                   a("args", CUSTOM)),
        row("prctl",                   of(CREDS),                              a("option", ENUM, PrctlOptions.XLAT, "PR_???"), a("arg2", CUSTOM), a("arg3", CUSTOM), a("arg4", CUSTOM), a("arg5", CUSTOM)),
        row("arch_prctl",              of(),                                   a("option", ENUM, ArchPrctlCodes.XLAT, "ARCH_???"), a("arg2", CUSTOM)),
        row("adjtimex",                of(CLOCK),                              a("txc_p", POST_TIMEX)),
        row("setrlimit",               of(),                                   a("resource", ENUM, RlimitResources.XLAT, "RLIMIT_???"), a("rlim", RLIMIT)),
        row("chroot",                  of(FILE),                               a("filename", PATH)),
        row("sync",                    of()),
        row("acct",                    of(FILE),                               a("name", PATH)),
        row("settimeofday",            of(CLOCK),                              a("tv", TIMEVAL), a("tz", CUSTOM)),
        row("mount",                   of(FILE),                               a("dev_name", PATH), a("dir_name", PATH), a("type", CUSTOM), a("flags", CUSTOM), a("data", CUSTOM)),
        row("umount2",                 of(FILE),                               a("name", PATH), a("flags", FLAGS, UmountFlags.XLAT, "MNT_???")),
        row("swapon",                  of(FILE),                               a("specialfile", PATH), a("swap_flags", CUSTOM)),
        row("swapoff",                 of(FILE),                               a("specialfile", PATH)),
        row("reboot",                  of(),                                   a("magic1", CUSTOM), a("magic2", CUSTOM), a("cmd", CUSTOM), a("arg", CUSTOM)),
        row("sethostname",             of(),                                   a("name", UTS_NAME), a("len", UINT)),
        row("setdomainname",           of(),                                   a("name", UTS_NAME), a("len", UINT)),
        row("iopl",                    of(),                                   a("level", UINT)),
        row("ioperm",                  of(),                                   a("from", HEX), a("num", HEX), a("on", INT)),
        row("create_module",           of(),                                   a("name", HEX), a("size", HEX)),
        row("init_module",             of(),                                   a("umod", ADDR), a("len", SIZE), a("uargs", STRING)),
        row("delete_module",           of(),                                   a("name_user", STRING), a("flags", FLAGS, DeleteModuleFlags.XLAT, "O_???")),
        row("get_kernel_syms",         of(),                                   a("table", HEX)),
        row("query_module",            of(),                                   a("name", HEX), a("which", HEX), a("buf", HEX), a("bufsize", HEX), a("ret", HEX)),
        row("quotactl",                of(FILE),                               a("cmd", CUSTOM), a("special", PATH), a("id", CUSTOM), a("addr", CUSTOM)),
        row("nfsservctl",              of(),                                   a("cmd", HEX), a("argp", HEX), a("resp", HEX)),
        row("getpmsg",                 of(NET),                                a("fildes", HEX), a("ctlptr", HEX), a("dataptr", HEX), a("bandp", HEX), a("flagsp", HEX)),
        row("putpmsg",                 of(NET),                                a("fildes", HEX), a("ctlptr", HEX), a("dataptr", HEX), a("band", HEX), a("flags", HEX)),
        row("afs_syscall",             of(),                                   a("arg0", HEX), a("arg1", HEX), a("arg2", HEX), a("arg3", HEX), a("arg4", HEX)),
        row("tuxcall",                 of(),                                   a("arg0", HEX), a("arg1", HEX), a("arg2", HEX)),
        row("security",                of(),                                   a("arg0", HEX), a("arg1", HEX), a("arg2", HEX)),
        row("gettid",                  of(PURE)).ret(Ret.TID),
        row("readahead",               of(DESC),                               a("fd", FD), a("offset", OFFSET), a("count", SIZE)),
        row("setxattr",                of(FILE),                               a("path", PATH), a("name", STRING), a("value", WRITE_BUFFER), a("size", SIZE), a("flags", FLAGS, XattrFlags.XLAT, "XATTR_???")),
        row("lsetxattr",               of(FILE),                               a("path", PATH), a("name", STRING), a("value", WRITE_BUFFER), a("size", SIZE), a("flags", FLAGS, XattrFlags.XLAT, "XATTR_???")),
        row("fsetxattr",               of(DESC),                               a("fd", FD), a("name", STRING), a("value", WRITE_BUFFER), a("size", SIZE), a("flags", FLAGS, XattrFlags.XLAT, "XATTR_???")),
        row("getxattr",                of(FILE),                               a("path", PATH), a("name", STRING), a("value", READ_BUFFER), a("size", SIZE)),
        row("lgetxattr",               of(FILE),                               a("path", PATH), a("name", STRING), a("value", READ_BUFFER), a("size", SIZE)),
        row("fgetxattr",               of(DESC),                               a("fd", FD), a("name", STRING), a("value", READ_BUFFER), a("size", SIZE)),
        row("listxattr",               of(FILE),                               a("path", PATH), a("list", READ_BUFFER), a("size", SIZE)),
        row("llistxattr",              of(FILE),                               a("path", PATH), a("list", READ_BUFFER), a("size", SIZE)),
        row("flistxattr",              of(DESC),                               a("fd", FD), a("list", READ_BUFFER), a("size", SIZE)),
        row("removexattr",             of(FILE),                               a("path", PATH), a("name", STRING)),
        row("lremovexattr",            of(FILE),                               a("path", PATH), a("name", STRING)),
        row("fremovexattr",            of(DESC),                               a("fd", FD), a("name", STRING)),
        row("tkill",                   of(Category.SIGNAL, PROCESS),           a("pid", TID), a("sig", SIGNAL)),
        row("time",                    of(CLOCK),                              a("tloc", POST_CUSTOM)),
        row("futex",                   of(),                                   a("uaddr", ADDR), a("op", CUSTOM), a("val", CUSTOM), a("utime", CUSTOM), a("uaddr2", CUSTOM), a("val3", CUSTOM)),
        row("sched_setaffinity",       of(),                                   a("pid", TGID), a("len", UINT), a("user_mask_ptr", CUSTOM)),
        row("sched_getaffinity",       of(),                                   a("pid", TGID), a("len", UINT), a("user_mask_ptr", POST_CUSTOM)),
        row("set_thread_area",         of(),                                   a("u_info", USER_DESC)),
        row("io_setup",                of(MEMORY),                             a("nr_reqs", UINT), a("ctx", POST_CUSTOM)),
        row("io_destroy",              of(MEMORY),                             a("ctx", ADDR)),
        row("io_getevents",            of(),                                   a("ctx_id", ADDR), a("min_nr", LONG), a("nr", LONG), a("events", AIO_EVENTS), a("timeout", TIMESPEC)),
        row("io_submit",               of(),                                   a("ctx_id", ADDR), a("nr", LONG), a("iocbpp", CUSTOM)),
        row("io_cancel",               of(),                                   a("ctx_id", ADDR), a("iocb", CUSTOM), a("result", POST_CUSTOM)),
        row("get_thread_area",         of(),                                   a("u_info", POST_CUSTOM)),
        row("lookup_dcookie",          of(),                                   a("cookie64", SIZE), a("buf", POST_PATH), a("len", SIZE)),
        row("epoll_create",            of(DESC),                               a("size", INT)).ret(Ret.FD),
        row("epoll_ctl_old",           of(),                                   a("epfd", HEX), a("op", HEX), a("fd", HEX), a("event", HEX)),
        row("epoll_wait_old",          of(),                                   a("epfd", HEX), a("events", HEX), a("maxevents", HEX), a("timeout", HEX)),
        row("remap_file_pages",        of(MEMORY),                             a("start", ADDR), a("size", SIZE), a("prot", MMAP_PROT), a("pgoff", SIZE), a("flags", MMAP_FLAGS)),
        row("getdents64",              of(DESC),                               a("fd", FD), a("dirent", DIRENTS), a("count", UINT)),
        row("set_tid_address",         of(),                                   a("tidptr", ADDR)),
        row("restart_syscall",         of()),
        row("semtimedop",              of(IPC),                                a("semid", INT), a("sops", SEMBUF), a("nsops", UINT), a("timeout", TIMESPEC)),
        row("fadvise64",               of(DESC),                               a("fd", FD), a("offset", OFFSET), a("len", SIZE), a("advice", ENUM, FadviseAdvice.XLAT, "POSIX_FADV_???")),
        row("timer_create",            of(),                                   a("which_clock", ENUM, ClockIds.XLAT, "CLOCK_???"), a("timer_event_spec", SIGEVENT), a("created_timer_id", POST_CUSTOM)),
        row("timer_settime",           of(),                                   a("timer_id", INT), a("flags", FLAGS, TimerFlags.XLAT, "TIMER_???"), a("new_setting", ITIMERSPEC), a("old_setting", POST_ITIMERSPEC)),
        row("timer_gettime",           of(),                                   a("timer_id", INT), a("setting", POST_ITIMERSPEC)),
        row("timer_getoverrun",        of(),                                   a("timer_id", INT)),
        row("timer_delete",            of(),                                   a("timer_id", INT)),
        row("clock_settime",           of(CLOCK),                              a("which_clock", ENUM, ClockIds.XLAT, "CLOCK_???"), a("tp", TIMESPEC)),
        row("clock_gettime",           of(CLOCK),                              a("which_clock", ENUM, ClockIds.XLAT, "CLOCK_???"), a("tp", POST_TIMESPEC)),
        row("clock_getres",            of(CLOCK),                              a("which_clock", ENUM, ClockIds.XLAT, "CLOCK_???"), a("tp", POST_TIMESPEC)),
        row("clock_nanosleep",         of(),                                   a("which_clock", ENUM, ClockIds.XLAT, "CLOCK_???"), a("flags", FLAGS, TimerFlags.XLAT, "TIMER_???"), a("rqtp", TIMESPEC), a("rmtp", POST_TIMESPEC)),
        row("exit_group",              of(PROCESS),                            a("error_code", INT)).ret(Ret.NONE),
        row("epoll_wait",              of(DESC),                               a("epfd", FD), a("events", EPOLL_EVENTS), a("maxevents", INT), a("timeout", INT)),
        row("epoll_ctl",               of(DESC),                               a("epfd", FD), a("op", ENUM, EpollCtlOps.XLAT, "EPOLL_CTL_???"), a("fd", FD), a("event", CUSTOM)),
        row("tgkill",                  of(Category.SIGNAL, PROCESS),           a("tgid", TGID), a("pid", TID), a("sig", SIGNAL)),
        row("utimes",                  of(FILE),                               a("filename", PATH), a("utimes", TIMEVAL)),
        row("vserver",                 of(),                                   a("arg0", HEX), a("arg1", HEX), a("arg2", HEX), a("arg3", HEX), a("arg4", HEX)),
        row("mbind",                   of(MEMORY),                             a("start", ADDR), a("len", SIZE), a("mode", MPOL_MODE), a("nmask", NODEMASK), a("maxnode", SIZE), a("flags", FLAGS, MbindFlags.XLAT, "MPOL_???")),
        row("set_mempolicy",           of(MEMORY),                             a("mode", MPOL_MODE), a("nmask", NODEMASK), a("maxnode", SIZE)),
        row("get_mempolicy",           of(MEMORY),                             a("policy", POST_CUSTOM), a("nmask", POST_CUSTOM), a("maxnode", SIZE), a("addr", ADDR), a("flags", FLAGS, MpolGetFlags.XLAT, "MPOL_???")),
        row("mq_open",                 of(DESC),                               a("name", PATH), a("oflag", OPEN_FLAGS), a("mode", MODE), a("attr", MQ_ATTR)).ret(Ret.FD),
        row("mq_unlink",               of(),                                   a("name", PATH)),
        row("mq_timedsend",            of(DESC),                               a("mqdes", FD), a("msg_ptr", WRITE_BUFFER), a("msg_len", SIZE), a("msg_prio", UINT), a("abs_timeout", TIMESPEC)),
        row("mq_timedreceive",         of(DESC),                               a("mqdes", FD), a("msg_ptr", READ_BUFFER), a("msg_len", SIZE), a("msg_prio", POST_UINT_PTR), a("abs_timeout", TIMESPEC)),
        row("mq_notify",               of(DESC),                               a("mqdes", FD), a("notification", SIGEVENT)),
        row("mq_getsetattr",           of(DESC),                               a("mqdes", FD), a("mqstat", MQ_ATTR), a("omqstat", POST_CUSTOM)),
        row("kexec_load",              of(),                                   a("entry", ADDR), a("nr_segments", SIZE), a("segments", CUSTOM), a("flags", CUSTOM)),
        row("waitid",                  of(PROCESS),                            a("which", ENUM, WaitidTypes.XLAT, "P_???"), a("pid", PID_BY_WHICH), a("infop", POST_SIGINFO), a("options", WAIT_OPTIONS), a("ru", RUSAGE)),
        row("add_key",                 of(),                                   a("_type", STRING), a("_description", STRING), a("_payload", WRITE_BUFFER), a("plen", SIZE), a("destringid", KEY_SERIAL)),
        row("request_key",             of(),                                   a("_type", STRING), a("_description", STRING), a("_callout_info", STRING), a("destringid", KEY_SERIAL)),
        row("keyctl",                  of(),                                   a("cmd", CUSTOM), a("arg2", CUSTOM), a("arg3", CUSTOM), a("arg4", CUSTOM), a("arg5", CUSTOM)),
        row("ioprio_set",              of(),                                   a("which", ENUM, IoprioWho.XLAT, "IOPRIO_WHO_???"), a("who", PID_BY_WHICH), a("ioprio", CUSTOM)),
        row("ioprio_get",              of(),                                   a("which", ENUM, IoprioWho.XLAT, "IOPRIO_WHO_???"), a("who", PID_BY_WHICH)),
        row("inotify_init",            of(DESC)).ret(Ret.FD),
        row("inotify_add_watch",       of(DESC, FILE),                         a("fd", FD), a("path", PATH), a("mask", FLAGS, InotifyMask.XLAT, null)),
        row("inotify_rm_watch",        of(DESC),                               a("fd", FD), a("wd", INT)),
        row("migrate_pages",           of(MEMORY),                             a("pid", TGID), a("maxnode", SIZE), a("from", NODEMASK), a("to", NODEMASK)),
        row("openat",                  of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("flags", OPEN_FLAGS), a("mode", MODE)).ret(Ret.FD),
        row("mkdirat",                 of(DESC, FILE),                         a("dfd", DIRFD), a("pathname", PATH), a("mode", MODE)),
        row("mknodat",                 of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("mode", MKNOD_MODE), a("dev", DEV)),
        row("fchownat",                of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("user", UID), a("group", UID), a("flag", AT_FLAGS)),
        row("futimesat",               of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("utimes", TIMEVAL)),
        row("newfstatat",              of(DESC, FILE, FSTAT, STAT_LIKE),       a("dfd", DIRFD), a("filename", PATH), a("statbuf", STAT), a("flag", AT_FLAGS)),
        row("unlinkat",                of(DESC, FILE),                         a("dfd", DIRFD), a("pathname", PATH), a("flag", AT_FLAGS)),
        row("renameat",                of(DESC, FILE),                         a("olddfd", DIRFD), a("oldname", PATH), a("newdfd", DIRFD), a("newname", PATH)),
        row("linkat",                  of(DESC, FILE),                         a("olddfd", DIRFD), a("oldname", PATH), a("newdfd", DIRFD), a("newname", PATH), a("flags", AT_FLAGS)),
        row("symlinkat",               of(DESC, FILE),                         a("oldname", PATH), a("newdfd", DIRFD), a("newname", PATH)),
        row("readlinkat",              of(DESC, FILE),                         a("dfd", DIRFD), a("path", PATH), a("buf", POST_PATH), a("bufsiz", INT)),
        row("fchmodat",                of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("mode", MODE)),
        row("faccessat",               of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("mode", ACCESS_MODE)),
        row("pselect6",                of(DESC),                               a("n", INT), a("inp", FD_SET), a("outp", FD_SET), a("exp", FD_SET), a("tsp", TIMESPEC), a("sig", PSELECT6_SIG)),
        row("ppoll",                   of(DESC),                               a("ufds", POLL_FDS), a("nfds", UINT), a("tsp", TIMESPEC), a("sigmask", SIGSET), a("sigsetsize", SIZE)),
        row("unshare",                 of(),                                   a("unshare_flags", CUSTOM)),
        row("set_robust_list",         of(),                                   a("head", ADDR), a("len", SIZE)),
        row("get_robust_list",         of(),                                   a("pid", TID), a("head_ptr", POST_CUSTOM), a("len_ptr", POST_CUSTOM)),
        row("splice",                  of(DESC),                               a("fd_in", FD), a("off_in", OFFSET_PTR), a("fd_out", FD), a("off_out", OFFSET_PTR), a("len", SIZE), a("flags", FLAGS, SpliceFlags.XLAT, null)),
        row("tee",                     of(DESC),                               a("fdin", FD), a("fdout", FD), a("len", SIZE), a("flags", FLAGS, SpliceFlags.XLAT, null)),
        row("sync_file_range",         of(DESC),                               a("fd", FD), a("offset", OFFSET), a("nbytes", OFFSET), a("flags", FLAGS, SyncFileRangeFlags.XLAT, null)),
        row("vmsplice",                of(DESC),                               a("fd", FD), a("iov", WRITE_IOVEC), a("nr_segs", SIZE), a("flags", FLAGS, SpliceFlags.XLAT, null)),
        row("move_pages",              of(MEMORY),                             a("pid", TGID), a("nr_pages", SIZE), a("pages", CUSTOM), a("nodes", CUSTOM), a("status", POST_CUSTOM), a("flags", FLAGS, MbindFlags.XLAT, "MPOL_???")),
        row("utimensat",               of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("utimes", CUSTOM), a("flags", AT_FLAGS)),
        row("epoll_pwait",             of(DESC),                               a("epfd", FD), a("events", EPOLL_EVENTS), a("maxevents", INT), a("timeout", INT), a("sigmask", POST_SIGSET), a("sigsetsize", SIZE)),
        row("signalfd",                of(DESC, Category.SIGNAL),              a("ufd", FD), a("user_mask", SIGSET), a("sizemask", SIZE)).ret(Ret.FD),
        row("timerfd_create",          of(DESC),                               a("clockid", ENUM, ClockIds.XLAT, "CLOCK_???"), a("flags", FLAGS, TimerfdFlags.XLAT, "TFD_???")).ret(Ret.FD),
        row("eventfd",                 of(DESC),                               a("count", UINT)).ret(Ret.FD),
        row("fallocate",               of(DESC),                               a("fd", FD), a("mode", FLAGS, FallocateModes.XLAT, null), a("offset", OFFSET), a("len", OFFSET)),
        row("timerfd_settime",         of(DESC),                               a("ufd", FD), a("flags", FLAGS, TimerfdFlags.XLAT, "TFD_???"), a("utmr", ITIMERSPEC), a("otmr", POST_ITIMERSPEC)),
        row("timerfd_gettime",         of(DESC),                               a("ufd", FD), a("otmr", POST_ITIMERSPEC)),
        row("accept4",                 of(NET),                                a("fd", FD), a("upeer_sockaddr", POST_SOCKADDR), a("upeer_addrlen", POST_SOCKLEN), a("flags", FLAGS, SockTypeFlags.XLAT, "SOCK_???")).ret(Ret.FD),
        row("signalfd4",               of(DESC, Category.SIGNAL),              a("ufd", FD), a("user_mask", SIGSET), a("sizemask", SIZE), a("flags", FLAGS, SignalfdFlags.XLAT, "SFD_???")).ret(Ret.FD),
        row("eventfd2",                of(DESC),                               a("count", UINT), a("flags", FLAGS, EventfdFlags.XLAT, "EFD_???")).ret(Ret.FD),
        row("epoll_create1",           of(DESC),                               a("flags", FLAGS, EpollCreateFlags.XLAT, "EPOLL_???")).ret(Ret.FD),
        row("dup3",                    of(DESC),                               a("oldfd", FD), a("newfd", FD), a("flags", FLAGS, OpenFlags.XLAT, "O_???")).ret(Ret.FD),
        row("pipe2",                   of(DESC),                               a("fildes", PIPE_FDS), a("flags", FLAGS, OpenFlags.XLAT, "O_???")),
        row("inotify_init1",           of(DESC),                               a("flags", FLAGS, InotifyInitFlags.XLAT, "IN_???")).ret(Ret.FD),
        row("preadv",                  of(DESC),                               a("fd", FD), a("vec", READ_IOVEC), a("vlen", SIZE), a("pos_l", OFFSET)),
        row("pwritev",                 of(DESC),                               a("fd", FD), a("vec", WRITE_IOVEC), a("vlen", SIZE), a("pos_l", OFFSET)),
        row("rt_tgsigqueueinfo",       of(PROCESS, Category.SIGNAL),           a("tgid", TGID), a("pid", TID), a("sig", SIGNAL), a("uinfo", SIGINFO)),
        row("perf_event_open",         of(DESC),                               a("attr_uptr", CUSTOM), a("pid", INT), a("cpu", INT), a("group_fd", FD), a("flags", FLAGS64, PerfEventOpenFlags.XLAT, "PERF_FLAG_???")).ret(Ret.FD),
        row("recvmmsg",                of(NET),                                a("fd", FD), a("msg", POST_CUSTOM), a("vlen", UINT), a("flags", FLAGS, MsgFlags.XLAT, "MSG_???"), a("timeout", TIMESPEC)),
        row("fanotify_init",           of(DESC),                               a("flags", CUSTOM), a("event_f_flags", OPEN_FLAGS)).ret(Ret.FD),
        row("fanotify_mark",           of(DESC, FILE),                         a("fanotify_fd", FD), a("flags", FLAGS, FanMarkFlags.XLAT, "FAN_MARK_???"), a("mask", CUSTOM), a("fd", CUSTOM), a("pathname", PATH)),
        row("prlimit64",               of(),                                   a("pid", TGID), a("resource", ENUM, RlimitResources.XLAT, "RLIMIT_???"), a("new_rlim", RLIMIT), a("old_rlim", POST_RLIMIT)),
        row("name_to_handle_at",       of(DESC, FILE),                         a("dfd", DIRFD), a("name", PATH), a("handle", POST_CUSTOM), a("mnt_id", POST_CUSTOM), a("flag", AT_FLAGS)),
        row("open_by_handle_at",       of(DESC),                               a("mountdirfd", FD), a("handle", CUSTOM), a("flags", OPEN_FLAGS)).ret(Ret.FD),
        row("clock_adjtime",           of(CLOCK),                              a("which_clock", ENUM, ClockIds.XLAT, "CLOCK_???"), a("tx", POST_TIMEX)),
        row("syncfs",                  of(DESC),                               a("fd", FD)),
        row("sendmmsg",                of(NET),                                a("fd", FD), a("msg", POST_CUSTOM), a("vlen", UINT), a("flags", FLAGS, MsgFlags.XLAT, "MSG_???")),
        row("setns",                   of(DESC),                               a("fd", FD), a("nstype", FLAGS, SetnsTypes.XLAT, "CLONE_NEW???")),
        row("getcpu",                  of(),                                   a("cpu", POST_UINT_PTR), a("node", POST_UINT_PTR), a("cache", ADDR)),
        row("process_vm_readv",        of(),                                   a("pid", TGID), a("lvec", READ_IOVEC), a("liovcnt", SIZE), a("rvec", IOVEC), a("riovcnt", SIZE), a("flags", SIZE)),
        row("process_vm_writev",       of(),                                   a("pid", TGID), a("lvec", WRITE_IOVEC), a("liovcnt", SIZE), a("rvec", IOVEC), a("riovcnt", SIZE), a("flags", SIZE)),
        row("kcmp",                    of(),                                   a("pid1", TGID), a("pid2", TGID), a("type", ENUM, KcmpTypes.XLAT, "KCMP_???"), a("idx1", CUSTOM), a("idx2", CUSTOM)),
        row("finit_module",            of(DESC),                               a("fd", FD), a("uargs", STRING), a("flags", FLAGS, ModuleInitFlags.XLAT, "MODULE_INIT_???")),
        row("sched_setattr",           of(),                                   a("pid", TGID), a("attr", CUSTOM), a("flags", UINT)),
        row("sched_getattr",           of(),                                   a("pid", TGID), a("attr", POST_CUSTOM), a("size", UINT), a("flags", UINT)),
        row("renameat2",               of(DESC, FILE),                         a("olddfd", DIRFD), a("oldname", PATH), a("newdfd", DIRFD), a("newname", PATH), a("flags", FLAGS, Renameat2Flags.XLAT, "RENAME_??")),
        row("seccomp",                 of(),                                   a("op", ENUM, SeccompOps.XLAT, "SECCOMP_SET_MODE_???"), a("flags", CUSTOM), a("uargs", CUSTOM)),
        row("getrandom",               of(),                                   a("buf", READ_BUFFER), a("count", SIZE), a("flags", FLAGS, GetrandomFlags.XLAT, "GRND_???")),
        row("memfd_create",            of(DESC),                               a("uname_ptr", CUSTOM), a("flags", CUSTOM)).ret(Ret.FD),
        row("kexec_file_load",         of(DESC),                               a("kernel_fd", FD), a("initrd_fd", FD), a("cmdline_len", SIZE), a("cmdline_ptr", CUSTOM), a("flags", FLAGS64, KexecFileLoadFlags.XLAT, "KEXEC_FILE_???")),
        row("bpf",                     of(DESC),                               a("cmd", ENUM, BpfCmds.XLAT, "BPF_???"), a("attr", CUSTOM), a("size", UINT)),
        row("execveat",                of(DESC, FILE, PROCESS),                a("dfd", DIRFD), a("filename", PATH), a("argv", EXECVE_STRING_VECTOR), a("envp", EXECVE_ENV), a("flags", AT_FLAGS)),
        row("userfaultfd",             of(DESC),                               a("flags", FLAGS, UffdFlags.XLAT, "UFFD_???")).ret(Ret.FD),
        row("membarrier",              of(),                                   a("cmd", ENUM, MembarrierCmds.XLAT, "MEMBARRIER_CMD_???"), a("flags", FLAGS, MembarrierFlags.XLAT, "MEMBARRIER_CMD_FLAG_???"), a("cpu_id", INT)),
        row("mlock2",                  of(MEMORY),                             a("start", ADDR), a("len", SIZE), a("flags", FLAGS, Mlock2Flags.XLAT, "MLOCK_???")),
        row("copy_file_range",         of(DESC),                               a("fd_in", FD), a("off_in", OFFSET_PTR), a("fd_out", FD), a("off_out", OFFSET_PTR), a("len", SIZE), a("flags", UINT)),
        row("preadv2",                 of(DESC),                               a("fd", FD), a("vec", READ_IOVEC), a("vlen", SIZE), a("pos_l", OFFSET), a("pos_h", OFFSET), a("flags", FLAGS, RwfFlags.XLAT, "RWF_???")),
        row("pwritev2",                of(DESC),                               a("fd", FD), a("vec", WRITE_IOVEC), a("vlen", SIZE), a("pos_l", OFFSET), a("pos_h", OFFSET), a("flags", FLAGS, RwfFlags.XLAT, "RWF_???")),
        row("pkey_mprotect",           of(MEMORY),                             a("start", ADDR), a("len", SIZE), a("prot", MMAP_PROT), a("pkey", INT)),
        row("pkey_alloc",              of(),                                   a("flags", HEX), a("init_val", FLAGS64, PkeyAccessRights.XLAT, "PKEY_???")),
        row("pkey_free",               of(),                                   a("pkey", INT)),
        row("statx",                   of(DESC, FILE, FSTAT, STAT_LIKE),       a("dfd", DIRFD), a("path", PATH), a("flags", CUSTOM), a("mask", FLAGS, StatxMask.XLAT, "STATX_???"), a("buffer", POST_CUSTOM)),
        row("io_pgetevents",           of(),                                   a("ctx_id", ADDR), a("min_nr", LONG), a("nr", LONG), a("events", AIO_EVENTS), a("timeout", TIMESPEC), a("sig", PSELECT6_SIG)),
        row("rseq",                    of(),                                   a("rseq", HEX), a("rseq_len", HEX), a("flags", HEX), a("sig", HEX)),
        // x86_64 only (Linux 6.11, 6.18): the kernel's uprobe trampolines, no arguments.
        row("uretprobe",               of()),
        row("uprobe",                  of()),
        // 424 and up: the same numbers on every architecture.
        row("pidfd_send_signal",       of(DESC, Category.SIGNAL, PROCESS),     a("pidfd", FD), a("sig", SIGNAL), a("info", SIGINFO), a("flags", HEX_INT)),
        row("io_uring_setup",          of(DESC),                               a("entries", UINT), a("p", POST_CUSTOM)).ret(Ret.FD),
        row("io_uring_enter",          of(DESC, Category.SIGNAL),              a("fd", FD), a("to_submit", UINT), a("min_complete", UINT), a("flags", FLAGS, IoUringEnterFlags.XLAT, "IORING_ENTER_???"), a("argp", SIGSET), a("argsz", SIZE)),
        row("io_uring_register",       of(DESC, MEMORY),                       a("fd", FD), a("op", CUSTOM), a("arg", CUSTOM), a("nr_args", UINT)),
        row("open_tree",               of(DESC, FILE),                         a("dfd", DIRFD), a("path", PATH), a("flags", FLAGS, OpenTreeFlags.XLAT, "OPEN_TREE_???")).ret(Ret.FD),
        row("move_mount",              of(DESC, FILE),                         a("from_dfd", DIRFD), a("from_path", PATH), a("to_dfd", DIRFD), a("to_path", PATH), a("ms_flags", FLAGS, MoveMountFlags.XLAT, "MOVE_MOUNT_???")),
        row("fsopen",                  of(DESC),                               a("fs_name", STRING), a("flags", FLAGS, FsopenFlags.XLAT, "FSOPEN_???")).ret(Ret.FD),
        row("fsconfig",                of(DESC, FILE),                         a("fs_fd", FD), a("cmd", CUSTOM), a("key", CUSTOM), a("value", CUSTOM), a("aux", CUSTOM)),
        row("fsmount",                 of(DESC),                               a("fs_fd", FD), a("flags", FLAGS, FsmountFlags.XLAT, "FSMOUNT_???"), a("ms_flags", FLAGS, FsmountAttrFlags.XLAT, "MOUNT_ATTR_???")).ret(Ret.FD),
        row("fspick",                  of(DESC, FILE),                         a("dfd", DIRFD), a("path", PATH), a("flags", FLAGS, FspickFlags.XLAT, "FSPICK_???")).ret(Ret.FD),
        row("pidfd_open",              of(DESC),                               a("pid", TGID), a("flags", FLAGS, PidfdFlags.XLAT, "PIDFD_???")).ret(Ret.FD),
        row("clone3",                  of(PROCESS),                            a("uargs", CUSTOM), a("size", SIZE)).ret(Ret.TID),
        row("close_range",             of(),                                   a("fd", UINT), a("max_fd", UINT), a("flags", FLAGS, CloseRangeFlags.XLAT, "CLOSE_RANGE_???")),
        row("openat2",                 of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("how", CUSTOM), a("size", SIZE)).ret(Ret.FD),
        row("pidfd_getfd",             of(DESC),                               a("pidfd", FD), a("fd", CUSTOM), a("flags", HEX_INT)).ret(Ret.FD),
        row("faccessat2",              of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("mode", ACCESS_MODE), a("flags", AT_FLAGS)),
        row("process_madvise",         of(DESC),                               a("pidfd", FD), a("vec", IOVEC), a("vlen", SIZE), a("behavior", ENUM, MadviseAdvice.XLAT, "MADV_???"), a("flags", HEX_INT)),
        row("epoll_pwait2",            of(DESC),                               a("epfd", FD), a("events", EPOLL_EVENTS), a("maxevents", INT), a("timeout", POST_TIMESPEC), a("sigmask", POST_SIGSET), a("sigsetsize", SIZE)),
        row("mount_setattr",           of(DESC, FILE),                         a("dfd", DIRFD), a("path", PATH), a("flags", FLAGS, MountSetattrFlags.XLAT, "AT_???"), a("uattr", CUSTOM), a("usize", SIZE)),
        row("quotactl_fd",             of(DESC),                               a("fd", FD), a("cmd", CUSTOM), a("id", CUSTOM), a("addr", CUSTOM)),
        row("landlock_create_ruleset", of(DESC),                               a("attr", CUSTOM), a("size", SIZE), a("flags", FLAGS, LandlockRulesetFlags.XLAT, "LANDLOCK_CREATE_RULESET_???")).ret(Ret.FD),
        row("landlock_add_rule",       of(DESC),                               a("ruleset_fd", FD), a("rule_type", CUSTOM), a("rule_attr", CUSTOM), a("flags", HEX_INT)),
        row("landlock_restrict_self",  of(DESC),                               a("ruleset_fd", FD), a("flags", HEX_INT)),
        row("memfd_secret",            of(DESC),                               a("flags", FLAGS, MemfdSecretFlags.XLAT, null)).ret(Ret.FD),
        row("process_mrelease",        of(DESC),                               a("pidfd", FD), a("flags", HEX_INT)),
        row("futex_waitv",             of(),                                   a("waiters", CUSTOM), a("nr_futexes", UINT), a("flags", HEX_INT), a("timeout", TIMESPEC), a("clockid", ENUM, ClockIds.XLAT, "CLOCK_???")),
        row("set_mempolicy_home_node", of(MEMORY),                             a("start", ADDR), a("len", SIZE), a("home_node", SIZE), a("flags", HEX)),
        // Linux 6.5 to 6.17: unknown to strace 6.1, which prints them as syscall_0x1c3(...) with six hex words.
        row("cachestat",               of(DESC),                               a("fd", FD), a("cstat_range", CUSTOM), a("cstat", POST_CUSTOM), a("flags", HEX)),
        row("fchmodat2",               of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("mode", MODE), a("flags", AT_FLAGS)),
        row("map_shadow_stack",        of(MEMORY),                             a("addr", ADDR), a("size", SIZE), a("flags", HEX)).ret(Ret.HEX),
        row("futex_wake",              of(),                                   a("uaddr", ADDR), a("mask", HEX), a("nr", INT), a("flags", HEX)),
        row("futex_wait",              of(),                                   a("uaddr", ADDR), a("val", SIZE), a("mask", HEX), a("flags", HEX), a("timespec", TIMESPEC), a("clockid", ENUM, ClockIds.XLAT, "CLOCK_???")),
        row("futex_requeue",           of(),                                   a("waiters", ADDR), a("flags", HEX), a("nr_wake", INT), a("nr_requeue", INT)),
        row("statmount",               of(),                                   a("req", ADDR), a("buf", ADDR), a("bufsize", SIZE), a("flags", HEX)),
        row("listmount",               of(),                                   a("req", ADDR), a("mnt_ids", ADDR), a("nr_mnt_ids", SIZE), a("flags", HEX)),
        row("lsm_get_self_attr",       of(),                                   a("attr", UINT), a("ctx", ADDR), a("size", ADDR), a("flags", HEX)),
        row("lsm_set_self_attr",       of(),                                   a("attr", UINT), a("ctx", ADDR), a("size", UINT), a("flags", HEX)),
        row("lsm_list_modules",        of(),                                   a("ids", ADDR), a("size", ADDR), a("flags", HEX)),
        row("mseal",                   of(MEMORY),                             a("start", ADDR), a("len", SIZE), a("flags", HEX)),
        row("setxattrat",              of(DESC, FILE),                         a("dfd", DIRFD), a("pathname", PATH), a("at_flags", AT_FLAGS), a("name", STRING), a("uargs", ADDR), a("usize", SIZE)),
        row("getxattrat",              of(DESC, FILE),                         a("dfd", DIRFD), a("pathname", PATH), a("at_flags", AT_FLAGS), a("name", STRING), a("uargs", ADDR), a("usize", SIZE)),
        row("listxattrat",             of(DESC, FILE),                         a("dfd", DIRFD), a("pathname", PATH), a("at_flags", AT_FLAGS), a("list", READ_BUFFER), a("size", SIZE)),
        row("removexattrat",           of(DESC, FILE),                         a("dfd", DIRFD), a("pathname", PATH), a("at_flags", AT_FLAGS), a("name", STRING)),
        row("open_tree_attr",          of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("flags", AT_FLAGS), a("uattr", ADDR), a("usize", SIZE)).ret(Ret.FD),
        row("file_getattr",            of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("ufattr", ADDR), a("usize", SIZE), a("at_flags", AT_FLAGS)),
        row("file_setattr",            of(DESC, FILE),                         a("dfd", DIRFD), a("filename", PATH), a("ufattr", ADDR), a("usize", SIZE), a("at_flags", AT_FLAGS)),
    };
    // @formatter:on

    private static final Map<String, SyscallInfo> BY_NAME = index(ROWS);

    /**
     * The row for {@code name}, never {@code null}.
     *
     * @throws IllegalArgumentException if the catalogue has no row for {@code name}
     */
    public static SyscallInfo get(String name) {
        SyscallInfo info = BY_NAME.get(Objects.requireNonNull(name, "name"));
        if (info == null) throw new IllegalArgumentException("no catalogue row for syscall \"" + name + "\"");
        return info;
    }

    /** Every row, in table order; unmodifiable. */
    public static Collection<SyscallInfo> all() {
        return Collections.unmodifiableCollection(BY_NAME.values());
    }

    /** One row under construction: the table's only vocabulary with {@link #of} and {@link #a}. */
    private record Row(String name, Set<Category> categories, List<Arg> args, Ret ret) {
        /** This row with a return style other than {@link Ret#DECIMAL}. */
        Row ret(Ret newRet) {
            return new Row(name, categories, args, newRet);
        }

        SyscallInfo info() {
            return new SyscallInfo(name, categories, args, ret);
        }
    }

    private static Row row(String name, Set<Category> categories, Arg... args) {
        return new Row(name, categories, List.of(args), Ret.DECIMAL);
    }

    private static Set<Category> of(Category... categories) {
        return Set.of(categories);
    }

    private static Arg a(String name, FormatSpecifier spec) {
        return new Arg(name, spec);
    }

    /** An argument that is one lookup in {@code table}: {@link FormatSpecifier#FLAGS} or {@link FormatSpecifier#ENUM}. */
    private static Arg a(String name, FormatSpecifier kind, Xlat table, String unknown) {
        return new Arg(name, kind, table, unknown);
    }

    private static Map<String, SyscallInfo> index(Row[] rows) {
        Map<String, SyscallInfo> byName = new LinkedHashMap<>(rows.length * 2);
        for (Row row : rows) {
            if (byName.putIfAbsent(row.name(), row.info()) != null) {
                throw new IllegalStateException("two catalogue rows for syscall " + row.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
