package io.jstrace.cli;

import io.jstrace.core.internal.ProcFs;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An output that a reader who stopped reading cannot hold up once jstrace must end. Bytes
 * go through a buffer to a thread of their own that writes them; {@link #flush} waits
 * until they are written, so lines reach the descriptor in the same order with the
 * traced program's own output as a direct write would. A write(2) to a full pipe blocks
 * until someone reads; strace's is interrupted by the signal that ends it (its handlers
 * have no SA_RESTART). Here, once {@link #abandon} is called (on that signal), writes and
 * flushes no longer wait: what fits in the buffer is still written, the rest is counted,
 * and {@link #finish} says how much was lost, so the tracer thread can detach at once.
 */
final class PumpedOutput extends OutputStream {
    private static final int CAPACITY = 1 << 16;
    private static final int S_IFMT = 0170000, S_IFIFO = 0010000, S_IFSOCK = 0140000;
    private static final List<PumpedOutput> ALL = new CopyOnWriteArrayList<>();

    private final String name;
    private final OutputStream sink;
    private final byte[] ring = new byte[CAPACITY];
    private int head;
    private int size;
    /** Bytes the pump has taken from the ring and is writing. */
    private int writing;
    private long lost;
    private boolean abandoned;
    private IOException failure;
    private boolean closed;
    private Thread pump;

    private PumpedOutput(String name, OutputStream sink) {
        this.name = name;
        this.sink = sink;
    }

    /** {@code sink} written through a pump; {@code name} is what {@link #finish} calls it. */
    static PumpedOutput of(String name, OutputStream sink) {
        PumpedOutput p = new PumpedOutput(name, sink);
        ALL.add(p);
        return p;
    }

    /**
     * Standard output and standard error as pumped streams for the rest of this process,
     * each when it is a pipe, a socket or a FIFO: the outputs a reader can hold up. A
     * terminal or a file is written directly.
     */
    static void standardStreams() {
        if (blocks(1)) System.setOut(new PrintStream(of("standard output", new FileOutputStream(FileDescriptor.out)), true));
        if (blocks(2)) System.setErr(new PrintStream(of("standard error", new FileOutputStream(FileDescriptor.err)), true));
    }

    /** {@code out}, opened on {@code file}, pumped when the file is a FIFO or a socket. */
    static OutputStream ifBlocking(String file, FileOutputStream out) {
        return blocks(Path.of(file)) ? of(file, out) : out;
    }

    private static boolean blocks(int fd) {
        return blocks(ProcFs.ownFd(fd));
    }

    /**
     * Whether {@code p} is a pipe (FIFO) or a socket, after symbolic links: /proc/self/fd/N
     * leads to the pipe's own inode (proc(5)), S_IFIFO or S_IFSOCK in its mode (inode(7)).
     */
    private static boolean blocks(Path p) {
        try {
            int type = (Integer) Files.getAttribute(p, "unix:mode") & S_IFMT;
            return type == S_IFIFO || type == S_IFSOCK;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (failure != null || closed) return;
        start();
        while (len > 0) {
            while (size == CAPACITY && !abandoned) waitHere();
            if (size == CAPACITY) {
                lost += len;
                return;
            }
            int tail = (head + size) % CAPACITY;
            int n = Math.min(len, Math.min(CAPACITY - size, CAPACITY - tail));
            System.arraycopy(b, off, ring, tail, n);
            size += n;
            off += n;
            len -= n;
            notifyAll();
        }
    }

    /** Waits until everything written so far is written out, unless abandoned. */
    @Override
    public synchronized void flush() {
        while ((size > 0 || writing > 0) && !abandoned && failure == null) waitHere();
    }

    /**
     * Closes the sink once what was written is written out (at once when abandoned): the
     * reader sees the end, as {@code -o |COMMAND}'s command must to end.
     */
    @Override
    public void close() throws IOException {
        flush();
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        sink.close();
    }

    /** The writes of every pumped output no longer wait for their readers. */
    static void abandon() {
        for (PumpedOutput p : ALL) {
            synchronized (p) {
                p.abandoned = true;
                p.notifyAll();
            }
        }
    }

    /**
     * Gives every pumped output until {@code millis} have passed to write out what it holds,
     * then says on standard error what could not be written (which is lost too when
     * standard error is the output that is blocked).
     */
    static void finish(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (PumpedOutput p : ALL) {
            long unwritten;
            String why;
            synchronized (p) {
                while ((p.size > 0 || p.writing > 0) && p.failure == null) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) break;
                    p.waitHere(left);
                }
                unwritten = p.lost + p.size + p.writing;
                p.lost = 0;
                why = p.failure != null ? Jstrace.reason(p.failure) : "its reader did not read them";
            }
            if (unwritten > 0) System.err.println("jstrace: " + p.name + ": " + unwritten + " bytes not written: " + why);
        }
    }

    private void start() {
        if (pump != null) return;
        pump = new Thread(this::pump, "jstrace-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** The pump: writes what the ring holds, a contiguous run at a time. */
    private void pump() {
        while (true) {
            int from, n;
            synchronized (this) {
                while (size == 0 && !closed) waitHere();
                if (size == 0) return;
                from = head;
                n = Math.min(size, CAPACITY - head);
                writing = n;
            }
            IOException failed = null;
            try {
                sink.write(ring, from, n);
                sink.flush();
            } catch (IOException e) {
                failed = e;
            }
            synchronized (this) {
                head = (head + n) % CAPACITY;
                size -= n;
                writing = 0;
                if (failed != null) {
                    failure = failed; // the reader has gone (EPIPE): later writes go nowhere, as strace's
                    lost += size;
                    size = 0;
                }
                notifyAll();
                if (failure != null) return;
            }
        }
    }

    private void waitHere() {
        waitHere(0);
    }

    private void waitHere(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
        }
    }
}
