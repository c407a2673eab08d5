package io.jstrace.view.term;

import io.jstrace.core.OpenFile;
import io.jstrace.core.Payload;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.Terminals;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The terminal recorder's state table: turns payloads on terminal descriptors, SIGWINCH
 * and the ioctls that read the window size or set the terminal's mode into
 * {@link TermEvent}s. Output is recorded as the terminal received it: each terminal's
 * output modes ({@link OutputModes}) are asked once, then followed through TCSETS*.
 */
final class TermTracker implements TraceListener {
    /** The syscalls the recorder stops at (with the fd table's own). */
    static final Set<String> SYSCALLS = Set.of("read", "write", "readv", "writev", "pread64", "pwrite64", "preadv",
            "pwritev", "preadv2", "pwritev2", "ioctl");
    private static final long TIOCGWINSZ = 0x5413, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404;
    private static final int ICANON = 0x2, ECHO = 0x8;

    private final boolean input;
    private final long start;
    private final Consumer<TermEvent> emit;
    private Size lastSize;
    private final Map<String, String> modes = new HashMap<>();
    /** Terminal path → its {@code c_oflag}. */
    private final Map<String, Integer> outputModes = new HashMap<>();

    TermTracker(boolean input, long startEpochNanos, Size initialSize, Consumer<TermEvent> emit) {
        this.input = input;
        this.start = startEpochNanos;
        this.lastSize = initialSize;
        this.emit = emit;
    }

    private long ts(long timestamp) {
        return Math.max(0, timestamp - start);
    }

    @Override
    public void onPayload(Payload p, Tracee t) {
        if (!(p.file() instanceof OpenFile.Tty tty)) return;
        boolean read = p.direction() == Payload.Direction.READ;
        if (read && !input) return;
        if (p.data().length == 0) return;
        TermEvent.Type type = read ? TermEvent.Type.STDIN : p.fd() == 2 ? TermEvent.Type.STDERR : TermEvent.Type.STDOUT;
        long ts = ts(p.timestamp());
        byte[] data = read ? p.data() : OutputModes.apply(outputModes(tty.path()), p.data());
        emit.accept(new TermEvent(ts, type, p.pid(), p.tid(), p.fd(), data, null, null));
        if (p.truncated()) {
            emit.accept(new TermEvent(ts, TermEvent.Type.MARKER, p.pid(), p.tid(), p.fd(), null, null,
                    "jstrace: " + (p.length() - p.data().length) + " bytes of this " + p.syscall() + " not captured"));
        }
    }

    @Override
    public void onSignal(SignalStop s, Tracee t) {
        if (s.groupStop()) return;
        String name = s.signal().name();
        if (name.equals("SIGCHLD")) return;
        long ts = ts(s.timestamp());
        emit.accept(new TermEvent(ts, TermEvent.Type.SIGNAL, s.pid(), s.tid(), -1, null, null, name));
        if (!name.equals("SIGWINCH")) return;
        Terminals.WindowSize w = Terminals.windowSize(ttyOf(t));
        if (w == null) return;
        Size size = new Size(w.columns(), w.rows());
        if (size.equals(lastSize)) return;
        lastSize = size;
        emit.accept(new TermEvent(ts, TermEvent.Type.RESIZE, s.pid(), s.tid(), -1, null, size, null));
    }

    private int outputModes(String tty) {
        return outputModes.computeIfAbsent(tty, path -> {
            int oflag = Terminals.outputFlags(path);
            return oflag >= 0 ? oflag : OutputModes.DEFAULT;
        });
    }

    private static String ttyOf(Tracee t) {
        for (int fd : new int[] {1, 0, 2}) {
            if (t.fds().get(fd) instanceof OpenFile.Tty tty) return tty.path();
        }
        for (OpenFile f : t.fds().snapshot().values()) {
            if (f instanceof OpenFile.Tty tty) return tty.path();
        }
        return null;
    }

    @Override
    public void onSyscallExit(SyscallExit x, Tracee t) {
        if (!x.enter().name().equals("ioctl") || x.failed()) return;
        int fd = x.enter().args().cInt(0);
        if (!(t.fds().get(fd) instanceof OpenFile.Tty tty)) return;
        long request = x.enter().args().raw(1) & 0xffffffffL;
        long ptr = x.enter().args().raw(2);
        if (request == TIOCGWINSZ) {
            byte[] ws = t.memory().read(ptr, 4);
            if (ws == null) return;
            int rows = (ws[0] & 0xff) | (ws[1] & 0xff) << 8, cols = (ws[2] & 0xff) | (ws[3] & 0xff) << 8;
            emit.accept(new TermEvent(ts(x.timestamp()), TermEvent.Type.WINSIZE, x.pid(), x.tid(), fd, null,
                    new Size(cols, rows), null));
        } else if (request == TCSETS || request == TCSETSW || request == TCSETSF) {
            byte[] termios = t.memory().read(ptr, 16);
            if (termios == null) return;
            // struct termios: c_iflag, c_oflag, c_cflag, c_lflag (include/uapi/asm-generic/termbits.h)
            outputModes.put(tty.path(), u32(termios, 4));
            int lflag = u32(termios, 12);
            String mode = ((lflag & ICANON) != 0 ? "cooked mode" : "raw mode") + ((lflag & ECHO) != 0 ? "" : ", no echo");
            if (mode.equals(modes.put(tty.path(), mode))) return;
            emit.accept(new TermEvent(ts(x.timestamp()), TermEvent.Type.MARKER, x.pid(), x.tid(), fd, null, null, mode));
        }
    }

    private static int u32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
