package io.jstrace.cli;

/** The jstrace entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        io.jstrace.core.TraceSession.preload(io.jstrace.format.TextPrinter::warmUp);
        int status = ExecView.isExecView(args) ? new ExecView(System.err).run(ExecView.rest(args))
                : new Jstrace(System.err).run(args);
        System.exit(status);
    }
}
