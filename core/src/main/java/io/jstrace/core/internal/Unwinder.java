package io.jstrace.core.internal;

import io.jstrace.arch.X86_64;
import io.jstrace.core.StackTrace;
import io.jstrace.core.TraceeMemory;
import io.jstrace.core.internal.elf.CallFrames;
import io.jstrace.core.internal.elf.CfiRow;
import io.jstrace.core.internal.elf.DwarfExpression;
import io.jstrace.core.internal.elf.ElfFile;
import io.jstrace.core.internal.elf.SymbolIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a stopped thread's user stack (strace's {@code -k}): from its registers, frame by
 * frame, by the call-frame information ({@code .eh_frame}) of the file mapped at each pc,
 * or by the frame pointer where there is none; each pc named by the nearest function symbol.
 * Each process's mappings are read from /proc/PID/maps once and again after a syscall that
 * changes them ({@link #mappingsChanged}); parsed files are kept by device, inode and
 * modification time across stops and processes. x86_64 only. Touched only by the tracer thread.
 */
final class Unwinder {
    /** x86_64 DWARF register numbers (System V AMD64 ABI, figure 3.36) in user_regs_struct slots. */
    private static final int[] SLOT_OF_DWARF = {10, 12, 11, 5, 13, 14, 4, 19, 9, 8, 7, 6, 3, 2, 1, 0, 16};
    private static final int RBP = 6, RSP = 7, RIP = 16;
    private static final int IMAGES_MAX = 256;
    /** The syscalls that change a process's mappings (strace's MEMORY_MAPPING_CHANGE, linux/x86_64/syscallent.h). */
    static final java.util.Set<String> SYSCALLS = java.util.Set.of("mmap", "mprotect", "munmap", "brk", "mremap",
            "shmat", "execve", "shmdt", "remap_file_pages", "execveat", "pkey_mprotect");

    /** A mapped file's parts an unwind reads, each parsed on first use; its CFI rows by address, as computed. */
    private static final class Image {
        private static final int ROWS_MAX = 4096;
        final ElfFile elf;
        private SymbolIndex symbols;
        private CallFrames frames;
        private final Map<Long, CfiRow> rows = new HashMap<>();

        Image(ElfFile elf) {
            this.elf = elf;
        }

        SymbolIndex symbols() {
            if (symbols == null) symbols = SymbolIndex.of(elf);
            return symbols;
        }

        /** The CFI row at {@code vaddr}, or {@code null}: a loop's stops unwind the same pcs again and again. */
        CfiRow row(long vaddr) {
            CfiRow row = rows.get(vaddr);
            if (row != null || rows.containsKey(vaddr)) return row;
            if (frames == null) frames = CallFrames.of(elf);
            if (rows.size() >= ROWS_MAX) rows.clear();
            row = frames.row(vaddr);
            rows.put(vaddr, row);
            return row;
        }
    }

    private static final Image NO_IMAGE = new Image(ElfFile.EMPTY);

    /** A mapping, and the file behind it once looked up. */
    private static final class Mapping {
        final MemoryMap map;
        Image image;

        Mapping(MemoryMap map) {
            this.map = map;
        }
    }

    private record FileKey(Object dev, Object inode, FileTime modified) {}

    private final Registers registers;
    private final Map<Integer, List<Mapping>> maps = new HashMap<>();
    private final Map<FileKey, Image> images = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FileKey, Image> eldest) {
            return size() > IMAGES_MAX;
        }
    };

    Unwinder(Registers registers) {
        this.registers = registers;
    }

    /** Process {@code pid}'s mappings changed (mmap, munmap, mprotect, execve, ...), or it is gone. */
    void mappingsChanged(int pid) {
        maps.remove(pid);
    }

    /** {@code t}'s stack now; {@link StackTrace#NONE} when its registers cannot be read. */
    StackTrace unwind(ThreadState t) {
        if (t.arch != X86_64.INSTANCE || !registers.load(t)) return StackTrace.NONE;
        long[] regs = new long[CfiRow.REGISTERS];
        boolean[] known = new boolean[CfiRow.REGISTERS];
        for (int r = 0; r < CfiRow.REGISTERS; r++) {
            regs[r] = registers.get(SLOT_OF_DWARF[r] * 8);
            known[r] = true;
        }
        return walk(t.pid, new Frame(regs, known, new Stack(t.memory)));
    }

    private StackTrace walk(int pid, Frame f) {
        List<Mapping> mappings = maps.computeIfAbsent(pid, Unwinder::mappings);
        List<StackTrace.Frame> out = new ArrayList<>();
        boolean callSite = false;
        while (out.size() < StackTrace.MAX_FRAMES) {
            long pc = f.regs[RIP];
            Mapping m = find(mappings, pc);
            if (m == null || !m.map.executable()) {
                if (pc != 0) out.add(new StackTrace.Frame(pc, null, pc, null, 0));
                return new StackTrace(out, false);
            }
            Image image = image(pid, m);
            // a return address is after its call: the call, one byte back, is in the caller's function
            long lookup = pc - (callSite ? 1 : 0);
            long vaddr = image.elf.virtualAddress(lookup - m.map.start() + m.map.offset());
            SymbolIndex.Symbol s = vaddr == -1 ? null : image.symbols().at(vaddr);
            out.add(new StackTrace.Frame(pc, m.map.path(), pc - m.map.start() + m.map.offset(),
                    s == null ? null : s.name(), s == null ? 0 : vaddr - s.value() + (callSite ? 1 : 0)));
            CfiRow row = vaddr == -1 ? null : image.row(vaddr);
            Frame caller;
            try {
                caller = row != null ? f.byCfi(row) : f.byFramePointer();
            } catch (RuntimeException e) {
                return new StackTrace(out, false); // unreadable stack or a register the rules need: the walk ends
            }
            if (caller == null || caller.regs[RIP] == 0 || !progressed(f, caller)) return new StackTrace(out, false);
            callSite = row == null || !row.signalFrame();
            f = caller;
        }
        return new StackTrace(out, true);
    }

    /** Callers' frames are above their callees': a walk that does not climb the stack goes round in circles. */
    private static boolean progressed(Frame callee, Frame caller) {
        int c = Long.compareUnsigned(caller.regs[RSP], callee.regs[RSP]);
        return c > 0 || (c == 0 && caller.regs[RIP] != callee.regs[RIP]);
    }

    /** The file mappings of {@code pid} (anonymous ones, which have no path, left out, as strace does). */
    private static List<Mapping> mappings(int pid) {
        List<Mapping> out = new ArrayList<>();
        for (MemoryMap m : MemoryMap.of(pid)) {
            if (!m.path().isEmpty()) out.add(new Mapping(m));
        }
        return out;
    }

    private static Mapping find(List<Mapping> mappings, long pc) {
        int lo = 0, hi = mappings.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            MemoryMap m = mappings.get(mid).map;
            if (Long.compareUnsigned(pc, m.start()) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(pc, m.end()) >= 0) {
                lo = mid + 1;
            } else {
                return mappings.get(mid);
            }
        }
        return null;
    }

    /** The file behind {@code m}, as the tracee sees it, parsed once per device, inode and mtime. */
    private Image image(int pid, Mapping m) {
        if (m.image != null) return m.image;
        m.image = NO_IMAGE;
        if (!m.map.isFile()) return m.image;
        Path path = ElfFile.inRootOf(pid, m.map.path());
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino,lastModifiedTime");
            FileKey key = new FileKey(a.get("dev"), a.get("ino"), (FileTime) a.get("lastModifiedTime"));
            m.image = images.computeIfAbsent(key, k -> new Image(ElfFile.read(path, java.util.Set.of())));
        } catch (java.io.IOException | RuntimeException e) {
            return m.image;
        }
        return m.image;
    }

    /** Reads the stack a page at a time, each page once per walk. */
    private static final class Stack {
        private static final int PAGE = 4096;
        private final TraceeMemory memory;
        private final Map<Long, byte[]> pages = new HashMap<>();

        Stack(TraceeMemory memory) {
            this.memory = memory;
        }

        long word(long address) {
            long value = 0;
            for (int i = 7; i >= 0; i--) value = value << 8 | (at(address + i) & 0xff);
            return value;
        }

        private int at(long address) {
            long page = address & -PAGE;
            byte[] b = pages.computeIfAbsent(page, p -> {
                byte[] bytes = new byte[PAGE];
                int got = memory.read(p, bytes, 0, PAGE);
                return got == PAGE ? bytes : java.util.Arrays.copyOf(bytes, Math.max(got, 0));
            });
            int i = (int) (address - page);
            if (i >= b.length) throw new IllegalStateException("unreadable stack at 0x" + Long.toHexString(address));
            return b[i];
        }
    }

    /** One frame's registers, as far as they are known. */
    private static final class Frame implements DwarfExpression.Machine {
        final long[] regs;
        final boolean[] known;
        final Stack stack;

        Frame(long[] regs, boolean[] known, Stack stack) {
            this.regs = regs;
            this.known = known;
            this.stack = stack;
        }

        @Override
        public long register(int reg) {
            if (reg < 0 || reg >= regs.length || !known[reg]) throw new IllegalStateException("register " + reg);
            return regs[reg];
        }

        @Override
        public long memory(long address) {
            return stack.word(address);
        }

        /** The caller's frame by the CFI row of this frame's pc; {@code null} at the outermost frame. */
        Frame byCfi(CfiRow row) {
            int ra = row.returnColumn();
            if (row.rule(ra) == CfiRow.Rule.UNDEFINED) return null;
            long cfa = row.cfaExpression() != null ? DwarfExpression.evaluate(row.cfaExpression(), this, null)
                    : register(row.cfaRegister()) + row.cfaOffset();
            long[] r = new long[regs.length];
            boolean[] k = new boolean[regs.length];
            for (int i = 0; i < regs.length; i++) {
                k[i] = true;
                switch (row.rule(i)) {
                    case UNDEFINED -> k[i] = false;
                    case SAME_VALUE -> {
                        r[i] = regs[i];
                        k[i] = known[i];
                    }
                    case OFFSET -> r[i] = memory(cfa + row.operand(i));
                    case VAL_OFFSET -> r[i] = cfa + row.operand(i);
                    case REGISTER -> r[i] = register((int) row.operand(i));
                    case EXPRESSION -> r[i] = memory(DwarfExpression.evaluate(row.expression(i), this, cfa));
                    case VAL_EXPRESSION -> r[i] = DwarfExpression.evaluate(row.expression(i), this, cfa);
                }
            }
            // the CFA is the stack pointer at the call (System V AMD64 ABI, 3.6.2), unless a rule says otherwise
            if (row.rule(RSP) == CfiRow.Rule.SAME_VALUE) {
                r[RSP] = cfa;
                k[RSP] = true;
            }
            if (ra != RIP) {
                r[RIP] = r[ra];
                k[RIP] = k[ra];
            }
            if (!k[RIP]) return null;
            return new Frame(r, k, stack);
        }

        /** The caller's frame by the frame-pointer chain: {@code [rbp]} the caller's rbp, {@code [rbp+8]} the return address. */
        Frame byFramePointer() {
            long rbp = register(RBP);
            if (rbp == 0) return null;
            long[] r = new long[regs.length];
            boolean[] k = new boolean[regs.length];
            r[RIP] = memory(rbp + 8);
            r[RBP] = memory(rbp);
            r[RSP] = rbp + 16;
            k[RIP] = k[RBP] = k[RSP] = true;
            return new Frame(r, k, stack);
        }
    }
}
