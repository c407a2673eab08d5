package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.syscalls.xlat.LandlockAccessFs;
import io.jstrace.syscalls.xlat.LandlockRuleTypes;
import io.jstrace.syscalls.xlat.LandlockRulesetFlags;
import java.util.List;

/**
 * Landlock's ruleset and rule attributes (include/uapi/linux/landlock.h), as strace 6.1
 * prints them (src/landlock.c).
 */
final class Landlock {
    /** sizeof(struct landlock_ruleset_attr) as strace 6.1 knows it: handled_access_fs only. */
    private static final int RULESET_ATTR_SIZE = 8;
    /** sizeof(struct landlock_path_beneath_attr), which is packed: a u64 and an s32. */
    private static final int PATH_BENEATH_SIZE = 12;

    private Landlock() {}

    /**
     * landlock_create_ruleset's attr: {@code {handled_access_fs=...}} when the size (next)
     * covers it, followed by {@code ...} when the size says there is more.
     */
    static Value rulesetAttr(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0 || Long.compareUnsigned(c.arg(i + 1), RULESET_ATTR_SIZE) < 0) return new Addr(addr);
        byte[] raw = c.memory().read(addr, RULESET_ATTR_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        boolean more = Long.compareUnsigned(c.arg(i + 1), RULESET_ATTR_SIZE) > 0; // a newer kernel's fields: "..."
        return new Value.Struct(List.of(field("handled_access_fs", access(TraceeArrays.u64(raw, 0)))), more);
    }

    /** landlock_add_rule's rule_type: {@code LANDLOCK_RULE_PATH_BENEATH}, unknown ones in hex. */
    static Value ruleType(Call c, int i) {
        return Numbers.named(LandlockRuleTypes.XLAT, c.arg(i) & 0xffff_ffffL, "LANDLOCK_RULE_???");
    }

    /** landlock_add_rule's rule_attr: the path-beneath rule; other rule types print the address. */
    static Value ruleAttr(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0 || (c.arg(i - 1) & 0xffff_ffffL) != LandlockRuleTypes.LANDLOCK_RULE_PATH_BENEATH) {
            return new Addr(addr);
        }
        byte[] raw = c.memory().read(addr, PATH_BENEATH_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("allowed_access", access(TraceeArrays.u64(raw, 0))),
                field("parent_fd", FileDecoders.descriptor(c, TraceeArrays.s32(raw, 8)))), false);
    }

    private static Value access(long v) {
        return Numbers.flags(LandlockAccessFs.XLAT, v, "LANDLOCK_ACCESS_FS_???");
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i == 0 ? rulesetAttr(c, i) : SyscallDecoder.super.arg(c, i);
            }

            /**
             * With LANDLOCK_CREATE_RULESET_VERSION the call returns the ABI version, not a
             * descriptor (security/landlock/syscalls.c): a number even under -y, as strace
             * prints it (src/landlock.c: RVAL_FD only without the flag).
             */
            @Override
            public Value returnValue(Call c) {
                boolean version = (c.arg(2) & LandlockRulesetFlags.LANDLOCK_CREATE_RULESET_VERSION) != 0;
                return version ? Value.dec(c.ret()) : null;
            }
        }, "landlock_create_ruleset");
        r.add(SyscallDecoder.custom(1, Landlock::ruleType, 2, Landlock::ruleAttr), "landlock_add_rule");
    }
}
