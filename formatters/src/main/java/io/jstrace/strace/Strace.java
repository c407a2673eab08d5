package io.jstrace.strace;

import io.jstrace.arch.Arch;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import io.jstrace.core.Tracee;
import io.jstrace.decode.DecodeOptions;
import io.jstrace.decode.DecodedListener;
import io.jstrace.decode.DecodedSyscall;
import io.jstrace.decode.StraceText;
import io.jstrace.decode.SyscallDecoding;
import io.jstrace.render.SyscallLine;
import io.jstrace.syscalls.SyscallTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * strace in one call, and its pieces: u-root's {@code strace} package (pkg/strace) in Java
 * terms, over jstrace's session ({@link TraceSession}), records ({@link io.jstrace.core.TraceRecord}),
 * decoders ({@link SyscallDecoding}) and strace text ({@link io.jstrace.render.TextPrinter}).
 *
 * <table>
 * <caption>u-root's names and jstrace's</caption>
 * <tr><th>u-root</th><th>jstrace</th></tr>
 * <tr><td>{@code Strace(cmd, out)}</td><td>{@link #run(List, Writer)}</td></tr>
 * <tr><td>{@code Trace(cmd, callbacks...)}</td><td>{@link #trace(List, TraceListener...)}</td></tr>
 * <tr><td>{@code PrintTraces(w)}, {@code RecordTraces(c)}</td><td>{@link Traces#print(Writer)}, {@link Traces#record}</td></tr>
 * <tr><td>{@code SysCallEnter}, {@code SysCallExit}</td><td>{@link #syscallEnter}, {@link #syscallExit}</td></tr>
 * <tr><td>{@code ByName}, {@code ByNumber}</td><td>{@link #byName}, {@link #byNumber}</td></tr>
 * <tr><td>{@code ReadString}, {@code ReadStringVector}</td><td>{@link io.jstrace.core.TraceeMemory#readString},
 *     {@link io.jstrace.core.TraceeMemory#readStringVector}</td></tr>
 * <tr><td>{@code CaptureAddress}, {@code GetAddress}</td><td>{@link io.jstrace.core.TraceeMemory#read(long, int)},
 *     {@link io.jstrace.core.OpenFile.Address#ofSockaddr}; both at once: {@link io.jstrace.core.TraceeMemory#readSockaddr}</td></tr>
 * <tr><td>{@code ExecMaxTotalSize}, {@code ExecMaxElemSize}</td><td>{@link io.jstrace.core.TraceeMemory#EXEC_MAX_TOTAL_SIZE},
 *     {@link io.jstrace.core.TraceeMemory#EXEC_MAX_ELEM_SIZE} ({@link io.jstrace.core.TraceeMemory#readExecVector})</td></tr>
 * <tr><td>{@code LogMaximumSize} (data blobs as printed)</td><td>{@link DecodeOptions#stringLimit()}, strace's
 *     {@code -s}, {@value #DISPLAY_SIZE} by default: {@link #run(List, Writer, DecodeOptions)}</td></tr>
 * <tr><td>{@code EventMaximumSize} (data blobs in records)</td><td>{@link TraceOptions#withPayloads(int)}, none by
 *     default: {@link #trace(List, TraceOptions, TraceListener...)} and {@link io.jstrace.core.Payload} records</td></tr>
 * </table>
 *
 * <p>Everything here traces on the calling thread until the command exits, and returns its
 * exit status as a shell shows it (128 + the signal that killed it).
 */
public final class Strace {
    /** strace's {@code -s} default: the bytes of a string or data blob printed before {@code ...}. */
    public static final int DISPLAY_SIZE = 32;

    /** The column strace aligns {@code " = "} at ({@code -a}). */
    static final int COLUMN = 40;

    private Strace() {}

    /**
     * Traces {@code command} and every process and thread it starts, printing strace's text
     * to {@code out} as strace prints it on its standard error ({@code strace -f}).
     *
     * @return the command's exit status
     * @throws TraceException when the command cannot be started or traced
     */
    public static int run(List<String> command, Writer out) throws TraceException {
        return run(command, out, DecodeOptions.defaults());
    }

    /** {@link #run(List, Writer)} with decoding options: the display size ({@code -s}) and the rest. */
    public static int run(List<String> command, Writer out, DecodeOptions decode) throws TraceException {
        int status = trace(command, Traces.print(out, decode));
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return status;
    }

    /**
     * Traces {@code command} and every process and thread it starts; each listener sees
     * every record, in order, while the tracee is stopped ({@link Traces} has ready-made ones).
     *
     * @return the command's exit status
     */
    public static int trace(List<String> command, TraceListener... listeners) throws TraceException {
        return trace(command, TraceOptions.defaults().withFollowForks(true), listeners);
    }

    /** {@link #trace(List, TraceListener...)} with the session's options as given. */
    public static int trace(List<String> command, TraceOptions options, TraceListener... listeners)
            throws TraceException {
        try (TraceSession session = TraceSession.launch(command, options)) {
            for (TraceListener l : listeners) session.addListener(l);
            return session.start();
        }
    }

    /**
     * What strace prints of {@code enter} at its syscall-enter-stop: the name and the
     * arguments known at entry ({@code openat(AT_FDCWD, "/etc/hostname", O_RDONLY}); the
     * rest comes at the exit. Call it from a listener, while {@code tracee} is stopped.
     */
    public static String syscallEnter(SyscallEnter enter, Tracee tracee) {
        DecodedSyscall[] entry = new DecodedSyscall[1];
        decoding(entry).onSyscallEnter(enter, tracee);
        StringBuilder out = new StringBuilder(64);
        line().head(entry[0], out);
        return out.toString();
    }

    /**
     * The whole line strace prints for the call {@code exit} ends, {@code " = "} at column 40:
     * {@code openat(AT_FDCWD, "/etc/hostname", O_RDONLY) = 3}. The arguments are decoded from
     * the tracee as it is at this exit-stop: an argument the kernel overwrote shows its new
     * contents (a listener on both stops, such as {@link Traces#print}, keeps them from the entry).
     */
    public static String syscallExit(SyscallExit exit, Tracee tracee) {
        DecodedSyscall[] call = new DecodedSyscall[1];
        SyscallDecoding decoding = decoding(call);
        decoding.onSyscallEnter(exit.enter(), tracee);
        decoding.onSyscallExit(exit, tracee);
        return line().whole(call[0], COLUMN);
    }

    /** Decodes into {@code into[0]}: the entry, then the whole call. */
    private static SyscallDecoding decoding(DecodedSyscall[] into) {
        return new SyscallDecoding(DecodeOptions.defaults(), List.of(new DecodedListener() {
            @Override
            public void onEntry(DecodedSyscall entry, Tracee tracee) {
                into[0] = entry;
            }

            @Override
            public void onReturn(DecodedSyscall call, Tracee tracee) {
                into[0] = call;
            }
        }));
    }

    private static SyscallLine line() {
        return new SyscallLine(new StraceText(StraceText.Escape.OCTAL));
    }

    /** The number of syscall {@code name} on this machine's architecture, if it has one. */
    public static OptionalInt byName(String name) {
        int nr = SyscallTable.of(Arch.host()).number(name);
        return nr < 0 ? OptionalInt.empty() : OptionalInt.of(nr);
    }

    /** The name of syscall {@code number} on this machine's architecture, if it has one. */
    public static Optional<String> byNumber(long number) {
        Arch arch = Arch.host();
        if (number < 0 || number >= arch.syscalls().size()) return Optional.empty();
        return Optional.ofNullable(arch.syscalls().name((int) number));
    }
}
