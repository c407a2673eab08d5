package io.jstrace.core;

import io.jstrace.core.internal.ProcFs;
import io.jstrace.core.internal.TraceInstance;
import io.jstrace.core.internal.Tracefs;
import io.jstrace.core.internal.elf.ElfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Uprobes on the whole machine through tracefs (Documentation/trace/uprobetracer.rst): a
 * probe on an instruction of a file, hit by every process that maps the file, now or later,
 * with values the kernel fetches at the hit (registers, the return value, memory they point
 * to). No process stops: the kernel records the hit in a ring buffer and the caller runs on.
 *
 * <p>The probes are one event group, {@code jstrace_PID}, recorded in a tracing instance of
 * the same name, so the global trace buffer and other tracers' probes are left alone. At
 * {@link #close()} the events are disabled, the probes removed and the instance deleted; a
 * jstrace killed with SIGKILL leaves them, and the next one to open removes them.
 */
public final class Uprobes implements SystemSource<Uprobes.Hit> {
    /** The ring buffer of each CPU: room for bursts of hits while the reader is behind. */
    private static final int BUFFER_KB = 4096;

    /**
     * One probe.
     *
     * @param event    its event's name (a C identifier), unique among the probes opened together
     * @param file     the ELF file
     * @param offset   the file offset of the probed instruction
     * @param atReturn a return probe (uretprobe): hit when the function that starts there
     *                 returns, with {@code $retval} and the registers as they are then
     * @param fetch    the values to record, as the kernel's fetch arguments
     *                 ({@code ssl=%di:x64}, {@code ret=$retval:s32}, {@code name=+0(%cx):string})
     * @param filter   an event filter ({@code cmd == 55}), or {@code null}: hits it rejects are not recorded
     */
    public record Probe(String event, Path file, long offset, boolean atReturn, List<String> fetch, String filter) {
        public Probe {
            if (!event.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("probe name: " + event);
            fetch = List.copyOf(fetch);
        }

        /** The names of the fetched values, in order. */
        List<String> names() {
            return fetch.stream().map(f -> f.substring(0, f.indexOf('='))).toList();
        }

        String definition(String group) {
            StringBuilder s = new StringBuilder(atReturn ? "r:" : "p:").append(group).append('/').append(event)
                    .append(' ').append(file).append(":0x").append(Long.toHexString(offset));
            for (String f : fetch) s.append(' ').append(f);
            return s.toString();
        }
    }

    /**
     * One hit.
     *
     * @param epochNs  when, nanoseconds since the epoch (the trace clock is CLOCK_MONOTONIC,
     *                 printed to the microsecond)
     * @param pid      the process (its thread group), -1 when the kernel had not kept it
     * @param tid      the thread
     * @param comm     the thread's command name as the kernel remembered it
     * @param event    the probe's event name
     * @param values   the fetched values as the kernel printed them, by name, in order
     *                 ({@code 0x5572f15eaa90}, {@code 76}, a string without its quotes,
     *                 {@code {0x1,0x2}} for an array, {@code (fault)} when unreadable)
     */
    public record Hit(long epochNs, int pid, int tid, String comm, String event, Map<String, String> values) {}

    /**
     * The file offsets of the functions {@code symbols} names in ELF file {@code file}
     * ({@code .dynsym} and {@code .symtab}): where their probes go. Those it lacks are left out.
     */
    public static Map<String, Long> functionOffsets(Path file, Set<String> symbols) {
        ElfFile elf = ElfFile.read(file, symbols);
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (String s : symbols) {
            long vaddr = elf.function(s);
            long offset = vaddr < 0 ? -1 : elf.fileOffset(vaddr);
            if (offset >= 0) offsets.put(s, offset);
        }
        return offsets;
    }

    /**
     * Refuses unless this process is root: tracefs's control files are root's alone (mode
     * 0640 and below), and a uprobe sees every process.
     *
     * @throws TraceException {@code PREFIX: needs root (uprobes through tracefs)}
     */
    public static void checkPrivileges(String prefix) throws TraceException {
        for (String l : ProcFs.lines(Path.of("/proc/self/status"))) {
            String[] f = l.split("\\s+");
            if (f[0].equals("Uid:") && f.length > 2 && f[2].equals("0")) return;
        }
        throw new TraceException(prefix + ": needs root (uprobes through tracefs)");
    }

    /**
     * The files running processes map (/proc/PID/maps) whose file name {@code name}
     * matches: where to put probes for code loaded from places no directory list names. A
     * file is given by our own path when it is the same file there, else through the
     * process's root (/proc/PID/root/...: a container's), which a probe definition accepts.
     */
    public static Set<Path> mappedFiles(Pattern name) {
        Set<Path> found = new java.util.LinkedHashSet<>();
        for (int pid : ProcFs.pids()) {
            for (String line : ProcFs.lines(Path.of("/proc", Integer.toString(pid), "maps"))) {
                int at = line.indexOf('/');
                if (at < 0) continue;
                String path = line.substring(at);
                int slash = path.lastIndexOf('/');
                if (!name.matcher(path.substring(slash + 1)).matches()) continue;
                found.add(ours(Path.of("/proc", Integer.toString(pid), "root" + path), path));
            }
        }
        return found;
    }

    private static Path ours(Path inRoot, String path) {
        try {
            return Files.isSameFile(inRoot, Path.of(path)) ? Path.of(path) : inRoot;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Files.exists(inRoot) ? inRoot : Path.of(path);
        }
    }

    private final Path root;
    private final String group;
    private final List<Probe> probes;
    private final Map<String, List<String>> names = new HashMap<>();
    private TraceInstance instance;

    private Uprobes(Path root, String group, List<Probe> probes) {
        this.root = root;
        this.group = group;
        this.probes = List.copyOf(probes);
        for (Probe p : probes) names.put(p.event(), p.names());
    }

    /**
     * Defines and enables {@code probes}; hits are recorded from the moment this returns.
     *
     * @throws TraceException when tracefs is not there or a probe is refused (with the
     *     kernel's reason); nothing is left defined then
     */
    public static Uprobes open(List<Probe> probes) throws TraceException {
        if (probes.isEmpty()) throw new TraceException("uprobes: nothing to probe");
        Path root = Tracefs.root("uprobe_events");
        removeStale(root);
        Uprobes u = new Uprobes(root, TraceInstance.name(null), probes);
        try {
            u.define();
            return u;
        } catch (TraceException | RuntimeException e) {
            if (u.instance != null) u.instance.close();
            else u.removeProbes();
            throw e;
        }
    }

    private void define() throws TraceException {
        instance = TraceInstance.make(root, group, BUFFER_KB, this::removeProbes);
        // one write for all: the kernel takes a definition a line (trace_parse_run_command)
        Tracefs.write(root, root.resolve("uprobe_events"), String.join("\n", definitions()));
        for (Probe p : probes) {
            if (p.filter() != null) instance.enable(group, p.event(), p.filter());
        }
        instance.enable(group, null, null);
        instance.start();
    }

    /** The groups of jstraces that are gone, left behind by a SIGKILL: their instances and probes are removed. */
    private static void removeStale(Path root) {
        TraceInstance.removeStale(root);
        for (String line : ProcFs.lines(root.resolve("uprobe_events"))) {
            Matcher m = DEFINED.matcher(line);
            if (m.lookingAt() && TraceInstance.stale(m.group(1))) {
                Tracefs.tryWrite(root, root.resolve("uprobe_events"), "-:" + m.group(1) + "/" + m.group(2));
            }
        }
    }

    private static final Pattern DEFINED = Pattern.compile("[pr]:(" + TraceInstance.PREFIX + "\\d+)/(\\w+) ");

    @Override
    public Hit next() throws TraceException {
        return instance.next(this::hit);
    }

    /** A probe's line as a hit: its text is {@code (ADDR) NAME=VALUE...}, a return probe's {@code (CALLER <- FUNCTION) ...}
     * (kernel/trace/trace_uprobe.c print_uprobe_event); {@code null} for another event's. */
    Hit parse(String line) {
        return instance.parse(line, this::hit);
    }

    private Hit hit(TraceInstance.Line l) {
        List<String> wanted = names.get(l.event());
        Matcher m = ADDRESS.matcher(l.text());
        if (wanted == null || !m.lookingAt()) return null;
        return new Hit(l.epochNs(), l.pid(), l.tid(), l.comm(), l.event(), values(l.text().substring(m.end()), wanted));
    }

    private static final Pattern ADDRESS = Pattern.compile("\\(0x[0-9a-f]+(?: <- 0x[0-9a-f]+)?\\)");

    /**
     * The values, each from after {@code NAME=} to the next name's {@code " NAME="}: the kernel
     * prints strings quoted but unescaped, so a string is cut at the name that follows it.
     */
    static Map<String, String> values(String text, List<String> wanted) {
        Map<String, String> v = new LinkedHashMap<>();
        int from = 0;
        for (int k = 0; k < wanted.size(); k++) {
            int start = text.indexOf(" " + wanted.get(k) + "=", from);
            if (start < 0) break;
            start += wanted.get(k).length() + 2;
            int end = k + 1 < wanted.size() ? text.lastIndexOf(" " + wanted.get(k + 1) + "=") : text.length();
            if (end < start) end = text.length();
            String value = text.substring(start, end);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            v.put(wanted.get(k), value);
            from = end;
        }
        return v;
    }

    /** Hits the kernel dropped because the ring buffer was full (trace_pipe's {@code [LOST n EVENTS]}). */
    @Override
    public long lostEvents() {
        return instance.lost();
    }

    /**
     * Disables and removes the probes (the instance first: its events must be off before a
     * probe can go).
     */
    @Override
    public void close() {
        instance.close();
    }

    private void removeProbes() {
        List<String> removals = probes.stream().map(p -> "-:" + group + "/" + p.event()).toList();
        // one write, each probe's removal waiting for the others' (an RCU grace period each);
        // line by line when one was never defined, which stops the kernel at that line
        if (!Tracefs.tryWrite(root, root.resolve("uprobe_events"), String.join("\n", removals))) {
            for (String r : removals) Tracefs.tryWrite(root, root.resolve("uprobe_events"), r);
        }
    }

    /** The probes' group and tracing instance: {@code jstrace_PID}. */
    public String group() {
        return group;
    }

    /** For tests: a source that parses lines as {@link #open} would, with no tracefs behind it. */
    static Uprobes parserFor(List<Probe> probes) {
        Uprobes u = new Uprobes(Path.of("/nonexistent"), "jstrace_0", probes);
        u.instance = TraceInstance.parser();
        return u;
    }

    /** For tests: the probe definitions as written to uprobe_events. */
    List<String> definitions() {
        List<String> d = new ArrayList<>();
        for (Probe p : probes) d.add(p.definition(group));
        return d;
    }
}
