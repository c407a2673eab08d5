package io.jstrace.view.dns;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.Payload;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The names each traced process's own DNS answers gave for addresses: fed the same
 * records as the dns view (its payloads, at most {@link #PAYLOAD_LIMIT} bytes a transfer,
 * are enough for the answers of UDP and of TCP's usual sizes), it keeps, per process, each
 * address an A or AAAA answer (or nscd's) carried and the name that was asked for it. The
 * net view names its connections' remote addresses with it ({@code dns_name}).
 */
public final class DnsAnswers implements TraceListener {
    /** The bytes of a transfer a DNS answer needs: EDNS's common 1232, 4096 at most in practice. */
    public static final int PAYLOAD_LIMIT = 4096;
    /** Addresses kept per process: a crawler's thousandth name is not worth the memory. */
    private static final int MAX_PER_PROCESS = 4096;
    /** The syscalls to watch beside the caller's own. */
    public static final Set<String> SYSCALLS = DnsTracker.SYSCALLS;

    private final DnsTracker tracker = new DnsTracker(Set.of(53), this::learn);
    private final Map<Integer, Map<InetAddress, String>> names = new HashMap<>();

    /** The name process {@code pid} asked for when its answer gave {@code address} (4 or 16 bytes), or {@code null}. */
    public String name(int pid, byte[] address) {
        Map<InetAddress, String> mine = names.get(pid);
        if (mine == null || address == null) return null;
        try {
            return mine.get(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) { // not 4 or 16 bytes: a unix socket's path
            return null;
        }
    }

    private void learn(DnsEvent e) {
        if (e.query() == null || e.answers().isEmpty()) return;
        boolean addresses = switch (String.valueOf(e.type())) {
            case "A", "AAAA", "GETAI", "GETHOSTBYNAME", "GETHOSTBYNAMEv6" -> true;
            default -> false;
        };
        if (!addresses) return;
        Map<InetAddress, String> mine = names.computeIfAbsent(e.pid(), p -> new HashMap<>());
        for (String a : e.answers()) {
            if (mine.size() >= MAX_PER_PROCESS) return;
            InetAddress ip = literal(a);
            if (ip != null) mine.put(ip, e.query());
        }
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}"),
            IPV6 = java.util.regex.Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** An address literal as an InetAddress; anything else {@code null}, never a lookup. */
    static InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) return null;
        try {
            return InetAddress.getByName(text); // a literal: parsed, not resolved
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    @Override
    public void onSyscallExit(SyscallExit exit, Tracee tracee) {
        tracker.onSyscallExit(exit, tracee);
    }

    @Override
    public void onPayload(Payload payload, Tracee tracee) {
        tracker.onPayload(payload, tracee);
    }

    @Override
    public void onExit(Exit exit, Tracee tracee) {
        tracker.onExit(exit, tracee);
        if (exit.pid() == exit.tid()) names.remove(exit.pid());
    }

    @Override
    public void onSignalExit(SignalExit exit, Tracee tracee) {
        tracker.onSignalExit(exit, tracee);
        if (exit.pid() == exit.tid()) names.remove(exit.pid());
    }

    @Override
    public void onDetach(int pid, int tid, SyscallEnter inSyscall) {
        tracker.onDetach(pid, tid, inSyscall);
    }

    @Override
    public void onExec(Exec exec, Tracee tracee) {
        tracker.onExec(exec, tracee);
    }
}
