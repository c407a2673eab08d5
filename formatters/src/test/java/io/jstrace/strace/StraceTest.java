package io.jstrace.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.NewChild;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceRecord;
import io.jstrace.core.Tracee;
import io.jstrace.decode.DecodeOptions;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** u-root's strace surface in Java terms, on real traced processes. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class StraceTest {
    private static final String HOSTNAME = "/etc/hostname";

    /** /etc/hostname's bytes as strace quotes them, up to {@code limit}. */
    private static String quoted(int limit) throws Exception {
        byte[] b = Files.readAllBytes(Path.of(HOSTNAME));
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < Math.min(limit, b.length); i++) {
            char c = (char) (b[i] & 0xff);
            s.append(c == '\n' ? "\\n" : String.valueOf(c));
        }
        return s.append(b.length > limit ? "\"..." : "\"").toString();
    }

    @Test
    void runPrintsStraceTextOfTheCommandAndItsChildren() throws Exception {
        StringWriter out = new StringWriter();
        int status = Strace.run(List.of("sh", "-c", "cat " + HOSTNAME + " >/dev/null; exit 7"), out);
        assertEquals(7, status);
        String text = out.toString();
        assertTrue(text.contains("execve(\"/usr/bin/cat\", [\"cat\", \"" + HOSTNAME + "\"]"), text);
        assertTrue(text.contains("openat(AT_FDCWD, \"" + HOSTNAME + "\", O_RDONLY) = 3"), text);
        assertTrue(text.contains("read(3, " + quoted(32) + ", 131072)"), text);
        assertTrue(text.contains("] +++ exited with 0 +++\n"), "cat's exit, with its pid: " + text);
        assertTrue(text.endsWith("+++ exited with 7 +++\n"), text);
    }

    @Test
    void theDisplaySizeCapsDataBlobs() throws Exception {
        StringWriter out = new StringWriter();
        Strace.run(List.of("cat", HOSTNAME), out, new DecodeOptions(2, false));
        assertTrue(out.toString().contains("read(3, " + quoted(2) + ", 131072)"), out.toString());
    }

    @Test
    void recordQueuesEveryRecordInOrder() throws Exception {
        LinkedBlockingQueue<TraceRecord> queue = new LinkedBlockingQueue<>();
        int status = Strace.trace(List.of("sh", "-c", "/bin/true; exit 3"), Traces.record(queue));
        assertEquals(3, status);
        List<TraceRecord> records = new ArrayList<>(queue);
        long enters = records.stream().filter(r -> r instanceof SyscallEnter).count();
        long exits = records.stream().filter(r -> r instanceof SyscallExit).count();
        assertEquals(enters - 2, exits, "every call returns but the two exit_groups");
        NewChild child = (NewChild) records.stream().filter(r -> r instanceof NewChild).findFirst().orElseThrow();
        assertTrue(records.stream().anyMatch(r -> r instanceof Exec e && e.tid() == child.childTid()), "the child's exec");
        Exit last = (Exit) records.get(records.size() - 1);
        assertEquals(3, last.status());
        assertTrue(records.stream().anyMatch(r -> r instanceof Exit x && x.tid() == child.childTid() && x.status() == 0));
        for (int i = 1; i < records.size(); i++) {
            assertTrue(records.get(i - 1).timestamp() <= records.get(i).timestamp(), "in order");
        }
    }

    @Test
    void printWritesWhatRunWrites() throws Exception {
        StringWriter printed = new StringWriter();
        Strace.trace(List.of("cat", HOSTNAME), Traces.print(printed));
        String text = printed.toString();
        assertTrue(text.contains("openat(AT_FDCWD, \"" + HOSTNAME + "\", O_RDONLY) = 3\n"), text);
        assertTrue(text.endsWith("+++ exited with 0 +++\n"), text);
    }

    @Test
    void theTextOfOneEventAndTheSyscallNumbers() throws Exception {
        List<String> seen = new ArrayList<>();
        long[] number = {-1};
        TraceListener listener = new TraceListener() {
            @Override
            public void onSyscallEnter(SyscallEnter e, Tracee t) {
                String head = Strace.syscallEnter(e, t);
                if (e.name().equals("openat") && head.contains(HOSTNAME)) {
                    seen.add(head);
                    number[0] = e.number();
                }
            }

            @Override
            public void onSyscallExit(SyscallExit x, Tracee t) {
                String line = Strace.syscallExit(x, t);
                if (line.startsWith("openat(") && line.contains(HOSTNAME) || line.startsWith("read(3,") && !seen.isEmpty()) {
                    seen.add(line);
                }
            }
        };
        Strace.trace(List.of("cat", HOSTNAME), listener);
        String open = "openat(AT_FDCWD, \"" + HOSTNAME + "\", O_RDONLY";
        assertEquals(open, seen.get(0), "at entry: the arguments known then");
        assertEquals(open + ") = 3", seen.get(1));
        assertEquals(String.format("%-39s = %d", "read(3, " + quoted(32) + ", 131072)",
                Files.size(Path.of(HOSTNAME))), seen.get(2), "the kernel's data, at column 40");
        // the number the kernel reported for openat is the one the lookups give
        assertEquals(number[0], Strace.byName("openat").orElseThrow());
        assertEquals("openat", Strace.byNumber(number[0]).orElseThrow());
        assertTrue(Strace.byName("no_such_syscall").isEmpty());
        assertTrue(Strace.byNumber(-1).isEmpty());
        assertTrue(Strace.byNumber(1 << 20).isEmpty());
    }

    @Test
    void aCommandThatCannotStartIsATraceException() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.jstrace.core.TraceException.class,
                () -> Strace.run(List.of("/no/such/program"), new StringWriter()));
        assertTrue(e.getMessage().contains("/no/such/program"), e.getMessage());
    }
}
