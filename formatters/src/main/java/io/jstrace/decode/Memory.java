package io.jstrace.decode;

import io.jstrace.syscalls.xlat.MembarrierCmds;
import io.jstrace.syscalls.xlat.MembarrierFlags;
import io.jstrace.syscalls.xlat.MemfdFlags;
import io.jstrace.syscalls.xlat.MmapFlags;
import io.jstrace.syscalls.xlat.MmapProt;
import io.jstrace.syscalls.xlat.MmapType;
import java.util.ArrayList;
import java.util.List;

/** mmap-family arguments (include/uapi/asm-generic/mman-common.h, linux/mman.h). */
final class Memory {
    /** MAP_TYPE: the sharing type is a value, not a flag. */
    private static final long MAP_TYPE = 0x0f;
    /** mremap prints its new address only with both of these (strace src/mem.c). */
    private static final long MREMAP_MAYMOVE_FIXED = 0x3;
    private static final int PAGE_SIZE = 4096;

    private Memory() {}

    static Value prot(Call c, int i) {
        long v = c.arg(i); // strace 6.1 prints all 64 bits (printflags64)
        return v == 0 ? new Value.Sym(0, "PROT_NONE") : Numbers.flags(MmapProt.XLAT, v, "PROT_???");
    }

    /**
     * The sharing type by value (an unknown one in hex with {@code /* MAP_??? *\/}), the MAP_*
     * flags, unnamed bits in hex, then the huge page size: {@code MAP_PRIVATE|MAP_ANONYMOUS},
     * {@code MAP_SHARED|MAP_HUGETLB|21<<MAP_HUGE_SHIFT} (strace 6.1 src/mem.c print_mmap_flags).
     */
    static Value mapFlags(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        List<String> names = new ArrayList<>();
        long typeBits = v & MAP_TYPE;
        String type = MmapType.XLAT.name(typeBits);
        if (type != null) names.add(type);
        else names.add("0x" + Long.toHexString(typeBits) + " /* MAP_??? */");
        long huge = v & MmapFlags.MAP_HUGE_MASK << MmapFlags.MAP_HUGE_SHIFT;
        long rest = v & ~MAP_TYPE & ~huge;
        var d = MmapFlags.XLAT.decompose(rest);
        if (rest != 0) names.addAll(d.names());
        if (rest != 0 && d.remainder() != 0) names.add("0x" + Long.toHexString(d.remainder()));
        if (huge != 0) names.add((huge >>> MmapFlags.MAP_HUGE_SHIFT) + "<<MAP_HUGE_SHIFT");
        return new Value.Flags(v, names, 0);
    }

    /** mremap's new_address is an argument only with MREMAP_MAYMOVE|MREMAP_FIXED (mm/mremap.c). */
    static int mremapVisibleArgs(Call c, int n) {
        return (c.arg(3) & MREMAP_MAYMOVE_FIXED) == MREMAP_MAYMOVE_FIXED ? n : n - 1;
    }

    /**
     * mincore's vec: one byte per page of the length, bit 0 set for a resident page, printed
     * {@code [1, 0, 0]}; at most -s of them without -v (strace src/mem.c). A failed call or
     * an unreadable vector prints its address.
     */
    static Value mincoreVec(Call c, int i) {
        long addr = c.arg(i);
        long len = c.arg(1);
        long pages = Long.divideUnsigned(len, PAGE_SIZE) + (len % PAGE_SIZE != 0 ? 1 : 0);
        if (addr == 0 || TraceeArrays.exitFailed(c) || !c.structs()) return new Value.Addr(addr);
        int limit = c.options().stringLimit();
        boolean cut = !c.options().verbose() && Long.compareUnsigned(pages, limit) > 0;
        int shown = (int) (cut ? limit : Math.min(pages, 1 << 20));
        byte[] raw = c.memory().read(addr, shown);
        if (raw == null) return new Value.Unreadable(addr);
        List<Value> items = new ArrayList<>();
        for (byte b : raw) items.add(new Value.Num(b & 1, Value.Base.UNSIGNED));
        return new Value.Arr(items, cut);
    }

    /** MFD_NAME_MAX_LEN (mm/memfd.c): NAME_MAX less the "memfd:" prefix. */
    private static final int MFD_NAME_MAX_LEN = 255 - 6;

    /** memfd_create's name: a string in a field of MFD_NAME_MAX_LEN + 1 bytes, as strace 6.1. */
    static Value memfdName(Call c, int i) {
        return Strings.cStringWithin(c, c.arg(i), MFD_NAME_MAX_LEN + 1);
    }

    /**
     * memfd_create's flags: the MFD_* flags, then the page size's log2 in the bits from
     * MFD_HUGE_SHIFT up, {@code MFD_HUGETLB|21<<MFD_HUGE_SHIFT}, taken whatever the other
     * flags say (strace src/memfd_create.c).
     */
    static Value memfdFlags(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        long hugeMask = MemfdFlags.MFD_HUGE_MASK << MemfdFlags.MFD_HUGE_SHIFT;
        long huge = (v & hugeMask) >>> MemfdFlags.MFD_HUGE_SHIFT;
        long flags = v & ~hugeMask;
        Value named = Numbers.flags(MemfdFlags.XLAT, flags, "MFD_???");
        if (huge == 0) return named;
        String shift = huge + "<<MFD_HUGE_SHIFT";
        if (flags == 0) return new Value.Decoded(Value.hex(v), new Value.Text(shift));
        var d = MemfdFlags.XLAT.decompose(flags);
        if (d.names().isEmpty()) return new Value.Decoded(Value.hex(v), new Value.Text("0x" + Long.toHexString(flags) + " /* MFD_??? */|" + shift));
        List<String> names = new ArrayList<>(d.names());
        if (d.remainder() != 0) names.add("0x" + Long.toHexString(d.remainder()));
        names.add(shift);
        return new Value.Flags(v, names, 0);
    }

    /** membarrier's cpu_id is an argument only with MEMBARRIER_CMD_FLAG_CPU (kernel/sched/membarrier.c). */
    static int membarrierVisibleArgs(Call c, int n) {
        return (c.arg(1) & MembarrierFlags.MEMBARRIER_CMD_FLAG_CPU) != 0 ? n : n - 1;
    }

    /**
     * MEMBARRIER_CMD_QUERY returns the supported commands as bits: strace prints them in hex
     * with their names, {@code 0x3ff (MEMBARRIER_CMD_GLOBAL|...|0x200)}; {@code null} for
     * the other commands.
     */
    static Value membarrierResult(Call c) {
        if (c.arg(0) != MembarrierCmds.MEMBARRIER_CMD_QUERY || c.ret() == 0) return null;
        var d = MembarrierCmds.XLAT.decompose(c.ret());
        return new Value.Noted(Value.hex(c.ret()), List.of(Value.field("", new Value.Flags(c.ret(), d.names(), d.remainder()))));
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, Memory::memfdName, 1, Memory::memfdFlags), "memfd_create");
        r.add(SyscallDecoder.custom(2, Memory::mincoreVec), "mincore");
        r.add(new SyscallDecoder() {
            @Override
            public int visibleArgs(Call c) {
                return mremapVisibleArgs(c, SyscallDecoder.super.visibleArgs(c));
            }
        }, "mremap");
        r.add(new SyscallDecoder() {
            @Override
            public int visibleArgs(Call c) {
                return membarrierVisibleArgs(c, SyscallDecoder.super.visibleArgs(c));
            }

            @Override
            public Value returnValue(Call c) {
                return membarrierResult(c);
            }
        }, "membarrier");
    }
}
