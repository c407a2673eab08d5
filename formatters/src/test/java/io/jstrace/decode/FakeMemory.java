package io.jstrace.decode;

import io.jstrace.core.TraceeMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Tracee memory for tests: only the bytes put here are readable; a read stops at the first missing byte. */
final class FakeMemory implements TraceeMemory {
    private final Map<Long, Byte> bytes = new HashMap<>();

    FakeMemory put(long addr, byte[] b) {
        for (int k = 0; k < b.length; k++) bytes.put(addr + k, b[k]);
        return this;
    }

    /** The string's bytes and a terminating NUL. */
    FakeMemory putString(long addr, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        put(addr, b);
        return put(addr + b.length, new byte[] {0});
    }

    /** The bytes of {@code s} without a NUL (ISO-8859-1, so "\377" is one byte). */
    FakeMemory putBytes(long addr, String s) {
        return put(addr, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    FakeMemory putLongs(long addr, long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) b.putLong(x);
        return put(addr, b.array());
    }

    FakeMemory putInts(long addr, int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putInt(x);
        return put(addr, b.array());
    }

    @Override
    public int read(long address, byte[] dst, int offset, int length) {
        int n = 0;
        while (n < length) {
            Byte b = bytes.get(address + n);
            if (b == null) break;
            dst[offset + n++] = b;
        }
        return n;
    }
}
