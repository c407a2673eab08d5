package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A tracer cannot trace itself: strace's answer, before any ptrace call is made. */
class AttachSelfTest {
    @Test
    void attachingToOurselvesIsRefused() {
        int self = (int) ProcessHandle.current().pid();
        TraceSession s = TraceSession.attach(List.of(self), TraceOptions.defaults());
        TraceException e = assertThrows(TraceException.class, s::start);
        assertEquals("I'm sorry, I can't let you do that, Dave.", e.getMessage());
    }
}
