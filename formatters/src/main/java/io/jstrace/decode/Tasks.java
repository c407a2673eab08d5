package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.KcmpTypes;
import io.jstrace.syscalls.xlat.UnshareFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-task odds and ends as strace 6.1 prints them: times' struct tms (src/times.c),
 * get_robust_list's pointers (src/get_robust_list.c), kcmp's type-dependent arguments
 * (src/kcmp.c), unshare's flags (src/clone.c) and sethostname's name (src/hostname.c).
 */
final class Tasks {
    /** __NEW_UTS_LEN (include/uapi/linux/utsname.h): longer names print as their address. */
    private static final long UTS_LEN = 64;
    private static final String[] TMS_FIELDS = {"tms_utime", "tms_stime", "tms_cutime", "tms_cstime"};

    private Tasks() {}

    /** times' tbuf: {@code {tms_utime=33 /* 0.33 s *\/, tms_stime=0, tms_cutime=0, tms_cstime=0}}. */
    static Value tms(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 32);
        if (raw == null) return new Value.Unreadable(addr);
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < TMS_FIELDS.length; k++) {
            f.add(field(TMS_FIELDS[k], Times.clockTicks(TraceeArrays.u64(raw, 8 * k))));
        }
        return new Value.Struct(f, false);
    }

    /** get_robust_list's head_ptr and get_robust_list's len_ptr: {@code [0x5616a8a3660]}, {@code [24]}; the address on failure. */
    static Value wordPtr(Call c, int i, boolean address) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        long v = TraceeArrays.u64(raw, 0);
        return new Value.Arr(List.of(address ? new Addr(v) : new Num(v, Base.UNSIGNED)), false);
    }

    /** kcmp's arguments after the type: two descriptors for KCMP_FILE, none for the other known types. */
    static int kcmpVisibleArgs(Call c) {
        long type = c.arg(2) & 0xffff_ffffL;
        boolean known = KcmpTypes.XLAT.name(type) != null;
        return known && type != KcmpTypes.KCMP_FILE && type != KcmpTypes.KCMP_EPOLL_TFD ? 3 : 5;
    }

    /**
     * kcmp's idx1 and idx2: descriptors for KCMP_FILE; for KCMP_EPOLL_TFD a descriptor and
     * its struct kcmp_epoll_slot; hex for an unknown type.
     */
    static Value kcmpIdx(Call c, int i) {
        long type = c.arg(2) & 0xffff_ffffL;
        if (type == KcmpTypes.KCMP_FILE || type == KcmpTypes.KCMP_EPOLL_TFD && i == 3) {
            return FileDecoders.descriptor(c, c.intArg(i));
        }
        if (type == KcmpTypes.KCMP_EPOLL_TFD) return epollSlot(c, c.arg(i), c.intArg(1));
        return Value.hex(c.arg(i));
    }

    /**
     * struct kcmp_epoll_slot (include/uapi/linux/kcmp.h: u32 efd, tfd, toff): the epoll
     * descriptor and target descriptor are pid2's, the offset unsigned.
     */
    private static Value epollSlot(Call c, long addr, int pid2) {
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, 12);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("efd", fdOf(c, pid2, TraceeArrays.s32(raw, 0))),
                field("tfd", fdOf(c, pid2, TraceeArrays.s32(raw, 4))),
                field("toff", new Num(TraceeArrays.s32(raw, 8) & 0xffff_ffffL, Base.UNSIGNED))), false);
    }

    private static Value fdOf(Call c, int pid, int fd) {
        return pid <= 0 ? Value.dec(fd) : FileDecoders.descriptorOf(c, c.host().process(pid), fd);
    }

    /** unshare's unshare_flags: the 64-bit word, the remainder included; no known flag prints it with CLONE_??? (src/clone.c). */
    static Value unshareFlags(Call c, int i) {
        return Numbers.flags(UnshareFlags.XLAT, c.arg(i), "CLONE_???");
    }

    /** UTS_NAME: the name as long as the length says, or the address past __NEW_UTS_LEN. */
    static Value utsName(Call c, int i) {
        long len = c.arg(i + 1) & 0xffff_ffffL;
        if (len > UTS_LEN) return new Addr(c.arg(i));
        return Strings.buffer(c, c.arg(i), len);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, Tasks::unshareFlags), "unshare");
        r.add(SyscallDecoder.custom(1, Verbosity.struct((c, i) -> wordPtr(c, i, true)),
                2, Verbosity.struct((c, i) -> wordPtr(c, i, false))), "get_robust_list");
        r.add(SyscallDecoder.custom(0, Verbosity.struct(Tasks::tms)), "times");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i >= 3 ? kcmpIdx(c, i) : SyscallDecoder.super.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return kcmpVisibleArgs(c);
            }
        }, "kcmp");
    }
}
