package io.jstrace.format;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.NewChild;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A timeline in the Chrome trace-event JSON format, which Perfetto and chrome://tracing
 * open: a track per thread named {@code comm TID}, each syscall a complete slice ("X")
 * with its strace text as an argument, signals and execs as instant events ("i"),
 * process and thread names ("M") renewed at exec, and a flow ("s"/"f") from each parent
 * to its new child. Times are microseconds since the first record, to the nanosecond.
 */
public final class PerfettoTrace implements TraceListener {
    /** A syscall between its stops: its start and the text of its entry part. */
    private record Open(long start, String head, int split, int visible, io.jstrace.core.TraceeMemory atEntry) {}

    private final Writer out;
    private final DecodeOptions decode;
    private final StraceText text = new StraceText(StraceText.Escape.OCTAL);
    private final Map<Integer, Open> open = new HashMap<>();
    private final Set<Integer> named = new HashSet<>();
    private final StringBuilder event = new StringBuilder(512);
    private long origin = -1;
    private long flows;
    private boolean first = true;

    public PerfettoTrace(Writer out, DecodeOptions decode) {
        this.out = out;
        this.decode = decode;
        write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
    }

    @Override
    public void onSyscallEnter(SyscallEnter e, Tracee t) {
        name(e.pid(), e.tid(), false);
        Call call = new Call(e, null, t.memory(), t.arch(), decode.forSyscall(e.syscall()));
        int visible = Formatters.visibleArgs(call);
        int split = Formatters.entryArgs(call, visible);
        StringBuilder head = new StringBuilder(e.name()).append('(');
        SyscallText.args(call, 0, split, text, head);
        open.put(e.tid(), new Open(micros(e.timestamp()), head.toString(), split, visible, EntryMemory.capture(call)));
    }

    @Override
    public void onSyscallExit(SyscallExit x, Tracee t) {
        Open o = open.remove(x.tid());
        if (o == null) return;
        Call call = new Call(x.enter(), x, t.memory(), t.arch(), decode.forSyscall(x.enter().syscall()),
                o.atEntry());
        StringBuilder line = new StringBuilder(o.head());
        int visible = Formatters.separatorAtExit(call) ? Formatters.visibleArgs(call) : o.visible();
        if (o.split() > 0 && o.split() < visible) line.append(", ");
        SyscallText.args(call, o.split(), visible, text, line);
        line.append(") = ").append(SyscallText.result(call, text));
        // on the track of the thread that made the call (an execve from a thread returns as the leader)
        slice(x.enter().name(), x.enter().pid(), x.enter().tid(), o.start(), micros(x.timestamp()), line.toString());
    }

    /** A syscall its thread never returned from: the slice ends when the thread does. */
    private void unreturned(int pid, int tid, long end) {
        Open o = open.remove(tid);
        if (o == null) return;
        String name = o.head().substring(0, o.head().indexOf('('));
        slice(name, pid, tid, o.start(), micros(end), o.head() + ") = ?");
    }

    private void slice(String name, int pid, int tid, long start, long end, String call) {
        begin(name, "X", pid, tid, start).append(",\"dur\":");
        us(Math.max(0, end - start), event).append(",\"cat\":\"syscall\",\"args\":{\"call\":");
        Json.quote(call, event);
        event.append("}}");
        emit();
    }

    @Override
    public void onSignal(SignalStop s, Tracee t) {
        begin(s.signal().name(), "i", s.pid(), s.tid(), micros(s.timestamp())).append(",\"s\":\"t\",\"cat\":\"signal\"");
        if (s.info() != null) {
            event.append(",\"args\":{\"siginfo\":");
            Json.quote(text.render(Signals.siginfo(s.info())), event);
            event.append('}');
        }
        event.append('}');
        emit();
    }

    @Override
    public void onExit(Exit x, Tracee t) {
        unreturned(x.pid(), x.tid(), x.timestamp());
        instant("exit " + x.status(), x.pid(), x.tid(), x.timestamp());
    }

    @Override
    public void onSignalExit(SignalExit x, Tracee t) {
        unreturned(x.pid(), x.tid(), x.timestamp());
        instant("killed by " + x.signal().name(), x.pid(), x.tid(), x.timestamp());
    }

    @Override
    public void onNewChild(NewChild c, Tracee t) {
        long id = ++flows;
        long at = micros(c.timestamp());
        begin(c.kind().name().toLowerCase(java.util.Locale.ROOT), "s", c.pid(), c.tid(), at)
                .append(",\"cat\":\"fork\",\"id\":").append(id).append('}');
        emit();
        name(c.childPid(), c.childTid(), false);
        begin(c.kind().name().toLowerCase(java.util.Locale.ROOT), "f", c.childPid(), c.childTid(), at)
                .append(",\"bp\":\"e\",\"cat\":\"fork\",\"id\":").append(id).append('}');
        emit();
    }

    @Override
    public void onExec(Exec e, Tracee t) {
        Open o = open.remove(e.formerTid());
        if (o != null) {
            unreturned(e.pid(), e.tid(), e.timestamp());
            open.put(e.tid(), o);
        }
        instant("exec", e.pid(), e.tid(), e.timestamp());
        name(e.pid(), e.tid(), true);
    }

    private void instant(String name, int pid, int tid, long nanos) {
        begin(name, "i", pid, tid, micros(nanos)).append(",\"s\":\"t\"}");
        emit();
    }

    /** Process and thread names from /proc/PID/comm: on first sight, and again after an exec. */
    private void name(int pid, int tid, boolean renew) {
        if (!named.add(tid) && !renew) return;
        String comm = comm(tid);
        metadata("process_name", pid, pid, comm);
        metadata("thread_name", pid, tid, comm + " " + tid);
    }

    private void metadata(String kind, int pid, int tid, String name) {
        event.append("{\"name\":\"").append(kind).append("\",\"ph\":\"M\",\"pid\":").append(pid).append(",\"tid\":")
                .append(tid).append(",\"args\":{\"name\":");
        Json.quote(name, event);
        event.append("}}");
        emit();
    }

    private static String comm(int tid) {
        try {
            return Files.readString(Path.of("/proc/" + tid + "/comm")).trim();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private StringBuilder begin(String name, String phase, int pid, int tid, long ts) {
        event.append("{\"name\":");
        Json.quote(name, event);
        event.append(",\"ph\":\"").append(phase).append("\",\"pid\":").append(pid).append(",\"tid\":")
                .append(tid).append(",\"ts\":");
        return us(ts, event);
    }

    /** Nanoseconds since the first record: small, exact numbers. */
    private long micros(long nanos) {
        if (origin < 0) origin = nanos;
        return nanos - origin;
    }

    /** The format's unit is the microsecond: {@code 12.345}, to the nanosecond. */
    private static StringBuilder us(long nanos, StringBuilder out) {
        String frac = Long.toString(nanos % 1000);
        return out.append(nanos / 1000).append('.').append("000", 0, 3 - frac.length()).append(frac);
    }

    private void emit() {
        write(first ? "" : ",\n");
        first = false;
        write(event.toString());
        event.setLength(0);
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the JSON document and closes the file. */
    public void close() {
        write("\n]}\n");
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
