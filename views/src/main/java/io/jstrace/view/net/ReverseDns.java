package io.jstrace.view.net;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tracep's {@code -r}: the name the host's resolver gives for a remote address (a PTR
 * lookup through getnameinfo, as {@link InetAddress#getCanonicalHostName()} makes it),
 * looked up on threads of its own as soon as an address is first seen, each address once.
 * The tracer never waits for it; a renderer waits at most {@code waitMillis} for an
 * answer not in yet, and shows none rather than wait longer.
 */
public final class ReverseDns implements AutoCloseable {
    private static final Pattern ADDRESS = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d+|\\[([0-9a-fA-F:.]+)\\]:\\d+");
    private final Map<String, CompletableFuture<String>> names = new ConcurrentHashMap<>();
    private final ExecutorService lookups = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "jstrace-rdns");
        t.setDaemon(true);
        return t;
    });
    private final long waitMillis;

    public ReverseDns(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** Starts the lookup of an {@code ADDRESS:PORT} (or {@code [V6]:PORT}) endpoint's address; anything else is ignored. */
    public void prefetch(String endpoint) {
        future(endpoint);
    }

    /** The name of an endpoint's address, or {@code null}: none, not an inet address, or not answered in time. */
    public String name(String endpoint) {
        CompletableFuture<String> f = future(endpoint);
        if (f == null) return null;
        try {
            return f.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) { // timed out, interrupted, or the lookup failed: no name
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return null;
        }
    }

    private CompletableFuture<String> future(String endpoint) {
        if (endpoint == null) return null;
        Matcher m = ADDRESS.matcher(endpoint);
        if (!m.matches()) return null;
        String literal = m.group(1) != null ? m.group(1) : m.group(2);
        return names.computeIfAbsent(literal, a -> CompletableFuture.supplyAsync(() -> lookup(a), lookups));
    }

    private static String lookup(String literal) {
        try {
            InetAddress a = InetAddress.getByName(literal); // a literal: parsed, not resolved
            String name = a.getCanonicalHostName();
            return name.equals(a.getHostAddress()) ? null : name;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
