package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Ptrace.*;

import io.jstrace.arch.Arch;
import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.NewChild;
import io.jstrace.core.SigInfo;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallArgs;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceException;
import io.jstrace.core.TraceOptions;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.SyscallInfo;
import io.jstrace.syscalls.SyscallTable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ptrace loop: waits for stops of every tracee, classifies them (ptrace(2),
 * "Stopped states"), turns them into records and resumes the tracee. Runs entirely on
 * the one thread that seized the tracees.
 */
public final class PtraceLoop {
    private static final int SYSCALL_INFO_SIZE = 88;
    /** include/uapi/linux/sched.h. */
    private static final long CLONE_VM = 0x100, CLONE_THREAD = 0x10000;
    /**
     * What the tracer thread waits for: its own tracees, clone children too (__WALL), and
     * its own children, the launched command and the {@link Waker} (__WNOTHREAD). Without
     * __WNOTHREAD a wait for -1 also reaps the children the JVM's other threads started
     * (kernel/exit.c, do_wait walks every thread of the group), and their exit statuses are
     * lost to the JDK, whose reaper thread waits for each of its own by pid.
     */
    private static final int WAIT_OWN = __WALL | __WNOTHREAD;

    private final LibC libc;
    private final ProcessMemory memory;
    private final TraceOptions options;
    private final Dispatcher dispatcher;
    private final Map<Integer, ThreadState> threads = new HashMap<>();
    private final Arch host = Arch.host();
    private final NativeBuffer status;
    private final AdoptedZombies adopted;
    private final NativeBuffer info;
    private final NativeBuffer word;
    /** A struct timespec for the tracee's CPU clock, when CPU time is measured. */
    private final NativeBuffer cpuClock;
    private final Registers registers;
    private final Clock clock = new Clock();
    private final Waker waker;
    /** The fd tables, when asked for ({@link TraceOptions#keepsFdTable}), else {@code null}: nothing is spent. */
    private final FdTracker fds;
    /** The stack unwinder, when stacks are asked for, else {@code null}. */
    private final Unwinder unwinder;
    /** The payload reader, when payloads are asked for, else {@code null}. */
    private final PayloadReader payloads;
    /**
     * With {@link TraceOptions#seccompFilter}: the numbers of the syscalls that stop, or
     * {@code null} when every syscall stops.
     */
    private final int[] stopAt;
    /** Syscalls stop only when a filter says so: tracees outside a syscall run with PTRACE_CONT. */
    private boolean filtered;
    /** The launched command's filter is still to be installed, at its first syscall-enter-stop. */
    private boolean filterPending;
    /** The launched command runs under our filter: it must die with us (see {@link #killsOnExit}). */
    private boolean filterInstalled;
    /** Processes were attached (-p): a detach request detaches, whatever else. */
    private boolean attached;
    /** A detach request killed the launched command's tracees instead: each new one is killed too. */
    private boolean killing;

    private int launchedPid = -1;
    private int launchedArgc;
    private int launchedStatus;
    private boolean launchFailed;
    /** The launched command's own execve has succeeded: later failed execs are the program's. */
    private boolean launchExecuted;
    private volatile boolean detachRequested;
    private volatile int forwardSignal;
    private boolean detaching;
    /** The breakpoints, when some are asked for, else {@code null}: nothing is spent. */
    private final Breakpoints breakpoints;
    /** Stops reaped out of turn (while a breakpoint's instruction was stepped), handled next. */
    private final ArrayDeque<int[]> deferred = new ArrayDeque<>();
    /** With breakpoints: new processes' first stops that came before their parent's fork event. */
    private final Map<Integer, Integer> earlyChildren = new HashMap<>();
    /** The tamperer, when the session tampers with syscalls, else {@code null}. */
    private final Tamperer tamperer;
    /**
     * Threads held in their stop by an injected delay, the first to let go first. (A plain
     * lambda: Comparator.comparingLong's is serializable, which the class-data archive does
     * not keep, so every start would generate its class.)
     */
    private final java.util.PriorityQueue<ThreadState> held =
            new java.util.PriorityQueue<>((a, b) -> Long.compare(a.heldUntil, b.heldUntil));

    public PtraceLoop(TraceOptions options, Dispatcher dispatcher) {
        this(options, dispatcher, List.of());
    }

    public PtraceLoop(TraceOptions options, Dispatcher dispatcher, List<io.jstrace.core.Breakpoint> breakpoints) {
        this.libc = Native.libc();
        this.options = options;
        this.dispatcher = dispatcher;
        this.memory = new ProcessMemory(libc);
        this.status = NativeBuffer.allocate(4);
        this.adopted = new AdoptedZombies(libc);
        this.info = NativeBuffer.allocate(SYSCALL_INFO_SIZE);
        this.word = NativeBuffer.allocate(8);
        this.cpuClock = options.measureCpuTime() ? NativeBuffer.allocate(16) : null;
        this.registers = new Registers(libc);
        this.fds = options.keepsFdTable() ? new FdTracker() : null;
        this.payloads = options.payloadLimit() >= 0 ? new PayloadReader(options.payloadLimit(), fds) : null;
        this.breakpoints = breakpoints.isEmpty() ? null
                : new Breakpoints(breakpoints, libc, registers, memory, clock, new BreakpointLoop());
        this.unwinder = options.stackTraces() ? new Unwinder(new Registers(libc)) : null;
        this.stopAt = options.seccompFilter() ? selectedNumbers(options) : null;
        this.tamperer = options.tampering().isEmpty() ? null
                : new Tamperer(options.tampering(), registers, memory, dispatcher::error);
        this.waker = new Waker(libc);
    }

    /**
     * The host numbers of the syscalls the options select, or {@code null} when that is every
     * syscall: a filter would then stop them all, and only cost its own run on each.
     */
    private int[] selectedNumbers(TraceOptions options) {
        SyscallTable table = SyscallTable.of(host);
        int[] known = java.util.stream.IntStream.range(0, host.syscalls().size())
                .filter(nr -> host.syscalls().name(nr) != null).toArray();
        int[] selected = java.util.Arrays.stream(known)
                .filter(nr -> options.syscalls().test(table.get(nr))
                        || fds != null && FdTracker.SYSCALLS.contains(host.syscalls().name(nr))
                        || payloads != null && PayloadReader.SYSCALLS.contains(host.syscalls().name(nr))
                        || breakpoints != null && Breakpoints.SYSCALLS.contains(host.syscalls().name(nr))
                        || unwinder != null && Unwinder.SYSCALLS.contains(host.syscalls().name(nr)))
                .toArray();
        if (selected.length == known.length) return null;
        if (selected.length == 0) return selected; // no syscall stops: no filter (see filtered)
        // a tracee that makes a filter of its own is seen doing it (see ThreadState.ownFilter)
        return java.util.stream.IntStream.concat(java.util.Arrays.stream(selected),
                java.util.stream.IntStream.of(host.syscalls().number("seccomp"), host.syscalls().number("prctl")))
                .filter(nr -> nr >= 0).distinct().toArray();
    }

    /**
     * Whether {@code e}, which returned 0, gave its thread a seccomp filter:
     * {@code seccomp(SECCOMP_SET_MODE_FILTER, ...)} or {@code prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ...)}.
     */
    private static boolean madeAFilter(SyscallEnter e) {
        return e.name().equals("seccomp") && e.args().a0() == SeccompFilter.SECCOMP_SET_MODE_FILTER
                || e.name().equals("prctl") && e.args().a0() == SeccompFilter.PR_SET_SECCOMP
                        && e.args().a1() == SeccompFilter.SECCOMP_MODE_FILTER;
    }

    /**
     * Whether the launched command dies with us: asked for ({@code --kill-on-exit}), or our
     * filter is in it. Never with attached processes, which are only ever detached from.
     */
    private boolean killsOnExit() {
        return launchedPid > 0 && !attached && (options.killOnExit() || filterInstalled);
    }

    private int seizeOptions(boolean launched) {
        int o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC;
        // with breakpoints, every thread must be traced (an untraced one would die of our int3's
        // SIGTRAP) and every forked child seen, to be given its code back if it is not followed
        if (options.followForks() || breakpoints != null) {
            o |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE;
        }
        // The prelude dies with us: alone it would exec the command without its arguments
        // (see Launcher). After the command's execve, see commandStarted.
        if (launched || killsOnExit()) o |= PTRACE_O_EXITKILL;
        if (stopAt != null) o |= PTRACE_O_TRACESECCOMP;
        return o;
    }

    /** Starts {@code argv} from {@code path}, hidden until its execve. */
    public int launch(byte[] path, List<byte[]> argv, List<byte[]> env) throws TraceException {
        int pid = Launcher.spawn(libc, path, argv, env, options.inheritedFds(), seizeOptions(true));
        ThreadState t = newThread(pid, pid);
        t.hidden = true;
        launchedPid = pid;
        launchedArgc = argv.size();
        if (stopAt != null) {
            filtered = stopAt.length == 0;
            filterPending = stopAt.length > 0;
        }
        return pid;
    }

    /**
     * Seizes every thread of each process and interrupts it. As strace does, a process
     * that cannot be attached is reported (to the error handler) and the others are
     * traced; only when none can be is it an error.
     */
    public void attach(List<Integer> pids) throws TraceException {
        // A filter cannot be given to a running process safely (it would outlive us), so
        // only "no syscall stops at all" is honoured here.
        filtered = stopAt != null && stopAt.length == 0;
        attached = true;
        List<TraceException> failures = new ArrayList<>();
        for (int pid : pids) {
            try {
                attachProcess(pid);
            } catch (TraceException e) {
                failures.add(e);
            }
        }
        if (failures.isEmpty()) return;
        if (threads.isEmpty()) throw failures.get(0);
        failures.forEach(dispatcher::error);
    }

    private void attachProcess(int pid) throws TraceException {
        List<Integer> seized = new ArrayList<>();
        for (int tid : Attacher.threadsOf(pid)) {
            if (threads.containsKey(tid)) continue;
            if (libc.ptrace(PTRACE_SEIZE, tid, 0, seizeOptions(false)) < 0) {
                int e = Native.errno();
                if (e == ESRCH && tid != pid) continue;
                throw Attacher.failure(pid, e);
            }
            newThread(tid, pid);
            seized.add(tid);
        }
        if (seized.isEmpty()) return;
        if (breakpoints != null) breakpoints.newAddressSpace(pid);
        // Seized threads run on as they were until interrupted: listeners see each still in
        // its syscall (/proc/TID/syscall names what a restart_syscall will resume).
        dispatcher.attached(pid, List.copyOf(seized));
        for (int tid : seized) libc.ptrace(PTRACE_INTERRUPT, tid, 0, 0);
    }

    /**
     * Runs until no tracee is left.
     *
     * @return the launched command's wait status, or 0 when nothing was launched
     */
    public int run() {
        waker.arm();
        Thread watchdog = watchdog();
        try {
            while (!threads.isEmpty()) {
                if (detachRequested && !detaching && !killing) {
                    if (killsOnExit()) killAll();
                    else beginDetach();
                }
                if (!held.isEmpty()) letGo();
                int[] d = deferred.poll();
                if (d != null) {
                    handle(d[0], d[1]);
                    continue;
                }
                int tid = held.isEmpty() ? libc.waitpid(-1, status, WAIT_OWN) : waitHolding();
                lastEvent = System.nanoTime();
                if (tid == 0) continue; // a held thread is due
                if (tid < 0) {
                    if (Native.errno() == EINTR) continue;
                    break;
                }
                if (waker.is(tid)) {
                    if (!detachRequested) {
                        forgetVanished();
                        adopted.reap();
                        waker.arm();
                    }
                    continue;
                }
                handle(tid, status.getInt(0));
            }
        } catch (Error e) {
            detachAll();
            throw e;
        } finally {
            watchdog.interrupt();
            waker.disarm();
        }
        return launchedStatus;
    }

    /** When the last stop came (System.nanoTime), for the {@link #watchdog}. */
    private volatile long lastEvent = System.nanoTime();

    /**
     * Wakes the loop after 2 s without a stop, so that it can forget threads that are gone
     * without their exit reaching it: waitpid waits for the {@link Waker} too, so it would
     * never say ECHILD, and the loop would wait for ever.
     */
    private Thread watchdog() {
        Thread w = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    if (System.nanoTime() - lastEvent > 2_000_000_000L) waker.wake();
                }
            } catch (InterruptedException e) {
                // the loop ended
            }
        }, "jstrace-watchdog");
        w.setDaemon(true);
        w.start();
        return w;
    }

    /** Forgets the threads /proc no longer has (their exit was never reported); only with /proc mounted. */
    private void forgetVanished() {
        if (!java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self"))) return;
        for (int tid : List.copyOf(threads.keySet())) {
            if (!java.nio.file.Files.exists(java.nio.file.Path.of(ProcFs.pidDir(tid)))) threads.remove(tid);
        }
    }

    /**
     * Asks the loop to detach from every tracee and return. Safe from any thread: the
     * loop may be blocked in waitpid, so this ends the {@link Waker}, whose exit wakes it.
     * A non-zero {@code signal} is sent to the launched command once it is detached.
     */
    public void requestDetach(int signal) {
        forwardSignal = signal;
        detachRequested = true;
        waker.wake();
    }

    /** The launched process's pid, or -1. */
    public int launchedPid() {
        return launchedPid;
    }

    private void handle(int tid, int s) {
        ThreadState t = threads.get(tid);
        if (WaitStatus.exited(s) || WaitStatus.signaled(s)) {
            if (t != null) died(t, s);
            else if (tid != launchedPid) dispatcher.unknownExit(tid); // the command after -b execve is known
            return;
        }
        if (!WaitStatus.stopped(s)) return;
        if (killing) { // SIGKILL ends a ptrace-stopped tracee without its being resumed
            libc.kill(t == null ? tid : t.pid, Signal.SIGKILL.number());
            if (t == null) newThread(tid, Attacher.tgidOf(tid)).hidden = true;
            return;
        }
        if (t == null) {
            int pid = Attacher.tgidOf(tid);
            if (breakpoints != null && pid == tid) {
                earlyChildren.put(tid, s); // held until its parent's fork event says what it is
                return;
            }
            if (breakpoints == null && !options.followForks()) { // CLONE_PTRACE: let it run untraced
                libc.ptrace(PTRACE_DETACH, tid, 0, 0);
                dispatcher.unknownDetached(tid);
                return;
            }
            t = newThread(tid, pid);
            t.unannounced = true;
        }
        if (t.unannounced) announce(t);
        if (t.detaching) {
            detach(t, keepAtDetach(t, s));
            return;
        }
        int sig = WaitStatus.stopSig(s);
        int event = WaitStatus.event(s);
        if (sig == WaitStatus.SYSCALL_TRAP) syscallStop(t);
        else if (event != 0) eventStop(t, sig, event);
        else signalStop(t, sig);
    }

    private void died(ThreadState t, int s) {
        threads.remove(t.tid);
        if (t.heldUntil != 0) held.remove(t);
        if (breakpoints != null) breakpoints.gone(t.pid, t.tid, threads.values().stream().noneMatch(o -> o.pid == t.pid));
        if (fds != null && threads.values().stream().noneMatch(o -> o.pid == t.pid)) fds.gone(t.pid);
        long now = clock.now();
        boolean launched = t.tid == launchedPid && !launchFailed;
        if (launched) launchedStatus = s;
        if (t.tid == t.pid) adopted.exited(t.pid);
        // killed before its execve, the command dies as strace reports it: +++ killed by ... +++
        if (t.hidden && !(launched && WaitStatus.signaled(s))) return;
        if (WaitStatus.exited(s)) dispatcher.record(new Exit(t.pid, t.tid, now, WaitStatus.exitCode(s)), t);
        else dispatcher.record(new SignalExit(t.pid, t.tid, now, Signal.of(WaitStatus.termSig(s)),
                WaitStatus.coreDumped(s)), t);
    }

    private void syscallStop(ThreadState t) {
        long n = libc.ptrace(PTRACE_GET_SYSCALL_INFO, t.tid, SYSCALL_INFO_SIZE, info);
        if (n < 0) { // gone (ESRCH), or a kernel without it: never leave it stopped
            resume(t, 0);
            return;
        }
        int op = info.getByte(0);
        Arch arch = Arch.ofAudit(info.getInt(4));
        if (arch != null) t.arch = arch;
        if (op == PTRACE_SYSCALL_INFO_ENTRY) syscallEnter(t, info.getLong(24));
        else if (op == PTRACE_SYSCALL_INFO_EXIT) syscallExit(t, info.getLong(24));
        int sig = t.signalOnResume;
        t.signalOnResume = 0;
        proceed(t, sig);
    }

    /**
     * Resumes {@code t} with {@code sig}, or holds it in its stop when an injected delay says
     * so. A signal given at a syscall-enter-stop is sent as the tracee resumes
     * (kernel/entry/common.c via ptrace_report_syscall): pending while the call runs.
     */
    private void proceed(ThreadState t, int sig) {
        if (t.heldUntil == 0) {
            resume(t, sig);
            return;
        }
        t.heldSignal = sig;
        held.add(t);
    }

    /**
     * While threads are held: the next stop of any tracee, or 0 once the first held thread
     * is due. waitpid has no timeout, so it is asked without waiting (WNOHANG) every
     * millisecond at most: the other tracees go on, each stop seen within that time.
     */
    private int waitHolding() {
        while (true) {
            int tid = libc.waitpid(-1, status, WAIT_OWN | WNOHANG);
            if (tid != 0 || detachRequested) return tid;
            long due = held.peek().heldUntil - System.nanoTime();
            if (due <= 0) return 0;
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(due, 1_000_000L));
        }
    }

    /** Resumes the held threads whose time has come. */
    private void letGo() {
        long now = System.nanoTime();
        while (!held.isEmpty() && held.peek().heldUntil - now <= 0) {
            ThreadState t = held.poll();
            t.heldUntil = 0;
            resume(t, t.heldSignal);
        }
    }

    private void syscallEnter(ThreadState t, long nr) {
        if (t.hidden && filterPending) {
            filterPending = false;
            // Under a filter already (a container's), ours would let the calls that one fails
            // go unseen: every syscall stops instead.
            if (Attacher.seccompModeOf(t.pid) == 0) {
                int r = new SeccompInstaller(libc, registers, memory, status).install(t, stopAt);
                filtered = r > 0;
                filterInstalled = r > 0;
                if (r >= 0) return;
            }
        }
        SyscallArgs args = new SyscallArgs(info.getLong(32), info.getLong(40), info.getLong(48),
                info.getLong(56), info.getLong(64), info.getLong(72));
        SyscallInfo s = SyscallTable.of(t.arch).get(nr);
        if (t.hidden) {
            if (!s.name().equals("execve")) return;
            args = retarget(t, args);
            if (args == null) {
                // Gone (killed), its death is reported next. Else the prelude would exec the
                // program without its arguments: never run that.
                if (!inStop(t)) return;
                dispatcher.error(new TraceException("cannot hand the command its arguments: the launch prelude's"
                        + " memory is unreadable (process_vm_readv)"));
                failedLaunch(t);
                return;
            }
            t.hidden = false;
            t.execingCommand = true;
        }
        t.enter = new SyscallEnter(t.pid, t.tid, clock.now(), nr, s, args, info.getLong(8), info.getLong(16));
        t.enterNanos = System.nanoTime();
        if (cpuClock != null) t.enterSystemTime = cpuTime(t.pid);
        t.enterSuppressed = !options.syscalls().test(s);
        if (t.enterSuppressed) return;
        if (tamperer != null) tamperer.enter(t, t.enter);
        dispatcher.record(t.enter, t);
    }

    /** Whether {@code t} is still in its ptrace stop: ptrace requests fail with ESRCH once it is not. */
    private boolean inStop(ThreadState t) {
        return libc.ptrace(PTRACE_GETEVENTMSG, t.tid, 0, word) == 0;
    }

    /** The payloads and blind spots of one syscall exit, after its own record. */
    private void payloads(ThreadState t, SyscallEnter e, long rval, long now) {
        for (io.jstrace.core.TraceRecord r : payloads.exit(t, e, rval, now)) dispatcher.record(r, t);
    }

    /**
     * Points the prelude's execve at the caller's argv and environment (see {@link Launcher});
     * {@code null} when that cannot be done.
     */
    private SyscallArgs retarget(ThreadState t, SyscallArgs args) {
        long[] argvEnvp = Launcher.retarget(t.pid, t.memory, launchedArgc);
        if (argvEnvp == null || !registers.setArgs12(t, argvEnvp[0], argvEnvp[1])) return null;
        return new SyscallArgs(args.a0(), argvEnvp[0], argvEnvp[1], args.a3(), args.a4(), args.a5());
    }

    private void syscallExit(ThreadState t, long rval) {
        SyscallEnter e = t.enter;
        t.enter = null;
        if (e == null || t.hidden) return;
        if (t.injecting != null) rval = tamperer.exit(t, e, rval);
        if (breakpoints != null) breakpoints.syscallExit(t, e, rval);
        if (fds != null) fds.exit(t.pid, t.tid, e, rval, t.memory);
        if (unwinder != null && Unwinder.SYSCALLS.contains(e.name())) unwinder.mappingsChanged(t.pid);
        if (filterInstalled && rval == 0 && madeAFilter(e)) {
            for (ThreadState o : threads.values()) if (o.pid == t.pid) o.ownFilter = true;
        }
        if (t.enterSuppressed) {
            if (payloads != null) payloads(t, e, rval, clock.now());
            return;
        }
        long duration = System.nanoTime() - t.enterNanos;
        long cpu = cpuClock == null ? -1 : Math.max(0, cpuTime(t.pid) - t.enterSystemTime);
        SyscallExit x = new SyscallExit(t.pid, t.tid, clock.now(), e, rval, duration, cpu, t.tampered);
        t.injecting = null;
        t.tampered = java.util.Set.of();
        dispatcher.record(x, t);
        if (payloads != null) payloads(t, e, rval, x.timestamp());
        if (t.tid == launchedPid && !launchExecuted && !launchFailed && x.failed() && e.name().equals("execve")) {
            failedLaunch(t);
        }
    }

    /**
     * The command's own execve failed (strace: {@code exec: Permission denied}, then
     * {@code +++ exited with 1 +++}). The prelude shell would print its own complaint and
     * exit 126; it is killed unseen instead, and the command is reported to exit with 1.
     */
    private void failedLaunch(ThreadState t) {
        launchFailed = true;
        launchedStatus = 1 << 8;
        t.hidden = true;
        libc.kill(t.pid, Signal.SIGKILL.number());
        dispatcher.record(new Exit(t.pid, t.tid, clock.now(), 1), t);
    }

    private void eventStop(ThreadState t, int sig, int event) {
        switch (event) {
            case PTRACE_EVENT_FORK, PTRACE_EVENT_VFORK, PTRACE_EVENT_CLONE -> newChild(t, event);
            case PTRACE_EVENT_EXEC -> {
                boolean first = t.pid == launchedPid && !launchExecuted;
                exec(t);
                if (options.detachOnExecve() && !first) { // strace -b execve (strace.c: TE_STOP_BEFORE_EXECVE)
                    detach(t, 0);
                    return;
                }
            }
            case PTRACE_EVENT_SECCOMP -> {
                seccompStop(t); // an injected signal waits for the exit stop: this one's is not sent
                proceed(t, 0);
                return;
            }
            case PTRACE_EVENT_STOP -> {
                if (isStopSignal(sig)) {
                    groupStop(t, sig);
                    return;
                }
            }
            default -> {}
        }
        resume(t, 0);
    }

    /**
     * A filtered syscall's PTRACE_EVENT_SECCOMP stop, where its enter is reported: the
     * tracee is resumed with PTRACE_SYSCALL, so its exit stops too. Seen after an enter
     * stop of the same syscall (a tracee resumed with PTRACE_SYSCALL stops at both; the
     * kernel runs seccomp after the ptrace report, kernel/entry/common.c), it adds nothing.
     */
    private void seccompStop(ThreadState t) {
        if (t.hidden || t.enter != null) return;
        if (libc.ptrace(PTRACE_GET_SYSCALL_INFO, t.tid, SYSCALL_INFO_SIZE, info) < 0) return;
        if (info.getByte(0) != PTRACE_SYSCALL_INFO_SECCOMP) return;
        Arch arch = Arch.ofAudit(info.getInt(4));
        if (arch != null) t.arch = arch;
        syscallEnter(t, info.getLong(24));
    }

    /** The parent's PTRACE_EVENT_FORK/VFORK/CLONE stop: who made the child, and how. */
    private void newChild(ThreadState t, int event) {
        if (libc.ptrace(PTRACE_GETEVENTMSG, t.tid, 0, word) < 0) return;
        int child = (int) word.getLong(0);
        if (breakpoints != null && (event != PTRACE_EVENT_CLONE || (cloneFlags(t) & CLONE_THREAD) == 0)) {
            Integer early = earlyChildren.remove(child);
            boolean shares = event == PTRACE_EVENT_VFORK || (cloneFlags(t) & CLONE_VM) != 0;
            if (!options.followForks()) {
                disown(t, child, shares, early);
                return;
            }
            breakpoints.forked(t, child, shares);
            if (early != null) defer(child, early);
        }
        ThreadState c = threads.get(child);
        if (c == null) {
            c = newThread(child, Attacher.tgidOf(child));
            c.unannounced = true;
        }
        c.parentPid = t.pid;
        c.parentTid = t.tid;
        c.ownFilter |= t.ownFilter;
        if (fds != null && !t.hidden) fds.forked(t.pid, t.tid, c.pid, cloneFlags(t));
        c.hidden = t.hidden;
        c.kind = event == PTRACE_EVENT_FORK ? NewChild.Kind.FORK
                : event == PTRACE_EVENT_VFORK ? NewChild.Kind.VFORK : NewChild.Kind.CLONE;
    }

    /**
     * A child made while breakpoints are planted, not to be traced: once it has stopped,
     * its code and stack are given back unless it shares its parent's memory, and it is let go.
     */
    private void disown(ThreadState parent, int child, boolean sharesMemory, Integer early) {
        int s = early != null ? early : waitChild(child);
        if (!WaitStatus.stopped(s)) return;
        if (!sharesMemory) breakpoints.disown(parent, child);
        libc.ptrace(PTRACE_DETACH, child, 0, 0);
    }

    private int waitChild(int child) {
        int r;
        do {
            r = libc.waitpid(child, status, __WALL);
        } while (r < 0 && Native.errno() == EINTR);
        return r == child ? status.getInt(0) : 0;
    }

    /** A stop reaped out of turn, for {@link #run} to handle next. */
    private void defer(int tid, int s) {
        deferred.add(new int[] {tid, s});
    }

    /** The flags of the clone or clone3 the parent is in (struct clone_args: flags first); 0 for fork, vfork. */
    private long cloneFlags(ThreadState t) {
        SyscallEnter e = t.enter;
        if (e == null) return 0;
        if (e.name().equals("clone")) return e.args().raw(0);
        if (!e.name().equals("clone3")) return 0;
        byte[] b = t.memory.read(e.args().pointer(0), 8);
        return b == null ? 0 : java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).getLong();
    }

    /** A new child's first stop: report it, as strace does ("Process N attached"). */
    private void announce(ThreadState c) {
        c.unannounced = false;
        if (c.hidden) return;
        int parentPid = c.parentPid != 0 ? c.parentPid : c.pid;
        int parentTid = c.parentTid != 0 ? c.parentTid : parentPid;
        dispatcher.record(new NewChild(parentPid, parentTid, clock.now(), c.tid, c.pid, c.kind), c);
    }

    /**
     * ptrace(2), "execve(2) under ptrace": when a non-leader thread execs, every other
     * thread is gone by the time of this stop, and the execing thread has taken the
     * leader's id; PTRACE_GETEVENTMSG gives its former id.
     */
    private void exec(ThreadState t) {
        if (t.pid == launchedPid && !launchExecuted) commandStarted(t);
        int former = t.tid;
        if (libc.ptrace(PTRACE_GETEVENTMSG, t.tid, 0, word) == 0) former = (int) word.getLong(0);
        if (former != t.tid) {
            ThreadState old = threads.remove(former);
            if (old != null) {
                t.enter = old.enter;
                t.enterNanos = old.enterNanos;
                t.enterSuppressed = old.enterSuppressed;
            }
        }
        if (fds != null && !t.hidden) fds.exec(t.pid, t.tid);
        if (breakpoints != null && !t.hidden) breakpoints.newAddressSpace(t.pid);
        if (unwinder != null) unwinder.mappingsChanged(t.pid);
        t.execingCommand = false;
        if (!t.hidden) dispatcher.record(new Exec(t.pid, t.tid, clock.now(), former), t);
    }

    /**
     * The launched command's own execve succeeded. If we are killed from now on it runs on
     * untraced, as under strace, unless it must die with us ({@link #killsOnExit}): asked for,
     * or a seccomp filter was installed, which outlives its tracer, and then its
     * SECCOMP_RET_TRACE fails every filtered call with ENOSYS (seccomp(2)); such a command
     * keeps PTRACE_O_EXITKILL, as under strace --seccomp-bpf or --kill-on-exit. Its children
     * inherit its options (ptrace(2), PTRACE_O_TRACEFORK).
     */
    private void commandStarted(ThreadState t) {
        launchExecuted = true;
        libc.ptrace(PTRACE_SETOPTIONS, t.tid, 0, seizeOptions(false));
    }

    private void groupStop(ThreadState t, int sig) {
        if (!t.hidden) dispatcher.record(new SignalStop(t.pid, t.tid, clock.now(), Signal.of(sig), null, true), t);
        t.listening = true;
        libc.ptrace(PTRACE_LISTEN, t.tid, 0, 0);
    }

    private void signalStop(ThreadState t, int sig) {
        SigInfo si = readSigInfo(t.tid);
        t.listening = false;
        if (breakpoints != null && sig == Signal.SIGTRAP.number()) {
            int r = breakpoints.trap(t, si);
            if (r == Breakpoints.DONE) return;
            if (r != Breakpoints.NOT_OURS) {
                resume(t, r);
                return;
            }
        }
        if (!t.hidden) dispatcher.record(new SignalStop(t.pid, t.tid, clock.now(), Signal.of(sig), si, false), t);
        resume(t, sig);
    }

    private SigInfo readSigInfo(int tid) {
        NativeBuffer buf = registers.scratch();
        if (libc.ptrace(PTRACE_GETSIGINFO, tid, 0, buf) < 0) return null;
        byte[] b = new byte[SigInfo.SIZE];
        buf.get(0, b, 0, b.length);
        return new SigInfo(b);
    }

    private static boolean isStopSignal(int sig) {
        return sig == Signal.SIGSTOP.number() || sig == Signal.SIGTSTP.number()
                || sig == Signal.SIGTTIN.number() || sig == Signal.SIGTTOU.number();
    }

    /**
     * Resumes {@code t}. Under a filter a tracee outside any syscall runs on with
     * PTRACE_CONT and stops only where the filter says; one inside a syscall, and the
     * prelude, whose execve must stop, with PTRACE_SYSCALL.
     */
    private void resume(ThreadState t, int sig) {
        boolean cont = filtered && !t.hidden && t.enter == null && !t.ownFilter;
        libc.ptrace(cont ? PTRACE_CONT : PTRACE_SYSCALL, t.tid, 0, sig);
    }

    private ThreadState newThread(int tid, int pid) {
        ThreadState t = new ThreadState(tid, pid, host, memory.of(tid));
        t.detaching = detaching;
        t.fdTracker = fds;
        t.unwinder = unwinder;
        if (unwinder != null) unwinder.mappingsChanged(pid); // a new process, or one whose pid was reused
        threads.put(tid, t);
        return t;
    }

    // ---- detaching

    /**
     * A detach request when the launched command must die with us: every tracee is killed
     * rather than let go (strace's --kill-on-exit), and so is each new one that stops before
     * its parent's death; their deaths end the loop.
     */
    private void killAll() {
        killing = true;
        for (ThreadState t : threads.values()) libc.kill(t.pid, Signal.SIGKILL.number());
    }

    private void beginDetach() {
        detaching = true;
        if (breakpoints != null) breakpoints.removeAll();
        letGoHeld();
        for (ThreadState t : new ArrayList<>(threads.values())) {
            t.detaching = true;
            if (libc.ptrace(PTRACE_INTERRUPT, t.tid, 0, 0) < 0 && Native.errno() == ESRCH) threads.remove(t.tid);
        }
    }

    /** Detaches the held threads: they are in a stop already, and no other is coming. */
    private void letGoHeld() {
        for (ThreadState t : held) {
            t.heldUntil = 0;
            detach(t, t.heldSignal);
        }
        held.clear();
    }

    /** The signal to detach {@code t} with at stop {@code s}; breakpoints give back what they changed first. */
    private int keepAtDetach(ThreadState t, int s) {
        int sig = signalToKeep(t, s);
        if (breakpoints == null) return sig;
        SigInfo si = sig == Signal.SIGTRAP.number() ? readSigInfo(t.tid) : null;
        boolean last = threads.values().stream().noneMatch(o -> o.pid == t.pid && o != t);
        return breakpoints.beforeDetach(t, s, si, sig, last);
    }

    /** At a stop while detaching: a signal-delivery-stop's signal must still be delivered. */
    private int signalToKeep(ThreadState t, int s) {
        int sig = WaitStatus.stopSig(s);
        if (sig == WaitStatus.SYSCALL_TRAP || WaitStatus.event(s) != 0) return 0;
        return sig;
    }

    private void detach(ThreadState t, int sig) {
        libc.ptrace(PTRACE_DETACH, t.tid, 0, sig);
        threads.remove(t.tid);
        if (t.tid == launchedPid && forwardSignal != 0) libc.kill(t.pid, forwardSignal);
        if (!t.hidden) dispatcher.detached(t.pid, t.tid, t.enterSuppressed ? null : t.enter);
    }

    /**
     * The CPU time process {@code pid} has run, in ns, from its CPU clock: clock id
     * {@code (~pid << 3) | CPUCLOCK_SCHED} (include/linux/posix-timers.h, MAKE_PROCESS_CPUCLOCK;
     * per-thread clocks of another process cannot be read). Between a syscall's two stops
     * the calling thread runs only in the kernel, in that call, so the difference is the
     * call's system time, to the nanosecond (other threads running meanwhile add theirs,
     * as they do to wait4's rusage, which strace reads).
     */
    private long cpuTime(int pid) {
        if (libc.clock_gettime((~pid << 3) | 2, cpuClock) != 0) return 0;
        return cpuClock.getLong(0) * 1_000_000_000L + cpuClock.getLong(8);
    }

    /** Emergency exit (an Error in a listener): detach what can be detached. */
    private void detachAll() {
        if (breakpoints != null) breakpoints.removeAll();
        letGoHeld();
        for (ThreadState t : new ArrayList<>(threads.values())) {
            libc.ptrace(PTRACE_INTERRUPT, t.tid, 0, 0);
        }
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (!threads.isEmpty() && System.nanoTime() < deadline) {
            int tid = libc.waitpid(-1, status, WAIT_OWN | WNOHANG);
            if (tid < 0) break;
            ThreadState t = threads.get(tid);
            if (t == null || tid == 0) continue;
            int s = status.getInt(0);
            if (WaitStatus.stopped(s)) libc.ptrace(PTRACE_DETACH, tid, 0, signalToKeep(t, s));
            threads.remove(tid);
        }
    }

    /** What {@link Breakpoints} borrows from the loop. */
    private final class BreakpointLoop implements Breakpoints.Loop {
        @Override
        public List<ThreadState> running(int pid) {
            List<ThreadState> out = new ArrayList<>();
            for (ThreadState t : threads.values()) {
                if (t.pid == pid && !t.listening && deferred.stream().noneMatch(d -> d[0] == t.tid)) out.add(t);
            }
            return out;
        }

        @Override
        public void defer(int tid, int s) {
            PtraceLoop.this.defer(tid, s);
        }

        @Override
        public void record(io.jstrace.core.BreakpointHit hit, ThreadState t) {
            dispatcher.record(hit, t);
        }
    }
}
