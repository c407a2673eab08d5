package io.jstrace.format;

import io.jstrace.syscalls.xlat.MmapFlags;
import io.jstrace.syscalls.xlat.MmapProt;
import io.jstrace.syscalls.xlat.MmapType;
import java.util.ArrayList;
import java.util.List;

/** mmap-family arguments (include/uapi/asm-generic/mman-common.h, linux/mman.h). */
final class Memory {
    /** MAP_TYPE: the sharing type is a value, not a flag. */
    private static final long MAP_TYPE = 0x0f;

    private Memory() {}

    static Value prot(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        return v == 0 ? new Value.Sym(0, "PROT_NONE") : Numbers.flags(MmapProt.XLAT, v, "PROT_???");
    }

    /** The sharing type by value, then the MAP_* flags: MAP_PRIVATE|MAP_ANONYMOUS. */
    static Value mapFlags(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        List<String> names = new ArrayList<>();
        String type = MmapType.XLAT.name(v & MAP_TYPE);
        long rest = v;
        if (type != null) {
            names.add(type);
            rest &= ~MAP_TYPE;
        }
        var d = MmapFlags.XLAT.decompose(rest);
        if (rest != 0) names.addAll(d.names());
        return new Value.Flags(v, names, rest == 0 ? 0 : d.remainder());
    }
}
