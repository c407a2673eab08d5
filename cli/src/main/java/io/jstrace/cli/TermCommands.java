package io.jstrace.cli;

import io.jstrace.core.HostFacts;
import io.jstrace.core.Terminals;
import io.jstrace.core.TraceException;
import io.jstrace.view.term.Decoder;
import io.jstrace.view.term.Format;
import io.jstrace.view.term.Metadata;
import io.jstrace.view.term.Size;
import io.jstrace.view.term.TermEnv;
import io.jstrace.view.term.TermEvent;
import io.jstrace.view.term.TermView;
import io.jstrace.view.term.TraceReader;
import io.jstrace.view.term.TraceWriter;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code jstrace record}, {@code jstrace play} and {@code jstrace decode}: the terminal recorder. */
final class TermCommands {
    private final PrintStream err;
    private final PrintStream out;

    TermCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        String name = args[0];
        String[] rest = ViewCommand.rest(args);
        TermOptions o = new TermOptions();
        CommandLine cl = OptionTable.getopt(switch (name) {
            case "record" -> o.record();
            case "play" -> o.play();
            default -> o.decode();
        });
        try {
            cl.parseArgs(rest);
        } catch (ParameterException e) {
            return usageError(name, OptionTable.optionMessage(e));
        }
        if (o.help) {
            Usage.print(Usage.of(cl.getCommandSpec()), out);
            return 0;
        }
        return switch (name) {
            case "record" -> record(o);
            case "play" -> play(o);
            default -> decode(o);
        };
    }

    private int usageError(String name, String message) {
        err.println("jstrace: " + message);
        err.println("Try 'jstrace " + name + " -h' for more information.");
        return 1;
    }

    // ---- record

    private int record(TermOptions o) {
        if (o.output == null) return usageError("record", "record: -o FILE is required");
        Format format = Format.named(o.format);
        if (format == null) {
            return usageError("record", "record: unknown format '" + o.format + "' (asciicast-v3, asciicast-v2, trace)");
        }
        if ((o.pid == null) == o.words.isEmpty()) return usageError("record", "record: need exactly one of CMD [ARGS] and -p PID");
        int pid = 0;
        if (o.pid != null) {
            try {
                pid = Integer.parseInt(o.pid.trim());
                if (pid <= 0) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                return usageError("record", "record: -p: not a process id: " + o.pid);
            }
        }
        Path file = Path.of(o.output);
        Instant start = Instant.now();
        Map<Integer, String> ttys = new HashMap<>();
        Size size;
        List<String> command;
        if (pid != 0) {
            HostFacts host = HostFacts.of(pid, pid);
            String path = null;
            for (int fd = 0; fd <= 2; fd++) {
                String p = host.fdPath(fd);
                if (p != null && (p.startsWith("/dev/pts/") || p.startsWith("/dev/tty") || p.equals("/dev/console"))) {
                    ttys.put(fd, p);
                    if (path == null || fd == 1) path = p;
                }
            }
            Terminals.WindowSize w = Terminals.windowSize(path);
            size = w != null ? new Size(w.columns(), w.rows()) : fallbackSize();
            command = List.of("-p", Integer.toString(pid));
        } else {
            Terminals.WindowSize w = null;
            for (int fd : new int[] {1, 0, 2}) {
                if (Terminals.isTerminal(fd)) {
                    ttys.put(fd, "tty");
                    if (w == null) w = Terminals.ownWindowSize(fd);
                }
            }
            size = w != null && w.columns() > 0 ? new Size(w.columns(), w.rows()) : fallbackSize();
            command = o.words;
        }
        Metadata md = new Metadata(start, UUID.randomUUID().toString(), command, TermEnv.capture(), size, ttys);
        OutputStream stream;
        try {
            stream = o.overwrite ? Files.newOutputStream(file)
                    : Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            err.println("jstrace: " + file + ": file exists (--overwrite replaces it)");
            return 1;
        } catch (IOException e) {
            err.println("jstrace: " + file + ": " + ioMessage(e));
            return 1;
        }
        try (TraceWriter w = TraceWriter.open(format, stream, md)) {
            TermView.Builder b = pid != 0 ? TermView.attach(pid)
                    : TermView.command(o.words).inheritedFds(Jstrace.inheritedFds());
            TermView view = b.captureInput(o.input).start(start).initialSize(size).build();
            IOException[] failed = {null};
            view.onEvent(e -> {
                if (failed[0] != null) return;
                try {
                    w.write(e);
                } catch (IOException x) {
                    failed[0] = x;
                    err.println("jstrace: " + file + ": " + ioMessage(x) + ": recording stopped");
                    view.stop();
                }
            });
            view.onError(e -> err.println(Jstrace.problem(e)));
            if (pid != 0) Signals.onTermination(sig -> view.stop());
            else Signals.ignoreTermination(); // ^C goes to the command; the recording ends with it
            if (!o.quiet && pid != 0) err.println("jstrace: recording process " + pid + " to " + file + " (^C to detach)");
            view.start();
            int status;
            try {
                status = view.waitFor();
            } catch (InterruptedException e) {
                status = 1;
            }
            long end = Instant.now().toEpochMilli() * 1_000_000L - (start.getEpochSecond() * 1_000_000_000L + start.getNano());
            if (pid == 0 && failed[0] == null) w.write(TermEvent.exit(Math.max(0, end), status));
            if (!o.quiet && pid != 0) err.println("jstrace: detached from " + pid + "; recording in " + file);
            return pid != 0 ? (failed[0] == null ? 0 : 1) : status;
        } catch (TraceException | IllegalArgumentException | IllegalStateException e) {
            err.println("jstrace: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("jstrace: " + file + ": " + ioMessage(e));
            return 1;
        }
    }

    private static Size fallbackSize() {
        try {
            int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80"));
            int l = Integer.parseInt(System.getenv().getOrDefault("LINES", "24"));
            if (c > 0 && l > 0) return new Size(c, l);
        } catch (NumberFormatException e) {
            // the default
        }
        return new Size(80, 24);
    }

    private static String ioMessage(Exception e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    // ---- play and decode

    private String file(TermOptions o, String name) {
        if (o.words.size() != 1) {
            usageError(name, name + ": need exactly one FILE");
            return null;
        }
        return o.words.get(0);
    }

    private int play(TermOptions o) {
        String file = file(o, "play");
        if (file == null) return 1;
        double speed, idle;
        try {
            speed = Double.parseDouble(o.speed);
            idle = o.idle == null ? Double.POSITIVE_INFINITY : Double.parseDouble(o.idle);
            if (!(speed > 0) || Double.isInfinite(speed) || !(idle >= 0)) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            return usageError("play", "play: -s and -i take positive numbers");
        }
        OutputStream sink = new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
        try (TraceReader r = TraceReader.open(Path.of(file))) {
            if (!Double.isFinite(idle) && r.metadata() != null) {
                // the file's own idle_time_limit is not kept by the reader: -i sets one
            }
            long last = 0;
            java.io.BufferedReader keys = null;
            for (TermEvent e; (e = r.next()) != null; ) {
                long gap = e.ts() - last;
                last = e.ts();
                double wait = Math.min(gap / 1e9, idle) / speed;
                if (wait > 0.0005) {
                    sink.flush();
                    Thread.sleep((long) (wait * 1000), (int) ((wait * 1e9) % 1_000_000));
                }
                if (e.type().output()) sink.write(e.data());
                else if (e.type() == TermEvent.Type.MARKER && o.pauseOnMarkers) {
                    sink.flush();
                    if (keys == null) keys = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
                    if (keys.readLine() == null) o.pauseOnMarkers = false;
                }
            }
            sink.flush();
            return 0;
        } catch (IOException e) {
            return bad(file, e);
        } catch (InterruptedException e) {
            return 1;
        } catch (RuntimeException e) {
            return bad(file, e);
        }
    }

    private int bad(String file, Exception e) {
        String m = e instanceof io.jstrace.view.term.TraceFormatException ? e.getMessage()
                : e instanceof IOException io ? ioMessage(io) : "cannot read: " + e;
        err.println("jstrace: " + file + ": " + m);
        return 1;
    }

    /** {@code 250ms}, {@code 1s}, {@code 500us}, {@code 100ns}; a bare number is milliseconds. */
    static long nanos(String s) {
        String t = s.trim();
        long unit = 1_000_000;
        String n = t;
        for (String[] u : new String[][] {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}}) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                n = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        double v = Double.parseDouble(n);
        if (!(v >= 0) || v * unit > 1e18) throw new NumberFormatException(s);
        return Math.round(v * unit);
    }

    private int decode(TermOptions o) {
        String file = file(o, "decode");
        if (file == null) return 1;
        long window = -1;
        if (o.resizeIssues != null) {
            try {
                window = nanos(o.resizeIssues);
            } catch (NumberFormatException e) {
                return usageError("decode", "decode: --resize-issues: not a duration (250ms, 1s): " + o.resizeIssues);
            }
        }
        boolean all = !o.clearScreen && window < 0 && !o.modes;
        PrintStream p = new PrintStream(new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        try (TraceReader r = TraceReader.open(Path.of(file))) {
            Decoder d = new Decoder();
            int k = 0;
            for (TermEvent e; (e = r.next()) != null; k++) {
                Decoder.Decoded x = d.accept(k, e);
                if (all) p.println(line(x));
            }
            if (o.clearScreen) {
                for (Decoder.Clear c : d.clears()) {
                    p.println(String.format("%11s event %d: %s%s", seconds(c.ts()), c.event(), c.form(),
                            c.startEvent() != c.event() ? " (split: begun in event " + c.startEvent() + ")" : ""));
                }
                if (d.clears().isEmpty()) p.println("no clears");
            }
            if (window >= 0) {
                List<String> issues = d.resizeIssues(window);
                for (String i : issues) p.println(i);
                if (issues.isEmpty()) p.println("no resize issues within " + o.resizeIssues);
            }
            if (all || o.modes) {
                if (all && !d.modes().isEmpty()) p.println();
                for (Decoder.Mode m : d.modes()) {
                    p.println(String.format("mode ?%d %s: set %d, reset %d%s", m.number(), m.name(), m.set(), m.reset(),
                            m.onAtEnd() ? ", left on" : ""));
                }
                if (o.modes && d.modes().isEmpty()) p.println("no modes set");
            }
            p.flush();
            return 0;
        } catch (IOException e) {
            p.flush();
            return bad(file, e);
        } catch (RuntimeException e) {
            p.flush();
            return bad(file, e);
        }
    }

    private static String seconds(long ns) {
        return String.format("%d.%06d", ns / 1_000_000_000, (ns % 1_000_000_000) / 1000);
    }

    private static String line(Decoder.Decoded x) {
        TermEvent e = x.event();
        StringBuilder b = new StringBuilder(String.format("%11s %-7s", seconds(e.ts()), e.type().json()));
        if (e.pid() != 0) b.append(" pid ").append(e.pid());
        if (e.fd() >= 0 && e.type() != TermEvent.Type.EXIT) b.append(" fd ").append(e.fd());
        return b.append(": ").append(x.text()).toString();
    }
}
