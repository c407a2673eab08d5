package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Ptrace.*;

import io.jstrace.core.Breakpoint;
import io.jstrace.core.BreakpointHit;
import io.jstrace.core.RegisterSet;
import io.jstrace.core.SigInfo;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.internal.AddressSpace.Frame;
import io.jstrace.core.internal.AddressSpace.Planted;
import io.jstrace.core.internal.AddressSpace.Target;
import io.jstrace.core.internal.elf.ElfFile;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Breakpoints (x86_64): an int3 ({@code 0xcc}) planted at each function asked for, in
 * every traced address space, through /proc/PID/mem ({@link TextPatcher}).
 *
 * <ul>
 * <li><b>Hits.</b> An int3 raises SIGTRAP with si_code SI_KERNEL and rip just past it
 * (arch/x86/kernel/traps.c: do_int3_user). Such a SIGTRAP at one of our addresses is ours
 * and is never delivered; any other SIGTRAP is the tracee's.
 * <li><b>Threads.</b> The int3 stays in the code: the displaced instruction is emulated
 * ({@link DisplacedInstruction}); one the table does not know is stepped with the
 * original byte back in place while every other thread of the process is stopped.
 * <li><b>Returns.</b> At the entry, the return address at [rsp] is replaced with the
 * program's entry point (AT_ENTRY), where an int3 is planted too: the code there ran once,
 * before main, and never again, so it is code we may own without mapping anything into the
 * tracee (gdb calls functions in a tracee with the same dummy return address,
 * "AT_ENTRY_POINT"). A thread that reaches it is put back at its real return address; the
 * caller's code is never modified. A hit there that matches no call in flight is the entry
 * point itself running, and runs as any displaced instruction.
 * <li><b>Processes.</b> A forked child keeps its copy of the int3s when it is traced, and
 * gets its code and stack back when it is not; a vfork child shares its parent's. exec
 * leaves none (a new address space): they are planted again as files are mapped. On
 * detach every int3 goes, and every return address is put back.
 * </ul>
 */
final class Breakpoints {
    private static final byte INT3 = (byte) 0xcc;
    /** include/uapi/asm-generic/siginfo.h. */
    private static final int SI_KERNEL = 0x80;
    /** include/uapi/linux/auxvec.h: the program's entry point. */
    private static final int AT_ENTRY = 9;
    private static final int PROT_EXEC = 4, SIGTRAP = 5;
    private static final int RIP = DisplacedInstruction.RIP, RSP = DisplacedInstruction.RSP;
    private static final int CODE_BYTES = 16;
    /** {@link #trap}: not ours, deliver it. */
    static final int NOT_OURS = -1;
    /** {@link #trap}: ours, and the thread is gone or already resumed. */
    static final int DONE = -2;

    /** What the loop lends: its threads, stops seen out of turn, and its listeners. */
    interface Loop {
        /** The traced threads of process {@code pid} that run (not in a stop the loop holds). */
        List<ThreadState> running(int pid);

        /** A stop of {@code tid} reaped here, for the loop to handle in turn. */
        void defer(int tid, int status);

        void record(BreakpointHit hit, ThreadState t);
    }

    private final List<Breakpoint> bySymbol;
    private final List<Breakpoint> byAddress;
    private final Set<String> symbols;
    private final Map<Integer, AddressSpace> spaces = new HashMap<>();
    private final Map<String, ElfFile> files = new HashMap<>();
    private final LibC libc;
    private final Registers registers;
    private final ProcessMemory memory;
    private final NativeBuffer status = NativeBuffer.allocate(4);
    private final Clock clock;
    private final Loop loop;

    Breakpoints(List<Breakpoint> requested, LibC libc, Registers registers, ProcessMemory memory, Clock clock,
            Loop loop) {
        this.bySymbol = requested.stream().filter(b -> b.symbol() != null).toList();
        this.byAddress = requested.stream().filter(b -> b.symbol() == null).toList();
        this.symbols = bySymbol.stream().map(Breakpoint::symbol).collect(Collectors.toSet());
        this.libc = libc;
        this.registers = registers;
        this.memory = memory;
        this.clock = clock;
        this.loop = loop;
    }

    // ---- planting

    /** A process is new to us (attached) or has a new address space (exec): plant in what it maps. */
    void newAddressSpace(int pid) {
        AddressSpace s = new AddressSpace();
        spaces.put(pid, s);
        resolve(pid, s);
    }

    /**
     * A syscall exit: an mmap may have mapped code (a library, dlopen), and an mmap or
     * munmap may have replaced code that held int3s.
     */
    void syscallExit(ThreadState t, SyscallEnter e, long rval) {
        AddressSpace s = spaces.get(t.pid);
        if (s == null || s.removed || rval < 0 && rval > -4096) return;
        switch (e.name()) {
            case "mmap" -> {
                s.forget(rval, rval + e.args().raw(1));
                if ((e.args().raw(2) & PROT_EXEC) != 0) resolve(t.pid, s);
            }
            case "munmap" -> s.forget(e.args().raw(0), e.args().raw(0) + e.args().raw(1));
            default -> {}
        }
    }

    /** The syscalls whose exits {@link #syscallExit} needs to see. */
    static final Set<String> SYSCALLS = Set.of("mmap", "munmap");

    private void resolve(int pid, AddressSpace s) {
        List<MemoryMap> maps = MemoryMap.of(pid);
        for (MemoryMap m : maps) {
            if (!m.executable()) continue;
            for (Breakpoint b : byAddress) {
                if (Long.compareUnsigned(b.address(), m.start()) >= 0 && Long.compareUnsigned(b.address(), m.end()) < 0) {
                    plant(pid, s, b.address(), new Target(b, null));
                }
            }
            if (m.isFile() && s.scanned.add(Long.toHexString(m.start()) + " " + m.path())) resolveFile(pid, s, m, maps);
        }
    }

    /** Plants the symbols asked of file {@code m} in the mapping that holds each one's code. */
    private void resolveFile(int pid, AddressSpace s, MemoryMap m, List<MemoryMap> maps) {
        List<Breakpoint> wanted = bySymbol.stream().filter(b -> b.matchesFile(m.path())).toList();
        if (wanted.isEmpty()) return;
        ElfFile elf = files.computeIfAbsent(m.path() + " " + m.inode(), k -> readElf(pid, m.path()));
        for (Breakpoint b : wanted) {
            long offset = elf.fileOffset(elf.function(b.symbol()));
            if (offset < 0 || !m.holdsOffset(offset)) continue;
            plant(pid, s, m.start() + offset - m.offset(), new Target(b, m.path()));
        }
    }

    /** The file as the tracee sees it (its root may not be ours). */
    private ElfFile readElf(int pid, String path) {
        return ElfFile.read(ElfFile.inRootOf(pid, path), symbols);
    }

    /** Plants an int3 at {@code address} for {@code target} ({@code null}: the bare trampoline). */
    private Planted plant(int pid, AddressSpace s, long address, Target target) {
        Planted p = s.planted.get(address);
        if (p == null) {
            byte[] code = TextPatcher.read(pid, address, CODE_BYTES);
            if (code == null || code[0] == INT3 || !TextPatcher.write(pid, address, new byte[] {INT3})) return null;
            p = new Planted(address, code);
            s.planted.put(address, p);
        }
        if (target != null && !p.targets.contains(target)) p.targets.add(target);
        return p;
    }

    /** The trampoline of {@code s}, planted at the program's entry point on first use; 0 if there is none. */
    private long trampoline(int pid, AddressSpace s) {
        if (s.trampoline != 0) return s.trampoline;
        long entry = entryPoint(pid);
        if (entry != 0 && plant(pid, s, entry, null) != null) s.trampoline = entry;
        return s.trampoline;
    }

    /** AT_ENTRY from /proc/PID/auxv (pairs of 64-bit type and value), or 0. */
    private static long entryPoint(int pid) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Path.of(ProcFs.pidDir(pid) + "/auxv")))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int at = 0; at + 16 <= b.limit(); at += 16) {
                if (b.getLong(at) == AT_ENTRY) return b.getLong(at + 8);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    // ---- hits

    /**
     * A SIGTRAP signal-delivery-stop of {@code t}: when our int3 raised it, reports the hit,
     * moves the thread past it and returns the signal to resume it with (0, or one that
     * arrived while it was stepped), or {@link #DONE}; {@link #NOT_OURS} otherwise.
     */
    int trap(ThreadState t, SigInfo si) {
        AddressSpace s = spaces.get(t.pid);
        if (s == null || si == null || si.code() != SI_KERNEL || !registers.load(t)) return NOT_OURS;
        long at = registers.get(RIP * 8) - 1;
        if (at == s.trampoline && returned(t, s)) return 0;
        Planted p = s.planted.get(at);
        if (p == null) return NOT_OURS;
        return entered(t, s, p);
    }

    /** A return to the trampoline: the thread goes on at its real return address. */
    private boolean returned(ThreadState t, AddressSpace s) {
        ArrayDeque<Frame> fs = s.frames.get(t.tid);
        long slot = registers.get(RSP * 8) - 8;
        while (fs != null && !fs.isEmpty() && Long.compareUnsigned(fs.peek().slot(), slot) < 0) fs.pop();
        if (fs == null || fs.isEmpty() || fs.peek().slot() != slot) return false;
        Frame f = fs.pop();
        registers.put(RIP * 8, f.returnAddress());
        byte[] regs = registers.snapshot(t);
        if (!registers.store(t)) return false;
        RegisterSet set = new RegisterSet(t.arch, regs);
        long now = clock.now();
        for (BreakpointHit e : f.entries()) {
            loop.record(new BreakpointHit(t.pid, t.tid, now, e.breakpoint(), e.file(), e.address(),
                    BreakpointHit.Kind.RETURN, set, e), t);
        }
        return true;
    }

    /** An entry: report it, hook the return if asked, then run the displaced instruction. */
    private int entered(ThreadState t, AddressSpace s, Planted p) {
        registers.put(RIP * 8, p.address);
        byte[] regs = registers.snapshot(t);
        RegisterSet set = new RegisterSet(t.arch, regs);
        long now = clock.now();
        List<BreakpointHit> returns = new ArrayList<>();
        for (Target x : p.targets) {
            BreakpointHit hit = new BreakpointHit(t.pid, t.tid, now, x.breakpoint(), x.file(), p.address,
                    BreakpointHit.Kind.ENTRY, set, null);
            loop.record(hit, t);
            if (x.breakpoint().returns()) returns.add(hit);
        }
        registers.restore(regs);
        if (!returns.isEmpty()) hookReturn(t, s, registers.get(RSP * 8), returns);
        if (p.insn != null && p.insn.run(cpu(t), p.address) && registers.store(t)) return 0;
        registers.restore(regs);
        return stepOver(t, p);
    }

    /** Replaces the return address at {@code slot} with the trampoline. */
    private void hookReturn(ThreadState t, AddressSpace s, long slot, List<BreakpointHit> entries) {
        long tramp = trampoline(t.pid, s);
        byte[] ret = t.memory.read(slot, 8);
        if (tramp == 0 || ret == null || !memory.write(t.tid, slot, le(tramp))) return;
        long returnAddress = ByteBuffer.wrap(ret).order(ByteOrder.LITTLE_ENDIAN).getLong();
        s.frames.computeIfAbsent(t.tid, k -> new ArrayDeque<>()).push(new Frame(slot, returnAddress, entries));
    }

    /** The loaded registers of {@code t} and its stack, for an emulated instruction. */
    private DisplacedInstruction.Cpu cpu(ThreadState t) {
        return new DisplacedInstruction.Cpu() {
            public long slot(int slot) {
                return registers.get(slot * 8);
            }

            public void setSlot(int slot, long value) {
                registers.put(slot * 8, value);
            }

            public boolean store(long address, long value) {
                return memory.write(t.tid, address, le(value));
            }
        };
    }

    /**
     * Steps the displaced instruction with the original byte in place, every other running
     * thread of the process stopped meanwhile (PTRACE_INTERRUPT; their stops are handed to
     * the loop for later). The registers are loaded, rip on the instruction.
     */
    private int stepOver(ThreadState t, Planted p) {
        List<ThreadState> stopped = new ArrayList<>();
        for (ThreadState o : loop.running(t.pid)) {
            if (o != t && libc.ptrace(PTRACE_INTERRUPT, o.tid, 0, 0) == 0) stopped.add(o);
        }
        for (ThreadState o : stopped) {
            int s = waitFor(o.tid);
            if (s != 0) loop.defer(o.tid, s);
        }
        if (!registers.store(t) || !TextPatcher.write(t.pid, p.address, new byte[] {p.code[0]})) return NOT_OURS;
        int signal = 0;
        while (libc.ptrace(PTRACE_SINGLESTEP, t.tid, 0, 0) == 0) {
            int s = waitFor(t.tid);
            if (!WaitStatus.stopped(s)) {
                loop.defer(t.tid, s);
                signal = DONE;
                break;
            }
            // an event stop (a PTRACE_INTERRUPT still pending) comes before the step: step on
            if (WaitStatus.event(s) != 0) continue;
            if (WaitStatus.stopSig(s) == SIGTRAP) break;
            signal = WaitStatus.stopSig(s); // arrived meanwhile: delivered when the thread resumes
        }
        TextPatcher.write(t.pid, p.address, new byte[] {INT3});
        return signal;
    }

    /** The next wait status of {@code tid}, or 0 when there is none. */
    private int waitFor(int tid) {
        int r;
        do {
            r = libc.waitpid(tid, status, __WALL);
        } while (r < 0 && Native.errno() == EINTR);
        return r == tid ? status.getInt(0) : 0;
    }

    // ---- processes

    /**
     * {@code parent} made process {@code child}. A traced child keeps the int3s it copied
     * (or shares its parent's, with {@code sharesMemory}: vfork, CLONE_VM).
     */
    void forked(ThreadState parent, int child, boolean sharesMemory) {
        AddressSpace s = spaces.get(parent.pid);
        if (s != null) spaces.put(child, sharesMemory ? s : s.forkedCopy(parent.tid, child));
    }

    /**
     * Takes our int3s and return addresses out of a forked child that will not be traced
     * (it is stopped); its copy of the forking thread's stack gets its return addresses back.
     */
    void disown(ThreadState parent, int child) {
        AddressSpace s = spaces.get(parent.pid);
        if (s == null) return;
        for (Planted p : s.planted.values()) TextPatcher.write(child, p.address, new byte[] {p.code[0]});
        ArrayDeque<Frame> fs = s.frames.get(parent.tid);
        if (fs != null) for (Frame f : fs) TextPatcher.write(child, f.slot(), le(f.returnAddress()));
    }

    /** Thread {@code tid} of {@code pid} is gone; {@code last}: so is the process. */
    void gone(int pid, int tid, boolean last) {
        AddressSpace s = last ? spaces.remove(pid) : spaces.get(pid);
        if (s != null) s.frames.remove(tid);
    }

    // ---- detaching

    /** Takes every int3 but the trampolines out of the code: threads may still return to those. */
    void removeAll() {
        Map<AddressSpace, Integer> distinct = new IdentityHashMap<>();
        spaces.forEach((pid, s) -> distinct.putIfAbsent(s, pid));
        distinct.forEach((s, pid) -> {
            s.removed = true;
            for (Planted p : s.planted.values()) {
                if (p.address != s.trampoline) TextPatcher.write(pid, p.address, new byte[] {p.code[0]});
            }
        });
    }

    /**
     * {@code t} is about to be detached at stop {@code s}; {@code signal} is what the
     * loop would deliver. A SIGTRAP of our int3 is not delivered: the thread goes back
     * to the instruction (or, at the trampoline, to its caller). Its calls in flight get
     * their return addresses back; the last thread of the process takes the trampoline out.
     *
     * @return the signal to detach with
     */
    int beforeDetach(ThreadState t, int s, SigInfo si, int signal, boolean last) {
        AddressSpace sp = spaces.get(t.pid);
        if (sp == null) return signal;
        if (signal == SIGTRAP && si != null && si.code() == SI_KERNEL && rewind(t, sp)) signal = 0;
        ArrayDeque<Frame> fs = sp.frames.remove(t.tid);
        if (fs != null) {
            for (Frame f : fs) {
                byte[] now = t.memory.read(f.slot(), 8);
                if (now != null && java.util.Arrays.equals(now, le(sp.trampoline))) {
                    memory.write(t.tid, f.slot(), le(f.returnAddress()));
                }
            }
        }
        if (last && sp.trampoline != 0) {
            Planted p = sp.planted.get(sp.trampoline);
            if (p != null) TextPatcher.write(t.pid, p.address, new byte[] {p.code[0]});
            spaces.remove(t.pid);
        }
        return signal;
    }

    /** Puts a thread stopped by one of our int3s back where it belongs; whether it was ours. */
    private boolean rewind(ThreadState t, AddressSpace s) {
        if (!registers.load(t)) return false;
        long at = registers.get(RIP * 8) - 1;
        ArrayDeque<Frame> fs = s.frames.get(t.tid);
        long slot = registers.get(RSP * 8) - 8;
        if (at == s.trampoline && fs != null) {
            for (Frame f : fs) {
                if (f.slot() == slot) {
                    registers.put(RIP * 8, f.returnAddress());
                    return registers.store(t);
                }
            }
        }
        if (!s.planted.containsKey(at)) return false;
        registers.put(RIP * 8, at);
        return registers.store(t);
    }

    private static byte[] le(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
}
