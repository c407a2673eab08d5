package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jstrace.core.AuditConnect;
import io.jstrace.core.OpenFile;
import org.junit.jupiter.api.Test;

class ConnectLogTest {
    private static final OpenFile.Address SERVER = new OpenFile.Address(new byte[] {127, 0, 0, 1}, 53);
    private static final long T = 1_000_000_000_000L;

    private static AuditConnect connect(int pid, int fd, long at) {
        return new AuditConnect(pid, 1, 0, "c" + pid, "/bin/c", "/bin/c", fd, SERVER, false, 0, at);
    }

    @Test
    void twoProcessesConnectsAreNoOnesUnlessOneIsTiedOtherwise() {
        ConnectLog log = new ConnectLog();
        log.add(connect(10, 3, T));
        log.add(connect(11, 4, T + 1));
        assertNull(log.take(SERVER, T + 5), "two processes could have made it");
        log = new ConnectLog();
        log.add(connect(10, 3, T));
        log.add(connect(11, 4, T + 1));
        log.tied(10, -1, SERVER, T + 2); // named by its TCP state changes: its descriptor not known
        assertEquals(11, log.take(SERVER, T + 5).pid());
    }

    @Test
    void aTieBeforeItsRecordTakesTheRecordWhenItComes() {
        ConnectLog log = new ConnectLog();
        log.tied(10, -1, SERVER, T);
        log.add(connect(10, 7, T));
        log.add(connect(11, 4, T + 1));
        assertEquals(11, log.take(SERVER, T + 5).pid());
    }
}
