package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.internal.elf.ElfFile;
import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** ElfFile against binutils: every function nm lists in libc, at the address nm gives. */
class ElfFileTest {
    private static final Path LIBC = Path.of("/lib/x86_64-linux-gnu/libc.so.6");

    static boolean haveNm() {
        return TestPrograms.onPath("nm") != null && Files.exists(LIBC);
    }

    @Test
    @EnabledIf("haveNm")
    void functionsAtTheAddressesNmGives() throws Exception {
        Process nm = new ProcessBuilder("nm", "-D", "--defined-only", LIBC.toString()).start();
        Map<String, Long> expected = new HashMap<>();
        for (String line : new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.trim().split("\\s+");
            // the default version (name@@VERSION) is the one calls bind to; name@VERSION are older ones
            if (f.length == 3 && (f[1].equals("T") || f[1].equals("i")) && f[2].contains("@@")) {
                expected.put(f[2].substring(0, f[2].indexOf('@')), Long.parseUnsignedLong(f[0], 16));
            }
        }
        assertTrue(expected.size() > 1000, "nm gave " + expected.size());
        ElfFile elf = ElfFile.read(LIBC, null);
        for (var e : expected.entrySet()) assertEquals(e.getValue(), elf.function(e.getKey()), e.getKey());
        long write = elf.function("write");
        assertTrue(elf.fileOffset(write) > 0);
        assertTrue(elf.segments().stream().anyMatch(ElfFile.Segment::executable));
    }

    @Test
    void onlyTheWantedAreKept() {
        ElfFile elf = ElfFile.read(LIBC, Set.of("write"));
        assertTrue(elf.function("write") > 0);
        assertEquals(-1, elf.function("read"));
    }

    @Test
    void notElfIsEmpty(@TempDir Path dir) throws Exception {
        Path junk = Files.write(dir.resolve("junk"), "\u007fELF garbage that is cut short".getBytes(StandardCharsets.ISO_8859_1));
        assertSame(ElfFile.EMPTY, ElfFile.read(junk, null));
        assertSame(ElfFile.EMPTY, ElfFile.read(dir.resolve("missing"), null));
        assertFalse(ElfFile.EMPTY.fileOffset(0x1000) >= 0);
    }
}
