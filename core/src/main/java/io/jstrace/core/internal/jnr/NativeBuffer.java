package io.jstrace.core.internal.jnr;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Native memory that {@link LibC} passes by address: a direct buffer in the machine's
 * byte order. The garbage collector frees it; the binding keeps it reachable for the
 * length of a call.
 */
public final class NativeBuffer {
    private final ByteBuffer bytes;
    private final long address;

    private NativeBuffer(int size) {
        this.bytes = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        this.address = MemoryIO.getInstance().getDirectBufferAddress(bytes);
    }

    /** {@code size} zeroed bytes. */
    public static NativeBuffer allocate(int size) {
        return new NativeBuffer(size);
    }

    /** A NUL-terminated copy of {@code s} (UTF-8), as a C {@code const char *}. */
    public static NativeBuffer cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        NativeBuffer c = new NativeBuffer(b.length + 1);
        c.put(0, b, 0, b.length);
        return c;
    }

    /** The address of {@code b}, 0 (NULL) for {@code null}. */
    static long address(NativeBuffer b) {
        return b == null ? 0 : b.address;
    }

    public long address() {
        return address;
    }

    public int size() {
        return bytes.capacity();
    }

    public byte getByte(int offset) {
        return bytes.get(offset);
    }

    public void putByte(int offset, byte value) {
        bytes.put(offset, value);
    }

    public short getShort(int offset) {
        return bytes.getShort(offset);
    }

    public void putShort(int offset, short value) {
        bytes.putShort(offset, value);
    }

    public int getInt(int offset) {
        return bytes.getInt(offset);
    }

    public void putInt(int offset, int value) {
        bytes.putInt(offset, value);
    }

    public long getLong(int offset) {
        return bytes.getLong(offset);
    }

    public void putLong(int offset, long value) {
        bytes.putLong(offset, value);
    }

    /** Copies {@code length} bytes at {@code offset} into {@code dst} from {@code index}. */
    public void get(int offset, byte[] dst, int index, int length) {
        bytes.get(offset, dst, index, length);
    }

    /** Copies {@code length} bytes of {@code src} from {@code index} to {@code offset}. */
    public void put(int offset, byte[] src, int index, int length) {
        bytes.put(offset, src, index, length);
    }
}
