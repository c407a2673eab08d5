package io.jstrace.core.internal.elf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The function symbols of an ELF file by address, to name the function a pc is in the way a
 * stack trace does (libunwind's {@code elf_w(lookup_symbol)}, which strace 6.1 uses): the
 * {@code STT_FUNC} symbol of a defined section with the greatest value at or below the
 * address, from {@code .dynsym} and {@code .symtab} in section order, sizes not looked at;
 * of symbols with one value the first in that order names it.
 */
public final class SymbolIndex {
    private static final int SYM_SIZE = 24, STT_FUNC = 2, SHN_UNDEF = 0;

    /** A symbol: its name and link-time value. */
    public record Symbol(String name, long value) {}

    /** No symbols. */
    public static final SymbolIndex EMPTY = new SymbolIndex(new long[0], new String[0]);

    private final long[] values;
    private final String[] names;

    private SymbolIndex(long[] values, String[] names) {
        this.values = values;
        this.names = names;
    }

    /** The function symbols of {@code elf}; {@link #EMPTY} when it has no readable symbol table. */
    public static SymbolIndex of(ElfFile elf) {
        List<Symbol> all = new ArrayList<>();
        List<ElfFile.Section> sections = elf.sections();
        for (ElfFile.Section s : sections) {
            if (!ElfFile.isSymbolTable(s) || s.link() <= 0 || s.link() >= sections.size()) continue;
            ByteBuffer syms = elf.contents(s), strs = elf.contents(sections.get(s.link()));
            if (syms == null || strs == null) continue;
            for (int at = 0; at + SYM_SIZE <= syms.limit(); at += SYM_SIZE) {
                if ((syms.get(at + 4) & 0xf) != STT_FUNC || (syms.getShort(at + 6) & 0xffff) == SHN_UNDEF) continue;
                String name = ElfFile.string(strs, syms.getInt(at));
                all.add(new Symbol(name == null ? "" : name, syms.getLong(at + 8)));
            }
        }
        if (all.isEmpty()) return EMPTY;
        // a stable sort keeps the first of equal values first: it is the one that names them
        all.sort((a, b) -> Long.compareUnsigned(a.value(), b.value()));
        long[] values = new long[all.size()];
        String[] names = new String[all.size()];
        int n = 0;
        for (Symbol s : all) {
            if (n > 0 && values[n - 1] == s.value()) continue;
            values[n] = s.value();
            names[n++] = s.name();
        }
        return new SymbolIndex(Arrays.copyOf(values, n), Arrays.copyOf(names, n));
    }

    /** The function {@code vaddr} is in: the nearest symbol at or below it, or {@code null}. */
    public Symbol at(long vaddr) {
        int lo = 0, hi = values.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(values[mid], vaddr) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : new Symbol(names[found], values[found]);
    }
}
