package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Audit.AUDIT_CWD;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_EOE;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_EXECVE;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_PATH;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_PROCTITLE;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_SOCKADDR;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_SYSCALL;
import static io.jstrace.core.internal.jnr.Netlink.NLMSG_HDRLEN;

import io.jstrace.core.AuditConnect;
import io.jstrace.core.AuditEvent;
import io.jstrace.core.AuditExec;
import io.jstrace.core.OpenFile;
import io.jstrace.core.TraceeText;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the audit records of execve and connect events into {@link AuditExec}s and
 * {@link AuditConnect}s. An event is several
 * records sharing a serial number ({@code audit(SECONDS.MILLIS:SERIAL): }) and ending in
 * an EOE record; records of different events may interleave. Each record is
 * {@code name=value} fields separated by spaces, where a value is {@code "text"} when the
 * text has no space, quote or control byte and is hex otherwise (kernel/audit.c:
 * audit_log_n_untrustedstring). An argument longer than a record holds is logged as
 * {@code aN_len=LEN aN[0]=... aN[1]=...}, across several EXECVE records
 * (kernel/auditsc.c: audit_log_execve_info).
 *
 * <p>A connect is an event of the {@link AuditClaim.Topic#CONNECT} rule's key with a
 * SOCKADDR record ({@code saddr=}, the struct sockaddr in hex) of an IPv4 or IPv6 address.
 * Records of other kinds, and events that are neither, are skipped; a malformed record is
 * skipped, never an exception.
 */
public final class AuditRecords {
    /** Events whose EOE never came are dropped beyond this many (the oldest first). */
    private static final int OPEN_MAX = 1024;

    /** An event being assembled. */
    private static final class Event {
        final long epochNanos;
        int pid = -1, ppid = -1, uid = -1, gid = -1, a0 = -1, exit;
        String comm = "", exe, cwd, filename, key, program;
        byte[] sockaddr;
        final List<ByteArrayOutputStream> argv = new ArrayList<>();
        boolean execve;

        Event(long epochNanos) {
            this.epochNanos = epochNanos;
        }
    }

    private final Map<Long, Event> open = new LinkedHashMap<>();

    /**
     * One message as {@link AuditSocket#receiveNow()} returns it.
     *
     * @return the exec or connect the message completes, or {@code null}
     */
    public AuditEvent accept(byte[] msg) {
        if (msg.length < NLMSG_HDRLEN) return null;
        int type = AuditSocket.u16(msg, 4);
        if (type != AUDIT_SYSCALL && type != AUDIT_EXECVE && type != AUDIT_CWD && type != AUDIT_PATH
                && type != AUDIT_SOCKADDR && type != AUDIT_PROCTITLE && type != AUDIT_EOE) {
            return null;
        }
        Fields f = new Fields(msg, NLMSG_HDRLEN, msg.length);
        if (!f.header()) return null;
        Event e = open.get(f.serial);
        if (e == null) {
            if (type == AUDIT_EOE) return null;
            e = new Event(f.epochNanos);
            open.put(f.serial, e);
            trim();
        }
        switch (type) {
            case AUDIT_SYSCALL -> syscall(e, f);
            case AUDIT_EXECVE -> execve(e, f);
            case AUDIT_CWD -> cwd(e, f);
            case AUDIT_PATH -> path(e, f);
            case AUDIT_SOCKADDR -> sockaddr(e, f);
            case AUDIT_PROCTITLE -> proctitle(e, f);
            default -> {
                open.remove(f.serial);
                return e.pid <= 0 ? null : e.execve ? exec(e) : connect(e);
            }
        }
        return null;
    }

    private void trim() {
        Iterator<Long> it = open.keySet().iterator();
        while (open.size() > OPEN_MAX && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static void syscall(Event e, Fields f) {
        while (f.next()) {
            switch (f.name()) {
                case "pid" -> e.pid = f.intValue();
                case "ppid" -> e.ppid = f.intValue();
                case "uid" -> e.uid = f.intValue();
                case "gid" -> e.gid = f.intValue();
                case "comm" -> e.comm = f.text();
                case "exe" -> e.exe = f.text();
                case "key" -> e.key = f.text();
                case "a0" -> e.a0 = f.hexValue();
                case "exit" -> e.exit = f.signedValue();
                default -> {}
            }
        }
    }

    private static void execve(Event e, Fields f) {
        e.execve = true;
        while (f.next()) {
            String name = f.name();
            if (name.length() < 2 || name.charAt(0) != 'a' || !Character.isDigit(name.charAt(1))) continue;
            int end = 1;
            while (end < name.length() && Character.isDigit(name.charAt(end))) end++;
            if (end < name.length() && name.charAt(end) == '_') continue; // aN_len: the chunks follow
            int i = Integer.parseInt(name, 1, end, 10);
            if (i > 1 << 20) continue;
            while (e.argv.size() <= i) e.argv.add(new ByteArrayOutputStream());
            f.appendValue(e.argv.get(i));
        }
    }

    private static void cwd(Event e, Fields f) {
        while (f.next()) if (f.name().equals("cwd")) e.cwd = f.text();
    }

    /** The first PATH record (item=0) names the file execve was given. */
    private static void path(Event e, Fields f) {
        String name = null;
        boolean first = false;
        while (f.next()) {
            switch (f.name()) {
                case "item" -> first = f.intValue() == 0;
                case "name" -> name = f.text();
                default -> {}
            }
        }
        if (first && e.filename == null) e.filename = name;
    }

    private static void sockaddr(Event e, Fields f) {
        while (f.next()) {
            if (!f.name().equals("saddr")) continue;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (f.appendValue(out)) e.sockaddr = out.toByteArray();
        }
    }

    /**
     * The PROCTITLE record: the process's command line as it is now (its argv, NUL-separated,
     * kernel/auditsc.c audit_log_proctitle); its first word's last path component is what
     * the process was started as.
     */
    private static void proctitle(Event e, Fields f) {
        while (f.next()) {
            if (!f.name().equals("proctitle")) continue;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!f.appendValue(out)) return;
            byte[] b = out.toByteArray();
            int end = 0;
            while (end < b.length && b[end] != 0) end++;
            int start = end;
            while (start > 0 && b[start - 1] != '/') start--;
            if (end > start) e.program = TraceeText.text(Arrays.copyOfRange(b, start, end));
        }
    }

    /**
     * The event as a connect or an accept: its rule's key, a descriptor (a connect's first
     * argument, an accept's result), an IPv4 or IPv6 address.
     */
    private static AuditConnect connect(Event e) {
        boolean accept = AuditClaim.Topic.ACCEPT.key.equals(e.key);
        if (!accept && !AuditClaim.Topic.CONNECT.key.equals(e.key) || e.sockaddr == null) return null;
        int fd = accept ? e.exit : e.a0;
        if (fd < 0) return null;
        int family = e.sockaddr.length < 2 ? -1 : (e.sockaddr[0] & 0xff) | (e.sockaddr[1] & 0xff) << 8;
        if (family != OpenFile.Socket.AF_INET && family != OpenFile.Socket.AF_INET6) return null;
        OpenFile.Address a = OpenFile.Address.ofSockaddr(e.sockaddr);
        if (a == null) return null;
        return new AuditConnect(e.pid, e.ppid, e.uid, e.comm, e.program, e.exe, fd, a, accept,
                accept ? 0 : e.exit, e.epochNanos);
    }

    private static AuditExec exec(Event e) {
        List<String> argv = new ArrayList<>(e.argv.size());
        for (ByteArrayOutputStream a : e.argv) argv.add(TraceeText.text(a.toByteArray()));
        return new AuditExec(e.pid, e.ppid, e.uid, e.gid, e.comm, e.filename, e.exe, argv, e.cwd, e.epochNanos);
    }

    /** A record's text: its header, then its fields one by one. */
    static final class Fields {
        private final byte[] b;
        private int at;
        private final int end;
        long serial, epochNanos;
        private int nameStart, nameEnd, valueStart, valueEnd;

        Fields(byte[] b, int from, int to) {
            this.b = b;
            this.at = from;
            int e = from;
            while (e < to && b[e] != 0) e++;
            this.end = e;
        }

        /** {@code audit(SECONDS.MILLIS:SERIAL): }; false when it is not there. */
        boolean header() {
            if (!startsWith("audit(")) return false;
            at += 6;
            long seconds = number();
            if (at >= end || b[at++] != '.') return false;
            long millis = number();
            if (at >= end || b[at++] != ':') return false;
            serial = number();
            if (at + 1 >= end || b[at] != ')' || b[at + 1] != ':') return false;
            at += 2;
            epochNanos = seconds * 1_000_000_000L + millis * 1_000_000L;
            return true;
        }

        private boolean startsWith(String s) {
            if (end - at < s.length()) return false;
            for (int i = 0; i < s.length(); i++) if (b[at + i] != s.charAt(i)) return false;
            return true;
        }

        private long number() {
            long n = 0;
            while (at < end && b[at] >= '0' && b[at] <= '9') n = n * 10 + (b[at++] - '0');
            return n;
        }

        /** Moves to the next {@code name=value}; false at the end. */
        boolean next() {
            while (at < end && b[at] == ' ') at++;
            if (at >= end) return false;
            nameStart = at;
            while (at < end && b[at] != '=' && b[at] != ' ') at++;
            nameEnd = at;
            if (at < end && b[at] == '=') at++;
            valueStart = at;
            if (at < end && b[at] == '"') {
                at++;
                while (at < end && b[at] != '"') at++;
                if (at < end) at++;
            } else {
                while (at < end && b[at] != ' ') at++;
            }
            valueEnd = at;
            return true;
        }

        String name() {
            return new String(b, nameStart, nameEnd - nameStart, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        int intValue() {
            long n = 0;
            for (int i = valueStart; i < valueEnd; i++) {
                if (b[i] < '0' || b[i] > '9') return -1;
                n = n * 10 + (b[i] - '0');
            }
            return n > 0xffffffffL ? -1 : (int) n;
        }

        /** The value as hex digits (a syscall's argument: {@code a0=3}), -1 when not or beyond an int. */
        int hexValue() {
            long n = 0;
            if (valueEnd - valueStart > 8 || valueEnd == valueStart) return -1;
            for (int i = valueStart; i < valueEnd; i++) {
                int d = Character.digit(b[i], 16);
                if (d < 0) return -1;
                n = n << 4 | d;
            }
            return n > Integer.MAX_VALUE ? -1 : (int) n;
        }

        /** The value as a signed decimal ({@code exit=-115}); 0 when not a number. */
        int signedValue() {
            boolean minus = valueEnd > valueStart && b[valueStart] == '-';
            long n = 0;
            for (int i = valueStart + (minus ? 1 : 0); i < valueEnd; i++) {
                if (b[i] < '0' || b[i] > '9' || n > Integer.MAX_VALUE) return 0;
                n = n * 10 + (b[i] - '0');
            }
            return (int) (minus ? -n : n);
        }

        /** The value as text: quoted text as it is, hex decoded; {@code null} for {@code (null)}. */
        String text() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(valueEnd - valueStart);
            if (!appendValue(out)) return null;
            return TraceeText.text(out.toByteArray());
        }

        /** Appends the value's bytes; false when it is not text or hex (such as {@code (null)}). */
        boolean appendValue(ByteArrayOutputStream out) {
            int n = valueEnd - valueStart;
            if (n >= 2 && b[valueStart] == '"' && b[valueEnd - 1] == '"') {
                out.write(b, valueStart + 1, n - 2);
                return true;
            }
            if (n % 2 != 0) return false;
            for (int i = valueStart; i < valueEnd; i += 2) {
                int hi = Character.digit(b[i], 16), lo = Character.digit(b[i + 1], 16);
                if (hi < 0 || lo < 0) return false;
                out.write(hi << 4 | lo);
            }
            return true;
        }
    }
}
