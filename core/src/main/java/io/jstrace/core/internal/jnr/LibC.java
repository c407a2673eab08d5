package io.jstrace.core.internal.jnr;

/**
 * The few libc functions the tracer calls, one line each. Everything above this
 * interface is plain Java; tests weave faults into its binding with the ByteBuddy
 * agent. A {@code null} {@link NativeBuffer} is a NULL pointer.
 */
public interface LibC {
    long ptrace(long request, int pid, long addr, long data);

    long ptrace(long request, int pid, long addr, NativeBuffer data);

    int waitpid(int pid, NativeBuffer status, int options);

    int clock_gettime(int clockId, NativeBuffer timespec);

    int kill(int pid, int sig);

    long process_vm_readv(int pid, NativeBuffer localIov, long liovcnt, NativeBuffer remoteIov, long riovcnt, long flags);

    /** process_vm_writev(2): writes another process's memory. */
    long process_vm_writev(int pid, NativeBuffer localIov, long liovcnt, NativeBuffer remoteIov, long riovcnt, long flags);

    int posix_spawn(NativeBuffer pid, String path, NativeBuffer fileActions, NativeBuffer attr, NativeBuffer argv, NativeBuffer envp);

    int posix_spawn_file_actions_init(NativeBuffer actions);

    int posix_spawn_file_actions_addclose(NativeBuffer actions, int fd);

    int posix_spawn_file_actions_destroy(NativeBuffer actions);

    int posix_spawn_file_actions_adddup2(NativeBuffer actions, int fd, int newfd);

    int posix_spawnattr_init(NativeBuffer attr);

    int posix_spawnattr_setflags(NativeBuffer attr, short flags);

    int posix_spawnattr_setsigmask(NativeBuffer attr, NativeBuffer sigset);

    int posix_spawnattr_setsigdefault(NativeBuffer attr, NativeBuffer sigset);

    int posix_spawnattr_destroy(NativeBuffer attr);

    int sigemptyset(NativeBuffer set);

    int sigaddset(NativeBuffer set, int signo);

    int socket(int domain, int type, int protocol);

    int bind(int fd, NativeBuffer addr, int addrlen);

    int setsockopt(int fd, int level, int optname, NativeBuffer optval, int optlen);

    long send(int fd, NativeBuffer buf, long len, int flags);

    long recv(int fd, NativeBuffer buf, long len, int flags);

    int poll(NativeBuffer fds, long nfds, int timeout);

    int eventfd(int initval, int flags);

    int eventfd_write(int fd, long value);

    int close(int fd);

    /** pipe2(2): {@code fds} receives the read end, then the write end (two ints). */
    int pipe2(NativeBuffer fds, int flags);

    /** getxattr(2): an extended attribute of the file {@code path} names (symlinks followed). */
    long getxattr(String path, String name, NativeBuffer value, long size);

    long sysconf(int name);

    /** open(2) of {@code path}. */
    int open(String path, int flags);

    /** ioctl(2) whose third argument is a buffer. */
    int ioctl(int fd, long request, NativeBuffer arg);

    /** access(2) of the NUL-terminated path in {@code path}: a path as bytes, whatever the locale. */
    int access(NativeBuffer path, int mode);

    /**
     * readlink(2) of {@code path} into {@code buf}: the target's length in bytes (not
     * NUL-terminated, cut at {@code size}), or -1. The target as bytes, whatever the locale.
     */
    long readlink(String path, NativeBuffer buf, long size);

    /** signal(2): sets a disposition, {@code SIG_DFL} (0) or {@code SIG_IGN} (1); the previous one. */
    long signal(int sig, long handler);

    /** setrlimit(2): {@code rlim} is a struct rlimit, rlim_cur and rlim_max. */
    int setrlimit(int resource, NativeBuffer rlim);
}
