package io.jstrace.view.tls;

import io.jstrace.core.Uprobes;
import io.jstrace.core.Uprobes.Hit;
import io.jstrace.core.Uprobes.Probe;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The tls view of the whole machine: uprobes on the TLS libraries' plaintext functions and
 * on the calls that name a connection's server, turned into one {@link TlsCall} per call.
 *
 * <p>A call is its entry probe (the {@code SSL *}, the count asked for) and its return probe
 * (the result), paired on the thread that made it. The {@code _ex} forms return 1 and store
 * the count through their fourth argument; the return probe records the 64 words above the
 * stack pointer, and when that pointer (taken at entry) lies among them, as it does for a
 * local variable of the caller, the count is read there. The server name is kept per
 * {@code SSL *} (not per process: one process may have many connections), from the
 * client's {@code SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, ...)} (what the macro
 * {@code SSL_set_tlsext_host_name} calls, ssl/s3_lib.c), the server's
 * {@code SSL_get_servername} and GnuTLS's {@code gnutls_server_name_set}, and forgotten
 * at {@code SSL_free}/{@code gnutls_deinit}.
 */
final class SystemTls {
    /** include/openssl/tls1.h: the SSL_ctrl command of SSL_set_tlsext_host_name. */
    private static final int SSL_CTRL_SET_TLSEXT_HOSTNAME = 55;
    /** include/gnutls/gnutls.h: gnutls_server_name_type_t GNUTLS_NAME_DNS. */
    private static final int GNUTLS_NAME_DNS = 1;
    /** The words of the caller's stack a return probe of an _ex function records (the kernel's array limit). */
    private static final int STACK_WORDS = 64;
    private static final int MAX_KEPT = 65_536, MAX_NESTED = 32;

    /** What a probed function tells. */
    private enum Role { CALL, SET_SNI, GET_SNI, FREE }

    /**
     * A probed function: its role, the values its entry probe fetches, those of its return
     * probe (none: no return probe), and a filter on the entry's values.
     */
    private record Row(String symbol, Role role, List<String> entry, List<String> exit, String filter) {}

    private static final String SSL = "ssl=%di:x64";
    private static final List<String> INT_ENTRY = List.of(SSL, "num=%dx:s32"), INT_EXIT = List.of("ret=$retval:s32");
    private static final List<String> EX_ENTRY = List.of(SSL, "num=%dx:u64", "out=%cx:x64");
    private static final List<String> EX_EXIT = List.of("ret=$retval:s32", "sp=%sp:x64", "stack=+0(%sp):x64[" + STACK_WORDS + "]");
    private static final List<String> SSIZE_ENTRY = List.of(SSL, "num=%dx:u64"), SSIZE_EXIT = List.of("ret=$retval:s64");

    /** The functions, each as the manual pages cited in {@link TlsFunction} declare it. */
    private static final List<Row> ROWS = rows();

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (TlsFunction f : TlsFunction.values()) {
            rows.add(switch (f.result) {
                case INT -> new Row(f.name(), Role.CALL, INT_ENTRY, INT_EXIT, null);
                case EX -> new Row(f.name(), Role.CALL, EX_ENTRY, EX_EXIT, null);
                case SSIZE -> new Row(f.name(), Role.CALL, SSIZE_ENTRY, SSIZE_EXIT, null);
            });
        }
        // long SSL_ctrl(SSL *s, int cmd, long larg, void *parg): the host name is parg
        rows.add(new Row("SSL_ctrl", Role.SET_SNI, List.of(SSL, "cmd=%si:s32", "name=+0(%cx):string"), List.of(),
                "cmd == " + SSL_CTRL_SET_TLSEXT_HOSTNAME));
        // int gnutls_server_name_set(gnutls_session_t, gnutls_server_name_type_t, const void *name, size_t len)
        rows.add(new Row("gnutls_server_name_set", Role.SET_SNI,
                List.of(SSL, "type=%si:s32", "len=%cx:u64", "name=+0(%dx):string"), List.of(), "type == " + GNUTLS_NAME_DNS));
        // const char *SSL_get_servername(const SSL *s, const int type)
        rows.add(new Row("SSL_get_servername", Role.GET_SNI, List.of(SSL), List.of("name=+0($retval):string"), null));
        rows.add(new Row("SSL_free", Role.FREE, List.of(SSL), List.of(), null));
        rows.add(new Row("gnutls_deinit", Role.FREE, List.of(SSL), List.of(), null));
        return List.copyOf(rows);
    }

    private static final Set<String> SYMBOLS =
            ROWS.stream().map(Row::symbol).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** A probe's meaning: its row, its library, and whether it is the return probe. */
    private record Meaning(Row row, String library, boolean atReturn) {}

    /** A call entered and not yet returned. */
    private record Pending(Row row, Hit entry) {}

    private record Connection(int pid, long ssl) {}

    private final Map<String, Meaning> meanings = new HashMap<>();
    private final List<Probe> probes = new ArrayList<>();
    private final List<Path> libraries = new ArrayList<>();
    private final Map<Integer, Deque<Pending>> pending = bounded();
    private final Map<Connection, String> sni = bounded();
    private final Consumer<TlsCall> out;

    SystemTls(List<Path> candidates, Consumer<TlsCall> out) {
        this.out = out;
        for (Path lib : candidates) add(lib);
    }

    private static <K, V> Map<K, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_KEPT;
            }
        };
    }

    /** The probes of {@code lib}'s functions, when it has a plaintext function at all. */
    private void add(Path lib) {
        Map<String, Long> offsets = Uprobes.functionOffsets(lib, SYMBOLS);
        if (ROWS.stream().noneMatch(r -> r.role() == Role.CALL && offsets.containsKey(r.symbol()))) return;
        int index = libraries.size();
        libraries.add(lib);
        String name = lib.getFileName().toString();
        for (Row r : ROWS) {
            Long offset = offsets.get(r.symbol());
            if (offset == null) continue;
            String event = r.symbol() + "_" + index;
            probes.add(new Probe(event, lib, offset, false, r.entry(), r.filter()));
            meanings.put(event, new Meaning(r, name, false));
            if (r.exit().isEmpty()) continue;
            probes.add(new Probe(event + "_r", lib, offset, true, r.exit(), null));
            meanings.put(event + "_r", new Meaning(r, name, true));
        }
    }

    /** The probes to open: empty when no library has a TLS function. */
    List<Probe> probes() {
        return List.copyOf(probes);
    }

    /** The libraries probed. */
    List<Path> libraries() {
        return List.copyOf(libraries);
    }

    /** Takes one hit, in the order of the trace. */
    void accept(Hit h) {
        Meaning m = meanings.get(h.event());
        if (m == null) return;
        if (m.atReturn()) returned(h, m);
        else entered(h, m.row());
    }

    private void entered(Hit h, Row row) {
        switch (row.role()) {
            case CALL, GET_SNI -> {
                Deque<Pending> calls = pending.computeIfAbsent(h.tid(), t -> new ArrayDeque<>());
                if (calls.size() >= MAX_NESTED) calls.removeLast();
                calls.push(new Pending(row, h));
            }
            case SET_SNI -> setSni(h);
            case FREE -> sni.remove(new Connection(h.pid(), number(h.values().get("ssl"))));
        }
    }

    private void setSni(Hit h) {
        String name = h.values().get("name");
        if (name == null || name.equals("(fault)") || name.isEmpty()) return;
        String len = h.values().get("len");
        if (len != null && number(len) < name.length()) name = name.substring(0, (int) number(len));
        sni.put(new Connection(h.pid(), number(h.values().get("ssl"))), name);
    }

    private void returned(Hit h, Meaning m) {
        Pending p = pop(h.tid(), m.row());
        if (p == null) return;
        long ssl = number(p.entry().values().get("ssl"));
        Connection c = new Connection(h.pid(), ssl);
        if (m.row().role() == Role.GET_SNI) {
            String name = h.values().get("name");
            if (name != null && !name.equals("(fault)") && !name.isEmpty()) sni.put(c, name);
            return;
        }
        TlsFunction f = TlsFunction.of(m.row().symbol());
        long result = number(h.values().get("ret"));
        boolean ok = f.result == TlsFunction.Result.EX ? result == 1 : result > 0;
        long length = !ok ? 0 : f.result == TlsFunction.Result.EX ? exCount(p.entry(), h) : result;
        Hit e = p.entry();
        out.accept(new TlsCall(e.epochNs(), h.pid(), h.tid(), e.comm(), f.name(), f.direction,
                number(e.values().get("num")), length, result, ok, (h.epochNs() - e.epochNs()) / 1e6, ssl, sni.get(c),
                m.library()));
    }

    /** The entry of the innermost call of {@code row} on thread {@code tid}; calls entered after it never returned. */
    private Pending pop(int tid, Row row) {
        Deque<Pending> calls = pending.get(tid);
        if (calls == null) return null;
        for (Iterator<Pending> it = calls.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            it.remove();
            if (p.row() == row) {
                if (calls.isEmpty()) pending.remove(tid);
                return p;
            }
        }
        pending.remove(tid);
        return null;
    }

    /** The count an _ex function stored through its fourth argument, when that lies in the stack words recorded; else -1. */
    static long exCount(Hit entry, Hit exit) {
        long at = number(entry.values().get("out")) - number(exit.values().get("sp"));
        if (at < 0 || at % 8 != 0 || at / 8 >= STACK_WORDS) return -1;
        String[] words = array(exit.values().get("stack"));
        int k = (int) (at / 8);
        return k < words.length ? number(words[k]) : -1;
    }

    /** The elements of an array as the kernel prints it: {@code {0x1,0x2}}. */
    private static String[] array(String v) {
        if (v == null || !v.startsWith("{") || !v.endsWith("}")) return new String[0];
        return v.substring(1, v.length() - 1).split(",");
    }

    /** A value as the kernel prints it: decimal or {@code 0x} hexadecimal; 0 when missing. */
    static long number(String v) {
        if (v == null || v.isEmpty()) return 0;
        try {
            return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
