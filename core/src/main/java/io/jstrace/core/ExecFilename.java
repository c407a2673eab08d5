package io.jstrace.core;

import io.jstrace.core.internal.ProcFs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The path a program was executed by, exactly as execve was given it: the kernel copies
 * it to the top of the new stack and points the auxiliary vector's {@code AT_EXECFN} at
 * it (fs/binfmt_elf.c: create_elf_tables; bprm->filename for a script too). Read from
 * /proc/PID/auxv and /proc/PID/mem, which takes the right to ptrace the process: ours as
 * its tracer, or root's.
 */
public final class ExecFilename {
    /** include/uapi/linux/auxvec.h */
    private static final long AT_NULL = 0, AT_EXECFN = 31;
    private static final int PATH_MAX = 4096;

    private ExecFilename() {}

    /** The path, or {@code null} when the process is gone or its memory cannot be read. */
    public static String read(int pid) {
        try {
            long address = execfn(Files.readAllBytes(Path.of(ProcFs.pidDir(pid) + "/auxv")));
            return address == 0 ? null : string(pid, address);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The {@code AT_EXECFN} entry of a 64-bit auxiliary vector (pairs of type, value), or 0. */
    static long execfn(byte[] auxv) {
        ByteBuffer b = ByteBuffer.wrap(auxv).order(ByteOrder.nativeOrder());
        while (b.remaining() >= 16) {
            long type = b.getLong();
            long value = b.getLong();
            if (type == AT_EXECFN) return value;
            if (type == AT_NULL) break;
        }
        return 0;
    }

    private static String string(int pid, long address) throws IOException {
        try (RandomAccessFile mem = new RandomAccessFile(ProcFs.pidDir(pid) + "/mem", "r")) {
            mem.seek(address);
            byte[] buf = new byte[PATH_MAX];
            int n = mem.read(buf);
            if (n <= 0) return null;
            int end = 0;
            while (end < n && buf[end] != 0) end++;
            return TraceeText.text(buf, 0, end);
        }
    }
}
