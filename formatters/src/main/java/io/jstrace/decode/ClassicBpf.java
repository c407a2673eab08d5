package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.BpfClass;
import io.jstrace.syscalls.xlat.BpfMiscop;
import io.jstrace.syscalls.xlat.BpfMode;
import io.jstrace.syscalls.xlat.BpfOpAlu;
import io.jstrace.syscalls.xlat.BpfOpJmp;
import io.jstrace.syscalls.xlat.BpfRval;
import io.jstrace.syscalls.xlat.BpfSize;
import io.jstrace.syscalls.xlat.BpfSrc;
import io.jstrace.syscalls.xlat.SeccompRetActions;
import io.jstrace.syscalls.xlat.SkfAd;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic BPF programs, {@code struct sock_fprog} and its {@code struct sock_filter}
 * instructions (include/uapi/linux/filter.h), as strace 6.1 prints them (src/bpf_filter.c,
 * src/bpf_seccomp_filter.c, src/bpf_sock_filter.c), for seccomp filters and socket filters:
 * {@code {len=2, filter=[BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0), BPF_STMT(BPF_RET|BPF_K,
 * SECCOMP_RET_ALLOW)]}} under {@code -v}, the instructions' address otherwise. An instruction that jumps prints as {@code BPF_JUMP(code, k, jt, jf)}.
 */
final class ClassicBpf {
    /** BPF_MAXINSNS (include/uapi/linux/bpf_common.h): the longest program the kernel loads. */
    private static final int BPF_MAXINSNS = 4096;
    /** sizeof(struct sock_filter): u16 code, u8 jt, u8 jf, u32 k. */
    private static final int INSN_SIZE = 8;
    /** The bits of an instruction's code each part is in (include/uapi/linux/bpf_common.h, filter.h). */
    private static final int CLASS = 0x07, SIZE = 0x18, MODE = 0xe0, OP = 0xf0, SRC = 0x08, RVAL = 0x18, MISCOP = 0xf8;

    /** How a program's user prints the constant k of a statement; {@code null} for plain hex. */
    @FunctionalInterface
    interface Constant {
        Value decode(int code, long k);
    }

    private ClassicBpf() {}

    /** A seccomp filter (kernel/seccomp.c): its return instructions' k is an action and its data. */
    static Value seccompFprog(Call c, long addr) {
        return fprog(c, addr, ClassicBpf::seccompAction);
    }

    /** A socket filter (SO_ATTACH_FILTER): loads at the SKF_* offsets name what they load. */
    static Value socketFprog(Call c, long addr) {
        return fprog(c, addr, ClassicBpf::socketOffset);
    }

    /** The {@code len} instructions of a socket's filter SO_GET_FILTER copied out: their address without {@code -v}. */
    static Value socketProgram(Call c, long addr, int len) {
        return c.options().verbose() ? program(c, addr, len, ClassicBpf::socketOffset) : new Addr(addr);
    }

    /** {@code struct sock_fprog}: the address under {@code -e verbose=none} or when unreadable. */
    static Value fprog(Call c, long addr, Constant k) {
        if (addr == 0 || !c.structs()) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 16);
        if (raw == null) return new Value.Unreadable(addr);
        int len = u16(raw, 0);
        long filter = TraceeArrays.u64(raw, 8);
        Value program = c.options().verbose() ? program(c, filter, len, k) : new Addr(filter);
        return new Value.Struct(List.of(field("len", new Num(len, Base.UNSIGNED)), field("filter", program)), false);
    }

    /** The instructions, at most BPF_MAXINSNS of them and then {@code ...}. */
    private static Value program(Call c, long addr, int len, Constant k) {
        Value v = TraceeArrays.array(c, addr, Math.min(len, BPF_MAXINSNS + 1), INSN_SIZE, raw -> insn(raw, k));
        if (v instanceof Value.Arr a && a.items().size() > BPF_MAXINSNS) {
            return new Value.Arr(a.items().subList(0, BPF_MAXINSNS), true);
        }
        return v;
    }

    private static Value insn(byte[] raw, Constant k) {
        int code = u16(raw, 0), jt = raw[2] & 0xff, jf = raw[3] & 0xff;
        long kv = TraceeArrays.s32(raw, 4) & 0xffff_ffffL;
        if (jt != 0 || jf != 0) {
            return new Value.Fn("BPF_JUMP", List.of(code(code), Value.hex(kv), Value.hex(jt), Value.hex(jf)), false);
        }
        Value constant = k == null ? null : k.decode(code, kv);
        return new Value.Fn("BPF_STMT", List.of(code(code), constant != null ? constant : Value.hex(kv)), false);
    }

    /** An instruction's code, its parts by name as its class has them: {@code BPF_JMP|BPF_K|BPF_JEQ}. */
    static Value code(int code) {
        int cls = code & CLASS;
        List<Value> parts = new ArrayList<>();
        parts.add(named(BpfClass.XLAT, cls));
        int rest = code & ~CLASS;
        if (cls == BpfClass.BPF_LD || cls == BpfClass.BPF_LDX) {
            parts.add(named(BpfSize.XLAT, code & SIZE));
            parts.add(named(BpfMode.XLAT, code & MODE));
            rest = 0;
        } else if (cls == BpfClass.BPF_ALU || cls == BpfClass.BPF_JMP) {
            parts.add(named(BpfSrc.XLAT, code & SRC));
            parts.add(named(cls == BpfClass.BPF_ALU ? BpfOpAlu.XLAT : BpfOpJmp.XLAT, code & OP));
            rest = 0;
        } else if (cls == BpfClass.BPF_MISC) {
            parts.add(named(BpfMiscop.XLAT, code & MISCOP));
            rest &= ~MISCOP;
        } else if (cls == BpfClass.BPF_RET) {
            parts.add(named(BpfRval.XLAT, code & RVAL));
            rest &= ~RVAL;
        }
        // bits no part names, with the comment strace prints under every -X style
        if (rest != 0) parts.add(new Value.Text("0x" + Integer.toHexString(rest) + " /* BPF_??? */"));
        return Notes.joined(parts);
    }

    private static Value named(Xlat table, long v) {
        return Numbers.named(table, v, "BPF_???");
    }

    /** A seccomp return instruction's k: the action and its data, {@code SECCOMP_RET_ERRNO|0x10}. */
    private static Value seccompAction(int code, long k) {
        if ((code & CLASS) != BpfClass.BPF_RET) return null;
        long action = k & SeccompRetActions.SECCOMP_RET_ACTION_FULL, data = k & ~action;
        Value named = Numbers.named(SeccompRetActions.XLAT, action, "SECCOMP_RET_???");
        return data == 0 ? named : Notes.joined(List.of(named, Value.hex(data)));
    }

    /**
     * An absolute load's k at or above one of the negative offsets (net/core/filter.c
     * bpf_internal_load_pointer_neg_helper): {@code SKF_AD_OFF+SKF_AD_PROTOCOL},
     * {@code SKF_NET_OFF+8}, {@code SKF_LL_OFF+4}.
     */
    private static Value socketOffset(int code, long k) {
        if ((code & CLASS) != BpfClass.BPF_LD || (code & MODE) != BpfMode.BPF_ABS) return null;
        long ad = SkfAd.SKF_AD_OFF & 0xffff_ffffL, net = SkfAd.SKF_NET_OFF & 0xffff_ffffL;
        long ll = SkfAd.SKF_LL_OFF & 0xffff_ffffL;
        if (k >= ad) return offset(ad, "SKF_AD_OFF", Numbers.named(SkfAd.XLAT, k - ad, "SKF_AD_???"));
        if (k >= net) return offset(net, "SKF_NET_OFF", new Num(k - net, Base.UNSIGNED));
        if (k >= ll) return offset(ll, "SKF_LL_OFF", new Num(k - ll, Base.UNSIGNED));
        return null;
    }

    private static Value offset(long base, String name, Value rest) {
        return Notes.joined("+", List.of(new Value.Sym(base, name), rest));
    }

    private static int u16(byte[] raw, int off) {
        return (raw[off] & 0xff) | (raw[off + 1] & 0xff) << 8;
    }
}
