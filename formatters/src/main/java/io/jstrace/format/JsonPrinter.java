package io.jstrace.format;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.NewChild;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceRecord;
import io.jstrace.core.Tracee;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * JSON Lines (docs/jstrace.schema.json): one object per record, decoded from the same
 * value trees as the strace text. A syscall is one object, written when it returns (or
 * when its thread dies or is detached in it); its arguments are decoded at the stop
 * where their memory is valid, and {@code interrupted} says other records came between
 * its entry and its exit (strace's {@code <unfinished ...>}).
 */
public final class JsonPrinter implements TraceListener {
    /** A syscall between its two stops. */
    private record Pending(long id, SyscallEnter enter, List<String> names, List<Value> entryValues, int visible,
            io.jstrace.core.TraceeMemory atEntry) {}

    private final Writer out;
    private final DecodeOptions decode;
    private final Predicate<io.jstrace.syscalls.Signal> signals;
    private final java.util.Set<TextPrinter.Status> statuses;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final StringBuilder line = new StringBuilder(512);
    private long nextId = 1;
    private long lastRecord;

    /**
     * @param statuses which outcomes of a syscall are written ({@code -e status=}), or {@code null} for all
     */
    public JsonPrinter(Writer out, DecodeOptions decode, Predicate<io.jstrace.syscalls.Signal> signals,
            java.util.Set<TextPrinter.Status> statuses) {
        this.out = out;
        this.decode = decode;
        this.signals = signals;
        this.statuses = statuses;
    }

    @Override
    public void onSyscallEnter(SyscallEnter e, Tracee t) {
        Call call = new Call(e, null, t.memory(), t.arch(), decode.forSyscall(e.syscall()));
        int visible = Formatters.visibleArgs(call);
        int split = Formatters.entryArgs(call, visible);
        List<String> names = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < split; i++) add(call, i, names, values);
        pending.put(e.tid(), new Pending(nextId++, e, names, values, visible, EntryMemory.capture(call)));
        lastRecord = pending.get(e.tid()).id();
    }

    @Override
    public void onSyscallExit(SyscallExit x, Tracee t) {
        Pending p = pending.remove(x.tid());
        if (p == null) return;
        Call call = new Call(x.enter(), x, t.memory(), t.arch(), decode.forSyscall(x.enter().syscall()),
                p.atEntry());
        int visible = Formatters.separatorAtExit(call) ? Formatters.visibleArgs(call) : p.visible();
        for (int i = p.names().size(); i < visible; i++) add(call, i, p.names(), p.entryValues());
        Value decoded = x.failed() ? null : Formatters.returnValue(call);
        syscall(p, x, decoded instanceof Value.Noted ? decoded : null);
    }

    private static void add(Call call, int i, List<String> names, List<Value> values) {
        Value v = Formatters.format(call, i);
        if (v instanceof Value.Named n) {
            names.add(n.name());
            values.add(n.value());
        } else {
            var args = call.enter().syscall().args();
            names.add(i < args.size() ? args.get(i).name() : "arg" + i);
            values.add(v);
        }
    }

    /** @param decoded what strace adds to the return value ({@code 0x1 (flags FD_CLOEXEC)}), or {@code null} */
    private void syscall(Pending p, SyscallExit x, Value decoded) {
        SyscallEnter e = p.enter();
        TextPrinter.Status outcome = x == null ? TextPrinter.Status.UNFINISHED
                : x.failed() ? TextPrinter.Status.FAILED : TextPrinter.Status.SUCCESSFUL;
        if (statuses != null && !statuses.contains(outcome)) return;
        boolean interrupted = lastRecord != p.id();
        // the thread as it returns: an execve from a non-leader thread returns as the leader
        begin("syscall", x != null ? x.pid() : e.pid(), x != null ? x.tid() : e.tid(), e.timestamp()).append(",\"id\":").append(p.id()).append(",\"nr\":").append(e.number())
                .append(",\"name\":\"").append(e.name()).append("\",\"args\":{");
        for (int i = 0; i < p.names().size(); i++) {
            if (i > 0) line.append(',');
            Json.key(p.names().get(i), line);
            Json.value(p.entryValues().get(i), line);
        }
        line.append('}');
        if (x == null) {
            line.append(",\"returned\":false");
        } else {
            line.append(",\"returned\":true,\"ret\":").append(x.returnValue());
            if (decoded != null) {
                line.append(",\"ret_decoded\":");
                Json.value(decoded, line);
            }
            if (x.failed()) {
                line.append(",\"errno\":\"").append(x.errno().name()).append('"');
            }
            line.append(",\"duration_ns\":").append(x.duration());
            if (x.systemTime() >= 0) line.append(",\"system_time_ns\":").append(x.systemTime());
        }
        line.append(",\"interrupted\":").append(interrupted).append('}');
        emit();
    }

    @Override
    public void onSignal(SignalStop s, Tracee t) {
        if (!signals.test(s.signal())) return;
        begin(s.groupStop() ? "stop" : "signal", s).append(",\"signal\":\"").append(s.signal().name()).append('"');
        if (s.info() != null) {
            line.append(",\"siginfo\":");
            Json.value(Signals.siginfo(s.info()), line);
        }
        line.append('}');
        emit();
    }

    @Override
    public void onExit(Exit x, Tracee t) {
        unreturned(x.tid());
        begin("exit", x).append(",\"status\":").append(x.status()).append('}');
        emit();
    }

    @Override
    public void onSignalExit(SignalExit x, Tracee t) {
        unreturned(x.tid());
        begin("killed", x).append(",\"signal\":\"").append(x.signal().name()).append("\",\"core_dumped\":")
                .append(x.coreDumped()).append('}');
        emit();
    }

    @Override
    public void onNewChild(NewChild c, Tracee t) {
        begin("child", c).append(",\"child_pid\":").append(c.childPid()).append(",\"child_tid\":")
                .append(c.childTid()).append(",\"kind\":\"").append(c.kind().name().toLowerCase(Locale.ROOT))
                .append("\"}");
        emit();
    }

    @Override
    public void onExec(Exec e, Tracee t) {
        if (e.formerTid() != e.tid()) {
            unreturned(e.tid());
            Pending p = pending.remove(e.formerTid());
            if (p != null) pending.put(e.tid(), p);
        }
        begin("exec", e).append(",\"former_tid\":").append(e.formerTid()).append('}');
        emit();
    }

    @Override
    public void onDetach(int pid, int tid, SyscallEnter inSyscall) {
        unreturned(tid);
        line.append("{\"type\":\"detach\",\"pid\":").append(pid).append(",\"tid\":").append(tid).append('}');
        emit();
    }

    /** A syscall its thread never returned from (exit_group, a thread killed in it). */
    private void unreturned(int tid) {
        Pending p = pending.remove(tid);
        if (p != null) syscall(p, null, null);
    }

    private StringBuilder begin(String type, TraceRecord r) {
        return begin(type, r.pid(), r.tid(), r.timestamp());
    }

    private StringBuilder begin(String type, int pid, int tid, long timestamp) {
        lastRecord = -1;
        return line.append("{\"type\":\"").append(type).append("\",\"pid\":").append(pid).append(",\"tid\":")
                .append(tid).append(",\"ts\":").append(timestamp);
    }

    private void emit() {
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line.setLength(0);
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
