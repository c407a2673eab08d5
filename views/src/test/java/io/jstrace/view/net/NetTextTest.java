package io.jstrace.view.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetTextTest {
    /** A --system unix socket no snapshot listed: made by pid 42's socketpair, closed by a snapshot. */
    private static NetEvent unlisted(NetEvent.Kind kind) {
        return new NetEvent(kind, 1_000_000_000L, 42, -1, "python3", -1, null, -1, 0, "unix", "unix", "stream", null,
                null, 0, NetEvent.Direction.UNKNOWN, kind == NetEvent.Kind.CLOSE ? "CLOSED" : "ESTABLISHED", null, null,
                null, null, -1, -1, -1, -1, null, kind == NetEvent.Kind.CLOSE ? "close" : null, false, null,
                "opened and closed between two snapshots: named by its socketpair call");
    }

    @Test
    void aCloseWhoseDurationIsNotKnownSaysSoAndWhy() {
        String close = new NetText(false).line(unlisted(NetEvent.Kind.CLOSE));
        assertTrue(close.contains(" ? tx ?/? rx ?/? (opened and closed between two snapshots: named by its socketpair call)"), close);
        String open = new NetText(false).line(unlisted(NetEvent.Kind.OPEN));
        assertTrue(open.endsWith("(opened and closed between two snapshots: named by its socketpair call)"), open);
    }
}
