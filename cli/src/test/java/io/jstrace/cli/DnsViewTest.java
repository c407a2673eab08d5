package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jstrace dns} against a real dnsmasq, in a network, mount and pid namespace the
 * test makes (loopback only, a bind-mounted resolv.conf pointing at dnsmasq; the pid
 * namespace's end kills whatever is left): getent (glibc's A and AAAA in one sendmmsg on a
 * connected UDP socket), dig over UDP and TCP, Python's getaddrinfo and a hand-made client
 * (an unconnected sendto, a TCP query split across writes and read a byte at a time, a
 * query that is never answered). The workload notes each client's pid and what it asked;
 * every record is checked against that and against dnsmasq's configuration.
 */
class DnsViewTest {
    /** name/type → the answers dnsmasq's configuration gives (NXDOMAIN: null). */
    private static final Map<String, List<String>> ANSWERS = new HashMap<>();

    static {
        ANSWERS.put("h.test/A", List.of("10.0.0.2"));
        ANSWERS.put("h.test/AAAA", List.of("fd00::2"));
        ANSWERS.put("c.test/A", List.of("10.0.0.2"));
        ANSWERS.put("c.test/AAAA", List.of("fd00::2"));
        ANSWERS.put("m.test/MX", List.of("10 mail.test"));
        ANSWERS.put("t.test/TXT", List.of("\"hello world\""));
        ANSWERS.put("nx.test/A", null);
        ANSWERS.put("nx.test/AAAA", null);
    }

    private static boolean available() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v dnsmasq && command -v dig && command -v unshare"
                    + " && [ \"$(id -u)\" = 0 ] && unshare -n -m -p -f --kill-child true").start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void copy(String resource, Path to) throws Exception {
        try (InputStream in = DnsViewTest.class.getResourceAsStream("/dns/" + resource)) {
            Files.write(to, in.readAllBytes());
        }
    }

    /** Runs {@code jstrace dns ARGS -- sh workload.sh truth client.py} in the namespace with dnsmasq; its output. */
    private static JstraceProcess.Result inNamespace(Path dir, List<String> args) throws Exception {
        List<String> jstrace = new ArrayList<>(args);
        jstrace.addAll(List.of("--", "sh", dir.resolve("workload.sh").toString(), dir.resolve("truth").toString(),
                dir.resolve("client.py").toString()));
        copy("workload.sh", dir.resolve("workload.sh"));
        copy("client.py", dir.resolve("client.py"));
        return inNamespace(dir, List.of(), jstrace);
    }

    /**
     * Runs jstrace with {@code jstrace} as its arguments in a network, mount and pid
     * namespace with dnsmasq on 127.0.0.1 and a stub forwarding to it on 127.0.0.53, after
     * the shell lines {@code setup}; its output.
     */
    private static JstraceProcess.Result inNamespace(Path dir, List<String> setup, List<String> jstrace)
            throws Exception {
        // "search test": glibc tries a name that is not found once more with the domain added (nx.test.test)
        Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\nsearch test\n");
        Files.writeString(dir.resolve("ns.sh"), String.join("\n",
                "set -e",
                "ip link set lo up",
                "mount --bind \"$DIR/resolv.conf\" /etc/resolv.conf",
                "dnsmasq --no-resolv --no-hosts --local=/test/ --host-record=h.test,10.0.0.2,fd00::2 --host-record=web.test,127.0.0.1"
                        + " --cname=c.test,h.test --mx-host=m.test,mail.test,10 --txt-record=t.test,'hello world'"
                        + " --port=53 --listen-address=127.0.0.1 --bind-interfaces --keep-in-foreground"
                        + " --log-facility=/dev/null -C /dev/null --pid-file=\"$DIR/dnsmasq.pid\" &",
                "D=$!",
                // a second dnsmasq on 127.0.0.53, as systemd-resolved's stub listens, forwarding to the first
                "dnsmasq --no-resolv --no-hosts --server=127.0.0.1 --port=53 --listen-address=127.0.0.53"
                        + " --bind-interfaces --keep-in-foreground --log-facility=/dev/null -C /dev/null"
                        + " --pid-file=\"$DIR/stub.pid\" &",
                "S=$!",
                "trap 'kill $D $S 2>/dev/null; wait $D $S 2>/dev/null' EXIT",
                "for s in 127.0.0.1 127.0.0.53; do i=0; until dig +short +tries=1 +time=1 @$s ready.test >/dev/null 2>&1; do"
                        + " i=$((i+1)); [ $i -lt 50 ] || exit 99; sleep 0.1; done; done",
                String.join("\n", setup),
                "set +e",
                "\"$@\"",
                ""));
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "-m", "-p", "-f", "--kill-child", "--mount-proc",
                "sh", dir.resolve("ns.sh").toString()));
        cmd.addAll(JstraceProcess.builder(dir, jstrace).command());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("DIR", dir.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly(); // --kill-child: the namespace's processes die with it
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("jstrace dns did not finish");
        }
        return new JstraceProcess.Result(p.exitValue(), Files.readString(dir.resolve("stdout")),
                Files.readString(dir.resolve("stderr")));
    }

    @Test
    void everyLookupOfEveryClientAgainstGroundTruth(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(available(), "needs root, unshare, dnsmasq and dig");
        Path out = dir.resolve("dns.jsonl");
        JstraceProcess.Result r = inNamespace(dir, List.of("dns", "-j", "-t", "--port", "53,5353", "-o",
                out.toString()));
        assertEquals(0, r.exit(), r.stderr());
        List<String> truth = Files.readAllLines(dir.resolve("truth"));
        assertEquals(14, truth.size(), truth.toString());
        JsonSchema schema = Schemas.of("jstrace-dns.schema.json");
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            assertNull(Schemas.errors(schema, line), line);
            records.add(Schemas.parse(line));
        }
        int expected = 0;
        java.util.Set<Long> lookups = new java.util.HashSet<>();
        for (String t : truth) {
            String[] f = t.split(" "); // PID TOOL NAME TYPES PROTO [SERVER]
            int pid = Integer.parseInt(f[0]);
            List<JsonNode> mine = records.stream().filter(n -> n.get("pid").asInt() == pid).toList();
            List<String> types = List.of(f[3].split("\\+"));
            // glibc (getent) tries a name it cannot find again with resolv.conf's search domain, in the same lookup
            List<String> names = f[1].equals("getent") && ANSWERS.get(f[2] + "/A") == null
                    ? List.of(f[2], f[2] + ".test") : List.of(f[2]);
            expected += types.size() * names.size();
            assertEquals(types.size() * names.size(), mine.size(), t + ": " + mine);
            String server = (f.length > 5 ? f[5] : "127.0.0.1") + ":" + (f[4].equals("udp-silent") ? 5353 : 53);
            long lookup = mine.get(0).get("lookup").asLong();
            assertTrue(lookups.add(lookup), "one lookup per resolution: " + t + ": " + mine);
            for (JsonNode n : mine) {
                String where = t + ": " + n;
                assertEquals(lookup, n.get("lookup").asLong(), where);
                assertEquals(f[1], n.get("name").asText(), where);
                assertTrue(names.contains(n.get("query").asText()), where);
                assertEquals(server, n.get("server").asText(), where);
                assertTrue(types.contains(n.get("type").asText()), where);
                assertEquals(f[4].startsWith("tcp") ? "tcp" : "udp", n.get("proto").asText(), where);
                assertEquals("stub", n.get("via").asText(), where);
                assertTrue(n.get("ts").asText().endsWith("Z"), where);
                assertFalse(n.get("unmatched").asBoolean(), where);
                assertTrue(n.get("malformed").isNull(), where);
                if (f[4].equals("udp-silent")) {
                    assertTrue(n.get("timeout").asBoolean(), where);
                    assertTrue(n.get("rcode").isNull(), where);
                    assertTrue(n.get("latency_ms").isNull(), where);
                    continue;
                }
                assertFalse(n.get("timeout").asBoolean(), where);
                assertTrue(n.get("latency_ms").asDouble() >= 0, where);
                assertTrue(n.get("flags").get("qr").asBoolean(), where);
                assertTrue(n.get("response_bytes").asInt() > 12 && n.get("query_bytes").asInt() > 12, where);
                List<String> want = ANSWERS.get(n.get("query").asText() + "/" + n.get("type").asText());
                List<String> got = new ArrayList<>();
                n.get("answers").forEach(a -> got.add(a.asText()));
                if (want == null) {
                    assertEquals("NXDOMAIN", n.get("rcode").asText(), where);
                    assertEquals(List.of(), got, where);
                } else {
                    assertEquals("NOERROR", n.get("rcode").asText(), where);
                    assertEquals(want, got, where);
                }
                if (f[2].equals("c.test")) {
                    assertEquals("h.test", n.get("cname_chain").get(0).asText(), where);
                    assertEquals("CNAME", n.get("answer_rrs").get(0).get("type").asText(), where);
                }
            }
            if (types.size() == 2 && names.size() == 1) { // glibc: A and AAAA in one sendmmsg on one connected socket
                assertEquals("sendmmsg", mine.get(0).get("syscall_send").asText(), t);
                assertEquals(mine.get(0).get("syscall_send"), mine.get(1).get("syscall_send"), t);
                assertEquals(mine.get(0).get("fd"), mine.get(1).get("fd"), t);
                assertEquals(mine.get(0).get("time_ns"), mine.get(1).get("time_ns"), t);
                assertTrue(mine.get(0).get("id").asInt() != mine.get(1).get("id").asInt(), t);
            }
            if (f[1].equals("python3") && f[4].equals("udp")) {
                if (types.size() == 1) {
                    assertEquals("sendto", mine.get(0).get("syscall_send").asText(), t);
                    assertEquals("recvfrom", mine.get(0).get("syscall_recv").asText(), t);
                }
            }
        }
        assertEquals(expected, records.size(), "records beyond the workload's: " + records);
    }

    /** glibc's nscd, installed or unpacked by .ci/run where no daemon starts from it; null when neither. */
    private static String nscd() {
        for (String p : List.of("/usr/sbin/nscd", "/opt/jstrace-test/nscd/usr/sbin/nscd")) {
            if (Files.isExecutable(Path.of(p))) return p;
        }
        return null;
    }

    /**
     * getent through nscd: in the namespace, nscd (with its own configuration: the hosts
     * cache only, not shared, so every lookup is a request on its socket) answers from
     * dnsmasq; the clients ask nscd alone. Each request is reported with nscd's answer,
     * and no DNS exchange of the clients' own.
     */
    @Test
    void requestsToNscdAreReportedAsSuch(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(available() && nscd() != null, "needs root, unshare, dnsmasq, dig and nscd");
        Files.writeString(dir.resolve("nscd.conf"), String.join("\n", "enable-cache hosts yes",
                "persistent hosts no", "shared hosts no", "enable-cache passwd no", "enable-cache group no",
                "enable-cache services no", "enable-cache netgroup no", ""));
        Files.writeString(dir.resolve("workload.sh"), String.join("\n",
                "getent ahosts h.test >/dev/null & echo \"$! h.test\" >> \"$1\"; wait",
                "getent ahosts nx.test >/dev/null & echo \"$! nx.test\" >> \"$1\"; wait", ""));
        Path out = dir.resolve("dns.jsonl");
        JstraceProcess.Result r = inNamespace(dir, List.of("mount -t tmpfs tmpfs /run && mkdir /run/nscd",
                nscd() + " -f \"$DIR/nscd.conf\" -F & N=$!",
                "i=0; until [ -S /run/nscd/socket ]; do i=$((i+1)); [ $i -lt 50 ] || exit 98; sleep 0.1; done"),
                List.of("dns", "-j", "-o", out.toString(), "--", "sh", dir.resolve("workload.sh").toString(),
                        dir.resolve("truth").toString()));
        assertEquals(0, r.exit(), r.stderr());
        JsonSchema schema = Schemas.of("jstrace-dns.schema.json");
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            assertNull(Schemas.errors(schema, line), line);
            records.add(Schemas.parse(line));
        }
        List<String> truth = Files.readAllLines(dir.resolve("truth"));
        assertEquals(2, truth.size(), truth.toString());
        for (String t : truth) {
            int pid = Integer.parseInt(t.split(" ")[0]);
            String name = t.split(" ")[1];
            List<JsonNode> mine = records.stream().filter(n -> n.get("pid").asInt() == pid).toList();
            assertTrue(mine.stream().allMatch(n -> n.get("proto").asText().equals("nscd")
                    && n.get("via").asText().equals("nscd") && n.get("server").asText().equals("/var/run/nscd/socket")),
                    "the client asked nscd alone: " + mine);
            List<JsonNode> ai = mine.stream().filter(n -> n.get("type").asText().equals("GETAI")).toList();
            assertEquals(1, ai.size(), t + ": " + mine);
            JsonNode n = ai.get(0);
            assertEquals(name, n.get("query").asText(), t);
            assertEquals(name, n.get("nscd").get("key").asText(), t);
            assertFalse(n.get("timeout").asBoolean(), t);
            assertTrue(n.get("latency_ms").asDouble() >= 0, t);
            List<String> got = new ArrayList<>();
            n.get("answers").forEach(a -> got.add(a.asText()));
            if (name.equals("h.test")) {
                assertEquals("NOERROR", n.get("rcode").asText(), n.toString());
                assertEquals(1, n.get("nscd").get("found").asInt(), n.toString());
                assertEquals("h.test", n.get("nscd").get("canonical").asText(), n.toString());
                assertEquals(java.util.Set.of("10.0.0.2", "fd00::2"), java.util.Set.copyOf(got), n.toString());
            } else {
                assertEquals("NXDOMAIN", n.get("rcode").asText(), n.toString());
                assertEquals(0, n.get("nscd").get("found").asInt(), n.toString());
                assertEquals(List.of(), got, n.toString());
            }
        }
    }

    /**
     * {@code jstrace net}: curl resolves web.test through dnsmasq and fetches from python's
     * http.server; the connection carries the name curl's own answer gave ({@code dns_name})
     * and, with {@code -r}, the address's reverse-DNS name (the namespace's /etc/hosts, the
     * host's: 127.0.0.1 is localhost).
     */
    @Test
    void netNamesRemoteAddressesFromTheProcessesOwnAnswers(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(available(), "needs root, unshare, dnsmasq and dig");
        Files.writeString(dir.resolve("index.html"), "hello\n");
        Path out = dir.resolve("net.jsonl");
        JstraceProcess.Result r = inNamespace(dir, List.of(
                "(cd \"$DIR\" && exec python3 -m http.server --bind 127.0.0.1 8000 >/dev/null 2>&1) &",
                "i=0; until curl -s -o /dev/null http://127.0.0.1:8000/; do i=$((i+1)); [ $i -lt 50 ] || exit 97;"
                        + " sleep 0.1; done"),
                List.of("net", "-j", "-t", "-r", "-O", "-4", "-o", out.toString(), "--", "curl", "-s", "-o",
                        "/dev/null", "http://web.test:8000/index.html"));
        assertEquals(0, r.exit(), r.stderr());
        List<JsonNode> closes = new ArrayList<>();
        JsonSchema schema = Schemas.of("jstrace-net.schema.json");
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            assertNull(Schemas.errors(schema, line), line);
            JsonNode n = Schemas.parse(line);
            if (n.get("event").asText().equals("close") && n.get("proto").asText().equals("tcp")) closes.add(n);
        }
        assertEquals(1, closes.size(), closes.toString());
        JsonNode c = closes.get(0);
        assertEquals("127.0.0.1:8000", c.get("remote").asText(), c.toString());
        assertEquals("web.test", c.get("dns_name").asText(), c.toString());
        assertEquals("localhost", c.get("rdns").asText(), c.toString());
        assertTrue(c.get("rx_bytes").asLong() > 6, c.toString());
    }

    @Test
    void textColumnsNamesOnlyAndFilters(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(available(), "needs root, unshare, dnsmasq and dig");
        JstraceProcess.Result r = inNamespace(dir, List.of("dns", "-n", "dig", "-T", "a,mx", "-o", "-"));
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("PID     COMM"), lines.toString());
        // dig's A and MX lookups over UDP only: h.test A (twice: direct and through the stub), m.test MX, nx.test A
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.split("\\s+")[1].equals("dig")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("m.test") && l.contains("NOERROR")
                && l.contains("10 mail.test")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("nx.test") && l.contains("NXDOMAIN")), lines.toString());
    }

    @Test
    void usageErrors() throws Exception {
        // --system itself: SystemViewsTest
        JstraceProcess.Result r = JstraceProcess.run(Path.of("."), List.of("dns", "--system", "true"));
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("need exactly one of CMD [ARGS], -p PID[,PID...] and --system"), r.stderr());
        r = JstraceProcess.run(Path.of("."), List.of("dns"));
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("need exactly one of CMD"), r.stderr());
        r = JstraceProcess.run(Path.of("."), List.of("dns", "-T", "BOGUS", "true"));
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("unknown record type"), r.stderr());
        r = JstraceProcess.run(Path.of("."), List.of("dns", "-h"));
        assertEquals(0, r.exit());
        assertTrue(r.stdout().contains("-T TYPE, --type=TYPE"), r.stdout());
    }
}
