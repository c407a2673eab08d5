package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.KdIoctlCmds.*;

import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.xlat.KdFontFlags;
import io.jstrace.syscalls.xlat.KdFontOps;
import io.jstrace.syscalls.xlat.KdKbdModes;
import io.jstrace.syscalls.xlat.KdKbdTypes;
import io.jstrace.syscalls.xlat.KdKeyAsciiKeys;
import io.jstrace.syscalls.xlat.KdKeyBrlKeys;
import io.jstrace.syscalls.xlat.KdKeyCurKeys;
import io.jstrace.syscalls.xlat.KdKeyDeadKeys;
import io.jstrace.syscalls.xlat.KdKeyFnKeys;
import io.jstrace.syscalls.xlat.KdKeyLockKeys;
import io.jstrace.syscalls.xlat.KdKeyPadKeys;
import io.jstrace.syscalls.xlat.KdKeyShiftKeys;
import io.jstrace.syscalls.xlat.KdKeySlockKeys;
import io.jstrace.syscalls.xlat.KdKeySpecKeys;
import io.jstrace.syscalls.xlat.KdKeyTables;
import io.jstrace.syscalls.xlat.KdKeyTypes;
import io.jstrace.syscalls.xlat.KdKeymapBits;
import io.jstrace.syscalls.xlat.KdLedFlags;
import io.jstrace.syscalls.xlat.KdMetaVals;
import io.jstrace.syscalls.xlat.KdModes;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Console and keyboard ioctls (include/uapi/linux/kd.h, keyboard.h, ioctl_console(2)) as
 * strace 6.1 prints them: the tone's frequency in a comment, lights and modes by name, the
 * keymap entries with the key action they hold ({@code K_ENTER}, {@code K(KT_LATIN, 'a')}),
 * the screen maps, fonts and palettes in hex, the accent tables, the Unicode maps, and
 * KDFONTOP's operation and, for the getters, what the kernel filled after {@code " => "}.
 */
final class KdIoctls {
    /** The PC speaker's timer input, 1193182 Hz (drivers/tty/vt/keyboard.c, PIT_TICK_RATE). */
    private static final long PIT_TICK_RATE = 1193182;
    /** E_TABSZ, MAX_DIACR, the font requests' fixed size (8 x 32 x 256 bits), the palette (16 RGB). */
    private static final int E_TABSZ = 256, MAX_DIACR = 256, FONT_SIZE = 8192, CMAP_SIZE = 48;
    /** KDADDIO's ports: GPFIRST and GPLAST (drivers/tty/vt/vt_ioctl.c). */
    private static final long GPFIRST = 0x3b4, GPLAST = 0x3df;
    /** kd.h: the Unicode range a font's glyphs map to directly. */
    private static final int UNI_DIRECT_BASE = 0xf000, UNI_DIRECT_MASK = 0x1ff;
    /** ENOMEM: GIO_UNIMAP's error when the caller's array is too small; the entries still print. */
    private static final long ENOMEM = 12;
    /** The key action tables by key type (keyboard.h KT_*); types without one print as K(type, value). */
    private static final Map<Long, Xlat> KEYS = Map.of(1L, KdKeyFnKeys.XLAT, 2L, KdKeySpecKeys.XLAT, 3L,
            KdKeyPadKeys.XLAT, 4L, KdKeyDeadKeys.XLAT, 6L, KdKeyCurKeys.XLAT, 7L, KdKeyShiftKeys.XLAT, 9L,
            KdKeyAsciiKeys.XLAT, 10L, KdKeyLockKeys.XLAT, 12L, KdKeySlockKeys.XLAT, 14L, KdKeyBrlKeys.XLAT);
    /** The key types whose value is a character: KT_LATIN, KT_META, KT_LETTER, KT_DEAD2. */
    private static final List<Long> CHAR_TYPES = List.of(0L, 8L, 11L, 13L);

    private KdIoctls() {}

    static IoctlArg of(long r) {
        if (r == KDENABIO || r == KDDISABIO || r == KDMAPDISP || r == KDUNMAPDISP || r == PIO_FONTRESET)
            return IoctlArg.NONE;
        if (r == KIOCSOUND) return IoctlArg.in((c, a) -> sound(c, a));
        if (r == KDMKTONE) return IoctlArg.in((c, a) -> tone(c, a & 0xffff_ffffL));
        if (r == KDGETLED) return IoctlArg.out((c, a) -> indirect(c, a, 1, s -> leds(s.u8(0), false)));
        if (r == KDGKBLED) return IoctlArg.out((c, a) -> indirect(c, a, 1, s -> leds(s.u8(0), true)));
        if (r == KDSETLED) return IoctlArg.in((c, a) -> leds(a & 0xff, false));
        if (r == KDSKBLED) return IoctlArg.in((c, a) -> leds(a & 0xff, true));
        if (r == KDGKBTYPE) return IoctlArg.out((c, a) -> indirect(c, a, 1, s -> xval(KdKbdTypes.XLAT, s.u8(0), "KB_???")));
        if (r == KDADDIO || r == KDDELIO) return IoctlArg.in(KdIoctls::port);
        if (r == KDSETMODE) return IoctlArg.in((c, a) -> xval(KdModes.XLAT, a & 0xffff_ffffL, "KD_???"));
        if (r == KDGETMODE) return IoctlArg.out((c, a) -> indirect(c, a, 4, s -> xval(KdModes.XLAT, s.u32(0), "KD_???")));
        if (r == GIO_SCRNMAP) return IoctlArg.out((c, a) -> hexString(c, a, E_TABSZ));
        if (r == PIO_SCRNMAP) return IoctlArg.in((c, a) -> hexString(c, a, E_TABSZ));
        if (r == GIO_UNISCRNMAP) return IoctlArg.out(KdIoctls::uniScreenMap);
        if (r == PIO_UNISCRNMAP) return IoctlArg.in(KdIoctls::uniScreenMap);
        if (r == KDGKBMODE) return IoctlArg.out((c, a) -> indirect(c, a, 4, s -> keyboardMode(s.u32(0))));
        if (r == KDSKBMODE) return IoctlArg.in((c, a) -> keyboardMode(a & 0xffff_ffffL));
        if (r == KDGKBENT) return IoctlArg.split((c, a) -> keymapEntry(c, a, true), 2);
        if (r == KDSKBENT) return IoctlArg.in((c, a) -> keymapEntry(c, a, false));
        if (r == KDGKBSENT) return IoctlArg.split((c, a) -> functionKey(c, a, true), 1);
        if (r == KDSKBSENT) return IoctlArg.in((c, a) -> functionKey(c, a, false));
        if (r == KDGKBDIACR) return IoctlArg.out((c, a) -> accents(c, a, false));
        if (r == KDSKBDIACR) return IoctlArg.in((c, a) -> accents(c, a, false));
        if (r == KDGKBDIACRUC) return IoctlArg.out((c, a) -> accents(c, a, true));
        if (r == KDSKBDIACRUC) return IoctlArg.in((c, a) -> accents(c, a, true));
        if (r == KDGETKEYCODE) return IoctlArg.split(KdIoctls::keycode, 8);
        if (r == KDSETKEYCODE) return IoctlArg.in(KdIoctls::keycode);
        if (r == KDSIGACCEPT) return IoctlArg.in((c, a) -> signal(a));
        if (r == KDKBDREP) return IoctlArg.in(KdIoctls::repeat).writingBack((c, a) -> c.succeeded() ? after(c, a, 8) : null);
        if (r == GIO_FONT) return IoctlArg.out((c, a) -> hexString(c, a, FONT_SIZE));
        if (r == PIO_FONT) return IoctlArg.in((c, a) -> hexString(c, a, FONT_SIZE));
        if (r == KDGKBMETA) return IoctlArg.out((c, a) -> indirect(c, a, 4, s -> xval(KdMetaVals.XLAT, s.u32(0), "K_???")));
        if (r == KDSKBMETA) return IoctlArg.in((c, a) -> xval(KdMetaVals.XLAT, a & 0xffff_ffffL, "K_???"));
        if (r == PIO_UNIMAPCLR) return IoctlArg.in(KdIoctls::unimapInit);
        if (r == GIO_CMAP) return IoctlArg.out((c, a) -> hexString(c, a, CMAP_SIZE));
        if (r == PIO_CMAP) return IoctlArg.in((c, a) -> hexString(c, a, CMAP_SIZE));
        if (r == GIO_UNIMAP) return IoctlArg.split((c, a) -> unimap(c, a, true), 16);
        if (r == PIO_UNIMAP) return IoctlArg.in((c, a) -> unimap(c, a, false));
        if (r == GIO_FONTX) return IoctlArg.in((c, a) -> fontDesc(c, a, true))
                .writingBack((c, a) -> c.succeeded() && c.memory().read(a, 16) != null ? fontDesc(c, a, false) : null);
        if (r == PIO_FONTX) return IoctlArg.in((c, a) -> fontDesc(c, a, false));
        if (r == KDFONTOP) return IoctlArg.in((c, a) -> fontOp(c, a, true)).writingBack(KdIoctls::fontOpDone);
        return null;
    }

    // ---- values ----

    /** A value and a comment strace leaves out under -X raw (its own tprints_comment, not a constant's name). */
    private static Value noted(Value v, String comment) {
        Value c = new Value.Commented(v, comment);
        return new Value.Styled(c, v, c);
    }

    /** KIOCSOUND: the timer count, and the frequency it makes. */
    private static Value sound(Call c, long count) {
        long freq = count == 0 ? 0 : Long.divideUnsigned(PIT_TICK_RATE, count) & 0xffff_ffffL;
        return noted(new Value.Num(count, Value.Base.UNSIGNED), freq != 0 ? freq + " Hz" : "off");
    }

    /** KDMKTONE: the duration in ticks (high 16 bits) and the timer count (low 16). */
    private static Value tone(Call c, long v) {
        long ticks = v >>> 16, count = v & 0xffff;
        long freq = ticks != 0 && count != 0 ? PIT_TICK_RATE / count : 0;
        Value shown = new Value.Text(ticks != 0 ? ticks + "<<16|" + count : Long.toString(count));
        return noted(shown, freq != 0 ? freq + " Hz, " + ticks + " ms" : "off");
    }

    /** The lights (KDSETLED) or the lock flags with their defaults four bits up (KDSKBLED: {@code LED_CAP<<4}). */
    private static Value leds(long v, boolean withDefaults) {
        List<String> names = new ArrayList<>();
        long rest = v;
        for (int shift : withDefaults ? new int[] {0, 4} : new int[] {0}) {
            for (Xlat.Entry e : KdLedFlags.XLAT.entries()) {
                if ((v & e.value() << shift) != 0) {
                    names.add(shift == 0 ? e.name() : e.name() + "<<" + shift);
                    rest &= ~(e.value() << shift);
                }
            }
        }
        if (names.isEmpty() && rest != 0) return new Value.Commented(Value.hex(v), "LED_???");
        return new Value.Flags(v, names, rest);
    }

    /** KDADDIO's port, with its place in the range the console allows. */
    private static Value port(Call c, long port) {
        Value v = Value.hex(port);
        return port >= GPFIRST && port <= GPLAST ? noted(v, "GPFIRST + " + (port - GPFIRST)) : v;
    }

    /** printxval_d: a keyboard mode by name, in decimal otherwise. */
    private static Value keyboardMode(long v) {
        String name = KdKbdModes.XLAT.name(v);
        return name != null ? new Value.Sym(v, name, Value.Base.SIGNED) : new Value.Commented(Value.dec((int) v), "K_???");
    }

    private static Value signal(long n) {
        if (n < 0 || n >= Integer.MAX_VALUE) return new Value.Num(n, Value.Base.UNSIGNED);
        Signal s = n == 0 ? null : Signal.of((int) n);
        return s == null || !s.name().startsWith("SIG") ? Value.dec(n) : new Value.Sym(n, s.name(), Value.Base.SIGNED);
    }

    private static Value xval(Xlat table, long v, String unknown) {
        return Numbers.named(table, v, unknown);
    }

    /** A number behind a pointer, in brackets. */
    private static Value indirect(Call c, long addr, int size, java.util.function.Function<RawStruct, Value> shown) {
        RawStruct s = addr == 0 ? null : RawStruct.read(c, addr, size);
        return s == null ? new Value.Unreadable(addr) : new Value.Arr(List.of(shown.apply(s)), false);
    }

    /**
     * printstr_ex with QUOTE_FORCE_HEX: {@code size} bytes in hex, cut at -s; the address when
     * the bytes printed and the one after them (strace reads one more) cannot be read.
     */
    private static Value hexString(Call c, long addr, int size) {
        if (addr != 0 && c.memory().read(addr, (int) Math.min(size, c.options().stringLimit() + 1L)) == null)
            return new Value.Unreadable(addr);
        return Strings.hexBuffer(Strings.buffer(c, addr, size));
    }

    /** GIO_UNISCRNMAP's 256 unsigned shorts: the glyphs mapped directly as {@code UNI_DIRECT_BASE+0x41}. */
    private static Value uniScreenMap(Call c, long addr) {
        return TraceeArrays.fetched(c, addr, E_TABSZ, 2, raw -> {
            long v = (raw[0] & 0xff) | (raw[1] & 0xff) << 8;
            if ((v & ~UNI_DIRECT_MASK) != UNI_DIRECT_BASE) return Value.hex(v);
            return new Value.Sym(v, "UNI_DIRECT_BASE+" + IoctlRequests.hex(v & UNI_DIRECT_MASK));
        });
    }

    // ---- keymaps ----

    /**
     * {@code struct kbentry}: the keymap (a plain table by name, else the modifier bits that
     * select it), the key's index, and the action (KDGKBENT's at exit) with its name.
     */
    private static Value keymapEntry(Call c, long addr, boolean get) {
        RawStruct in = get ? RawStruct.atEntry(c, addr, 2) : RawStruct.read(c, addr, 2);
        if (addr == 0 || in == null) return new Value.Addr(addr);
        long table = in.u8(0);
        String name = KdKeyTables.XLAT.name(table);
        List<Value.Field> f = new ArrayList<>(List.of(
                field("kb_table", name != null ? new Value.Sym(table, name) : Numbers.bitNumbers(KdKeymapBits.XLAT, table,
                        "K_???")), field("kb_index", new Value.Num(in.u8(1), Value.Base.UNSIGNED))));
        if (get && !c.succeeded()) return new Value.Struct(f, false);
        RawStruct value = RawStruct.read(c, addr + 2, 2);
        f.add(field("kb_value", value == null ? new Value.Text("???") : keyAction(value.u16(0))));
        return new Value.Struct(f, false);
    }

    /** A key action (keyboard.h K(type, value)): in hex, with its name or type and value in a comment. */
    private static Value keyAction(long v) {
        long type = v >>> 8, value = v & 0xff;
        Xlat table = KEYS.get(type);
        String name = table == null ? null : table.name(v);
        if (name == null) {
            String typeName = KdKeyTypes.XLAT.name(type);
            String t = typeName != null ? typeName : IoctlRequests.hex(type);
            name = "K(" + t + ", " + (CHAR_TYPES.contains(type) ? quotedChar((int) value) : IoctlRequests.hex(value)) + ")";
        }
        return noted(Value.hex(v), name);
    }

    /** print_char with quotes and whitespace escapes: {@code 'a'}, {@code '\n'}, {@code '\x00'}. */
    private static String quotedChar(int b) {
        if (b >= 0x20 && b < 0x7f) return b == '\'' || b == '\\' ? "'\\" + (char) b + "'" : "'" + (char) b + "'";
        if (b >= '\t' && b <= '\r') return "'\\" + "tnvfr".charAt(b - '\t') + "'";
        return String.format("'\\x%02x'", b);
    }

    /**
     * {@code struct kbsentry}: the function key (KVAL of its K_F* action), then its string
     * (KDGKBSENT's at exit): up to -s bytes, its NUL left out, {@code ...} when it has none.
     */
    private static Value functionKey(Call c, long addr, boolean get) {
        RawStruct in = get ? RawStruct.atEntry(c, addr, 1) : RawStruct.read(c, addr, 1);
        if (addr == 0 || in == null) return new Value.Addr(addr);
        long func = in.u8(0);
        String name = null;
        for (Xlat.Entry e : KdKeyFnKeys.XLAT.entries()) if ((e.value() & 0xff) == func && name == null) name = e.name();
        List<Value.Field> f = new ArrayList<>(List.of(field("kb_func",
                name != null ? new Value.Sym(func, "KVAL(" + name + ")") : new Value.Commented(Value.hex(func), "KVAL(K_???)"))));
        if (get && !c.succeeded()) return new Value.Struct(f, false);
        f.add(field("kb_string", functionString(c, addr + 1)));
        return new Value.Struct(f, false);
    }

    private static Value functionString(Call c, long addr) {
        io.jstrace.core.TraceeMemory.CString s = c.memory().readString(addr, 511); // umovestr of the 512 bytes
        if (s == null || s.ending() == io.jstrace.core.TraceeMemory.CString.Ending.UNREADABLE) return new Value.Text("???");
        boolean nul = s.ending() == io.jstrace.core.TraceeMemory.CString.Ending.NUL;
        int copied = nul ? s.bytes().length + 1 : 0;
        int n = Math.min(c.options().stringLimit(), copied != 0 ? copied : 512);
        byte[] b = c.memory().read(addr, n);
        if (b == null) return new Value.Text("???");
        if (n > 0 && b[n - 1] == 0) return new Value.Str(java.util.Arrays.copyOf(b, n - 1), false);
        return new Value.Str(b, true);
    }

    /**
     * {@code struct kbdiacrs} (or {@code kbdiacrsuc}, {@code unicode}): the count, and that many
     * accent entries (at most 256, then {@code ...}): characters, or Unicode code points in hex.
     */
    private static Value accents(Call c, long addr, boolean unicode) {
        RawStruct s = addr == 0 ? null : RawStruct.read(c, addr, 4);
        if (s == null) return new Value.Unreadable(addr);
        long count = s.u32(0);
        int size = unicode ? 12 : 3;
        Value entries = TraceeArrays.fetched(c, addr + 4, Math.min(count, MAX_DIACR), size, raw -> {
            RawStruct e = new RawStruct(c, raw);
            String[] names = {"diacr", "base", "result"};
            List<Value.Field> f = new ArrayList<>();
            for (int k = 0; k < 3; k++)
                f.add(field(names[k], unicode ? e.hex32(4 * k) : new Value.Text(quotedChar((int) e.u8(k)))));
            return new Value.Struct(f, false);
        });
        if (count > MAX_DIACR && entries instanceof Value.Arr a && !a.truncated()) entries = new Value.Arr(a.items(), true);
        return new Value.Struct(List.of(field("kb_cnt", new Value.Num(count, Value.Base.UNSIGNED)),
                field(unicode ? "kbdiacruc" : "kbdiacr", entries)), false);
    }

    /** {@code struct kbkeycode}: scancode and keycode; KDGETKEYCODE's keycode {@code =>} the one the kernel has. */
    private static Value keycode(Call c, long addr) {
        boolean get = c.exit() != null;
        RawStruct in = get ? RawStruct.atEntry(c, addr, 8) : RawStruct.read(c, addr, 8);
        if (addr == 0 || in == null) return new Value.Addr(addr);
        Value keycode = in.hex32(4);
        if (get && c.succeeded()) {
            RawStruct out = RawStruct.read(c, addr + 4, 4);
            if (out != null) keycode = new Value.Changed(keycode, out.hex32(0));
        }
        return new Value.Struct(List.of(field("scancode", in.hex32(0)), field("keycode", keycode)), false);
    }

    /** {@code struct kbd_repeat}: delay and period. */
    private static Value repeat(Call c, long addr) {
        RawStruct s = addr == 0 ? null : RawStruct.read(c, addr, 8);
        if (s == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("delay", s.signed32(0)), field("period", s.signed32(4))), false);
    }

    /** After {@code " => "}: the struct again as the kernel left it, when it can be read. */
    private static Value after(Call c, long addr, int size) {
        return addr == 0 || c.memory().read(addr, size) == null ? null : repeat(c, addr);
    }

    /** {@code struct unimapinit}: the hash advice, three unsigned shorts. */
    private static Value unimapInit(Call c, long addr) {
        RawStruct s = addr == 0 ? null : RawStruct.read(c, addr, 6);
        if (s == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("advised_hashsize", unsigned(s.u16(0))),
                field("advised_hashstep", unsigned(s.u16(2))), field("advised_hashlevel", unsigned(s.u16(4)))), false);
    }

    /**
     * {@code struct unimapdesc}: entry_ct and the entries ({@code struct unipair}: unicode,
     * fontpos); GIO_UNIMAP's count {@code =>} the kernel's, and the entries it filled, the
     * pointer only when it failed other than for want of room.
     */
    private static Value unimap(Call c, long addr, boolean get) {
        RawStruct in = get ? RawStruct.atEntry(c, addr, 16) : RawStruct.read(c, addr, 16);
        if (addr == 0 || in == null) return new Value.Addr(addr);
        Value count = unsigned(in.u16(0));
        RawStruct s = in;
        if (get) {
            RawStruct out = RawStruct.read(c, addr, 16);
            if (out == null) return new Value.Struct(List.of(field("entry_ct", count)), false);
            count = new Value.Changed(count, unsigned(out.u16(0)));
            s = out;
            if (!c.succeeded() && -c.ret() != ENOMEM)
                return new Value.Struct(List.of(field("entry_ct", count), field("entries", new Value.Addr(s.u64(8)))), false);
        }
        Value entries = get && !c.succeeded() ? new Value.Addr(s.u64(8))
                : TraceeArrays.fetched(c, s.u64(8), in.u16(0), 4, raw -> {
                    RawStruct e = new RawStruct(c, raw);
                    return new Value.Struct(List.of(field("unicode", Value.hex(e.u16(0))), field("fontpos", Value.hex(e.u16(2)))),
                            false);
                });
        return new Value.Struct(List.of(field("entry_ct", count), field("entries", entries)), false);
    }

    /** {@code struct consolefontdesc}: charcount, charheight, chardata (its bytes in hex unless {@code pointerOnly}). */
    private static Value fontDesc(Call c, long addr, boolean pointerOnly) {
        RawStruct s = addr == 0 ? null : RawStruct.read(c, addr, 16);
        if (s == null) return new Value.Unreadable(addr);
        long count = s.u16(0);
        Value data = pointerOnly ? new Value.Addr(s.u64(8)) : hexString(c, s.u64(8), (int) Math.min(count, 512) * 32);
        return new Value.Struct(List.of(field("charcount", unsigned(count)), field("charheight", unsigned(s.u16(2))),
                field("chardata", data)), false);
    }

    /**
     * {@code struct console_font_op}: the operation and its flags (at entry), the font's
     * size as the operation uses it, and its data: the glyphs in hex, a font name, or the
     * pointer.
     */
    private static Value fontOp(Call c, long addr, boolean entering) {
        RawStruct s = addr == 0 ? null : RawStruct.read(c, addr, 32);
        if (s == null) return new Value.Unreadable(addr);
        long op = s.u32(0);
        boolean setDefault = op == KdFontOps.KD_FONT_OP_SET_DEFAULT, copy = op == KdFontOps.KD_FONT_OP_COPY;
        List<Value.Field> f = new ArrayList<>();
        if (entering) {
            f.add(field("op", xval(KdFontOps.XLAT, op, "KD_FONT_OP_???")));
            if (!setDefault && !copy) f.add(field("flags", Numbers.flags(KdFontFlags.XLAT, s.u32(4), "KD_FONT_FLAG_???")));
        }
        if (!copy) f.add(field("width", s.unsigned32(8)));
        f.add(field("height", s.unsigned32(12)));
        if (!setDefault && !copy) f.add(field("charcount", s.unsigned32(16)));
        long data = s.u64(24);
        if (op == KdFontOps.KD_FONT_OP_GET && entering) f.add(field("data", new Value.Addr(data)));
        else if (op == KdFontOps.KD_FONT_OP_GET || op == KdFontOps.KD_FONT_OP_SET) {
            long size = (Math.min(s.u32(8), 32) + 7) / 8 * 32 * Math.min(s.u32(16), 512);
            f.add(field("data", hexString(c, data, (int) size)));
        } else if (setDefault) {
            if (entering) f.add(field("data", fontName(c, data)));
        } else if (!copy) f.add(field("data", new Value.Addr(data)));
        return new Value.Struct(f, false);
    }

    /**
     * KD_FONT_OP_SET_DEFAULT's font name, at most 32 bytes with its NUL (KERNEL_MAX_FONT_NAME):
     * up to the NUL, else 31 bytes and {@code ...} (printstr_ex with QUOTE_0_TERMINATED and
     * QUOTE_EXPECT_TRAILING_0); cut at -s when that is shorter.
     */
    private static Value fontName(Call c, long addr) {
        final int max = 32;
        byte[] b = addr == 0 || c.options().stringLimit() < max ? null : c.memory().read(addr, max);
        if (b == null) return Strings.cStringWithin(c, addr, max);
        for (int k = 0; k < max; k++) if (b[k] == 0) return new Value.Str(java.util.Arrays.copyOf(b, k), false);
        return new Value.Str(java.util.Arrays.copyOf(b, max - 1), true);
    }

    /** KDFONTOP at exit, after " => ": the font the kernel left, for the operations that return one. */
    private static Value fontOpDone(Call c, long addr) {
        byte[] raw = addr == 0 ? null : c.memory().read(addr, 32);
        if (raw == null || !c.succeeded()) return null;
        long op = TraceeArrays.s32(raw, 0) & 0xffff_ffffL;
        if (op == KdFontOps.KD_FONT_OP_SET || op == KdFontOps.KD_FONT_OP_COPY) return null;
        return fontOp(c, addr, false);
    }

    private static Value unsigned(long v) {
        return new Value.Num(v, Value.Base.UNSIGNED);
    }
}
