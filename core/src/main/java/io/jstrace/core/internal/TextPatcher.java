package io.jstrace.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes a tracee's code through /proc/PID/mem. Its writes are made with
 * FOLL_FORCE (fs/proc/base.c: mem_rw, mm/memory.c: access_remote_vm), so they reach
 * read-only executable pages: a private file mapping gets its own copy of the page (the
 * file is never changed), as ptrace's PTRACE_POKETEXT does, in one call for any length,
 * and the process need not be stopped. Only the tracer may: the open is checked with
 * PTRACE_MODE_ATTACH.
 */
final class TextPatcher {
    private TextPatcher() {}

    /** {@code length} bytes at {@code address}, or {@code null} if any cannot be read. */
    static byte[] read(int pid, long address, int length) {
        try (FileChannel ch = open(pid, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            while (b.hasRemaining()) {
                if (ch.read(b, address + b.position()) <= 0) return null;
            }
            return b.array();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes {@code bytes} at {@code address}; whether all were written. */
    static boolean write(int pid, long address, byte[] bytes) {
        try (FileChannel ch = open(pid, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                if (ch.write(b, address + b.position()) <= 0) return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static FileChannel open(int pid, StandardOpenOption mode) throws IOException {
        return FileChannel.open(Path.of(ProcFs.pidDir(pid) + "/mem"), mode);
    }
}
