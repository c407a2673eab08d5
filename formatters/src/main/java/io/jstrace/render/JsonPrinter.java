package io.jstrace.render;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.NewChild;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceRecord;
import io.jstrace.core.Tracee;
import io.jstrace.decode.DecodedListener;
import io.jstrace.decode.DecodedSyscall;
import io.jstrace.decode.DecodedSyscall.Arg;
import io.jstrace.decode.DecodedSyscall.Buffer;
import io.jstrace.decode.DecodedSyscall.Bytes;
import io.jstrace.decode.DecodedSyscall.Dump;
import io.jstrace.decode.DecodedSyscall.Message;
import io.jstrace.decode.Value;
import io.jstrace.filter.Status;
import io.jstrace.syscalls.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * JSON Lines (docs/jstrace.schema.json): one object per record, laid out from the same
 * {@link DecodedSyscall} as the strace text, and holding all of it, so that the text line
 * can be rebuilt from the object. A syscall is one object, written when it returns (or
 * when its thread dies or is detached in it); {@code interrupted} says other records came
 * between its entry and its exit (strace's {@code <unfinished ...>}).
 */
public final class JsonPrinter implements DecodedListener {
    /** A syscall between its two stops. */
    private record Pending(long id, DecodedSyscall entry) {}

    private final Writer out;
    private final Predicate<Signal> signals;
    private final Set<Status> statuses;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final JsonWriter json = new JsonWriter(new StringBuilder(512));
    private long nextId = 1;
    private long lastRecord;

    /**
     * @param signals  which signal-delivery-stops are written ({@code -e signal=})
     * @param statuses which outcomes of a syscall are written ({@code -e status=}), or {@code null} for all
     */
    public JsonPrinter(Writer out, Predicate<Signal> signals, Set<Status> statuses) {
        this.out = out;
        this.signals = signals;
        this.statuses = statuses;
    }

    @Override
    public void onEntry(DecodedSyscall entry, Tracee t) {
        Pending p = new Pending(nextId++, entry);
        pending.put(entry.enter().tid(), p);
        lastRecord = p.id();
    }

    @Override
    public void onReturn(DecodedSyscall call, Tracee t) {
        Pending p = pending.remove(call.exit().tid());
        if (p != null) syscall(p.id(), call);
    }

    private void syscall(long id, DecodedSyscall c) {
        if (statuses != null && !statuses.contains(Status.of(c))) return;
        SyscallEnter e = c.enter();
        SyscallExit x = c.exit();
        boolean interrupted = lastRecord != id;
        // the thread as it returns: an execve from a non-leader thread returns as the leader
        begin("syscall", x != null ? x.pid() : e.pid(), x != null ? x.tid() : e.tid(), e.timestamp());
        json.member("id", id).member("nr", e.number()).member("name", e.name());
        args(c);
        if (c.resumes() != null) json.member("resumes", c.resumes());
        value("frame", c.frame());
        value("written_back", c.writeBack());
        json.member("returned", x != null);
        if (x != null) result(c, x);
        json.member("interrupted", interrupted);
        if (!c.dumps().isEmpty()) dumps(c);
        if (!c.stack().frames().isEmpty()) stack(c.stack(), c.stackAtEntry());
        json.endObject();
        emit();
    }

    /**
     * The arguments by name, and how many strace prints at entry; clone's print as
     * {@code name=value}, which {@code named_args} says.
     */
    private void args(DecodedSyscall c) {
        json.name("args").beginObject();
        boolean named = false;
        for (Arg a : c.args()) {
            json.name(a.name());
            Value v = a.value();
            if (v instanceof Value.Named n) {
                named = true;
                v = n.value();
            }
            JsonValues.write(v, json);
        }
        json.endObject().member("entry_args", c.entryArgs());
        if (named) json.member("named_args", true);
    }

    /** The raw return value; the decoded one when it prints otherwise than as that decimal. */
    private void result(DecodedSyscall c, SyscallExit x) {
        json.member("ret", x.returnValue());
        Value r = c.result();
        if (r != null && !(r instanceof Value.Num n && n.base() == Value.Base.SIGNED && n.value() == x.returnValue())) {
            value("ret_decoded", r);
        }
        if (x.failed()) json.member("errno", x.errno().name());
        json.member("duration_ns", x.duration());
        if (x.systemTime() >= 0) json.member("system_time_ns", x.systemTime());
        if (!x.tampered().isEmpty()) {
            json.name("tampered").beginArray();
            for (SyscallExit.Tampered t : SyscallExit.Tampered.values()) {
                if (x.tampered().contains(t)) json.value(t.name().toLowerCase(java.util.Locale.ROOT));
            }
            json.endArray();
        }
    }

    private void value(String name, Value v) {
        if (v == null) return;
        json.name(name);
        JsonValues.write(v, json);
    }

    /** {@code -k}: the frames, innermost first; a frame outside every mapped file has no {@code file}. */
    private void stack(io.jstrace.core.StackTrace stack, boolean atEntry) {
        json.name("stack").beginArray();
        for (io.jstrace.core.StackTrace.Frame f : stack.frames()) {
            json.beginObject().member("pc", f.pc());
            if (f.file() != null) json.member("file", f.file()).member("file_offset", f.fileOffset());
            if (f.symbol() != null) json.member("symbol", f.symbol()).member("symbol_offset", f.symbolOffset());
            json.endObject();
        }
        json.endArray();
        if (stack.truncated()) json.member("stack_truncated", true);
        if (atEntry) json.member("stack_at_entry", true);
    }

    /** {@code -e read=}/{@code -e write=}: the data the call moved. */
    private void dumps(DecodedSyscall c) {
        json.name("dumps").beginArray();
        for (Dump d : c.dumps()) {
            json.beginObject();
            if (d instanceof Message m) json.member("vector", m.index()).name("buffers").unsigned(m.buffers());
            else if (d instanceof Buffer b) json.member("buffer", b.index()).name("length").unsigned(b.length());
            else if (d instanceof Bytes b) json.member("offset", b.offset()).name("bytes").value(b.data());
            else if (d instanceof io.jstrace.decode.DecodedSyscall.Unfetched u) {
                json.name("unfetched").unsigned(u.size()).name("address").unsigned(u.address());
            }
            json.endObject();
        }
        json.endArray();
    }

    @Override
    public void onSignal(SignalStop s, Value siginfo, Tracee t) {
        if (!signals.test(s.signal())) return;
        begin(s.groupStop() ? "stop" : "signal", s).member("signal", s.signal().name());
        value("siginfo", siginfo);
        json.endObject();
        emit();
    }

    @Override
    public void onExit(Exit x, Tracee t) {
        unreturned(x.tid());
        begin("exit", x).member("status", x.status()).endObject();
        emit();
    }

    @Override
    public void onSignalExit(SignalExit x, Tracee t) {
        unreturned(x.tid());
        begin("killed", x).member("signal", x.signal().name()).member("core_dumped", x.coreDumped()).endObject();
        emit();
    }

    @Override
    public void onNewChild(NewChild c, Tracee t) {
        begin("child", c).member("child_pid", c.childPid()).member("child_tid", c.childTid())
                .member("kind", c.kind().name().toLowerCase(Locale.ROOT)).endObject();
        emit();
    }

    @Override
    public void onExec(Exec e, Tracee t) {
        if (e.formerTid() != e.tid()) {
            unreturned(e.tid());
            Pending p = pending.remove(e.formerTid());
            if (p != null) pending.put(e.tid(), p);
        }
        begin("exec", e).member("former_tid", e.formerTid()).endObject();
        emit();
    }

    @Override
    public void onDetach(int pid, int tid, SyscallEnter inSyscall) {
        unreturned(tid);
        json.beginObject().member("type", "detach").member("pid", pid).member("tid", tid).endObject();
        emit();
    }

    /** A syscall its thread never returned from (exit_group, a thread killed in it). */
    private void unreturned(int tid) {
        Pending p = pending.remove(tid);
        if (p != null) syscall(p.id(), p.entry());
    }

    private JsonWriter begin(String type, TraceRecord r) {
        return begin(type, r.pid(), r.tid(), r.timestamp());
    }

    private JsonWriter begin(String type, int pid, int tid, long timestamp) {
        lastRecord = -1;
        return json.beginObject().member("type", type).member("pid", pid).member("tid", tid).member("ts", timestamp);
    }

    private void emit() {
        try {
            out.append(json.out().append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.clear();
    }

    /** Flushes what has been written. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
