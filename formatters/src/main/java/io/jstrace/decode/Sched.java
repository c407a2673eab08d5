package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.Phase;
import io.jstrace.syscalls.xlat.SchedFlags;
import io.jstrace.syscalls.xlat.SchedPolicies;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's structures as strace 6.1 prints them (src/sched.c, src/affinity.c,
 * src/getcpu.c): struct sched_param as {@code [0]}, CPU masks as {@code [0 1]}, struct
 * sched_attr, getcpu's {@code [0]}, and sched_getscheduler's policy after its number.
 */
final class Sched {
    /** SCHED_ATTR_SIZE_VER0: the fields up to sched_period (include/uapi/linux/sched/types.h). */
    private static final int ATTR_VER0 = 48;
    /** sizeof(struct sched_attr) with sched_util_min and sched_util_max (SCHED_ATTR_SIZE_VER1). */
    private static final int ATTR_SIZE = 56;
    /** The most mask bytes read: 8192 CPUs, beyond any kernel's NR_CPUS default. */
    private static final int MAX_MASK = 1024;
    private static final int E2BIG = 7;

    private Sched() {}

    /** SCHED_PARAM and sched_getparam's param: {@code [sched_priority]}. */
    static Value param(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (c.spec(i).phase() == Phase.EXIT && TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Value.dec(TraceeArrays.s32(raw, 0))), false);
    }

    /**
     * sched_getaffinity's mask (as many bytes as the kernel returned) and sched_setaffinity's
     * (the length argument): the set CPUs' numbers, {@code [0 1]}.
     */
    static Value cpuSet(Call c, int i) {
        long addr = c.arg(i);
        boolean atExit = c.spec(i).phase() == Phase.EXIT;
        if (atExit && TraceeArrays.exitFailed(c)) return new Addr(addr);
        return cpuList(c, addr, atExit ? c.ret() : c.arg(i - 1) & 0xffff_ffffL);
    }

    /** A CPU mask of {@code len} bytes at {@code addr} (strace's print_affinitylist): the set CPUs' numbers, {@code [0 1]}. */
    static Value cpuList(Call c, long addr, long len) {
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, (int) Math.min(len, MAX_MASK));
        if (raw == null) return new Value.Unreadable(addr);
        StringBuilder b = new StringBuilder("[");
        for (int bit = 0; bit < raw.length * 8; bit++) {
            if ((raw[bit >> 3] & 1 << (bit & 7)) == 0) continue;
            if (b.length() > 1) b.append(' ');
            b.append(bit);
        }
        return new Value.Text(b.append(']').toString());
    }

    /**
     * sched_setattr's attr: what the tracee passed, read up to its own {@code size} (48 when 0), and
     * {@code ...} when that is more than strace's struct holds.
     */
    static Value attrIn(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        byte[] head = c.memory().read(addr, 4);
        if (head == null) return new Value.Unreadable(addr);
        long usize = TraceeArrays.s32(head, 0) & 0xffff_ffffL;
        if (usize == 0) usize = ATTR_VER0;
        int size = (int) Math.min(usize, ATTR_SIZE);
        byte[] raw = size >= ATTR_VER0 ? c.memory().read(addr, size) : head;
        if (raw == null) return new Value.Unreadable(addr);
        return attr(raw, size, usize > size, true);
    }

    /** sched_getattr's attr: what the kernel wrote, as long as the {@code size} it put there. */
    static Value attrOut(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        int usize = (int) Math.min(c.arg(i + 1) & 0xffff_ffffL, ATTR_SIZE);
        byte[] raw = c.memory().read(addr, usize);
        if (raw == null || usize < 4) return new Value.Unreadable(addr);
        long written = TraceeArrays.s32(raw, 0) & 0xffff_ffffL;
        return attr(raw, (int) Math.min(written, usize), written > usize, false);
    }

    /**
     * struct sched_attr as strace 6.1 prints it (src/sched.c print_sched_attr): what
     * sched_setattr passes leaves out the policy and the parameters its flags say the kernel
     * keeps (SCHED_FLAG_KEEP_POLICY, SCHED_FLAG_KEEP_PARAMS); the utilization clamps only
     * in a struct as large as theirs (SCHED_ATTR_SIZE_VER1).
     */
    private static Value attr(byte[] raw, int size, boolean more, boolean set) {
        List<Value.Field> f = new ArrayList<>();
        f.add(field("size", new Num(TraceeArrays.s32(raw, 0) & 0xffff_ffffL, Base.UNSIGNED)));
        if (size >= ATTR_VER0) {
            int policy = TraceeArrays.s32(raw, 4);
            long flags = TraceeArrays.u64(raw, 8);
            boolean keepParams = set && (flags & SchedFlags.SCHED_FLAG_KEEP_PARAMS) != 0;
            if (!set || policy < 0 || (flags & (SchedFlags.SCHED_FLAG_KEEP_POLICY | SchedFlags.SCHED_FLAG_KEEP_PARAMS)) == 0) {
                f.add(field("sched_policy", Numbers.named(SchedPolicies.XLAT, policy & 0xffff_ffffL, "SCHED_???")));
            }
            f.add(field("sched_flags", Numbers.flags(SchedFlags.XLAT, flags, "SCHED_FLAG_???")));
            if (!keepParams) {
                f.add(field("sched_nice", Value.dec(TraceeArrays.s32(raw, 16))));
                f.add(field("sched_priority", u32(raw, 20)));
                f.add(field("sched_runtime", new Num(TraceeArrays.u64(raw, 24), Base.UNSIGNED)));
                f.add(field("sched_deadline", new Num(TraceeArrays.u64(raw, 32), Base.UNSIGNED)));
                f.add(field("sched_period", new Num(TraceeArrays.u64(raw, 40), Base.UNSIGNED)));
            }
        }
        if (size >= ATTR_SIZE) {
            f.add(field("sched_util_min", u32(raw, 48)));
            f.add(field("sched_util_max", u32(raw, 52)));
        }
        return new Value.Struct(f, more);
    }

    private static Value u32(byte[] raw, int off) {
        return new Num(TraceeArrays.s32(raw, off) & 0xffff_ffffL, Base.UNSIGNED);
    }

    /** sched_setattr's {@code  => {size=56}}: the size the kernel wrote back when it said E2BIG. */
    static Value setattrWriteBack(Call c) {
        if (c.exit() == null || c.ret() != -E2BIG || c.arg(1) == 0) return null;
        byte[] raw = c.memory().read(c.arg(1), 4);
        if (raw == null) return null;
        return new Value.Struct(List.of(field("size", new Num(TraceeArrays.s32(raw, 0) & 0xffff_ffffL, Base.UNSIGNED))),
                false);
    }

    /** POST_UINT_PTR: getcpu's {@code [0]}; the address when the call failed. */
    static Value uintPtr(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(u32(raw, 0)), false);
    }

    /** sched_getscheduler's result: {@code 0 (SCHED_OTHER)}; a policy without a name prints alone. */
    static Value getschedulerReturn(Call c) {
        String name = SchedPolicies.XLAT.name(c.ret());
        if (name == null) return null;
        return Notes.noted(Value.dec(c.ret()), new Value.Sym(c.ret(), name));
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, Verbosity.struct(Sched::cpuSet)), "sched_getaffinity", "sched_setaffinity");
        r.add(SyscallDecoder.custom(1, Verbosity.struct(Sched::param)), "sched_getparam");
        r.add(SyscallDecoder.custom(1, Verbosity.struct(Sched::attrOut)), "sched_getattr");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i == 1 ? Verbosity.struct(c, i, attrIn(c, i)) : SyscallDecoder.super.arg(c, i);
            }

            @Override
            public int entryArgs(Call c, int visible) {
                return Math.min(2, visible);
            }

            @Override
            public boolean separatorAtExit(Call c) {
                return true;
            }

            @Override
            public Value writeBack(Call c) {
                return setattrWriteBack(c);
            }
        }, "sched_setattr");
        r.add(new SyscallDecoder() {
            @Override
            public Value returnValue(Call c) {
                return getschedulerReturn(c);
            }
        }, "sched_getscheduler");
    }
}
