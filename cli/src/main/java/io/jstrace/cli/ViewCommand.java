package io.jstrace.cli;

import io.jstrace.core.TraceException;
import io.jstrace.core.TraceeText;
import io.jstrace.view.Renderer;
import io.jstrace.view.View;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What the view subcommands ({@code exec}, {@code dns}, {@code net}) share: getopt
 * parsing with {@code -h}, strace-style usage errors, where their lines go (DESIGN.md,
 * Views: beside a command, standard error as strace's trace; without one, standard
 * output; {@code -o -} is standard output), the renderer's header once before the first
 * line, and the run of a view to its end.
 *
 * @param <E> the view's event record
 */
final class ViewCommand<E> {
    private final String name;
    private final PrintStream err;
    private PrintStream out;
    private boolean toFile;
    private Renderer<E> renderer;
    private boolean headerPrinted;
    /** Without a command the lines are written in batches, at most {@link #BATCH_MILLIS} late. */
    private boolean batched;
    private boolean unflushed;
    private static final int BATCH_MILLIS = 100;

    /** @param name the subcommand, as in {@code jstrace NAME} */
    ViewCommand(String name, PrintStream err) {
        this.name = name;
        this.err = err;
    }

    /** The arguments after the subcommand's name. */
    static String[] rest(String[] args) {
        return Arrays.copyOfRange(args, 1, args.length);
    }

    /**
     * Parses {@code args} into {@code spec}: {@code null} to go on, else the exit status to
     * return (0 after printing the help, 1 after a usage error).
     */
    Integer parse(CommandSpec spec, String[] args, BooleanSupplier help) {
        CommandLine cl = OptionTable.getopt(spec);
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            return usageError(OptionTable.optionMessage(e));
        }
        if (!help.getAsBoolean()) return null;
        Usage.print(Usage.of(spec), System.out);
        return 0;
    }

    /** strace's two lines for a usage error; exit status 1. */
    int usageError(String message) {
        err.println("jstrace: " + message);
        err.println("Try 'jstrace " + name + " -h' for more information.");
        return 1;
    }

    /**
     * Opens where the lines go: {@code -o FILE}, {@code -o -} for standard output; else
     * standard error beside a command's own output, standard output without one.
     */
    void open(String output, boolean command, Renderer<E> renderer) throws IOException {
        this.renderer = renderer;
        toFile = output != null && !output.equals("-");
        batched = !command;
        PrintStream stream = output != null || !command ? System.out : err;
        OutputStream file = toFile ? new FileOutputStream(output) : null;
        out = batched ? new PrintStream(new BufferedOutputStream(file != null ? file : stream, 1 << 16), false)
                : file != null ? new PrintStream(file, false) : stream;
    }

    /**
     * A machine-wide view reports thousands of events a second: one write per batch, not
     * per line. A daemon thread writes what waits every {@link #BATCH_MILLIS} ms.
     */
    private void startFlusher() {
        if (!batched) return;
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(BATCH_MILLIS);
                    flushBatch();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jstrace-flush");
        t.setDaemon(true);
        t.start();
    }

    private synchronized void flushBatch() {
        if (!unflushed) return;
        unflushed = false;
        out.flush();
    }

    /**
     * Runs {@code view} to its end with {@code each} for every event, on the tracing thread;
     * errors and dropped events said on standard error, SIGINT and SIGTERM stopping it;
     * {@code ending} runs once it has ended. The launched command's status, 0 without one.
     */
    int watch(View<E> view, boolean command, Consumer<E> each, Runnable ending) throws TraceException {
        view.onEvent(each).onError(e -> err.println(Jstrace.problem(e)));
        view.onDropped(n -> err.println(View.droppedMessage(n)));
        Signals.onTermination(sig -> view.stop());
        view.start();
        startFlusher();
        // Before any event, or now: without a command, the header says the view is
        // listening, and from here on nothing is missed.
        header();
        int status;
        try {
            status = view.waitFor();
        } catch (InterruptedException e) {
            status = 1;
        }
        ending.run();
        synchronized (this) {
            out.flush();
            if (toFile) out.close();
        }
        return command ? status : 0;
    }

    /** An event's line. */
    void event(E e) {
        print(renderer.line(e));
    }

    /** The renderer's header, once, before any line. */
    synchronized void header() {
        if (headerPrinted || renderer.header() == null) return;
        headerPrinted = true;
        print(renderer.header());
        out.flush(); // says the view is listening: at once
    }

    /** A line as the bytes it stands for: UTF-8, and a tracee's bytes that are not as they were. */
    synchronized void print(String line) {
        if (!headerPrinted) header();
        out.writeBytes(TraceeText.bytes(line + "\n"));
        if (batched) unflushed = true;
        else out.flush();
    }
}
