package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** jstrace exits as a shell sees strace exit: the command's code, or 128 + its fatal signal. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class ExitStatusTest {

    @Test
    void exitCodeIsTheCommands() throws Exception {
        var r = JstraceProcess.run(TestPrograms.compile("self_kill").getParent(),
                List.of("-e", "trace=exit_group", "sh", "-c", "exit 7"));
        assertEquals(7, r.exit());
        assertTrue(r.stderr().endsWith("exit_group(7)                           = ?\n+++ exited with 7 +++\n"),
                r.stderr());
    }

    @Test
    void killedBySigkill() throws Exception {
        var prog = TestPrograms.compile("self_kill");
        var r = JstraceProcess.run(prog.getParent(), List.of("-e", "trace=none", "./self_kill", "9"));
        assertEquals(137, r.exit());
        assertTrue(r.stderr().endsWith("+++ killed by SIGKILL +++\n"), r.stderr());
    }

    @Test
    void killedBySigsegv() throws Exception {
        var prog = TestPrograms.compile("self_kill");
        var r = JstraceProcess.run(prog.getParent(), List.of("-e", "trace=none", "-e", "signal=none",
                "./self_kill", "11"));
        assertEquals(139, r.exit());
        assertTrue(r.stderr().matches("(?s).*\\+\\+\\+ killed by SIGSEGV( \\(core dumped\\))? \\+\\+\\+\n"), r.stderr());
    }
}
