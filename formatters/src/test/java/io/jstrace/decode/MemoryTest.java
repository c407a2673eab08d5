package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Memory's decoders; expected texts are strace 6.1's output for the same calls. */
class MemoryTest {
    private static String prot(long p) {
        return render(Memory.prot(Calls.of("mprotect").args(0, 0, p).enter(), 2));
    }

    @Test
    void prot() {
        assertEquals("PROT_READ|PROT_WRITE", prot(3));
        assertEquals("PROT_NONE", prot(0));
        assertEquals("PROT_READ|0x10", prot(0x11));
    }

    // strace 6.1 prints mprotect(NULL, 0, 0x10 /* PROT_??? */): unnamed bits alone get printflags' default comment.
    @Test
    void protWithOnlyUnnamedBits() {
        assertEquals("0x10 /* PROT_??? */", prot(0x10));
    }

    @Test
    void mapFlags() {
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS",
                render(Memory.mapFlags(Calls.of("mmap").args(0, 4096, 3, 0x22, -1, 0).enter(), 3)));
        assertEquals("MAP_PRIVATE", render(Memory.mapFlags(Calls.of("mmap").args(0, 4096, 1, 0x02, 3, 0).enter(), 3)));
    }

    // the type even when unknown, then the flags, unnamed bits, and the huge page size last
    @Test
    void mapFlagsUnknownTypeAndHugePageSize() {
        Value v = Memory.mapFlags(Calls.of("remap_file_pages").args(0, 0, 0, 0, 0x5404401fL).enter(), 4);
        assertEquals("0xf /* MAP_??? */|MAP_FIXED|MAP_NORESERVE|MAP_HUGETLB|21<<MAP_HUGE_SHIFT", render(v));
        assertEquals("0x5404401f /* 0xf /* MAP_??? */|MAP_FIXED|MAP_NORESERVE|MAP_HUGETLB|21<<MAP_HUGE_SHIFT */",
                new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE).render(v));
        assertEquals("MAP_SHARED|0x200000", render(Memory.mapFlags(Calls.of("mmap").args(0, 0, 0, 0x200001, 0, 0).enter(), 3)));
    }

    private static final long P = 0x7f1a_8e08_5000L, V = 0x7ffd_9f81_263cL;
    private static final long EFAULT = -14, EINVAL = -22, EPERM = -1;

    private static String mincore(FakeMemory m, long len, long vec, long ret) {
        return render(Memory.mincoreVec(Calls.of("mincore").args(P, len, vec).mem(m).exit(ret), 2));
    }

    @Test
    void mincoreOneEntryPerPageBitZeroOnly() {
        FakeMemory m = new FakeMemory().put(V, new byte[] {1, 0, 3, 2});
        assertEquals("[1, 0, 1, 0]", mincore(m, 16384, V, 0));
        assertEquals("[1, 0, 1, 0]", mincore(m, 3 * 4096 + 1, V, 0));
        assertEquals("[1]", mincore(m, 1, V, 0));
    }

    @Test
    void mincoreAbbreviatesAfterStringLimit() {
        FakeMemory m = new FakeMemory().put(V, new byte[40]);
        String zeros = "0, ".repeat(31) + "0";
        assertEquals("[" + zeros + ", ...]", mincore(m, 40 * 4096, V, 0));
        String all = "0, ".repeat(39) + "0";
        assertEquals("[" + all + "]",
                render(Memory.mincoreVec(Calls.of("mincore").args(P, 40 * 4096, V).mem(m).verbose().exit(0), 2)));
    }

    @Test
    void mincoreFailedUnreadableOrShort() {
        FakeMemory m = new FakeMemory().put(V, new byte[] {1, 1});
        assertEquals("0x7ffd9f81263c", mincore(m, 4096, V, EINVAL));
        assertEquals("0xffffffffffffffff", mincore(m, 4096, -1, EFAULT));
        assertEquals("0x7ffd9f81263c", mincore(m, 3 * 4096, V, 0));
        assertEquals("NULL", mincore(m, 4096, 0, EFAULT));
        assertEquals("[]", mincore(m, 0, V, 0));
    }

    private static String memfd(long flags) {
        return render(Memory.memfdFlags(Calls.of("memfd_create").args(V, flags).enter(), 1));
    }

    @Test
    void memfdFlagsWithHugePageShift() {
        assertEquals("0", memfd(0));
        assertEquals("MFD_CLOEXEC|MFD_ALLOW_SEALING", memfd(3));
        assertEquals("MFD_HUGETLB", memfd(4));
        assertEquals("MFD_CLOEXEC|MFD_HUGETLB|21<<MFD_HUGE_SHIFT", memfd(5 | 21L << 26));
        assertEquals("MFD_HUGETLB|30<<MFD_HUGE_SHIFT", memfd(4 | 30L << 26));
        assertEquals("0x100 /* MFD_??? */", memfd(0x100));
        assertEquals("MFD_CLOEXEC|0x100", memfd(0x101));
        assertEquals("MFD_HUGETLB|0x100|21<<MFD_HUGE_SHIFT", memfd(0x104 | 21L << 26));
        assertEquals("21<<MFD_HUGE_SHIFT", memfd(21L << 26));
    }

    @Test
    void mremapNewAddressOnlyWithMaymoveAndFixed() {
        assertEquals(5, Formatters.visibleArgs(Calls.of("mremap").args(P, 4096, 4096, 3, V).enter()));
        assertEquals(4, Formatters.visibleArgs(Calls.of("mremap").args(P, 4096, 4096, 2, V).enter()));
        assertEquals(4, Formatters.visibleArgs(Calls.of("mremap").args(P, 4096, 4096, 1, V).enter()));
    }

    @Test
    void membarrierCpuIdOnlyWithFlagCpu() {
        assertEquals(2, Formatters.visibleArgs(Calls.of("membarrier").args(0, 0, 5).enter()));
        assertEquals(3, Formatters.visibleArgs(Calls.of("membarrier").args(0x80, 1, 5).enter()));
        assertEquals(3, Formatters.visibleArgs(Calls.of("membarrier").args(0x1000, 7, 3).enter()));
    }

    @Test
    void membarrierQueryResultNamesCommands() {
        assertEquals("0x3ff (MEMBARRIER_CMD_GLOBAL|MEMBARRIER_CMD_GLOBAL_EXPEDITED|"
                + "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED|MEMBARRIER_CMD_PRIVATE_EXPEDITED|"
                + "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED|MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE|"
                + "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE|MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ|"
                + "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ|0x200)",
                render(Formatters.returnValue(Calls.of("membarrier").args(0, 0, 0).exit(0x3ff))));
        assertEquals(null, Formatters.returnValue(Calls.of("membarrier").args(0x10, 0, 0).exit(0)));
        assertEquals(null, Formatters.returnValue(Calls.of("membarrier").args(0, 0, 0).exit(0)));
    }

    @Test
    void membarrierCommandsAndFlags() {
        Call c = Calls.of("membarrier").args(0x1000, 7, 3).enter();
        assertEquals("0x1000 /* MEMBARRIER_CMD_??? */", render(Formatters.format(c, 0)));
        assertEquals("MEMBARRIER_CMD_FLAG_CPU|0x6", render(Formatters.format(c, 1)));
        Call q = Calls.of("membarrier").args(0x10, 2, 0).exit(EPERM);
        assertEquals("MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED", render(Formatters.format(q, 0)));
        assertEquals("0x2 /* MEMBARRIER_CMD_FLAG_??? */", render(Formatters.format(q, 1)));
    }

    @Test
    void flagTablesWithUnknownComments() {
        assertEquals("MLOCK_ONFAULT", render(Formatters.format(Calls.of("mlock2").args(P, 4096, 1).enter(), 2)));
        assertEquals("0x6 /* MLOCK_??? */", render(Formatters.format(Calls.of("mlock2").args(P, 4096, 6).enter(), 2)));
        assertEquals("0x10 /* MCL_??? */", render(Formatters.format(Calls.of("mlockall").args(0x10).enter(), 0)));
        assertEquals("0x10 /* MS_??? */", render(Formatters.format(Calls.of("msync").args(P, 4096, 0x10).enter(), 2)));
        assertEquals("0x10 /* MREMAP_??? */",
                render(Formatters.format(Calls.of("mremap").args(P, 4096, 4096, 0x10).enter(), 3)));
        assertEquals("0x20 /* GRND_??? */", render(Formatters.format(Calls.of("getrandom").args(V, 8, 0x20).enter(), 2)));
        assertEquals("PKEY_DISABLE_ACCESS|PKEY_DISABLE_WRITE|PKEY_DISABLE_EXECUTE|0x8",
                render(Formatters.format(Calls.of("pkey_alloc").args(0, 0xf).enter(), 1)));
        assertEquals("0x8 /* PKEY_??? */", render(Formatters.format(Calls.of("pkey_alloc").args(0, 8).enter(), 1)));
        assertEquals("UFFD_USER_MODE_ONLY|O_NONBLOCK|O_CLOEXEC",
                render(Formatters.format(Calls.of("userfaultfd").args(0x80801).enter(), 0)));
        assertEquals("0x10 /* UFFD_??? */", render(Formatters.format(Calls.of("userfaultfd").args(0x10).enter(), 0)));
    }

    @Test
    void remapFilePagesTypeZeroIsMapFile() {
        Call c = Calls.of("remap_file_pages").args(P, 4096, 0, 0, 0x10000).enter();
        assertEquals("MAP_FILE|MAP_NONBLOCK", render(Formatters.format(c, 4)));
        assertEquals("MAP_FILE", render(Formatters.format(Calls.of("remap_file_pages").args(P, 4096, 0, 0, 0).enter(), 4)));
        assertEquals("MAP_SHARED", render(Formatters.format(Calls.of("remap_file_pages").args(P, 4096, 1, 0, 1).enter(), 4)));
    }
}
