package io.jstrace.decode;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jstrace.arch.Aarch64;
import io.jstrace.arch.Arch;
import io.jstrace.arch.X86_64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing every syscall decoder: each catalogue syscall of both architectures, with random
 * registers and random tracee memory, decoded at entry and at exit (success and failure),
 * rendered as strace text and as JSON. Registers point into four memory regions, and the
 * memory holds pointers into them, so the structures a decoder follows (iovecs, msghdrs,
 * sockaddrs, netlink messages, cmsgs, arrays of strings...) are reached and are garbage.
 * No decoder may throw on tracee data (DESIGN.md), and every input produces text.
 * Inputs per property: {@code fuzz.tries} (pom.xml; -Pfuzz for many).
 */
class DecoderFuzz {
    private static final long[] REGIONS = {0x10000, 0x20000, 0x7fff_f000_0000L, 0x7fff_f000_8000L};
    private static final int REGION = 1024;
    private static final StraceText TEXT = new StraceText(StraceText.Escape.OCTAL);
    private static final java.util.Map<Arch, List<String>> NAMES = java.util.Map.of(
            X86_64.INSTANCE, names(X86_64.INSTANCE), Aarch64.INSTANCE, names(Aarch64.INSTANCE));

    /** One generated call: which syscall, its registers, return value, memory, options. */
    record Input(Arch arch, String name, long[] args, long ret, Regions memory, int limit, boolean verbose) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(arch + " " + name + "(");
            for (long a : args) b.append(Long.toHexString(a)).append(',');
            return b.append(") = ").append(ret).append(" -s ").append(limit).append(verbose ? " -v" : "").toString();
        }
    }

    @Property
    void everySyscallDecodesGarbage(@ForAll("calls") Input in) {
        Calls c = Calls.of(in.name()).args(in.args()).mem(in.memory()).limit(in.limit());
        if (in.arch() instanceof Aarch64) c.aarch64();
        if (in.verbose()) c.verbose();
        render(c.enter());
        render(c.exit(in.ret()));
    }

    /** Everything a printer asks of the call, as strace text and as JSON. */
    private static void render(Call call) {
        int visible = Formatters.visibleArgs(call);
        for (int i = 0; i < visible; i++) {
            Value v = Formatters.format(call, i);
            assertNotNull(TEXT.render(v));
            assertNotNull(Rendered.json(v));
        }
        if (call.exit() == null) return;
        Value back = Formatters.writeBack(call);
        if (back != null) Rendered.json(back);
        assertNotNull(Rendered.result(call, TEXT));
        DataDump.of(call);
    }

    @Provide
    Arbitrary<Input> calls() {
        Arbitrary<Arch> arch = Arbitraries.of(X86_64.INSTANCE, Aarch64.INSTANCE);
        return arch.flatMap(a -> Combinators.combine(Arbitraries.of(NAMES.get(a)), register().array(long[].class).ofSize(6),
                returnValue(), memory(), Arbitraries.of(0, 4, 32, 4096), Arbitraries.of(false, true))
                .as((name, args, ret, mem, limit, verbose) -> new Input(a, name, args, ret, mem, limit, verbose)));
    }

    private static List<String> names(Arch arch) {
        io.jstrace.syscalls.SyscallTable table = io.jstrace.syscalls.SyscallTable.of(arch);
        List<String> names = new ArrayList<>();
        for (int nr = 0; nr < arch.syscalls().size(); nr++) {
            if (arch.syscalls().name(nr) != null) names.add(table.get(nr).name());
        }
        return names;
    }

    /** A register: a pointer into a region, a small number, a flag word, or anything. */
    static Arbitrary<Long> register() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, pointer()),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(-5, 300)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().map(i -> (long) i)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0xffff_ffffL)));
    }

    private static Arbitrary<Long> pointer() {
        return Combinators.combine(Arbitraries.of(java.util.Arrays.stream(REGIONS).boxed().toList()), Arbitraries.integers().between(0, REGION))
                .as((base, off) -> base + off);
    }

    private static Arbitrary<Long> returnValue() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(0, 4096)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(-4095, -1)),
                net.jqwik.api.Tuple.of(1, pointer()),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs()));
    }

    /**
     * Memory from a seed (cheap to generate, reproducible): each region's bytes, of a random
     * length (some short or empty), with 8-byte slots overwritten by pointers into the
     * regions and small lengths, as real structures hold.
     */
    static Arbitrary<Regions> memory() {
        return Arbitraries.longs().map(seed -> {
            java.util.Random r = new java.util.Random(seed);
            byte[][] regions = new byte[REGIONS.length][];
            for (int k = 0; k < REGIONS.length; k++) {
                byte[] b = new byte[r.nextInt(8) == 0 ? r.nextInt(16) : r.nextInt(REGION + 1)];
                r.nextBytes(b);
                ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                for (int at = 0; at + 8 <= b.length; at += 8) {
                    switch (r.nextInt(4)) {
                        case 0 -> buf.putLong(at, REGIONS[r.nextInt(REGIONS.length)] + r.nextInt(REGION));
                        case 1 -> buf.putLong(at, r.nextInt(300));
                        case 2 -> buf.putInt(at, r.nextInt(64)).putInt(at + 4, r.nextInt(1 << 16));
                        default -> {}
                    }
                }
                regions[k] = b;
            }
            return new Regions(regions);
        });
    }

    /** Tracee memory: the regions' bytes are readable, nothing else; a read stops at a region's end. */
    record Regions(byte[][] bytes) implements io.jstrace.core.TraceeMemory {
        @Override
        public int read(long address, byte[] dst, int offset, int length) {
            for (int k = 0; k < REGIONS.length; k++) {
                long from = address - REGIONS[k];
                if (from >= 0 && from < bytes[k].length) {
                    int n = (int) Math.min(length, bytes[k].length - from);
                    System.arraycopy(bytes[k], (int) from, dst, offset, n);
                    return n;
                }
            }
            return 0;
        }
    }
}
