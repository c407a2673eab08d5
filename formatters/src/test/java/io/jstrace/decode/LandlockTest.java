package io.jstrace.decode;

import static io.jstrace.decode.FsioCalls.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** landlock_create_ruleset, landlock_add_rule and landlock_restrict_self; expected texts are strace 6.1's. */
class LandlockTest {
    private static final long A = 0x7fff_c7e4_6d9cL;
    private static final long EINVAL = -22, EFAULT = -14;

    @Test
    void rulesetAttrAndFlags() {
        FakeMemory m = new FakeMemory().putLongs(A, 6);
        assertEquals("{handled_access_fs=LANDLOCK_ACCESS_FS_WRITE_FILE|LANDLOCK_ACCESS_FS_READ_FILE}, 8, 0",
                args(Calls.of("landlock_create_ruleset").args(A, 8, 0).mem(m).exit(3)));
        assertEquals("{handled_access_fs=LANDLOCK_ACCESS_FS_WRITE_FILE|LANDLOCK_ACCESS_FS_READ_FILE}, 8, "
                + "0x8 /* LANDLOCK_CREATE_RULESET_??? */", args(Calls.of("landlock_create_ruleset").args(A, 8, 8).mem(m).exit(EINVAL)));
        assertEquals("NULL, 0, LANDLOCK_CREATE_RULESET_VERSION", args(Calls.of("landlock_create_ruleset").args(0, 0, 1).exit(7)));
        assertEquals("0x7fffc7e46d9c, 4, 0", args(Calls.of("landlock_create_ruleset").args(A, 4, 0).mem(m).exit(EINVAL)));
        assertEquals("0x8, 8, 0", args(Calls.of("landlock_create_ruleset").args(8, 8, 0).exit(EFAULT)));
        FakeMemory unknown = new FakeMemory().putLongs(A, 1L << 40);
        assertEquals("{handled_access_fs=0x10000000000 /* LANDLOCK_ACCESS_FS_??? */}, 8, 0",
                args(Calls.of("landlock_create_ruleset").args(A, 8, 0).mem(unknown).exit(EINVAL)));
    }

    @Test
    void addRulePathBeneath() {
        FakeMemory m = new FakeMemory().putLongs(A, 4).putInts(A + 8, 4);
        assertEquals("3, LANDLOCK_RULE_PATH_BENEATH, {allowed_access=LANDLOCK_ACCESS_FS_READ_FILE, parent_fd=4}, 0",
                args(Calls.of("landlock_add_rule").args(3, 1, A, 0).mem(m).exit(0)));
        assertEquals("3, 0x63 /* LANDLOCK_RULE_??? */, 0x7fffc7e46d9c, 0",
                args(Calls.of("landlock_add_rule").args(3, 99, A, 0).mem(m).exit(EINVAL)));
        assertEquals("3, LANDLOCK_RULE_PATH_BENEATH, NULL, 0x1", args(Calls.of("landlock_add_rule").args(3, 1, 0, 1).exit(EINVAL)));
        FakeMemory half = new FakeMemory().putLongs(A, 4);
        assertEquals("3, LANDLOCK_RULE_PATH_BENEATH, 0x7fffc7e46d9c, 0",
                args(Calls.of("landlock_add_rule").args(3, 1, A, 0).mem(half).exit(EFAULT)));
    }

    /** With LANDLOCK_CREATE_RULESET_VERSION the result is the ABI version, a number even under -y; else the row's descriptor. */
    @Test
    void theVersionIsANumberARulesetADescriptor() {
        assertEquals("7", Calls.render(Formatters.returnValue(Calls.of("landlock_create_ruleset").args(0, 0, 1).exit(7))));
        assertEquals("7", Calls.render(Formatters.returnValue(
                Calls.of("landlock_create_ruleset").args(0, 0, 0xbadfacedL).exit(7))));
        assertNull(Formatters.returnValue(Calls.of("landlock_create_ruleset").args(A, 8, 0).exit(7)));
    }
}
