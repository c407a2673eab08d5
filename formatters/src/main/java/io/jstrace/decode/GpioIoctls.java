package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.GpioIoctlCmds.*;

import io.jstrace.syscalls.xlat.GpioEventFlags;
import io.jstrace.syscalls.xlat.GpioHandleFlags;
import io.jstrace.syscalls.xlat.GpioLineFlags;
import io.jstrace.syscalls.xlat.GpioV2LineAttrIds;
import io.jstrace.syscalls.xlat.GpioV2LineFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * GPIO character device ioctls (include/uapi/linux/gpio.h, Documentation/userspace-api/gpio/)
 * as strace 6.1 prints them: the chip's info at exit; the line-info requests' offset at entry
 * and the line the kernel described after {@code " => "}; the line requests at entry and the
 * descriptor the kernel made after {@code " => "}; the line values and configurations. Both
 * ABIs, v1 (struct gpioline_info, gpiohandle_*) and v2 (struct gpio_v2_line_*).
 */
final class GpioIoctls {
    /** GPIOHANDLES_MAX and GPIO_V2_LINES_MAX: lines in one request. */
    private static final int LINES_MAX = 64;
    /** GPIO_V2_LINE_NUM_ATTRS_MAX. */
    private static final int ATTRS_MAX = 10;
    /** GPIO_MAX_NAME_SIZE: the char arrays' size. */
    private static final int NAME = 32;
    /** sizeof(struct gpio_v2_line_config): flags, num_attrs, padding[5], attrs[10] of 24 bytes. */
    private static final int V2_CONFIG = 272;

    private GpioIoctls() {}

    static IoctlArg of(long r) {
        if (r == GPIO_GET_CHIPINFO_IOCTL) return IoctlArg.out(GpioIoctls::chipInfo);
        if (r == GPIO_GET_LINEINFO_IOCTL || r == GPIO_GET_LINEINFO_WATCH_IOCTL)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 72, s -> List.of(field("line_offset", s.unsigned32(0)))))
                    .writingBack((c, a) -> after(c, a, 72, GpioIoctls::lineInfo));
        if (r == GPIO_GET_LINEINFO_UNWATCH_IOCTL)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 4, s -> List.of(field("offset", s.unsigned32(0)))));
        if (r == GPIO_GET_LINEHANDLE_IOCTL)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 364, GpioIoctls::handleRequest))
                    .writingBack((c, a) -> after(c, a, 364, s -> fd(s, 360)));
        if (r == GPIO_GET_LINEEVENT_IOCTL)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 48, GpioIoctls::eventRequest))
                    .writingBack((c, a) -> after(c, a, 48, s -> fd(s, 44)));
        if (r == GPIOHANDLE_GET_LINE_VALUES_IOCTL) return IoctlArg.out(GpioIoctls::handleData);
        if (r == GPIOHANDLE_SET_LINE_VALUES_IOCTL) return IoctlArg.in(GpioIoctls::handleData);
        if (r == GPIOHANDLE_SET_CONFIG_IOCTL) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 84, GpioIoctls::handleConfig));
        if (r == GPIO_V2_GET_LINEINFO_IOCTL || r == GPIO_V2_GET_LINEINFO_WATCH_IOCTL)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 256, s -> List.of(field("offset", s.unsigned32(64)))))
                    .writingBack((c, a) -> after(c, a, 256, GpioIoctls::v2LineInfo));
        if (r == GPIO_V2_GET_LINE_IOCTL)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 592, GpioIoctls::v2LineRequest))
                    .writingBack((c, a) -> after(c, a, 592, s -> fd(s, 588)));
        if (r == GPIO_V2_LINE_SET_CONFIG_IOCTL)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, V2_CONFIG, s -> v2Config(s, 0)));
        if (r == GPIO_V2_LINE_GET_VALUES_IOCTL)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 16, s -> List.of(field("mask", s.hex64(8)))))
                    .writingBack((c, a) -> after(c, a, 16, s -> List.of(field("bits", s.hex64(0)))));
        if (r == GPIO_V2_LINE_SET_VALUES_IOCTL)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 16,
                    s -> List.of(field("bits", s.hex64(0)), field("mask", s.hex64(8)))));
        return null;
    }

    /** After {@code " => "}: what the kernel wrote, when the call succeeded and the entry printed the struct. */
    private static Value after(Call c, long addr, int size, RawStruct.Members members) {
        if (!c.succeeded() || addr == 0 || c.memory().read(addr, size) == null) return null;
        return RawStruct.struct(c, addr, size, members);
    }

    private static List<Value.Field> fd(RawStruct s, int off) {
        return List.of(field("fd", FileDecoders.descriptor(s.c(), s.s32(off))));
    }

    /** {@code struct gpiochip_info}: name[32], label[32], lines. */
    private static Value chipInfo(Call c, long addr) {
        return RawStruct.struct(c, addr, 68, s -> List.of(field("name", s.cString(0, NAME)),
                field("label", s.cString(NAME, NAME)), field("lines", s.unsigned32(64))));
    }

    /** {@code struct gpioline_info} as the kernel filled it: line_offset, flags, name[32], consumer[32]. */
    private static List<Value.Field> lineInfo(RawStruct s) {
        return List.of(field("flags", Numbers.flags(GpioLineFlags.XLAT, s.u32(4), "GPIOLINE_FLAG_???")),
                field("name", s.cString(8, NAME)), field("consumer", s.cString(8 + NAME, NAME)));
    }

    /**
     * {@code struct gpiohandle_request}: lineoffsets[64] at 0, flags at 256, default_values[64]
     * (bytes) at 260, consumer_label[32] at 324, lines at 356, fd at 360.
     */
    private static List<Value.Field> handleRequest(RawStruct s) {
        long lines = Math.min(s.u32(356), LINES_MAX);
        return List.of(field("lines", s.unsigned32(356)),
                field("lineoffsets", s.array(0, lines, 4, RawStruct::unsigned32)),
                field("flags", handleFlags(s.u32(256))),
                field("default_values", s.array(260, lines, 1, GpioIoctls::u8)),
                field("consumer_label", s.cString(324, NAME)));
    }

    /** {@code struct gpioevent_request}: lineoffset, handleflags, eventflags, consumer_label[32], fd. */
    private static List<Value.Field> eventRequest(RawStruct s) {
        return List.of(field("lineoffset", s.unsigned32(0)), field("handleflags", handleFlags(s.u32(4))),
                field("eventflags", Numbers.flags(GpioEventFlags.XLAT, s.u32(8), "GPIOEVENT_REQUEST_???")),
                field("consumer_label", s.cString(12, NAME)));
    }

    /** {@code struct gpiohandle_data}: values[64], bytes. */
    private static Value handleData(Call c, long addr) {
        return RawStruct.struct(c, addr, LINES_MAX, s -> List.of(field("values", s.array(0, LINES_MAX, 1, GpioIoctls::u8))));
    }

    /** {@code struct gpiohandle_config}: flags, default_values[64], padding[4]. */
    private static List<Value.Field> handleConfig(RawStruct s) {
        return List.of(field("flags", handleFlags(s.u32(0))),
                field("default_values", s.array(4, LINES_MAX, 1, GpioIoctls::u8)));
    }

    private static Value handleFlags(long v) {
        return Numbers.flags(GpioHandleFlags.XLAT, v, "GPIOHANDLE_REQUEST_???");
    }

    private static Value u8(RawStruct s, int off) {
        return new Value.Num(s.u8(off), Value.Base.UNSIGNED);
    }

    /**
     * {@code struct gpio_v2_line_info} as the kernel filled it: name[32], consumer[32], offset
     * at 64, num_attrs at 68, flags at 72, attrs[10] of 16 bytes at 80, padding[4] at 240.
     */
    private static List<Value.Field> v2LineInfo(RawStruct s) {
        List<Value.Field> f = new ArrayList<>(List.of(field("name", s.cString(0, NAME)),
                field("consumer", s.cString(NAME, NAME)), field("flags", v2Flags(s.u64(72))),
                field("num_attrs", s.unsigned32(68))));
        long attrs = s.u32(68);
        if (attrs != 0) f.add(field("attrs", s.array(80, Math.min(attrs, ATTRS_MAX), 16,
                (t, off) -> new Value.Struct(attribute(t, off, false), false))));
        if (!s.zero(240, 16)) f.add(field("padding", s.array(240, 4, 4, RawStruct::hex32)));
        return f;
    }

    /**
     * {@code struct gpio_v2_line_request}: offsets[64] at 0, consumer[32] at 256, config at
     * 288, num_lines at 560, event_buffer_size at 564, padding[5] at 568, fd at 588.
     */
    private static List<Value.Field> v2LineRequest(RawStruct s) {
        long lines = s.u32(560);
        List<Value.Field> f = new ArrayList<>(List.of(field("num_lines", s.unsigned32(560)),
                field("offsets", s.array(0, Math.min(lines, LINES_MAX), 4, RawStruct::unsigned32)),
                field("consumer", s.cString(256, NAME)),
                field("config", new Value.Struct(v2Config(s, 288), false))));
        if (s.u32(564) != 0) f.add(field("event_buffer_size", s.unsigned32(564)));
        if (!s.zero(568, 20)) f.add(field("padding", s.array(568, 5, 4, RawStruct::hex32)));
        return f;
    }

    /**
     * {@code struct gpio_v2_line_config} at {@code off}: flags, num_attrs at 8, padding[5] at 12,
     * attrs[10] at 32, each an attribute and the mask of the lines it applies to.
     */
    private static List<Value.Field> v2Config(RawStruct s, int off) {
        long attrs = s.u32(off + 8);
        List<Value.Field> f = new ArrayList<>(List.of(field("flags", v2Flags(s.u64(off))),
                field("num_attrs", s.unsigned32(off + 8))));
        if (!s.zero(off + 12, 20)) f.add(field("padding", s.array(off + 12, 5, 4, RawStruct::hex32)));
        if (attrs != 0) f.add(field("attrs", s.array(off + 32, Math.min(attrs, ATTRS_MAX), 24, (t, at) -> {
            List<Value.Field> a = new ArrayList<>(attribute(t, at, true));
            a.add(field("mask", t.hex64(at + 16)));
            return new Value.Struct(a, false);
        })));
        return f;
    }

    /**
     * {@code struct gpio_v2_line_attribute}: id, padding, and the union its id selects (flags,
     * output values or debounce period); an unknown id or a nonzero padding prints the raw
     * fields, inside {@code attr={...}} when the attribute is a member ({@code asField}).
     */
    private static List<Value.Field> attribute(RawStruct s, int off, boolean asField) {
        long id = s.u32(off), padding = s.u32(off + 4);
        if (padding == 0) {
            if (id == GpioV2LineAttrIds.GPIO_V2_LINE_ATTR_ID_FLAGS) return List.of(field("flags", v2Flags(s.u64(off + 8))));
            if (id == GpioV2LineAttrIds.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES) return List.of(field("values", s.hex64(off + 8)));
            if (id == GpioV2LineAttrIds.GPIO_V2_LINE_ATTR_ID_DEBOUNCE)
                return List.of(field("debounce_period_us", s.unsigned32(off + 8)));
        }
        List<Value.Field> raw = new ArrayList<>(List.of(field("id", s.unsigned32(off))));
        if (padding != 0) raw.add(field("padding", s.hex32(off + 4)));
        raw.add(field("data", s.hex64(off + 8)));
        return asField ? List.of(field("attr", new Value.Struct(raw, false))) : raw;
    }

    private static Value v2Flags(long v) {
        return Numbers.flags(GpioV2LineFlags.XLAT, v, "GPIO_V2_LINE_FLAG_???");
    }
}
