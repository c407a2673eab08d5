package io.jstrace.view.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.syscalls.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecTreeTest {
    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

    private static ExecEvent exec(int pid, int ppid, String... argv) {
        return new ExecEvent(ExecEvent.Kind.EXEC, T, pid, ppid, 0, 0, "sh", "/bin/" + argv[0], List.of(argv), null, null,
                false, null, null, null);
    }

    private static ExecEvent exit(int pid, int ppid, String comm, ExecEvent.ExitStatus status, long millis) {
        return new ExecEvent(ExecEvent.Kind.EXIT, T, pid, ppid, 0, 0, comm, null, List.of(), null, null, false, null,
                status, Duration.ofMillis(millis));
    }

    private static ExecEvent.ExitStatus exited(int code) {
        return new ExecEvent.ExitStatus(code, null, false);
    }

    @Test
    void drawsChildrenUnderParentsWithStatusesAndDurations() {
        ExecTree t = new ExecTree();
        t.add(exec(10, 1, "make", "-j2"));
        t.add(exec(11, 10, "cc", "-c", "a.c"));
        t.add(exec(12, 10, "sh", "-c", "exec true"));
        t.add(exec(12, 10, "true"));
        t.add(exit(13, 12, "sh", exited(0), 1));
        t.add(exit(11, 10, "cc", exited(0), 40));
        t.add(exit(12, 10, "true", new ExecEvent.ExitStatus(-1, Signal.SIGKILL, false), 2));
        t.add(exit(10, 1, "make", exited(2), 1204));
        assertEquals("""
                10 make -j2  [build]  exited 2, 1.204s
                ├── 11 cc -c a.c  [build]  exited 0, 0.040s
                └── 12 sh -c 'exec true' → true  killed by SIGKILL, 0.002s
                    └── 13 (fork) sh  exited 0, 0.001s
                """, t.render());
    }

    @Test
    void aPidUsedAgainAfterItsExitIsANewProcess() {
        ExecTree t = new ExecTree();
        t.add(exec(20, 1, "a"));
        t.add(exit(20, 1, "a", exited(0), 1));
        t.add(exec(20, 1, "b"));
        assertEquals("20 a  exited 0, 0.001s\n20 b  (running)\n", t.render());
    }
}
