package io.jstrace.view.exec;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.NewChild;
import io.jstrace.core.ProcessInfo;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import io.jstrace.core.TraceeMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The traced backend: a {@link io.jstrace.core.TraceSession} following every fork, whose
 * records become exec events. Only execve and execveat ever stop at a syscall, and only
 * when failed execs are asked for (a seccomp filter selects them); otherwise the tracees
 * stop at fork, exec and exit events alone.
 */
final class TracedExecs implements TraceListener {

    private final ProcessTable table;
    private final Consumer<ExecEvent> sink;
    /** Failed-exec candidates: the filename and argv read at each execve's enter, by tid. */
    private final Map<Integer, List<String>> pending = new HashMap<>();

    TracedExecs(ProcessTable table, Consumer<ExecEvent> sink) {
        this.table = table;
        this.sink = sink;
    }

    static boolean isExec(String syscall) {
        return syscall.equals("execve") || syscall.equals("execveat");
    }

    /**
     * A new process (threads aside). When its first stop came before its parent's fork
     * event, the record cannot name the parent (it names the child itself, as strace's
     * "Process N attached" does): /proc/PID/stat does.
     */
    @Override
    public void onNewChild(NewChild child, Tracee tracee) {
        if (child.childPid() != child.childTid()) return;
        int parent = child.pid() != child.childPid() ? child.pid()
                : ProcessInfo.read(child.childPid()).map(ProcessInfo::ppid).orElse(0);
        table.forked(parent, child.childPid(), child.timestamp());
    }

    @Override
    public void onSyscallEnter(SyscallEnter enter, Tracee tracee) {
        if (!isExec(enter.name())) return;
        boolean at = enter.name().equals("execveat");
        TraceeMemory m = tracee.memory();
        List<String> fileAndArgv = new ArrayList<>();
        fileAndArgv.add(string(m, at ? enter.args().a1() : enter.args().a0()));
        fileAndArgv.addAll(strings(m, at ? enter.args().a2() : enter.args().a1()));
        pending.put(enter.tid(), fileAndArgv);
    }

    @Override
    public void onSyscallExit(SyscallExit exit, Tracee tracee) {
        List<String> p = pending.remove(exit.tid());
        if (p == null || !exit.failed()) return;
        emit(table.failedExec(exit.pid(), exit.timestamp(), p.get(0), p.subList(1, p.size()), exit.errno().name()));
    }

    @Override
    public void onExec(Exec exec, Tracee tracee) {
        List<String> p = pending.remove(exec.formerTid());
        pending.remove(exec.tid());
        emit(table.exec(exec.pid(), exec.timestamp(), p == null ? null : p.get(0)));
    }

    @Override
    public void onExit(Exit exit, Tracee tracee) {
        if (exit.pid() == exit.tid()) emit(table.exit(exit.pid(), exit.timestamp(), new ExecEvent.ExitStatus(exit.status(), null, false)));
    }

    @Override
    public void onSignalExit(SignalExit exit, Tracee tracee) {
        if (exit.pid() == exit.tid()) {
            emit(table.exit(exit.pid(), exit.timestamp(), new ExecEvent.ExitStatus(-1, exit.signal(), exit.coreDumped())));
        }
    }

    private void emit(ExecEvent e) {
        if (e != null) sink.accept(e);
    }

    private static String string(TraceeMemory m, long address) {
        if (address == 0) return null;
        TraceeMemory.CString s = m.readString(address, TraceeMemory.EXEC_MAX_ELEM_SIZE);
        return s == null ? null : io.jstrace.core.TraceeText.text(s.bytes());
    }

    /** A NULL-terminated array of string pointers (argv), within the exec caps. */
    private static List<String> strings(TraceeMemory m, long array) {
        List<String> out = new ArrayList<>();
        for (TraceeMemory.CString s : m.readExecVector(array)) out.add(io.jstrace.core.TraceeText.text(s.bytes()));
        return out;
    }
}
