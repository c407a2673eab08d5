package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** struct utsname (include/uapi/linux/utsname.h: six fields of 65 bytes), filled by the kernel. */
final class Uname {
    private static final int LEN = 65;
    private static final String[] FIELDS = {"sysname", "nodename", "release", "version", "machine", "domainname"};

    private Uname() {}

    /** strace prints sysname and nodename, then {@code ...}; every field with -v. */
    static Value utsname(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Value.Addr(0);
        if (!c.succeeded()) return new Value.Addr(addr);
        byte[] raw = c.memory().read(addr, LEN * FIELDS.length);
        if (raw == null) return new Value.Unreadable(addr);
        int shown = c.options().verbose() ? FIELDS.length : 2;
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < shown; k++) f.add(field(FIELDS[k], new Value.Str(cString(raw, k * LEN), false)));
        return new Value.Struct(f, shown < FIELDS.length);
    }

    private static byte[] cString(byte[] raw, int from) {
        int end = from;
        while (end < from + LEN - 1 && raw[end] != 0) end++;
        return Arrays.copyOfRange(raw, from, end);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, Verbosity.struct(Uname::utsname)), "uname");
    }
}
