package io.jstrace.decode;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Str;
import java.util.Arrays;

/**
 * The extended-attribute syscalls (fs/xattr.c, xattr(7)) as strace 6.1 prints them
 * (src/xattr.c): a value is {@code size} bytes, its trailing NUL not printed, or its address
 * when the size is beyond XATTR_SIZE_MAX (the kernel refuses it with E2BIG); the get calls
 * print the bytes the kernel returned. A name list of size 0 (the caller asks for the
 * size it needs) prints its address.
 */
final class Xattrs {
    /** include/uapi/linux/limits.h: the largest value the kernel accepts. */
    private static final long XATTR_SIZE_MAX = 65536;

    private Xattrs() {}

    /** set*xattr's value: {@code size} is the next argument. */
    static Value setValue(Call c, int i) {
        return value(c, c.arg(i), c.arg(i + 1));
    }

    /** get*xattr's value: the return value's bytes (a failed call's -1 is beyond the limit). */
    static Value getValue(Call c, int i) {
        return value(c, c.arg(i), c.succeeded() ? c.ret() : -1);
    }

    /** list*xattr's list: the NUL-separated names the kernel wrote, or the address. */
    static Value list(Call c, int i) {
        return c.arg(i + 1) == 0 ? new Addr(c.arg(i)) : Strings.readBuffer(c, i);
    }

    private static Value value(Call c, long addr, long size) {
        if (Long.compareUnsigned(size, XATTR_SIZE_MAX) > 0) return new Addr(addr);
        Value v = Strings.buffer(c, addr, size);
        if (!(v instanceof Str s) || s.bytes().length == 0 || s.bytes()[s.bytes().length - 1] != 0) return v;
        return new Str(Arrays.copyOf(s.bytes(), s.bytes().length - 1), s.truncated());
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, Xattrs::setValue), "setxattr", "lsetxattr", "fsetxattr");
        r.add(SyscallDecoder.custom(2, Xattrs::getValue), "getxattr", "lgetxattr", "fgetxattr");
        r.add(SyscallDecoder.custom(1, Xattrs::list), "listxattr", "llistxattr", "flistxattr");
    }
}
