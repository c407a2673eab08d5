package io.jstrace.core;

/**
 * Reads a stopped tracee's memory. An unreadable address is data, not an error: reads
 * return what they could get, and callers print the address instead.
 */
public interface TraceeMemory {

    /**
     * Reads up to {@code length} bytes at {@code address} into {@code dst}.
     *
     * @return how many bytes were read: fewer than {@code length} when the range runs
     *     into an unmapped page, 0 when nothing could be read
     */
    int read(long address, byte[] dst, int offset, int length);

    /**
     * Exactly {@code length} bytes at {@code address}, or {@code null} if any is unreadable;
     * a negative length (a length taken from a garbage register) reads nothing.
     */
    default byte[] read(long address, int length) {
        if (length < 0) return null;
        byte[] b = new byte[length];
        return read(address, b, 0, length) == length ? b : null;
    }

    /**
     * A NUL-terminated string of at most {@code limit} bytes before the NUL.
     *
     * @return the string, or {@code null} when its first byte cannot be read
     */
    default CString readString(long address, int limit) {
        byte[] buf = new byte[Math.min(limit + 1, 4096)];
        java.io.ByteArrayOutputStream out = null;
        long at = address;
        int total = 0;
        while (total <= limit) {
            int want = (int) Math.min(buf.length, 4096 - (at & 4095));
            want = Math.min(want, limit + 1 - total);
            int got = read(at, buf, 0, want);
            if (got <= 0) return total == 0 ? null : new CString(out.toByteArray(), CString.Ending.UNREADABLE);
            for (int i = 0; i < got; i++) {
                if (buf[i] == 0) {
                    if (out == null) return new CString(java.util.Arrays.copyOf(buf, i), CString.Ending.NUL);
                    out.write(buf, 0, i);
                    return new CString(out.toByteArray(), CString.Ending.NUL);
                }
            }
            if (out == null) out = new java.io.ByteArrayOutputStream();
            out.write(buf, 0, got);
            total += got;
            at += got;
        }
        byte[] all = out.toByteArray();
        return new CString(java.util.Arrays.copyOf(all, limit), CString.Ending.TRUNCATED);
    }

    /**
     * A C string read from the tracee.
     *
     * @param bytes  the bytes before the NUL, or the first {@code limit} bytes
     * @param ending how the read ended
     */
    record CString(byte[] bytes, Ending ending) {
        /** Why the string ended where it did. */
        public enum Ending {
            /** a NUL was found */
            NUL,
            /** no NUL within the limit */
            TRUNCATED,
            /** memory became unreadable before a NUL */
            UNREADABLE
        }
    }
}
