package io.jstrace.view.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Handshake messages and records built byte by byte from RFC 8446's layouts, for the tests. */
final class HelloBytes {
    private HelloBytes() {}

    static void u8(ByteArrayOutputStream o, int v) {
        o.write(v);
    }

    static void u16(ByteArrayOutputStream o, int v) {
        o.write(v >> 8);
        o.write(v);
    }

    static void u24(ByteArrayOutputStream o, int v) {
        o.write(v >> 16);
        u16(o, v);
    }

    static byte[] vec16(byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u16(o, b.length);
        o.writeBytes(b);
        return o.toByteArray();
    }

    static byte[] vec8(byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u8(o, b.length);
        o.writeBytes(b);
        return o.toByteArray();
    }

    static byte[] u16s(List<Integer> v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int x : v) u16(o, x);
        return o.toByteArray();
    }

    static byte[] extension(int type, byte[] data) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u16(o, type);
        o.writeBytes(vec16(data));
        return o.toByteArray();
    }

    static byte[] sni(String host) {
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        u8(entry, 0);
        entry.writeBytes(vec16(host.getBytes(StandardCharsets.US_ASCII)));
        return vec16(entry.toByteArray());
    }

    static byte[] alpn(String... names) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (String n : names) list.writeBytes(vec8(n.getBytes(StandardCharsets.ISO_8859_1)));
        return vec16(list.toByteArray());
    }

    /** A ClientHello body: legacy_version 0x0303, the random 0x00..0x1f, {@code sessionId}, suites, null compression, extensions. */
    static byte[] clientHello(byte[] sessionId, List<Integer> suites, byte[]... extensions) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u16(o, 0x0303);
        for (int i = 0; i < 32; i++) o.write(i);
        o.writeBytes(vec8(sessionId));
        o.writeBytes(vec16(u16s(suites)));
        o.writeBytes(vec8(new byte[] {0}));
        ByteArrayOutputStream exts = new ByteArrayOutputStream();
        for (byte[] e : extensions) exts.writeBytes(e);
        o.writeBytes(vec16(exts.toByteArray()));
        return o.toByteArray();
    }

    /** A ServerHello body. */
    static byte[] serverHello(byte[] random, byte[] sessionId, int suite, byte[]... extensions) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u16(o, 0x0303);
        o.writeBytes(random);
        o.writeBytes(vec8(sessionId));
        u16(o, suite);
        u8(o, 0);
        ByteArrayOutputStream exts = new ByteArrayOutputStream();
        for (byte[] e : extensions) exts.writeBytes(e);
        o.writeBytes(vec16(exts.toByteArray()));
        return o.toByteArray();
    }

    /** A handshake message: type, 3-byte length, body. */
    static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u8(o, type);
        u24(o, body.length);
        o.writeBytes(body);
        return o.toByteArray();
    }

    /** {@code bytes} as records of {@code type}, at most {@code max} bytes of body each. */
    static byte[] records(int type, byte[] bytes, int max) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int at = 0; at < bytes.length || at == 0; at += max) {
            int n = Math.min(max, bytes.length - at);
            u8(o, type);
            u16(o, 0x0301);
            u16(o, n);
            o.write(bytes, at, n);
            if (bytes.length == 0) break;
        }
        return o.toByteArray();
    }
}
