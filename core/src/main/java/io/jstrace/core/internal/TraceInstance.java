package io.jstrace.core.internal;

import io.jstrace.core.TraceException;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A tracing instance of jstrace's own in tracefs ({@code instances/jstrace_PID[_TOPIC]},
 * Documentation/trace/ftrace.rst "Instances"): a ring buffer, its options and its event
 * switches apart from the global ones and from other tracers'. Events are read as the
 * lines of its {@code trace_pipe}, timed by CLOCK_MONOTONIC, each with its thread group
 * as it was when the line was recorded ({@link TaskGroups}).
 *
 * <p>A reader blocked in {@link #next()} is woken at {@link #close()} by a line written
 * to the instance's {@code trace_marker}; it then deletes the instance itself, since the
 * kernel refuses to while its trace_pipe is open. A jstrace killed with SIGKILL leaves its
 * instances; the next one to open any removes them ({@link #removeStale}).
 */
public final class TraceInstance {
    public static final String PREFIX = "jstrace_";
    private static final Pattern OURS = Pattern.compile(PREFIX + "(\\d+)(?:_\\w+)?");

    /**
     * One line of trace_pipe: {@code comm-TID (TGID) [CPU] FLAGS SECONDS.MICROS: EVENT: TEXT}
     * (kernel/trace/trace_output.c trace_print_context, with the {@code record-tgid} option).
     *
     * @param epochNs when, nanoseconds since the epoch (printed to the microsecond)
     * @param pid     the thread group, -1 when neither the kernel nor /proc knew it
     * @param tid     the thread that was running: the caller of a system call, or whichever
     *                task a softirq interrupted
     * @param comm    that thread's command name as the kernel remembered it
     * @param process its process's name: its first thread's (/proc/PID/comm as the line was
     *                read, a thread's name being often its own, dig's {@code isc-net-0000}),
     *                {@link #comm} when it is that thread or the process is gone
     * @param context the latency format's flags ({@code .Ns2.}: irqs-off, need-resched,
     *                hardirq/softirq, preempt depth, migrate-disable), empty when not printed
     * @param event   the event's name
     * @param text    what the event printed
     */
    public record Line(long epochNs, int pid, int tid, String comm, String process, String context, String event,
            String text) {
        /**
         * Whether the event was recorded in an interrupt (hardirq, softirq or NMI: the flags'
         * third letter, kernel/trace/trace_output.c trace_print_lat_fmt), when the running
         * task is whichever the interrupt came on; otherwise it ran in {@link #tid}'s own
         * system call or fault.
         */
        public boolean inInterrupt() {
            return context.length() > 2 && context.charAt(2) != '.';
        }
    }

    /**
     * A line's pattern. A system call's event prints no colon after its name: its entry
     * {@code sys_socket(family: 1, ...)}, its exit {@code sys_socket -> 0x3}
     * (kernel/trace/trace_syscalls.c print_syscall_enter, print_syscall_exit); their text is
     * what follows the name.
     */
    private static final Pattern LINE = Pattern.compile(
            "\\s*(.*)-(\\d+)\\s+\\(\\s*(\\d+|-+)\\)\\s+\\[\\d+\\]\\s+(?:([^\\s\\d]\\S*)\\s+)?(\\d+)\\.(\\d+):\\s+(\\w+)(?::\\s?|(?=\\(| -> ))(.*)");
    private static final Pattern LOST = Pattern.compile("\\[LOST (\\d+) EVENTS\\]");

    private final Path root, dir;
    private final Runnable afterDelete;
    /** Whether lines come from the kernel now, so that /proc speaks of the same tasks. */
    private final boolean live;
    private final long monotonicToEpoch;
    private final AtomicLong lost = new AtomicLong();
    /** The tasks' groups in the lines' own order, {@code null} when the kernel lacks the task events. */
    private TaskGroups tasks;
    private BufferedReader pipe;
    private boolean reading, closed, released;

    private TraceInstance(Path root, Path dir, Runnable afterDelete, boolean live) {
        this.live = live;
        this.root = root;
        this.dir = dir;
        this.afterDelete = afterDelete;
        Instant now = Instant.now();
        this.monotonicToEpoch = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
    }

    /** The instance's name: {@code jstrace_PID}, or {@code jstrace_PID_TOPIC}. */
    public static String name(String topic) {
        long pid = ProcessHandle.current().pid();
        return topic == null ? PREFIX + pid : PREFIX + pid + "_" + topic;
    }

    /**
     * Makes instance {@code name} with room for {@code bufferKb} KiB of events per CPU.
     *
     * @param afterDelete run once the instance is gone (removing the probes its events were)
     */
    public static TraceInstance make(Path root, String name, int bufferKb, Runnable afterDelete) throws TraceException {
        Path dir = root.resolve("instances").resolve(name);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new TraceException("tracefs: cannot make the instance " + dir + ": " + e.getMessage());
        }
        TraceInstance t = new TraceInstance(root, dir, afterDelete, true);
        Tracefs.tryWrite(root, dir.resolve("options/record-tgid"), "1"); // Linux 4.14+: the pid beside the tid
        Tracefs.tryWrite(root, dir.resolve("buffer_size_kb"), Integer.toString(bufferKb));
        try {
            Tracefs.write(root, dir.resolve("trace_clock"), "mono");
        } catch (TraceException e) {
            t.release();
            throw e;
        }
        t.followTasks();
        return t;
    }

    /** Records the tasks' births, for {@link TaskGroups}; without them, lines are named through /proc alone. */
    private void followTasks() {
        try {
            enable("task", TaskGroups.NEWTASK, null);
            tasks = new TaskGroups();
        } catch (TraceException e) {
            // Linux before 3.x, or tracefs without these events: /proc names the lines
        }
    }

    /** Sets event {@code system/event}'s filter ({@code null}: none) and enables it; {@code event} null: the whole system. */
    public void enable(String system, String event, String filter) throws TraceException {
        Path e = dir.resolve("events").resolve(system);
        if (event != null) e = e.resolve(event);
        if (!Files.isDirectory(e)) throw new TraceException("this kernel has no trace event " + system + (event == null ? "" : ":" + event));
        if (filter != null) Tracefs.write(root, e.resolve("filter"), filter);
        Tracefs.write(root, e.resolve("enable"), "1");
    }

    /** Opens trace_pipe: what is recorded from now on is read by {@link #next()}. */
    public void start() throws TraceException {
        if (tasks != null) tasks.snapshot();
        try {
            pipe = new BufferedReader(new InputStreamReader(new FileInputStream(dir.resolve("trace_pipe").toFile()),
                    StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new TraceException("tracefs: cannot open " + dir.resolve("trace_pipe") + ": " + e.getMessage());
        }
    }

    /**
     * The next line {@code as} makes an event of (those it maps to {@code null} are skipped),
     * waiting for it; {@code null} once closed.
     */
    public <E> E next(Function<Line, E> as) throws TraceException {
        for (;;) {
            Line l = next();
            if (l == null) return null;
            E e = as.apply(l);
            if (e != null) return e;
        }
    }

    /** For tests: {@code text} as {@code as} makes an event of it, {@code null} when it is none. */
    public <E> E parse(String text, Function<Line, E> as) {
        Line l = parse(text);
        return l == null ? null : as.apply(l);
    }

    /** The next event's line, waiting for it; {@code null} once closed. */
    public Line next() throws TraceException {
        synchronized (this) {
            if (closed) return null;
            reading = true;
        }
        try {
            while (true) {
                String text = pipe.readLine();
                synchronized (this) {
                    if (closed || text == null) return null;
                }
                Line l = parse(text);
                if (l != null) return l;
            }
        } catch (IOException e) {
            synchronized (this) {
                if (closed) return null;
            }
            throw new TraceException("tracefs: reading trace_pipe: " + e.getMessage());
        } finally {
            synchronized (this) {
                reading = false;
                if (closed) release();
            }
        }
    }

    /** A line of trace_pipe as {@link Line}; {@code null} for a marker, a lost-events note (counted) or a task's birth ({@link TaskGroups}). */
    public Line parse(String text) {
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            Matcher l = LOST.matcher(text);
            if (l.find()) {
                lost.addAndGet(Long.parseLong(l.group(1)));
                if (tasks != null) tasks.snapshot(); // births may be among the lost
            }
            return null;
        }
        long ns = Long.parseLong(m.group(5)) * 1_000_000_000L + Long.parseLong((m.group(6) + "000000000").substring(0, 9));
        int tid = Integer.parseInt(m.group(2));
        int saved = m.group(3).startsWith("-") ? -1 : Integer.parseInt(m.group(3));
        if (tasks != null && m.group(7).equals(TaskGroups.NEWTASK)) {
            tasks.born(tid, m.group(8), () -> threadGroup(tid, saved));
            return null;
        }
        int known = tasks == null ? -1 : tasks.group(tid);
        int pid = known > 0 ? known : live ? threadGroup(tid, saved) : saved;
        String context = m.group(4) == null ? "" : m.group(4);
        String comm = m.group(1), process = comm;
        if (live && pid > 0 && pid != tid) {
            String first = ProcFs.comm(pid);
            if (first != null) process = first;
        }
        return new Line(ns + monotonicToEpoch, pid, tid, comm, process, context, m.group(7), m.group(8));
    }

    /**
     * The thread group of {@code tid} when {@link TaskGroups} does not know it, as /proc has
     * it as the line is read. The kernel prints the tgid it saved under the tid's
     * number, and saves it only at a later context switch on a CPU that has committed an event
     * (kernel/trace/trace.c __buffer_unlock_commit sets trace_taskinfo_save, the sched_switch
     * probe calls tracing_record_taskinfo): a new task's first events print what an earlier
     * task of the same number left, once pids have wrapped (pid_max is 32768 by default), or
     * nothing. So the kernel's is taken when /proc/TGID/task/TID confirms it; otherwise
     * /proc/TID/status's while the thread lives; otherwise the kernel's, -1 when it had none.
     */
    private static int threadGroup(int tid, int saved) {
        if (saved > 0 && Files.isDirectory(Path.of("/proc", Integer.toString(saved), "task", Integer.toString(tid)))) {
            return saved;
        }
        for (String l : ProcFs.lines(Path.of("/proc", Integer.toString(tid), "status"))) {
            if (l.startsWith("Tgid:")) return Integer.parseInt(l.substring(5).strip());
        }
        return saved;
    }

    /** Events the kernel dropped because the ring buffer was full (trace_pipe's {@code [LOST n EVENTS]}). */
    public long lost() {
        return lost.get();
    }

    private static final String MARK = "jstrace: mark ";
    private static final Pattern MARKED = Pattern.compile(Pattern.quote(MARK) + "(\\d{1,18})");
    private final AtomicLong marks = new AtomicLong();

    /**
     * Writes a numbered mark into the recording, to be read in its place: once it is, every
     * event recorded before this call has been (trace_pipe gives the CPUs' events merged in
     * time order, kernel/trace/trace.c trace_find_next_entry).
     *
     * @return the mark's number, or -1 when it could not be written (the instance is closed)
     */
    public long mark() {
        long n = marks.incrementAndGet();
        return mark(MARK + n) ? n : -1;
    }

    /** The number of a mark {@link #mark()} wrote, -1 for any other line. */
    public static long markNumber(Line l) {
        if (!l.event().equals("tracing_mark_write")) return -1;
        Matcher m = MARKED.matcher(l.text().strip());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Writes {@code text} into the recording (its trace_marker); {@code false} once it is closed or gone. */
    public boolean mark(String text) {
        synchronized (this) {
            if (closed) return false;
        }
        return Tracefs.tryWrite(root, dir.resolve("trace_marker"), text);
    }

    /** Stops reading and deletes the instance (a blocked reader is woken and deletes it). */
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            if (!reading) {
                release();
                return;
            }
        }
        Tracefs.tryWrite(root, dir.resolve("trace_marker"), "jstrace: closing");
    }

    private synchronized void release() {
        if (released) return;
        released = true;
        try {
            if (pipe != null) pipe.close();
        } catch (IOException e) {
            // closing a read-only file: nothing was lost
        }
        delete(dir);
        afterDelete.run();
    }

    /** For tests: an instance that only parses lines, with no tracefs behind it. */
    public static TraceInstance parser() {
        return new TraceInstance(Path.of("/nonexistent"), Path.of("/nonexistent"), () -> {}, false);
    }

    /** The instance's directory. */
    public Path dir() {
        return dir;
    }

    /** Removes the instances of jstraces that are gone: what a SIGKILL left. */
    public static void removeStale(Path root) {
        try (Stream<Path> dirs = Files.list(root.resolve("instances"))) {
            for (Path d : dirs.toList()) {
                if (stale(d.getFileName().toString())) delete(d);
            }
        } catch (IOException e) {
            // no instances: nothing of ours can be left
        }
    }

    /** Whether {@code name} is an instance or probe group of a jstrace that is gone. */
    public static boolean stale(String name) {
        Matcher m = OURS.matcher(name);
        if (!m.matches()) return false;
        long pid = Long.parseLong(m.group(1));
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
    }

    /**
     * Deletes an instance: the kernel disables its events first (kernel/trace/trace.c
     * __remove_instance), and refuses with EBUSY while anything holds it open (a reader of its
     * files), so it is tried for up to a second; then the next jstrace tries again.
     */
    private static void delete(Path instance) {
        for (int attempt = 0;; attempt++) {
            try {
                Files.deleteIfExists(instance);
                return;
            } catch (IOException e) {
                if (attempt == 20) return;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
