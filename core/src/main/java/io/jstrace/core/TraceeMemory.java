package io.jstrace.core;

/**
 * Reads a stopped tracee's memory. An unreadable address is data, not an error: reads
 * return what they could get, and callers print the address instead.
 */
public interface TraceeMemory {

    /**
     * The longest argv or envp string execve(2) accepts: MAX_ARG_STRLEN, 32 pages
     * (include/uapi/linux/binfmts.h); {@link #readExecVector} reads no more of one string.
     */
    int EXEC_MAX_ELEM_SIZE = 32 * 4096;

    /**
     * What {@link #readExecVector} reads of an argv or envp in all, 2 MiB: the kernel's own
     * bound is a quarter of the stack limit (fs/exec.c bprm_stack_limits; 6 MiB with the
     * usual 8 MiB stack, capped at 3/4 of _STK_LIM), too large to read at every exec.
     */
    int EXEC_MAX_TOTAL_SIZE = 2 * 1024 * 1024;

    /** The size of a tracee's pointer: both architectures are LP64. */
    int POINTER_SIZE = 8;

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
     * A NULL-terminated array of string pointers ({@code char *const argv[]}): at most
     * {@code maxCount} strings of at most {@code maxSize} bytes each. Reading stops at the
     * NULL pointer, at {@code maxCount}, or at the first pointer or string that cannot be read.
     *
     * @return the strings read, in order; empty when {@code address} is 0 or unreadable
     */
    default java.util.List<CString> readStringVector(long address, int maxSize, int maxCount) {
        return readStrings(address, maxSize, maxCount, Long.MAX_VALUE);
    }

    /**
     * An execve(2) argv or envp as {@link #readStringVector} reads it, within the exec caps:
     * {@link #EXEC_MAX_ELEM_SIZE} per string, {@link #EXEC_MAX_TOTAL_SIZE} in all (each
     * string's NUL counted); the string that reaches the total is cut there ({@code TRUNCATED}).
     */
    default java.util.List<CString> readExecVector(long address) {
        return readStrings(address, EXEC_MAX_ELEM_SIZE, Integer.MAX_VALUE, EXEC_MAX_TOTAL_SIZE);
    }

    private java.util.List<CString> readStrings(long address, int maxSize, int maxCount, long maxTotal) {
        java.util.List<CString> out = new java.util.ArrayList<>();
        byte[] pointers = new byte[64 * POINTER_SIZE]; // read in bulk, 64 pointers at a time
        int have = 0;
        long total = 0;
        for (int i = 0; address != 0 && i < maxCount && total < maxTotal; i++) {
            int at = i % 64;
            if (at == 0) have = read(address + (long) i * POINTER_SIZE, pointers, 0, pointers.length);
            if ((at + 1) * POINTER_SIZE > have) break;
            long p = java.nio.ByteBuffer.wrap(pointers, at * POINTER_SIZE, POINTER_SIZE)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            if (p == 0) break;
            CString s = readString(p, (int) Math.min(maxSize, maxTotal - total));
            if (s == null) break;
            out.add(s);
            total += s.bytes().length + 1L;
        }
        return out;
    }

    /**
     * The socket address of {@code length} bytes at {@code address} (a {@code struct
     * sockaddr} as connect(2), bind(2) or sendto(2) take it), as
     * {@link OpenFile.Address#ofSockaddr} reads it; {@code null} when unreadable or not an
     * AF_INET, AF_INET6 or named AF_UNIX address. The raw bytes are {@code read(address, length)}.
     */
    default OpenFile.Address readSockaddr(long address, int length) {
        if (address == 0 || length < 2) return null;
        byte[] b = read(address, Math.min(length, 128)); // sizeof(struct sockaddr_storage)
        return b == null ? null : OpenFile.Address.ofSockaddr(b);
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
