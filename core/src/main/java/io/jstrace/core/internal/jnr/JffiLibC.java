package io.jstrace.core.internal.jnr;

import static com.kenai.jffi.Type.POINTER;
import static com.kenai.jffi.Type.SINT16;
import static com.kenai.jffi.Type.SINT32;
import static com.kenai.jffi.Type.SINT64;
import static io.jstrace.core.internal.jnr.NativeBuffer.address;
import static java.lang.ref.Reference.reachabilityFence;

import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Function;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;

/**
 * {@link LibC} bound through jffi, the call layer under JNR-FFI's generated bindings:
 * each function's address and C signature, called directly. JNR-FFI's LibraryLoader
 * would generate a class for this interface with ASM on first use, which took start-up
 * about 100 ms of CPU; nothing is generated here. Every call saves errno for
 * {@link Native#errno()} but clock_gettime and sysconf, which cannot fail here.
 */
final class JffiLibC implements LibC {
    private static final Invoker CALL = Invoker.getInstance();
    private static final Library LIBC = Library.getCachedInstance("libc.so.6", Library.LAZY | Library.LOCAL);

    private final Function ptrace = function("ptrace", SINT64, POINTER, SINT32, POINTER, POINTER);
    private final Function waitpid = function("waitpid", SINT32, SINT32, POINTER, SINT32);
    private final Function clockGettime = function("clock_gettime", false, SINT32, SINT32, POINTER);
    private final Function kill = function("kill", SINT32, SINT32, SINT32);
    private final Function processVmReadv =
            function("process_vm_readv", SINT64, SINT32, POINTER, SINT64, POINTER, SINT64, SINT64);
    private final Function processVmWritev =
            function("process_vm_writev", SINT64, SINT32, POINTER, SINT64, POINTER, SINT64, SINT64);
    private final Function posixSpawn =
            function("posix_spawn", SINT32, POINTER, POINTER, POINTER, POINTER, POINTER, POINTER);
    private final Function fileActionsInit = function("posix_spawn_file_actions_init", SINT32, POINTER);
    private final Function fileActionsAddclose =
            function("posix_spawn_file_actions_addclose", SINT32, POINTER, SINT32);
    private final Function fileActionsAdddup2 =
            function("posix_spawn_file_actions_adddup2", SINT32, POINTER, SINT32, SINT32);
    private final Function fileActionsDestroy = function("posix_spawn_file_actions_destroy", SINT32, POINTER);
    private final Function spawnattrInit = function("posix_spawnattr_init", SINT32, POINTER);
    private final Function spawnattrSetflags = function("posix_spawnattr_setflags", SINT32, POINTER, SINT16);
    private final Function spawnattrSetsigmask = function("posix_spawnattr_setsigmask", SINT32, POINTER, POINTER);
    private final Function spawnattrSetsigdefault =
            function("posix_spawnattr_setsigdefault", SINT32, POINTER, POINTER);
    private final Function spawnattrDestroy = function("posix_spawnattr_destroy", SINT32, POINTER);
    private final Function sigemptyset = function("sigemptyset", SINT32, POINTER);
    private final Function sigaddset = function("sigaddset", SINT32, POINTER, SINT32);
    private final Function socket = function("socket", SINT32, SINT32, SINT32, SINT32);
    private final Function bind = function("bind", SINT32, SINT32, POINTER, SINT32);
    private final Function setsockopt = function("setsockopt", SINT32, SINT32, SINT32, SINT32, POINTER, SINT32);
    private final Function send = function("send", SINT64, SINT32, POINTER, SINT64, SINT32);
    private final Function recv = function("recv", SINT64, SINT32, POINTER, SINT64, SINT32);
    private final Function poll = function("poll", SINT32, POINTER, SINT64, SINT32);
    private final Function eventfd = function("eventfd", SINT32, SINT32, SINT32);
    private final Function eventfdWrite = function("eventfd_write", SINT32, SINT32, SINT64);
    private final Function close = function("close", SINT32, SINT32);
    private final Function pipe2 = function("pipe2", SINT32, POINTER, SINT32);
    private final Function getxattr = function("getxattr", SINT64, POINTER, POINTER, POINTER, SINT64);
    private final Function sysconf = function("sysconf", false, SINT64, SINT32);
    private final Function open = function("open", SINT32, POINTER, SINT32);
    private final Function ioctl = function("ioctl", SINT32, SINT32, SINT64, POINTER);
    private final Function access = function("access", SINT32, POINTER, SINT32);
    private final Function readlink = function("readlink", SINT64, POINTER, POINTER, SINT64);
    private final Function signal = function("signal", SINT64, SINT32, POINTER);
    private final Function setrlimit = function("setrlimit", SINT32, SINT32, POINTER);

    private static Function function(String name, Type result, Type... parameters) {
        return function(name, true, result, parameters);
    }

    private static Function function(String name, boolean saveErrno, Type result, Type... parameters) {
        long address = LIBC.getSymbolAddress(name);
        if (address == 0) throw new UnsatisfiedLinkError(name + ": " + Library.getLastError());
        return new Function(address, result, parameters, CallingConvention.DEFAULT, saveErrno);
    }

    @Override
    public long ptrace(long request, int pid, long addr, long data) {
        return CALL.invokeNNNNrN(ptrace, request, pid, addr, data);
    }

    @Override
    public long ptrace(long request, int pid, long addr, NativeBuffer data) {
        long r = CALL.invokeNNNNrN(ptrace, request, pid, addr, address(data));
        reachabilityFence(data);
        return r;
    }

    @Override
    public int waitpid(int pid, NativeBuffer status, int options) {
        long r = CALL.invokeNNNrN(waitpid, pid, address(status), options);
        reachabilityFence(status);
        return (int) r;
    }

    @Override
    public int clock_gettime(int clockId, NativeBuffer timespec) {
        long r = CALL.invokeNNrN(clockGettime, clockId, address(timespec));
        reachabilityFence(timespec);
        return (int) r;
    }

    @Override
    public int kill(int pid, int sig) {
        return (int) CALL.invokeNNrN(kill, pid, sig);
    }

    @Override
    public long process_vm_readv(int pid, NativeBuffer localIov, long liovcnt, NativeBuffer remoteIov,
            long riovcnt, long flags) {
        long r = CALL.invokeNNNNNNrN(processVmReadv, pid, address(localIov), liovcnt, address(remoteIov),
                riovcnt, flags);
        reachabilityFence(localIov);
        reachabilityFence(remoteIov);
        return r;
    }

    @Override
    public long process_vm_writev(int pid, NativeBuffer localIov, long liovcnt, NativeBuffer remoteIov,
            long riovcnt, long flags) {
        long r = CALL.invokeNNNNNNrN(processVmWritev, pid, address(localIov), liovcnt, address(remoteIov),
                riovcnt, flags);
        reachabilityFence(localIov);
        reachabilityFence(remoteIov);
        return r;
    }

    @Override
    public int posix_spawn(NativeBuffer pid, String path, NativeBuffer fileActions, NativeBuffer attr,
            NativeBuffer argv, NativeBuffer envp) {
        NativeBuffer cPath = NativeBuffer.cString(path);
        long r = CALL.invokeNNNNNNrN(posixSpawn, address(pid), address(cPath), address(fileActions),
                address(attr), address(argv), address(envp));
        reachabilityFence(new Object[] {pid, cPath, fileActions, attr, argv, envp});
        return (int) r;
    }

    @Override
    public int posix_spawn_file_actions_init(NativeBuffer actions) {
        return onBuffer(fileActionsInit, actions);
    }

    @Override
    public int posix_spawn_file_actions_addclose(NativeBuffer actions, int fd) {
        return onBuffer(fileActionsAddclose, actions, fd);
    }

    @Override
    public int posix_spawn_file_actions_destroy(NativeBuffer actions) {
        return onBuffer(fileActionsDestroy, actions);
    }

    @Override
    public int posix_spawn_file_actions_adddup2(NativeBuffer actions, int fd, int newfd) {
        long r = CALL.invokeNNNrN(fileActionsAdddup2, address(actions), fd, newfd);
        reachabilityFence(actions);
        return (int) r;
    }

    @Override
    public int posix_spawnattr_init(NativeBuffer attr) {
        return onBuffer(spawnattrInit, attr);
    }

    @Override
    public int posix_spawnattr_setflags(NativeBuffer attr, short flags) {
        return onBuffer(spawnattrSetflags, attr, flags);
    }

    @Override
    public int posix_spawnattr_setsigmask(NativeBuffer attr, NativeBuffer sigset) {
        return onBuffers(spawnattrSetsigmask, attr, sigset);
    }

    @Override
    public int posix_spawnattr_setsigdefault(NativeBuffer attr, NativeBuffer sigset) {
        return onBuffers(spawnattrSetsigdefault, attr, sigset);
    }

    @Override
    public int posix_spawnattr_destroy(NativeBuffer attr) {
        return onBuffer(spawnattrDestroy, attr);
    }

    @Override
    public int sigemptyset(NativeBuffer set) {
        return onBuffer(sigemptyset, set);
    }

    @Override
    public int sigaddset(NativeBuffer set, int signo) {
        return onBuffer(sigaddset, set, signo);
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return (int) CALL.invokeNNNrN(socket, domain, type, protocol);
    }

    @Override
    public int bind(int fd, NativeBuffer addr, int addrlen) {
        long r = CALL.invokeNNNrN(bind, fd, address(addr), addrlen);
        reachabilityFence(addr);
        return (int) r;
    }

    @Override
    public int setsockopt(int fd, int level, int optname, NativeBuffer optval, int optlen) {
        long r = CALL.invokeNNNNNrN(setsockopt, fd, level, optname, address(optval), optlen);
        reachabilityFence(optval);
        return (int) r;
    }

    @Override
    public long send(int fd, NativeBuffer buf, long len, int flags) {
        long r = CALL.invokeNNNNrN(send, fd, address(buf), len, flags);
        reachabilityFence(buf);
        return r;
    }

    @Override
    public long recv(int fd, NativeBuffer buf, long len, int flags) {
        long r = CALL.invokeNNNNrN(recv, fd, address(buf), len, flags);
        reachabilityFence(buf);
        return r;
    }

    @Override
    public int poll(NativeBuffer fds, long nfds, int timeout) {
        long r = CALL.invokeNNNrN(poll, address(fds), nfds, timeout);
        reachabilityFence(fds);
        return (int) r;
    }

    @Override
    public int eventfd(int initval, int flags) {
        return (int) CALL.invokeNNrN(eventfd, initval, flags);
    }

    @Override
    public int eventfd_write(int fd, long value) {
        return (int) CALL.invokeNNrN(eventfdWrite, fd, value);
    }

    @Override
    public int close(int fd) {
        return (int) CALL.invokeNrN(close, fd);
    }

    @Override
    public int pipe2(NativeBuffer fds, int flags) {
        return onBuffer(pipe2, fds, flags);
    }

    @Override
    public long getxattr(String path, String name, NativeBuffer value, long size) {
        NativeBuffer cPath = NativeBuffer.cString(path), cName = NativeBuffer.cString(name);
        long r = CALL.invokeNNNNrN(getxattr, address(cPath), address(cName), address(value), size);
        reachabilityFence(new Object[] {cPath, cName, value});
        return r;
    }

    @Override
    public long sysconf(int name) {
        return CALL.invokeNrN(sysconf, name);
    }

    @Override
    public int open(String path, int flags) {
        NativeBuffer cPath = NativeBuffer.cString(path);
        int r = (int) CALL.invokeNNrN(open, address(cPath), flags);
        reachabilityFence(cPath);
        return r;
    }

    @Override
    public int ioctl(int fd, long request, NativeBuffer arg) {
        int r = (int) CALL.invokeNNNrN(ioctl, fd, request, address(arg));
        reachabilityFence(arg);
        return r;
    }

    @Override
    public int access(NativeBuffer path, int mode) {
        return onBuffer(access, path, mode);
    }

    @Override
    public long readlink(String path, NativeBuffer buf, long size) {
        NativeBuffer cPath = NativeBuffer.cString(path);
        long r = CALL.invokeNNNrN(readlink, address(cPath), address(buf), size);
        reachabilityFence(new Object[] {cPath, buf});
        return r;
    }

    @Override
    public long signal(int sig, long handler) {
        return CALL.invokeNNrN(signal, sig, handler);
    }

    @Override
    public int setrlimit(int resource, NativeBuffer rlim) {
        int r = (int) CALL.invokeNNrN(setrlimit, resource, address(rlim));
        reachabilityFence(rlim);
        return r;
    }

    /** A call whose one argument is a buffer. */
    private static int onBuffer(Function f, NativeBuffer b) {
        long r = CALL.invokeNrN(f, address(b));
        reachabilityFence(b);
        return (int) r;
    }

    /** A call whose arguments are a buffer and a number. */
    private static int onBuffer(Function f, NativeBuffer b, long value) {
        long r = CALL.invokeNNrN(f, address(b), value);
        reachabilityFence(b);
        return (int) r;
    }

    /** A call whose two arguments are buffers. */
    private static int onBuffers(Function f, NativeBuffer a, NativeBuffer b) {
        long r = CALL.invokeNNrN(f, address(a), address(b));
        reachabilityFence(a);
        reachabilityFence(b);
        return (int) r;
    }
}
