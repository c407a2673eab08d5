package io.jstrace.core.internal.elf;

import io.jstrace.core.internal.ProcFs;
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
 * The parts of a 64-bit little-endian ELF file a breakpoint and a stack trace need (elf(5),
 * include/uapi/linux/elf.h): its loadable segments ({@code PT_LOAD}), to turn a symbol's
 * virtual address into a file offset, its function symbols from {@code .symtab} and
 * {@code .dynsym}, and its section headers, whose contents ({@code .eh_frame}, the symbol
 * tables) are read on demand. Reads only the headers and the tables asked for, with
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

    /** A section header: {@code size} bytes at file {@code offset}, loaded at link-time address {@code addr}. */
    public record Section(String name, int type, long addr, long offset, long size, int link) {}

    /** A {@code PT_LOAD} program header: {@code filesz} bytes at {@code offset} are mapped at {@code vaddr}. */
    public record Segment(long offset, long vaddr, long filesz, boolean executable) {}

    private final Path path;
    private final List<Segment> segments;
    private final List<Section> sections;
    private final Map<String, Long> functions;

    private ElfFile(Path path, List<Segment> segments, List<Section> sections, Map<String, Long> functions) {
        this.path = path;
        this.segments = segments;
        this.sections = sections;
        this.functions = functions;
    }

    /** An ELF file with no segments and no symbols: what a file that does not parse reads as. */
    public static final ElfFile EMPTY = new ElfFile(null, List.of(), List.of(), Map.of());

    /**
     * Reads {@code path}, keeping the functions among {@code wanted} (all when {@code null});
     * {@link #EMPTY} when it is not a 64-bit little-endian ELF file or cannot be read.
     */
    public static ElfFile read(Path path, Set<String> wanted) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return parse(path, ch, wanted);
        } catch (IOException | RuntimeException e) {
            return EMPTY;
        }
    }

    /** Where file {@code path} of process {@code pid} is: under its root, which may not be ours. */
    public static Path inRootOf(int pid, String path) {
        Path inRoot = Path.of(ProcFs.pidDir(pid) + "/root" + path);
        return java.nio.file.Files.exists(inRoot) ? inRoot : Path.of(path);
    }

    private static ElfFile parse(Path path, FileChannel ch, Set<String> wanted) throws IOException {
        ByteBuffer eh = read(ch, 0, EHDR_SIZE);
        if (eh == null || eh.getInt(0) != 0x464c457f || eh.get(4) != ELFCLASS64 || eh.get(5) != ELFDATA2LSB) {
            return EMPTY;
        }
        long phoff = eh.getLong(32), shoff = eh.getLong(40);
        int phnum = eh.getShort(56) & 0xffff, shnum = eh.getShort(60) & 0xffff, shstrndx = eh.getShort(62) & 0xffff;
        List<Section> sections = sections(ch, shoff, shnum, shstrndx);
        return new ElfFile(path, segments(ch, phoff, phnum), sections,
                wanted != null && wanted.isEmpty() ? Map.of() : functions(ch, sections, wanted));
    }

    private static List<Section> sections(FileChannel ch, long shoff, int shnum, int shstrndx) throws IOException {
        ByteBuffer sh = read(ch, shoff, (long) shnum * SHDR_SIZE);
        if (sh == null) return List.of();
        ByteBuffer names = shstrndx < shnum
                ? read(ch, sh.getLong(shstrndx * SHDR_SIZE + 24), sh.getLong(shstrndx * SHDR_SIZE + 32)) : null;
        List<Section> out = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            int at = i * SHDR_SIZE;
            String name = names == null ? null : string(names, sh.getInt(at));
            out.add(new Section(name == null ? "" : name, sh.getInt(at + 4), sh.getLong(at + 16), sh.getLong(at + 24),
                    sh.getLong(at + 32), sh.getInt(at + 40)));
        }
        return List.copyOf(out);
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
    private static Map<String, Long> functions(FileChannel ch, List<Section> sections, Set<String> wanted)
            throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            if (!isSymbolTable(s) || s.link() <= 0 || s.link() >= sections.size()) continue;
            Section strings = sections.get(s.link());
            ByteBuffer syms = read(ch, s.offset(), s.size());
            ByteBuffer strs = read(ch, strings.offset(), strings.size());
            ByteBuffer versions = versions(ch, sections, i);
            if (syms != null && strs != null) addFunctions(syms, strs, versions, wanted, out);
        }
        return out;
    }

    /** A {@code SHT_SYMTAB} or {@code SHT_DYNSYM} section. */
    public static boolean isSymbolTable(Section s) {
        return s.type() == SHT_SYMTAB || s.type() == SHT_DYNSYM;
    }

    /** The SHT_GNU_VERSYM section that goes with symbol table {@code symtab} (its sh_link), or {@code null}. */
    private static ByteBuffer versions(FileChannel ch, List<Section> sections, int symtab) throws IOException {
        for (Section s : sections) {
            if (s.type() == SHT_GNU_VERSYM && s.link() == symtab) return read(ch, s.offset(), s.size());
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
    public static String string(ByteBuffer strs, int offset) {
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

    /** The section headers, in file order (index {@code i} is section {@code i}). */
    public List<Section> sections() {
        return sections;
    }

    /** The first section named {@code name}, or {@code null}. */
    public Section section(String name) {
        for (Section s : sections) {
            if (s.name().equals(name)) return s;
        }
        return null;
    }

    /** The bytes of section {@code s} (little-endian), or {@code null} when they cannot be read. */
    public ByteBuffer contents(Section s) {
        if (path == null || s == null) return null;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(ch, s.offset(), s.size());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The {@code PT_LOAD} segments, in file order. */
    public List<Segment> segments() {
        return segments;
    }

    /** The virtual address (link-time, before the load bias) of function {@code name}, or -1. */
    public long function(String name) {
        return functions.getOrDefault(name, -1L);
    }

    /** The link-time virtual address of file offset {@code offset}, in a loaded segment; -1 when none holds it. */
    public long virtualAddress(long offset) {
        for (Segment s : segments) {
            if (offset >= s.offset() && offset < s.offset() + s.filesz()) return offset - s.offset() + s.vaddr();
        }
        return -1;
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
