package io.jstrace.view.exec;

import io.jstrace.core.ProcConnector;
import io.jstrace.core.ProcEvent;
import io.jstrace.core.ProcessInfo;
import io.jstrace.core.TraceException;
import io.jstrace.syscalls.Signal;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The system backend: the kernel's process-events connector reports every fork, exec
 * and exit on the machine, with no ptrace at all; argv, cwd and ids are read from /proc
 * when the exec event arrives (a process already gone by then is reported with
 * {@code truncated} set).
 */
final class SystemExecs {
    private final ProcConnector connector;
    private final ProcessTable table;
    private final Consumer<ExecEvent> sink;
    /** Epoch nanoseconds at {@link #baseMonotonic}: the connector's times are CLOCK_MONOTONIC. */
    private final long baseEpoch;
    private final long baseMonotonic;
    private long lost;

    SystemExecs(ProcConnector connector, ProcessTable table, Consumer<ExecEvent> sink) {
        this.connector = connector;
        this.table = table;
        this.sink = sink;
        Instant now = Instant.now();
        this.baseMonotonic = System.nanoTime();
        this.baseEpoch = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Reads events until the connector is closed. A short-lived program is gone within a
     * millisecond or two of its exec event: the /proc readers are loaded and run once
     * first, so that the first events do not pay for class loading.
     */
    void run() throws TraceException {
        int self = (int) ProcessHandle.current().pid();
        ProcessInfo.read(self);
        ExecFilename.read(self);
        for (ProcEvent e; (e = connector.next()) != null; ) {
            if (e instanceof ProcEvent.Fork f) {
                if (!f.isThread()) table.forked(f.parentTgid(), f.childTgid(), epoch(f.timestampNs()));
            } else if (e instanceof ProcEvent.Exec x) {
                emit(table.exec(x.tgid(), epoch(x.timestampNs()), null));
            } else if (e instanceof ProcEvent.Exit x) {
                if (x.pid() == x.tgid()) emit(table.exit(x.tgid(), epoch(x.timestampNs()), status(x)));
            } else if (e instanceof ProcEvent.Lost l) {
                lost += l.count();
            }
        }
    }

    /** Events the kernel dropped because this reader fell behind. */
    long lost() {
        return lost;
    }

    private void emit(ExecEvent e) {
        if (e != null) sink.accept(e);
    }

    private static ExecEvent.ExitStatus status(ProcEvent.Exit x) {
        return x.exited() ? new ExecEvent.ExitStatus(x.status(), null, false)
                : new ExecEvent.ExitStatus(-1, Signal.of(x.signal()), x.coreDumped());
    }

    private long epoch(long monotonic) {
        return baseEpoch + (monotonic - baseMonotonic);
    }
}
