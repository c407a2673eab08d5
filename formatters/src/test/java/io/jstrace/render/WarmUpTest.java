package io.jstrace.render;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.arch.Aarch64;
import io.jstrace.arch.X86_64;
import io.jstrace.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

/**
 * The warm-up runs on jstrace's preload thread before every trace: an exception there
 * would print a stack trace into the user's terminal, so it must never throw.
 */
class WarmUpTest {
    @Test
    void x86_64() {
        assertDoesNotThrow(() -> TextPrinter.warmUp(X86_64.INSTANCE));
        SyscallTable table = SyscallTable.of(X86_64.INSTANCE);
        for (String name : TextPrinter.PROGRAM_START) assertTrue(table.number(name) >= 0, name);
    }

    @Test
    void aarch64() {
        assertDoesNotThrow(() -> TextPrinter.warmUp(Aarch64.INSTANCE));
    }
}
