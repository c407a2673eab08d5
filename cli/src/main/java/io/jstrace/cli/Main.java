package io.jstrace.cli;

import io.jstrace.core.internal.Launcher;
import io.jstrace.core.internal.Preload;
import io.jstrace.render.TextPrinter;

/**
 * The jstrace entry point. The subcommand is told by its name alone, so that a plain trace
 * loads none of the views' classes (nor picocli, their option parser).
 */
public final class Main {
    private Main() {}

    public static void main(String[] given) {
        PumpedOutput.standardStreams();
        Launcher.takeSavedEnvironment();
        String[] args = OwnArguments.exact(given);
        switch (args.length == 0 ? "" : args[0]) {
            case "exec" -> {
                Preload.start(() -> {}); // the exec view prints no syscalls: nothing to warm up
                Signals.exit(new ExecView(System.err).run(ViewCommand.rest(args)));
            }
            case "dns" -> {
                Preload.start(() -> {});
                Signals.exit(new DnsView(System.err).run(ViewCommand.rest(args)));
            }
            case "net" -> {
                Preload.start(() -> {});
                Signals.exit(new NetView(System.err).run(ViewCommand.rest(args)));
            }
            case "ca" -> System.exit(new CaView(System.out, System.err).run(ViewCommand.rest(args))); // traces nothing
            case "tls" -> {
                Preload.start(() -> {});
                Signals.exit(new TlsView(System.err).run(ViewCommand.rest(args)));
            }
            case "record", "play", "decode" -> {
                if (args[0].equals("record")) Preload.start(() -> {}); // play and decode trace nothing
                Signals.exit(new TermCommands(System.out, System.err).run(args));
            }
            default -> {
                Preload.start(TextPrinter::warmUp);
                Signals.exit(new Jstrace(System.err).run(args));
            }
        }
    }
}
