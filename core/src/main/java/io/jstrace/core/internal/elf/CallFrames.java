package io.jstrace.core.internal.elf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The call-frame information of an ELF file's {@code .eh_frame} (the LSB's "Exception Frames",
 * DWARF 4 section 6.4): each function's FDE, found through {@code .eh_frame_hdr}'s sorted
 * table when there is one, and the CFI row at an address, computed by running its CIE's and
 * FDE's instructions. Reads only what it is asked for; never throws on malformed data (an
 * address then has no row).
 */
public final class CallFrames {
    /** No call-frame information. */
    public static final CallFrames EMPTY = new CallFrames(null, 0, null, 0);

    // DW_EH_PE_* pointer encodings (LSB, "DWARF Exception Header Encoding")
    private static final int PE_OMIT = 0xff, PE_PCREL = 0x10, PE_DATAREL = 0x30, PE_INDIRECT = 0x80;
    private static final int HDR_TABLE_ENC = 0x3b; // DW_EH_PE_datarel | DW_EH_PE_sdata4

    private final ByteBuffer frame;
    private final long frameAddr;
    private final ByteBuffer hdr;
    private final long hdrAddr;
    private final Map<Integer, Cie> cies = new HashMap<>();
    /** Without a usable .eh_frame_hdr: every FDE's start and offset, sorted, built on first use. */
    private long[] starts;
    private int[] offsets;

    private CallFrames(ByteBuffer frame, long frameAddr, ByteBuffer hdr, long hdrAddr) {
        this.frame = frame;
        this.frameAddr = frameAddr;
        this.hdr = hdr;
        this.hdrAddr = hdrAddr;
    }

    /** The call frames of {@code elf}; {@link #EMPTY} when it has no {@code .eh_frame}. */
    public static CallFrames of(ElfFile elf) {
        ElfFile.Section f = elf.section(".eh_frame"), h = elf.section(".eh_frame_hdr");
        ByteBuffer frame = elf.contents(f);
        if (frame == null) return EMPTY;
        ByteBuffer hdr = elf.contents(h);
        return new CallFrames(frame, f.addr(), hdr, hdr == null ? 0 : h.addr());
    }

    /** A CIE: what its FDEs share. */
    record Cie(long codeAlign, long dataAlign, int returnColumn, int fdeEncoding, boolean signalFrame,
            boolean augmented, int instructions, int end) {}

    /** An FDE: the code {@code [start, end)} and its instructions {@code [instructions, limit)}. */
    record Fde(Cie cie, long start, long end, int instructions, int limit) {}

    /** The CFI row in effect at link-time address {@code vaddr}, or {@code null} when no FDE covers it. */
    public CfiRow row(long vaddr) {
        if (frame == null) return null;
        try {
            Fde fde = find(vaddr);
            if (fde == null) return null;
            CfiRow initial = new CfiRow(fde.cie().returnColumn(), fde.cie().signalFrame());
            Cursor c = new Cursor(frame, frameAddr, fde.cie().instructions());
            new CfiInterpreter(c, fde.cie(), initial, null).run(fde.cie().end(), -1L, fde.start());
            CfiRow row = initial.copy();
            c.pos = fde.instructions();
            new CfiInterpreter(c, fde.cie(), row, initial).run(fde.limit(), vaddr, fde.start());
            return row;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Fde find(long vaddr) {
        int at = hdr != null ? searchHeader(vaddr) : searchIndex(vaddr);
        if (at < 0) return null;
        Fde fde = fde(at);
        return fde != null && Long.compareUnsigned(vaddr, fde.start()) >= 0
                && Long.compareUnsigned(vaddr, fde.end()) < 0 ? fde : null;
    }

    /** The .eh_frame offset of the last FDE starting at or below {@code vaddr}, by .eh_frame_hdr's table. */
    private int searchHeader(long vaddr) {
        if (hdr.limit() < 4 || hdr.get(0) != 1 || (hdr.get(3) & 0xff) != HDR_TABLE_ENC) return searchIndex(vaddr);
        Cursor c = new Cursor(hdr, hdrAddr, 4);
        c.encoded(hdr.get(1) & 0xff, 0);
        long count = c.encoded(hdr.get(2) & 0xff, 0);
        int table = c.pos;
        if (count <= 0 || table + count * 8 > hdr.limit()) return searchIndex(vaddr);
        long lo = 0, hi = count - 1, found = -1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            long start = hdrAddr + hdr.getInt((int) (table + mid * 8));
            if (Long.compareUnsigned(start, vaddr) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) return -1;
        return (int) (hdrAddr + hdr.getInt((int) (table + found * 8 + 4)) - frameAddr);
    }

    private int searchIndex(long vaddr) {
        if (starts == null) index();
        int lo = 0, hi = starts.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], vaddr) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? -1 : offsets[found];
    }

    /** Walks every entry of .eh_frame once, keeping each FDE's start. */
    private void index() {
        List<long[]> all = new ArrayList<>();
        int at = 0;
        while (at + 8 <= frame.limit()) {
            long length = frame.getInt(at) & 0xffffffffL;
            if (length == 0 || length == 0xffffffffL || at + 4 + length > frame.limit()) break;
            if (frame.getInt(at + 4) != 0) {
                Fde f = fde(at);
                if (f != null) all.add(new long[] {f.start(), at});
            }
            at += 4 + (int) length;
        }
        all.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        starts = new long[all.size()];
        offsets = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            starts[i] = all.get(i)[0];
            offsets[i] = (int) all.get(i)[1];
        }
    }

    /** The FDE at offset {@code at}, or {@code null}. */
    private Fde fde(int at) {
        if (at < 0 || at + 8 > frame.limit()) return null;
        long length = frame.getInt(at) & 0xffffffffL;
        int id = frame.getInt(at + 4);
        if (length == 0 || length == 0xffffffffL || id == 0 || at + 4 + length > frame.limit()) return null;
        Cie cie = cie(at + 4 - id);
        if (cie == null) return null;
        Cursor c = new Cursor(frame, frameAddr, at + 8);
        long start = c.encoded(cie.fdeEncoding(), 0);
        long range = c.encoded(cie.fdeEncoding() & 0x0f, 0);
        if (cie.augmented()) c.pos += (int) c.uleb();
        return new Fde(cie, start, start + range, c.pos, at + 4 + (int) length);
    }

    private Cie cie(int at) {
        Cie cached = cies.get(at);
        if (cached != null || cies.containsKey(at)) return cached;
        Cie cie = parseCie(at);
        cies.put(at, cie);
        return cie;
    }

    private Cie parseCie(int at) {
        if (at < 0 || at + 9 > frame.limit()) return null;
        long length = frame.getInt(at) & 0xffffffffL;
        if (length == 0xffffffffL || frame.getInt(at + 4) != 0 || at + 4 + length > frame.limit()) return null;
        int end = at + 4 + (int) length;
        Cursor c = new Cursor(frame, frameAddr, at + 8);
        int version = c.u8();
        StringBuilder aug = new StringBuilder();
        for (int b; (b = c.u8()) != 0; ) aug.append((char) b);
        String a = aug.toString();
        if (a.contains("eh")) c.pos += 8;
        long codeAlign = c.uleb(), dataAlign = c.sleb();
        int ra = version == 1 ? c.u8() : (int) c.uleb();
        int fdeEncoding = 0;
        boolean signal = false;
        if (a.startsWith("z")) {
            long augLength = c.uleb();
            int augEnd = c.pos + (int) augLength;
            for (char ch : a.substring(1).toCharArray()) {
                switch (ch) {
                    case 'L' -> c.u8();
                    case 'P' -> c.encoded(c.u8() & ~PE_INDIRECT, 0);
                    case 'R' -> fdeEncoding = c.u8();
                    case 'S' -> signal = true;
                    default -> { }
                }
            }
            c.pos = augEnd;
        } else {
            signal = a.contains("S");
        }
        return new Cie(codeAlign, dataAlign, ra, fdeEncoding, signal, a.startsWith("z"), c.pos, end);
    }

    /** A reader of one section's bytes; {@code base} is the link-time address of byte 0. */
    static final class Cursor {
        final ByteBuffer b;
        final long base;
        int pos;

        Cursor(ByteBuffer b, long base, int pos) {
            this.b = b;
            this.base = base;
            this.pos = pos;
        }

        int u8() {
            return b.get(pos++) & 0xff;
        }

        int u16() {
            int v = b.getShort(pos) & 0xffff;
            pos += 2;
            return v;
        }

        long u32() {
            long v = b.getInt(pos) & 0xffffffffL;
            pos += 4;
            return v;
        }

        long u64() {
            long v = b.getLong(pos);
            pos += 8;
            return v;
        }

        long uleb() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int x = u8();
                if (shift < 64) v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) return v;
            }
        }

        long sleb() {
            long v = 0;
            int shift = 0, x;
            do {
                x = u8();
                if (shift < 64) v |= (long) (x & 0x7f) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            return shift < 64 && (x & 0x40) != 0 ? v | -1L << shift : v;
        }

        /**
         * A pointer in DW_EH_PE encoding {@code enc}; {@code datarel} is the data base. An
         * indirect pointer's target is not read (the file's data is not the process's).
         */
        long encoded(int enc, long datarel) {
            if (enc == PE_OMIT) return 0;
            long here = base + pos;
            long v = switch (enc & 0x0f) {
                case 0x00, 0x04 -> u64();
                case 0x01 -> uleb();
                case 0x02 -> u16();
                case 0x03 -> u32();
                case 0x09 -> sleb();
                case 0x0a -> (short) u16();
                case 0x0b -> (int) u32();
                case 0x0c -> u64();
                default -> throw new IllegalArgumentException("pointer encoding " + enc);
            };
            return switch (enc & 0x70) {
                case 0 -> v;
                case PE_PCREL -> here + v;
                case PE_DATAREL -> datarel + v;
                default -> v;
            };
        }
    }
}
