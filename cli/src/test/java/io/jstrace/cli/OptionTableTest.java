package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The views' option rows reach their fields. */
class OptionTableTest {
    @Test
    void execViewRows() {
        ExecOptions o = new ExecOptions();
        OptionTable.getopt(o.spec()).parseArgs("-p", "7", "--tree", "-u", "0", "make", "-j2");
        assertEquals(7, o.pid);
        assertTrue(o.tree);
        assertEquals(0, o.uid);
        assertEquals(List.of("make", "-j2"), o.command);
    }
}
