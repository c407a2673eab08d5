package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether -v comes after the last abbrev= expression, in every spelling strace accepts. */
class OptionOrderTest {
    @Test
    void lastOneWins() {
        assertTrue(OptionOrder.verboseLast(List.of("-e", "abbrev=open", "-v", "ls")));
        assertFalse(OptionOrder.verboseLast(List.of("-v", "-e", "abbrev=open", "ls")));
        assertTrue(OptionOrder.verboseLast(List.of("--abbrev=open", "--no-abbrev", "ls")));
        assertFalse(OptionOrder.verboseLast(List.of("--no-abbrev", "-eabbrev=open", "ls")));
    }

    @Test
    void clustersAndValuesAreRead() {
        assertTrue(OptionOrder.verboseLast(List.of("-e", "a=open", "-fv", "ls")));
        assertFalse(OptionOrder.verboseLast(List.of("-fv", "-e", "a=open", "ls")));
        // -o takes "-v" as its value: that is no -v
        assertFalse(OptionOrder.verboseLast(List.of("-e", "abbrev=open", "-o", "-v", "ls")));
        assertTrue(OptionOrder.verboseLast(List.of("-e", "abbrev=open", "-vo", "log", "ls")));
    }

    @Test
    void theCommandsOwnOptionsDoNotCount() {
        assertFalse(OptionOrder.verboseLast(List.of("-e", "abbrev=open", "ls", "-v")));
        assertFalse(OptionOrder.verboseLast(List.of("-e", "abbrev=open", "--", "ls", "-v")));
    }
}
