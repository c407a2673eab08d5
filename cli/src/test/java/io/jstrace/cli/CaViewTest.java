package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.jstrace.view.ca.CaFetcher;
import io.jstrace.view.ca.CaReport;
import io.jstrace.view.ca.CaReport.AiaFetch;
import io.jstrace.view.ca.CaReport.Diagnosis;
import io.jstrace.view.ca.CaReport.End;
import io.jstrace.view.ca.CaReport.Link;
import io.jstrace.view.ca.CaReport.Origin;
import io.jstrace.view.ca.CaReport.Reason;
import io.jstrace.view.ca.Certificates;
import io.jstrace.view.ca.StartTls;
import io.jstrace.view.ca.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jstrace ca} against real servers on loopback (CaServers): openssl s_server sending
 * test-made chains, python's http.server serving their AIA certificates as DER, PEM and
 * PKCS#7, a misbehaving AIA server, a STARTTLS SMTP server, a server that never speaks.
 * Every certificate reported is checked against openssl's own fingerprint of the file the
 * server was given; every diagnosis against the defect the chain was made with.
 */
class CaViewTest {
    private static CaServers servers;
    private static CaFetcher trusting;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(CaServers.available(), "openssl and python3 are needed");
        servers = new CaServers(Files.createTempDirectory("jstrace-ca"));
        trusting = CaFetcher.builder().trust(List.of(cert("root"))).timeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (servers != null) servers.close();
    }

    private static java.security.cert.X509Certificate cert(String name) throws Exception {
        return Certificates.parse(Files.readAllBytes(Path.of(servers.pem(name)))).get(0);
    }

    /** openssl's SHA-256 fingerprint of DIR/NAME.pem, lower-case hex without colons: the ground truth. */
    private static String fingerprint(String name) throws Exception {
        String out = openssl("x509", "-in", servers.pem(name), "-noout", "-fingerprint", "-sha256");
        return out.substring(out.indexOf('=') + 1).strip().replace(":", "").toLowerCase();
    }

    /** openssl's notAfter of DIR/NAME.pem. */
    private static Instant notAfter(String name) throws Exception {
        String out = openssl("x509", "-in", servers.pem(name), "-noout", "-enddate", "-dateopt", "iso_8601");
        return Instant.parse(out.substring(out.indexOf('=') + 1).strip().replace(' ', 'T'));
    }

    private static String openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return out;
    }

    private static Target local(String server) {
        return new Target("localhost", servers.port(server), null);
    }

    private static List<String> sent(CaReport r) {
        List<String> out = new ArrayList<>();
        for (var c : r.sent()) out.add(Certificates.sha256(c));
        return out;
    }

    private static List<String> path(CaReport r) {
        List<String> out = new ArrayList<>();
        for (Link l : r.path()) out.add(l.label());
        return out;
    }

    private static Set<String> codes(CaReport r) {
        Set<String> out = new TreeSet<>();
        for (Diagnosis d : r.diagnoses()) out.add(d.code());
        return out;
    }

    private static Diagnosis diagnosis(CaReport r, String code) {
        for (Diagnosis d : r.diagnoses()) if (d.code().equals(code)) return d;
        throw new AssertionError("no " + code + " in " + r.diagnoses());
    }

    @Test
    void goodChainIsTrustedAndSentAsIs() throws Exception {
        CaReport r = trusting.fetch(local("good"));
        assertNull(r.error());
        assertEquals(List.of(fingerprint("leaf"), fingerprint("int")), sent(r));
        assertEquals(List.of("#0", "#1", "trust"), path(r));
        assertEquals(End.ANCHORED, r.end());
        assertTrue(r.verdict().ok(), r.verdict().toString());
        assertNull(r.verdict().jsse());
        assertTrue(r.aia().isEmpty(), "a complete chain needs no download: " + r.aia());
        assertEquals(Set.of("expiry"), codes(r));
        long days = Duration.between(Instant.now(), notAfter("leaf")).toDays();
        assertTrue(diagnosis(r, "expiry").message().startsWith("expires in " + days + " days"), r.diagnoses()
                .toString());
        assertEquals(List.of(fingerprint("int")), r.saved().stream().map(Certificates::sha256).toList());
        assertTrue(r.protocol().startsWith("TLSv1."), r.protocol());
    }

    @Test
    void untrustedRootIsPrintedWithItsReason() throws Exception {
        CaFetcher system = CaFetcher.builder().timeout(Duration.ofSeconds(5)).build(); // the JDK's cacerts
        CaReport r = system.fetch(local("good"));
        assertEquals(List.of(fingerprint("leaf"), fingerprint("int")), sent(r));
        assertFalse(r.verdict().ok());
        assertEquals(List.of(Reason.UNTRUSTED_ROOT), r.verdict().reasons());
        assertNotNull(r.verdict().jsse());
        // AIA found the root the server rightly left out: an untrusted root, not a missing intermediate
        assertEquals(List.of("#0", "#1", "aia"), path(r));
        assertEquals(fingerprint("root"), Certificates.sha256(r.path().get(2).cert()));
        assertEquals(Set.of("expiry", "untrusted_root"), codes(r));
    }

    @Test
    void missingIntermediateIsRepairedThroughAia() throws Exception {
        CaReport r = trusting.fetch(local("alone"));
        assertEquals(List.of(fingerprint("leaf")), sent(r));
        assertEquals(List.of(Reason.MISSING_INTERMEDIATE), r.verdict().reasons());
        assertEquals(List.of("#0", "aia", "trust"), path(r));
        assertEquals(fingerprint("int"), Certificates.sha256(r.path().get(1).cert()));
        assertEquals("http://127.0.0.1:" + servers.http + "/int.der", r.path().get(1).url());
        assertTrue(diagnosis(r, "missing_intermediate").message().endsWith("AIA repairs it (http://127.0.0.1:"
                + servers.http + "/int.der)"), r.diagnoses().toString());
        assertEquals(1, r.aia().size());
    }

    @Test
    void aiaCertificatesAreReadAsPkcs7AndPem() throws Exception {
        for (String server : List.of("p7", "pem")) {
            CaReport r = trusting.fetch(local(server));
            assertEquals(List.of("#0", "aia", "trust"), path(r), server);
            assertEquals(fingerprint("int"), Certificates.sha256(r.path().get(1).cert()), server);
            assertTrue(r.aia().get(0).url().endsWith(server.equals("p7") ? "/int.p7c" : "/int.pem"));
        }
    }

    @Test
    void fetchRootFollowsTwoHops() throws Exception {
        CaFetcher f = CaFetcher.builder().trust(List.of(cert("root"))).fetchRoot(true).build();
        CaReport r = f.fetch(local("alone"));
        assertEquals(List.of("#0", "aia", "aia"), path(r));
        assertEquals(End.TRUSTED_ROOT, r.end());
        assertEquals(List.of(fingerprint("int"), fingerprint("root")),
                r.saved().stream().map(Certificates::sha256).toList());
        // the depth limit: one download allowed, the root two away
        CaReport one = CaFetcher.builder().trust(List.of(cert("root"))).fetchRoot(true).maxAiaHops(1).build()
                .fetch(local("alone"));
        assertEquals(List.of("#0", "aia", "trust"), path(one));
        assertEquals("stopped after 1 AIA downloads without reaching a root", diagnosis(one, "aia_depth").message());
    }

    @Test
    void wrongOrderAndNeedlessRoot() throws Exception {
        CaReport order = trusting.fetch(local("order"));
        assertEquals(List.of(fingerprint("leaf"), fingerprint("root"), fingerprint("int")), sent(order));
        assertEquals(List.of("#0", "#2", "#1"), path(order));
        assertEquals(Set.of("expiry", "root_sent", "wrong_order"), codes(order));
        assertEquals(2, diagnosis(order, "wrong_order").cert());
        assertEquals(1, diagnosis(order, "root_sent").cert());

        CaReport root = trusting.fetch(local("rootsent"));
        assertEquals(List.of(fingerprint("leaf"), fingerprint("int"), fingerprint("root")), sent(root));
        assertEquals(Set.of("expiry", "root_sent"), codes(root));
        assertTrue(root.verdict().ok());
        assertEquals(End.TRUSTED_ROOT, root.end());
    }

    @Test
    void validityAndNameFailures() throws Exception {
        CaReport expired = trusting.fetch(local("expired"));
        assertEquals(List.of(Reason.EXPIRED), expired.verdict().reasons());
        assertEquals(0, diagnosis(expired, "expired").cert());
        assertTrue(diagnosis(expired, "expired").message().contains("(2021-01-01)"));
        assertEquals(List.of(fingerprint("expired"), fingerprint("int")), sent(expired));

        CaReport future = trusting.fetch(local("future"));
        assertEquals(List.of(Reason.NOT_YET_VALID), future.verdict().reasons());
        assertTrue(diagnosis(future, "not_yet_valid").message().contains("valid only from 2040-01-01"));

        CaReport name = trusting.fetch(local("wrongname"));
        assertEquals(List.of(Reason.NAME_MISMATCH), name.verdict().reasons());
        assertNull(name.verdict().jsse(), "the path itself is fine");
        assertEquals("#0 is for other.example, not localhost", diagnosis(name, "name_mismatch").message());
        // by address: the leaf's iPAddress SAN is 127.0.0.1
        CaReport byAddress = trusting.fetch(new Target("127.0.0.1", servers.port("good"), null));
        assertTrue(byAddress.verdict().ok(), byAddress.verdict().toString());
    }

    @Test
    void weakKeyAndSignature() throws Exception {
        CaReport r = trusting.fetch(local("weak"));
        assertEquals(List.of(fingerprint("weak"), fingerprint("int")), sent(r));
        assertEquals("#0 CN=localhost has a 1024-bit RSA key", diagnosis(r, "weak_key").message());
        assertEquals("#0 CN=localhost is signed with SHA1withECDSA", diagnosis(r, "weak_signature").message());
        assertFalse(codes(trusting.fetch(local("good"))).contains("weak_key"));
    }

    @Test
    void badAiaIsSaidAndNothingThrows() throws Exception {
        CaFetcher f = CaFetcher.builder().trust(List.of(cert("root"))).timeout(Duration.ofSeconds(3)).build();
        CaReport garbage = f.fetch(local("badaia"));
        assertEquals(List.of(Reason.UNKNOWN_ISSUER), garbage.verdict().reasons());
        assertTrue(garbage.aia().get(0).error().startsWith("not a certificate (DER, PEM or PKCS#7)"),
                garbage.aia().toString());

        long start = System.nanoTime();
        CaReport hang = f.fetch(local("hangaia"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 3_600, "the AIA download that hangs ends at the deadline: " + ms + " ms");
        assertNull(hang.error(), "the chain itself came");
        assertEquals("timed out", hang.aia().get(0).error());

        for (String server : List.of("hugeaia", "announced")) {
            start = System.nanoTime();
            AiaFetch a = f.fetch(local(server)).aia().get(0);
            assertTrue(a.error().endsWith("over the cap of 1048576 bytes"), a.toString());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), server);
        }
        assertTrue(f.fetch(local("announced")).aia().get(0).error().startsWith("1073741824 bytes announced"));

        CaReport loop = f.fetch(local("loop"));
        List<String> errors = loop.aia().stream().map(AiaFetch::error).toList();
        assertEquals("loop: this URL was fetched already", errors.get(errors.size() - 1), loop.aia().toString());
        assertEquals(List.of("#0", "aia", "aia"), path(loop));
        assertEquals(End.INCOMPLETE, loop.end());
    }

    @Test
    void starttls() throws Exception {
        for (StartTls proto : StartTls.values()) {
            String name = proto.toString();
            CaReport r = trusting.fetch(new Target("localhost", servers.starttls.get(name), proto));
            assertNull(r.error(), name);
            assertEquals(List.of(fingerprint("leaf"), fingerprint("int")), sent(r), name);
            assertTrue(r.verdict().ok(), name);
            List<String> log = servers.starttlsLog.get(name);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (log.stream().noneMatch(l -> l.startsWith("TLS ")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> expected = switch (proto) {
                case SMTP -> List.of("C: EHLO jstrace.invalid", "C: STARTTLS");
                case IMAP -> List.of("C: a STARTTLS");
                case POP3 -> List.of("C: STLS");
                case FTP -> List.of("C: AUTH TLS");
            };
            List<String> all = new ArrayList<>(expected);
            all.add("TLS " + r.protocol());
            assertEquals(all, log.subList(0, Math.min(log.size(), all.size())), name);
        }
    }

    @Test
    void aServerThatNeverSpeaksTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread accept = new Thread(() -> {
                try {
                    while (true) held.add(silent.accept());
                } catch (IOException e) {
                    // closed
                }
            });
            accept.setDaemon(true);
            accept.start();
            CaFetcher f = CaFetcher.builder().timeout(Duration.ofMillis(1500)).build();
            long start = System.nanoTime();
            CaReport r = f.fetch(new Target("127.0.0.1", silent.getLocalPort(), null));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals("timed out after 1.5s", r.error());
            assertTrue(ms >= 1400 && ms < 2500, ms + " ms");
        }
    }

    @Test
    void garbageInsteadOfAHandshake() throws Exception {
        try (ServerSocket garbage = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Thread serve = new Thread(() -> {
                try (Socket s = garbage.accept()) {
                    s.getOutputStream().write("HTTP/1.0 400 this is not TLS\r\n\r\n".getBytes());
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the client left
                }
            });
            serve.setDaemon(true);
            serve.start();
            CaReport r = trusting.fetch(new Target("127.0.0.1", garbage.getLocalPort(), null));
            assertTrue(r.error().startsWith("TLS handshake failed: "), r.error());
            assertTrue(r.sent().isEmpty());
        }
    }

    @Test
    void batchFetchesConcurrently() throws Exception {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 20; i++) targets.add(local(i % 2 == 0 ? "good" : "rootsent"));
        // one s_server answers one handshake at a time: a generous deadline for the last in its queue
        CaFetcher f = CaFetcher.builder().trust(List.of(cert("root"))).timeout(Duration.ofSeconds(30)).build();
        List<CaReport> rs = f.fetchAll(targets);
        assertEquals(20, rs.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(targets.get(i), rs.get(i).target());
            assertNull(rs.get(i).error(), rs.get(i).error());
            assertEquals(i % 2 == 0 ? 2 : 3, rs.get(i).sent().size());
            assertTrue(rs.get(i).verdict().ok());
        }
    }

    // ---- the command line

    /** {@code jstrace ca ARGS} in this JVM (for speed), in the working directory of the test's JVM. */
    private static JstraceProcess.Result ca(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = new CaView(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new JstraceProcess.Result(status, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** {@code jstrace ca ARGS} as a user runs it, in the servers' directory. */
    private static JstraceProcess.Result caProcess(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("ca"));
        a.addAll(List.of(args));
        return JstraceProcess.run(servers.dir, a);
    }

    @Test
    void tracepOptionsAnywhere() throws Exception {
        String port = Integer.toString(servers.port("good"));
        String intPem = Files.readString(Path.of(servers.pem("int")));
        String trust = servers.pem("root");
        JstraceProcess.Result before = ca("-o", "-", "-trust", trust, "localhost:" + port);
        JstraceProcess.Result after = ca("localhost", "-port", port, "-o", "-", "--trust", trust);
        JstraceProcess.Result spaced = ca("localhost", port, "-o", "-", "--trust=" + trust);
        for (JstraceProcess.Result r : List.of(before, after, spaced)) {
            assertEquals(0, r.exit(), r.stderr());
            assertEquals(intPem, r.stdout());
            assertTrue(r.stderr().contains("verify: ok"), r.stderr());
        }
        JstraceProcess.Result all = ca("localhost:" + port, "-all", "-o", "-", "-trust", trust);
        assertEquals(Files.readString(Path.of(servers.pem("leaf"))) + intPem, all.stdout());

        // the default file HOST-ca.pem; the report on standard output
        JstraceProcess.Result file = caProcess("localhost:" + port, "-trust", trust);
        assertEquals(0, file.exit(), file.stderr());
        assertEquals(intPem, Files.readString(servers.dir.resolve("localhost-ca.pem")));
        assertTrue(file.stdout().contains("saved 1 certificate(s) to localhost-ca.pem"), file.stdout());

        JstraceProcess.Result fetchRoot = ca("-fetch-root", "localhost:" + servers.port("alone"), "-o", "-",
                "-trust", trust);
        assertEquals(intPem + Files.readString(Path.of(servers.pem("root"))), fetchRoot.stdout());
    }

    @Test
    void exitStatusAndInsecure() throws Exception {
        String target = "localhost:" + servers.port("good");
        JstraceProcess.Result untrusted = ca(target, "-o", "/dev/null");
        assertEquals(2, untrusted.exit(), untrusted.stderr());
        assertTrue(untrusted.stdout().contains("verify: FAILED: untrusted root\n"), untrusted.stdout());
        assertTrue(untrusted.stdout().contains("  #1 CN=jstrace test int\n"), "printed all the same");
        JstraceProcess.Result insecure = ca(target, "-o", "/dev/null", "-insecure");
        assertEquals(0, insecure.exit(), insecure.stderr());
        assertTrue(insecure.stdout().contains("verify: FAILED: untrusted root (-insecure: not counted)"));
    }

    @Test
    void badInputIsOneLine() throws Exception {
        JstraceProcess.Result none = caProcess();
        assertEquals(1, none.exit());
        assertTrue(none.stderr().startsWith("Usage: jstrace ca [OPTIONS] HOST"), none.stderr());
        assertTrue(none.stderr().contains("hostname"), none.stderr());

        JstraceProcess.Result version = ca("-version");
        assertEquals(0, version.exit());
        assertTrue(version.stdout().startsWith("jstrace ca -- version "));

        JstraceProcess.Result unknown = caProcess("no-such-host.invalid", "-timeout", "3");
        assertEquals(1, unknown.exit());
        assertEquals("jstrace: ca: no-such-host.invalid:443: unknown host\n", unknown.stderr());

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        JstraceProcess.Result refused = ca("127.0.0.1:" + closed);
        assertEquals(1, refused.exit());
        assertEquals("jstrace: ca: 127.0.0.1:" + closed + ": connection refused\n", refused.stderr());

        JstraceProcess.Result option = ca("-bogus", "localhost");
        assertEquals(1, option.exit());
        assertTrue(option.stderr().startsWith("jstrace: ca: unrecognized option '-bogus'\n"), option.stderr());
        assertEquals(1, ca("--starttls", "gopher", "localhost").exit());
        assertEquals(1, ca("-port", "70000", "localhost").exit());
        for (JstraceProcess.Result r : List.of(none, unknown, refused, option)) {
            assertFalse(r.stderr().contains("Exception"), r.stderr());
        }
    }

    @Test
    void jsonForABatchFollowsTheSchema() throws Exception {
        Path batch = servers.dir.resolve("hosts.txt");
        Files.writeString(batch, "# the local chains\nlocalhost:" + servers.port("good") + "\nlocalhost "
                + servers.port("alone") + "\n\nlocalhost:" + servers.port("expired") + "\n");
        JstraceProcess.Result r = ca("--json", "--batch", batch.toString(), "localhost:" + servers.port("order"),
                "127.0.0.1:1", "-trust", servers.pem("root"), "-o", "/dev/null");
        assertEquals(1, r.exit(), "a host that could not be fetched: " + r.stderr());
        JsonSchema schema = Schemas.of("jstrace-ca.schema.json");
        String[] lines = r.stdout().split("\n");
        assertEquals(5, lines.length, r.stdout());
        for (String line : lines) assertNull(Schemas.errors(schema, line), line);
        JsonNode order = Schemas.parse(lines[0]), refused = Schemas.parse(lines[1]), good = Schemas.parse(lines[2]),
                alone = Schemas.parse(lines[3]), expired = Schemas.parse(lines[4]);
        assertEquals(servers.port("order"), order.get("port").asInt(), "command-line hosts first");
        assertEquals(fingerprint("int"), good.get("chain").get(1).get("sha256").asText());
        assertEquals(Files.readString(Path.of(servers.pem("int"))), good.get("chain").get(1).get("pem").asText());
        assertTrue(good.get("verify").get("ok").asBoolean());
        assertEquals("missing_intermediate", alone.get("verify").get("reasons").get(0).asText());
        assertEquals("expired", expired.get("verify").get("reasons").get(0).asText());
        assertEquals("connection refused", refused.get("error").asText());
        assertTrue(r.stderr().contains("jstrace: ca: 127.0.0.1:1: connection refused"), r.stderr());
    }
}
