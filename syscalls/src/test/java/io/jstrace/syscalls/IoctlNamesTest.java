package io.jstrace.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** The ioctl request table: lookups, and the committed table is what tools/IoctlGen.java makes. */
class IoctlNamesTest {
    static final Path TABLE = Path.of("syscalls/src/main/resources/io/jstrace/syscalls/ioctls.tsv");

    @Test
    void namesFromTheHeaders() {
        assertEquals("TCGETS", IoctlNames.name(0x5401));
        assertEquals("KDGETLED", IoctlNames.name(0x4b31)); // a literal in linux/kd.h
        assertEquals("EVIOCGVERSION", IoctlNames.name(0x80044501L)); // _IOR('E', 0x01, int)
        assertNull(IoctlNames.name(0xc0186201L));
    }

    @Test
    void everyNameOfAValueInNameOrder() {
        assertEquals("SNDCTL_TMR_START or TCSETS", IoctlNames.name(0x5402));
        assertEquals("HIDIOCGRDESCSIZE or HIDIOCGVERSION", IoctlNames.name(0x80044801L));
    }

    @Test
    void onlyTheLow32BitsAreTheRequest() {
        assertEquals("TCGETS", IoctlNames.name(0xffff_ffff_0000_5401L));
    }

    @Test
    @EnabledIf("io.jstrace.syscalls.GeneratedXlatFreshTest#toolchainPresent")
    void committedTableMatchesTheGenerator(@TempDir Path tmp) throws Exception {
        Path root = GeneratedXlatFreshTest.projectRoot();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = tmp.resolve("ioctls.tsv");
        Process p = new ProcessBuilder(java, "tools/IoctlGen.java", out.toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "IoctlGen did not finish");
        assertEquals(0, p.exitValue(), "IoctlGen failed:\n" + log);
        String diff = GeneratedXlatFreshTest.firstDifference(Files.readString(out), Files.readString(root.resolve(TABLE)));
        assertNull(diff, () -> "ioctls.tsv is stale (run java tools/IoctlGen.java): " + diff);
    }
}
