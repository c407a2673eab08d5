package io.jstrace.core.internal.elf;

import java.util.Arrays;

/**
 * One row of a DWARF call-frame table (DWARF 4 section 6.4.1): how to compute the canonical
 * frame address (CFA) at an address, and where each register of the caller was saved.
 * Registers are DWARF numbers; only the first {@link #REGISTERS} are kept (x86_64: rax to
 * r15 and the return address, 16).
 */
public final class CfiRow {
    /** How many registers a row keeps rules for. */
    public static final int REGISTERS = 17;

    /** A register's rule (DWARF 4 section 6.4.1, "register rules"). */
    public enum Rule {
        /** Not saved: the caller's value is lost (for the return address: the outermost frame). */
        UNDEFINED,
        /** Unchanged from the callee. */
        SAME_VALUE,
        /** Saved at CFA + n. */
        OFFSET,
        /** Is CFA + n. */
        VAL_OFFSET,
        /** Is in register n. */
        REGISTER,
        /** Saved at the address the expression computes. */
        EXPRESSION,
        /** Is the value the expression computes. */
        VAL_EXPRESSION
    }

    final int returnColumn;
    final boolean signalFrame;
    int cfaRegister = -1;
    long cfaOffset;
    byte[] cfaExpression;
    final Rule[] rules = new Rule[REGISTERS];
    final long[] operands = new long[REGISTERS];
    final byte[][] expressions = new byte[REGISTERS][];

    CfiRow(int returnColumn, boolean signalFrame) {
        this.returnColumn = returnColumn;
        this.signalFrame = signalFrame;
        Arrays.fill(rules, Rule.SAME_VALUE);
    }

    CfiRow copy() {
        CfiRow c = new CfiRow(returnColumn, signalFrame);
        c.copyFrom(this);
        return c;
    }

    void copyFrom(CfiRow o) {
        cfaRegister = o.cfaRegister;
        cfaOffset = o.cfaOffset;
        cfaExpression = o.cfaExpression;
        System.arraycopy(o.rules, 0, rules, 0, REGISTERS);
        System.arraycopy(o.operands, 0, operands, 0, REGISTERS);
        System.arraycopy(o.expressions, 0, expressions, 0, REGISTERS);
    }

    void set(int reg, Rule rule, long operand, byte[] expression) {
        if (reg < 0 || reg >= REGISTERS) return;
        rules[reg] = rule;
        operands[reg] = operand;
        expressions[reg] = expression;
    }

    /** The column the caller's pc (the return address) is in. */
    public int returnColumn() {
        return returnColumn;
    }

    /** The FDE is a signal trampoline's (augmentation {@code S}): its caller's pc is not a return address. */
    public boolean signalFrame() {
        return signalFrame;
    }

    /** The register the CFA is an offset from, or -1 when an expression computes it. */
    public int cfaRegister() {
        return cfaRegister;
    }

    public long cfaOffset() {
        return cfaOffset;
    }

    /** The CFA's DWARF expression, or {@code null}. */
    public byte[] cfaExpression() {
        return cfaExpression;
    }

    /** Register {@code reg}'s rule; {@link Rule#UNDEFINED} for a register the row does not keep. */
    public Rule rule(int reg) {
        return reg >= 0 && reg < REGISTERS ? rules[reg] : Rule.UNDEFINED;
    }

    /** The rule's number: the offset, or the register. */
    public long operand(int reg) {
        return operands[reg];
    }

    /** The rule's DWARF expression. */
    public byte[] expression(int reg) {
        return expressions[reg];
    }
}
