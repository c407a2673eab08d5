package io.jstrace.decode;

import io.jstrace.arch.Arch;
import io.jstrace.syscalls.SyscallTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The syscall a thread is blocked in, from /proc/TID/syscall (proc(5): the number, then
 * the arguments; "running" or -1 when it is not in one). Read when attaching, so that
 * the restart_syscall the interrupt causes can name what it resumes; strace 6.1 has no
 * record of it and names syscall 0 instead.
 */
final class BlockedSyscall {
    private BlockedSyscall() {}

    static String of(int tid) {
        try {
            String s = Files.readString(Path.of("/proc/" + tid + "/syscall")).trim();
            String nr = s.split(" ", 2)[0];
            if (nr.isEmpty() || !Character.isDigit(nr.charAt(0))) return null;
            return SyscallTable.of(Arch.host()).get(Long.parseLong(nr)).name();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
