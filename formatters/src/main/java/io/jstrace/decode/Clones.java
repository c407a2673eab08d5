package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.CloneFlags.CLONE_CHILD_CLEARTID;
import static io.jstrace.syscalls.xlat.CloneFlags.CLONE_CHILD_SETTID;
import static io.jstrace.syscalls.xlat.CloneFlags.CLONE_CLEAR_SIGHAND;
import static io.jstrace.syscalls.xlat.CloneFlags.CLONE_INTO_CGROUP;
import static io.jstrace.syscalls.xlat.CloneFlags.CLONE_NEWTIME;
import static io.jstrace.syscalls.xlat.CloneFlags.CLONE_PARENT_SETTID;
import static io.jstrace.syscalls.xlat.CloneFlags.CLONE_PIDFD;
import static io.jstrace.syscalls.xlat.CloneFlags.CLONE_SETTLS;

import io.jstrace.core.PidType;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.Arg;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.xlat.CloneFlags;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * clone(2)'s named arguments and clone3(2)'s struct clone_args
 * (include/uapi/linux/sched.h), as strace 6.1 prints them (src/clone.c).
 *
 * <p>clone: {@code clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD,
 * child_tidptr=0x7f...)}. The first {@link #CLONE_ENTRY_FIELDS} fields print at entry, the
 * rest (parent_tid, tls, child_tidptr, each only under its flag) at exit, so an interrupted
 * line resumes as {@code <... clone resumed>, parent_tid=[1234]) = 1234}.
 *
 * <p>clone3: {@code clone3({flags=..., exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88)}.
 * With CLONE_PIDFD or CLONE_PARENT_SETTID (or a size beyond the known struct) strace
 * prints the size at exit, after the kernel-written values:
 * {@code clone3({...} => {parent_tid=[4321]}, 88)}; otherwise the whole call at entry.
 */
final class Clones {
    /** clone's fields printed at syscall entry: child_stack and flags. */
    static final int CLONE_ENTRY_FIELDS = 2;

    /** include/uapi/linux/sched.h: CSIGNAL. */
    private static final long CSIGNAL = 0xff;
    /** sizeof(struct clone_args) up to cgroup (CLONE_ARGS_SIZE_VER2), and up to tls (VER0). */
    private static final int CLONE_ARGS_SIZE = 88, CLONE_ARGS_MIN = 64, CGROUP_OFFSET = 80;
    private static final int MAX_SET_TID = 32;
    private static final int INT_MAX = Integer.MAX_VALUE;

    /** strace's clone_flags: clone(2) has no CLONE_NEWTIME (in CSIGNAL) nor the clone3-only bits. */
    static final Xlat CLONE_FLAGS = without(CLONE_NEWTIME, CLONE_CLEAR_SIGHAND, CLONE_INTO_CGROUP);
    /** strace's clone_flags then clone3_flags, the order clone3 prints them in. */
    static final Xlat CLONE3_FLAGS = clone3Flags();

    private Clones() {}

    // ---- clone(2)

    /**
     * clone's arguments as strace names them: child_stack, flags, then parent_tid under
     * CLONE_PARENT_SETTID or CLONE_PIDFD, tls under CLONE_SETTLS, child_tidptr under
     * CLONE_CHILD_SETTID or CLONE_CHILD_CLEARTID. At entry ({@code c.exit() == null}) only
     * the first {@link #CLONE_ENTRY_FIELDS}; at exit all of them, parent_tid read from memory
     * ({@code [1234]}, the pidfd for CLONE_PIDFD; the address after a failure). Registers
     * are found by the catalogue's argument names, so aarch64's order works too.
     */
    static List<Field> cloneArgs(Call c) {
        long raw = c.arg(index(c, "clone_flags"));
        long flags = raw & ~CSIGNAL;
        List<Field> out = new ArrayList<>();
        out.add(field("child_stack", new Addr(c.arg(index(c, "newsp")))));
        out.add(field("flags", cloneFlags(raw)));
        if (c.exit() == null) return out;
        if ((flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0) {
            // the thread's id, or without CLONE_PARENT_SETTID the pidfd (src/clone.c: printnum_pid, printnum_fd)
            IntFunction<Value> as = (flags & CLONE_PARENT_SETTID) != 0 ? v -> Pids.pid(c, v, PidType.PID)
                    : v -> FileDecoders.descriptor(c, v);
            out.add(field("parent_tid", intInMemory(c, c.arg(index(c, "parent_tidptr")), as)));
        }
        if ((flags & CLONE_SETTLS) != 0) out.add(field("tls", new Addr(c.arg(index(c, "tls")))));
        if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) {
            out.add(field("child_tidptr", new Addr(c.arg(index(c, "child_tidptr")))));
        }
        return out;
    }

    /**
     * clone(2)'s flags word: the flags, then the exit signal:
     * {@code CLONE_VM|CLONE_VFORK|SIGCHLD}, {@code SIGCHLD} alone, {@code 0}, an unnamed
     * bit as {@code 0x400000 /* CLONE_??? *\/|SIGCHLD}, a signal strace cannot name in
     * decimal ({@code CLONE_PARENT_SETTID|145}).
     */
    static Value cloneFlags(long raw) {
        long flags = raw & ~CSIGNAL;
        int sig = (int) (raw & CSIGNAL);
        String sigName = Signal.of(sig).name();
        Value signal = sig == 0 ? Value.dec(0) : new Value.Sym(sig, sigName, Base.SIGNED);
        if (flags == 0) return signal;
        Value f = flagsOf(CLONE_FLAGS, flags, "CLONE_???");
        if (sig == 0) return f;
        Value abbrev = f instanceof Value.Flags fl && fl.remainder() == 0
                ? new Value.Flags(raw, withSignal(fl.names(), sigName), 0)
                : new Value.Text(new StraceText(StraceText.Escape.OCTAL).render(f) + "|" + sigName);
        return new Value.Styled(abbrev, joined(f, signal, XlatStyle.RAW), joined(f, signal, XlatStyle.VERBOSE));
    }

    private static List<String> withSignal(List<String> names, String signal) {
        List<String> all = new ArrayList<>(names);
        all.add(signal);
        return all;
    }

    /** src/clone.c prints the flags (printflags) and the exit signal (printsignal) as two fields joined by |. */
    private static Value joined(Value flags, Value signal, XlatStyle style) {
        StraceText text = new StraceText(StraceText.Escape.OCTAL, style);
        return new Value.Text(text.render(flags) + "|" + text.render(signal));
    }

    // ---- clone3(2)

    /** clone3's uargs: the struct as strace prints it at entry; NULL, or the address if unreadable or too small. */
    static Value cloneArgsStruct(Call c, int i) {
        long addr = c.arg(i);
        long size = c.arg(i + 1);
        int fetch = fetchSize(size);
        if (addr == 0 || fetch < CLONE_ARGS_MIN) return new Addr(addr);
        byte[] raw = read(c, addr, fetch);
        if (raw == null) return new Value.Unreadable(addr);
        long flags = u64(raw, 0);
        List<Field> f = new ArrayList<>();
        f.add(field("flags", flagsOf(CLONE3_FLAGS, flags, "CLONE_???")));
        if ((flags & CLONE_PIDFD) != 0) f.add(field("pidfd", new Addr(u64(raw, 8))));
        if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) f.add(field("child_tid", new Addr(u64(raw, 16))));
        if ((flags & CLONE_PARENT_SETTID) != 0) f.add(field("parent_tid", new Addr(u64(raw, 24))));
        long exitSignal = u64(raw, 32);
        f.add(field("exit_signal", Long.compareUnsigned(exitSignal, INT_MAX) < 0
                ? SignalDecoders.signal((int) exitSignal) : new Num(exitSignal, Base.UNSIGNED)));
        f.add(field("stack", new Addr(u64(raw, 40))));
        f.add(field("stack_size", Value.hex(u64(raw, 48))));
        if ((flags & CLONE_SETTLS) != 0) f.add(field("tls", new Addr(u64(raw, 56))));
        long setTid = u64(raw, 64), setTidSize = u64(raw, 72);
        if (setTid != 0 || setTidSize != 0) {
            if (setTid == 0 || setTidSize == 0 || Long.compareUnsigned(setTidSize, MAX_SET_TID) > 0) {
                f.add(field("set_tid", new Addr(setTid)));
            } else {
                f.add(field("set_tid", TraceeArrays.array(c, setTid, setTidSize, 4,
                        b -> Value.dec(TraceeArrays.s32(b, 0)))));
            }
            f.add(field("set_tid_size", new Num(setTidSize, Base.UNSIGNED)));
        }
        long cgroup = u64(raw, CGROUP_OFFSET);
        if (fetch > CGROUP_OFFSET && (cgroup != 0 || (flags & CLONE_INTO_CGROUP) != 0)) {
            f.add(field("cgroup", new Num(cgroup, Base.UNSIGNED)));
        }
        Value tail = TraceeArrays.nonzeroTail(c, addr, size, fetch);
        if (tail != null) f.add(field("", tail));
        return new Value.Struct(f, false);
    }

    /**
     * Whether strace prints all of clone3 at entry, size included: when the struct did not
     * decode, or nothing in it is written back (no CLONE_PIDFD or CLONE_PARENT_SETTID, and
     * no bytes beyond the known struct). When false, the {@code , size} argument belongs
     * to the exit, after {@link #clone3ExitSuffix}.
     */
    static boolean clone3DecodedAtEntry(Call c, int i) {
        long size = c.arg(i + 1);
        int fetch = fetchSize(size);
        if (fetch < CLONE_ARGS_MIN) return true;
        byte[] raw = read(c, c.arg(i), fetch);
        if (raw == null) return true;
        return (u64(raw, 0) & (CLONE_PIDFD | CLONE_PARENT_SETTID)) == 0 && Long.compareUnsigned(size, fetch) <= 0;
    }

    /**
     * What the kernel wrote back, {@code {pidfd=[3], parent_tid=[4321]}}, or {@code null} when
     * strace prints nothing: a failed call, a struct decoded whole at entry, no such flags.
     */
    static Value clone3Changed(Call c, int i) {
        if (TraceeArrays.exitFailed(c) || clone3DecodedAtEntry(c, i)) return null;
        long addr = c.arg(i);
        long size = c.arg(i + 1);
        int fetch = fetchSize(size);
        byte[] raw = read(c, addr, fetch);
        if (raw == null) return null;
        long flags = u64(raw, 0);
        List<Field> f = new ArrayList<>();
        if ((flags & CLONE_PIDFD) != 0) f.add(field("pidfd", intInMemory(c, u64(raw, 8), v -> FileDecoders.descriptor(c, v))));
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            f.add(field("parent_tid", intInMemory(c, u64(raw, 24), v -> Pids.pid(c, v, PidType.PID))));
        }
        Value tail = TraceeArrays.nonzeroTail(c, addr, size, fetch);
        if (tail != null) f.add(field("", tail));
        return f.isEmpty() ? null : new Value.Struct(f, false);
    }

    /** The text strace puts after clone3's struct at exit: {@code " => {parent_tid=[4321]}"}, or {@code ""}. */
    static Value clone3WriteBack(Call c, int i) {
        return clone3Changed(c, i);
    }

    // ---- helpers

    /** strace's printflags with a default: unnamed bits alone print as {@code 0x.. /* CLONE_??? *\/}. */
    private static Value flagsOf(Xlat table, long v, String dflt) {
        Xlat.Decomposed d = table.decompose(v);
        if (d.names().isEmpty() && d.remainder() != 0) return new Value.Commented(Value.hex(v), dflt);
        return new Value.Flags(v, d.names(), d.remainder());
    }

    /**
     * strace's printnum_pid / printnum_fd: the int the kernel wrote at {@code addr} as
     * {@code as} decodes it, {@code [1234]}; NULL; the address after a failure or when unreadable.
     */
    private static Value intInMemory(Call c, long addr, IntFunction<Value> as) {
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] b = c.memory().read(addr, 4);
        if (b == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(as.apply(TraceeArrays.s32(b, 0))), false);
    }

    private static int fetchSize(long size) {
        return (int) (Long.compareUnsigned(size, CLONE_ARGS_SIZE) < 0 ? size : CLONE_ARGS_SIZE);
    }

    /** {@code fetch} bytes of the struct, zero-padded to its full size; null if unreadable. */
    private static byte[] read(Call c, long addr, int fetch) {
        if (addr == 0) return null;
        byte[] b = c.memory().read(addr, fetch);
        return b == null ? null : java.util.Arrays.copyOf(b, CLONE_ARGS_SIZE);
    }

    private static long u64(byte[] raw, int off) {
        return TraceeArrays.u64(raw, off);
    }

    private static int index(Call c, String name) {
        List<Arg> args = c.enter().syscall().args();
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k).name().equals(name)) return k;
        }
        throw new IllegalStateException("clone has no argument " + name);
    }

    private static Xlat without(long... values) {
        List<Xlat.Entry> kept = new ArrayList<>();
        outer:
        for (Xlat.Entry e : CloneFlags.XLAT.entries()) {
            for (long v : values) {
                if (e.value() == v) continue outer;
            }
            kept.add(e);
        }
        return Xlat.flags(kept.toArray(Xlat.Entry[]::new));
    }

    private static Xlat clone3Flags() {
        List<Xlat.Entry> all = new ArrayList<>(CLONE_FLAGS.entries());
        all.add(Xlat.e(CLONE_NEWTIME, "CLONE_NEWTIME"));
        all.add(Xlat.e(CLONE_CLEAR_SIGHAND, "CLONE_CLEAR_SIGHAND"));
        all.add(Xlat.e(CLONE_INTO_CGROUP, "CLONE_INTO_CGROUP"));
        return Xlat.flags(all.toArray(Xlat.Entry[]::new));
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            /** Each printed field of {@link #cloneArgs}, named as strace names it. */
            @Override
            public Value arg(Call c, int i) {
                var f = cloneArgs(c).get(i);
                return new Value.Named(f.name(), f.value());
            }

            @Override
            public int visibleArgs(Call c) {
                return cloneArgs(c).size();
            }

            /** clone's stack and flags print at entry. */
            @Override
            public int entryArgs(Call c, int visible) {
                return Math.min(CLONE_ENTRY_FIELDS, visible);
            }

            @Override
            public boolean separatorAtExit(Call c) {
                return true;
            }
        }, "clone");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i == 0 ? Verbosity.struct(c, i, cloneArgsStruct(c, i)) : SyscallDecoder.super.arg(c, i);
            }

            /** clone3's struct prints at entry, and its size too when nothing comes back. */
            @Override
            public int entryArgs(Call c, int visible) {
                return clone3DecodedAtEntry(c, 0) ? visible : 1;
            }

            /** {@code clone3({...}} then {@code  => {parent_tid=[N]}, 88)}. */
            @Override
            public boolean separatorAtExit(Call c) {
                return true;
            }

            @Override
            public Value writeBack(Call c) {
                return clone3WriteBack(c, 0);
            }
        }, "clone3");
    }
}
