package io.jstrace.decode;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.FutexOpFlags;
import io.jstrace.syscalls.xlat.FutexOps;
import io.jstrace.syscalls.xlat.FutexWakeCmps;
import io.jstrace.syscalls.xlat.FutexWakeOps;

/**
 * futex(2) (include/uapi/linux/futex.h) as strace 6.1 prints it (src/futex.c): which of
 * the six arguments print, and how, depends on the command in {@code op & 127}.
 *
 * <p>Positions here are <em>printed</em> positions, not registers: FUTEX_LOCK_PI prints
 * {@code futex(uaddr, op, timeout)}, so its position 2 is register 3. {@link #visibleArgs}
 * says how many positions print; {@link #arg} decodes each.
 *
 * <table>
 *   <caption>printed arguments after uaddr and op</caption>
 *   <tr><td>WAIT</td><td>val, timeout</td></tr>
 *   <tr><td>LOCK_PI, LOCK_PI2</td><td>timeout</td></tr>
 *   <tr><td>WAIT_BITSET</td><td>val, timeout, val3 (FUTEX_BITSET_MATCH_ANY or hex)</td></tr>
 *   <tr><td>WAKE_BITSET</td><td>val, val3 (FUTEX_BITSET_MATCH_ANY or hex)</td></tr>
 *   <tr><td>REQUEUE</td><td>val, val2, uaddr2</td></tr>
 *   <tr><td>CMP_REQUEUE, CMP_REQUEUE_PI</td><td>val, val2, uaddr2, val3 (unsigned)</td></tr>
 *   <tr><td>WAKE_OP</td><td>val, val2, uaddr2, val3 (the encoded operation)</td></tr>
 *   <tr><td>WAIT_REQUEUE_PI</td><td>val, timeout, uaddr2</td></tr>
 *   <tr><td>WAKE, FD</td><td>val</td></tr>
 *   <tr><td>UNLOCK_PI, TRYLOCK_PI</td><td>none</td></tr>
 *   <tr><td>anything else</td><td>val, timeout (address), uaddr2, val3 (hex)</td></tr>
 * </table>
 *
 * val and val2 (the timeout register's low 32 bits) print unsigned.
 */
final class Futexes {
    /** include/uapi/linux/futex.h. */
    static final long FUTEX_BITSET_MATCH_ANY = 0xffff_ffffL;
    private static final int CMD_MASK = 127;
    private static final long FUTEX_CLOCK_REALTIME = FutexOpFlags.FUTEX_CLOCK_REALTIME;
    private static final int FUTEX_OP_OPARG_SHIFT = 8;

    /** Register indexes: uaddr, op, val, timeout/val2, uaddr2, val3. */
    private static final int UADDR = 0, OP = 1, VAL = 2, TIMEOUT = 3, UADDR2 = 4, VAL3 = 5;
    private static final int VAL2 = -TIMEOUT - 1;       // the timeout register as an unsigned int
    private static final int TIMEOUT_ADDR = -TIMEOUT - 100; // the timeout register as an address

    private Futexes() {}

    /**
     * FUTEX_OP: strace's futexops table: the command with FUTEX_PRIVATE_FLAG folded in
     * ({@code FUTEX_WAKE_PRIVATE}), {@code |FUTEX_CLOCK_REALTIME} only after the wait
     * commands that accept it, {@code FUTEX_FD|FUTEX_PRIVATE_FLAG}; anything else
     * {@code 0x101 /* FUTEX_??? *\/}.
     */
    static Value op(Call c, int i) {
        long op = c.arg(i) & 0xffff_ffffL;
        String name = opName(op);
        return name != null ? new Value.Sym(op, name) : new Value.Commented(Value.hex(op), "FUTEX_???");
    }

    static String opName(long op) {
        if (op == (FutexOps.FUTEX_FD | FutexOpFlags.FUTEX_PRIVATE_FLAG)) return "FUTEX_FD|FUTEX_PRIVATE_FLAG";
        if ((op & FUTEX_CLOCK_REALTIME) == 0) return FutexOps.XLAT.name(op);
        long base = op & ~FUTEX_CLOCK_REALTIME;
        long cmd = base & ~FutexOpFlags.FUTEX_PRIVATE_FLAG;
        if (cmd != FutexOps.FUTEX_WAIT && cmd != FutexOps.FUTEX_WAIT_BITSET && cmd != FutexOps.FUTEX_WAIT_REQUEUE_PI) {
            return null;
        }
        String n = FutexOps.XLAT.name(base);
        return n == null ? null : n + "|FUTEX_CLOCK_REALTIME";
    }

    /** How many arguments strace prints for this call's command (2 to 6). */
    static int visibleArgs(Call c) {
        return layout(c).length;
    }

    /**
     * The argument strace prints at position {@code pos} ({@code 0 <= pos < visibleArgs}):
     * uaddr and op first, then per command as in the class comment.
     */
    static Value arg(Call c, int pos) {
        int reg = layout(c)[pos];
        return switch (reg) {
            case UADDR, UADDR2, TIMEOUT_ADDR -> new Addr(c.arg(reg == TIMEOUT_ADDR ? TIMEOUT : reg));
            case OP -> op(c, OP);
            case VAL -> new Num(c.arg(VAL) & 0xffff_ffffL, Base.UNSIGNED);
            case VAL2 -> new Num(c.arg(TIMEOUT) & 0xffff_ffffL, Base.UNSIGNED);
            case TIMEOUT -> Times.timespec(c, TIMEOUT);
            case VAL3 -> val3(c);
            default -> throw new IllegalStateException("futex position " + pos);
        };
    }

    private static Value val3(Call c) {
        long v = c.arg(VAL3) & 0xffff_ffffL;
        return switch (cmd(c)) {
            case (int) FutexOps.FUTEX_WAIT_BITSET, (int) FutexOps.FUTEX_WAKE_BITSET ->
                    v == FUTEX_BITSET_MATCH_ANY ? new Value.Sym(v, "FUTEX_BITSET_MATCH_ANY") : Value.hex(v);
            case (int) FutexOps.FUTEX_CMP_REQUEUE, (int) FutexOps.FUTEX_CMP_REQUEUE_PI -> new Num(v, Base.UNSIGNED);
            case (int) FutexOps.FUTEX_WAKE_OP -> new Value.Styled(new Value.Text(wakeOp(v)),
                    new Value.Text(wakeOp(v, XlatStyle.RAW)), new Value.Text(wakeOp(v, XlatStyle.VERBOSE)));
            default -> Value.hex(v);
        };
    }

    /**
     * FUTEX_WAKE_OP's val3, as strace spells the encoding:
     * {@code FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1}.
     */
    static String wakeOp(long val3) {
        return wakeOp(val3, XlatStyle.ABBREV);
    }

    /**
     * The encoding in one -X style: {@code -X raw} prints the operation and comparison in
     * hex, each with its {@code ???} comment as strace 6.1 does, {@code -X verbose} each
     * name in a comment after its value.
     */
    static String wakeOp(long val3, XlatStyle style) {
        StringBuilder b = new StringBuilder();
        if (((val3 >> 28) & FUTEX_OP_OPARG_SHIFT) != 0) {
            b.append(part(FUTEX_OP_OPARG_SHIFT, "FUTEX_OP_OPARG_SHIFT", 28, null, style)).append('|');
        }
        long op = (val3 >> 28) & 7;
        b.append(part(op, FutexWakeOps.XLAT.name(op), 28, "FUTEX_OP_???", style)).append('|');
        b.append(hex((val3 >> 12) & 0xfff)).append("<<12|");
        long cmp = (val3 >> 24) & 0xf;
        b.append(part(cmp, FutexWakeCmps.XLAT.name(cmp), 24, "FUTEX_OP_CMP_???", style)).append('|');
        return b.append(hex(val3 & 0xfff)).toString();
    }

    /** One shifted field: {@code NAME<<28}, {@code 0x9<<24 /* FUTEX_OP_CMP_??? *\/}. */
    private static String part(long v, String name, int shift, String unknown, XlatStyle style) {
        String shifted = "<<" + shift;
        if (name == null || (style == XlatStyle.RAW && unknown != null)) {
            return hex(v) + shifted + " /* " + unknown + " */";
        }
        return switch (style) {
            case RAW -> hex(v) + shifted;
            case VERBOSE -> hex(v) + " /* " + name + " */" + shifted;
            default -> name + shifted;
        };
    }

    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    private static int cmd(Call c) {
        return c.intArg(OP) & CMD_MASK;
    }

    private static int[] layout(Call c) {
        return switch (cmd(c)) {
            case (int) FutexOps.FUTEX_WAIT -> new int[] {UADDR, OP, VAL, TIMEOUT};
            case (int) FutexOps.FUTEX_LOCK_PI, (int) FutexOps.FUTEX_LOCK_PI2 -> new int[] {UADDR, OP, TIMEOUT};
            case (int) FutexOps.FUTEX_WAIT_BITSET -> new int[] {UADDR, OP, VAL, TIMEOUT, VAL3};
            case (int) FutexOps.FUTEX_WAKE_BITSET -> new int[] {UADDR, OP, VAL, VAL3};
            case (int) FutexOps.FUTEX_REQUEUE -> new int[] {UADDR, OP, VAL, VAL2, UADDR2};
            case (int) FutexOps.FUTEX_CMP_REQUEUE, (int) FutexOps.FUTEX_CMP_REQUEUE_PI, (int) FutexOps.FUTEX_WAKE_OP ->
                    new int[] {UADDR, OP, VAL, VAL2, UADDR2, VAL3};
            case (int) FutexOps.FUTEX_WAIT_REQUEUE_PI -> new int[] {UADDR, OP, VAL, TIMEOUT, UADDR2};
            case (int) FutexOps.FUTEX_WAKE, (int) FutexOps.FUTEX_FD -> new int[] {UADDR, OP, VAL};
            case (int) FutexOps.FUTEX_UNLOCK_PI, (int) FutexOps.FUTEX_TRYLOCK_PI -> new int[] {UADDR, OP};
            default -> new int[] {UADDR, OP, VAL, TIMEOUT_ADDR, UADDR2, VAL3};
        };
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return Futexes.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return Futexes.visibleArgs(c);
            }

            /** All of futex's arguments print at entry. */
            @Override
            public int entryArgs(Call c, int visible) {
                return visible;
            }
        }, "futex");
    }
}
