package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.core.PidType;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.Phase;
import io.jstrace.syscalls.xlat.CapVersions;
import io.jstrace.syscalls.xlat.Capabilities;
import java.util.ArrayList;
import java.util.List;

/**
 * Credentials as strace 6.1 prints them (src/uid.c, src/capability.c): ids as unsigned
 * decimals with {@code -1} for "unchanged", getresuid's {@code [0]}, the supplementary
 * group arrays, and capget/capset's header and three capability masks.
 */
final class Creds {
    /** NGROUPS_MAX (include/uapi/linux/limits.h): longer group lists print as their address. */
    private static final long NGROUPS_MAX = 65536;
    /** struct __user_cap_data_struct: effective, permitted, inheritable, 32 bits each. */
    private static final int CAP_DATA_SIZE = 12;

    private Creds() {}

    /** strace's printuid: {@code (uid_t) -1} prints as {@code -1}, any other id unsigned. */
    static Value id(long raw) {
        long v = raw & 0xffff_ffffL;
        return v == 0xffff_ffffL ? Value.dec(-1) : new Num(v, Base.UNSIGNED);
    }

    /** UID. */
    static Value uid(Call c, int i) {
        return id(c.arg(i));
    }

    /** POST_ID_PTR: getresuid/getresgid's {@code [0]}; the address when the call failed. */
    static Value idPtr(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(id(TraceeArrays.s32(raw, 0))), false);
    }

    /**
     * setgroups' grouplist and getgroups' grouplist: {@code [0, 4, 100000]}. setgroups' count is its first
     * argument, getgroups' the number the kernel returned; a count above NGROUPS_MAX (a
     * failed getgroups among them) prints the address (kernel/groups.c).
     */
    static Value gidList(Call c, int i) {
        boolean atExit = c.spec(i).phase() == Phase.EXIT;
        long count = atExit ? c.ret() : c.arg(i - 1);
        count &= 0xffff_ffffL;
        long addr = c.arg(i);
        if (atExit && TraceeArrays.exitFailed(c) || count > NGROUPS_MAX) return new Addr(addr);
        return TraceeArrays.array(c, addr, count, 4, raw -> id(TraceeArrays.s32(raw, 0)));
    }

    /**
     * CAP_USER_HEADER: {@code {version=_LINUX_CAPABILITY_VERSION_3, pid=0}}; the address
     * without {@code -e verbose}, or when unreadable.
     */
    static Value capHeader(Call c, int i) {
        long addr = c.arg(i);
        byte[] raw = header(c, addr);
        if (raw == null) return addr == 0 || !c.structs() ? new Addr(addr) : new Value.Unreadable(addr);
        long version = TraceeArrays.s32(raw, 0) & 0xffff_ffffL;
        return new Value.Struct(List.of(
                field("version", Numbers.named(CapVersions.XLAT, version, "_LINUX_CAPABILITY_VERSION_???")),
                field("pid", Pids.pid(c, TraceeArrays.s32(raw, 4), PidType.TGID))), false);
    }

    private static byte[] header(Call c, long addr) {
        return addr == 0 || !c.structs() ? null : c.memory().read(addr, 8);
    }

    /**
     * capset's data and capget's dataptr: {@code {effective=1<<CAP_CHOWN|..., permitted=...,
     * inheritable=0}}. The header says how many 32-bit words each mask has: one for
     * version 1, two for versions 2 and 3; an unknown version, an unreadable header or a
     * failed capget leaves the address. capget's header is read again at exit, as strace does.
     */
    static Value capData(Call c, int i) {
        long addr = c.arg(i);
        boolean atExit = c.spec(i).phase() == Phase.EXIT;
        byte[] hdr = atExit && TraceeArrays.exitFailed(c) ? null : header(c, c.arg(0));
        if (addr == 0 || hdr == null) return new Addr(addr);
        int words = words(TraceeArrays.s32(hdr, 0) & 0xffff_ffffL);
        if (words == 0) return new Addr(addr);
        byte[] raw = c.memory().read(addr, words * CAP_DATA_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        String[] names = {"effective", "permitted", "inheritable"};
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            long lo = TraceeArrays.s32(raw, 4 * k) & 0xffff_ffffL;
            long hi = words == 2 ? TraceeArrays.s32(raw, CAP_DATA_SIZE + 4 * k) & 0xffff_ffffL : 0;
            f.add(field(names[k], capMask(lo, hi)));
        }
        return new Value.Struct(f, false);
    }

    private static int words(long version) {
        if (version == CapVersions._LINUX_CAPABILITY_VERSION_2 || version == CapVersions._LINUX_CAPABILITY_VERSION_3) {
            return 2;
        }
        return version == CapVersions._LINUX_CAPABILITY_VERSION_1 ? 1 : 0;
    }

    /**
     * A capability mask as strace's print_cap_bits prints it: {@code 1<<CAP_CHOWN|1<<CAP_KILL},
     * the low word's flags then the high word's, each word its own printflags (so
     * {@code 0xfeffffff|0x1ff} under {@code -X raw}), bits no capability names in hex,
     * {@code 0} when empty.
     */
    static Value capMask(long lo, long hi) {
        List<Value> parts = new ArrayList<>();
        if (lo != 0 || hi == 0) parts.add(capWord(lo, 0));
        if (hi != 0) parts.add(capWord(hi, 32));
        Value.Styled styled = (Value.Styled) Notes.joined(parts);
        List<String> names = new ArrayList<>();
        long rest = capNames(lo, 0, names) | capNames(hi, 32, names);
        if (names.isEmpty() && rest != 0) return styled;
        // One set of flags for -X abbrev and JSON; the low word's bits all have names.
        return new Value.Styled(new Value.Flags(lo | hi << 32, names, rest), styled.raw(), styled.verbose());
    }

    private static Value capWord(long word, int base) {
        List<String> names = new ArrayList<>();
        long rest = capNames(word, base, names);
        if (names.isEmpty() && rest != 0) return new Value.Commented(Value.hex(rest), "CAP_???");
        return new Value.Flags(word, names, rest);
    }

    private static long capNames(long word, int base, List<String> names) {
        long rest = 0;
        for (int bit = 0; bit < 32; bit++) {
            if ((word & 1L << bit) == 0) continue;
            String name = Capabilities.XLAT.name(base + bit);
            if (name == null) rest |= 1L << bit;
            else names.add("1<<" + name);
        }
        return rest;
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(1, Verbosity.struct(Creds::gidList)), "setgroups", "getgroups");
        r.add(SyscallDecoder.custom(1, Verbosity.struct(Creds::capData)), "capset", "capget");
    }
}
