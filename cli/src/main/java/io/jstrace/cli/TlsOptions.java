package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jstrace tls}'s options: tracep's letters ({@code -l -p -q -R -s -v}) and the views' own. */
final class TlsOptions {
    String pids;
    boolean system;
    String output;
    boolean json;
    boolean quiet;
    boolean rawAddresses;
    boolean summary;
    boolean verbose;
    String library;
    boolean plaintext;
    Integer plaintextCap;
    boolean hex;
    boolean help;
    List<String> command = new ArrayList<>();

    /** picocli's model of these options, one row each, bound to this object's fields. */
    CommandSpec spec() {
        return new OptionTable("jstrace tls", "Show every TLS connection of CMD and its descendants, or of processes"
                + " PID, read from the bytes their own sockets move (any TLS stack, client or server): SNI, ALPN"
                + " offered and chosen, versions offered and negotiated, cipher, resumption, JA3 and JA4, handshake"
                + " time, application data each way; one line per connection as it closes. No breakpoints.")
                .synopsis("jstrace tls [OPTIONS] [--] CMD [ARGS...]\n       jstrace tls [OPTIONS] -p PID[,PID...]\n       jstrace tls [OPTIONS] --system")
                .value("-p", "PID[,PID...]", String.class, "attach to these processes (and follow their forks)",
                        v -> pids = v)
                .flag("--system", "the whole machine (root): every call of SSL_read/SSL_write (and _ex, SSL_peek) and"
                        + " gnutls_record_recv/send by any process, through uprobes on every libssl and libgnutls;"
                        + " with -p, only those processes", v -> system = v)
                .value("-o --output", "FILE", String.class,
                        "write to FILE (- for standard output) instead of standard error (standard output without a command)",
                        v -> output = v)
                .flag("-j --json", "one JSON object per event (docs/jstrace-tls.schema.json)", v -> json = v)
                .flag("-q --quiet", "no header line", v -> quiet = v)
                .flag("-R", "raw addresses (the default: jstrace does no reverse DNS)", v -> rawAddresses = v)
                .flag("-s --summary", "only a summary at the end: connections by status, SNI, version, cipher,"
                        + " ALPN, JA4", v -> summary = v)
                .flag("-v --verbose", "also what the client offered and JA3, a line as each handshake completes,"
                        + " and the TCP connections that were not TLS", v -> verbose = v)
                .flag("--plaintext", "also the plaintext of every TLS library call (OpenSSL, LibreSSL, BoringSSL"
                        + " SSL_read/SSL_write/SSL_peek and their _ex forms, GnuTLS gnutls_record_recv/send), through"
                        + " breakpoints: every syscall stops then (x86_64)", v -> plaintext = v)
                .value("--plaintext-cap", "BYTES", Integer.class, "the most bytes kept of each call (4096)",
                        v -> plaintextCap = v)
                .flag("--hex", "--plaintext as a hex dump rather than escaped text", v -> hex = v)
                .value("-l", "LIB", String.class, "with --plaintext or --system: only the libraries whose path this"
                        + " regular expression finds (libssl, libgnutls, a program's own static copy)", v -> library = v)
                .help("-h --help", "show this help", v -> help = v)
                .positionals("CMD", "the command to run, with its arguments", v -> command = v);
    }
}
