package io.jstrace.core.internal.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Evaluates the DWARF expressions call-frame information uses (DWARF 4 section 2.5: a stack
 * machine of {@code DW_OP_*}): the PLT's CFA and the signal trampoline's saved registers.
 * Location descriptions other than a memory address ({@code DW_OP_reg*}, pieces) are not
 * values and are refused.
 */
public final class DwarfExpression {
    /** What an expression reads: the registers of the frame, and memory. */
    public interface Machine {
        /** DWARF register {@code reg}; throws when it is not known. */
        long register(int reg);

        /** The 8 bytes at {@code address}; throws when they cannot be read. */
        long memory(long address);
    }

    private static final int STACK_MAX = 64, STEPS_MAX = 1000;

    private DwarfExpression() {}

    /** The value of {@code expr}, with {@code initial} pushed first when it is not {@code null}. */
    public static long evaluate(byte[] expr, Machine m, Long initial) {
        long[] stack = new long[STACK_MAX];
        int sp = 0;
        if (initial != null) stack[sp++] = initial;
        CallFrames.Cursor c = new CallFrames.Cursor(ByteBuffer.wrap(expr).order(ByteOrder.LITTLE_ENDIAN), 0, 0);
        for (int steps = 0; c.pos < expr.length; steps++) {
            if (steps > STEPS_MAX) throw new IllegalArgumentException("expression loops");
            int op = c.u8();
            if (op >= 0x30 && op <= 0x4f) { // DW_OP_lit0..31
                stack[sp++] = op - 0x30;
                continue;
            }
            if (op >= 0x70 && op <= 0x8f) { // DW_OP_breg0..31
                stack[sp++] = m.register(op - 0x70) + c.sleb();
                continue;
            }
            switch (op) {
                case 0x03 -> stack[sp++] = c.u64(); // DW_OP_addr
                case 0x06 -> stack[sp - 1] = m.memory(stack[sp - 1]); // DW_OP_deref
                case 0x08 -> stack[sp++] = c.u8();
                case 0x09 -> stack[sp++] = (byte) c.u8();
                case 0x0a -> stack[sp++] = c.u16();
                case 0x0b -> stack[sp++] = (short) c.u16();
                case 0x0c -> stack[sp++] = c.u32();
                case 0x0d -> stack[sp++] = (int) c.u32();
                case 0x0e, 0x0f -> stack[sp++] = c.u64();
                case 0x10 -> stack[sp++] = c.uleb(); // DW_OP_constu
                case 0x11 -> stack[sp++] = c.sleb(); // DW_OP_consts
                case 0x12 -> { stack[sp] = stack[sp - 1]; sp++; } // DW_OP_dup
                case 0x13 -> sp--; // DW_OP_drop
                case 0x14 -> { stack[sp] = stack[sp - 2]; sp++; } // DW_OP_over
                case 0x15 -> { int i = c.u8(); stack[sp] = stack[sp - 1 - i]; sp++; } // DW_OP_pick
                case 0x16 -> { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } // swap
                case 0x17 -> { // DW_OP_rot
                    long t = stack[sp - 1];
                    stack[sp - 1] = stack[sp - 2];
                    stack[sp - 2] = stack[sp - 3];
                    stack[sp - 3] = t;
                }
                case 0x19 -> stack[sp - 1] = Math.abs(stack[sp - 1]);
                case 0x1f -> stack[sp - 1] = -stack[sp - 1]; // DW_OP_neg
                case 0x20 -> stack[sp - 1] = ~stack[sp - 1]; // DW_OP_not
                case 0x23 -> stack[sp - 1] += c.uleb(); // DW_OP_plus_uconst
                case 0x94 -> { // DW_OP_deref_size
                    int n = c.u8();
                    long v = m.memory(stack[sp - 1]);
                    stack[sp - 1] = n >= 8 ? v : v & ((1L << (8 * n)) - 1);
                }
                case 0x92 -> { int r = (int) c.uleb(); stack[sp++] = m.register(r) + c.sleb(); } // DW_OP_bregx
                case 0x96 -> { } // DW_OP_nop
                case 0x2f -> { int skip = (short) c.u16(); c.pos += skip; } // DW_OP_skip
                case 0x28 -> { int skip = (short) c.u16(); if (stack[--sp] != 0) c.pos += skip; } // DW_OP_bra
                default -> {
                    long b = stack[--sp], a = stack[--sp];
                    stack[sp++] = binary(op, a, b);
                }
            }
        }
        if (sp <= 0) throw new IllegalArgumentException("empty expression");
        return stack[sp - 1];
    }

    private static long binary(int op, long a, long b) {
        return switch (op) {
            case 0x1a -> a & b; // DW_OP_and
            case 0x1b -> a / b; // DW_OP_div
            case 0x1c -> a - b; // DW_OP_minus
            case 0x1d -> Long.remainderUnsigned(a, b); // DW_OP_mod
            case 0x1e -> a * b; // DW_OP_mul
            case 0x21 -> a | b; // DW_OP_or
            case 0x22 -> a + b; // DW_OP_plus
            case 0x24 -> a << b; // DW_OP_shl
            case 0x25 -> a >>> b; // DW_OP_shr
            case 0x26 -> a >> b; // DW_OP_shra
            case 0x27 -> a ^ b; // DW_OP_xor
            case 0x29 -> a == b ? 1 : 0; // DW_OP_eq
            case 0x2a -> a >= b ? 1 : 0; // DW_OP_ge
            case 0x2b -> a > b ? 1 : 0; // DW_OP_gt
            case 0x2c -> a <= b ? 1 : 0; // DW_OP_le
            case 0x2d -> a < b ? 1 : 0; // DW_OP_lt
            case 0x2e -> a != b ? 1 : 0; // DW_OP_ne
            default -> throw new IllegalArgumentException("DW_OP " + op);
        };
    }
}
