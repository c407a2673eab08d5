package io.jstrace.core.internal;

/**
 * The x86_64 instruction a breakpoint's int3 displaced, run by the tracer instead of by the
 * CPU, so the int3 never leaves the code while other threads run. A small table: the first
 * instructions of functions as compilers emit them (Debian 12's libssl.so.3 begins
 * SSL_write and SSL_read with {@code sub $0x18,%rsp}, SSL_write_ex with
 * {@code sub $0x8,%rsp}; libgnutls's gnutls_record_send with {@code xor %r8d,%r8d}; CET
 * builds with {@code endbr64}; frame-pointer builds with {@code push %rbp} and
 * {@code mov %rsp,%rbp}). Anything else decodes to {@code null}: the caller must step it
 * with the original byte in place and every other thread stopped.
 *
 * <p>Encodings and flag effects: Intel SDM vol. 2 (ENDBR64, NOP, PUSH 50+rd, MOV 89 /r,
 * SUB 83 /5 ib and 81 /5 id, XOR 31 /r and 33 /r).
 */
abstract class DisplacedInstruction {
    /** user_regs_struct slots of the x86 register numbers 0..15 (rax rcx rdx rbx rsp rbp rsi rdi r8..r15). */
    private static final int[] SLOT = {10, 11, 12, 5, 19, 4, 13, 14, 9, 8, 7, 6, 3, 2, 1, 0};
    static final int RIP = 16, EFLAGS = 18, RSP = 19;
    private static final long CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800;
    private static final int REG_RSP = 4;

    /** The registers and the stack of the stopped thread being emulated. */
    interface Cpu {
        long slot(int slot);

        void setSlot(int slot, long value);

        /** Writes the 8-byte {@code value} at {@code address}; whether it could. */
        boolean store(long address, long value);
    }

    final int length;

    private DisplacedInstruction(int length) {
        this.length = length;
    }

    /** Runs the instruction at {@code address}: its effect, then rip past it; whether it could. */
    final boolean run(Cpu cpu, long address) {
        if (!effect(cpu)) return false;
        cpu.setSlot(RIP, address + length);
        return true;
    }

    abstract boolean effect(Cpu cpu);

    /** The instruction at the start of {@code code}, when it is one of the table's; else {@code null}. */
    static DisplacedInstruction decode(byte[] code) {
        if (code == null || code.length < 8) return null;
        int b0 = code[0] & 0xff;
        if (b0 == 0x90) return nothing(1);
        if (b0 == 0xf3 && (code[1] & 0xff) == 0x0f && (code[2] & 0xff) == 0x1e && (code[3] & 0xff) == 0xfa) {
            return nothing(4); // endbr64
        }
        int rex = (b0 & 0xf0) == 0x40 ? b0 : 0;
        int at = rex != 0 ? 1 : 0;
        int op = code[at] & 0xff;
        if (op >= 0x50 && op <= 0x57 && (rex == 0 || rex == 0x41)) return push(at + 1, (op - 0x50) | (rex & 1) << 3);
        if (at == 0) return null;
        int modrm = code[at + 1] & 0xff;
        if (modrm >> 6 != 3) return null; // register operands only
        int reg = (modrm >> 3 & 7) | (rex & 4) << 1, rm = (modrm & 7) | (rex & 1) << 3;
        boolean w = (rex & 8) != 0;
        if (op == 0x89 && w) return move(at + 2, reg, rm);
        if ((op == 0x31 || op == 0x33) && !w && reg == rm) return zero(at + 2, rm);
        if (op == 0x83 && w && (modrm >> 3 & 7) == 5 && rm == REG_RSP) return subtract(at + 3, code[at + 2]);
        if (op == 0x81 && w && (modrm >> 3 & 7) == 5 && rm == REG_RSP) return subtract(at + 6, le32(code, at + 2));
        return null;
    }

    private static DisplacedInstruction nothing(int length) {
        return new DisplacedInstruction(length) {
            boolean effect(Cpu cpu) {
                return true;
            }
        };
    }

    /** {@code push %reg}: rsp -= 8, then the register at [rsp]. */
    private static DisplacedInstruction push(int length, int reg) {
        return new DisplacedInstruction(length) {
            boolean effect(Cpu cpu) {
                long sp = cpu.slot(RSP) - 8;
                if (!cpu.store(sp, cpu.slot(SLOT[reg]))) return false;
                cpu.setSlot(RSP, sp);
                return true;
            }
        };
    }

    /** {@code mov %reg,%rm} (64-bit); no flags. */
    private static DisplacedInstruction move(int length, int reg, int rm) {
        return new DisplacedInstruction(length) {
            boolean effect(Cpu cpu) {
                cpu.setSlot(SLOT[rm], cpu.slot(SLOT[reg]));
                return true;
            }
        };
    }

    /** {@code xor %r32,%r32} of one register: 0, zero-extended; OF, CF, SF cleared, ZF and PF set. */
    private static DisplacedInstruction zero(int length, int reg) {
        return new DisplacedInstruction(length) {
            boolean effect(Cpu cpu) {
                cpu.setSlot(SLOT[reg], 0);
                cpu.setSlot(EFLAGS, cpu.slot(EFLAGS) & ~(OF | CF | SF | AF) | ZF | PF);
                return true;
            }
        };
    }

    /** {@code sub $imm,%rsp} (imm sign-extended): rsp -= imm, with the arithmetic flags of a subtraction. */
    private static DisplacedInstruction subtract(int length, long imm) {
        return new DisplacedInstruction(length) {
            boolean effect(Cpu cpu) {
                long a = cpu.slot(RSP), r = a - imm;
                cpu.setSlot(RSP, r);
                cpu.setSlot(EFLAGS, cpu.slot(EFLAGS) & ~(OF | SF | ZF | AF | PF | CF) | subtractionFlags(a, imm, r));
                return true;
            }
        };
    }

    /** The flags {@code a - b = r} sets. */
    static long subtractionFlags(long a, long b, long r) {
        long f = 0;
        if (Long.compareUnsigned(a, b) < 0) f |= CF;
        if (r == 0) f |= ZF;
        if (r < 0) f |= SF;
        if (((a ^ b) & (a ^ r)) < 0) f |= OF;
        if (((a ^ b ^ r) & 0x10) != 0) f |= AF;
        if (Integer.bitCount((int) (r & 0xff)) % 2 == 0) f |= PF;
        return f;
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
