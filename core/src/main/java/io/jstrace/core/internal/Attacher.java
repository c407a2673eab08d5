package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Ptrace.EPERM;
import static io.jstrace.core.internal.jnr.Ptrace.ESRCH;

import io.jstrace.core.PidType;
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
        if (parentOf(pid) == ProcessHandle.current().pid()) {
            // The JDK's reaper waits for each child of ours by pid, from its own thread, and
            // such a wait takes the ptrace stops of a tracee of our thread group too (wait(2):
            // only __WNOTHREAD keeps a wait to its own thread; kernel/exit.c, wait_consider_task):
            // the child would be left stopped and the JDK handed a stop as its exit status.
            throw new TraceException("attach: " + pid + " is a child of this JVM, which waits for it itself:"
                    + " launch it with TraceSession.launch instead");
        }
        try (Stream<Path> tasks = Files.list(Path.of(ProcFs.pidDir(pid) + "/task"))) {
            List<Integer> tids = tasks.map(p -> Integer.parseInt(p.getFileName().toString()))
                    .sorted((a, b) -> a == pid ? -1 : b == pid ? 1 : Integer.compare(a, b))
                    .toList();
            // A zombie lists no threads: PTRACE_SEIZE says why it cannot be traced (EPERM).
            return tids.isEmpty() ? List.of(pid) : tids;
        } catch (IOException | NumberFormatException e) {
            throw failure(pid, ESRCH);
        }
    }

    /** The parent of {@code pid} (the PPid line of /proc/PID/status), or 0. */
    static long parentOf(int pid) {
        return statusField(pid, "PPid:", 0);
    }

    /** The thread group of {@code tid} in jstrace's pid namespace (the NStgid line of /proc/TID/status), or {@code tid}. */
    static int tgidOf(int tid) {
        int tgid = PidNamespaces.SYSTEM.idOf(tid, PidType.TGID);
        return tgid > 0 ? tgid : tid;
    }

    /** The seccomp mode of {@code tid}: 0 none, 1 strict, 2 filtered (the Seccomp line of /proc/TID/status, proc(5)). */
    static int seccompModeOf(int tid) {
        return statusField(tid, "Seccomp:", 0);
    }

    /** The number on the line of /proc/TID/status that starts with {@code field}, or {@code otherwise}. */
    private static int statusField(int tid, String field, int otherwise) {
        try {
            return Integer.parseInt(statusLine(tid, field));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The rest of the line of /proc/TID/status that starts with {@code field}, or "". */
    private static String statusLine(int tid, String field) {
        try (Stream<String> lines = Files.lines(Path.of(ProcFs.pidDir(tid) + "/status"))) {
            return lines.filter(l -> l.startsWith(field)).map(l -> l.substring(field.length()).trim())
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** strace: {@code attach: ptrace(PTRACE_SEIZE, 1234): No such process}. */
    static TraceException failure(int pid, int errno) {
        String msg = "attach: ptrace(PTRACE_SEIZE, " + pid + "): " + Errors.message(errno);
        if (errno == EPERM && statusLine(pid, "State:").startsWith("Z")) {
            msg += " (it is a zombie: it has exited, and its parent has not waited for it yet)";
        } else if (errno == EPERM) {
            msg += " (tracing another user's process needs CAP_SYS_PTRACE; check kernel.yama.ptrace_scope,"
                    + " and that no other tracer holds it)";
        }
        return new TraceException(msg);
    }
}
