package io.jstrace.view.ca;

import io.jstrace.view.ca.CaReport.End;
import io.jstrace.view.ca.CaReport.Link;
import io.jstrace.view.ca.CaReport.Origin;
import io.jstrace.view.ca.CaReport.Verdict;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Fetches servers' certificate chains with JSSE and diagnoses them: the library behind
 * {@code jstrace ca}.
 *
 * <pre>{@code
 * CaFetcher ca = CaFetcher.builder().timeout(Duration.ofSeconds(5)).build();
 * CaReport r = ca.fetch(Target.parse("example.org", 443, null));
 * r.verdict().ok(); r.sent(); r.diagnoses();
 * }</pre>
 *
 * Each fetch has its own deadline, which bounds everything it does: the name lookup, the
 * connection, STARTTLS, the handshake and the AIA downloads. Several targets are fetched
 * at once, each on its own thread; a fresh SSLContext per fetch, so no session is resumed
 * and every fetch sees the server's Certificate message.
 */
public final class CaFetcher {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ca-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Duration timeout;
    private final X509TrustManager judge;
    private final List<X509Certificate> anchors;
    private final boolean aia, fetchRoot, includeLeaf;
    private final int maxHops, threads;
    private final AiaClient client;

    private CaFetcher(Builder b) throws GeneralSecurityException {
        timeout = b.timeout;
        judge = trustManager(b.trust);
        anchors = List.of(judge.getAcceptedIssuers());
        aia = b.aia;
        fetchRoot = b.fetchRoot;
        includeLeaf = b.includeLeaf;
        maxHops = b.maxHops;
        threads = b.threads;
        client = new AiaClient(b.maxAiaBytes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The trust anchors: the JDK's (its cacerts) when {@code trust} is null, else exactly these. */
    private static X509TrustManager trustManager(List<X509Certificate> trust) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
        if (trust == null) {
            f.init((KeyStore) null);
        } else {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                ks.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException(e); // an empty store reads nothing
            }
            for (int i = 0; i < trust.size(); i++) ks.setCertificateEntry("anchor" + i, trust.get(i));
            f.init(ks);
        }
        for (TrustManager tm : f.getTrustManagers()) if (tm instanceof X509TrustManager x) return x;
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** The trust anchors chains are judged against. */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    /** Fetches one chain; never throws: a failure is in the report. */
    public CaReport fetch(Target target) {
        return fetchAll(List.of(target)).get(0);
    }

    /**
     * Fetches every target at once (up to the builder's thread count), reports in the
     * targets' order. A fetch still running a little after its deadline (a name lookup
     * that will not return) is abandoned and reported as timed out.
     */
    public List<CaReport> fetchAll(List<Target> targets) {
        int n = targets.size();
        if (n == 0) return List.of();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, threads), r -> {
            Thread t = new Thread(r, "ca-fetch");
            t.setDaemon(true);
            return t;
        });
        AtomicLongArray started = new AtomicLongArray(n);
        List<Future<CaReport>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                long now = System.nanoTime();
                started.set(k, now);
                return fetchBefore(targets.get(k), now, now + timeout.toNanos());
            }));
        }
        pool.shutdown();
        List<CaReport> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(await(futures.get(i), targets.get(i), started, i));
        return out;
    }

    private CaReport await(Future<CaReport> f, Target t, AtomicLongArray started, int i) {
        long grace = TimeUnit.MILLISECONDS.toNanos(250);
        while (true) {
            try {
                return f.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long s = started.get(i);
                if (s != 0 && System.nanoTime() - s > timeout.toNanos() + grace) {
                    f.cancel(true);
                    return CaReport.failed(t, null, timedOut(), System.nanoTime() - s);
                }
            } catch (ExecutionException e) {
                return CaReport.failed(t, null, String.valueOf(e.getCause()), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CaReport.failed(t, null, "interrupted", 0);
            }
        }
    }

    private String timedOut() {
        return "timed out after " + seconds(timeout);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() / 1000.0 + "s";
    }

    /** One fetch, bounded by {@code deadline} (System.nanoTime()). */
    private CaReport fetchBefore(Target t, long start, long deadline) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(t.host());
        } catch (UnknownHostException e) {
            return CaReport.failed(t, null, "unknown host", System.nanoTime() - start);
        }
        String error = null, address = null;
        for (InetAddress a : addresses) { // the next address only when one refuses, as browsers do
            address = new Target(a.getHostAddress(), t.port(), null).toString();
            Handshake h = new Handshake(t, a, deadline);
            try {
                h.run();
                return analyse(t, address, h, deadline);
            } catch (IOException | GeneralSecurityException e) {
                error = why(e, deadline);
                if (!(e instanceof ConnectException || e instanceof NoRouteToHostException)) break;
            }
        }
        return CaReport.failed(t, address, error, System.nanoTime() - start);
    }

    /** The one line for a connection or handshake that failed with {@code e}. */
    private String why(Exception e, long deadline) {
        if (e instanceof SocketTimeoutException || System.nanoTime() >= deadline) return timedOut();
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) return lower(e.getMessage());
        if (e instanceof SSLException) return "TLS handshake failed: " + e.getMessage();
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String lower(String s) {
        if (s == null) return "connection failed";
        int paren = s.indexOf(" (");
        String m = paren > 0 ? s.substring(0, paren) : s; // "Connection refused (Connection refused)"
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** One TCP connection, STARTTLS if asked, and the TLS handshake, with the chain recorded. */
    private final class Handshake {
        final Target target;
        final InetAddress address;
        final long deadline;
        ChainRecorder recorder;
        SSLSession session;
        long nanos;

        Handshake(Target target, InetAddress address, long deadline) {
            this.target = target;
            this.address = address;
            this.deadline = deadline;
        }

        void run() throws IOException, GeneralSecurityException {
            SSLContext ctx = SSLContext.getInstance("TLS");
            recorder = new ChainRecorder(judge);
            ctx.init(null, new TrustManager[] {recorder}, null);
            long start = System.nanoTime();
            Socket raw = new Socket();
            // a read that trickles would renew every socket timeout: close it at the deadline instead
            ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> close(raw), deadline - start, TimeUnit.NANOSECONDS);
            try (raw) {
                raw.connect(new InetSocketAddress(address, target.port()), AiaClient.millisLeft(deadline));
                raw.setSoTimeout(AiaClient.millisLeft(deadline));
                if (target.starttls() != null) target.starttls().negotiate(raw);
                try (SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, target.host(),
                        target.port(), true)) {
                    SSLParameters p = ssl.getSSLParameters();
                    if (!HostNames.isAddress(target.host())) {
                        try {
                            p.setServerNames(List.of(new SNIHostName(target.host())));
                        } catch (IllegalArgumentException e) {
                            // not a name SNI can carry (RFC 6066 section 3): none sent
                        }
                    }
                    ssl.setSSLParameters(p);
                    ssl.startHandshake();
                    nanos = System.nanoTime() - start;
                    session = ssl.getSession();
                }
            } finally {
                alarm.cancel(false);
            }
        }

        private void close(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // it is being abandoned anyway
            }
        }

        List<X509Certificate> chain() throws IOException {
            X509Certificate[] c = recorder.chain();
            if (c == null) { // no Certificate message reached the trust manager: the session's own record
                c = Arrays.stream(session.getPeerCertificates()).map(X509Certificate.class::cast)
                        .toArray(X509Certificate[]::new);
            }
            return List.of(c);
        }
    }

    /** The chain {@code h} recorded: its path, AIA downloads if it stops short, verdict and diagnosis. */
    private CaReport analyse(Target t, String address, Handshake h, long deadline) throws IOException {
        List<X509Certificate> sent = h.chain();
        if (sent.isEmpty()) return CaReport.failed(t, address, "the server sent no certificate", h.nanos);
        ChainWalk walk = new ChainWalk(sent, anchors);
        if (aia && (walk.sentEnd == End.INCOMPLETE || fetchRoot && walk.sentEnd == End.ANCHORED)) {
            walk.followAia(client, deadline, fetchRoot, maxHops);
        }
        End end = walk.finish();
        Diagnoses d = new Diagnoses(sent, walk, end, t.host(), Instant.now());
        Verdict v = d.verdict(h.recorder.verdict() == null ? null : h.recorder.verdict().getMessage());
        List<X509Certificate> saved = new ArrayList<>(includeLeaf ? sent : sent.subList(1, sent.size()));
        if (fetchRoot) for (Link l : walk.path) if (l.origin() == Origin.AIA) saved.add(l.cert());
        return new CaReport(t, address, null, h.session.getProtocol(), h.session.getCipherSuite(), h.nanos, sent,
                List.copyOf(walk.path), end, List.copyOf(walk.fetches), v, d.all(), List.copyOf(saved));
    }

    /** How fetches are made. */
    public static final class Builder {
        private Duration timeout = Duration.ofSeconds(10);
        private List<X509Certificate> trust;
        private boolean aia = true, fetchRoot, includeLeaf;
        private int maxHops = 8, maxAiaBytes = 1 << 20, threads = 16;

        private Builder() {}

        /** Each fetch's deadline, AIA downloads included (tracep's -timeout; 10 s). */
        public Builder timeout(Duration d) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("timeout must be positive");
            timeout = d;
            return this;
        }

        /** Judge chains against exactly these anchors instead of the JDK's cacerts. */
        public Builder trust(List<X509Certificate> anchors) {
            trust = List.copyOf(anchors);
            return this;
        }

        /** Follow caIssuers URLs when the server's chain stops short (on by default). */
        public Builder aia(boolean on) {
            aia = on;
            return this;
        }

        /** Follow caIssuers up to a self-signed root even past a trust anchor, and save what it finds (-fetch-root). */
        public Builder fetchRoot(boolean on) {
            fetchRoot = on;
            return this;
        }

        /** Save the server's own certificate too (-all). */
        public Builder includeLeaf(boolean on) {
            includeLeaf = on;
            return this;
        }

        /** At most this many AIA downloads that add a certificate, per chain (8). */
        public Builder maxAiaHops(int n) {
            maxHops = n;
            return this;
        }

        /** At most this many bytes per AIA download (1 MiB). */
        public Builder maxAiaBytes(int n) {
            maxAiaBytes = n;
            return this;
        }

        /** At most this many fetches at once (16). */
        public Builder threads(int n) {
            threads = Math.max(1, n);
            return this;
        }

        /** @throws GeneralSecurityException when the trust anchors cannot be loaded */
        public CaFetcher build() throws GeneralSecurityException {
            return new CaFetcher(this);
        }
    }
}
