package io.jstrace.view.tls;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.NewChild;
import io.jstrace.core.OpenFile;
import io.jstrace.core.Payload;
import io.jstrace.core.ProcessInfo;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The tls view's state table, fed by a traced session's payloads: every TCP socket the
 * tracees moved bytes on, by inode ({@link TlsConnection}), and the descriptors that refer
 * to it in each process. A socket's connection ends when no descriptor known to refer to it
 * is left: closes, dup2/dup3 over it, close_range and close-on-exec are checked against the
 * fd table (which has applied them before the listeners run); a fork copies the parent's
 * references; a process's end drops its own.
 */
final class TlsTracker implements TraceListener {
    /** The syscalls after which references are checked; the payloads' syscalls stop anyway. */
    static final Set<String> SYSCALLS = Set.of("close", "close_range", "dup2", "dup3");

    private final Consumer<TlsEvent> sink;
    private final Map<Long, TlsConnection> conns = new HashMap<>();
    /** pid → fd → socket inode. */
    private final Map<Integer, Map<Integer, Long>> refs = new HashMap<>();
    private final Map<Integer, String> comms = new HashMap<>();

    TlsTracker(Consumer<TlsEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void onPayload(Payload p, Tracee tracee) {
        if (!(p.file() instanceof OpenFile.Socket s) || s.type() != OpenFile.Socket.SOCK_STREAM
                || s.family() != OpenFile.Socket.AF_INET && s.family() != OpenFile.Socket.AF_INET6 || p.length() == 0) {
            return;
        }
        long inode = s.inode() != 0 ? s.inode() : -((long) p.pid() << 32 | (p.fd() & 0xffffffffL));
        TlsConnection c = conns.get(inode);
        if (c == null) {
            c = new TlsConnection(inode, p, comms.computeIfAbsent(p.pid(), pid -> tracee.host().comm()));
            conns.put(inode, c);
        }
        refs.computeIfAbsent(p.pid(), k -> new HashMap<>()).put(p.fd(), inode);
        c.endpoints(s);
        TlsEvent handshake = c.bytes(p);
        if (handshake != null) sink.accept(handshake);
    }

    /**
     * Adds a library call's plaintext to the connection that descriptor {@code fd} of
     * process {@code pid} refers to (the plaintext mode); false when none is known.
     */
    boolean plaintext(int pid, int fd, TlsPlaintext p) {
        Long inode = refs.getOrDefault(pid, Map.of()).get(fd);
        TlsConnection c = inode == null ? null : conns.get(inode);
        if (c == null) return false;
        c.plaintext(p);
        return true;
    }

    @Override
    public void onSyscallExit(SyscallExit exit, Tracee tracee) {
        if (!exit.failed() && SYSCALLS.contains(exit.enter().name())) check(exit.pid(), tracee, exit.timestamp(), "close");
    }

    /** Drops the references of {@code pid} its fd table no longer has. */
    private void check(int pid, Tracee tracee, long now, String reason) {
        Map<Integer, Long> mine = refs.get(pid);
        if (mine == null) return;
        for (Map.Entry<Integer, Long> e : List.copyOf(mine.entrySet())) {
            if (!(tracee.fds().get(e.getKey()) instanceof OpenFile.Socket s && s.inode() == e.getValue())) {
                unref(pid, e.getKey(), now, reason);
            }
        }
    }

    private void unref(int pid, int fd, long now, String reason) {
        Map<Integer, Long> mine = refs.get(pid);
        Long inode = mine == null ? null : mine.remove(fd);
        if (inode == null) return;
        for (Map<Integer, Long> other : refs.values()) if (other.containsValue(inode)) return;
        TlsConnection c = conns.remove(inode);
        if (c != null) sink.accept(c.event(TlsEvent.Kind.CLOSE, now, reason));
    }

    @Override
    public void onNewChild(NewChild child, Tracee tracee) {
        if (child.childPid() != child.childTid()) return;
        int parent = child.pid() != child.childPid() ? child.pid()
                : ProcessInfo.read(child.childPid()).map(ProcessInfo::ppid).orElse(0);
        Map<Integer, Long> theirs = refs.get(parent);
        if (theirs != null) refs.putIfAbsent(child.childPid(), new HashMap<>(theirs));
    }

    @Override
    public void onExec(Exec exec, Tracee tracee) {
        comms.remove(exec.pid());
        check(exec.pid(), tracee, exec.timestamp(), "exec");
    }

    @Override
    public void onExit(Exit exit, Tracee tracee) {
        if (exit.pid() == exit.tid()) gone(exit.pid(), exit.timestamp(), "exit");
    }

    @Override
    public void onSignalExit(SignalExit exit, Tracee tracee) {
        if (exit.pid() == exit.tid()) gone(exit.pid(), exit.timestamp(), "exit");
    }

    @Override
    public void onDetach(int pid, int tid, SyscallEnter inSyscall) {
        if (pid == tid) gone(pid, System.currentTimeMillis() * 1_000_000L, "detach");
    }

    private void gone(int pid, long now, String reason) {
        Map<Integer, Long> mine = refs.get(pid);
        if (mine != null) for (int fd : List.copyOf(mine.keySet())) unref(pid, fd, now, reason);
        refs.remove(pid);
        comms.remove(pid);
    }
}
