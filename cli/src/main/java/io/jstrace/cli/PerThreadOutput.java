package io.jstrace.cli;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.Tracee;
import io.jstrace.decode.DecodedListener;
import io.jstrace.decode.DecodedSyscall;
import io.jstrace.decode.Value;
import io.jstrace.render.TextPrinter;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * strace's {@code -ff -o FILE}: each thread's trace in its own file, {@code FILE.TID},
 * without pid prefixes; a file is closed when its thread is gone.
 */
final class PerThreadOutput implements DecodedListener {
    private final String base;
    private final boolean append;
    private final TextPrinter.Options options;
    private final Map<Integer, TextPrinter> printers = new HashMap<>();
    private final Map<Integer, Writer> writers = new HashMap<>();

    PerThreadOutput(String base, boolean append, TextPrinter.Options options) {
        this.base = base;
        this.append = append;
        this.options = options;
    }

    private TextPrinter printer(int tid) {
        return printers.computeIfAbsent(tid, t -> {
            try {
                Writer w = new ReportingWriter(base + "." + t, new BufferedWriter(new OutputStreamWriter(
                        new FileOutputStream(base + "." + t, append), StandardCharsets.ISO_8859_1), 1 << 14), System.err);
                writers.put(t, w);
                return new TextPrinter(w, options, 1);
            } catch (IOException e) {
                throw new UncheckedIOException("Can't fopen '" + base + "." + t + "'", e);
            }
        });
    }

    @Override
    public void onEntry(DecodedSyscall entry, Tracee t) {
        printer(entry.enter().tid()).onEntry(entry, t);
    }

    @Override
    public void onReturn(DecodedSyscall call, Tracee t) {
        printer(call.exit().tid()).onReturn(call, t);
    }

    @Override
    public void onSignal(SignalStop s, Value siginfo, Tracee t) {
        printer(s.tid()).onSignal(s, siginfo, t);
    }

    @Override
    public void onExit(Exit x, Tracee t) {
        printer(x.tid()).onExit(x, t);
        close(x.tid());
    }

    @Override
    public void onSignalExit(SignalExit x, Tracee t) {
        printer(x.tid()).onSignalExit(x, t);
        close(x.tid());
    }

    @Override
    public void onExec(Exec e, Tracee t) {
        printer(e.tid()).onExec(e, t);
    }

    @Override
    public void onAttach(int pid, List<Integer> tids) {
        // each file has one thread: no prefixes to count
    }

    @Override
    public void onDetach(int pid, int tid, SyscallEnter inSyscall) {
        TextPrinter p = printers.get(tid);
        if (p != null) p.onDetach(pid, tid, inSyscall);
        close(tid);
    }

    private void close(int tid) {
        TextPrinter p = printers.remove(tid);
        Writer w = writers.remove(tid);
        if (p == null) return;
        p.flush();
        try {
            w.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes and closes every file still open. */
    void closeAll() {
        for (Integer tid : List.copyOf(printers.keySet())) close(tid);
    }
}
