package io.jstrace.cli;

import io.jstrace.view.Renderer;
import io.jstrace.view.ca.CaFetcher;
import io.jstrace.view.ca.CaJson;
import io.jstrace.view.ca.CaReport;
import io.jstrace.view.ca.CaText;
import io.jstrace.view.ca.Certificates;
import io.jstrace.view.ca.StartTls;
import io.jstrace.view.ca.Target;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code jstrace ca}: tracep's ca (a server's CA chain saved as PEM) with the chain always
 * printed and diagnosed. It traces nothing: the work is {@link CaFetcher}'s.
 */
final class CaView {
    private final PrintStream out;
    private final PrintStream err;
    private final ViewCommand<CaReport> lines;

    CaView(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.lines = new ViewCommand<>("ca", err);
    }

    int run(String[] args) {
        CaOptions o = new CaOptions();
        // Go's flag package, not getopt: -all is one option, and options may follow the hosts
        CommandLine cl = new CommandLine(o.spec()).setPosixClusteredShortOptionsAllowed(false)
                .setOverwrittenOptionsAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (UnmatchedArgumentException e) {
            return lines.usageError("ca: unrecognized option '" + e.getUnmatched().get(0) + "'");
        } catch (ParameterException e) {
            return lines.usageError("ca: " + OptionTable.optionMessage(e));
        }
        if (o.help) {
            Usage.print(Usage.of(cl.getCommandSpec()), out);
            return 0;
        }
        if (o.version) {
            out.print(Jstrace.versionText("jstrace ca"));
            return 0;
        }
        try {
            List<Target> targets = targets(o);
            if (targets.isEmpty()) {
                err.println("Usage: jstrace ca [OPTIONS] HOST[:PORT] [PORT] [HOST[:PORT]...]");
                return lines.usageError("ca: no hostname given");
            }
            CaFetcher.Builder b = CaFetcher.builder().timeout(seconds(o.timeout)).aia(!o.noAia)
                    .fetchRoot(o.fetchRoot).includeLeaf(o.all);
            if (o.trust != null) b.trust(readCertificates(o.trust));
            return report(o, b.build().fetchAll(targets));
        } catch (IllegalArgumentException e) {
            return lines.usageError("ca: " + e.getMessage());
        } catch (IOException | GeneralSecurityException e) {
            err.println("jstrace: ca: " + e.getMessage());
            return 1;
        }
    }

    /** The hosts of the command line, then of --batch; a number after a host is its port. */
    private List<Target> targets(CaOptions o) throws IOException {
        StartTls starttls = null;
        if (o.starttls != null) {
            starttls = StartTls.named(o.starttls);
            if (starttls == null) throw new IllegalArgumentException("--starttls: smtp, imap, pop3 or ftp, not "
                    + o.starttls);
        }
        int port = o.port == null ? 0 : Target.parsePort(o.port);
        List<String> words = new ArrayList<>(o.hosts);
        if (o.batch != null) {
            List<String> batch = o.batch.equals("-") ? List.of(new String(System.in.readAllBytes(),
                    StandardCharsets.UTF_8).split("\n")) : Files.readAllLines(Path.of(o.batch));
            for (String line : batch) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) words.addAll(List.of(l.split("\\s+")));
            }
        }
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            boolean portFollows = i + 1 < words.size() && words.get(i + 1).matches("[0-9]+");
            int p = portFollows ? Target.parsePort(words.get(i + 1)) : port;
            out.add(Target.parse(words.get(i), p, starttls));
            if (portFollows) i++;
        }
        return out;
    }

    private static Duration seconds(String s) {
        String v = s.endsWith("s") ? s.substring(0, s.length() - 1) : s;
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && d < 86400) return Duration.ofMillis(Math.round(d * 1000));
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("-timeout: not a positive number of seconds: " + s);
    }

    private static List<X509Certificate> readCertificates(String file) throws IOException {
        try {
            return Certificates.parse(Files.readAllBytes(Path.of(file)));
        } catch (CertificateException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /** Prints each report, saves each chain; the exit status. */
    private int report(CaOptions o, List<CaReport> reports) throws IOException {
        boolean pemToStdout = "-".equals(o.output);
        PrintStream report = pemToStdout ? err : out;
        Renderer<CaReport> renderer = o.json ? new CaJson() : new CaText(o.insecure);
        Map<String, List<X509Certificate>> files = new LinkedHashMap<>();
        int status = 0;
        for (CaReport r : reports) {
            if (!r.fetched()) {
                err.println("jstrace: ca: " + r.target() + ": " + r.error());
                status = 1;
                if (!o.json) continue;
            } else if (!r.verdict().ok() && !o.insecure && status == 0) {
                status = 2;
            }
            String file = pemToStdout ? "-" : o.output != null ? o.output : r.target().host() + "-ca.pem";
            if (r.fetched()) files.computeIfAbsent(file, f -> new ArrayList<>()).addAll(r.saved());
            StringBuilder line = new StringBuilder(renderer.line(r));
            if (!o.json) line.append('\n').append(saved(r, file)).append('\n');
            report.println(line);
            report.flush();
        }
        for (Map.Entry<String, List<X509Certificate>> f : files.entrySet()) save(f.getKey(), f.getValue());
        return status;
    }

    private static String saved(CaReport r, String file) {
        if (r.saved().isEmpty()) {
            return "nothing saved: the server sent only its own certificate (-all saves it, -fetch-root adds"
                    + " its issuers)";
        }
        return "saved " + r.saved().size() + " certificate(s) to " + (file.equals("-") ? "standard output" : file);
    }

    private void save(String file, List<X509Certificate> certs) throws IOException {
        if (certs.isEmpty()) return;
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certs) pem.append(Certificates.pem(c));
        byte[] bytes = pem.toString().getBytes(StandardCharsets.US_ASCII);
        if (file.equals("-")) {
            out.write(bytes);
            out.flush();
            return;
        }
        try (OutputStream f = new FileOutputStream(file)) {
            f.write(bytes);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }
}
