package io.jstrace.core.internal;

import io.jstrace.core.Injection;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit.Tampered;
import io.jstrace.core.Tampering;
import io.jstrace.core.TraceException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * Syscall tampering (man strace, "Tampering"): at a syscall-enter-stop a call the session's
 * {@link Tampering} selects is counted and, when its turn has come, skipped by replacing its
 * number (-1, which the kernel does not run, or a side-effect-free syscall's), poked, held
 * or given a signal; at its exit-stop poked, held and given its return value. The register
 * work is ptrace(2)'s "Syscall-stops": the number is read again by the kernel after the
 * enter stop, the return register is what the tracee sees after the exit stop.
 */
final class Tamperer {
    private final Tampering plan;
    private final Registers registers;
    private final ProcessMemory memory;
    private final Consumer<TraceException> problems;

    Tamperer(Tampering plan, Registers registers, ProcessMemory memory, Consumer<TraceException> problems) {
        this.plan = plan;
        this.registers = registers;
        this.memory = memory;
        this.problems = problems;
    }

    /** At the enter stop of a recorded call, before anyone reads its arguments. */
    void enter(ThreadState t, SyscallEnter e) {
        Injection inj = plan.of(e.name());
        if (inj == null || !plan.applies(e, t) || !due(t, e.name(), inj)) return;
        t.injecting = inj;
        t.tampered = EnumSet.noneOf(Tampered.class);
        if (inj.signal() != 0) t.signalOnResume = inj.signal();
        if (inj.skips()) {
            long nr = inj.syscall() == null ? -1 : t.arch.syscalls().number(inj.syscall());
            if (registers.setSyscallNumber(t, nr)) t.tampered.add(Tampered.RETURN_VALUE);
        }
        poke(t, e, inj.pokeEnter());
        if (inj.delayEnter() > 0) hold(t, inj.delayEnter());
    }

    /**
     * strace's countdown (syscall.c, tamper_with_syscall_entering), per thread and syscall:
     * {@code first} counts down to the call to tamper with and then restarts at {@code step}
     * (0: never again); {@code last} counts down the calls left in the range.
     */
    private static boolean due(ThreadState t, String name, Injection inj) {
        if (t.countdowns == null) t.countdowns = new HashMap<>();
        int[] c = t.countdowns.computeIfAbsent(name, n -> new int[] {inj.first(), inj.last()});
        if (c[0] == 0 || c[1] == 0) return false;
        if (c[1] != Injection.LAST_INF) c[1]--;
        if (--c[0] != 0) return false;
        c[0] = inj.step();
        return true;
    }

    /**
     * At the exit stop: the value the call returns, set when it was skipped. A skipped call
     * must have failed (number -1: ENOSYS) or succeeded (a replacement syscall); otherwise
     * something else changed it, and it is left as it is, as strace does.
     */
    long exit(ThreadState t, SyscallEnter e, long rval) {
        Injection inj = t.injecting;
        if (inj == null) return rval;
        poke(t, e, inj.pokeExit());
        if (inj.delayExit() > 0) hold(t, inj.delayExit());
        if (!t.tampered.contains(Tampered.RETURN_VALUE)) return rval;
        boolean failed = rval < 0 && rval >= -4095;
        if (failed == (inj.syscall() != null)) {
            problems.accept(new TraceException("Failed to tamper with process " + t.pid + ": unexpectedly got "
                    + (inj.syscall() != null ? "" : "no ") + "error (return value 0x" + Long.toHexString(rval)
                    + ", error " + (failed ? -rval : 0) + ")"));
            return rval;
        }
        long v = inj.outcome() == Injection.Outcome.ERROR ? -inj.value() : inj.value();
        if (!registers.setReturnValue(t, v)) return rval;
        if (inj.outcome() == Injection.Outcome.RETVAL) t.tampered.add(Tampered.SUCCESS_VALUE);
        return v;
    }

    /** Writes each poke's bytes at the address its argument holds (strace's poke_tcb). */
    private void poke(ThreadState t, SyscallEnter e, List<Injection.Poke> pokes) {
        for (Injection.Poke p : pokes) {
            int args = e.syscall().args().size();
            if (p.arg() > args) {
                problems.accept(new TraceException("poke_tcb: Failed to tamper with process " + t.pid
                        + ": requested to tamper with argument #" + p.arg() + ", but system call '" + e.name()
                        + "' has only " + args + " arguments"));
                continue;
            }
            long at = e.args().raw(p.arg() - 1);
            int n = memory.poke(t.tid, at, p.data());
            if (n > 0 && n < p.data().length) {
                problems.accept(new TraceException("upoken: pid:" + t.tid + " short write (" + n + " < "
                        + p.data().length + ") @0x" + Long.toHexString(at)));
            }
            if (n > 0) t.tampered.add(Tampered.ARGUMENTS);
            else problems.accept(new TraceException("poke_tcb: Failed to tamper with process " + t.pid + ": couldn't poke"));
        }
    }

    /** The thread stays in its stop for {@code nanos} more; other threads are traced meanwhile. */
    private static void hold(ThreadState t, long nanos) {
        t.heldUntil = System.nanoTime() + nanos;
        t.tampered.add(Tampered.DELAYED);
    }
}
