package io.jstrace.cli;

import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * jstrace's commands besides tracing a program as strace does, one row each: the name
 * {@link Main} dispatches on, the line -h lists it with, and its option model (for its -h,
 * its man page and its completion).
 */
final class Commands {
    private Commands() {}

    record Command(String name, String summary, Supplier<CommandSpec> spec) {}

    static final List<Command> ALL = List.of(
            new Command("exec", "every program started, with argv, exit status and duration",
                    () -> new ExecOptions().spec()),
            new Command("net", "every connection (TCP, UDP, unix): peers, bytes, latency",
                    () -> new NetOptions().spec()),
            new Command("dns", "every DNS query with its answers, rcode and latency", () -> new DnsOptions().spec()),
            new Command("tls", "every TLS connection: SNI, ALPN, version, cipher, JA3/JA4",
                    () -> new TlsOptions().spec()),
            new Command("ca", "servers' certificate chains, diagnosed; their CAs saved as PEM",
                    () -> new CaOptions().spec()),
            new Command("record", "record a command's terminal to an asciicast or trace file",
                    () -> new TermOptions().record()),
            new Command("play", "replay a recording with its timing", () -> new TermOptions().play()),
            new Command("decode", "a recording's events with their control sequences spelled out",
                    () -> new TermOptions().decode()));
}
