package io.jstrace.core.internal.elf;

import io.jstrace.core.internal.elf.CfiRow.Rule;
import java.util.ArrayDeque;

/**
 * Runs call-frame instructions (DWARF 4 section 6.4.2, {@code DW_CFA_*}, and the GNU
 * extensions gcc emits) up to an address, updating a row.
 */
final class CfiInterpreter {
    private final CallFrames.Cursor c;
    private final CallFrames.Cie cie;
    private final CfiRow row;
    /** The row after the CIE's initial instructions, which {@code DW_CFA_restore} goes back to. */
    private final CfiRow initial;
    private final ArrayDeque<CfiRow> saved = new ArrayDeque<>();

    CfiInterpreter(CallFrames.Cursor c, CallFrames.Cie cie, CfiRow row, CfiRow initial) {
        this.c = c;
        this.cie = cie;
        this.row = row;
        this.initial = initial;
    }

    /** Runs the instructions before {@code limit} while the location, from {@code loc}, is at most {@code target}. */
    void run(int limit, long target, long loc) {
        while (c.pos < limit) {
            int op = c.u8();
            int low = op & 0x3f;
            switch (op >>> 6) {
                case 1 -> { // DW_CFA_advance_loc
                    loc += low * cie.codeAlign();
                    if (Long.compareUnsigned(loc, target) > 0) return;
                    continue;
                }
                case 2 -> { // DW_CFA_offset
                    row.set(low, Rule.OFFSET, (long) c.uleb() * cie.dataAlign(), null);
                    continue;
                }
                case 3 -> { // DW_CFA_restore
                    restore(low);
                    continue;
                }
                default -> { }
            }
            long advance = switch (op) {
                case 0x02 -> c.u8(); // DW_CFA_advance_loc1
                case 0x03 -> c.u16(); // DW_CFA_advance_loc2
                case 0x04 -> c.u32(); // DW_CFA_advance_loc4
                default -> -1;
            };
            if (advance >= 0) {
                loc += advance * cie.codeAlign();
                if (Long.compareUnsigned(loc, target) > 0) return;
                continue;
            }
            if (op == 0x01) { // DW_CFA_set_loc
                loc = c.encoded(cie.fdeEncoding(), 0);
                if (Long.compareUnsigned(loc, target) > 0) return;
                continue;
            }
            operate(op);
        }
    }

    /** The instructions that do not move the location. */
    private void operate(int op) {
        switch (op) {
            case 0x00 -> { } // DW_CFA_nop
            case 0x05 -> { int r = reg(); row.set(r, Rule.OFFSET, c.uleb() * cie.dataAlign(), null); }
            case 0x06 -> restore(reg()); // DW_CFA_restore_extended
            case 0x07 -> row.set(reg(), Rule.UNDEFINED, 0, null);
            case 0x08 -> row.set(reg(), Rule.SAME_VALUE, 0, null);
            case 0x09 -> { int r = reg(); row.set(r, Rule.REGISTER, c.uleb(), null); }
            case 0x0a -> saved.push(row.copy()); // DW_CFA_remember_state
            case 0x0b -> { // DW_CFA_restore_state: the CFA rule too, as gcc's unwinder does (unwind-dw2.c)
                CfiRow s = saved.poll();
                if (s != null) row.copyFrom(s);
            }
            case 0x0c -> defCfa(reg(), c.uleb());
            case 0x0d -> { row.cfaRegister = reg(); row.cfaExpression = null; }
            case 0x0e -> row.cfaOffset = c.uleb();
            case 0x0f -> { row.cfaExpression = block(); row.cfaRegister = -1; }
            case 0x10 -> { int r = reg(); row.set(r, Rule.EXPRESSION, 0, block()); }
            case 0x11 -> { int r = reg(); row.set(r, Rule.OFFSET, c.sleb() * cie.dataAlign(), null); }
            case 0x12 -> { int r = reg(); defCfa(r, c.sleb() * cie.dataAlign()); }
            case 0x13 -> row.cfaOffset = c.sleb() * cie.dataAlign();
            case 0x14 -> { int r = reg(); row.set(r, Rule.VAL_OFFSET, c.uleb() * cie.dataAlign(), null); }
            case 0x15 -> { int r = reg(); row.set(r, Rule.VAL_OFFSET, c.sleb() * cie.dataAlign(), null); }
            case 0x16 -> { int r = reg(); row.set(r, Rule.VAL_EXPRESSION, 0, block()); }
            case 0x2e -> c.uleb(); // DW_CFA_GNU_args_size
            case 0x2f -> { int r = reg(); row.set(r, Rule.OFFSET, -c.uleb() * cie.dataAlign(), null); }
            default -> throw new IllegalArgumentException("DW_CFA " + op);
        }
    }

    private int reg() {
        long r = c.uleb();
        return r < 0 || r > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) r;
    }

    private void defCfa(int reg, long offset) {
        row.cfaRegister = reg;
        row.cfaOffset = offset;
        row.cfaExpression = null;
    }

    private byte[] block() {
        int n = (int) c.uleb();
        byte[] b = new byte[n];
        c.b.get(c.pos, b);
        c.pos += n;
        return b;
    }

    /** The register's rule as the CIE's initial instructions left it. */
    private void restore(int reg) {
        if (initial == null || reg < 0 || reg >= CfiRow.REGISTERS) return;
        row.set(reg, initial.rules[reg], initial.operands[reg], initial.expressions[reg]);
    }
}
