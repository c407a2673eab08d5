package io.jstrace.core.internal;

import io.jstrace.core.Breakpoint;
import io.jstrace.core.BreakpointHit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The breakpoints planted in one address space (a process, and the vfork children that
 * share it): each int3 with the bytes it displaced, and the calls in flight whose return
 * address was replaced with the trampoline, per thread. Touched only by the tracer thread.
 */
final class AddressSpace {
    /** One int3: the code it displaced, and who asked for it (none for the bare trampoline). */
    static final class Planted {
        final long address;
        final byte[] code;
        final DisplacedInstruction insn;
        final List<Target> targets = new ArrayList<>();

        Planted(long address, byte[] code) {
            this.address = address;
            this.code = code;
            this.insn = DisplacedInstruction.decode(code);
        }
    }

    /** A breakpoint and the file it was resolved in ({@code null} for an address). */
    record Target(Breakpoint breakpoint, String file) {}

    /** A call in flight: {@code slot} held {@code returnAddress} and now holds the trampoline. */
    record Frame(long slot, long returnAddress, List<BreakpointHit> entries) {}

    final Map<Long, Planted> planted = new HashMap<>();
    /** Mappings already searched for symbols: "start path". */
    final Set<String> scanned = new HashSet<>();
    final Map<Integer, ArrayDeque<Frame>> frames = new HashMap<>();
    /** The int3 returns come back to (the program's entry point), or 0 before one is needed. */
    long trampoline;
    /** Detaching: the int3s are out of the code (but their addresses are still known). */
    boolean removed;

    /** A forked child's copy: the same int3s, and the forking thread's calls in flight as the child's. */
    AddressSpace forkedCopy(int parentTid, int childTid) {
        AddressSpace c = new AddressSpace();
        c.planted.putAll(planted);
        c.scanned.addAll(scanned);
        c.trampoline = trampoline;
        ArrayDeque<Frame> f = frames.get(parentTid);
        if (f != null) c.frames.put(childTid, new ArrayDeque<>(f));
        return c;
    }

    /** Forgets the int3s in {@code [start, end)}: that range was unmapped or mapped anew. */
    void forget(long start, long end) {
        planted.keySet().removeIf(a -> Long.compareUnsigned(a, start) >= 0 && Long.compareUnsigned(a, end) < 0);
        scanned.removeIf(k -> {
            long at = Long.parseUnsignedLong(k.substring(0, k.indexOf(' ')), 16);
            return Long.compareUnsigned(at, start) >= 0 && Long.compareUnsigned(at, end) < 0;
        });
        if (trampoline != 0 && !planted.containsKey(trampoline)) trampoline = 0;
    }
}
