package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.UffdIoctlCmds.*;

import io.jstrace.syscalls.xlat.UffdApiFeatures;
import io.jstrace.syscalls.xlat.UffdCopyFlags;
import io.jstrace.syscalls.xlat.UffdApiIoctlBits;
import io.jstrace.syscalls.xlat.UffdRegisterIoctlBits;
import io.jstrace.syscalls.xlat.UffdRegisterModeFlags;
import io.jstrace.syscalls.xlat.UffdZeropageFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * userfaultfd ioctls (include/uapi/linux/userfaultfd.h, ioctl_userfaultfd(2)) as strace 6.1
 * prints them: what the caller asked, then what the kernel returned in the same braces (the
 * features it supports after {@code " => "} when they differ, the requests it allows as
 * {@code 1<<_UFFDIO_COPY} bits, the bytes copied or zeroed).
 */
final class UffdIoctls {
    private UffdIoctls() {}

    static IoctlArg of(long r) {
        if (r == UFFDIO_API) return IoctlArg.split((c, a) -> split(c, a, 24, UffdIoctls::api), 24);
        if (r == UFFDIO_REGISTER) return IoctlArg.split((c, a) -> split(c, a, 32, UffdIoctls::register), 32);
        if (r == UFFDIO_COPY) return IoctlArg.split((c, a) -> split(c, a, 40, UffdIoctls::copy), 40);
        if (r == UFFDIO_ZEROPAGE) return IoctlArg.split((c, a) -> split(c, a, 32, UffdIoctls::zeropage), 32);
        if (r == UFFDIO_UNREGISTER || r == UFFDIO_WAKE)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 16, s -> range(s, 0)));
        return null;
    }

    private interface Parts {
        List<Value.Field> of(RawStruct in, RawStruct out);
    }

    /** The struct as the caller passed it and, when the call succeeded, as the kernel left it. */
    private static Value split(Call c, long addr, int size, Parts parts) {
        if (addr == 0) return new Value.Addr(0);
        RawStruct in = RawStruct.atEntry(c, addr, size);
        if (in == null) return new Value.Addr(addr);
        return new Value.Struct(parts.of(in, c.succeeded() ? RawStruct.read(c, addr, size) : null), false);
    }

    /** {@code struct uffdio_api}: api, features asked {@code =>} features supported, ioctls. */
    private static List<Value.Field> api(RawStruct in, RawStruct out) {
        Value features = features(in.u64(8));
        if (out != null && out.u64(8) != in.u64(8))
            features = new Value.Changed(features, new Value.Prefixed("features=", features(out.u64(8))));
        List<Value.Field> f = new ArrayList<>(List.of(field("api", in.hex64(0)), field("features", features)));
        if (out != null) f.add(field("ioctls", Numbers.bitNumbers(UffdApiIoctlBits.XLAT, out.u64(16), "_UFFDIO_???")));
        return f;
    }

    /** {@code struct uffdio_register}: range, mode, and the requests the range allows. */
    private static List<Value.Field> register(RawStruct in, RawStruct out) {
        List<Value.Field> f = new ArrayList<>(List.of(field("range", new Value.Struct(range(in, 0), false)),
                field("mode", Numbers.flags(UffdRegisterModeFlags.XLAT, in.u64(16), "UFFDIO_REGISTER_MODE_???"))));
        if (out != null) f.add(field("ioctls", Numbers.bitNumbers(UffdRegisterIoctlBits.XLAT, out.u64(24), "UFFDIO_???")));
        return f;
    }

    /** {@code struct uffdio_copy}: dst, src, len, mode, and the bytes copied. */
    private static List<Value.Field> copy(RawStruct in, RawStruct out) {
        List<Value.Field> f = new ArrayList<>(List.of(field("dst", in.hex64(0)), field("src", in.hex64(8)),
                field("len", in.hex64(16)), field("mode", Numbers.flags(UffdCopyFlags.XLAT, in.u64(24), "UFFDIO_COPY_???"))));
        if (out != null) f.add(field("copy", out.hex64(32)));
        return f;
    }

    /** {@code struct uffdio_zeropage}: range, mode, and the bytes zeroed. */
    private static List<Value.Field> zeropage(RawStruct in, RawStruct out) {
        List<Value.Field> f = new ArrayList<>(List.of(field("range", new Value.Struct(range(in, 0), false)),
                field("mode", Numbers.flags(UffdZeropageFlags.XLAT, in.u64(16), "UFFDIO_ZEROPAGE_???"))));
        if (out != null) f.add(field("zeropage", out.hex64(24)));
        return f;
    }

    /** {@code struct uffdio_range}: start, len. */
    private static List<Value.Field> range(RawStruct s, int off) {
        return List.of(field("start", s.hex64(off)), field("len", s.hex64(off + 8)));
    }

    private static Value features(long v) {
        return Numbers.flags(UffdApiFeatures.XLAT, v, "UFFD_FEATURE_???");
    }
}
