package io.jstrace.syscalls;

import static io.jstrace.syscalls.FormatSpecifier.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.arch.Aarch64;
import io.jstrace.arch.Arch;
import io.jstrace.arch.X86_64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every row of {@link SyscallCatalog} must have, and a few rows checked in full. */
class CatalogInvariantsTest {

    static Stream<Arch> arches() {
        return Stream.of(X86_64.INSTANCE, Aarch64.INSTANCE);
    }

    private static Set<String> archNames() {
        Set<String> names = new TreeSet<>();
        arches().forEach(arch -> names.addAll(Arrays.asList(arch.syscalls().names())));
        return names;
    }

    // ---- coverage

    @ParameterizedTest
    @MethodSource("arches")
    void everyArchNameHasARow(Arch arch) {
        List<String> missing = new ArrayList<>();
        for (String name : arch.syscalls().names()) {
            try {
                assertEquals(name, SyscallCatalog.get(name).name());
            } catch (IllegalArgumentException e) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, arch + " syscalls without a catalogue row");
    }

    @Test
    void everyRowIsReachableFromAnArch() {
        Set<String> archNames = archNames();
        List<String> orphans = SyscallCatalog.all().stream()
                .map(SyscallInfo::name)
                .filter(name -> !archNames.contains(name))
                .toList();
        assertEquals(List.of(), orphans, "rows no architecture numbers");
    }

    @Test
    void namesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (SyscallInfo info : SyscallCatalog.all()) {
            assertTrue(seen.add(info.name()), "two rows for " + info.name());
        }
        assertEquals(archNames().size(), SyscallCatalog.all().size());
    }

    @Test
    void unknownNameThrows() {
        assertThrows(IllegalArgumentException.class, () -> SyscallCatalog.get("no_such_syscall"));
        assertThrows(IllegalArgumentException.class, () -> SyscallCatalog.get("syscall_0x3e8"));
    }

    // ---- shape of each row

    @Test
    void atMostSixArgumentsWithUniqueNames() {
        for (SyscallInfo info : SyscallCatalog.all()) {
            assertTrue(info.args().size() <= 6, info.name());
            Set<String> argNames = new HashSet<>();
            for (Arg arg : info.args()) {
                assertTrue(arg.name().matches("[a-z_][a-z0-9_]*"), info.name() + ": argument name " + arg.name());
                assertTrue(argNames.add(arg.name()), info.name() + ": argument " + arg.name() + " twice");
            }
        }
    }

    /** Specifiers whose length or count is the next argument are never last. */
    @Test
    void lengthTakingSpecifiersHaveTheirLength() {
        Set<FormatSpecifier> lengthIsNext = EnumSet.of(WRITE_BUFFER, WRITE_IOVEC, POLL_FDS, SOCKADDR,
                POST_SOCKADDR);
        for (SyscallInfo info : SyscallCatalog.all()) {
            List<Arg> args = info.args();
            for (int i = 0; i < args.size(); i++) {
                FormatSpecifier spec = args.get(i).spec();
                if (!lengthIsNext.contains(spec)) continue;
                assertTrue(i + 1 < args.size(), info.name() + ": " + spec + " is the last argument");
                FormatSpecifier next = args.get(i + 1).spec();
                if (spec == SOCKADDR) assertEquals(SOCKLEN, next, info.name());
                if (spec == POST_SOCKADDR) assertEquals(POST_SOCKLEN, next, info.name());
            }
        }
    }

    /**
     * Kernel-filled (EXIT-phase) arguments only where an exit stop brings them: never in a
     * syscall that does not return to its caller, nor in one that only hands data in.
     */
    @Test
    void exitPhaseSpecifiersOnlyWhereTheKernelFillsMemory() {
        for (String name : List.of("exit", "exit_group", "execve", "execveat", "rt_sigreturn", "write", "pwrite64",
                "writev", "pwritev", "pwritev2", "sendto", "sendmsg", "setxattr", "mq_timedsend",
                "rt_sigqueueinfo", "kill", "mmap", "mprotect", "openat", "mkdirat", "unlinkat", "utimensat")) {
            for (Arg arg : SyscallCatalog.get(name).args()) {
                assertEquals(Phase.ENTRY, arg.spec().phase(), name + "(" + arg.name() + ")");
            }
        }
        for (SyscallInfo info : SyscallCatalog.all()) {
            if (info.ret() == Ret.NONE) {
                assertTrue(info.args().stream().allMatch(a -> a.spec().phase() == Phase.ENTRY), info.name());
            }
        }
        assertEquals(READ_BUFFER, arg("read", 1));
        assertEquals(Phase.EXIT, arg("read", 1).phase());
        assertEquals(WRITE_BUFFER, arg("write", 1));
        assertEquals(Phase.ENTRY, arg("write", 1).phase());
        assertEquals(Phase.EXIT, arg("newfstatat", 2).phase());
        assertEquals(Phase.EXIT, arg("getcwd", 0).phase());
        assertEquals(Phase.EXIT, arg("wait4", 1).phase());
        assertEquals(Phase.EXIT, arg("pipe2", 0).phase());
        assertEquals(Phase.EXIT, arg("accept", 1).phase());
        assertEquals(Phase.ENTRY, arg("connect", 1).phase());
        // the kernel writes each msg_len of sendmmsg's vector (net/socket.c __sys_sendmmsg)
        assertEquals(Phase.EXIT, arg("sendmmsg", 1).phase());
    }

    private static FormatSpecifier arg(String syscall, int i) {
        return SyscallCatalog.get(syscall).args().get(i).spec();
    }

    // ---- strace's argument counts (nargs in strace 6.1's syscallent)

    @Test
    void argumentCountsMatchStrace() {
        String[][] counts = {
            {"rt_sigreturn", "0"}, {"exit_group", "1"}, {"getpid", "0"}, {"arch_prctl", "2"}, {"clone", "5"},
            {"mmap", "6"}, {"futex", "6"}, {"execveat", "5"}, {"set_robust_list", "2"}, {"rseq", "4"},
            {"prlimit64", "4"}, {"wait4", "4"}, {"clone3", "2"}, {"pselect6", "6"}, {"epoll_pwait", "6"},
            {"epoll_pwait2", "6"}, {"ppoll", "5"}, {"rt_sigaction", "4"}, {"rt_sigprocmask", "4"},
            {"getrandom", "3"}, {"statx", "5"}, {"newfstatat", "4"}, {"openat2", "4"}, {"close_range", "3"},
            {"sendfile", "4"}, {"copy_file_range", "6"}, {"splice", "6"}, {"preadv", "4"}, {"pwritev", "4"},
            {"preadv2", "6"}, {"ioctl", "3"}, {"prctl", "5"}, {"mremap", "5"}, {"waitid", "5"},
            {"epoll_ctl_old", "4"}, {"getpmsg", "5"}, {"query_module", "5"}, {"restart_syscall", "0"},
        };
        for (String[] c : counts) {
            assertEquals(Integer.parseInt(c[1]), SyscallCatalog.get(c[0]).args().size(), c[0]);
        }
    }

    // ---- a few rows in full

    @Test
    void read() {
        assertEquals(new SyscallInfo("read", Set.of(Category.DESC),
                List.of(new Arg("fd", FD), new Arg("buf", READ_BUFFER), new Arg("count", SIZE)), Ret.DECIMAL),
                SyscallCatalog.get("read"));
    }

    @Test
    void openat() {
        assertEquals(new SyscallInfo("openat", Set.of(Category.DESC, Category.FILE),
                List.of(new Arg("dfd", DIRFD), new Arg("filename", PATH), new Arg("flags", OPEN_FLAGS),
                        new Arg("mode", MODE)), Ret.FD),
                SyscallCatalog.get("openat"));
    }

    @Test
    void mmapReturnsHex() {
        SyscallInfo mmap = SyscallCatalog.get("mmap");
        assertEquals(Ret.HEX, mmap.ret());
        assertEquals(List.of(ADDR, SIZE, MMAP_PROT, MMAP_FLAGS, FD, HEX), specs(mmap));
        assertEquals(Set.of(Category.DESC, Category.MEMORY), mmap.categories());
        assertEquals(Ret.HEX, SyscallCatalog.get("brk").ret());
        assertEquals(Ret.HEX, SyscallCatalog.get("mremap").ret());
        assertEquals(Ret.HEX, SyscallCatalog.get("shmat").ret());
        assertEquals(Ret.OCTAL, SyscallCatalog.get("umask").ret());
    }

    @Test
    void exitGroupDoesNotReturn() {
        SyscallInfo exitGroup = SyscallCatalog.get("exit_group");
        assertEquals(Ret.NONE, exitGroup.ret());
        assertEquals(List.of(new Arg("error_code", INT)), exitGroup.args());
        assertEquals(Set.of(Category.PROCESS), exitGroup.categories());
        assertEquals(Ret.NONE, SyscallCatalog.get("exit").ret());
    }

    @Test
    void descriptorCreatorsReturnFds() {
        for (String name : List.of("open", "openat", "openat2", "creat", "dup", "dup2", "dup3", "socket", "accept",
                "accept4", "epoll_create", "epoll_create1", "eventfd", "eventfd2", "signalfd", "signalfd4",
                "timerfd_create", "inotify_init", "inotify_init1", "fanotify_init", "memfd_create", "pidfd_open",
                "pidfd_getfd", "userfaultfd", "perf_event_open", "io_uring_setup", "open_by_handle_at", "fsopen",
                "fsmount", "fspick", "open_tree", "memfd_secret", "landlock_create_ruleset")) {
            assertEquals(Ret.FD, SyscallCatalog.get(name).ret(), name);
        }
        assertEquals(Ret.DECIMAL, SyscallCatalog.get("pipe").ret());
        assertEquals(Ret.DECIMAL, SyscallCatalog.get("bpf").ret());
        assertEquals(Ret.DECIMAL, SyscallCatalog.get("close").ret());
    }

    @Test
    void straceClasses() {
        assertEquals(Set.of(Category.PURE), SyscallCatalog.get("getpid").categories());
        assertEquals(Set.of(Category.CREDS, Category.PURE), SyscallCatalog.get("getuid").categories());
        assertEquals(Set.of(Category.FILE, Category.STAT, Category.STAT_LIKE), SyscallCatalog.get("stat").categories());
        assertEquals(Set.of(Category.FILE, Category.LSTAT, Category.STAT_LIKE), SyscallCatalog.get("lstat").categories());
        assertEquals(Set.of(Category.DESC, Category.FILE, Category.FSTAT, Category.STAT_LIKE),
                SyscallCatalog.get("newfstatat").categories());
        assertEquals(Set.of(Category.DESC, Category.FILE, Category.FSTAT, Category.STAT_LIKE),
                SyscallCatalog.get("statx").categories());
        assertEquals(Set.of(Category.FILE, Category.STATFS, Category.STATFS_LIKE),
                SyscallCatalog.get("statfs").categories());
        assertEquals(Set.of(Category.DESC, Category.FSTATFS, Category.STATFS_LIKE),
                SyscallCatalog.get("fstatfs").categories());
        assertEquals(Set.of(Category.FILE, Category.PROCESS), SyscallCatalog.get("execve").categories());
        assertEquals(Set.of(Category.SIGNAL, Category.PROCESS), SyscallCatalog.get("kill").categories());
        assertEquals(Set.of(Category.PROCESS), SyscallCatalog.get("clone").categories());
        assertEquals(Set.of(Category.DESC, Category.NET), SyscallCatalog.get("sendfile").categories());
        assertEquals(Set.of(Category.CLOCK), SyscallCatalog.get("clock_gettime").categories());
        assertEquals(Set.of(), SyscallCatalog.get("nanosleep").categories());
        assertTrue(SyscallCatalog.get("fstat").is(Category.FSTAT));
    }

    /** clone's row is in x86_64 order; SyscallTable reorders it for arm64's CLONE_BACKWARDS. */
    @Test
    void cloneIsReorderedOnAarch64() {
        SyscallInfo row = SyscallCatalog.get("clone");
        assertEquals(List.of("clone_flags", "newsp", "parent_tidptr", "child_tidptr", "tls"), argNames(row));
        assertEquals(row, SyscallTable.of(X86_64.INSTANCE).get(56));
        SyscallInfo arm = SyscallTable.of(Aarch64.INSTANCE).get(220);
        assertEquals("clone", arm.name());
        assertEquals(List.of("clone_flags", "newsp", "parent_tidptr", "tls", "child_tidptr"), argNames(arm));
        assertEquals(List.of(CUSTOM, ADDR, ADDR, ADDR, ADDR), specs(arm));
        assertEquals(row.categories(), arm.categories());
        assertEquals(row.ret(), arm.ret());
    }

    private static List<String> argNames(SyscallInfo info) {
        return info.args().stream().map(Arg::name).toList();
    }

    private static List<FormatSpecifier> specs(SyscallInfo info) {
        return info.args().stream().map(Arg::spec).toList();
    }
}
