package io.jstrace.view.tls;

import io.jstrace.core.Breakpoint;
import io.jstrace.core.BreakpointHit;
import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import io.jstrace.core.Tracee;
import io.jstrace.view.tls.PlaintextEvent.Direction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Captures the plaintext of TLS calls ({@link TlsFunction}) through breakpoints: writes
 * read at the call's entry, reads at its return, at most {@code cap} bytes per call. Each
 * call is linked to its socket by the transfer syscall its own thread makes inside the
 * call (no library structure is read, so no offsets that change between versions); a call
 * that made none (a read served from a record already received) takes the socket last
 * seen for the same session pointer (the call's first argument). Calls nested inside a
 * captured call (a library's SSL_read calling its own SSL_read_ex) are not captured twice.
 *
 * <pre>{@code
 * PlaintextCapture capture = new PlaintextCapture(4096, event -> ...);
 * TraceSession session = TraceSession.launch(argv, capture.traceOptions(TraceOptions.defaults()));
 * capture.install(session);
 * session.start();
 * }</pre>
 */
public final class PlaintextCapture implements TraceListener {
    /** The syscalls that carry a call's records: the first one inside a call names its socket. */
    public static final Set<String> SYSCALLS =
            Set.of("write", "writev", "sendto", "sendmsg", "read", "readv", "recvfrom", "recvmsg");

    private final int cap;
    private final Consumer<PlaintextEvent> sink;
    /** The call in flight per thread (tid). */
    private final Map<Integer, Call> calls = new HashMap<>();
    /** The socket last seen per session: "pid session-pointer" to fd. */
    private final Map<String, Integer> sessions = new HashMap<>();

    /** A call in flight: its entry, the bytes a write gave, the fd once seen. */
    private static final class Call {
        final BreakpointHit entry;
        final TlsFunction function;
        final byte[] written;
        int fd = -1;

        Call(BreakpointHit entry, TlsFunction function, byte[] written) {
            this.entry = entry;
            this.function = function;
            this.written = written;
        }
    }

    /**
     * @param cap  the most bytes kept per call (the event's length is the call's whole count)
     * @param sink receives each call's event, on the tracer thread
     */
    public PlaintextCapture(int cap, Consumer<PlaintextEvent> sink) {
        if (cap < 0) throw new IllegalArgumentException("cap " + cap);
        this.cap = cap;
        this.sink = sink;
    }

    /** The breakpoints: every {@link TlsFunction}, with returns, in every mapped file. */
    public static List<Breakpoint> breakpoints() {
        return breakpoints(null);
    }

    /**
     * The breakpoints: every {@link TlsFunction}, with returns, in the mapped files whose
     * path {@code library} (a regular expression) finds, or in every one when it is null.
     */
    public static List<Breakpoint> breakpoints(String library) {
        return Arrays.stream(TlsFunction.values()).map(f -> Breakpoint.symbol(library, f.name()).withReturns())
                .toList();
    }

    /** {@code base} with the transfer syscalls stopping too (with a seccomp filter, only they stop). */
    public TraceOptions traceOptions(TraceOptions base) {
        return traceOptionsFor(base);
    }

    /** {@code base} with the transfer syscalls this capture needs stopping too. */
    public static TraceOptions traceOptionsFor(TraceOptions base) {
        var selected = base.syscalls();
        return base.withSyscalls(s -> selected.test(s) || SYSCALLS.contains(s.name()));
    }

    /** Adds the breakpoints and this listener to {@code session}, which has not started. */
    public void install(TraceSession session) {
        install(session, null);
    }

    /** Adds the breakpoints in the libraries {@code library} finds (all when null) and this listener. */
    public void install(TraceSession session, String library) {
        breakpoints(library).forEach(session::addBreakpoint);
        session.addListener(this);
    }

    @Override
    public void onBreakpoint(BreakpointHit hit, Tracee tracee) {
        TlsFunction f = TlsFunction.of(hit.breakpoint().symbol());
        if (f == null) return;
        if (hit.kind() == BreakpointHit.Kind.ENTRY) entered(hit, f, tracee);
        else returned(hit, tracee);
    }

    private void entered(BreakpointHit hit, TlsFunction f, Tracee tracee) {
        Call c = calls.get(hit.tid());
        // a call in flight whose frame is above this one's is nested; one below it was left
        // by longjmp (its return never comes) and is forgotten
        if (c != null && Long.compareUnsigned(hit.registers().stackPointer(), c.entry.registers().stackPointer()) < 0) {
            return;
        }
        byte[] written = null;
        if (f.direction == Direction.WRITE) {
            long num = f.result == TlsFunction.Result.INT ? (int) hit.registers().arg(2) : hit.registers().arg(2);
            written = read(tracee, hit.registers().arg(1), (int) Math.min(Math.max(num, 0), cap));
        }
        calls.put(hit.tid(), new Call(hit, f, written));
    }

    private void returned(BreakpointHit hit, Tracee tracee) {
        Call c = calls.get(hit.tid());
        if (c == null) return;
        if (c.entry != hit.entry()) return; // a nested call's
        calls.remove(hit.tid());
        String session = hit.pid() + " " + Long.toHexString(c.entry.registers().arg(0));
        if (c.fd >= 0) sessions.put(session, c.fd);
        long count = count(c, hit, tracee);
        if (count <= 0) return;
        int fd = c.fd >= 0 ? c.fd : sessions.getOrDefault(session, -1);
        int kept = (int) Math.min(count, cap);
        byte[] data = c.function.direction == Direction.WRITE ? Arrays.copyOf(c.written, Math.min(kept, c.written.length))
                : read(tracee, c.entry.registers().arg(1), kept);
        sink.accept(new PlaintextEvent(c.entry.time(), hit.pid(), hit.tid(), fd, c.function.name(),
                c.function.direction, count, data));
    }

    /** How many bytes the call moved, from its result; 0 when it failed. */
    private static long count(Call c, BreakpointHit ret, Tracee tracee) {
        long rax = ret.registers().returnValue();
        return switch (c.function.result) {
            case INT -> Math.max((int) rax, 0);
            case SSIZE -> Math.max(rax, 0);
            case EX -> (int) rax != 1 ? 0 : sizeAt(tracee, c.entry.registers().arg(3));
        };
    }

    private static long sizeAt(Tracee tracee, long pointer) {
        byte[] b = pointer == 0 ? null : tracee.memory().read(pointer, 8);
        return b == null ? 0 : ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The first transfer syscall a thread makes inside a call names the call's socket. */
    @Override
    public void onSyscallEnter(SyscallEnter enter, Tracee tracee) {
        Call c = calls.get(enter.tid());
        if (c != null && c.fd < 0 && SYSCALLS.contains(enter.name())) c.fd = (int) enter.args().a0();
    }

    @Override
    public void onExit(Exit exit, Tracee tracee) {
        calls.remove(exit.tid());
    }

    @Override
    public void onSignalExit(SignalExit exit, Tracee tracee) {
        calls.remove(exit.tid());
    }

    @Override
    public void onExec(Exec exec, Tracee tracee) {
        calls.keySet().removeIf(tid -> tid == exec.tid() || tid == exec.formerTid());
        sessions.keySet().removeIf(k -> k.startsWith(exec.pid() + " "));
    }

    private static byte[] read(Tracee tracee, long address, int length) {
        if (length <= 0) return new byte[0];
        byte[] b = new byte[length];
        int n = tracee.memory().read(address, b, 0, length);
        return n == length ? b : Arrays.copyOf(b, Math.max(n, 0));
    }

}
