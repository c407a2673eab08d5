package io.jstrace.core.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The thread group of each task number, kept in the order a recording's lines are read, so
 * that a line is named by the task that was running when it was recorded, not by whichever
 * holds the number when the reader, perhaps seconds behind, gets to it.
 *
 * <p>The tasks alive when the recording starts come from /proc/PID/task/TID; each task made
 * after comes from its {@code task:task_newtask} line (kernel/fork.c copy_process, before the
 * new task first runs), a thread ({@code CLONE_THREAD}) joining its creator's group and
 * anything else starting one of its own. A task's {@code sched:sched_process_exit} line
 * (kernel/exit.c do_exit) retires its number, yet it is kept for the lines the exiting task
 * still writes after it (exit_files closes its sockets later in do_exit) until
 * {@value #RETIRED} more tasks have exited. A number not known here is left to /proc.
 */
final class TaskGroups {
    static final String NEWTASK = "task_newtask", EXIT = "sched_process_exit";
    private static final long CLONE_THREAD = 0x00010000L; // include/uapi/linux/sched.h
    private static final int RETIRED = 4096;

    /** One task's group; compared by identity, so that a number's next holder is never retired with it. */
    private static final class Task {
        final int tgid;

        Task(int tgid) {
            this.tgid = tgid;
        }
    }

    private final Map<Integer, Task> tasks = new HashMap<>();
    private final ArrayDeque<Map.Entry<Integer, Task>> retired = new ArrayDeque<>();

    /** Learns every task alive now: called once the task events are being recorded. */
    void snapshot() {
        tasks.clear();
        retired.clear();
        for (int pid : ProcFs.pids()) {
            try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("/proc", Integer.toString(pid), "task"))) {
                for (Path t : d) tasks.put(Integer.parseInt(t.getFileName().toString()), new Task(pid));
            } catch (IOException | RuntimeException e) {
                // the process has gone: its lines, if any, are left to /proc
            }
        }
    }

    /** Task {@code tid}'s thread group as the recording has it so far, -1 when unknown. */
    int group(int tid) {
        Task t = tasks.get(tid);
        return t == null ? -1 : t.tgid;
    }

    /**
     * Follows a task's birth or exit; {@code false} for any other line. A new task's creator
     * is the line's task, its group the line's {@link TraceInstance.Line#pid}.
     */
    boolean follow(TraceInstance.Line l) {
        switch (l.event()) {
            case NEWTASK -> born(l);
            case EXIT -> exited(l.tid());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code pid=%d comm=%s clone_flags=%llx oom_score_adj=%hd} (include/trace/events/task.h). */
    private void born(TraceInstance.Line l) {
        String text = l.text();
        int flags = text.lastIndexOf(" clone_flags=");
        if (!text.startsWith("pid=") || flags < 0) return;
        try {
            int child = Integer.parseInt(text.substring(4, text.indexOf(' ')));
            int end = text.indexOf(' ', flags + 13);
            long clone = Long.parseUnsignedLong(text.substring(flags + 13, end < 0 ? text.length() : end), 16);
            int group = (clone & CLONE_THREAD) != 0 ? l.pid() : child;
            tasks.put(child, new Task(group));
        } catch (RuntimeException e) {
            // a line this kernel prints otherwise: the task is left to /proc
        }
    }

    private void exited(int tid) {
        Task t = tasks.get(tid);
        if (t == null) return;
        retired.add(Map.entry(tid, t));
        if (retired.size() > RETIRED) {
            Map.Entry<Integer, Task> oldest = retired.poll();
            tasks.remove(oldest.getKey(), oldest.getValue());
        }
    }

    /** How many task numbers are known (for tests). */
    int size() {
        return tasks.size();
    }
}
