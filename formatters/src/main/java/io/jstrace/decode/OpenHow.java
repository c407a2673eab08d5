package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.xlat.ResolveFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * openat2's {@code struct open_how} (include/uapi/linux/openat2.h: u64 flags, u64 mode,
 * u64 resolve), as strace 6.1 prints it (src/open.c):
 * {@code {flags=O_RDWR|O_CREAT, mode=0600, resolve=0}}, the mode only when the flags
 * create a file or it is not 0; the address when the size argument is below the first
 * version's 24 bytes. The struct is extensible: bytes past the 24 this version knows
 * print in hex when any is not 0, {@code /* bytes 24..39 *\/ "\x34\x12..."} (the kernel
 * then fails with E2BIG), at most -s of them and a page in all.
 */
final class OpenHow {
    private static final int OPEN_HOW_SIZE_VER0 = 24;
    private static final long O_CREAT = 0100, O_TMPFILE = 020000000;

    private OpenHow() {}

    static Value openHow(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (Long.compareUnsigned(c.arg(i + 1), OPEN_HOW_SIZE_VER0) < 0) return new Addr(addr);
        byte[] raw = c.memory().read(addr, OPEN_HOW_SIZE_VER0);
        if (raw == null) return new Value.Unreadable(addr);
        long flags = TraceeArrays.u64(raw, 0), mode = TraceeArrays.u64(raw, 8);
        List<Field> f = new ArrayList<>();
        f.add(field("flags", FileDecoders.openFlagBits(c, flags)));
        if ((flags & (O_CREAT | O_TMPFILE)) != 0 || mode != 0) f.add(field("mode", new Value.Text(FileDecoders.mode(mode))));
        f.add(field("resolve", Numbers.flags(ResolveFlags.XLAT, TraceeArrays.u64(raw, 16), "RESOLVE_???")));
        Value tail = TraceeArrays.nonzeroTail(c, addr, c.arg(i + 1), OPEN_HOW_SIZE_VER0);
        if (tail != null) f.add(field("", tail));
        return new Value.Struct(f, false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, Verbosity.struct(OpenHow::openHow)), "openat2");
    }
}
