package io.jstrace.core;

import io.jstrace.core.internal.TraceInstance;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who sends UDP datagrams to whom on the machine, however short-lived the socket: the route
 * lookups for UDP made in a process's own system call, through the kernel's
 * {@code fib:fib_table_lookup} and {@code fib6:fib6_table_lookup} trace events
 * (include/trace/events/fib.h, fib6.h) in a tracing instance of jstrace's own. A datagram
 * sent with an address on an unconnected socket has its route looked up at every call
 * (net/ipv4/udp.c udp_sendmsg, ip_route_output_flow; net/ipv6/udp.c udpv6_sendmsg,
 * ip6_dst_lookup_flow), a connect once (net/ipv4/datagram.c __ip4_datagram_connect,
 * net/ipv6/datagram.c ip6_datagram_dst_update) after the socket has its port; a connected
 * socket's sends use the route its connect cached. Each lookup carries the caller's pid, the
 * socket's local port and the destination. Those made in a softirq (a reply's input route on
 * loopback, an ICMP error) run on whatever task was interrupted, whose pid says nothing: they
 * are left out, as {@link TcpStates} leaves out its changes there.
 */
public final class UdpRoutes extends TraceEvents<UdpRoutes.Event> {
    /** UDP's alone (the events fire for every route lookup: TCP's, ICMP's, forwarded packets'). */
    private static final String FILTER = "proto == 17";

    /** What the source reports: the lookups, and the marks asked for. */
    public sealed interface Event permits Lookup, TraceMark {}

    /**
     * A route looked up for a datagram or a connect, in the sender's own system call.
     *
     * @param epochNs when, nanoseconds since the epoch
     * @param pid     the sender (its thread group)
     * @param tid     its thread that made the call
     * @param comm    its process's name (its first thread's, while it runs)
     * @param local   the socket's address and port (the address unspecified, all zeros, until
     *                the socket is bound to one: the kernel picks the source after the lookup)
     * @param remote  the destination
     */
    public record Lookup(long epochNs, int pid, int tid, String comm, OpenFile.Address local, OpenFile.Address remote)
            implements Event {}

    private UdpRoutes(TraceInstance instance) {
        super(instance);
    }

    /**
     * Starts recording: lookups are read from the moment this returns.
     *
     * @throws TraceException when tracefs is not there, or the kernel lacks the events
     */
    public static UdpRoutes open() throws TraceException {
        return new UdpRoutes(record("udp", FILTER, "fib:fib_table_lookup", "fib6:fib6_table_lookup"));
    }

    /** {@link #open()}, or {@code null} when the kernel or tracefs does not have the events. */
    public static UdpRoutes openIfAble() {
        try {
            return open();
        } catch (TraceException | RuntimeException e) {
            return null;
        }
    }

    /** For tests: a line of trace_pipe as an event, {@code null} when it is neither a lookup nor a mark. */
    static Event parse(String line) {
        return new UdpRoutes(TraceInstance.parser()).parseLine(line);
    }

    @Override
    Event event(TraceInstance.Line l) {
        TraceMark mark = mark(l);
        return mark != null ? mark : lookup(l);
    }

    /**
     * The events' text, v4 and v6: {@code table T oif N iif N proto 17 SRC/SPORT -> DST/DPORT
     * ... err E}; a lookup that failed (no route: the call fails too) is no send.
     */
    private static final Pattern FIELDS = Pattern.compile("table \\d+ oif -?\\d+ iif -?\\d+ proto 17 (\\S+)/(\\d+) -> (\\S+)/(\\d+) .* err (-?\\d+)");

    private static Lookup lookup(TraceInstance.Line l) {
        if (!l.event().equals("fib_table_lookup") && !l.event().equals("fib6_table_lookup")) return null;
        if (l.pid() < 0 || l.inInterrupt()) return null;
        Matcher m = FIELDS.matcher(l.text().strip());
        if (!m.matches() || !m.group(5).equals("0")) return null;
        byte[] local = TcpStates.address(m.group(1)), remote = TcpStates.address(m.group(3));
        int from = Integer.parseInt(m.group(2)), to = Integer.parseInt(m.group(4));
        if (local == null || remote == null || from == 0 || to == 0) return null;
        return new Lookup(l.epochNs(), l.pid(), l.tid(), l.process(), new OpenFile.Address(local, from),
                new OpenFile.Address(remote, to));
    }
}
