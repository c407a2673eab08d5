package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Ptrace.EPERM;
import static io.jstrace.core.internal.jnr.Ptrace.ESRCH;

import io.jstrace.core.TraceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What attaching needs from /proc, and its errors in strace's words. */
final class Attacher {
    private Attacher() {}

    /** The thread ids of {@code pid}, leader first (/proc/PID/task). */
    static List<Integer> threadsOf(int pid) throws TraceException {
        if (pid == ProcessHandle.current().pid()) {
            throw new TraceException("I'm sorry, I can't let you do that, Dave.");
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            List<Integer> tids = tasks.map(p -> Integer.parseInt(p.getFileName().toString()))
                    .sorted((a, b) -> a == pid ? -1 : b == pid ? 1 : Integer.compare(a, b))
                    .toList();
            if (tids.isEmpty()) throw failure(pid, ESRCH);
            return tids;
        } catch (IOException | NumberFormatException e) {
            throw failure(pid, ESRCH);
        }
    }

    /** The thread group of {@code tid} (the Tgid line of /proc/TID/status), or {@code tid}. */
    static int tgidOf(int tid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + tid + "/status"))) {
            return lines.filter(l -> l.startsWith("Tgid:"))
                    .mapToInt(l -> Integer.parseInt(l.substring(5).trim()))
                    .findFirst()
                    .orElse(tid);
        } catch (IOException | RuntimeException e) {
            return tid;
        }
    }

    /** strace: {@code attach: ptrace(PTRACE_SEIZE, 1234): No such process}. */
    static TraceException failure(int pid, int errno) {
        String msg = "attach: ptrace(PTRACE_SEIZE, " + pid + "): " + Errors.message(errno);
        if (errno == EPERM) {
            msg += " (tracing another user's process needs CAP_SYS_PTRACE; check kernel.yama.ptrace_scope,"
                    + " and that no other tracer holds it)";
        }
        return new TraceException(msg);
    }
}
