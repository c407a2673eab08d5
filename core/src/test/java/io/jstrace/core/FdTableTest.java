package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.internal.SockDiag;
import io.jstrace.testdata.TestPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The fd table against the kernel: {@code fd_steps} builds descriptors of every kind and
 * changes them (a socket dup2'd over stdout, SCM_RIGHTS, close_range with and without
 * CLOSE_RANGE_CLOEXEC, F_DUPFD_CLOEXEC, F_SETFD, fork, exec with close-on-exec
 * descriptors, a connected UDP socket dissolved and reconnected); at every getppid()
 * enter stop the table's answer for every descriptor must equal /proc/PID/fd (kind,
 * link, close-on-exec) plus sock_diag (family, type, local and peer addresses).
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class FdTableTest {
    private static final int O_CLOEXEC = 02000000;

    @Test
    void tableEqualsProcAndSockDiagAtEveryStep() throws Exception {
        check(TraceOptions.defaults().withFollowForks(true).withFdTable(true));
    }

    /**
     * Under a seccomp filter that selects only getppid, the table's syscalls still stop
     * (unseen by listeners), so the table is as right as without one.
     */
    @Test
    void aSeccompFilterStillStopsTheTablesSyscalls() throws Exception {
        check(TraceOptions.defaults().withFollowForks(true).withFdTable(true).withSeccompFilter(true)
                .withSyscalls(s -> s.name().equals("getppid")));
    }

    private static void check(TraceOptions options) throws Exception {
        Path binary = TestPrograms.compile("fd_steps");
        List<String> mismatches = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        String cd = "cd '" + binary.getParent() + "' && exec ./fd_steps";
        try (TraceSession session = TraceSession.launch(List.of("sh", "-c", cd), options)) {
            session.onError(errors::add);
            session.addListener(new TraceListener() {
                @Override
                public void onSyscallEnter(SyscallEnter e, Tracee t) {
                    if (!e.name().equals("getppid")) {
                        if (!options.syscalls().test(e.syscall())) mismatches.add("unselected " + e.name() + " seen");
                        return;
                    }
                    checked.add(t.pid() + ":" + t.fds().snapshot().size());
                    compare(t, mismatches);
                }
            });
            assertEquals(0, session.start());
        }
        assertEquals(List.of(), errors);
        assertEquals(List.of(), mismatches);
        // fd_steps stops 10 times (the shell that execs it may call getppid too)
        assertTrue(checked.size() >= 10, checked.toString());
    }

    /** Every descriptor /proc shows is in the table, as /proc and sock_diag describe it, and no other. */
    private static void compare(Tracee t, List<String> out) {
        String at = "pid " + t.pid() + ": ";
        SortedMap<Integer, String> proc = procFds(t.tid());
        SortedMap<Integer, OpenFile> table = t.fds().snapshot();
        if (!proc.keySet().equals(table.keySet())) out.add(at + "fds " + proc.keySet() + " vs table " + table.keySet());
        for (Map.Entry<Integer, String> p : proc.entrySet()) {
            int fd = p.getKey();
            OpenFile f = table.get(fd);
            if (f == null) continue;
            String link = p.getValue();
            OpenFile expected = OpenFile.ofLink(link);
            if (!f.link().equals(link) || f.getClass() != expected.getClass()) {
                out.add(at + fd + ": " + link + " vs " + f);
            }
            if (t.fds().closeOnExec(fd) != cloexec(t.tid(), fd)) out.add(at + fd + ": close-on-exec differs");
            // host facts answered from the table say what /proc and the socket's xattr say
            if (!link.equals(t.host().fdPath(fd))) out.add(at + fd + ": host fdPath " + t.host().fdPath(fd));
            if (f instanceof OpenFile.Socket
                    && !java.util.Objects.equals(SockDiag.protocol(t.tid(), fd), t.host().socketProtocol(fd))) {
                out.add(at + fd + ": host socketProtocol " + t.host().socketProtocol(fd));
            }
            if (f instanceof OpenFile.Socket s) compareSocket(at + fd + ": ", t.tid(), fd, s, out);
        }
    }

    private static void compareSocket(String at, int tid, int fd, OpenFile.Socket s, List<String> out) {
        String proto = SockDiag.protocol(tid, fd);
        switch (proto) {
            case "TCP", "UDP" -> {
                int type = proto.equals("TCP") ? OpenFile.Socket.SOCK_STREAM : OpenFile.Socket.SOCK_DGRAM;
                if (s.family() != OpenFile.Socket.AF_INET || s.type() != type) out.add(at + proto + " vs " + s);
                SockDiag.Inet i = SockDiag.inet(2, proto.equals("TCP") ? 6 : 17, s.inode());
                OpenFile.Address local = address(i.src(), i.sport()), peer = address(i.dst(), i.dport());
                if (!java.util.Objects.equals(local, s.local())) out.add(at + "local " + local + "->" + peer + " vs " + s);
                if (!java.util.Objects.equals(peer, s.peer())) out.add(at + "peer " + peer + " vs " + s.peer());
            }
            case "UNIX", "UNIX-STREAM" -> {
                SockDiag.Unix u = SockDiag.unix(s.inode());
                if (s.family() != OpenFile.Socket.AF_UNIX || s.type() != u.type()) out.add(at + proto + " vs " + s);
                byte[] name = s.local() == null ? new byte[0] : s.local().bytes();
                if (!Arrays.equals(unixName(u.name()), name)) out.add(at + "name differs: " + s);
                if (u.peer() != s.peerInode()) out.add(at + "peer " + u.peer() + " vs " + s.peerInode());
            }
            default -> out.add(at + "unexpected protocol " + proto);
        }
    }

    private static OpenFile.Address address(byte[] addr, int port) {
        OpenFile.Address a = new OpenFile.Address(addr, port);
        return a.isUnspecified() ? null : a;
    }

    /** unix_diag's name: a path with its NUL, an abstract name as given. */
    private static byte[] unixName(byte[] b) {
        if (b.length == 0 || b[0] == 0) return b;
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return Arrays.copyOf(b, n);
    }

    private static SortedMap<Integer, String> procFds(int tid) {
        SortedMap<Integer, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/" + tid + "/fd"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(Integer.parseInt(p.getFileName().toString()), Files.readSymbolicLink(p).toString());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return m;
    }

    private static boolean cloexec(int tid, int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + tid + "/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) return (Integer.parseInt(line.substring(6).trim(), 8) & O_CLOEXEC) != 0;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    @Test
    void noTableUnlessAskedFor() {
        assertTrue(!TraceOptions.defaults().keepsFdTable());
        assertTrue(TraceOptions.defaults().withPayloads(0).keepsFdTable());
        Tracee fake = new Tracee() {
            public int pid() {
                return 1;
            }

            public int tid() {
                return 1;
            }

            public io.jstrace.arch.Arch arch() {
                return io.jstrace.arch.Arch.host();
            }

            public TraceeMemory memory() {
                return (a, d, o, l) -> 0;
            }
        };
        assertEquals(FdTable.NONE, fake.fds());
    }
}
