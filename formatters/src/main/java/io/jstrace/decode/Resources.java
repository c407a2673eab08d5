package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * struct rlimit, struct rusage and pipe's descriptor pair, as strace 6.1 prints them
 * (src/resource.c, src/pipe.c, src/util.c printpair_fd).
 */
final class Resources {
    /** struct rusage: two timevals and fourteen longs (include/uapi/linux/resource.h). */
    private static final int RUSAGE_SIZE = 2 * 16 + 14 * 8;
    private static final String[] RUSAGE_LONGS = {"ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt",
        "ru_majflt", "ru_nswap", "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv", "ru_nsignals", "ru_nvcsw",
        "ru_nivcsw"};

    private Resources() {}

    /**
     * RLIMIT, POST_RLIMIT: {@code {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}}. x86_64's
     * getrlimit and prlimit64 both use the 64-bit struct, and strace names its infinity
     * RLIM64_INFINITY for both.
     */
    static Value rlimit(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (c.spec(i).phase() == Phase.EXIT && TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 16);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("rlim_cur", limit(TraceeArrays.u64(raw, 0))),
                field("rlim_max", limit(TraceeArrays.u64(raw, 8)))), false);
    }

    /** strace's print_rlim64_t: RLIM64_INFINITY, {@code N*1024} for multiples above 1024, else unsigned. */
    static Value limit(long v) {
        if (v == -1L) return new Value.Sym(v, "RLIM64_INFINITY", Value.Base.UNSIGNED);
        if (Long.compareUnsigned(v, 1024) > 0 && (v & 1023) == 0) {
            Value shown = new Value.Text(Long.toUnsignedString(v >>> 10) + "*1024");
            return new Value.Decoded(new Num(v, Base.UNSIGNED), shown);
        }
        return new Num(v, Base.UNSIGNED);
    }

    /**
     * RUSAGE: {@code {ru_utime={tv_sec=0, tv_usec=1234}, ru_stime={...}, ...}}; every
     * member with -v.
     */
    static Value rusage(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (c.spec(i).phase() == Phase.EXIT && TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, RUSAGE_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        List<Value.Field> f = new ArrayList<>();
        f.add(field("ru_utime", Times.timevalStruct(raw, 0)));
        f.add(field("ru_stime", Times.timevalStruct(raw, 16)));
        if (!c.options().verbose()) return new Value.Struct(f, true);
        for (int k = 0; k < RUSAGE_LONGS.length; k++) {
            f.add(field(RUSAGE_LONGS[k], new Num(TraceeArrays.u64(raw, 32 + 8 * k), Base.UNSIGNED)));
        }
        return new Value.Struct(f, false);
    }

    /** PIPE_FDS: the kernel-filled {@code int[2]} of pipe, pipe2 and socketpair: {@code [3, 4]}. */
    static Value pipeFds(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(FileDecoders.descriptor(c, TraceeArrays.s32(raw, 0)), FileDecoders.descriptor(c, TraceeArrays.s32(raw, 4))),
                false);
    }
}
