package io.jstrace.cli;

import io.jstrace.core.internal.Preload;
import io.jstrace.render.TextPrinter;

/** The jstrace entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (ExecView.isExecView(args)) {
            Preload.start(() -> {}); // the exec view prints no syscalls: nothing to warm up
            System.exit(new ExecView(System.err).run(ViewCommand.rest(args)));
        }
        if (DnsView.isDnsView(args)) {
            Preload.start(() -> {});
            System.exit(new DnsView(System.err).run(ViewCommand.rest(args)));
        }
        if (NetView.isNetView(args)) {
            Preload.start(() -> {});
            System.exit(new NetView(System.err).run(ViewCommand.rest(args)));
        }
        if (TlsView.isTlsView(args)) {
            Preload.start(() -> {});
            System.exit(new TlsView(System.err).run(ViewCommand.rest(args)));
        }
        if (TermCommands.isTermCommand(args)) {
            if (args[0].equals("record")) Preload.start(() -> {}); // play and decode trace nothing
            System.exit(new TermCommands(System.out, System.err).run(args));
        }
        Preload.start(TextPrinter::warmUp);
        System.exit(new Jstrace(System.err).run(args));
    }
}
