package io.jstrace.core.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The thread group of each task number, kept in the order a recording's lines are read, so
 * that a line is named by the task that was running when it was recorded, not by whichever
 * holds the number when the reader, perhaps seconds behind, gets to it.
 *
 * <p>The tasks alive when the recording starts come from /proc/PID/task/TID; each task made
 * after comes from its {@code task:task_newtask} line (kernel/fork.c copy_process, before the
 * new task first runs), a thread ({@code CLONE_THREAD}) joining its creator's group and
 * anything else starting one of its own. A number taken again is overwritten by its new
 * holder's line, so exits need not be read; the newest {@value #KEPT} numbers are kept, and
 * a number not known here is left to /proc.
 */
final class TaskGroups {
    static final String NEWTASK = "task_newtask";
    private static final long CLONE_THREAD = 0x00010000L; // include/uapi/linux/sched.h
    static final int KEPT = 1 << 14;

    private final Map<Integer, Integer> groups = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
            return size() > KEPT;
        }
    };

    /** Learns every task alive now: called once the task events are being recorded. */
    void snapshot() {
        groups.clear();
        for (int pid : ProcFs.pids()) {
            try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("/proc", Integer.toString(pid), "task"))) {
                for (Path t : d) groups.put(Integer.parseInt(t.getFileName().toString()), pid);
            } catch (IOException | RuntimeException e) {
                // the process has gone: its lines, if any, are left to /proc
            }
        }
    }

    /** Task {@code tid}'s thread group as the recording has it so far, -1 when unknown. */
    int group(int tid) {
        Integer g = groups.get(tid);
        return g == null ? -1 : g;
    }

    /**
     * A {@code task_newtask} line's new task: {@code pid=%d comm=%s clone_flags=%llx
     * oom_score_adj=%hd} (include/trace/events/task.h), made by task {@code creator}.
     *
     * @param creatorGroup the creator's group, asked when this table does not know it
     */
    void born(int creator, String text, IntSupplier creatorGroup) {
        int flags = text.lastIndexOf(" clone_flags=");
        if (!text.startsWith("pid=") || flags < 0) return;
        try {
            int child = Integer.parseInt(text.substring(4, text.indexOf(' ')));
            int end = text.indexOf(' ', flags + 13);
            long clone = Long.parseUnsignedLong(text.substring(flags + 13, end < 0 ? text.length() : end), 16);
            int group = child;
            if ((clone & CLONE_THREAD) != 0) {
                group = group(creator);
                if (group < 0) group = creatorGroup.getAsInt();
            }
            groups.remove(child); // the newest last: kept the longest
            if (group > 0) groups.put(child, group);
        } catch (RuntimeException e) {
            // a line this kernel prints otherwise: the task is left to /proc
        }
    }

    /** How many task numbers are known (for tests). */
    int size() {
        return groups.size();
    }
}
