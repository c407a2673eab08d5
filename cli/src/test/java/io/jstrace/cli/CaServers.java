package io.jstrace.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The servers {@code jstrace ca} is tested against, all on loopback and made by the test:
 * chains from {@code ca/chains.sh} (openssl req, ca, x509), one {@code openssl s_server}
 * per chain, {@code python3 -m http.server} serving the AIA certificates, a misbehaving AIA
 * server and STARTTLS servers (SMTP, IMAP, POP3, FTP) in Python. Closing stops every process.
 */
final class CaServers implements AutoCloseable {
    final Path dir;
    final int http;
    final int bad;
    private final Map<String, Integer> ports = new HashMap<>();
    private final List<Process> processes = new ArrayList<>();
    /** Per STARTTLS protocol (smtp, imap, pop3, ftp): its server's port, and what it logged (commands, handshakes). */
    final Map<String, Integer> starttls = new HashMap<>();
    final Map<String, List<String>> starttlsLog = new HashMap<>();

    /** s_server name → its certificate, what -cert_chain sends after it (or null), extra options. */
    private static final String[][] SERVERS = {
        {"good", "leaf", "chain-int.pem"},
        {"alone", "leaf", null},
        {"rootsent", "leaf", "chain-int-root.pem"},
        {"order", "leaf", "chain-root-int.pem"},
        {"expired", "expired", "chain-int.pem"},
        {"future", "future", "chain-int.pem"},
        {"wrongname", "wrongname", "chain-int.pem"},
        {"weak", "weak", "chain-int.pem", "-cipher", "DEFAULT:@SECLEVEL=0"},
        {"p7", "leaf-p7", null},
        {"pem", "leaf-pem", null},
        {"badaia", "badaia", null},
        {"hangaia", "hangaia", null},
        {"hugeaia", "hugeaia", null},
        {"announced", "announced", null},
        {"loop", "loopleaf", null},
    };

    static boolean available() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v openssl && command -v python3").start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    CaServers(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        for (String r : List.of("chains.sh", "aia_server.py", "starttls_server.py")) {
            try (InputStream in = CaServers.class.getResourceAsStream("/ca/" + r)) {
                Files.write(dir.resolve(r), in.readAllBytes());
            }
        }
        Files.createDirectories(dir.resolve("aia"));
        try {
            http = Integer.parseInt(first(start("python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
                    "--directory", dir.resolve("aia").toString()), Pattern.compile("port ([0-9]+)")));
            bad = Integer.parseInt(first(start("python3", "-u", dir.resolve("aia_server.py").toString()),
                    Pattern.compile("^([0-9]+)$")));
            Process make = new ProcessBuilder("sh", dir.resolve("chains.sh").toString(), dir.toString(),
                    Integer.toString(http), Integer.toString(bad)).redirectErrorStream(true).start();
            String out = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!make.waitFor(120, TimeUnit.SECONDS) || make.exitValue() != 0) {
                throw new IOException("chains.sh failed: " + out);
            }
            for (String[] s : SERVERS) {
                List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0", "-www",
                        "-cert", pem(s[1]), "-key", dir.resolve(s[1] + ".key").toString()));
                if (s[2] != null) cmd.addAll(List.of("-cert_chain", dir.resolve(s[2]).toString()));
                cmd.addAll(java.util.Arrays.asList(s).subList(3, s.length));
                ports.put(s[0], Integer.parseInt(first(start(cmd.toArray(String[]::new)),
                        Pattern.compile("ACCEPT 127\\.0\\.0\\.1:([0-9]+)"))));
            }
            Files.writeString(dir.resolve("leaf-int.pem"), Files.readString(dir.resolve("leaf.pem"))
                    + Files.readString(dir.resolve("int.pem")));
            for (String proto : List.of("smtp", "imap", "pop3", "ftp")) {
                List<String> log = new CopyOnWriteArrayList<>();
                Process p = start("python3", "-u", dir.resolve("starttls_server.py").toString(), proto,
                        dir.resolve("leaf-int.pem").toString(), dir.resolve("leaf.key").toString());
                starttls.put(proto, Integer.parseInt(first(p, Pattern.compile("^([0-9]+)$"), log)));
                starttlsLog.put(proto, log);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The port of the s_server named {@code name} in SERVERS. */
    int port(String name) {
        return ports.get(name);
    }

    String pem(String name) {
        return dir.resolve(name + ".pem").toString();
    }

    private Process start(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    private static String first(Process p, Pattern pattern) throws IOException {
        return first(p, pattern, null);
    }

    /** The group of the first output line matching {@code pattern}; the rest is drained (into {@code log}). */
    private static String first(Process p, Pattern pattern, List<String> log) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            Matcher m = pattern.matcher(line);
            if (!m.find()) continue;
            Thread drain = new Thread(() -> {
                try {
                    for (String l; (l = r.readLine()) != null; ) if (log != null) log.add(l);
                } catch (IOException e) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            return m.group(1);
        }
        throw new IOException("no line matching " + pattern + " from " + p.info().commandLine().orElse("?"));
    }

    @Override
    public void close() {
        for (Process p : processes) p.destroy();
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }
}
