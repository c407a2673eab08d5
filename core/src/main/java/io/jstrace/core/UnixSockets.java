package io.jstrace.core;

import io.jstrace.core.internal.TraceInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who makes unix sockets on the machine, however short-lived: the socket(2) and
 * socketpair(2) calls for {@code AF_UNIX}, through the kernel's system call trace events
 * ({@code syscalls:sys_enter_socket}, {@code sys_exit_socket}, {@code sys_enter_socketpair},
 * {@code sys_exit_socketpair}; kernel/trace/trace_syscalls.c, CONFIG_FTRACE_SYSCALLS) in a
 * tracing instance of jstrace's own. sock_diag lists unix sockets, but the kernel gives no
 * notice when one is freed (its destroy groups are for TCP and UDP alone,
 * include/uapi/linux/sock_diag.h), so a unix socket made and closed between two lists is
 * known by its maker's call only.
 *
 * <p>A call's entry, kept to {@code AF_UNIX} by the kernel's filter, and its exit are paired
 * by thread (an exit carries no arguments). socket's exit gives the descriptor; socketpair
 * writes its two to the caller's memory, which the event does not show.
 */
public final class UnixSockets extends TraceEvents<UnixSockets.Event> {
    private static final int AF_UNIX = 1;
    private static final String SOCKET = "sys_socket", SOCKETPAIR = "sys_socketpair";
    private static final Map<String, String> EVENTS = new LinkedHashMap<>();
    static {
        EVENTS.put("syscalls:sys_enter_socket", "family == " + AF_UNIX);
        EVENTS.put("syscalls:sys_exit_socket", null); // every family's: a failed call's exit clears its entry
        EVENTS.put("syscalls:sys_enter_socketpair", "family == " + AF_UNIX);
        EVENTS.put("syscalls:sys_exit_socketpair", null);
    }

    /** What the source reports: the sockets made, and the marks asked for. */
    public sealed interface Event permits Made, TraceMark {}

    /**
     * A unix socket made, or a connected pair of them.
     *
     * @param epochNs when the call returned, nanoseconds since the epoch
     * @param pid     the maker (its thread group)
     * @param tid     its thread that made the call
     * @param comm    its process's name (its first thread's, while it runs)
     * @param type    {@code SOCK_STREAM}, {@code SOCK_DGRAM} or {@code SOCK_SEQPACKET}
     *                (without the call's {@code SOCK_NONBLOCK} and {@code SOCK_CLOEXEC})
     * @param fd      socket's descriptor; -1 for socketpair's two
     * @param pair    whether socketpair made two ends connected to each other
     */
    public record Made(long epochNs, int pid, int tid, String comm, int type, int fd, boolean pair) implements Event {}

    /** A thread's call entered and not yet returned: which, and the type it asked for. */
    private record Entered(String call, int type) {}

    /** By thread; a thread that died inside the call leaves its entry, dropped oldest first. */
    private final Map<Integer, Entered> entered = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Entered> eldest) {
            return size() > 4096;
        }
    };

    private UnixSockets(TraceInstance instance) {
        super(instance);
    }

    /**
     * Starts recording: the calls are read from the moment this returns.
     *
     * @throws TraceException when tracefs is not there, or the kernel lacks the events
     */
    public static UnixSockets open() throws TraceException {
        return new UnixSockets(record("unix", EVENTS));
    }

    /** {@link #open()}, or {@code null} when the kernel or tracefs does not have the events. */
    public static UnixSockets openIfAble() {
        try {
            return open();
        } catch (TraceException | RuntimeException e) {
            return null;
        }
    }

    /** For tests: lines of trace_pipe in order, as the events they make ({@code null} for the rest). */
    static java.util.List<Event> parse(String... lines) {
        UnixSockets u = new UnixSockets(TraceInstance.parser());
        java.util.List<Event> events = new java.util.ArrayList<>();
        for (String l : lines) events.add(u.parseLine(l));
        return events;
    }

    @Override
    Event event(TraceInstance.Line l) {
        TraceMark mark = mark(l);
        if (mark != null) return mark;
        if (!l.event().equals(SOCKET) && !l.event().equals(SOCKETPAIR)) return null;
        String text = l.text().strip();
        if (text.startsWith("(")) {
            long type = argument(text, "type");
            if (type >= 0) entered.put(l.tid(), new Entered(l.event(), (int) type & 0xf));
            return null;
        }
        Entered e = entered.remove(l.tid());
        if (e == null || !e.call().equals(l.event()) || !text.startsWith("-> ")) return null;
        long ret = number(text.substring(3).strip());
        if (ret < 0 || ret > Integer.MAX_VALUE || l.pid() < 0) return null;
        boolean pair = l.event().equals(SOCKETPAIR);
        return new Made(l.epochNs(), l.pid(), l.tid(), l.process(), e.type(), pair ? -1 : (int) ret, pair);
    }

    /** Argument {@code name} of an entry's text ({@code (family: 1, type: 0x80001, ...)}), -1 when absent. */
    private static long argument(String text, String name) {
        int at = text.indexOf(name + ": ");
        if (at < 0) return -1;
        int from = at + name.length() + 2, end = from;
        while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != ')') end++;
        return number(text.substring(from, end).strip());
    }

    /**
     * A value as the kernel prints a system call's: {@code 0x}-prefixed hexadecimal, or, below
     * ten, a decimal digit (Linux 6.x), or bare hexadecimal (before); -1 when it is none. An
     * exit's negative value (an error) prints as 64-bit hexadecimal and is read as negative.
     */
    static long number(String v) {
        String hex = v.startsWith("0x") ? v.substring(2) : v;
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
