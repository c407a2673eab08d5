package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/jstrace.schema.json accepts what --json writes and rejects what is wrong; every
 * record of every corpus program is validated by {@link JsonRebuildsTextTest}.
 */
class JsonOutputTest {
    @Test
    void theSchemaRejectsWhatIsWrong() {
        var schema = Schemas.of("jstrace.schema.json");
        assertEquals(null, Schemas.errors(schema, "{\"type\":\"exit\",\"pid\":1,\"tid\":1,\"ts\":5,\"status\":0}"));
        String syscall = "{\"type\":\"syscall\",\"pid\":1,\"tid\":1,\"ts\":5,\"id\":1,\"nr\":0,\"name\":\"read\","
                + "\"args\":{\"fd\":%s},\"entry_args\":1,\"returned\":true,\"ret\":0,\"interrupted\":false}";
        assertEquals(null, Schemas.errors(schema, syscall.formatted("3")));
        assertEquals(null, Schemas.errors(schema, syscall.formatted("{\"fd\":3,\"path\":\"/etc/passwd\"}")));
        for (String bad : List.of(
                "{\"type\":\"exit\",\"pid\":1,\"tid\":1,\"ts\":5}",
                "{\"type\":\"bogus\",\"pid\":1,\"tid\":1,\"ts\":5}",
                "{\"type\":\"exit\",\"pid\":\"1\",\"tid\":1,\"ts\":5,\"status\":0}",
                syscall.formatted("true"),
                syscall.formatted("{\"address\":\"0x10\",\"unreadable\":false}"))) {
            assertTrue(Schemas.errors(schema, bad) != null, "accepted: " + bad);
        }
    }
}
