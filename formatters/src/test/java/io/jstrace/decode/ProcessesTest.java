package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Processes' decoders; expected texts are strace 6.1's output for the same calls. */
class ProcessesTest {
    private static final long ARGV = 0x7fff_c5be_4e00L, ENVP = 0x7fff_c5be_4e90L, STR = 0x7fff_c5be_6000L,
            STATUS = 0x7ffd_d9cf_40ccL;

    /** The strings at STR, STR+0x100, ... and the NULL-terminated vector at {@code at}. */
    private static FakeMemory vector(FakeMemory m, long at, long strings, String... s) {
        long[] p = new long[s.length + 1];
        for (int k = 0; k < s.length; k++) {
            p[k] = strings + 0x100L * k;
            m.putString(p[k], s[k]);
        }
        return m.putLongs(at, p);
    }

    private static Calls execve(FakeMemory m, long argv, long envp) {
        return Calls.of("execve").args(STR - 0x1000, argv, envp).mem(m);
    }

    @Test
    void argv() {
        FakeMemory m = vector(new FakeMemory(), ARGV, STR, "/tmp/sv/misc", "a\tb", "");
        assertEquals("[\"/tmp/sv/misc\", \"a\\tb\", \"\"]", render(Processes.argv(execve(m, ARGV, 0).enter(), 1)));
    }

    @Test
    void argvCutAtTheLimit() {
        String[] xs = new String[39];
        java.util.Arrays.fill(xs, "x");
        FakeMemory m = vector(new FakeMemory(), ARGV, STR, xs);
        assertEquals("[" + "\"x\", ".repeat(32) + "...]", render(Processes.argv(execve(m, ARGV, 0).enter(), 1)));
    }

    @Test
    void argvEmptyNullAndUnreadable() {
        FakeMemory m = new FakeMemory().putLongs(ARGV, 0);
        assertEquals("[]", render(Processes.argv(execve(m, ARGV, 0).enter(), 1)));
        assertEquals("NULL", render(Processes.argv(execve(m, 0, 0).enter(), 1)));
        assertEquals("0x8", render(Processes.argv(execve(m, 8, 8).enter(), 1)));
    }

    @Test
    void envpCountedWithoutVerbose() {
        FakeMemory m = vector(new FakeMemory(), ENVP, STR, "A=1", "B=2");
        assertEquals("0x7fffc5be4e90 /* 2 vars */", render(Processes.envp(execve(m, 0, ENVP).enter(), 2)));
        FakeMemory one = vector(new FakeMemory(), ENVP, STR, "X=1");
        assertEquals("0x7fffc5be4e90 /* 1 var */", render(Processes.envp(execve(one, 0, ENVP).enter(), 2)));
        FakeMemory none = new FakeMemory().putLongs(ENVP, 0);
        assertEquals("0x7fffc5be4e90 /* 0 vars */", render(Processes.envp(execve(none, 0, ENVP).enter(), 2)));
    }

    @Test
    void envpNullAndUnreadable() {
        assertEquals("NULL", render(Processes.envp(execve(new FakeMemory(), 0, 0).enter(), 2)));
        assertEquals("0x8", render(Processes.envp(execve(new FakeMemory(), 0, 8).enter(), 2)));
    }

    @Test
    void envpInFullWithVerbose() {
        FakeMemory m = vector(new FakeMemory(), ENVP, STR, "A=1", "B=2");
        assertEquals("[\"A=1\", \"B=2\"]", render(Processes.envp(execve(m, 0, ENVP).verbose().enter(), 2)));
    }

    private static String status(int s) {
        FakeMemory m = new FakeMemory().putInts(STATUS, s);
        return render(Processes.waitStatus(Calls.of("wait4").args(11402, STATUS, 0, 0).mem(m).exit(11402), 1));
    }

    @Test
    void waitStatuses() {
        assertEquals("[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]", status(0));
        assertEquals("[{WIFEXITED(s) && WEXITSTATUS(s) == 3}]", status(3 << 8));
        assertEquals("[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}]", status(9));
        assertEquals("[{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}]", status(0x8b));
        assertEquals("[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}]", status(0x137f));
        assertEquals("[{WIFCONTINUED(s)}]", status(0xffff));
    }

    @Test
    void waitStatusNotWritten() {
        FakeMemory m = new FakeMemory().putInts(STATUS, 5);
        assertEquals("0x7ffdd9cf40cc",
                render(Processes.waitStatus(Calls.of("wait4").args(-1, STATUS, 1, 0).mem(m).exit(0), 1)));
        assertEquals("0x7ffdd9cf40cc",
                render(Processes.waitStatus(Calls.of("wait4").args(-1, STATUS, 1, 0).mem(m).exit(-10), 1)));
        assertEquals("NULL", render(Processes.waitStatus(Calls.of("wait4").args(-1, 0, 0, 0).exit(11405), 1)));
        assertEquals("0x8", render(Processes.waitStatus(Calls.of("wait4").args(-1, 8, 0, 0).exit(11405), 1)));
    }

    private static String options(long o) {
        return render(Processes.waitOptions(Calls.of("wait4").args(-1, 0, o, 0).enter(), 2));
    }

    @Test
    void waitOptions() {
        assertEquals("WSTOPPED", options(2));
        assertEquals("WCONTINUED", options(8));
        assertEquals("__WALL", options(0x40000000));
        assertEquals("WNOHANG|__WCLONE|0x40", options(0x80000000L | 1 | 0x40));
        assertEquals("0", options(0));
    }
}
