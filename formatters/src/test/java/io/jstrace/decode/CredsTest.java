package io.jstrace.decode;

import io.jstrace.decode.StraceText;
import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's for the same calls. */
class CredsTest {
    private static final long A = 0x7ffd8ff4_bde0L, H = 0x7ffd8ff4_bdc0L;
    private static final long EFAULT = -14, EINVAL = -22;
    private static final int V1 = 0x19980330, V3 = 0x20080522;

    private static String fmt(Call c, int i) {
        return render(Formatters.format(c, i));
    }

    @Test
    void idsPrintUnsignedWithMinusOneForUnchanged() {
        assertEquals("-1", fmt(Calls.of("setuid").args(-1).enter(), 0));
        assertEquals("-1", fmt(Calls.of("setuid").args(0xffff_ffffL).enter(), 0));
        assertEquals("3000000000", fmt(Calls.of("setresgid").args(0, 3_000_000_000L, 0).enter(), 1));
        assertEquals("65534", fmt(Calls.of("setfsgid").args(65534).enter(), 0));
    }

    @Test
    void getresuidPointers() {
        FakeMemory m = new FakeMemory().putInts(A, 1000).putInts(A + 4, -1);
        Call ok = Calls.of("getresuid").args(A, A + 4, 0).mem(m).exit(0);
        assertEquals("[1000]", fmt(ok, 0));
        assertEquals("[-1]", fmt(ok, 1));
        assertEquals("NULL", fmt(ok, 2));
        assertEquals("0x7ffd8ff4bde0", fmt(Calls.of("getresuid").args(A, A, A).mem(m).exit(EFAULT), 0));
        assertEquals("0x10", fmt(Calls.of("getresuid").args(0x10, A, A).mem(m).exit(0), 0));
    }

    @Test
    void groupLists() {
        FakeMemory m = new FakeMemory().putInts(A, 0, 4, 100000);
        assertEquals("[0, 4, 100000]", fmt(Calls.of("setgroups").args(3, A).mem(m).enter(), 1));
        assertEquals("[0, 4]", fmt(Calls.of("getgroups").args(64, A).mem(m).exit(2), 1));
        assertEquals("[]", fmt(Calls.of("getgroups").args(64, A).mem(m).exit(0), 1));
        assertEquals("NULL", fmt(Calls.of("setgroups").args(0, 0).enter(), 1));
    }

    @Test
    void groupListsFailedHugeAndTruncated() {
        FakeMemory m = new FakeMemory().putInts(A, 0, 4);
        assertEquals("0x7ffd8ff4bde0", fmt(Calls.of("getgroups").args(-1, A).mem(m).exit(EINVAL), 1));
        assertEquals("0x7ffd8ff4bde0", fmt(Calls.of("setgroups").args(-1, A).mem(m).enter(), 1));
        assertEquals("0xffffffffffffffff", fmt(Calls.of("setgroups").args(2, -1).enter(), 1));
        assertEquals("[0, 4, ... /* 0x7ffd8ff4bde8 */]", fmt(Calls.of("setgroups").args(3, A).mem(m).enter(), 1));
    }

    @Test
    void capHeaderKnownUnknownAndUnreadable() {
        FakeMemory m = new FakeMemory().putInts(H, V3, 0).putInts(A, 0x12345678, 42);
        assertEquals("{version=_LINUX_CAPABILITY_VERSION_3, pid=0}", fmt(Calls.of("capget").args(H, 0).mem(m).enter(), 0));
        assertEquals("{version=0x12345678 /* _LINUX_CAPABILITY_VERSION_??? */, pid=42}",
                fmt(Calls.of("capget").args(A, 0).mem(m).enter(), 0));
        assertEquals("NULL", fmt(Calls.of("capget").args(0, 0).enter(), 0));
        assertEquals("0xffffffffffffffff", fmt(Calls.of("capget").args(-1, 0).enter(), 0));
        FakeMemory half = new FakeMemory().putInts(H, V3);
        assertEquals("0x7ffd8ff4bdc0", fmt(Calls.of("capset").args(H, 0).mem(half).enter(), 0));
    }

    @Test
    void capDataVersion3JoinsTheTwoWords() {
        FakeMemory m = new FakeMemory().putInts(H, V3, 0).putInts(A, 5, 1 | 4 | 1 << 21, 0, 0, 1, 0);
        assertEquals("{effective=1<<CAP_CHOWN|1<<CAP_DAC_READ_SEARCH, permitted=1<<CAP_CHOWN|1<<CAP_DAC_READ_SEARCH"
                + "|1<<CAP_SYS_ADMIN|1<<CAP_MAC_OVERRIDE, inheritable=0}",
                fmt(Calls.of("capset").args(H, A).mem(m).enter(), 1));
    }

    @Test
    void capDataVersion1HasOneWordAndUnknownBitsPrintInHex() {
        FakeMemory m = new FakeMemory().putInts(H, V1, 0).putInts(A, 1 << 31, 2, 0, 0x7fffffff, 0x7fffffff, 0);
        assertEquals("{effective=1<<CAP_SETFCAP, permitted=1<<CAP_DAC_OVERRIDE, inheritable=0}",
                fmt(Calls.of("capget").args(H, A).mem(m).exit(0), 1));
        FakeMemory v3 = new FakeMemory().putInts(H, V3, 0).putInts(A, 0, 0, 0, 0x600, 0x500, 0);
        assertEquals("{effective=0x600 /* CAP_??? */, permitted=1<<CAP_CHECKPOINT_RESTORE|0x400, inheritable=0}",
                fmt(Calls.of("capget").args(H, A).mem(v3).exit(0), 1));
    }

    @Test
    void capMaskWordsPrintSeparatelyUnderRawAndVerbose() {
        Value mask = Creds.capMask(0xfeffffffL, 0x1ff);
        assertEquals("0xfeffffff|0x1ff", new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(mask));
        assertEquals("0x5 /* 1<<CAP_CHOWN|1<<CAP_DAC_READ_SEARCH */|0x1 /* 1<<CAP_MAC_OVERRIDE */",
                new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE).render(Creds.capMask(5, 1)));
        assertEquals("0", new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(Creds.capMask(0, 0)));
        assertEquals("1<<CAP_MAC_ADMIN", render(Creds.capMask(0, 2)));
    }

    @Test
    void capDataLeftAsAddress() {
        FakeMemory bad = new FakeMemory().putInts(H, 0x12345678, 0).putInts(A, 1, 1, 1);
        assertEquals("0x7ffd8ff4bde0", fmt(Calls.of("capget").args(H, A).mem(bad).exit(EINVAL), 1));
        assertEquals("0x7ffd8ff4bde0", fmt(Calls.of("capset").args(H, A).mem(bad).enter(), 1));
        FakeMemory v3 = new FakeMemory().putInts(H, V3, 0).putInts(A, 1, 1, 1);
        assertEquals("0x7ffd8ff4bde0", fmt(Calls.of("capset").args(H, A).mem(v3).enter(), 1));
        assertEquals("0x7ffd8ff4bde0", fmt(Calls.of("capget").args(H, A).mem(v3).exit(EFAULT), 1));
        assertEquals("NULL", fmt(Calls.of("capget").args(H, 0).mem(v3).exit(0), 1));
    }
}
