package io.jstrace.decode;

import io.jstrace.core.StackTrace;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import java.util.List;

/**
 * One syscall decoded: everything the strace text, the JSON, the timeline and the views
 * show of it, produced once per call by {@link SyscallDecoding} and only laid out by them.
 * At syscall-enter-stop it holds the part strace prints at entry ({@link #exit} is
 * {@code null}, {@link #args} the entry's arguments); at syscall-exit-stop, or when the
 * call never returns, the whole call.
 *
 * @param enter           the entry stop: name, number, raw arguments, thread
 * @param exit            the exit stop, {@code null} at entry and for a call that never returned
 * @param args            the arguments that print, in order, decoded; the first {@link #entryArgs}
 *                        decoded at entry, the rest at exit
 * @param entryArgs       how many arguments print at entry (strace's split for {@code <unfinished ...>})
 * @param visibleArgs     how many arguments print, as known at entry
 * @param separatorAtExit the {@code ", "} after the entry's arguments prints at exit (clone, clone3,
 *                        sendfile, fcntl and ioctl's kernel-filled commands, sched_setattr)
 * @param resumes         for restart_syscall, the call it resumes ({@code "system call"} when unknown);
 *                        {@code null} otherwise
 * @param frame           rt_sigreturn's {@code {mask=[...]}} read from the signal frame, or {@code null}
 * @param writeBack       what the kernel wrote back into an entry argument, printed after
 *                        {@code " => "} (clone3's {@code {parent_tid=[N]}}, sendfile's {@code [5]}), or {@code null}
 * @param result          a returned call's value as it prints ({@code 3}, {@code 0x7f...},
 *                        {@code 0x1 (flags FD_CLOEXEC)}, {@code ?} for calls that return nothing);
 *                        {@code null} at entry, for a failed call (see {@link #errno()}) or one that never returned
 * @param dumps           {@code -e read=}/{@code -e write=}: the data the call moved, in order; empty otherwise
 * @param stack           {@code -k}: the thread's stack at the exit stop, or at entry ({@link #stackAtEntry});
 *                        {@link StackTrace#NONE} when not asked for
 * @param stackAtEntry    the stack was taken at entry: exit and exit_group, which do not return, and execve
 *                        and execveat, whose exit is in the new program (strace's STACKTRACE_CAPTURE_ON_ENTER,
 *                        src/linux/x86_64/syscallent.h), but for the launched command's own execve
 */
public record DecodedSyscall(SyscallEnter enter, SyscallExit exit, List<Arg> args, int entryArgs, int visibleArgs,
        boolean separatorAtExit, String resumes, Value frame, Value writeBack, Value result, List<Dump> dumps,
        StackTrace stack, boolean stackAtEntry) {

    /**
     * One printed argument: the kernel's name for it (clone's are strace's, which it prints
     * as {@code name=value}) and its decoded value.
     */
    public record Arg(String name, Value value) {}

    /** A piece of a {@code -e read=}/{@code -e write=} dump (src/util.c dumpstr, dumpiov_upto). */
    public sealed interface Dump {}

    /**
     * {@code  | <Cannot fetch N bytes from pid P @0xADDR>}: a part of a dump after the first
     * that could not be read, which ends it (strace 6.1 src/util.c dumpstr).
     */
    public record Unfetched(long size, int tid, long address) implements Dump {}

    /** {@code  = N buffers in vector K}: message {@code index} of sendmmsg or recvmmsg. */
    public record Message(int index, long buffers) implements Dump {}

    /** {@code  * N bytes in buffer K}: buffer {@code index} of an iovec. */
    public record Buffer(int index, long length) implements Dump {}

    /**
     * Bytes moved, printed as hex lines whose offsets start at {@code offset}; {@code total},
     * the length of the whole dump they are part of, sets the width of every line's offset.
     */
    public record Bytes(long offset, byte[] data, long total) implements Dump {
        public Bytes(long offset, byte[] data) {
            this(offset, data, offset + data.length);
        }
    }

    public DecodedSyscall {
        args = List.copyOf(args);
        dumps = List.copyOf(dumps);
        if (stack == null) stack = StackTrace.NONE;
    }

    /** A call without a stack trace. */
    public DecodedSyscall(SyscallEnter enter, SyscallExit exit, List<Arg> args, int entryArgs, int visibleArgs,
            boolean separatorAtExit, String resumes, Value frame, Value writeBack, Value result, List<Dump> dumps) {
        this(enter, exit, args, entryArgs, visibleArgs, separatorAtExit, resumes, frame, writeBack, result, dumps,
                StackTrace.NONE, false);
    }

    /** The syscall's name. */
    public String name() {
        return enter.name();
    }

    /** Whether the call returned: its exit was seen. */
    public boolean returned() {
        return exit != null;
    }

    /** The error the call failed with, or {@code null}. */
    public io.jstrace.syscalls.Errno errno() {
        return exit == null ? null : exit.errno();
    }

    /** This call once it has returned: its entry's arguments followed by the exit's. */
    DecodedSyscall returned(SyscallExit x, List<Arg> all, boolean separator, Value writeBack, Value result,
            List<Dump> dumps, StackTrace atExit) {
        return new DecodedSyscall(enter, x, all, entryArgs, visibleArgs, separator, resumes, frame, writeBack, result,
                dumps, stackAtEntry ? stack : atExit, stackAtEntry);
    }
}
