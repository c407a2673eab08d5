package io.jstrace.view.dns;

import java.time.Instant;
import java.util.List;

/**
 * One DNS exchange of a traced process: a query it sent and the response it received on
 * the same socket from the same server with the same id, name and type; or a query that
 * had no response when its socket was closed or its process ended ({@link #timeout()});
 * or a response that matched no query ({@link #unmatched()}).
 *
 * @param time          when the query's send syscall was entered (for an unmatched response: when it was received)
 * @param pid           the process
 * @param tid           the thread that sent the query (that received it, for an unmatched response)
 * @param comm          the process's command name
 * @param fd            the socket's descriptor
 * @param proto         {@code udp} or {@code tcp}
 * @param server        the server's address and port ({@code 127.0.0.1:53}, {@code [::1]:53})
 * @param via           {@code stub} when the server is a loopback resolver (systemd-resolved's
 *                      127.0.0.53, dnsmasq, unbound), {@code direct} otherwise
 * @param id            the transaction id
 * @param query         the question's name ({@code .} for the root)
 * @param type          the question's type mnemonic
 * @param clazz         the question's class mnemonic
 * @param queryMessage the query as parsed, {@code null} for an unmatched response
 * @param response      the response as parsed, {@code null} when none came
 * @param latencyNanos  from the send's entry to the receive's exit, -1 without a response
 * @param retries       how many more times the same query was sent before the response
 * @param syscallSend   the syscall that sent the query ({@code sendmmsg}), or {@code null}
 * @param syscallRecv   the syscall that received the response, or {@code null}
 * @param timeout       no response came before the socket was closed or the process ended
 * @param unmatched     a response that matched no query sent on its socket
 * @param lookup        the name resolution this exchange is part of (1, 2, ... in the order
 *                      they began; 0 for an unmatched response): the exchanges one thread makes
 *                      for one name — the A and AAAA of one getaddrinfo, the name tried with
 *                      each search domain of the process's resolv.conf — share it
 * @param nscd          for a request to glibc's name service cache daemon on its unix socket
 *                      (proto and via {@code nscd}): the request, as nscd's protocol has it;
 *                      {@code null} for DNS
 * @param nscdAnswer    nscd's answer to it, {@code null} when none came (or for DNS)
 */
public record DnsEvent(Instant time, int pid, int tid, String comm, int fd, String proto, String server, String via,
        int id, String query, String type, String clazz, DnsMessage queryMessage, DnsMessage response,
        long latencyNanos, int retries, String syscallSend, String syscallRecv, boolean timeout, boolean unmatched,
        long lookup, Nscd nscd, Nscd.Answer nscdAnswer) {

    /** The response's rcode name, or {@code null} when there is no response. */
    public String rcode() {
        if (nscd != null) return nscdAnswer == null || nscd.wantsMapping() ? null : nscdAnswer.rcode();
        return response == null ? null : response.rcodeName();
    }

    /**
     * The answers to the question as text: the data of every answer record of the
     * question's type (addresses for A and AAAA), in order; empty without a response.
     */
    public List<String> answers() {
        if (nscd != null) return nscdAnswer == null ? List.of() : nscdAnswer.addresses();
        if (response == null) return List.of();
        return response.answers().stream().filter(r -> r.type().equals(type) || type.equals("ANY"))
                .map(DnsRecord::data).toList();
    }

    /** The CNAME chain from the question's name: each alias's target, in order. */
    public List<String> cnameChain() {
        if (response == null) return List.of();
        List<String> chain = new java.util.ArrayList<>();
        String at = query;
        for (int hops = 0; hops < 16; hops++) {
            String next = null;
            for (DnsRecord r : response.answers()) {
                if (r.type().equals("CNAME") && r.name().equalsIgnoreCase(at)) {
                    next = r.data();
                    break;
                }
            }
            if (next == null || chain.contains(next)) break;
            chain.add(next);
            at = next;
        }
        return chain;
    }

    /** Latency in milliseconds, or -1 without a response. */
    public double latencyMillis() {
        return latencyNanos < 0 ? -1 : latencyNanos / 1e6;
    }

    /** The query's size in bytes (its DNS message, TCP's length prefix excluded), 0 when not seen. */
    public int queryBytes() {
        if (nscd != null) return nscd.bytes();
        return queryMessage == null ? 0 : queryMessage.length();
    }

    /** The response's size in bytes, 0 when none. */
    public int responseBytes() {
        if (nscdAnswer != null) return nscdAnswer.bytes();
        return response == null ? 0 : response.length();
    }

    /** Why the response (or, for a timeout, the query) could not be read to its end, or {@code null}. */
    public String malformed() {
        if (response != null && response.malformed() != null) return response.malformed();
        return queryMessage == null ? null : queryMessage.malformed();
    }
}
