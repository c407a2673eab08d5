package io.jstrace.core.internal;

import io.jstrace.core.BreakpointHit;
import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.IoBlindSpot;
import io.jstrace.core.NewChild;
import io.jstrace.core.Payload;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceRecord;
import io.jstrace.core.Tracee;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Hands records to listeners. A listener's {@code Exception} goes to the error handler
 * and the others still get the record; an {@code Error} propagates and ends the session.
 */
public final class Dispatcher {
    private final List<TraceListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<Throwable> onError = e -> e.printStackTrace();

    public void add(TraceListener l) {
        listeners.add(l);
    }

    public void onError(Consumer<Throwable> handler) {
        onError = handler;
    }

    /** A problem that does not end the session (a process that could not be attached). */
    void error(Throwable e) {
        onError.accept(e);
    }

    void record(TraceRecord r, Tracee t) {
        for (TraceListener l : listeners) {
            try {
                deliver(l, r, t);
            } catch (Exception e) {
                onError.accept(e);
            }
        }
    }

    private static void deliver(TraceListener l, TraceRecord r, Tracee t) {
        if (r instanceof SyscallEnter e) l.onSyscallEnter(e, t);
        else if (r instanceof SyscallExit x) l.onSyscallExit(x, t);
        else if (r instanceof SignalStop s) l.onSignal(s, t);
        else if (r instanceof Exit x) l.onExit(x, t);
        else if (r instanceof SignalExit x) l.onSignalExit(x, t);
        else if (r instanceof NewChild c) l.onNewChild(c, t);
        else if (r instanceof Exec x) l.onExec(x, t);
        else if (r instanceof Payload p) l.onPayload(p, t);
        else if (r instanceof IoBlindSpot b) l.onBlindSpot(b, t);
        else if (r instanceof BreakpointHit h) l.onBreakpoint(h, t);
    }

    void attached(int pid, List<Integer> tids) {
        each(l -> l.onAttach(pid, tids));
    }

    void unknownDetached(int pid) {
        each(l -> l.onUnknownDetached(pid));
    }

    void unknownExit(int pid) {
        each(l -> l.onUnknownExit(pid));
    }

    void detached(int pid, int tid, SyscallEnter inSyscall) {
        each(l -> l.onDetach(pid, tid, inSyscall));
    }

    /** {@code call} on every listener; what one throws is reported and the others still hear. */
    private void each(Consumer<TraceListener> call) {
        for (TraceListener l : listeners) {
            try {
                call.accept(l);
            } catch (Exception e) {
                onError.accept(e);
            }
        }
    }
}
