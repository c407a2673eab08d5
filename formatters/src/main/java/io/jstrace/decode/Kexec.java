package io.jstrace.decode;

import io.jstrace.syscalls.xlat.KexecArchValues;
import io.jstrace.syscalls.xlat.KexecLoadFlags;
import java.util.List;

/**
 * kexec_load(2) and kexec_file_load(2) (kernel/kexec.c, kernel/kexec_file.c), as strace 6.1
 * prints them (src/kexec.c).
 *
 * <p>kexec_load: its segments an array of {@code struct kexec_segment} (buf, bufsz, mem,
 * memsz; include/linux/kexec.h), or its address when there are more than the kernel takes
 * (KEXEC_SEGMENT_MAX, 16); its flags the image's architecture (the bits of
 * KEXEC_ARCH_MASK, 0xffff0000) and, when any other bit is set, {@code |} and those flags.
 *
 * <p>kexec_file_load: the command line is {@code cmdline_len} bytes, the length the kernel
 * copies (kimage_file_prepare_segments: copy_from_user of cmdline_len), printed as they
 * are, a NUL included, or as its address when they cannot all be read; the flags by name
 * (the catalogue's row).
 */
final class Kexec {
    private static final long KEXEC_SEGMENT_MAX = 16, KEXEC_ARCH_MASK = 0xffff0000L;
    private static final int SEGMENT_SIZE = 32;

    private Kexec() {}

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, Kexec::segments, 3, (c, i) -> flags(c.arg(i))), "kexec_load");
        r.add(SyscallDecoder.custom(3, (c, i) -> Strings.buffer(c, c.arg(i), c.arg(i - 1))), "kexec_file_load");
    }

    private static Value segments(Call c, int i) {
        long count = c.arg(i - 1);
        if (Long.compareUnsigned(count, KEXEC_SEGMENT_MAX) > 0) return new Value.Addr(c.arg(i));
        return TraceeArrays.array(c, c.arg(i), count, SEGMENT_SIZE, raw -> new Value.Struct(List.of(
                Value.field("buf", new Value.Addr(TraceeArrays.u64(raw, 0))),
                Value.field("bufsz", new Value.Num(TraceeArrays.u64(raw, 8), Value.Base.UNSIGNED)),
                Value.field("mem", new Value.Addr(TraceeArrays.u64(raw, 16))),
                Value.field("memsz", new Value.Num(TraceeArrays.u64(raw, 24), Value.Base.UNSIGNED))), false));
    }

    /** The architecture, then {@code |} and the other flags when there are any, in each -X style. */
    static Value flags(long raw) {
        Value arch = Numbers.named(KexecArchValues.XLAT, raw & KEXEC_ARCH_MASK, "KEXEC_ARCH_???");
        long rest = raw & ~KEXEC_ARCH_MASK;
        if (rest == 0) return arch;
        return Notes.joined(List.of(arch, Numbers.flags(KexecLoadFlags.XLAT, rest, "KEXEC_???")));
    }
}
