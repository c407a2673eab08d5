package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The options of {@code jstrace record}, {@code play} and {@code decode}: asciinema's letters where they fit. */
final class TermOptions {
    String pid;
    String output;
    String format = "asciicast-v3";
    boolean input;
    boolean overwrite;
    boolean quiet;
    String speed = "1";
    String idle;
    boolean pauseOnMarkers;
    boolean clearScreen;
    String resizeIssues;
    boolean modes;
    boolean help;
    List<String> words = new ArrayList<>();

    CommandSpec record() {
        return new OptionTable("jstrace record", "Record what CMD (and its descendants), or the running process PID"
                + " from now on, writes to and reads from its terminal: output per descriptor, resizes (SIGWINCH and"
                + " the size right after it, and the sizes the program reads), signals, raw/cooked mode changes and"
                + " the exit status, each with its time, pid and fd. Streamed to FILE as it happens. A launched"
                + " command stops only at the syscalls the recorder needs (a seccomp filter); -p stops the process at"
                + " every syscall, which slows it more.")
                .synopsis("jstrace record [OPTIONS] -o FILE [--] CMD [ARGS...]\n       jstrace record [OPTIONS] -o FILE -p PID")
                .value("-o --output", "FILE", String.class, "write the recording to FILE", v -> output = v)
                .value("-p --pid", "PID", String.class, "attach to process PID (and its new children); detaching"
                        + " (SIGINT, SIGTERM) leaves it running", v -> pid = v)
                .value("-f --format", "FORMAT", String.class, "asciicast-v3 (default), asciicast-v2 (asciinema 2.2"
                        + " plays it) or trace (the trace JSON: every event, stderr and pids kept)", v -> format = v)
                .flag("-I --capture-input", "record what the programs read from the terminal too (key presses,"
                        + " passwords typed: off by default)", v -> input = v)
                .flag("--overwrite", "replace FILE if it exists", v -> overwrite = v)
                .flag("-q --quiet", "no message at the start and the end", v -> quiet = v)
                .help("-h --help", "show this help", v -> help = v)
                .positionals("CMD", "the command to run, with its arguments", v -> words = v);
    }

    CommandSpec play() {
        return new OptionTable("jstrace play", "Replay a recording (asciicast v2 or v3, or the trace JSON) to"
                + " standard output with its timing.")
                .synopsis("jstrace play [OPTIONS] FILE")
                .value("-s --speed", "FACTOR", String.class, "play FACTOR times as fast (default 1)", v -> speed = v)
                .value("-i --idle-time-limit", "SECS", String.class, "wait at most SECS between events", v -> idle = v)
                .flag("-m --pause-on-markers", "stop at each marker until Enter is pressed", v -> pauseOnMarkers = v)
                .help("-h --help", "show this help", v -> help = v)
                .positionals("FILE", "the recording", v -> words = v);
    }

    CommandSpec decode() {
        return new OptionTable("jstrace decode", "Show every event of a recording with its control sequences"
                + " spelled out (one parser across events: a sequence split across writes is decoded whole), or"
                + " analyse it.")
                .synopsis("jstrace decode [OPTIONS] FILE")
                .flag("--clear-screen", "list every screen clear (ESC[2J, ESC[3J, ESC[H ESC[J, ESC c, ESC[!p) and"
                        + " alternate-screen switch", v -> clearScreen = v)
                .value("--resize-issues", "WINDOW", String.class, "list clears within WINDOW (250ms, 1s) of a"
                        + " resize that came before the program read the new size, and frames drawn for the old size",
                        v -> resizeIssues = v)
                .flag("--modes", "only the summary of the terminal modes set and reset", v -> modes = v)
                .help("-h --help", "show this help", v -> help = v)
                .positionals("FILE", "the recording", v -> words = v);
    }
}
