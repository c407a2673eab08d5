package io.jstrace.core.internal.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a 64-bit little-endian ELF file a breakpoint needs (elf(5),
 * include/uapi/linux/elf.h): its loadable segments ({@code PT_LOAD}), to turn a symbol's
 * virtual address into a file offset, and its function symbols from {@code .symtab} and
 * {@code .dynsym}. Reads only the headers and the symbol and string tables, with
 * positional reads; never throws on a malformed file (it has no symbols then).
 */
public final class ElfFile {
    private static final int EHDR_SIZE = 64, PHDR_SIZE = 56, SHDR_SIZE = 64, SYM_SIZE = 24;
    private static final int PT_LOAD = 1;
    private static final int SHT_SYMTAB = 2, SHT_DYNSYM = 11, SHT_GNU_VERSYM = 0x6fffffff;
    /** A .gnu.version entry's bit for a version that is not the default (an older binding). */
    private static final int VERSYM_HIDDEN = 0x8000;
    private static final int STT_FUNC = 2, STT_GNU_IFUNC = 10;
    private static final int ELFCLASS64 = 2, ELFDATA2LSB = 1;
    /** The most of one symbol or string table read: a bigger one is skipped. */
    private static final long TABLE_MAX = 64 << 20;

    /** A {@code PT_LOAD} program header: {@code filesz} bytes at {@code offset} are mapped at {@code vaddr}. */
    public record Segment(long offset, long vaddr, long filesz, boolean executable) {}

    private final List<Segment> segments;
    private final Map<String, Long> functions;

    private ElfFile(List<Segment> segments, Map<String, Long> functions) {
        this.segments = segments;
        this.functions = functions;
    }

    /** An ELF file with no segments and no symbols: what a file that does not parse reads as. */
    public static final ElfFile EMPTY = new ElfFile(List.of(), Map.of());

    /**
     * Reads {@code path}, keeping the functions among {@code wanted} (all when {@code null});
     * {@link #EMPTY} when it is not a 64-bit little-endian ELF file or cannot be read.
     */
    public static ElfFile read(Path path, Set<String> wanted) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return parse(ch, wanted);
        } catch (IOException | RuntimeException e) {
            return EMPTY;
        }
    }

    private static ElfFile parse(FileChannel ch, Set<String> wanted) throws IOException {
        ByteBuffer eh = read(ch, 0, EHDR_SIZE);
        if (eh == null || eh.getInt(0) != 0x464c457f || eh.get(4) != ELFCLASS64 || eh.get(5) != ELFDATA2LSB) {
            return EMPTY;
        }
        long phoff = eh.getLong(32), shoff = eh.getLong(40);
        int phnum = eh.getShort(56) & 0xffff, shnum = eh.getShort(60) & 0xffff;
        return new ElfFile(segments(ch, phoff, phnum), functions(ch, shoff, shnum, wanted));
    }

    private static List<Segment> segments(FileChannel ch, long phoff, int phnum) throws IOException {
        List<Segment> out = new ArrayList<>();
        ByteBuffer ph = read(ch, phoff, (long) phnum * PHDR_SIZE);
        if (ph == null) return out;
        for (int i = 0; i < phnum; i++) {
            int at = i * PHDR_SIZE;
            if (ph.getInt(at) != PT_LOAD) continue;
            boolean exec = (ph.getInt(at + 4) & 1) != 0; // PF_X
            out.add(new Segment(ph.getLong(at + 8), ph.getLong(at + 16), ph.getLong(at + 32), exec));
        }
        return List.copyOf(out);
    }

    /** STT_FUNC and STT_GNU_IFUNC symbols with a value, from every SHT_SYMTAB and SHT_DYNSYM section. */
    private static Map<String, Long> functions(FileChannel ch, long shoff, int shnum, Set<String> wanted)
            throws IOException {
        Map<String, Long> out = new HashMap<>();
        ByteBuffer sh = read(ch, shoff, (long) shnum * SHDR_SIZE);
        if (sh == null) return out;
        for (int i = 0; i < shnum; i++) {
            int type = sh.getInt(i * SHDR_SIZE + 4);
            if (type != SHT_SYMTAB && type != SHT_DYNSYM) continue;
            int link = sh.getInt(i * SHDR_SIZE + 40);
            if (link <= 0 || link >= shnum) continue;
            ByteBuffer syms = read(ch, sh.getLong(i * SHDR_SIZE + 24), sh.getLong(i * SHDR_SIZE + 32));
            ByteBuffer strs = read(ch, sh.getLong(link * SHDR_SIZE + 24), sh.getLong(link * SHDR_SIZE + 32));
            ByteBuffer versions = versions(ch, sh, shnum, i);
            if (syms != null && strs != null) addFunctions(syms, strs, versions, wanted, out);
        }
        return out;
    }

    /** The SHT_GNU_VERSYM section that goes with symbol table {@code symtab} (its sh_link), or {@code null}. */
    private static ByteBuffer versions(FileChannel ch, ByteBuffer sh, int shnum, int symtab) throws IOException {
        for (int i = 0; i < shnum; i++) {
            if (sh.getInt(i * SHDR_SIZE + 4) == SHT_GNU_VERSYM && sh.getInt(i * SHDR_SIZE + 40) == symtab) {
                return read(ch, sh.getLong(i * SHDR_SIZE + 24), sh.getLong(i * SHDR_SIZE + 32));
            }
        }
        return null;
    }

    /** Adds the functions of one table; a symbol of a hidden (non-default) version is left out. */
    private static void addFunctions(ByteBuffer syms, ByteBuffer strs, ByteBuffer versions, Set<String> wanted,
            Map<String, Long> out) {
        for (int at = 0; at + SYM_SIZE <= syms.limit(); at += SYM_SIZE) {
            int index = at / SYM_SIZE;
            if (versions != null && 2 * index + 2 <= versions.limit()
                    && (versions.getShort(2 * index) & VERSYM_HIDDEN) != 0) continue;
            int kind = syms.get(at + 4) & 0xf;
            long value = syms.getLong(at + 8);
            if ((kind != STT_FUNC && kind != STT_GNU_IFUNC) || value == 0) continue;
            String name = string(strs, syms.getInt(at));
            if (name == null || (wanted != null && !wanted.contains(name))) continue;
            out.putIfAbsent(name, value);
        }
    }

    /** The NUL-terminated string at {@code offset}; {@code null} when out of the table. */
    private static String string(ByteBuffer strs, int offset) {
        if (offset <= 0 || offset >= strs.limit()) return null;
        int end = offset;
        while (end < strs.limit() && strs.get(end) != 0) end++;
        byte[] b = new byte[end - offset];
        strs.get(offset, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer read(FileChannel ch, long offset, long length) throws IOException {
        if (offset < 0 || length <= 0 || length > TABLE_MAX || offset + length > ch.size()) return null;
        ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) return null;
        }
        return b.clear();
    }

    /** The {@code PT_LOAD} segments, in file order. */
    public List<Segment> segments() {
        return segments;
    }

    /** The virtual address (link-time, before the load bias) of function {@code name}, or -1. */
    public long function(String name) {
        return functions.getOrDefault(name, -1L);
    }

    /**
     * The file offset of link-time virtual address {@code vaddr}, in an executable
     * segment; -1 when no executable segment holds it.
     */
    public long fileOffset(long vaddr) {
        for (Segment s : segments) {
            if (s.executable() && vaddr >= s.vaddr() && vaddr < s.vaddr() + s.filesz()) {
                return vaddr - s.vaddr() + s.offset();
            }
        }
        return -1;
    }
}
