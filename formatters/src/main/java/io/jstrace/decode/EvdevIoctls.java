package io.jstrace.decode;

import static io.jstrace.decode.IoctlRequests.READ;
import static io.jstrace.decode.IoctlRequests.WRITE;
import static io.jstrace.decode.Value.field;

import io.jstrace.syscalls.xlat.EvdevAbs;
import io.jstrace.syscalls.xlat.EvdevEv;
import io.jstrace.syscalls.xlat.EvdevFfStatus;
import io.jstrace.syscalls.xlat.EvdevFfTypes;
import io.jstrace.syscalls.xlat.EvdevKeycode;
import io.jstrace.syscalls.xlat.EvdevLeds;
import io.jstrace.syscalls.xlat.EvdevMisc;
import io.jstrace.syscalls.xlat.EvdevMtslots;
import io.jstrace.syscalls.xlat.EvdevProp;
import io.jstrace.syscalls.xlat.EvdevRel;
import io.jstrace.syscalls.xlat.EvdevRep;
import io.jstrace.syscalls.xlat.EvdevSnd;
import io.jstrace.syscalls.xlat.EvdevSwitch;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/**
 * Input device (evdev) ioctls, include/uapi/linux/input.h, as strace 6.1 prints them
 * (src/evdev.c): requests with an index or a length in their number by name and fields
 * ({@code EVIOCGABS(ABS_X)}, {@code EVIOCGBIT(EV_KEY, 96)}, {@code EVIOCGNAME(256)}); the
 * getters' results at exit ({@code struct input_id}, {@code struct input_absinfo}, bit sets
 * as the names of their set bits, names as strings), the setters' arguments at entry
 * ({@code struct ff_effect}, key codes, the autorepeat pair).
 */
final class EvdevIoctls {
    /** include/uapi/linux/input-event-codes.h. */
    private static final int EV_KEY = 0x01, EV_REL = 0x02, EV_ABS = 0x03, EV_MSC = 0x04, EV_SW = 0x05,
            EV_LED = 0x11, EV_SND = 0x12, EV_REP = 0x14, EV_FF = 0x15, EV_PWR = 0x16, EV_FF_STATUS = 0x17;
    private static final int EV_MAX = 0x1f, KEY_MAX = 0x2ff, REL_MAX = 0x0f, ABS_MAX = 0x3f, MSC_MAX = 0x07,
            SW_MAX = 0x10, LED_MAX = 0x0f, SND_MAX = 0x07, REP_MAX = 0x01, FF_MAX = 0x7f, FF_STATUS_MAX = 0x01,
            INPUT_PROP_MAX = 0x1f;
    /** include/uapi/linux/input.h: the fixed requests. */
    private static final long EVIOCGVERSION = 0x80044501L, EVIOCGID = 0x80084502L, EVIOCGREP = 0x80084503L,
            EVIOCSREP = 0x40084503L, EVIOCGKEYCODE = 0x80084504L, EVIOCGKEYCODE_V2 = 0x80284504L,
            EVIOCSKEYCODE = 0x40084504L, EVIOCSKEYCODE_V2 = 0x40284504L, EVIOCSFF = 0x40304580L,
            EVIOCRMFF = 0x40044581L, EVIOCGEFFECTS = 0x80044584L, EVIOCGRAB = 0x40044590L,
            EVIOCREVOKE = 0x40044591L, EVIOCSCLOCKID = 0x400445a0L;

    private EvdevIoctls() {}

    /** src/ioctl.c evdev_decode_number: the requests with an index or a length in their number. */
    static String requestName(long v, boolean verbose) {
        int dir = IoctlRequests.dir(v), nr = IoctlRequests.nr(v), size = IoctlRequests.size(v);
        if (dir == WRITE && nr >= 0xc0 && nr <= 0xc0 + ABS_MAX)
            return "EVIOCSABS(" + IoctlRequests.xval(EvdevAbs.XLAT, nr - 0xc0, "ABS_???", verbose) + ")";
        if (dir != READ) return null;
        if (nr >= 0x20 && nr <= 0x20 + EV_MAX)
            return "EVIOCGBIT(" + (nr == 0x20 ? "0" : IoctlRequests.xval(EvdevEv.XLAT, nr - 0x20, "EV_???", verbose))
                    + ", " + size + ")";
        if (nr >= 0x40 && nr <= 0x40 + ABS_MAX)
            return "EVIOCGABS(" + IoctlRequests.xval(EvdevAbs.XLAT, nr - 0x40, "ABS_???", verbose) + ")";
        String name = switch (nr) {
            case 0x06 -> "EVIOCGNAME";
            case 0x07 -> "EVIOCGPHYS";
            case 0x08 -> "EVIOCGUNIQ";
            case 0x09 -> "EVIOCGPROP";
            case 0x0a -> "EVIOCGMTSLOTS";
            case 0x18 -> "EVIOCGKEY";
            case 0x19 -> "EVIOCGLED";
            case 0x1a -> "EVIOCGSND";
            case 0x1b -> "EVIOCGSW";
            default -> null;
        };
        return name == null ? null : name + "(" + size + ")";
    }

    static IoctlArg of(long request) {
        return switch (IoctlRequests.dir(request)) {
            case READ -> IoctlArg.out((c, arg) -> read(c, request, arg));
            case WRITE -> IoctlArg.in((c, arg) -> write(c, request, arg));
            default -> null;
        };
    }

    private static Value read(Call c, long code, long arg) {
        if (code == EVIOCGVERSION) return intIn(c, arg, true);
        if (code == EVIOCGEFFECTS) return intIn(c, arg, false);
        if (code == EVIOCGID) return inputId(c, arg);
        if (code == EVIOCGREP) return pair(c, arg);
        if (code == EVIOCGKEYCODE) return keycode(c, arg);
        if (code == EVIOCGKEYCODE_V2) return keymapEntry(c, arg);
        int nr = IoctlRequests.nr(code);
        switch (nr) {
            case 0x0a: return mtslots(c, code, arg);
            case 0x06, 0x07, 0x08: return Strings.buffer(c, arg, c.ret());
            case 0x09: return bitset(c, arg, EvdevProp.XLAT, INPUT_PROP_MAX, "PROP_???");
            case 0x1a: return bitset(c, arg, EvdevSnd.XLAT, SND_MAX, "SND_???");
            case 0x1b: return bitset(c, arg, EvdevSwitch.XLAT, SW_MAX, "SW_???");
            case 0x18: return bitset(c, arg, EvdevKeycode.XLAT, KEY_MAX, "KEY_???");
            case 0x19: return bitset(c, arg, EvdevLeds.XLAT, LED_MAX, "LED_???");
            default: break;
        }
        if ((nr & ~ABS_MAX) == 0x40) return absinfo(c, code, arg);
        if ((nr & ~EV_MAX) == 0x20) return bits(c, nr & EV_MAX, arg);
        return new Value.Addr(arg);
    }

    private static Value write(Call c, long code, long arg) {
        if (code == EVIOCSREP) return pair(c, arg);
        if (code == EVIOCSKEYCODE) return keycode(c, arg);
        if (code == EVIOCSKEYCODE_V2) return keymapEntry(c, arg);
        if (code == EVIOCRMFF) return Value.dec((int) arg);
        if (code == EVIOCGRAB || code == EVIOCREVOKE) return new Value.Num(arg, Value.Base.UNSIGNED);
        if (code == EVIOCSCLOCKID) return intIn(c, arg, false);
        if (code == EVIOCSFF) return ffEffect(c, arg);
        if ((IoctlRequests.nr(code) & ~ABS_MAX) == 0xc0) return absinfo(c, code, arg);
        return new Value.Addr(arg);
    }

    /** EVIOCGBIT(ev, len): the bits of one event type's codes. */
    private static Value bits(Call c, int ev, long arg) {
        return switch (ev) {
            case 0 -> bitset(c, arg, EvdevEv.XLAT, EV_MAX, "EV_???");
            case EV_KEY -> bitset(c, arg, EvdevKeycode.XLAT, KEY_MAX, "KEY_???");
            case EV_REL -> bitset(c, arg, EvdevRel.XLAT, REL_MAX, "REL_???");
            case EV_ABS -> bitset(c, arg, EvdevAbs.XLAT, ABS_MAX, "ABS_???");
            case EV_MSC -> bitset(c, arg, EvdevMisc.XLAT, MSC_MAX, "MSC_???");
            case EV_SW -> bitset(c, arg, EvdevSwitch.XLAT, SW_MAX, "SW_???");
            case EV_LED -> bitset(c, arg, EvdevLeds.XLAT, LED_MAX, "LED_???");
            case EV_SND -> bitset(c, arg, EvdevSnd.XLAT, SND_MAX, "SND_???");
            case EV_REP -> bitset(c, arg, EvdevRep.XLAT, REP_MAX, "REP_???");
            case EV_FF -> bitset(c, arg, EvdevFfTypes.XLAT, FF_MAX, "FF_???");
            case EV_PWR -> intIn(c, arg, false);
            case EV_FF_STATUS -> bitset(c, arg, EvdevFfStatus.XLAT, FF_STATUS_MAX, "FF_STATUS_???");
            default -> new Value.Addr(arg);
        };
    }

    /**
     * A bit set the kernel filled: as many bits as the returned byte count holds, at most
     * {@code max}, read in whole longs; the set bits' names ({@code [KEY_1 KEY_2]}, four and
     * {@code ...} when abbreviated), the longs themselves in hex under -X raw and -X verbose.
     */
    private static Value bitset(Call c, long arg, Xlat table, int max, String unknown) {
        long ret = c.ret();
        int bits = Long.compareUnsigned(ret, max / 8) > 0 ? max : (int) ret * 8;
        int size = ((bits + 7) / 8 + 7) / 8 * 8;
        if (size == 0) return new Value.Addr(arg);
        byte[] raw = c.memory().read(arg, size);
        if (raw == null) return new Value.Unreadable(arg);
        StringBuilder abbrev = new StringBuilder("["), verbose = new StringBuilder("[");
        int shown = 0;
        for (int i = 0; i < bits; i++) {
            if ((raw[i / 8] & (1 << (i % 8))) == 0) continue;
            if (shown > 0) {
                abbrev.append(' ');
                verbose.append(' ');
                if (!c.options().verbose() && shown > 3) {
                    abbrev.append("...");
                    verbose.append("...");
                    break;
                }
            }
            String name = table.name(i);
            String hex = IoctlRequests.hex(i);
            abbrev.append(name != null ? name : hex + " /* " + unknown + " */");
            verbose.append(hex).append(" /* ").append(name != null ? name : unknown).append(" */");
            shown++;
        }
        abbrev.append(']');
        verbose.append(']');
        StringBuilder words = new StringBuilder("[");
        for (int off = 0; off < size; off += 8) {
            if (off > 0) words.append(", ");
            words.append(IoctlRequests.hex(TraceeArrays.u64(raw, off)));
        }
        words.append(']');
        return new Value.Styled(new Value.Text(abbrev.toString()), new Value.Text(words.toString()),
                new Value.Text(verbose + " /* " + words + " */"));
    }

    /** printnum_int: {@code [0x10001]} for the version, unsigned for the others. */
    private static Value intIn(Call c, long addr, boolean hex) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        long v = u32(raw, 0);
        return new Value.Arr(List.of(hex ? Value.hex(v) : new Value.Num(v, Value.Base.UNSIGNED)), false);
    }

    /** The autorepeat delay and period: two unsigned ints, {@code [250, 33]}. */
    private static Value pair(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(unsigned(u32(raw, 0)), unsigned(u32(raw, 4))), false);
    }

    /** A scancode and its key code: {@code [30, KEY_A]}. */
    private static Value keycode(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(unsigned(u32(raw, 0)), Numbers.named(EvdevKeycode.XLAT, u32(raw, 4), "KEY_???")),
                false);
    }

    /** {@code struct input_keymap_entry}: flags, len, index, keycode, scancode[32]. */
    private static Value keymapEntry(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 40);
        if (raw == null) return new Value.Unreadable(addr);
        List<Value.Field> f = new ArrayList<>(List.of(field("flags", unsigned(raw[0] & 0xff)),
                field("len", unsigned(raw[1] & 0xff))));
        if (!c.options().verbose()) return new Value.Struct(f, true);
        f.add(field("index", unsigned(u16(raw, 2))));
        f.add(field("keycode", Numbers.named(EvdevKeycode.XLAT, u32(raw, 4), "KEY_???")));
        List<Value> scancode = new ArrayList<>();
        for (int i = 0; i < 32; i++) scancode.add(Value.hex(raw[8 + i] & 0xff));
        f.add(field("scancode", new Value.Arr(scancode, false)));
        return new Value.Struct(f, false);
    }

    /** {@code struct input_id}: four unsigned shorts. */
    private static Value inputId(Call c, long addr) {
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("bustype", unsigned(u16(raw, 0))), field("vendor", unsigned(u16(raw, 2))),
                field("product", unsigned(u16(raw, 4))), field("version", unsigned(u16(raw, 6)))), false);
    }

    /**
     * {@code struct input_absinfo} (six ints, printed unsigned), as long as the request's size
     * says: value and minimum when abbreviated; {@code resolution} only when the size holds it.
     */
    private static Value absinfo(Call c, long code, long addr) {
        int size = IoctlRequests.size(code);
        if (size < 20) return new Value.Addr(addr);
        byte[] raw = c.memory().read(addr, Math.min(size, 24));
        if (raw == null) return new Value.Unreadable(addr);
        List<Value.Field> f = new ArrayList<>(List.of(field("value", unsigned(u32(raw, 0))),
                field("minimum", unsigned(u32(raw, 4)))));
        if (!c.options().verbose()) return new Value.Struct(f, true);
        f.add(field("maximum", unsigned(u32(raw, 8))));
        f.add(field("fuzz", unsigned(u32(raw, 12))));
        f.add(field("flat", unsigned(u32(raw, 16))));
        if (size >= 24) f.add(field("resolution", unsigned(u32(raw, 20))));
        return new Value.Struct(f, size > 20 && size != 24);
    }

    /** EVIOCGMTSLOTS(len): {@code struct input_mt_request_layout}, a code and len/4 - 1 values. */
    private static Value mtslots(Call c, long code, long addr) {
        int n = IoctlRequests.size(code) / 4;
        if (n == 0) return new Value.Addr(addr);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        Value values = TraceeArrays.array(c, addr + 4, n - 1, 4, b -> Value.dec(TraceeArrays.s32(b, 0)));
        return new Value.Struct(List.of(field("code", Numbers.named(EvdevMtslots.XLAT, u32(raw, 0), "ABS_MT_???")),
                field("values", values)), false);
    }

    /**
     * {@code struct ff_effect} (48 bytes on 64-bit: type, id, direction, trigger, replay, then
     * the union at 16): its type, id and direction, the rest with -v, the union as the type
     * says for the four types strace decodes.
     */
    private static Value ffEffect(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 48);
        if (raw == null) return new Value.Unreadable(addr);
        int type = u16(raw, 0);
        List<Value.Field> f = new ArrayList<>(List.of(field("type", Numbers.named(EvdevFfTypes.XLAT, type, "FF_???")),
                field("id", Value.dec((short) u16(raw, 2))), field("direction", unsigned(u16(raw, 4)))));
        if (!c.options().verbose()) return new Value.Struct(f, true);
        f.add(field("trigger", struct("button", unsigned(u16(raw, 6)), "interval", unsigned(u16(raw, 8)))));
        f.add(field("replay", struct("length", unsigned(u16(raw, 10)), "delay", unsigned(u16(raw, 12)))));
        switch (type) {
            case 0x52 -> f.add(field("constant", new Value.Struct(List.of(field("level", s16(raw, 16)),
                    field("envelope", envelope(raw, 18))), false)));
            case 0x57 -> f.add(field("ramp", new Value.Struct(List.of(field("start_level", s16(raw, 16)),
                    field("end_level", s16(raw, 18)), field("envelope", envelope(raw, 20))), false)));
            case 0x51 -> f.add(field("periodic", new Value.Struct(List.of(field("waveform", unsigned(u16(raw, 16))),
                    field("period", unsigned(u16(raw, 18))), field("magnitude", s16(raw, 20)),
                    field("offset", s16(raw, 22)), field("phase", unsigned(u16(raw, 24))),
                    field("envelope", envelope(raw, 26)), field("custom_len", unsigned(u32(raw, 36))),
                    field("custom_data", new Value.Addr(TraceeArrays.u64(raw, 40)))), false)));
            case 0x50 -> f.add(field("rumble", struct("strong_magnitude", unsigned(u16(raw, 16)),
                    "weak_magnitude", unsigned(u16(raw, 18)))));
            default -> { }
        }
        return new Value.Struct(f, false);
    }

    /** {@code struct ff_envelope}: three unsigned shorts and fade_level in hex. */
    private static Value envelope(byte[] raw, int off) {
        return new Value.Struct(List.of(field("attack_length", unsigned(u16(raw, off))),
                field("attack_level", unsigned(u16(raw, off + 2))), field("fade_length", unsigned(u16(raw, off + 4))),
                field("fade_level", Value.hex(u16(raw, off + 6)))), false);
    }

    private static Value struct(String a, Value av, String b, Value bv) {
        return new Value.Struct(List.of(field(a, av), field(b, bv)), false);
    }

    private static Value unsigned(long v) {
        return new Value.Num(v, Value.Base.UNSIGNED);
    }

    private static Value s16(byte[] raw, int off) {
        return Value.dec((short) u16(raw, off));
    }

    private static int u16(byte[] raw, int off) {
        return (raw[off] & 0xff) | (raw[off + 1] & 0xff) << 8;
    }

    private static long u32(byte[] raw, int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }
}
