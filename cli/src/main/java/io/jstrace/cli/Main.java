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
        preload(given.length == 0 ? "" : given[0]);
        PumpedOutput.standardStreams();
        Launcher.takeSavedEnvironment();
        String[] args = OwnArguments.exact(given);
        switch (args.length == 0 ? "" : args[0]) {
            case "exec" -> Signals.exit(new ExecView(System.err).run(ViewCommand.rest(args)));
            case "dns" -> Signals.exit(new DnsView(System.err).run(ViewCommand.rest(args)));
            case "net" -> Signals.exit(new NetView(System.err).run(ViewCommand.rest(args)));
            case "ca" -> System.exit(new CaView(System.out, System.err).run(ViewCommand.rest(args)));
            case "tls" -> Signals.exit(new TlsView(System.err).run(ViewCommand.rest(args)));
            case "record", "play", "decode" -> Signals.exit(new TermCommands(System.out, System.err).run(args));
            default -> Signals.exit(new Jstrace(System.err).run(args));
        }
    }

    /**
     * Starts binding libc and building the syscall table on a thread of their own, first of
     * all (the subcommand told by the JVM's own first argument: names are ASCII), and for a
     * trace the printer's warm-up after them; nothing for the subcommands that trace nothing.
     * No lambda on the way: the first one links the JVM's method-handle machinery, which is
     * better done meanwhile.
     */
    private static void preload(String command) {
        switch (command) {
            case "ca", "play", "decode" -> { }
            case "exec", "dns", "net", "tls", "record" -> Preload.start(null); // no syscall lines to warm up for
            default -> Preload.start(new WarmUp());
        }
    }

    /** The printer's warm-up, for the preload thread. */
    private static final class WarmUp implements Runnable {
        @Override
        public void run() {
            TextPrinter.warmUp();
        }
    }
}
