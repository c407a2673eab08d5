package io.jstrace.view.tls;

import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked cursor over handshake bytes, in TLS's presentation language (RFC 8446
 * section 3): big-endian integers, vectors prefixed by a 1-, 2- or 3-byte length. A read
 * past the end throws {@link Short}, which the hello parsers turn into a "malformed"
 * reason: no other exception comes out of them.
 */
final class Wire {
    /** The bytes ran out before what a length promised. */
    static final class Short extends RuntimeException {
        Short(String what) {
            super(what, null, false, false);
        }
    }

    /** Runs {@code reader} over {@code body}: {@code null} when it read what it wanted, else why it stopped. */
    static String read(byte[] body, java.util.function.Consumer<Wire> reader) {
        try {
            reader.accept(new Wire(body));
            return null;
        } catch (Short e) {
            return e.getMessage();
        }
    }

    private final byte[] b;
    private int at;
    private final int end;

    Wire(byte[] b, int at, int end) {
        this.b = b;
        this.at = at;
        this.end = end;
    }

    Wire(byte[] b) {
        this(b, 0, b.length);
    }

    boolean more() {
        return at < end;
    }

    int remaining() {
        return end - at;
    }

    private void need(int n, String what) {
        if (n < 0 || end - at < n) throw new Short(what + ": " + n + " bytes promised, " + (end - at) + " left");
    }

    int u8(String what) {
        need(1, what);
        return b[at++] & 0xff;
    }

    int u16(String what) {
        need(2, what);
        int v = (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
        at += 2;
        return v;
    }

    int u24(String what) {
        need(3, what);
        int v = (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff);
        at += 3;
        return v;
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] v = java.util.Arrays.copyOfRange(b, at, at + n);
        at += n;
        return v;
    }

    /** The rest of the bytes. */
    byte[] rest() {
        return bytes(remaining(), "rest");
    }

    /** The next {@code n} bytes as a cursor of their own. */
    Wire sub(int n, String what) {
        need(n, what);
        Wire w = new Wire(b, at, at + n);
        at += n;
        return w;
    }

    /** A vector with a 1-byte length ({@code opaque x<0..2^8-1>}). */
    Wire vec8(String what) {
        return sub(u8(what), what);
    }

    /** A vector with a 2-byte length. */
    Wire vec16(String what) {
        return sub(u16(what), what);
    }

    /** The rest as 2-byte values (a list of cipher suites, groups, versions...). */
    java.util.List<Integer> u16s(String what) {
        if (remaining() % 2 != 0) throw new Short(what + ": odd length " + remaining());
        java.util.List<Integer> v = new java.util.ArrayList<>(remaining() / 2);
        while (more()) v.add(u16(what));
        return v;
    }

    /** The rest as 1-byte values. */
    java.util.List<Integer> u8s(String what) {
        java.util.List<Integer> v = new java.util.ArrayList<>(remaining());
        while (more()) v.add(u8(what));
        return v;
    }

    /** The rest as text (a host name, a protocol name): ASCII by the RFCs, anything else shown as Latin-1. */
    String text() {
        String s = new String(b, at, end - at, StandardCharsets.ISO_8859_1);
        at = end;
        return s;
    }
}
