package io.jstrace.view.exec;

import io.jstrace.core.ExecFilename;
import io.jstrace.core.ProcEvent;
import io.jstrace.core.ProcessInfo;
import io.jstrace.syscalls.Signal;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The system source's events into the table: the kernel's process-events connector
 * reports every fork, exec and exit on the machine, with no ptrace at all. An exec's argv,
 * cwd and ids come with it from the audit subsystem when jstrace could claim the audit
 * socket ({@link io.jstrace.core.ProcessEvents}); otherwise they are read from /proc
 * when the event arrives (a process already gone by then is reported with
 * {@code truncated} set). Events the kernel lost are counted by the
 * connector ({@link io.jstrace.view.View#lostEvents()}).
 */
final class SystemExecs {
    private final ProcessTable table;
    private final Consumer<ExecEvent> sink;
    /** Epoch nanoseconds at {@link #baseMonotonic}: the connector's times are CLOCK_MONOTONIC. */
    private final long baseEpoch;
    private final long baseMonotonic;

    SystemExecs(ProcessTable table, Consumer<ExecEvent> sink) {
        this.table = table;
        this.sink = sink;
        Instant now = Instant.now();
        this.baseMonotonic = System.nanoTime();
        this.baseEpoch = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * A short-lived program is gone within a millisecond or two of its exec event: the
     * /proc readers are loaded and run once before the first event, so that the first
     * events do not pay for class loading.
     */
    void warmUp() {
        int self = (int) ProcessHandle.current().pid();
        ProcessInfo.read(self);
        ExecFilename.read(self);
    }

    /** One event of the connector, on the view's system thread. */
    void accept(ProcEvent e) {
        if (e instanceof ProcEvent.Fork f) {
            if (!f.isThread()) table.forked(f.parentTgid(), f.childTgid(), epoch(f.timestampNs()));
        } else if (e instanceof ProcEvent.Exec x) {
            emit(x.audit() != null ? table.exec(x.tgid(), epoch(x.timestampNs()), x.audit())
                    : table.exec(x.tgid(), epoch(x.timestampNs()), (String) null));
        } else if (e instanceof ProcEvent.Exit x) {
            if (x.pid() == x.tgid()) emit(table.exit(x.tgid(), epoch(x.timestampNs()), status(x)));
        }
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
