package io.jstrace.render;

import io.jstrace.arch.Arch;
import io.jstrace.decode.DecodedListener;
import io.jstrace.decode.DecodedSyscall;
import io.jstrace.decode.StraceText;
import io.jstrace.decode.SyscallDecoding;
import io.jstrace.decode.Value;
import io.jstrace.filter.Status;
import io.jstrace.syscalls.Ret;
import io.jstrace.decode.DecodeOptions;
import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.NewChild;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallArgs;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.Tracee;
import io.jstrace.core.TraceeMemory;
import io.jstrace.syscalls.SyscallTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints records as strace does (src/strace.c printleader/tabto, src/syscall.c): the
 * entry part of a syscall at its enter stop, the rest at its exit; when another
 * tracee's line comes between, the first is ended with {@code <unfinished ...>} and
 * picked up again as {@code <... NAME resumed>}.
 */
public final class TextPrinter implements DecodedListener {

    /**
     * @param decode      string limits and verbosity
     * @param escape      how strings escape bytes
     * @param followForks {@code -f}: with output to a file, every line carries its pid
     * @param toFile      output goes to {@code -o FILE} rather than standard error
     * @param column      {@code -a}: the column return values are aligned to
     * @param signals     {@code -e signal=}: which signal-delivery-stops print
     * @param timing      timestamps, syscall times and instruction pointers
     * @param statuses    {@code -e status=} (-z, -Z): which outcomes print, or {@code null} for all;
     *                    with a filter a line prints whole, once its outcome is known
     * @param quiet       {@code -e quiet=} (-q, -qq, -qqq): {@code exit}, {@code thread-execve}
     *                    (its alias {@code superseded}) drop those lines
     * @param numbers     {@code -n}: the syscall number before each line
     * @param colors      {@code --color}: syscall names, results, signals and exits coloured, or {@link Colors#NONE}
     */
    public record Options(DecodeOptions decode, StraceText.Escape escape, boolean followForks, boolean toFile,
            int column, java.util.function.Predicate<io.jstrace.syscalls.Signal> signals, Timing timing,
            java.util.Set<Status> statuses, java.util.Set<String> quiet, boolean numbers, Colors colors) {
        /** Without colour. */
        public Options(DecodeOptions decode, StraceText.Escape escape, boolean followForks, boolean toFile,
                int column, java.util.function.Predicate<io.jstrace.syscalls.Signal> signals, Timing timing,
                java.util.Set<Status> statuses, java.util.Set<String> quiet, boolean numbers) {
            this(decode, escape, followForks, toFile, column, signals, timing, statuses, quiet, numbers, Colors.NONE);
        }
    }

    /** A syscall whose entry part ({@code head}) was rendered at entry. */
    /**
     * A syscall printed up to its entry: {@code head}; {@code atExit}, whether arguments were
     * left for its exit (strace's decoder did not return RVAL_DECODED at entry).
     */
    private record Pending(SyscallEnter enter, String head, boolean atExit) {}

    private final Writer out;
    private final Options options;
    private final StraceText text;
    private final SyscallLine layout;
    private final Map<Integer, Pending> pending = new HashMap<>();
    /** {@code -Y}: each thread's last command name, for the lines after it is gone. */
    private final Map<Integer, String> comms = new HashMap<>();
    /** {@code -k}: the stack of each thread's exit or exit_group, printed once the thread is gone (as strace does). */
    private final Map<Integer, io.jstrace.core.StackTrace> exitStacks = new HashMap<>();
    private final StringBuilder line = new StringBuilder(256);
    private final boolean flushEachEvent;
    private int openTid;
    /** Column at which already-written output stands (an unfinished line's length). */
    private int pendingColumn;
    private int liveThreads;
    private boolean everTwo;
    private boolean seenExit;
    /** When the previous line began, for {@code -r}; -1 before the first. */
    private long lastStamp = -1;
    /** Each thread's latest syscall number, for {@code -n} on lines that have none. */
    private final Map<Integer, Long> lastNumber = new HashMap<>();

    /** The syscalls a dynamically linked program makes before its main, in that order. */
    static final List<String> PROGRAM_START = List.of("execve", "brk", "arch_prctl",
            "mmap", "access", "openat", "newfstatat", "read", "pread64", "close", "mprotect", "set_tid_address",
            "set_robust_list", "rseq", "prlimit64", "munmap", "getrandom", "exit_group");

    /**
     * Prints, into nothing, the calls every program starts with, against memory of zeros:
     * the decoders and tables the first lines of a trace need load on the calling thread.
     * jstrace runs this on its preload thread while the main thread parses the options,
     * which takes some 10 ms off start-up's critical path.
     */
    public static void warmUp() {
        warmUp(Arch.host());
    }

    /** {@link #warmUp()} for {@code arch}: its calls of {@link #PROGRAM_START} (aarch64 has no access, no arch_prctl). */
    static void warmUp(Arch arch) {
        Options options = new Options(DecodeOptions.defaults(), StraceText.Escape.OCTAL, false, true, 40,
                s -> true, Timing.none(), null, Set.of(), false);
        TextPrinter printer = new TextPrinter(Writer.nullWriter(), options, 1);
        SyscallDecoding p = new SyscallDecoding(options.decode(), List.of(printer));
        SyscallTable table = SyscallTable.of(arch);
        Tracee zeros = new Zeros(arch);
        for (String name : PROGRAM_START) {
            int nr = table.number(name);
            if (nr < 0) continue;
            var args = new SyscallArgs(3, 0x1000, 8, 0x1000, 3, 0);
            SyscallEnter e = new SyscallEnter(1, 1, 0, nr, table.get(nr), args);
            p.onSyscallEnter(e, zeros);
            p.onSyscallExit(new SyscallExit(1, 1, 0, e, 0, 0), zeros);
        }
        printer.flush();
    }

    /** The warm-up's tracee: pid 1, its memory all zeros. */
    private record Zeros(Arch arch) implements Tracee {
        @Override
        public int pid() {
            return 1;
        }

        @Override
        public int tid() {
            return 1;
        }

        @Override
        public TraceeMemory memory() {
            return (address, dst, offset, length) -> {
                java.util.Arrays.fill(dst, offset, offset + length, (byte) 0);
                return length;
            };
        }
    }

    public TextPrinter(Writer out, Options options, int initialThreads) {
        this.out = out;
        this.options = options;
        this.text = new StraceText(options.escape(), options.decode().xlatStyle());
        this.layout = new SyscallLine(text, options.colors());
        this.liveThreads = initialThreads;
        this.flushEachEvent = !options.toFile();
    }

    @Override
    public void onEntry(DecodedSyscall entry, Tracee t) {
        SyscallEnter e = entry.enter();
        lastNumber.put(e.tid(), e.number());
        StringBuilder head = new StringBuilder(64);
        layout.head(entry, head);
        Pending p = new Pending(e, head.toString(), entry.entryArgs() < entry.visibleArgs());
        boolean returns = e.syscall().ret() != Ret.NONE;
        if (options.statuses() != null) {
            if (returns) pending.put(e.tid(), p);
            else if (options.statuses().contains(Status.UNFINISHED)) whole(p, "?", -1);
            return;
        }
        begin(e.tid(), e.timestamp(), e.instructionPointer());
        line.append(p.head());
        openTid = e.tid();
        if (!returns) {
            line.append(')');
            result("?", -1);
            if (!entry.stack().frames().isEmpty()) exitStacks.put(e.tid(), entry.stack());
            return;
        }
        pending.put(e.tid(), p);
        emit();
    }

    /** Under a status filter: the whole line at once, when its outcome is known. */
    private void whole(Pending p, String ret, long duration) {
        begin(p.enter().tid(), p.enter().timestamp(), p.enter().instructionPointer());
        line.append(p.head());
        if (ret.equals("?")) unfinished(p);
        line.append(')');
        openTid = p.enter().tid();
        result(ret, duration);
    }

    @Override
    public void onReturn(DecodedSyscall call, Tracee t) {
        SyscallExit x = call.exit();
        Pending p = pending.remove(x.tid());
        if (p == null) return;
        if (options.statuses() != null) {
            if (!options.statuses().contains(x.failed() ? Status.FAILED : Status.SUCCESSFUL)) return;
            begin(x.tid(), p.enter().timestamp(), p.enter().instructionPointer());
            line.append(p.head());
            openTid = x.tid();
        } else {
            resume(x.tid(), p, x.timestamp());
        }
        layout.tail(call, line);
        result(layout.result(call), x.duration());
        SyscallLine.dumps(call.dumps(), line);
        StackLines.append(call.stack(), call.stackAtEntry(), line);
        emit();
        if (!seenExit) {
            seenExit = true;
            if (x.failed() && x.enter().name().equals("execve")) execFailed(x);
        }
    }

    /** The launched command's execve failed: strace says so on stderr (strace.c: "exec: %s"). */
    private void execFailed(SyscallExit x) {
        emit();
        System.err.println(System.getProperty("jstrace.argv0", "jstrace") + ": exec: " + x.errno().message());
    }

    @Override
    public void onSignal(SignalStop s, Value siginfo, Tracee t) {
        if (!options.signals().test(s.signal())) return;
        begin(s.tid(), s.timestamp(), 0);
        Colors colors = options.colors();
        if (s.groupStop()) {
            line.append("--- stopped by ");
            colors.append(line, Colors.Kind.SIGNAL, s.signal().name());
            line.append(" ---\n");
        } else {
            line.append("--- ");
            colors.append(line, Colors.Kind.SIGNAL, s.signal().name());
            line.append(' ');
            if (siginfo != null) text.render(siginfo, line);
            else line.append("{si_signo=").append(s.signal().name()).append('}');
            line.append(" ---\n");
        }
        StackLines.append(t.stack(), false, line);
        emit();
    }

    @Override
    public void onExit(Exit x, Tracee t) {
        unreturned(x.tid(), x.timestamp());
        if (!options.quiet().contains("exit")) {
            begin(x.tid(), x.timestamp(), 0);
            line.append("+++ ");
            options.colors().append(line, Colors.Kind.EXIT, "exited with " + x.status());
            line.append(" +++\n");
        }
        exitStack(x.tid());
        lastNumber.remove(x.tid());
        liveThreads--;
        emit();
    }

    @Override
    public void onSignalExit(SignalExit x, Tracee t) {
        unreturned(x.tid(), x.timestamp());
        if (!options.quiet().contains("exit")) {
            begin(x.tid(), x.timestamp(), 0);
            line.append("+++ killed by ");
            options.colors().append(line, Colors.Kind.SIGNAL, x.signal().name());
            line.append(x.coreDumped() ? " (core dumped)" : "").append(" +++\n");
        }
        exitStack(x.tid());
        lastNumber.remove(x.tid());
        liveThreads--;
        emit();
    }

    /** The stack taken at the thread's exit or exit_group, if any. */
    private void exitStack(int tid) {
        io.jstrace.core.StackTrace stack = exitStacks.remove(tid);
        if (stack != null) StackLines.append(stack, true, line);
    }

    @Override
    public void onNewChild(NewChild c, Tracee t) {
        liveThreads++;
        if (options.decode().pidComm()) comm(c.childTid());
    }

    @Override
    public void onExec(Exec e, Tracee t) {
        if (options.decode().pidComm()) comm(e.tid()); // the program's name from now on
        if (e.formerTid() == e.tid()) return;
        Pending execing = pending.remove(e.formerTid());
        unreturned(e.tid(), e.timestamp());
        if (openTid == e.formerTid()) { // strace 6.1 src/strace.c maybe_switch_tcbs
            line.append(" <pid changed to ").append(e.tid()).append(" ...>\n");
            openTid = 0;
        }
        liveThreads--;
        if (!options.quiet().contains("thread-execve")) {
            begin(e.tid(), e.timestamp(), 0);
            line.append("+++ superseded by execve in pid ").append(e.formerTid()).append(" +++\n");
        }
        if (execing != null) pending.put(e.tid(), execing);
        emit();
    }

    @Override
    public void onAttach(int pid, List<Integer> tids) {
        liveThreads += tids.size();
        if (options.decode().pidComm()) tids.forEach(this::comm);
    }

    @Override
    public void onDetach(int pid, int tid, SyscallEnter inSyscall) {
        Pending p = pending.remove(tid);
        if (p != null && options.statuses() != null) {
            if (options.statuses().contains(Status.DETACHED)) {
                begin(tid, p.enter().timestamp(), p.enter().instructionPointer());
                line.append(p.head()).append(" <detached ...>\n");
            }
        } else if (p != null && openTid == tid) {
            line.append(" <detached ...>\n");
            openTid = 0;
        }
        liveThreads--;
        emit();
    }

    /** Flushes what has been printed. */
    public void flush() {
        emit();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A syscall that never returned (exit_group, or a thread killed in it): {@code = ?}. */
    private void unreturned(int tid, long stamp) {
        Pending p = pending.remove(tid);
        if (p == null) return;
        if (options.statuses() != null) {
            if (options.statuses().contains(Status.UNFINISHED)) whole(p, "?", -1);
            return;
        }
        resume(tid, p, stamp);
        unfinished(p);
        line.append(')');
        result("?", -1);
    }

    /**
     * What stands for the arguments a call that never returned would have printed at its
     * exit (strace 6.1 src/strace.c print_event_exit): {@code <... read resumed> <unfinished ...>) = ?}.
     */
    private void unfinished(Pending p) {
        if (p.atExit()) line.append(" <unfinished ...>");
    }

    private void resume(int tid, Pending p, long stamp) {
        if (openTid != tid) {
            begin(tid, stamp, p.enter().instructionPointer());
            line.append("<... ");
            options.colors().append(line, Colors.Kind.SYSCALL, p.enter().name());
            line.append(" resumed>");
        }
    }

    /** Pads to the alignment column and ends the line with {@code = RESULT}, and -T's time when known. */
    private void result(String ret, long durationNanos) {
        int col = currentColumn();
        int width = options.column() - 1; // strace's tabto(): " = " then starts at column -a
        if (col < width) line.append(" ".repeat(width - col));
        line.append(" = ").append(ret);
        if (durationNanos >= 0) options.timing().duration(line, durationNanos);
        line.append('\n');
        openTid = 0;
        emit();
    }

    private int currentColumn() {
        int nl = line.lastIndexOf("\n");
        return nl < 0 ? pendingColumn + width(0) : width(nl + 1);
    }

    /** The columns the line takes from {@code from} on: colour sequences take none. */
    private int width(int from) {
        return options.colors().enabled() ? Colors.width(line, from, line.length()) : line.length() - from;
    }

    /**
     * Starts a line for {@code tid} (observed at {@code stamp}, at instruction pointer {@code ip}),
     * first ending another tracee's open line as unfinished.
     */
    private void begin(int tid, long stamp, long ip) {
        if (openTid != 0) {
            line.append(" <unfinished ...>\n");
            openTid = 0;
        }
        // strace.c: to a file, the prefix is decided once, at the start, by -f or more than one
        // tracee (-p 1,2, -p with a command); only -f adds tracees later, so the first time
        // there are two decides the same. To stderr it goes with the tracees alive now.
        if (options.toFile() && liveThreads > 1) everTwo = true;
        if (options.toFile() ? options.followForks() || everTwo : liveThreads > 1) {
            pidPrefix(tid);
        }
        if (options.timing().prefixes()) {
            options.timing().stamps(line, stamp, lastStamp < 0 ? stamp : lastStamp);
            lastStamp = stamp;
        }
        if (options.numbers()) {
            String nr = Long.toString(lastNumber.getOrDefault(tid, 0L));
            line.append('[').append(" ".repeat(Math.max(0, 4 - nr.length()))).append(nr).append("] ");
        }
        options.timing().pointer(line, ip);
    }

    /**
     * strace's {@code %-5d } with -o, {@code [pid %5d] } on stderr; under {@code -Y} the
     * thread's command name after the number, unpadded with -o: {@code 1234<bash> }.
     */
    private void pidPrefix(int tid) {
        String n = Integer.toString(tid);
        String comm = options.decode().pidComm() ? comm(tid) : null;
        String named = comm == null || comm.isEmpty() ? "" : "<" + StraceText.fdPath(comm) + ">";
        if (options.toFile()) {
            line.append(n).append(named).append(" ".repeat(named.isEmpty() ? Math.max(1, 6 - n.length()) : 1));
        } else {
            line.append("[pid ").append(" ".repeat(Math.max(0, 5 - n.length()))).append(n).append(named).append("] ");
        }
    }

    /**
     * The thread's command name now, or the last one seen once it is gone (strace keeps each
     * tracee's from its attach or birth, its execs and PR_SET_NAME: src/strace.c maybe_load_task_comm).
     */
    private String comm(int tid) {
        String now = io.jstrace.core.HostFacts.of(tid, tid).commOf(tid);
        if (now == null) return comms.get(tid);
        comms.put(tid, now);
        return now;
    }

    /** Writes the buffered text; keeps track of the column of an unfinished line. */
    private void emit() {
        if (line.length() == 0) return;
        try {
            out.append(line);
            pendingColumn = currentColumn();
            line.setLength(0);
            if (flushEachEvent) out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
