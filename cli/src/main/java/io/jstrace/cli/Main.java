package io.jstrace.cli;

import io.jstrace.core.internal.Launcher;
import io.jstrace.core.internal.Preload;
import io.jstrace.render.TextPrinter;

/** The jstrace entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] given) {
        PumpedOutput.standardStreams();
        Launcher.takeSavedEnvironment();
        String[] args = OwnArguments.exact(given);
        if (ExecView.isExecView(args)) {
            Preload.start(() -> {}); // the exec view prints no syscalls: nothing to warm up
            Signals.exit(new ExecView(System.err).run(ViewCommand.rest(args)));
        }
        if (DnsView.isDnsView(args)) {
            Preload.start(() -> {});
            Signals.exit(new DnsView(System.err).run(ViewCommand.rest(args)));
        }
        if (NetView.isNetView(args)) {
            Preload.start(() -> {});
            Signals.exit(new NetView(System.err).run(ViewCommand.rest(args)));
        }
        if (CaView.isCaView(args)) System.exit(new CaView(System.out, System.err).run(ViewCommand.rest(args))); // traces nothing
        if (TlsView.isTlsView(args)) {
            Preload.start(() -> {});
            System.exit(new TlsView(System.err).run(ViewCommand.rest(args)));
        }
        if (TermCommands.isTermCommand(args)) {
            if (args[0].equals("record")) Preload.start(() -> {}); // play and decode trace nothing
            Signals.exit(new TermCommands(System.out, System.err).run(args));
        }
        Preload.start(TextPrinter::warmUp);
        Signals.exit(new Jstrace(System.err).run(args));
    }
}
