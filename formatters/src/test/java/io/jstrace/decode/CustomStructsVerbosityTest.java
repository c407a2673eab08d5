package io.jstrace.decode;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.syscalls.Phase;
import io.jstrace.syscalls.SyscallCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The structures that left {@code FormatSpecifier} for their syscall's own decoder
 * ({@code CUSTOM}/{@code POST_CUSTOM}) still print as their address outside
 * {@code -e verbose=}, as the generic struct kinds do ({@link Verbosity#struct}), and are
 * decoded within it.
 */
class CustomStructsVerbosityTest {
    private static final long A = 0x7f00_0000_1000L;
    private static final String ADDRESS = "0x7f0000001000";
    private static final DecodeOptions NO_STRUCTS = new DecodeOptions(32, false, false, java.util.Set.of(),
            XlatStyle.ABBREV, new DecodeOptions.PerSyscall(s -> true, s -> false, s -> false), DecodeOptions.Dumps.none());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "rt_sigaction 1", // SIGACTION
            "rt_sigaction 2", // POST_SIGACTION
            "setitimer 1", // ITIMERVAL
            "sendmsg 1", // SEND_MSGHDR
            "recvmsg 1", // RECV_MSGHDR
            "setsockopt 3", // SOCKOPT_VALUE
            "getsockopt 3", // POST_SOCKOPT_VALUE
            "wait4 1", // WAIT_STATUS
            "uname 0", // UNAME
            "gettimeofday 0", // POST_TIMEVAL
            "sysinfo 0", // SYSINFO
            "times 0", // TMS
            "getgroups 1", // POST_GID_LIST
            "setgroups 1", // GID_LIST
            "capget 1", // POST_CAP_USER_DATA
            "capset 1", // CAP_USER_DATA
            "sigaltstack 0", // SIGALTSTACK
            "sigaltstack 1", // POST_SIGALTSTACK
            "utime 1", // UTIMBUF
            "sched_getparam 1", // POST_SCHED_PARAM
            "sched_setaffinity 2", // IN_CPU_SET
            "sched_getaffinity 2", // CPU_SET
            "epoll_ctl 3", // EPOLL_EVENT
            "get_robust_list 1", // POST_ADDR_PTR
            "get_robust_list 2", // POST_SIZE_PTR
            "utimensat 2", // UTIME_TIMESPEC
            "recvmmsg 1", // RECV_MMSGHDR
            "sendmmsg 1", // SEND_MMSGHDR
            "sched_setattr 1", // SCHED_ATTR
            "sched_getattr 1", // POST_SCHED_ATTR
            "statx 4", // STATX
            "io_uring_setup 1", // IO_URING_PARAMS
            "clone3 0", // CLONE_ARGS
            "openat2 2", // OPEN_HOW
    })
    void structArgumentPrintsItsAddressOutsideVerbose(String syscallAndIndex) {
        String name = syscallAndIndex.split(" ")[0];
        int i = Integer.parseInt(syscallAndIndex.split(" ")[1]);
        boolean atExit = SyscallCatalog.get(name).args().get(i).spec().phase() == Phase.EXIT;
        FakeMemory zeros = new FakeMemory().put(A, new byte[4096]);
        String quiet = Calls.render(Formatters.format(call(Calls.of(name).options(NO_STRUCTS), zeros, atExit), i));
        assertTrue(quiet.equals(ADDRESS) || quiet.equals("[]"), syscallAndIndex + " printed " + quiet);
        String verbose = Calls.render(Formatters.format(call(Calls.of(name).verbose(), zeros, atExit), i));
        // capget/capset read the data by the header's version, getsockopt by its optlen: zeros decode to the address
        boolean needsMore = name.startsWith("cap") || name.equals("getsockopt");
        if (quiet.equals(ADDRESS) && !needsMore) {
            assertNotEquals(ADDRESS, verbose, syscallAndIndex + " is decoded with -e verbose=all");
        }
    }

    private static Call call(Calls calls, FakeMemory memory, boolean atExit) {
        calls.args(A, A, A, A, A, A).mem(memory);
        return atExit ? calls.exit(1) : calls.enter();
    }
}
