package io.jstrace.render;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.HostFacts;
import io.jstrace.core.NewChild;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.decode.DecodedListener;
import io.jstrace.decode.DecodedSyscall;
import io.jstrace.decode.StraceText;
import io.jstrace.decode.Value;
import java.util.Locale;
import io.jstrace.core.Tracee;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
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
public final class PerfettoTrace implements DecodedListener {
    /** A syscall between its stops: its start and the entry part of its line. */
    private record Open(long start, DecodedSyscall entry) {}

    private final Writer out;
    private final StraceText text = new StraceText(StraceText.Escape.OCTAL);
    private final SyscallLine layout = new SyscallLine(text);
    private final Map<Integer, Open> open = new HashMap<>();
    private final Set<Integer> named = new HashSet<>();
    private final JsonWriter event = new JsonWriter(new StringBuilder(512));
    private long origin = -1;
    private long flows;
    private boolean first = true;

    public PerfettoTrace(Writer out) {
        this.out = out;
        write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
    }

    @Override
    public void onEntry(DecodedSyscall entry, Tracee t) {
        SyscallEnter e = entry.enter();
        name(e.pid(), e.tid(), false, t.host());
        open.put(e.tid(), new Open(micros(e.timestamp()), entry));
    }

    @Override
    public void onReturn(DecodedSyscall call, Tracee t) {
        SyscallExit x = call.exit();
        Open o = open.remove(x.tid());
        if (o == null) return;
        StringBuilder line = new StringBuilder(128);
        layout.head(call, line);
        layout.tail(call, line);
        line.append(" = ").append(layout.result(call));
        // on the track of the thread that made the call (an execve from a thread returns as the leader)
        slice(call.name(), x.enter().pid(), x.enter().tid(), o.start(), micros(x.timestamp()), line.toString());
    }

    /** A syscall its thread never returned from: the slice ends when the thread does. */
    private void unreturned(int pid, int tid, long end) {
        Open o = open.remove(tid);
        if (o == null) return;
        StringBuilder line = new StringBuilder(128);
        layout.head(o.entry(), line);
        slice(o.entry().name(), pid, tid, o.start(), micros(end), line.append(") = ?").toString());
    }

    private void slice(String name, int pid, int tid, long start, long end, String call) {
        begin(name, "X", pid, tid, start).name("dur").number(us(Math.max(0, end - start))).member("cat", "syscall")
                .name("args").beginObject().member("call", call).endObject().endObject();
        emit();
    }

    @Override
    public void onSignal(SignalStop s, Value siginfo, Tracee t) {
        begin(s.signal().name(), "i", s.pid(), s.tid(), micros(s.timestamp())).member("s", "t").member("cat", "signal");
        if (siginfo != null) event.name("args").beginObject().member("siginfo", text.render(siginfo)).endObject();
        event.endObject();
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
        String kind = c.kind().name().toLowerCase(Locale.ROOT);
        begin(kind, "s", c.pid(), c.tid(), at).member("cat", "fork").member("id", id).endObject();
        emit();
        name(c.childPid(), c.childTid(), false, HostFacts.of(c.childPid(), c.childTid()));
        begin(kind, "f", c.childPid(), c.childTid(), at).member("bp", "e").member("cat", "fork").member("id", id)
                .endObject();
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
        name(e.pid(), e.tid(), true, t.host());
    }

    private void instant(String name, int pid, int tid, long nanos) {
        begin(name, "i", pid, tid, micros(nanos)).member("s", "t").endObject();
        emit();
    }

    /** Process and thread names, the thread's comm: on first sight, and again after an exec. */
    private void name(int pid, int tid, boolean renew, HostFacts host) {
        if (!named.add(tid) && !renew) return;
        String comm = host.comm();
        if (comm == null) comm = "?";
        metadata("process_name", pid, pid, comm);
        metadata("thread_name", pid, tid, comm + " " + tid);
    }

    private void metadata(String kind, int pid, int tid, String name) {
        event.beginObject().member("name", kind).member("ph", "M").member("pid", pid).member("tid", tid).name("args")
                .beginObject().member("name", name).endObject().endObject();
        emit();
    }

    private JsonWriter begin(String name, String phase, int pid, int tid, long ts) {
        return event.beginObject().member("name", name).member("ph", phase).member("pid", pid).member("tid", tid)
                .name("ts").number(us(ts));
    }

    /** Nanoseconds since the first record: small, exact numbers. */
    private long micros(long nanos) {
        if (origin < 0) origin = nanos;
        return nanos - origin;
    }

    /** The format's unit is the microsecond: {@code 12.345}, to the nanosecond. */
    private static String us(long nanos) {
        String frac = Long.toString(nanos % 1000);
        return nanos / 1000 + "." + "000".substring(frac.length()) + frac;
    }

    private void emit() {
        write(first ? "" : ",\n");
        first = false;
        write(event.out().toString());
        event.clear();
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
