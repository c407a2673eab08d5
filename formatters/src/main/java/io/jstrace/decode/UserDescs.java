package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.Errno;
import java.util.ArrayList;
import java.util.List;

/**
 * x86's struct user_desc (arch/x86/include/uapi/asm/ldt.h) as strace 6.1 prints it for
 * modify_ldt, set_thread_area and get_thread_area (src/ldt.c), and modify_ldt's 32-bit
 * return value.
 */
final class UserDescs {
    /** entry_number, base_addr, limit, then a word of bit fields. */
    static final int SIZE = 16;
    /** The bit fields after limit, with their widths, in kernel order. */
    private static final String[] BITS = {"seg_32bit", "contents", "read_exec_only", "limit_in_pages",
        "seg_not_present", "useable", "lm"};
    private static final int[] WIDTHS = {1, 2, 1, 1, 1, 1, 1};
    /** modify_ldt returns an int (arch/x86/kernel/ldt.c): errors arrive as 0xfffff001..0xffffffff. */
    private static final long INT_ERRORS = 0xffff_f000L;

    private UserDescs() {}

    /**
     * USER_DESC: the whole struct; modify_ldt's only when bytecount is its size, its
     * address otherwise.
     */
    static Value userDesc(Call c, int i) {
        long addr = c.arg(i);
        if (c.name().equals("modify_ldt") && c.arg(2) != SIZE) return new Value.Addr(addr);
        if (addr == 0 || !c.structs()) return new Value.Addr(addr);
        byte[] raw = c.memory().read(addr, SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return whole(raw);
    }

    /**
     * POST_USER_DESC, get_thread_area's: the whole struct once the kernel filled it; after a
     * failure (always, on x86_64) only {@code {entry_number=N, ...}}, the one field strace
     * reads at entry (src/ldt.c print_user_desc, USER_DESC_ENTERING), so a struct cut by
     * the end of readable memory after it prints so too.
     */
    static Value postUserDesc(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0 || !c.structs()) return new Value.Addr(addr);
        boolean failed = TraceeArrays.exitFailed(c);
        byte[] raw = c.memory().read(addr, failed ? 4 : SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        if (failed) return new Value.Struct(List.of(field("entry_number", entry(raw))), true);
        return whole(raw);
    }

    private static Value whole(byte[] raw) {
        List<Value.Field> f = new ArrayList<>();
        f.add(field("entry_number", entry(raw)));
        f.add(field("base_addr", hex8(TraceeArrays.s32(raw, 4) & 0xffff_ffffL)));
        f.add(field("limit", hex8(TraceeArrays.s32(raw, 8) & 0xffff_ffffL)));
        int bits = TraceeArrays.s32(raw, 12);
        for (int k = 0, shift = 0; k < BITS.length; shift += WIDTHS[k], k++) {
            f.add(field(BITS[k], new Num(bits >>> shift & ((1 << WIDTHS[k]) - 1), Base.UNSIGNED)));
        }
        return new Value.Struct(f, false);
    }

    /** strace's PRINT_FIELD_ID: -1 as such, anything else unsigned. */
    private static Value entry(byte[] raw) {
        int n = TraceeArrays.s32(raw, 0);
        return n == -1 ? Value.dec(-1) : new Num(n & 0xffff_ffffL, Base.UNSIGNED);
    }

    /**
     * strace's PRINT_FIELD_0X for a 32-bit field: printf's {@code %#08x}, so 0 is 00000000;
     * a format, the same in every -X style.
     */
    private static Value hex8(long v) {
        String digits = v == 0 ? "" : "0x";
        String hex = Long.toHexString(v);
        StringBuilder s = new StringBuilder(digits);
        for (int k = digits.length() + hex.length(); k < 8; k++) s.append('0');
        return new Value.Text(s.append(hex).toString());
    }

    /**
     * modify_ldt's result: the kernel's int error reaches the tracer zero-extended, and strace
     * prints the value and the error it stands for: {@code 4294967282 EFAULT (Bad address)};
     * {@code null} for an ordinary result.
     */
    static Value modifyLdtResult(Call c) {
        long r = c.ret();
        if (r < INT_ERRORS || r > 0xffff_ffffL) return null;
        Errno e = Errno.of((int) (0x1_0000_0000L - r));
        String name = e.known() ? e.name() + " (" + e.message() + ")" : "(errno " + e.number() + ")";
        return new Value.Text(r + " " + name);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, UserDescs::postUserDesc), "get_thread_area");
        r.add(new SyscallDecoder() {
            @Override
            public Value returnValue(Call c) {
                return modifyLdtResult(c);
            }
        }, "modify_ldt");
    }
}
