package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** NUMA policy decoders; expected texts are strace 6.1's output for the same calls. */
class MemPoliciesTest {
    private static final long M = 0x4a70e0L, S = 0x7ffd9f812550L, PAGES = 0x7ffd9f812580L;
    private static final long EFAULT = -14, EINVAL = -22;

    private static String mode(long v) {
        return render(MemPolicies.mode(Calls.of("set_mempolicy").args(v, 0, 0).enter(), 0));
    }

    @Test
    void modesWithFlags() {
        assertEquals("MPOL_DEFAULT", mode(0));
        assertEquals("MPOL_BIND", mode(2));
        assertEquals("MPOL_PREFERRED|MPOL_F_STATIC_NODES", mode(0x8001));
        assertEquals("MPOL_PREFERRED_MANY|MPOL_F_STATIC_NODES|MPOL_F_RELATIVE_NODES|MPOL_F_NUMA_BALANCING", mode(0xe005));
        assertEquals("MPOL_DEFAULT|MPOL_F_NUMA_BALANCING", mode(0x2000));
    }

    @Test
    void modeWithoutANameLeavesTheValueToTheFlags() {
        assertEquals("0x85 /* MPOL_??? */", mode(0x85));
        assertEquals("0x4d /* MPOL_??? */", mode(77));
        assertEquals("0x6 /* MPOL_??? */", mode(6));
        assertEquals("MPOL_F_STATIC_NODES|0x6", mode(0x8006));
        assertEquals("0x10002 /* MPOL_??? */", mode(0x10002));
    }

    private static String setMask(FakeMemory m, long addr, long maxnode) {
        return render(MemPolicies.nodemask(Calls.of("set_mempolicy").args(2, addr, maxnode).mem(m).enter(), 1));
    }

    @Test
    void nodemaskWordsAsPrintfPrintsThem() {
        FakeMemory m = new FakeMemory().putLongs(M, 5, 3);
        assertEquals("[0x00000000000005]", setMask(m, M, 64));
        assertEquals("[0x00000000000005]", setMask(m, M, 65));
        assertEquals("[0x00000000000005, 0x00000000000003]", setMask(m, M, 66));
        assertEquals("[0x00000000000005]", setMask(m, M, 2));
        FakeMemory z = new FakeMemory().putLongs(M, 1, 0, 0x8000000000000000L);
        assertEquals("[0x00000000000001, 0000000000000000, 0x8000000000000000]", setMask(z, M, 192));
    }

    @Test
    void nodemaskEdges() {
        FakeMemory m = new FakeMemory().putLongs(M, 5);
        assertEquals("0x4a70e0", setMask(m, M, 1));
        assertEquals("[]", setMask(m, M, 0));
        assertEquals("NULL", setMask(m, 0, 64));
        assertEquals("0xffffffffffffffff", setMask(m, -1, 64));
        assertEquals("[0x00000000000005, ... /* 0x4a70e8 */]", setMask(m, M, 128));
    }

    @Test
    void migratePagesTakesMaxnodeFromItsSecondArgument() {
        FakeMemory m = new FakeMemory().putLongs(M, 1);
        Call c = Calls.of("migrate_pages").args(0, 64, M, -1).mem(m).enter();
        assertEquals("[0x00000000000001]", render(MemPolicies.nodemask(c, 2)));
        assertEquals("0xffffffffffffffff", render(MemPolicies.nodemask(c, 3)));
    }

    @Test
    void getMempolicyModeAndMaskAtExit() {
        FakeMemory m = new FakeMemory().putInts(S, 0x8001).putLongs(M, 1, 0);
        Call ok = Calls.of("get_mempolicy").args(S, M, 128, 0, 0).mem(m).exit(0);
        assertEquals("[0x8001 /* MPOL_??? */]", render(MemPolicies.postMode(ok, 0)));
        assertEquals("[0x00000000000001, 0000000000000000]", render(MemPolicies.postNodemask(ok, 1)));
        FakeMemory b = new FakeMemory().putInts(S, 2);
        assertEquals("[MPOL_BIND]", render(MemPolicies.postMode(Calls.of("get_mempolicy").args(S).mem(b).exit(0), 0)));
        Call bad = Calls.of("get_mempolicy").args(S, M, 64, -1, 2).mem(m).exit(EFAULT);
        assertEquals("0x7ffd9f812550", render(MemPolicies.postMode(bad, 0)));
        assertEquals("0x4a70e0", render(MemPolicies.postNodemask(bad, 1)));
        assertEquals("NULL", render(MemPolicies.postMode(Calls.of("get_mempolicy").args(0).exit(EINVAL), 0)));
        assertEquals("0x7ffd9f812554", render(MemPolicies.postMode(Calls.of("get_mempolicy").args(S + 4).mem(m).exit(0), 0)));
    }

    @Test
    void getMempolicyAndMbindFlags() {
        assertEquals("MPOL_F_NODE|MPOL_F_ADDR", render(Formatters.format(Calls.of("get_mempolicy").args(S, 0, 0, M, 3).exit(0), 4)));
        assertEquals("0x10 /* MPOL_??? */", render(Formatters.format(Calls.of("get_mempolicy").args(0, 0, 0, 0, 0x10).exit(EINVAL), 4)));
        assertEquals("MPOL_MF_STRICT|0x80", render(Formatters.format(Calls.of("mbind").args(M, 4096, 0, 0, 0, 0x81).enter(), 5)));
        assertEquals("0x80 /* MPOL_??? */", render(Formatters.format(Calls.of("mbind").args(M, 4096, 0, 0, 0, 0x80).enter(), 5)));
    }

    @Test
    void movePagesArrays() {
        FakeMemory m = new FakeMemory().putLongs(PAGES, 0x7f00f61aa000L, 0x7f00f61ab000L, 8).putInts(M, 0, 0, 0)
                .putInts(S, 0, -2, -14);
        Call ok = Calls.of("move_pages").args(0, 3, PAGES, M, S, 2).mem(m).exit(0);
        assertEquals("[0x7f00f61aa000, 0x7f00f61ab000, 0x8]", render(MemPolicies.pages(ok, 2)));
        assertEquals("[0, 0, 0]", render(MemPolicies.nodes(ok, 3)));
        assertEquals("[0, -ENOENT, -EFAULT]", render(MemPolicies.status(ok, 4)));
        Call none = Calls.of("move_pages").args(0, 0, PAGES, 0, S, 0).mem(m).exit(0);
        assertEquals("[]", render(MemPolicies.pages(none, 2)));
        assertEquals("NULL", render(MemPolicies.nodes(none, 3)));
        assertEquals("[]", render(MemPolicies.status(none, 4)));
    }

    @Test
    void movePagesFailedAndUnreadable() {
        FakeMemory m = new FakeMemory().putLongs(PAGES, 0x7f00f61aa000L).putInts(S, 7);
        Call bad = Calls.of("move_pages").args(0, 2, PAGES, M, S, 0x10).mem(m).exit(EINVAL);
        assertEquals("[0x7f00f61aa000, ... /* 0x7ffd9f812588 */]", render(MemPolicies.pages(bad, 2)));
        assertEquals("0x4a70e0", render(MemPolicies.nodes(bad, 3)));
        assertEquals("0x7ffd9f812550", render(MemPolicies.status(bad, 4)));
        assertEquals("0xffffffffffffffff", render(MemPolicies.pages(Calls.of("move_pages").args(0, 1, -1).exit(EFAULT), 2)));
    }

    private static final DecodeOptions NO_STRUCTS = new DecodeOptions(32, false, false, java.util.Set.of(),
            XlatStyle.ABBREV, new DecodeOptions.PerSyscall(s -> true, s -> false, s -> false), DecodeOptions.Dumps.none());

    @Test
    void verboseNonePrintsAddressesButNullAndEmptyArrays() {
        FakeMemory m = new FakeMemory().putLongs(M, 1).putInts(S, 2).putLongs(PAGES, 0x7f00f61aa000L);
        Call set = Calls.of("set_mempolicy").args(2, M, 64).mem(m).options(NO_STRUCTS).enter();
        assertEquals("0x4a70e0", render(Formatters.format(set, 1)));
        assertEquals("[]", render(Formatters.format(Calls.of("set_mempolicy").args(77, M, 0).options(NO_STRUCTS).enter(), 1)));
        Call get = Calls.of("get_mempolicy").args(S, M, 64, 0, 0).mem(m).options(NO_STRUCTS).exit(0);
        assertEquals("0x7ffd9f812550", render(Formatters.format(get, 0)));
        assertEquals("0x4a70e0", render(Formatters.format(get, 1)));
        Call move = Calls.of("move_pages").args(0, 1, PAGES, 0, S, 0).mem(m).options(NO_STRUCTS).exit(0);
        assertEquals("0x7ffd9f812580", render(Formatters.format(move, 2)));
        assertEquals("NULL", render(Formatters.format(move, 3)));
        assertEquals("0x7ffd9f812550", render(Formatters.format(move, 4)));
        FakeMemory sem = new FakeMemory().putInts(S, 0, 0);
        assertEquals("0x7ffd9f812550", render(Formatters.format(Calls.of("semop").args(1, S, 1).mem(sem).options(NO_STRUCTS).enter(), 1)));
        assertEquals("[]", render(Formatters.format(Calls.of("semop").args(1, S, 0).mem(sem).options(NO_STRUCTS).enter(), 1)));
        Call prio = Calls.of("mq_timedreceive").args(3, M, 64, S, 0).mem(m).options(NO_STRUCTS).exit(13);
        assertEquals("0x7ffd9f812550", render(Formatters.format(prio, 3)));
    }
}
