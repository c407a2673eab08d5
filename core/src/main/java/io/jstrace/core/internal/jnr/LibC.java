package io.jstrace.core.internal.jnr;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.IgnoreError;

/**
 * The few libc functions the tracer calls, one line each. Everything above this
 * interface is plain Java; tests replace it to inject faults.
 */
public interface LibC {
    long ptrace(long request, int pid, long addr, long data);

    long ptrace(long request, int pid, long addr, Pointer data);

    int waitpid(int pid, Pointer status, int options);

    int wait4(int pid, Pointer status, int options, Pointer rusage);

    @IgnoreError
    int clock_gettime(int clockId, Pointer timespec);

    int kill(int pid, int sig);

    int tgkill(int tgid, int tid, int sig);

    @IgnoreError
    int gettid();

    long process_vm_readv(int pid, Pointer localIov, long liovcnt, Pointer remoteIov, long riovcnt, long flags);

    /** process_vm_writev(2): writes another process's memory. */
    long process_vm_writev(int pid, Pointer localIov, long liovcnt, Pointer remoteIov, long riovcnt, long flags);

    int posix_spawn(Pointer pid, String path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_addclose(Pointer actions, int fd);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    int posix_spawnattr_destroy(Pointer attr);

    int sigemptyset(Pointer set);

    int sigaddset(Pointer set, int signo);

    int socket(int domain, int type, int protocol);

    int bind(int fd, Pointer addr, int addrlen);

    int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

    long send(int fd, Pointer buf, long len, int flags);

    long recv(int fd, Pointer buf, long len, int flags);

    int poll(Pointer fds, long nfds, int timeout);

    int eventfd(int initval, int flags);

    int eventfd_write(int fd, long value);

    int close(int fd);

    /** getxattr(2): an extended attribute of the file {@code path} names (symlinks followed). */
    long getxattr(String path, String name, Pointer value, long size);

    @IgnoreError
    long sysconf(int name);
}
