package io.jstrace.cli;

import io.jstrace.core.TraceSession;
import io.jstrace.render.TextPrinter;

/** The jstrace entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (ExecView.isExecView(args)) {
            TraceSession.preload(() -> {}); // the exec view prints no syscalls: nothing to warm up
            System.exit(new ExecView(System.err).run(ExecView.rest(args)));
        }
        if (NetView.isNetView(args)) {
            TraceSession.preload(() -> {});
            System.exit(new NetView(System.err).run(NetView.rest(args)));
        }
        TraceSession.preload(TextPrinter::warmUp);
        System.exit(new Jstrace(System.err).run(args));
    }
}
