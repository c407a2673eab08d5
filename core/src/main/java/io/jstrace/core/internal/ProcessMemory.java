package io.jstrace.core.internal;

import io.jstrace.core.TraceeMemory;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.nio.file.Path;

/**
 * Reads tracee memory with process_vm_readv(2): one syscall per contiguous range, cost
 * flat up to a page. A range that runs into an unmapped page reads short (the kernel
 * copies page by page and stops at the first fault), which is what strings need.
 *
 * <p>One instance per tracer thread: it owns a native bounce buffer.
 */
public final class ProcessMemory {
    private static final int CHUNK = 64 * 1024;

    private final LibC libc;
    private final NativeBuffer buffer;
    private final NativeBuffer localIov;
    private final NativeBuffer remoteIov;

    public ProcessMemory(LibC libc) {
        this.libc = libc;
        this.buffer = NativeBuffer.allocate(CHUNK);
        this.localIov = NativeBuffer.allocate(16);
        this.remoteIov = NativeBuffer.allocate(16);
        localIov.putLong(0, buffer.address());
    }

    /** A view for one tracee thread. */
    public TraceeMemory of(int tid) {
        return (address, dst, offset, length) -> read(tid, address, dst, offset, length);
    }

    /** Writes {@code data} (at most 64 KiB) at {@code address}; whether all of it was written. */
    public boolean write(int tid, long address, byte[] data) {
        buffer.put(0, data, 0, data.length);
        localIov.putLong(8, data.length);
        remoteIov.putLong(0, address);
        remoteIov.putLong(8, data.length);
        return libc.process_vm_writev(tid, localIov, 1, remoteIov, 1, 0) == data.length;
    }

    /**
     * Writes {@code data} (at most 64 KiB) at {@code address} as a debugger does, read-only
     * pages too: process_vm_writev, else through /proc/TID/mem, whose writes ignore the page
     * protection as PTRACE_POKEDATA's do (mm/memory.c, access_remote_vm with FOLL_FORCE).
     * Returns how many bytes were written, from the start: fewer when the range runs into
     * unmapped memory.
     */
    public int poke(int tid, long address, byte[] data) {
        buffer.put(0, data, 0, data.length);
        localIov.putLong(8, data.length);
        remoteIov.putLong(0, address);
        remoteIov.putLong(8, data.length);
        long n = libc.process_vm_writev(tid, localIov, 1, remoteIov, 1, 0);
        if (n > 0) return (int) n;
        try (java.nio.channels.FileChannel mem = java.nio.channels.FileChannel.open(Path.of(ProcFs.pidDir(tid) + "/mem"),
                java.nio.file.StandardOpenOption.WRITE)) {
            return mem.write(java.nio.ByteBuffer.wrap(data), address); // one pwrite: short where memory ends
        } catch (java.io.IOException | IllegalArgumentException e) {
            return 0; // unmapped at its first byte (EIO), or the thread is gone
        }
    }

    /** Reads up to {@code length} bytes; returns how many were read (0 if none). */
    public int read(int tid, long address, byte[] dst, int offset, int length) {
        int total = 0;
        while (total < length) {
            int want = Math.min(CHUNK, length - total);
            localIov.putLong(8, want);
            remoteIov.putLong(0, address + total);
            remoteIov.putLong(8, want);
            long got = libc.process_vm_readv(tid, localIov, 1, remoteIov, 1, 0);
            if (got <= 0) break;
            buffer.get(0, dst, offset + total, (int) got);
            total += (int) got;
            if (got < want) break;
        }
        return total;
    }
}
