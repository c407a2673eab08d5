package io.jstrace.decode;

import io.jstrace.arch.Arch;
import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.HostFacts;
import io.jstrace.core.NewChild;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.StackTrace;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import io.jstrace.core.TraceeMemory;
import io.jstrace.decode.DecodedSyscall.Arg;
import io.jstrace.syscalls.SyscallTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes each syscall once, at its two stops, and hands the one {@link DecodedSyscall} to
 * every renderer and view behind it; the session's other records pass through. Between
 * the stops it keeps what the exit needs of the entry: the arguments decoded there, and
 * the memory the kernel is about to overwrite ({@link EntryMemory}).
 */
public final class SyscallDecoding implements TraceListener {
    /** A call between its stops, by the thread that entered it. */
    private record Pending(DecodedSyscall entry, TraceeMemory atEntry) {}

    /**
     * The calls whose stack is taken at entry: exit and exit_group do not return, and execve's
     * exit is in the new program (strace's STACKTRACE_CAPTURE_ON_ENTER, src/linux/x86_64/syscallent.h).
     */
    private static final Set<String> STACK_AT_ENTRY = Set.of("exit", "exit_group", "execve", "execveat");

    private final DecodeOptions options;
    private final List<DecodedListener> listeners;
    private final Map<Integer, Pending> pending = new HashMap<>();
    /** Each thread's latest syscall: what restart_syscall resumes. */
    private final Map<Integer, String> lastSyscall = new HashMap<>();

    public SyscallDecoding(DecodeOptions options, List<? extends DecodedListener> listeners) {
        this.options = options;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onSyscallEnter(SyscallEnter e, Tracee t) {
        Call call = new Call(e, null, t.memory(), t.arch(), options.forSyscall(e.syscall()), t.host());
        DecodedSyscall entry = entry(call, t);
        pending.put(e.tid(), new Pending(entry, EntryMemory.capture(call)));
        for (DecodedListener l : listeners) l.onEntry(entry, t);
    }

    /** The part of {@code call} strace prints at entry. */
    private DecodedSyscall entry(Call call, Tracee tracee) {
        int visible = Formatters.visibleArgs(call);
        int split = Formatters.entryArgs(call, visible);
        List<Arg> args = new ArrayList<>(split);
        for (int i = 0; i < split; i++) args.add(arg(call, i));
        Value frame = call.name().equals("rt_sigreturn") ? SignalDecoders.sigreturnFrame(call) : null;
        StackTrace stack = STACK_AT_ENTRY.contains(call.name()) ? tracee.stack() : StackTrace.NONE;
        boolean atEntry = !stack.frames().isEmpty();
        return new DecodedSyscall(call.enter(), null, args, split, visible, Formatters.separatorAtExit(call),
                resumes(call.enter()), frame, null, null, List.of(), stack, atEntry);
    }

    /** restart_syscall's {@code <... resuming interrupted NAME ...>}; remembers every other call's name. */
    private String resumes(SyscallEnter e) {
        if (!e.name().equals("restart_syscall")) {
            lastSyscall.put(e.tid(), e.name());
            return null;
        }
        String interrupted = lastSyscall.get(e.tid());
        return interrupted == null ? "system call" : interrupted;
    }

    @Override
    public void onSyscallExit(SyscallExit x, Tracee t) {
        Pending p = pending.remove(x.tid());
        if (p == null) return; // the entry was not seen: strace prints nothing of it either
        Call call = new Call(x.enter(), x, t.memory(), t.arch(), options.forSyscall(x.enter().syscall()),
                p.atEntry(), t.host());
        DecodedSyscall entry = p.entry();
        boolean separator = Formatters.separatorAtExit(call);
        int visible = separator ? Formatters.visibleArgs(call) : entry.visibleArgs();
        List<Arg> args = new ArrayList<>(entry.args());
        for (int i = entry.entryArgs(); i < visible; i++) args.add(arg(call, i));
        Value result = x.failed() ? null : Formatters.result(call);
        DecodedSyscall whole = entry.returned(x, args, separator, Formatters.writeBack(call), result,
                DataDump.of(call), entry.stackAtEntry() ? StackTrace.NONE : t.stack());
        for (DecodedListener l : listeners) l.onReturn(whole, t);
    }

    /** Argument {@code i} named as the kernel names it, or as strace does for clone's {@code name=value}. */
    private static Arg arg(Call call, int i) {
        Value v = Formatters.format(call, i);
        var params = call.enter().syscall().args();
        String name = v instanceof Value.Named n ? n.name() : i < params.size() ? params.get(i).name() : "arg" + i;
        return new Arg(name, v);
    }

    @Override
    public void onSignal(SignalStop s, Tracee t) {
        Value info = s.info() == null ? null
                : Siginfos.siginfo(s.info(), Siginfos.Ids.of(options, t.host()));
        for (DecodedListener l : listeners) l.onSignal(s, info, t);
    }

    @Override
    public void onExit(Exit x, Tracee t) {
        forget(x.tid());
        for (DecodedListener l : listeners) l.onExit(x, t);
    }

    @Override
    public void onSignalExit(SignalExit x, Tracee t) {
        forget(x.tid());
        for (DecodedListener l : listeners) l.onSignalExit(x, t);
    }

    @Override
    public void onNewChild(NewChild c, Tracee t) {
        for (DecodedListener l : listeners) l.onNewChild(c, t);
    }

    /**
     * An execve from a thread other than the leader: the leader's own call never returns,
     * and the execve returns in the leader (fs/exec.c de_thread).
     */
    @Override
    public void onExec(Exec e, Tracee t) {
        if (e.formerTid() != e.tid()) {
            Pending execve = pending.remove(e.formerTid());
            pending.remove(e.tid());
            if (execve != null) pending.put(e.tid(), execve);
        }
        for (DecodedListener l : listeners) l.onExec(e, t);
    }

    @Override
    public void onAttach(int pid, List<Integer> tids) {
        for (int tid : tids) {
            long nr = HostFacts.of(pid, tid).blockedSyscall();
            if (nr >= 0) lastSyscall.put(tid, SyscallTable.of(Arch.host()).get(nr).name());
        }
        for (DecodedListener l : listeners) l.onAttach(pid, tids);
    }

    @Override
    public void onDetach(int pid, int tid, SyscallEnter inSyscall) {
        forget(tid);
        for (DecodedListener l : listeners) l.onDetach(pid, tid, inSyscall);
    }

    private void forget(int tid) {
        pending.remove(tid);
        lastSyscall.remove(tid);
    }
}
