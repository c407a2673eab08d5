package io.jstrace.core;

import io.jstrace.core.internal.TraceInstance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every TCP state change on the machine that the holder of the socket makes, through the
 * kernel's {@code sock:inet_sock_set_state} trace event (Linux 4.16+,
 * include/trace/events/sock.h) in a tracing instance of jstrace's own: those recorded
 * outside an interrupt, in a system call of the process that holds the socket — its
 * {@code connect} (to {@code SYN_SENT}), {@code listen}, {@code close} or {@code shutdown}
 * (to {@code FIN_WAIT1}, or {@code LAST_ACK} after the peer's FIN, net/ipv4/tcp.c
 * tcp_close_state), or the packets queued while it held the socket's lock, which it
 * processes itself at release_sock (net/core/sock.c __release_sock). So the pid is the
 * holder's, exactly, however short the connection. The changes the network stack makes in
 * a softirq run on whatever task it interrupted, whose pid says nothing: they are left out.
 *
 * <p>A connect's change has no local port yet: tcp_v4_connect sets {@code SYN_SENT} before
 * inet_hash_connect picks one (net/ipv4/tcp_ipv4.c); the holder's next change has it.
 */
public final class TcpStates extends TraceEvents<TcpStates.Event> {
    /** include/net/tcp_states.h. */
    public static final int SYN_SENT = 2, LISTEN = 10;
    /** TCP's alone (the event is MPTCP's and SCTP's too). */
    private static final String FILTER = "protocol == 6";

    /** What the source reports: the changes, and the marks asked for. */
    public sealed interface Event permits Change, TraceMark {}

    /**
     * One change, made by the holder of the socket (in its own system call).
     *
     * @param epochNs  when, nanoseconds since the epoch
     * @param pid      the holder (its thread group)
     * @param tid      its thread that made the call
     * @param comm     its process's name (its first thread's, while it runs: {@code dig}, not
     *                 the thread's {@code isc-net-0000})
     * @param local    the socket's own address ({@code 0.0.0.0:0} at a connect that has none yet)
     * @param remote   its peer's
     * @param oldState the state before (include/net/tcp_states.h)
     * @param newState the state after
     */
    public record Change(long epochNs, int pid, int tid, String comm, OpenFile.Address local, OpenFile.Address remote,
            int oldState, int newState) implements Event {
        /** A connect: the socket's first change, on the side that opens the connection. */
        public boolean connect() {
            return newState == SYN_SENT;
        }
    }

    private TcpStates(TraceInstance instance) {
        super(instance);
    }

    /**
     * Starts recording: changes are read from the moment this returns.
     *
     * @throws TraceException when tracefs is not there, or the kernel lacks the event
     */
    public static TcpStates open() throws TraceException {
        return new TcpStates(record("tcp", FILTER, "sock:inet_sock_set_state"));
    }

    /**
     * {@link #open()}, or {@code null} when the kernel or tracefs does not have the event:
     * for a view that names connections by other means too.
     */
    public static TcpStates openIfAble() {
        try {
            return open();
        } catch (TraceException | RuntimeException e) {
            return null;
        }
    }

    /** For tests: a line of trace_pipe as an event, {@code null} when it is neither a change nor a mark. */
    static Event parse(String line) {
        return new TcpStates(TraceInstance.parser()).parseLine(line);
    }

    @Override
    Event event(TraceInstance.Line l) {
        TraceMark mark = mark(l);
        return mark != null ? mark : change(l);
    }

    private static final Pattern FIELDS = Pattern.compile("family=(AF_INET6?) protocol=IPPROTO_TCP sport=(\\d+) dport=(\\d+) "
            + "saddr=(\\S+) daddr=(\\S+) saddrv6=(\\S+) daddrv6=(\\S+) oldstate=TCP_(\\w+) newstate=TCP_(\\w+)");
    /** include/net/tcp_states.h, by the names the event prints without their TCP_. */
    private static final Map<String, Integer> STATES = Map.ofEntries(Map.entry("ESTABLISHED", 1),
            Map.entry("SYN_SENT", 2), Map.entry("SYN_RECV", 3), Map.entry("FIN_WAIT1", 4), Map.entry("FIN_WAIT2", 5),
            Map.entry("TIME_WAIT", 6), Map.entry("CLOSE", 7), Map.entry("CLOSE_WAIT", 8), Map.entry("LAST_ACK", 9),
            Map.entry("LISTEN", 10), Map.entry("CLOSING", 11), Map.entry("NEW_SYN_RECV", 12));

    /**
     * The event's text: {@code family=AF_INET protocol=IPPROTO_TCP sport=N dport=N saddr=A
     * daddr=A saddrv6=A6 daddrv6=A6 oldstate=TCP_X newstate=TCP_Y}, where an AF_INET6 socket's
     * addresses are its v6 ones (a v4 socket's v6 fields are its v4 addresses mapped).
     */
    private static Change change(TraceInstance.Line l) {
        if (!l.event().equals("inet_sock_set_state") || l.pid() < 0 || l.inInterrupt()) return null;
        Matcher m = FIELDS.matcher(l.text());
        if (!m.lookingAt()) return null;
        boolean v6 = m.group(1).equals("AF_INET6");
        byte[] local = address(m.group(v6 ? 6 : 4)), remote = address(m.group(v6 ? 7 : 5));
        Integer from = STATES.get(m.group(8)), to = STATES.get(m.group(9));
        if (local == null || remote == null || from == null || to == null) return null;
        return new Change(l.epochNs(), l.pid(), l.tid(), l.process(), new OpenFile.Address(local, Integer.parseInt(m.group(2))),
                new OpenFile.Address(remote, Integer.parseInt(m.group(3))), from, to);
    }

    /** What the event prints for an address: digits, dots and colons only (a name would be looked up). */
    private static final Pattern NUMERIC = Pattern.compile("[0-9a-fA-F:.]+");

    /** A numeric address's bytes as the kernel holds them (4 for v4, 16 for v6); no name is ever looked up. */
    static byte[] address(String literal) {
        if (!NUMERIC.matcher(literal).matches()) return null;
        try {
            byte[] b = InetAddress.getByName(literal).getAddress();
            // ::ffff:a.b.c.d comes back as a v4 address: the v6 socket's own 16 bytes, as sock_diag gives them
            if (b.length == 4 && literal.contains(":")) {
                byte[] mapped = new byte[16];
                mapped[10] = mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
