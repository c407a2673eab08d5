package io.jstrace.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.syscalls.xlat.AccessModes;
import io.jstrace.syscalls.xlat.CloneFlags;
import io.jstrace.syscalls.xlat.MmapFlags;
import io.jstrace.syscalls.xlat.MmapProt;
import io.jstrace.syscalls.xlat.MmapType;
import io.jstrace.syscalls.xlat.OpenAccessModes;
import io.jstrace.syscalls.xlat.OpenFlags;
import io.jstrace.syscalls.xlat.OpenFlagsAarch64;
import io.jstrace.syscalls.xlat.SigactionFlags;
import io.jstrace.syscalls.xlat.StatxFlags;
import io.jstrace.syscalls.xlat.StatxMask;
import io.jstrace.syscalls.xlat.WaitOptions;
import io.jstrace.syscalls.xlat.Xlat;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants of every generated table, and decompositions pinned to strace 6.1's output. */
class XlatTest {
    /** Entries that repeat an earlier entry's value on purpose, each documented in its spec. */
    static final Set<String> ALIASES = Set.of(
            "Errnos.EWOULDBLOCK", "Errnos.EDEADLOCK", "Errnos.ENOTSUP",
            "SoOptions.SO_GET_FILTER", "SoOptions.SO_DETACH_BPF", "SoOptions.SO_RCVTIMEO",
            "SoOptions.SO_SNDTIMEO", "SoOptions.SO_TIMESTAMP", "SoOptions.SO_TIMESTAMPNS",
            "SoOptions.SO_TIMESTAMPING",
            "WaitOptions.WUNTRACED");

    /** Flag tables whose spec lists a zero entry, printed when no bit is set. */
    static final Set<String> ZERO_FLAGS = Set.of(
            "AccessModes.F_OK", "MmapProt.PROT_NONE", "StatxFlags.AT_STATX_SYNC_AS_STAT",
            "NeighborCacheEntryStates.NUD_NONE", "PrSpecFlags.PR_SPEC_NOT_AFFECTED");

    /** Every generated table class, found next to Xlat.class. */
    static List<Class<?>> tables() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(Xlat.class.getResource("Xlat.class").toURI()).getParent();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String f = p.getFileName().toString();
                if (!f.endsWith(".class") || f.contains("$") || f.equals("Xlat.class")) continue;
                classes.add(Class.forName(Xlat.class.getPackageName() + "." + f.replace(".class", "")));
            }
        }
        return classes;
    }

    static Xlat xlat(Class<?> c) throws ReflectiveOperationException {
        return (Xlat) c.getField("XLAT").get(null);
    }

    @Test
    void allTablesAreFound() throws Exception {
        assertTrue(tables().size() >= 40, "expected the generated tables, found " + tables());
    }

    @ParameterizedTest
    @MethodSource("tables")
    void entriesMatchTheirConstantFields(Class<?> table) throws Exception {
        Xlat x = xlat(table);
        assertFalse(x.entries().isEmpty());
        Set<String> names = new HashSet<>();
        for (Xlat.Entry e : x.entries()) {
            assertTrue(names.add(e.name()), table.getSimpleName() + ": " + e.name() + " twice");
            Field f = table.getField(e.name());
            assertTrue(Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()));
            assertEquals(f.getLong(null), e.value(), table.getSimpleName() + "." + e.name());
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    void valuesRepeatOnlyAsDocumentedAliasesAfterTheirPrimary(Class<?> table) throws Exception {
        Xlat x = xlat(table);
        Map<Long, String> first = new HashMap<>();
        for (Xlat.Entry e : x.entries()) {
            String id = table.getSimpleName() + "." + e.name();
            String primary = first.putIfAbsent(e.value(), e.name());
            if (primary != null) {
                assertTrue(ALIASES.contains(id), id + " repeats the value of " + primary);
                assertEquals(primary, x.name(e.value()), "an alias must not hide its primary");
            } else {
                assertFalse(ALIASES.contains(id), id + " is listed as an alias but is not one");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    void flagTablesHaveNoZeroEntryUnlessTheSpecSaysSo(Class<?> table) throws Exception {
        Xlat x = xlat(table);
        if (!x.isFlags()) return;
        for (Xlat.Entry e : x.entries()) {
            String id = table.getSimpleName() + "." + e.name();
            assertEquals(ZERO_FLAGS.contains(id), e.value() == 0, id);
        }
    }

    /** A flag containing another's bits must come first, or it would never be printed. */
    @ParameterizedTest
    @MethodSource("tables")
    void widerFlagsComeBeforeTheFlagsTheyContain(Class<?> table) throws Exception {
        Xlat x = xlat(table);
        if (!x.isFlags()) return;
        List<Xlat.Entry> es = x.entries();
        for (int i = 0; i < es.size(); i++) {
            for (int j = i + 1; j < es.size(); j++) {
                long early = es.get(i).value(), late = es.get(j).value();
                boolean lateContainsEarly = early != 0 && early != late && (late & early) == early;
                assertFalse(lateContainsEarly, table.getSimpleName() + ": " + es.get(j).name()
                        + " contains " + es.get(i).name() + " and must come first");
            }
        }
    }

    // ------------------------------------------------------------ decompose

    @Test
    void decomposeKeepsUnknownBitsInTheRemainder() {
        Xlat.Decomposed d = OpenFlags.XLAT.decompose(OpenFlags.O_CREAT | 0x80000000L);
        assertEquals(List.of("O_CREAT"), d.names());
        assertEquals(0x80000000L, d.remainder());
    }

    @Test
    void decomposeOfZeroNamesOnlyTheZeroEntry() {
        assertEquals(List.of("PROT_NONE"), MmapProt.XLAT.decompose(0).names());
        assertEquals(List.of(), OpenFlags.XLAT.decompose(0).names());
        assertEquals(List.of("F_OK"), AccessModes.XLAT.decompose(0).names());
        assertEquals(List.of("R_OK", "W_OK", "X_OK"), AccessModes.XLAT.decompose(7).names());
    }

    /** openat(AT_FDCWD, "/nonexistent/x", O_RDWR|O_CREAT|O_CLOEXEC, 0644) under strace 6.1. */
    @Test
    void openRdwrCreatCloexec() {
        long flags = OpenAccessModes.O_RDWR | OpenFlags.O_CREAT | OpenFlags.O_CLOEXEC;
        assertEquals(02000102L, flags);
        assertEquals("O_RDWR|O_CREAT|O_CLOEXEC", openFlags(OpenFlags.XLAT, flags));
        assertEquals("O_RDONLY|O_CLOEXEC", openFlags(OpenFlags.XLAT, OpenFlags.O_CLOEXEC));
        assertEquals("O_ACCMODE|O_DIRECTORY", openFlags(OpenFlags.XLAT, 3 | OpenFlags.O_DIRECTORY));
    }

    /** strace 6.1: openat(..., 0x7fffffff & ~3) and the O_SYNC / O_TMPFILE containments. */
    @Test
    void openFlagsPrintInStraceOrder() {
        assertEquals("O_RDONLY|O_CREAT|O_EXCL|O_NOCTTY|O_TRUNC|O_APPEND|O_NONBLOCK|O_SYNC|O_DIRECT"
                + "|O_LARGEFILE|O_NOFOLLOW|O_NOATIME|O_CLOEXEC|O_PATH|O_TMPFILE|FASYNC|0x7f80003c",
                openFlags(OpenFlags.XLAT, 0x7ffffffcL));
        assertEquals("O_WRONLY|O_TMPFILE", openFlags(OpenFlags.XLAT, 1 | OpenFlags.O_TMPFILE));
        assertEquals("O_RDONLY|__O_TMPFILE", openFlags(OpenFlags.XLAT, 020000000L));
        assertEquals("O_RDONLY|O_DSYNC|O_DIRECTORY", openFlags(OpenFlags.XLAT, 010000L | 0200000L));
        assertEquals("O_RDONLY|__O_SYNC|O_DIRECT", openFlags(OpenFlags.XLAT, 04000000L | 040000L));
        assertEquals("O_RDONLY|O_DIRECTORY|FASYNC", openFlags(OpenFlags.XLAT, 0200000L | 020000L));
    }

    @Test
    void aarch64OpenFlagsDifferOnlyWhereArm64DefinesThem() {
        List<String> names = OpenFlags.XLAT.entries().stream().map(Xlat.Entry::name).toList();
        assertEquals(names, OpenFlagsAarch64.XLAT.entries().stream().map(Xlat.Entry::name).toList());
        assertEquals(040000L, OpenFlagsAarch64.O_DIRECTORY);
        assertEquals(0100000L, OpenFlagsAarch64.O_NOFOLLOW);
        assertEquals(0200000L, OpenFlagsAarch64.O_DIRECT);
        assertEquals(0400000L, OpenFlagsAarch64.O_LARGEFILE);
        assertEquals(020040000L, OpenFlagsAarch64.O_TMPFILE);
        Set<String> differ = Set.of("O_DIRECTORY", "O_NOFOLLOW", "O_DIRECT", "O_LARGEFILE", "O_TMPFILE");
        for (String n : names) {
            if (!differ.contains(n)) assertEquals(OpenFlags.XLAT.value(n), OpenFlagsAarch64.XLAT.value(n), n);
        }
    }

    /** mmap(NULL, 4096, 0xffffffff, 0x3ffffff3, -1, 0) under strace 6.1, huge-page field aside. */
    @Test
    void mmapFlagsPrintInStraceOrder() {
        long flags = 0x3ffffff3L;
        assertEquals("MAP_SHARED_VALIDATE", MmapType.XLAT.name(flags & MmapType.MAP_TYPE));
        long hugeField = MmapFlags.MAP_HUGE_MASK << MmapFlags.MAP_HUGE_SHIFT;
        assertEquals(15, (flags & hugeField) >>> MmapFlags.MAP_HUGE_SHIFT);
        assertEquals("MAP_FIXED|MAP_ANONYMOUS|MAP_32BIT|MAP_NORESERVE|MAP_POPULATE|MAP_NONBLOCK|MAP_GROWSDOWN"
                + "|MAP_DENYWRITE|MAP_EXECUTABLE|MAP_LOCKED|MAP_STACK|MAP_HUGETLB|MAP_SYNC|MAP_FIXED_NOREPLACE"
                + "|0x3e00680",
                flags(MmapFlags.XLAT, flags & ~MmapType.MAP_TYPE & ~hugeField));
        assertEquals("PROT_READ|PROT_WRITE|PROT_EXEC|PROT_SEM|PROT_GROWSDOWN|PROT_GROWSUP|0xfcfffff0",
                flags(MmapProt.XLAT, 0xffffffffL));
    }

    /** Flags lines captured from strace 6.1 (rt_sigaction, wait4, statx, clone). */
    @Test
    void otherFlagsPrintInStraceOrder() {
        assertEquals("SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_INTERRUPT|SA_NODEFER|SA_RESETHAND|SA_SIGINFO"
                + "|SA_NOCLDSTOP|SA_NOCLDWAIT|0x3fffff8", flags(SigactionFlags.XLAT, 0xffffffffL));
        assertEquals("WNOHANG|WEXITED|WSTOPPED|WCONTINUED|WNOWAIT|__WCLONE|__WALL|__WNOTHREAD|0x1efffff0",
                flags(WaitOptions.XLAT, 0xffffffffL));
        assertEquals("STATX_ALL|STATX_MNT_ID|STATX_DIOALIGN|0xffffc000", flags(StatxMask.XLAT, 0xffffffffL));
        assertEquals("STATX_BASIC_STATS", flags(StatxMask.XLAT, 0x7ff));
        assertEquals("AT_STATX_SYNC_AS_STAT", flags(StatxFlags.XLAT, 0));
        assertEquals("CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_PIDFD|CLONE_PTRACE|CLONE_VFORK"
                + "|CLONE_PARENT|CLONE_THREAD|CLONE_NEWNS|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID"
                + "|CLONE_CHILD_CLEARTID|CLONE_UNTRACED|CLONE_CHILD_SETTID|CLONE_NEWCGROUP|CLONE_NEWUTS"
                + "|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET|CLONE_IO|0x400000",
                flags(CloneFlags.XLAT, 0xffffffffL & ~CloneFlags.CSIGNAL));
    }

    @Test
    void lookupByName() {
        assertEquals(OpenFlags.O_CLOEXEC, OpenFlags.XLAT.value("O_CLOEXEC"));
        assertEquals(null, OpenFlags.XLAT.value("O_NOPE"));
        assertNotNull(WaitOptions.XLAT.value("WUNTRACED"));
        assertEquals("WSTOPPED", WaitOptions.XLAT.name(2));
    }

    /** The flags as strace prints them: names joined by "|", unknown bits in hex, or 0. */
    static String flags(Xlat x, long value) {
        Xlat.Decomposed d = x.decompose(value);
        List<String> parts = new ArrayList<>(d.names());
        if (d.remainder() != 0 || parts.isEmpty()) parts.add("0x" + Long.toHexString(d.remainder()));
        return String.join("|", parts);
    }

    static String openFlags(Xlat x, long value) {
        String mode = OpenAccessModes.XLAT.name(value & OpenAccessModes.O_ACCMODE);
        long rest = value & ~OpenAccessModes.O_ACCMODE;
        return rest == 0 ? mode : mode + "|" + flags(x, rest);
    }
}
