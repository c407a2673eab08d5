package io.jstrace.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@code siginfo_t} as {@code PTRACE_GETSIGINFO} returned it (128 bytes, layout of
 * include/uapi/asm-generic/siginfo.h on 64-bit architectures).
 */
public final class SigInfo {
    /** sizeof(siginfo_t). */
    public static final int SIZE = 128;

    private final ByteBuffer raw;

    /** Wraps a copy of {@code bytes}. */
    public SigInfo(byte[] bytes) {
        this.raw = ByteBuffer.wrap(bytes.clone()).order(ByteOrder.LITTLE_ENDIAN);
    }

    public int signo() {
        return raw.getInt(0);
    }

    public int errno() {
        return raw.getInt(4);
    }

    public int code() {
        return raw.getInt(8);
    }

    /** The 32-bit int at {@code offset} into the union that starts at byte 16. */
    public int unionInt(int offset) {
        return raw.getInt(16 + offset);
    }

    /** The 64-bit word at {@code offset} into the union that starts at byte 16. */
    public long unionLong(int offset) {
        return raw.getLong(16 + offset);
    }

    /** A copy of the raw bytes. */
    public byte[] bytes() {
        byte[] b = new byte[SIZE];
        raw.duplicate().position(0).get(b);
        return b;
    }
}
