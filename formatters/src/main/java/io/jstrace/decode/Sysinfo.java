package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import java.util.ArrayList;
import java.util.List;

/**
 * struct sysinfo (include/uapi/linux/sysinfo.h, 64-bit longs) as strace 6.1 prints it
 * (src/sysinfo.c), in full: {@code {uptime=9714, loads=[107616, 92704, 81344], ...,
 * procs=84, totalhigh=0, freehigh=0, mem_unit=1}}.
 */
final class Sysinfo {
    /** long uptime, unsigned long loads[3], six unsigned longs, u16 procs (padded), two more, u32 mem_unit. */
    private static final int SYSINFO_SIZE = 112;
    private static final String[] MEMORY = {"totalram", "freeram", "sharedram", "bufferram", "totalswap", "freeswap"};

    private Sysinfo() {}

    static Value sysinfo(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, SYSINFO_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        List<Field> f = new ArrayList<>();
        f.add(field("uptime", Value.dec(TraceeArrays.u64(raw, 0))));
        f.add(field("loads", new Value.Arr(List.of(u(raw, 8), u(raw, 16), u(raw, 24)), false)));
        for (int k = 0; k < MEMORY.length; k++) f.add(field(MEMORY[k], u(raw, 32 + 8 * k)));
        f.add(field("procs", new Num((raw[80] & 0xff) | (raw[81] & 0xff) << 8, Base.UNSIGNED)));
        f.add(field("totalhigh", u(raw, 88)));
        f.add(field("freehigh", u(raw, 96)));
        f.add(field("mem_unit", new Num(TraceeArrays.s32(raw, 104) & 0xffff_ffffL, Base.UNSIGNED)));
        return new Value.Struct(f, false);
    }

    private static Value u(byte[] raw, int off) {
        return new Num(TraceeArrays.u64(raw, off), Base.UNSIGNED);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, Verbosity.struct(Sysinfo::sysinfo)), "sysinfo");
    }
}
