package io.jstrace.view.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void hostPortForms() {
        assertEquals(new Target("example.org", 443, null), Target.parse("example.org", 0, null));
        assertEquals(new Target("example.org", 8443, null), Target.parse("example.org:8443", 443, null));
        assertEquals(new Target("example.org", 25, StartTls.SMTP), Target.parse("example.org", 0, StartTls.SMTP));
        assertEquals(new Target("example.org", 587, StartTls.SMTP), Target.parse("example.org", 587, StartTls.SMTP));
        assertEquals(new Target("::1", 443, null), Target.parse("::1", 443, null));
        assertEquals(new Target("::1", 8443, null), Target.parse("[::1]:8443", 443, null));
        assertEquals("[::1]:8443", Target.parse("[::1]:8443", 443, null).toString());
        assertThrows(IllegalArgumentException.class, () -> Target.parse("host:0", 443, null));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("host:http", 443, null));
        assertThrows(IllegalArgumentException.class, () -> Target.parse(":443", 443, null));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("[::1", 443, null));
    }

    @Test
    void addresses() {
        assertTrue(HostNames.isAddress("127.0.0.1"));
        assertTrue(HostNames.isAddress("::1"));
        assertFalse(HostNames.isAddress("1.example"));
        assertFalse(HostNames.isAddress("localhost"));
    }
}
