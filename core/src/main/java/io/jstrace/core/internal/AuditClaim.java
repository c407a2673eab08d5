package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Audit.AUDIT_ADD_RULE;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_ALWAYS;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_ARCH;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_ARG2;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_DEL_RULE;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_EQUAL;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_FAIL_SILENT;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_FILTERKEY;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_FILTER_EXIT;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_GREATER_THAN_OR_EQUAL;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_LESS_THAN_OR_EQUAL;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_LOCKED;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_MAX_FIELDS;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_STATUS_BACKLOG_LIMIT;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_STATUS_BACKLOG_WAIT_TIME;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_STATUS_ENABLED;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_STATUS_FAILURE;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_STATUS_PID;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_SUCCESS;
import static io.jstrace.core.internal.jnr.Audit.RULE_SIZE;
import static io.jstrace.core.internal.jnr.Audit.STATUS_BACKLOG_LIMIT;
import static io.jstrace.core.internal.jnr.Audit.STATUS_BACKLOG_WAIT_TIME;
import static io.jstrace.core.internal.jnr.Audit.STATUS_ENABLED;
import static io.jstrace.core.internal.jnr.Audit.STATUS_FAILURE;
import static io.jstrace.core.internal.jnr.Audit.STATUS_MASK;
import static io.jstrace.core.internal.jnr.Audit.STATUS_PID;
import static io.jstrace.core.internal.jnr.Audit.STATUS_SIZE;

import io.jstrace.arch.Arch;
import io.jstrace.core.TraceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * jstrace as the audit daemon while it runs, for the records of its {@link Topic}s alone:
 * it registers itself as the process the kernel sends records to (AUDIT_SET pid), enables
 * auditing, and adds one rule a topic. At {@link #close()} the rules go and the status is
 * put back as it was. Only when no audit daemon owns the socket and the configuration is
 * not locked.
 *
 * <p>While registered, a lost record is counted, not printed to the kernel log, and no
 * process waits for room in the kernel's backlog (backlog_wait_time 0): a tracer that
 * falls behind must not slow the machine down. The status as it was is kept in
 * {@link #STATE} until it is restored, so that a jstrace killed with SIGKILL is cleaned
 * up after by the next one that claims the socket.
 */
public final class AuditClaim implements AutoCloseable {
    /** The previous status of a claim in force, or of one a killed jstrace left. */
    static final Path STATE = Path.of("/run/jstrace-audit.state");
    private static final int BACKLOG = 8192;

    /** What the records are asked for: one audit rule each, told apart by its key. */
    public enum Topic {
        /** {@code -a always,exit -F arch=ARCH -S execve,execveat -F success=1 -k jstrace-exec}. */
        EXEC("jstrace-exec", new String[] {"execve", "execveat"}, new int[][] {{AUDIT_SUCCESS, AUDIT_EQUAL, 1}}),
        /**
         * {@code -a always,exit -F arch=ARCH -S connect -F a2>=16 -F a2<=28 -k jstrace-connect}:
         * the address lengths of sockaddr_in to sockaddr_in6, so that no unix or netlink
         * connect is logged; failed calls too, since a non-blocking TCP connect returns
         * EINPROGRESS.
         */
        CONNECT("jstrace-connect", new String[] {"connect"},
                new int[][] {{AUDIT_ARG2, AUDIT_GREATER_THAN_OR_EQUAL, 16}, {AUDIT_ARG2, AUDIT_LESS_THAN_OR_EQUAL, 28}}),
        /**
         * {@code -a always,exit -F arch=ARCH -S accept,accept4 -F success=1 -k jstrace-accept}:
         * the peer's address is logged when the caller asked for it (net/socket.c
         * move_addr_to_user calls audit_sockaddr); unix accepts come too, and are dropped.
         */
        ACCEPT("jstrace-accept", new String[] {"accept", "accept4"}, new int[][] {{AUDIT_SUCCESS, AUDIT_EQUAL, 1}});

        /** The rule's key ({@code -k}), as the SYSCALL record's {@code key} field says it. */
        public final String key;
        private final String[] calls;
        private final int[][] fields;

        Topic(String key, String[] calls, int[][] fields) {
            this.key = key;
            this.calls = calls;
            this.fields = fields;
        }
    }

    private final AuditSocket socket;
    private final byte[] before;
    private final List<byte[]> rules;
    private boolean closed;

    private AuditClaim(AuditSocket socket, byte[] before, List<byte[]> rules) {
        this.socket = socket;
        this.before = before;
        this.rules = rules;
    }

    /**
     * Claims the audit socket on {@code socket}.
     *
     * @throws TraceException when it cannot: owned by an audit daemon, locked, refused
     *     (the message says which)
     */
    public static AuditClaim claim(AuditSocket socket, Set<Topic> topics) throws TraceException {
        List<byte[]> rules = new ArrayList<>();
        for (Topic t : topics) rules.add(rule(Arch.host(), t));
        recoverStale(socket);
        byte[] status = socket.status();
        int owner = int32(status, STATUS_PID);
        if (owner != 0 && Files.exists(Path.of("/proc", Integer.toString(owner)))) {
            throw new TraceException("audit: the audit daemon (pid " + owner + ") owns the audit socket");
        }
        if (int32(status, STATUS_ENABLED) == AUDIT_LOCKED) {
            throw new TraceException("audit: the audit configuration is locked (enabled=2)");
        }
        save(status);
        try {
            socket.set(claimed(status));
            for (byte[] rule : rules) {
                try {
                    socket.request(AUDIT_ADD_RULE, rule, -1);
                } catch (TraceException e) {
                    if (!e.getMessage().endsWith("File exists")) throw e;
                }
            }
        } catch (TraceException | RuntimeException e) {
            restore(socket, allRules(), status);
            throw e;
        }
        return new AuditClaim(socket, status, rules);
    }

    /** The rule of {@code topic} as a struct audit_rule_data: the arch, the topic's fields, its key. */
    static byte[] rule(Arch arch, Topic topic) {
        byte[] key = topic.key.getBytes(StandardCharsets.US_ASCII);
        List<int[]> fields = new ArrayList<>();
        fields.add(new int[] {AUDIT_ARCH, AUDIT_EQUAL, arch.auditArch()});
        fields.addAll(List.of(topic.fields));
        fields.add(new int[] {AUDIT_FILTERKEY, AUDIT_EQUAL, key.length});
        ByteBuffer r = ByteBuffer.allocate(RULE_SIZE + key.length).order(ByteOrder.nativeOrder());
        r.putInt(AUDIT_FILTER_EXIT).putInt(AUDIT_ALWAYS).putInt(fields.size());
        int[] mask = new int[64];
        for (String call : topic.calls) {
            int nr = arch.syscalls().number(call);
            if (nr >= 0) mask[nr / 32] |= 1 << (nr % 32);
        }
        for (int m : mask) r.putInt(m);
        int base = r.position();
        for (int i = 0; i < fields.size(); i++) {
            r.putInt(base + 4 * i, fields.get(i)[0]);
            r.putInt(base + 4 * AUDIT_MAX_FIELDS + 4 * i, fields.get(i)[2]);
            r.putInt(base + 8 * AUDIT_MAX_FIELDS + 4 * i, fields.get(i)[1]);
        }
        r.position(base + 12 * AUDIT_MAX_FIELDS);
        r.putInt(key.length).put(key);
        return r.array();
    }

    /** The AUDIT_SET that registers us: pid, enabled, failure silent, a roomy backlog, no waiting. */
    private static byte[] claimed(byte[] before) {
        ByteBuffer s = ByteBuffer.allocate(STATUS_SIZE).order(ByteOrder.nativeOrder());
        s.putInt(STATUS_MASK, AUDIT_STATUS_PID | AUDIT_STATUS_ENABLED | AUDIT_STATUS_FAILURE
                | AUDIT_STATUS_BACKLOG_LIMIT | AUDIT_STATUS_BACKLOG_WAIT_TIME);
        s.putInt(STATUS_PID, (int) ProcessHandle.current().pid());
        s.putInt(STATUS_ENABLED, 1);
        s.putInt(STATUS_FAILURE, AUDIT_FAIL_SILENT);
        s.putInt(STATUS_BACKLOG_LIMIT, Math.max(BACKLOG, int32(before, STATUS_BACKLOG_LIMIT)));
        s.putInt(STATUS_BACKLOG_WAIT_TIME, 0);
        return s.array();
    }

    /** The AUDIT_SET that puts {@code before} back and unregisters us. */
    private static byte[] restoring(byte[] before) {
        ByteBuffer s = ByteBuffer.wrap(before.clone()).order(ByteOrder.nativeOrder());
        s.putInt(STATUS_MASK, AUDIT_STATUS_PID | AUDIT_STATUS_ENABLED | AUDIT_STATUS_FAILURE
                | AUDIT_STATUS_BACKLOG_LIMIT | AUDIT_STATUS_BACKLOG_WAIT_TIME);
        s.putInt(STATUS_PID, 0);
        return s.array();
    }

    /** Every topic's rule, as a claim killed before its close may have left them. */
    private static List<byte[]> allRules() {
        List<byte[]> rules = new ArrayList<>();
        for (Topic t : EnumSet.allOf(Topic.class)) rules.add(rule(Arch.host(), t));
        return rules;
    }

    /** Removes the rules and puts the status back; best effort, each step on its own. */
    private static void restore(AuditSocket socket, List<byte[]> rules, byte[] before) {
        for (byte[] rule : rules) {
            try {
                socket.request(AUDIT_DEL_RULE, rule, -1);
            } catch (TraceException e) {
                // not there: nothing to remove
            }
        }
        try {
            socket.set(restoring(before));
        } catch (TraceException e) {
            // the kernel refused: nothing more can be done here
        }
        try {
            Files.deleteIfExists(STATE);
        } catch (IOException e) {
            // left for the next claim, which restores the same status again
        }
    }

    /** A state file whose jstrace is gone: its rule removed and its status put back. */
    private static void recoverStale(AuditSocket socket) {
        byte[] saved;
        try {
            saved = Files.readAllBytes(STATE);
        } catch (IOException e) {
            return;
        }
        if (saved.length != STATUS_SIZE + 4) return;
        int claimer = int32(saved, STATUS_SIZE);
        if (Files.exists(Path.of("/proc", Integer.toString(claimer)))) return;
        restore(socket, allRules(), java.util.Arrays.copyOf(saved, STATUS_SIZE));
    }

    private static void save(byte[] status) throws TraceException {
        ByteBuffer s = ByteBuffer.allocate(STATUS_SIZE + 4).order(ByteOrder.nativeOrder());
        s.put(status).putInt((int) ProcessHandle.current().pid());
        try {
            Files.write(STATE, s.array());
        } catch (IOException e) {
            throw new TraceException("audit: cannot write " + STATE + ": " + e.getMessage());
        }
    }

    private static int int32(byte[] b, int at) {
        return AuditSocket.i32(b, at);
    }

    /** Removes the rule, restores the status as it was, unregisters. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        restore(socket, rules, before);
    }
}
