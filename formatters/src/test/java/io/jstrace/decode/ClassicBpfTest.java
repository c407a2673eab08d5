package io.jstrace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's for the same programs (src/bpf_filter.c). */
class ClassicBpfTest {
    private static final long PROG = 0x7ffd0000L, INSNS = 0x7ffd1000L;
    private static final int PR_SET_SECCOMP = 22, SECCOMP_MODE_FILTER = 2, EINVAL = -22;

    /** struct sock_filter: code, jt, jf, k. */
    private static byte[] insns(int[]... rows) {
        ByteBuffer b = ByteBuffer.allocate(8 * rows.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] r : rows) b.putShort((short) r[0]).put((byte) r[1]).put((byte) r[2]).putInt(r[3]);
        return b.array();
    }

    private static FakeMemory program(int len, byte[] insns) {
        return new FakeMemory().putLongs(PROG, len, INSNS).put(INSNS, insns);
    }

    private static String filter(Calls calls) {
        return Calls.render(Formatters.format(calls.args(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, PROG).exit(EINVAL), 2));
    }

    @Test
    void seccompFilterUnderVerbose() {
        byte[] code = insns(new int[] {0x20, 0, 0, 0}, new int[] {0x15, 0, 1, 0x3c}, new int[] {0x06, 0, 0, 0x7fff0000},
                new int[] {0x06, 0, 0, 0x00050010}, new int[] {0x06, 0, 0, 0x0ffe0000}, new int[] {0x07, 0, 0, 0},
                new int[] {0x02, 0, 0, 1}, new int[] {0x1e, 0, 0, 0}, new int[] {0x5d, 0, 0, 2});
        assertEquals("{len=9, filter=[BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0), BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x3c, 0, 0x1), "
                + "BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ALLOW), BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ERRNO|0x10), "
                + "BPF_STMT(BPF_RET|BPF_K, 0xffe0000 /* SECCOMP_RET_??? */), BPF_STMT(BPF_MISC|BPF_TAX, 0), "
                + "BPF_STMT(BPF_ST, 0x1), BPF_STMT(BPF_RET|0x18 /* BPF_??? */, SECCOMP_RET_KILL_THREAD), "
                + "BPF_STMT(BPF_JMP|BPF_X|BPF_JNE, 0x2)]}", filter(Calls.of("prctl").mem(program(9, code)).verbose()));
    }

    @Test
    void withoutVerboseTheInstructionsAddress() {
        byte[] code = insns(new int[] {0x06, 0, 0, 0x7fff0000});
        assertEquals("{len=1, filter=0x7ffd1000}", filter(Calls.of("prctl").mem(program(1, code))));
    }

    @Test
    void unreadableInstructionsEndTheProgram() {
        byte[] code = insns(new int[] {0x06, 0, 0, 0x7fff0000});
        assertEquals("{len=3, filter=[BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ALLOW), ... /* 0x7ffd1008 */]}",
                filter(Calls.of("prctl").mem(program(3, code)).verbose()));
        assertEquals("{len=2, filter=0x7ffd1000}", filter(Calls.of("prctl").mem(program(2, new byte[0])).verbose()));
        assertEquals("0x7ffd0000", filter(Calls.of("prctl").mem(new FakeMemory()).verbose()));
    }

    @Test
    void atMostBpfMaxinsnsInstructions() {
        byte[] code = insns(java.util.stream.IntStream.range(0, 4097).mapToObj(k -> new int[] {0x00, 0, 0, k})
                .toArray(int[][]::new));
        String text = filter(Calls.of("prctl").mem(program(4097, code)).verbose());
        assertEquals(4096, text.split("BPF_STMT").length - 1);
        assertEquals("BPF_STMT(BPF_LD|BPF_W|BPF_IMM, 0xfff), ...]}", text.substring(text.length() - 44));
    }

    @Test
    void codesUnderEachStyle() {
        Value jeq = ClassicBpf.code(0x15);
        assertEquals("0x5|0|0x10", new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(jeq));
        assertEquals("0x5 /* BPF_JMP */|0 /* BPF_K */|0x10 /* BPF_JEQ */",
                new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE).render(jeq));
        assertEquals("BPF_STX|0x100 /* BPF_??? */", Calls.render(ClassicBpf.code(0x103)));
    }

    @Test
    void socketFiltersNameTheirLoadOffsets() {
        byte[] code = insns(new int[] {0x30, 0, 0, 0xffe00004}, new int[] {0x30, 0, 0, 0xfff00008},
                new int[] {0x20, 0, 0, 0xfffff000}, new int[] {0x20, 0, 0, 0xfffff0ff}, new int[] {0x28, 0, 0, 12},
                new int[] {0x00, 0, 0, 0xfffff000});
        FakeMemory m = program(6, code);
        Call set = Calls.of("setsockopt").args(3, 1, 26, PROG, 16).mem(m).verbose().exit(0);
        assertEquals("{len=6, filter=[BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_LL_OFF+4), "
                + "BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_NET_OFF+8), BPF_STMT(BPF_LD|BPF_W|BPF_ABS, SKF_AD_OFF+SKF_AD_PROTOCOL), "
                + "BPF_STMT(BPF_LD|BPF_W|BPF_ABS, SKF_AD_OFF+0xff /* SKF_AD_??? */), BPF_STMT(BPF_LD|BPF_H|BPF_ABS, 0xc), "
                + "BPF_STMT(BPF_LD|BPF_W|BPF_IMM, 0xfffff000)]}", Calls.render(Formatters.format(set, 3)));
        assertEquals("{len=6, filter=[BPF_STMT(0|0x10|0x20, 0xffe00000+4), BPF_STMT(0|0x10|0x20, 0xfff00000+8), "
                + "BPF_STMT(0|0|0x20, 0xfffff000+0), BPF_STMT(0|0|0x20, 0xfffff000+0xff), BPF_STMT(0|0x8|0x20, 0xc), "
                + "BPF_STMT(0|0|0, 0xfffff000)]}",
                new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(Formatters.format(set, 3)));
        assertEquals("{len=6, filter=0x7ffd1000}",
                Calls.render(Formatters.format(Calls.of("setsockopt").args(3, 1, 26, PROG, 16).mem(m).exit(0), 3)));
    }
}
