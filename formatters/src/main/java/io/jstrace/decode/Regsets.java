package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * x86_64's register sets as ptrace reads and writes them (arch/x86/include/asm/user_64.h):
 * struct user_regs_struct (NT_PRSTATUS, PTRACE_GETREGS) and struct user_fpregs_struct
 * (NT_FPREGSET, PTRACE_GETFPREGS), as strace 6.1 prints them: a size that is zero or not a
 * multiple of 8 prints the address; otherwise every member that starts within the size, in
 * hex, and {@code ...} when the size is larger than the struct.
 */
final class Regsets {
    private Regsets() {}

    /** sizeof(struct user_regs_struct) and sizeof(struct user_fpregs_struct). */
    static final int PRSTATUS_SIZE = 216, FPREGSET_SIZE = 512;

    private static final String[] REGS = {"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax",
        "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es",
        "fs", "gs"};

    /** user_fpregs_struct's members after the u16 cwd: name, offset, size (0 for the __u32 arrays' element count). */
    private record Member(String name, int offset, int size, int count) {}

    private static final List<Member> FP_MEMBERS = List.of(
            new Member("swd", 2, 2, 0), new Member("ftw", 4, 2, 0), new Member("fop", 6, 2, 0),
            new Member("rip", 8, 8, 0), new Member("rdp", 16, 8, 0), new Member("mxcsr", 24, 4, 0),
            new Member("mxcr_mask", 28, 4, 0), new Member("st_space", 32, 4, 32), new Member("xmm_space", 160, 4, 64),
            new Member("padding", 416, 4, 24));

    /** {@code {r15=0x..., r14=0x..., ...}}: the registers {@code size} bytes at {@code addr} hold. */
    static Value prstatus(Call c, long addr, long size) {
        RawStruct s = fetch(c, addr, size, PRSTATUS_SIZE);
        if (s == null) return unread(addr, size);
        List<Field> f = new ArrayList<>();
        for (int k = 0; k < s.raw().length / 8; k++) f.add(field(REGS[k], s.hex64(8 * k)));
        return new Value.Struct(f, Long.compareUnsigned(size, PRSTATUS_SIZE) > 0);
    }

    /** {@code {cwd=0x37f, swd=0, ..., st_space=[...], xmm_space=[...], padding=[...]}}, as far as {@code size} reaches. */
    static Value fpregset(Call c, long addr, long size) {
        RawStruct s = fetch(c, addr, size, FPREGSET_SIZE);
        if (s == null) return unread(addr, size);
        int fetched = s.raw().length;
        List<Field> f = new ArrayList<>();
        f.add(field("cwd", Value.hex(s.u16(0))));
        for (Member m : FP_MEMBERS) {
            if (fetched <= m.offset()) break;
            f.add(field(m.name(), m.count() > 0
                    ? s.array(m.offset(), Math.min((fetched - m.offset()) / 4, m.count()), 4, RawStruct::hex32)
                    : Value.hex(m.size() == 2 ? s.u16(m.offset()) : m.size() == 4 ? s.u32(m.offset()) : s.u64(m.offset()))));
        }
        return new Value.Struct(f, Long.compareUnsigned(size, FPREGSET_SIZE) > 0);
    }

    /** The first min(size, struct size) bytes, or null when the size is unusable or they cannot be read. */
    private static RawStruct fetch(Call c, long addr, long size, int structSize) {
        if (size == 0 || (size & 7) != 0 || addr == 0) return null;
        return RawStruct.read(c, addr, Long.compareUnsigned(size, structSize) > 0 ? structSize : (int) size);
    }

    private static Value unread(long addr, long size) {
        return size == 0 || (size & 7) != 0 || addr == 0 ? new Value.Addr(addr) : new Value.Unreadable(addr);
    }
}
