package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jstrace ca}'s options: tracep's, with tracep's single-dash spellings (Go's flag
 * package: {@code -all}, {@code -fetch-root}, {@code -port 8443}, {@code -port=8443}), each
 * also with two dashes; jstrace's own additions with two.
 */
final class CaOptions {
    String output;
    String port;
    boolean all;
    boolean fetchRoot;
    boolean insecure;
    String timeout = "10";
    boolean version;
    boolean json;
    String starttls;
    String batch;
    String trust;
    boolean noAia;
    boolean help;
    List<String> hosts = new ArrayList<>();

    CommandSpec spec() {
        return new OptionTable("jstrace ca", "Dial each HOST with TLS (Java's JSSE), print the certificate chain"
                + " exactly as the server sent it with the verification result and a diagnosis (order, missing"
                + " intermediates repaired through AIA, a root sent needlessly, expiry, name, weak keys and"
                + " signatures), and save its CA certificates as PEM. Several hosts are fetched at once."
                + " Exit status: 0, 1 when a host could not be fetched (or on a usage error), 2 when a chain"
                + " fails verification (0 with -insecure).")
                .synopsis("jstrace ca [OPTIONS] HOST[:PORT] [PORT] [HOST[:PORT]...]\n"
                        + "       jstrace ca [OPTIONS] --batch FILE")
                .value("-o --output", "FILE", String.class, "save the PEM to FILE (- for standard output; the"
                        + " report then goes to standard error); default HOST-ca.pem for each host", v -> output = v)
                .value("-port --port", "N", String.class, "the port of hosts given without one (default 443;"
                        + " with --starttls the protocol's own)", v -> port = v)
                .flag("-all --all", "save the server's own certificate too", v -> all = v)
                .flag("-fetch-root --fetch-root", "follow AIA to the self-signed root, even past a trust anchor,"
                        + " and save what it finds", v -> fetchRoot = v)
                .flag("-insecure --insecure", "a chain that fails verification does not make the exit status"
                        + " non-zero (it is printed and diagnosed in every case)", v -> insecure = v)
                .value("-timeout --timeout", "SECONDS", String.class, "give up on a host after this long: lookup,"
                        + " connect, STARTTLS, handshake and AIA downloads together (default 10)", v -> timeout = v)
                .flag("-version --version", "print the version and exit", v -> version = v)
                .flag("-j --json", "one JSON object per host (docs/jstrace-ca.schema.json)", v -> json = v)
                .value("-starttls --starttls", "PROTO", String.class, "upgrade a plaintext connection first, as"
                        + " openssl s_client does: smtp, imap, pop3 or ftp", v -> starttls = v)
                .value("-batch --batch", "FILE", String.class, "read more hosts from FILE, one a line (HOST[:PORT]"
                        + " [PORT]; # comments; - for standard input)", v -> batch = v)
                .value("-trust --trust", "FILE", String.class, "judge chains against the certificates in FILE"
                        + " (PEM, DER or PKCS#7) instead of the JDK's trust store", v -> trust = v)
                .flag("--no-aia", "never download certificates named by AIA", v -> noAia = v)
                .help("-h --help", "show this help", v -> help = v)
                .positionals("HOST", "the servers: HOST, HOST:PORT, [IPV6]:PORT; a number after a host is its"
                        + " port", v -> hosts = v);
    }
}
