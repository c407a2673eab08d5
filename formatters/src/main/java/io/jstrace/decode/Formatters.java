package io.jstrace.decode;

import io.jstrace.syscalls.FormatSpecifier;
import io.jstrace.syscalls.Ret;

/**
 * The decoding of a syscall's arguments and return value: its own decoder's
 * ({@link SyscallDecoders}) where it has one, else its catalogue row's, one generic decoder
 * per {@link FormatSpecifier} chosen by an exhaustive switch (a new specifier does not
 * compile until it has one). Decoders never throw on tracee data: unreadable memory prints
 * as its address.
 */
public final class Formatters {
    private Formatters() {}

    /** Decodes printed argument {@code i} of {@code call}. */
    public static Value format(Call call, int i) {
        if (call.raw()) return Verbosity.raw(call, i);
        return Verbosity.apply(call, i, SyscallDecoders.of(call.name()).arg(call, i));
    }

    /** Argument {@code i} as its catalogue row's specifier decodes it. */
    static Value bySpec(Call call, int i) {
        FormatSpecifier spec = call.spec(i);
        return switch (spec) {
            case INT -> Numbers.signedInt(call, i);
            case FD_SET -> Polls.fdSet(call, i);
            case POLL_FDS -> Polls.pollFds(call, i);
            case PSELECT6_SIG -> Polls.pselectSig(call, i);
            case EPOLL_EVENTS -> Epolls.events(call, i);
            case STATFS -> Statfs.statfs(call, i);
            case DIRENTS -> Dirents.dirents(call, i);
            case OFFSET_PTR -> Splices.offset(call, i);
            case LONG, OFFSET -> Numbers.signedLong(call, i);
            case UINT -> Numbers.unsignedInt(call, i);
            case SOCKLEN -> Numbers.signedInt(call, i);
            case SIZE -> Numbers.unsignedLong(call, i);
            case HEX -> Numbers.hex(call, i);
            case HEX_INT -> Value.hex(call.arg(i) & 0xffff_ffffL);
            case OCT -> Numbers.octal(call, i);
            case ADDR -> Numbers.address(call, i);
            case FD -> FileDecoders.fd(call, i);
            case DIRFD -> FileDecoders.dirfd(call, i);
            case PATH -> Strings.path(call, i);
            case STRING -> Strings.string(call, i);
            case POST_PATH -> Strings.postPath(call, i);
            case WRITE_BUFFER -> Strings.writeBuffer(call, i);
            case READ_BUFFER -> Strings.readBuffer(call, i);
            case OPEN_FLAGS -> FileDecoders.openFlags(call, i);
            case MODE -> FileDecoders.mode(call, i);
            case MKNOD_MODE -> FileDecoders.typedModeValue(call.arg(i) & 0xffff);
            case DEV -> FileDecoders.dev(call.arg(i) & 0xffff_ffffL);
            case AT_FLAGS -> FileDecoders.atFlags(call, i);
            case ACCESS_MODE -> FileDecoders.accessMode(call, i);
            case STAT -> FileDecoders.stat(call, i);
            case MMAP_PROT -> Memory.prot(call, i);
            case MMAP_FLAGS -> Memory.mapFlags(call, i);
            case EXECVE_STRING_VECTOR -> Processes.argv(call, i);
            case EXECVE_ENV -> Processes.envp(call, i);
            case WAIT_OPTIONS -> Processes.waitOptions(call, i);
            case TGID, TID, PGID, TGID_OR_PGID, PID_BY_WHICH -> Pids.arg(call, i);
            case TIMESPEC, POST_TIMESPEC -> Times.timespec(call, i);
            case TIMEVAL -> Times.timeval(call, i);
            case ITIMERSPEC, POST_ITIMERSPEC -> Times.itimerspec(call, i);
            case POST_ITIMERVAL -> Times.itimerval(call, i);
            case RLIMIT, POST_RLIMIT -> Resources.rlimit(call, i);
            case RUSAGE -> Resources.rusage(call, i);
            case PIPE_FDS -> Resources.pipeFds(call, i);
            case WRITE_IOVEC -> Iovecs.writeIovec(call, i);
            case READ_IOVEC -> Iovecs.readIovec(call, i);
            case IOVEC -> Iovecs.iovec(call, i);
            case SIGNAL -> SignalDecoders.signal(call, i);
            case SIGSET, POST_SIGSET -> SignalDecoders.sigset(call, i);
            case SIGINFO, POST_SIGINFO -> SignalDecoders.siginfoArg(call, i);
            case FLAGS, ENUM -> Constants.format(call, i);
            case FLAGS64 -> Constants.format64(call, i);
            // a syscall decoder that leaves one of its arguments to the row: the register, as printargs
            case CUSTOM, POST_CUSTOM -> Numbers.hex(call, i);
            case USER_DESC -> UserDescs.userDesc(call, i);
            case MPOL_MODE -> MemPolicies.mode(call, i);
            case NODEMASK -> MemPolicies.nodemask(call, i);
            case IPC_KEY -> SysvIpc.key(call, i);
            case IPC_GET_FLAGS -> SysvIpc.getFlags(call, i);
            case IPC_CTL_CMD -> SysvIpc.ctlCmd(call, i);
            case IPC_CTL_BUF -> SysvIpc.ctlBuf(call, i);
            case SEMBUF -> SysvIpc.sembuf(call, i);
            case MQ_ATTR -> Mqueues.attr(call, i);
            case AIO_EVENTS -> Aio.events(call, i);
            case KEY_SERIAL -> Keys.serial(call, i);
            case SOCK_TYPE -> SocketDecoders.type(call, i);
            case SOCK_PROTOCOL -> SocketDecoders.protocol(call, i);
            case SOCKADDR -> SockAddrs.sockaddr(call, i);
            case POST_SOCKADDR -> SockAddrs.postSockaddr(call, i);
            case POST_SOCKLEN -> SocketDecoders.postSocklen(call, i);
            case SOCKOPT_NAME -> SockOpts.name(call, i);
            case UID -> Creds.uid(call, i);
            case POST_ID_PTR -> Creds.idPtr(call, i);
            case CAP_USER_HEADER -> Creds.capHeader(call, i);
            case SCHED_PARAM -> Sched.param(call, i);
            case POST_UINT_PTR -> Sched.uintPtr(call, i);
            case UTS_NAME -> Tasks.utsName(call, i);
            case POST_TIMEX -> Clocks.timex(call, i);
            case SIGEVENT -> PosixTimers.sigevent(call, i);
        };
    }

    /** How many of the syscall's arguments strace prints ({@link SyscallDecoder#visibleArgs}). */
    public static int visibleArgs(Call call) {
        if (call.raw()) return call.enter().syscall().args().size();
        return SyscallDecoders.of(call.name()).visibleArgs(call);
    }

    /** How many of the {@code visible} arguments print at syscall-enter-stop ({@link SyscallDecoder#entryArgs}). */
    public static int entryArgs(Call call, int visible) {
        if (call.raw()) return visible;
        return SyscallDecoders.of(call.name()).entryArgs(call, visible);
    }

    /** Whether the {@code ", "} before the exit part prints at exit ({@link SyscallDecoder#separatorAtExit}). */
    public static boolean separatorAtExit(Call call) {
        return !call.raw() && SyscallDecoders.of(call.name()).separatorAtExit(call);
    }

    /** What the kernel wrote back into an entry argument ({@link SyscallDecoder#writeBack}); {@code null} when nothing. */
    public static Value writeBack(Call call) {
        if (call.raw() || !call.structs()) return null;
        return SyscallDecoders.of(call.name()).writeBack(call);
    }

    /**
     * A successful call's return value as it prints: its syscall's decoding when that says
     * more than the row's {@link Ret}, else the value in the row's base; {@code ?} for a call
     * that returns nothing; under {@code -e raw=}, hex.
     */
    public static Value result(Call call) {
        long r = call.ret();
        Ret ret = call.enter().syscall().ret();
        if (call.raw() && ret != Ret.NONE) return new Value.Num(r, Value.Base.HEX);
        Value decoded = returnValue(call);
        if (decoded != null) return decoded;
        return switch (ret) {
            case HEX -> new Value.Num(r, Value.Base.HEX);
            case OCTAL -> new Value.Num(r, Value.Base.OCTAL);
            case UNSIGNED -> new Value.Num(r, Value.Base.UNSIGNED);
            case FD -> call.options().decodesFds() ? FileDecoders.descriptor(call, r) : Value.dec(r);
            case TGID, TID, PGID, SID -> Pids.result(call, ret);
            case NONE -> new Value.Text("?");
            // strace's default is unsigned (RVAL_UDECIMAL): a negative success, as retval= can
            // set, prints as 18446744073709551615
            default -> r < 0 ? new Value.Num(r, Value.Base.UNSIGNED) : Value.dec(r);
        };
    }

    /** A successful return value as its syscall's decoder prints it ({@link SyscallDecoder#returnValue}); {@code null} for the row's. */
    static Value returnValue(Call call) {
        return SyscallDecoders.of(call.name()).returnValue(call);
    }
}
