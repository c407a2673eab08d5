package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.V4l2BufTypes.*;
import static io.jstrace.syscalls.xlat.V4l2IoctlCmds.*;

import io.jstrace.syscalls.xlat.V4l2BufFlags;
import io.jstrace.syscalls.xlat.V4l2BufFlagsTsSrc;
import io.jstrace.syscalls.xlat.V4l2BufFlagsTsType;
import io.jstrace.syscalls.xlat.V4l2BufTypes;
import io.jstrace.syscalls.xlat.V4l2CaptureModes;
import io.jstrace.syscalls.xlat.V4l2Colorspaces;
import io.jstrace.syscalls.xlat.V4l2ControlClasses;
import io.jstrace.syscalls.xlat.V4l2ControlFlags;
import io.jstrace.syscalls.xlat.V4l2ControlIds;
import io.jstrace.syscalls.xlat.V4l2ControlQueryFlags;
import io.jstrace.syscalls.xlat.V4l2ControlTypes;
import io.jstrace.syscalls.xlat.V4l2DeviceCapabilitiesFlags;
import io.jstrace.syscalls.xlat.V4l2Fields;
import io.jstrace.syscalls.xlat.V4l2FormatDescriptionFlags;
import io.jstrace.syscalls.xlat.V4l2FrameintervalTypes;
import io.jstrace.syscalls.xlat.V4l2FramesizeTypes;
import io.jstrace.syscalls.xlat.V4l2InputTypes;
import io.jstrace.syscalls.xlat.V4l2Memories;
import io.jstrace.syscalls.xlat.V4l2MetaFmts;
import io.jstrace.syscalls.xlat.V4l2PixFmts;
import io.jstrace.syscalls.xlat.V4l2SdrFmts;
import io.jstrace.syscalls.xlat.V4l2SlicedFlags;
import io.jstrace.syscalls.xlat.V4l2StreamingCapabilities;
import io.jstrace.syscalls.xlat.V4l2TunerAudmodes;
import io.jstrace.syscalls.xlat.V4l2TunerCapabilities;
import io.jstrace.syscalls.xlat.V4l2TunerRxsubchanses;
import io.jstrace.syscalls.xlat.V4l2TunerTypes;
import io.jstrace.syscalls.xlat.V4l2VbiFlags;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/**
 * Video4Linux2 ioctls (include/uapi/linux/videodev2.h, Documentation/userspace-api/media/v4l/)
 * as strace 6.1 prints them (when structs are decoded, {@code -e verbose}). Most requests are
 * read-write: what the caller passed (a type, an index) prints, then what the kernel filled
 * when the call succeeded, in the same braces ({@code {index=0, name="PAL", ...}}) or, for
 * the setters the kernel may adjust, after {@code " => "} ({@code {type=..., fmt.pix={...}} =>
 * {fmt.pix={...}}}). Pixel formats print as {@code v4l2_fourcc('Y', 'U', 'Y', 'V')}, control
 * ids by name or as their class and offset ({@code V4L2_CTRL_CLASS_USER+0x10}).
 */
final class V4l2Ioctls {
    /** videodev2.h: the timestamp type and source fields of struct v4l2_buffer's flags. */
    private static final long TIMESTAMP_MASK = 0xe000, TSTAMP_SRC_MASK = 0x70000;
    /** VIDEO_MAX_PLANES, V4L2_CTRL_MAX_DIMS. */
    private static final int MAX_PLANES = 8, MAX_DIMS = 4;
    /** A control id's offset within its class is below this (v4l2-controls.h: the class is the high 16 bits). */
    private static final long CLASS_SPAN = 0x10000;

    private V4l2Ioctls() {}

    static IoctlArg of(long r) {
        if (r == VIDIOC_QUERYCAP) return IoctlArg.out((c, a) -> struct(c, a, 104, V4l2Ioctls::capability));
        if (r == VIDIOC_ENUM_FMT) return split(64, V4l2Ioctls::fmtdesc);
        if (r == VIDIOC_G_FMT || r == VIDIOC_S_FMT || r == VIDIOC_TRY_FMT)
            return split(208, (in, out) -> format(in, out, r == VIDIOC_G_FMT));
        if (r == VIDIOC_REQBUFS) return split(20, V4l2Ioctls::requestBuffers);
        if (r == VIDIOC_QUERYBUF || r == VIDIOC_QBUF || r == VIDIOC_DQBUF)
            return split(88, (in, out) -> buffer(in, out, r == VIDIOC_DQBUF));
        if (r == VIDIOC_G_FBUF) return IoctlArg.out((c, a) -> struct(c, a, 48, V4l2Ioctls::framebuffer));
        if (r == VIDIOC_S_FBUF) return IoctlArg.in((c, a) -> struct(c, a, 48, V4l2Ioctls::framebuffer));
        if (r == VIDIOC_STREAMON || r == VIDIOC_STREAMOFF)
            return IoctlArg.in((c, a) -> indirect(c, a, 4, s -> xval(V4l2BufTypes.XLAT, s.u32(0), "V4L2_BUF_TYPE_???")));
        if (r == VIDIOC_G_PARM || r == VIDIOC_S_PARM)
            return split(204, (in, out) -> streamparm(in, out, r == VIDIOC_G_PARM));
        if (r == VIDIOC_G_STD) return IoctlArg.out((c, a) -> indirect(c, a, 8, s -> s.hex64(0)));
        if (r == VIDIOC_S_STD) return IoctlArg.in((c, a) -> indirect(c, a, 8, s -> s.hex64(0)));
        if (r == VIDIOC_ENUMSTD) return split(72, V4l2Ioctls::standard);
        if (r == VIDIOC_ENUMINPUT) return split(80, V4l2Ioctls::input);
        if (r == VIDIOC_G_CTRL || r == VIDIOC_S_CTRL) return split(8, (in, out) -> control(in, out, r == VIDIOC_G_CTRL));
        if (r == VIDIOC_G_TUNER || r == VIDIOC_S_TUNER) return split(84, (in, out) -> tuner(in, out, r == VIDIOC_G_TUNER));
        if (r == VIDIOC_QUERYCTRL) return split(68, (in, out) -> queryControl(in, out, false));
        if (r == VIDIOC_QUERY_EXT_CTRL) return split(232, (in, out) -> queryControl(in, out, true));
        if (r == VIDIOC_G_INPUT) return IoctlArg.out((c, a) -> indirect(c, a, 4, s -> s.unsigned32(0)));
        if (r == VIDIOC_S_INPUT) return IoctlArg.in((c, a) -> indirect(c, a, 4, s -> s.unsigned32(0)));
        if (r == VIDIOC_CROPCAP) return split(44, V4l2Ioctls::cropcap);
        if (r == VIDIOC_G_CROP) return split(20, V4l2Ioctls::crop);
        if (r == VIDIOC_S_CROP) return IoctlArg.in((c, a) -> struct(c, a, 20, s -> List.of(bufType(s, 0), field("c", rect(s, 4)))));
        if (r == VIDIOC_S_EXT_CTRLS || r == VIDIOC_TRY_EXT_CTRLS || r == VIDIOC_G_EXT_CTRLS)
            return split(32, (in, out) -> extControls(in, out, r == VIDIOC_G_EXT_CTRLS));
        if (r == VIDIOC_ENUM_FRAMESIZES) return split(44, V4l2Ioctls::frameSizes);
        if (r == VIDIOC_ENUM_FRAMEINTERVALS) return split(52, V4l2Ioctls::frameIntervals);
        if (r == VIDIOC_CREATE_BUFS)
            return IoctlArg.in((c, a) -> struct(c, a, 256, V4l2Ioctls::createBuffers)).returning(V4l2Ioctls::created);
        return null;
    }

    // ---- how the argument is read ----

    /** A read-write request's two parts: the struct at entry, and at exit (null when the call failed or it cannot be read). */
    private interface Parts {
        Value of(RawStruct in, RawStruct out);
    }

    /** A struct read whole, printed at entry or at exit. */
    private static Value struct(Call c, long addr, int size, RawStruct.Members members) {
        return c.structs() ? RawStruct.struct(c, addr, size, members) : Value.hex(addr); // RVAL_DECODED under -e verbose=none
    }

    /** A number behind a pointer, in brackets (printnum_*): {@code [0x1]}. */
    private static Value indirect(Call c, long addr, int size, java.util.function.Function<RawStruct, Value> shown) {
        if (!c.structs()) return Value.hex(addr);
        if (addr == 0) return new Value.Addr(0);
        RawStruct s = RawStruct.read(c, addr, size);
        return s == null ? new Value.Unreadable(addr) : new Value.Arr(List.of(shown.apply(s)), false);
    }

    /** A read-write request: {@code size} bytes kept at entry, decoded at exit with what the kernel filled. */
    private static IoctlArg split(int size, Parts parts) {
        return IoctlArg.split((c, a) -> {
            if (!c.structs()) return Value.hex(a);
            if (a == 0) return new Value.Addr(0);
            RawStruct in = RawStruct.atEntry(c, a, size);
            if (in == null) return new Value.Addr(a);
            return parts.of(in, c.succeeded() ? RawStruct.read(c, a, size) : null);
        }, size);
    }

    private static Value struct(List<Value.Field> f) {
        return new Value.Struct(f, false);
    }

    private static List<Value.Field> fields(Value.Field... f) {
        return new ArrayList<>(List.of(f));
    }

    // ---- the requests ----

    /** {@code struct v4l2_capability}: driver[16], card[32], bus_info[32], version, capabilities, device_caps. */
    private static List<Value.Field> capability(RawStruct s) {
        long version = s.u32(80);
        List<Value.Field> f = fields(field("driver", s.cString(0, 16)), field("card", s.cString(16, 32)),
                field("bus_info", s.cString(48, 32)),
                field("version", new Value.Decoded(Value.hex(version), new Value.Fn("KERNEL_VERSION",
                        List.of(unsigned(version >>> 16), unsigned(version >>> 8 & 0xff), unsigned(version & 0xff)), false))),
                field("capabilities", Numbers.flags(V4l2DeviceCapabilitiesFlags.XLAT, s.u32(84), "V4L2_CAP_???")));
        if (s.u32(88) != 0)
            f.add(field("device_caps", Numbers.flags(V4l2DeviceCapabilitiesFlags.XLAT, s.u32(88), "V4L2_CAP_???")));
        return f;
    }

    /** {@code struct v4l2_fmtdesc}: index and type in; flags, description[32], pixelformat out. */
    private static Value fmtdesc(RawStruct in, RawStruct out) {
        List<Value.Field> f = fields(field("index", in.unsigned32(0)), bufType(in, 4));
        if (out != null) {
            f.add(field("flags", Numbers.flags(V4l2FormatDescriptionFlags.XLAT, out.u32(8), "V4L2_FMT_FLAG_???")));
            f.add(field("description", out.cString(12, 32)));
            f.add(field("pixelformat", pixelformat(out.u32(44), V4l2PixFmts.XLAT)));
        }
        return struct(f);
    }

    /**
     * {@code struct v4l2_format}: the type, and the format of that type; G_FMT's at exit in
     * the same braces, S_FMT's and TRY_FMT's at entry and, as the kernel adjusted it, after
     * {@code " => "}. An unknown type, or a window whose clips could not all be read, prints
     * no more.
     */
    private static Value format(RawStruct in, RawStruct out, boolean get) {
        List<Value.Field> f = fields(bufType(in, 0));
        if (get) {
            if (out != null) addFormat(out, 0, f);
            return struct(f);
        }
        boolean complete = addFormat(in, 0, f);
        if (!complete || out == null) return struct(f);
        List<Value.Field> after = new ArrayList<>();
        addFormat(out, 0, after);
        return new Value.Changed(struct(f), struct(after));
    }

    /**
     * The {@code fmt} union of the struct v4l2_format at {@code off} (type there, fmt 8 bytes
     * on) as {@code fmt.pix=...}; whether it printed whole (strace's print_v4l2_format_fmt).
     */
    private static boolean addFormat(RawStruct s, int off, List<Value.Field> f) {
        long type = s.u32(off);
        int at = off + 8;
        if (type == V4L2_BUF_TYPE_VIDEO_CAPTURE || type == V4L2_BUF_TYPE_VIDEO_OUTPUT) f.add(field("fmt.pix", pix(s, at)));
        else if (type == V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE || type == V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE)
            f.add(field("fmt.pix_mp", pixMp(s, at)));
        else if (type == V4L2_BUF_TYPE_VIDEO_OVERLAY || type == V4L2_BUF_TYPE_VIDEO_OUTPUT_OVERLAY) {
            Value clips = clips(s, at);
            f.add(field("fmt.win", window(s, at, clips)));
            return printedWhole(clips);
        } else if (type == V4L2_BUF_TYPE_VBI_CAPTURE || type == V4L2_BUF_TYPE_VBI_OUTPUT) f.add(field("fmt.vbi", vbi(s, at)));
        else if (type == V4L2_BUF_TYPE_SLICED_VBI_CAPTURE || type == V4L2_BUF_TYPE_SLICED_VBI_OUTPUT)
            f.add(field("fmt.sliced", sliced(s, at)));
        else if (type == V4L2_BUF_TYPE_SDR_CAPTURE || type == V4L2_BUF_TYPE_SDR_OUTPUT) f.add(field("fmt.sdr", sdr(s, at)));
        else if (type == V4L2_BUF_TYPE_META_CAPTURE || type == V4L2_BUF_TYPE_META_OUTPUT)
            f.add(field("fmt.meta", struct(fields(field("dataformat", pixelformat(s.u32(at), V4l2MetaFmts.XLAT)),
                    field("buffersize", s.unsigned32(at + 4))))));
        else return false;
        return true;
    }

    /** {@code struct v4l2_pix_format}. */
    private static Value pix(RawStruct s, int at) {
        return struct(fields(field("width", s.unsigned32(at)), field("height", s.unsigned32(at + 4)),
                field("pixelformat", pixelformat(s.u32(at + 8), V4l2PixFmts.XLAT)), field("field", fieldOrder(s, at + 12)),
                field("bytesperline", s.unsigned32(at + 16)), field("sizeimage", s.unsigned32(at + 20)),
                field("colorspace", colorspace(s, at + 24))));
    }

    /** {@code struct v4l2_pix_format_mplane}: plane_fmt[8] of (sizeimage, bytesperline, reserved) up to num_planes (a byte). */
    private static Value pixMp(RawStruct s, int at) {
        long planes = s.u8(at + 180);
        return struct(fields(field("width", s.unsigned32(at)), field("height", s.unsigned32(at + 4)),
                field("pixelformat", pixelformat(s.u32(at + 8), V4l2PixFmts.XLAT)), field("field", fieldOrder(s, at + 12)),
                field("colorspace", colorspace(s, at + 16)),
                field("plane_fmt", s.array(at + 20, Math.min(planes, MAX_PLANES), 20, (t, o) -> struct(fields(
                        field("sizeimage", t.unsigned32(o)), field("bytesperline", t.unsigned32(o + 4)))))),
                field("num_planes", unsigned(planes))));
    }

    /** {@code struct v4l2_window}'s clips: an array of struct v4l2_clip (a rect and a next pointer) in the caller's memory. */
    private static Value clips(RawStruct s, int at) {
        return TraceeArrays.fetched(s.c(), s.u64(at + 24), s.u32(at + 32), 24,
                raw -> struct(fields(field("c", rect(new RawStruct(s.c(), raw), 0)))));
    }

    /** {@code struct v4l2_window}: w, field, chromakey, clips, clipcount, bitmap, global_alpha when set. */
    private static Value window(RawStruct s, int at, Value clips) {
        List<Value.Field> f = fields(field("w", rect(s, at)), field("field", fieldOrder(s, at + 16)),
                field("chromakey", s.hex32(at + 20)), field("clips", clips), field("clipcount", s.unsigned32(at + 32)),
                field("bitmap", new Value.Addr(s.u64(at + 40))));
        if (s.u8(at + 48) != 0) f.add(field("global_alpha", Value.hex(s.u8(at + 48))));
        return struct(f);
    }

    /** Whether print_array printed an array whole (or abbreviated it): not NULL, empty, unreadable or cut short. */
    private static boolean printedWhole(Value v) {
        if (!(v instanceof Value.Arr a) || a.items().isEmpty()) return false;
        return !(a.items().get(a.items().size() - 1) instanceof Value.Commented);
    }

    /** {@code struct v4l2_vbi_format}. */
    private static Value vbi(RawStruct s, int at) {
        return struct(fields(field("sampling_rate", s.unsigned32(at)), field("offset", s.unsigned32(at + 4)),
                field("samples_per_line", s.unsigned32(at + 8)),
                field("sample_format", pixelformat(s.u32(at + 12), V4l2PixFmts.XLAT)),
                field("start", new Value.Arr(List.of(s.signed32(at + 16), s.signed32(at + 20)), false)),
                field("count", new Value.Arr(List.of(s.unsigned32(at + 24), s.unsigned32(at + 28)), false)),
                field("flags", Numbers.flags(V4l2VbiFlags.XLAT, s.u32(at + 32), "V4L2_VBI_???"))));
    }

    /** {@code struct v4l2_sliced_vbi_format}: service_set, service_lines[2][24] (shorts), io_size. */
    private static Value sliced(RawStruct s, int at) {
        List<Value> lines = new ArrayList<>();
        for (int field = 0; field < 2; field++) {
            List<Value> line = new ArrayList<>();
            for (int k = 0; k < 24; k++) line.add(Value.hex(s.u16(at + 2 + 2 * (24 * field + k))));
            lines.add(new Value.Arr(line, false));
        }
        return struct(fields(field("service_set", Numbers.flags(V4l2SlicedFlags.XLAT, s.u16(at), "V4L2_SLICED_???")),
                field("service_lines", new Value.Arr(lines, false)), field("io_size", s.unsigned32(at + 100))));
    }

    /** {@code struct v4l2_sdr_format}: pixelformat, buffersize when set. */
    private static Value sdr(RawStruct s, int at) {
        List<Value.Field> f = fields(field("pixelformat", pixelformat(s.u32(at), V4l2SdrFmts.XLAT)));
        if (s.u32(at + 4) != 0) f.add(field("buffersize", s.unsigned32(at + 4)));
        return struct(f);
    }

    /** {@code struct v4l2_requestbuffers}: type, memory, and the count asked for {@code =>} the count allocated. */
    private static Value requestBuffers(RawStruct in, RawStruct out) {
        Value count = in.unsigned32(0);
        return struct(fields(bufType(in, 4), memory(in, 8),
                field("count", out == null ? count : new Value.Changed(count, out.unsigned32(0)))));
    }

    /**
     * {@code struct v4l2_buffer}: type and index (DQBUF's index is the kernel's), then the
     * buffer the kernel described: memory, its offset or address, length, bytesused, flags
     * (and DQBUF's timestamp), {@code ...}.
     */
    private static Value buffer(RawStruct in, RawStruct out, boolean dequeue) {
        List<Value.Field> f = fields(bufType(in, 4));
        if (!dequeue) f.add(field("index", in.unsigned32(0)));
        if (out == null) return struct(f);
        if (dequeue) f.add(field("index", out.unsigned32(0)));
        long memory = out.u32(60);
        f.add(memory(out, 60));
        if (memory == V4l2Memories.V4L2_MEMORY_MMAP) f.add(field("m.offset", out.hex32(64)));
        else if (memory == V4l2Memories.V4L2_MEMORY_USERPTR) f.add(field("m.userptr", new Value.Addr(out.u64(64))));
        f.add(field("length", out.unsigned32(72)));
        f.add(field("bytesused", out.unsigned32(8)));
        f.add(field("flags", bufferFlags(out.u32(12))));
        if (dequeue) f.add(field("timestamp", struct(fields(field("tv_sec", Value.dec(out.u64(24))),
                field("tv_usec", Value.dec(out.u64(32)))))));
        return new Value.Struct(f, true);
    }

    /** A buffer's flags: the flags, then the timestamp type and source, each by its table. */
    private static Value bufferFlags(long v) {
        long type = v & TIMESTAMP_MASK, source = v & TSTAMP_SRC_MASK, flags = v & ~type & ~source;
        List<Value> parts = new ArrayList<>();
        if (flags != 0) parts.add(Numbers.flags(V4l2BufFlags.XLAT, flags, "V4L2_BUF_FLAG_???"));
        parts.add(xval(V4l2BufFlagsTsType.XLAT, type, "V4L2_BUF_FLAG_TIMESTAMP_???"));
        parts.add(xval(V4l2BufFlagsTsSrc.XLAT, source, "V4L2_BUF_FLAG_TSTAMP_SRC_???"));
        return new Value.Styled(joined(parts, XlatStyle.ABBREV), Value.hex(v), joined(parts, XlatStyle.VERBOSE));
    }

    /** {@code struct v4l2_framebuffer}: capability, flags, base. */
    private static List<Value.Field> framebuffer(RawStruct s) {
        return List.of(field("capability", s.hex32(0)), field("flags", s.hex32(4)), field("base", new Value.Addr(s.u64(8))));
    }

    /**
     * {@code struct v4l2_streamparm}: the type, and for video capture or output the parameters
     * (G_PARM's at exit, S_PARM's at entry and after {@code " => "}).
     */
    private static Value streamparm(RawStruct in, RawStruct out, boolean get) {
        long type = in.u32(0);
        List<Value.Field> f = fields(bufType(in, 0));
        if (type != V4L2_BUF_TYPE_VIDEO_CAPTURE && type != V4L2_BUF_TYPE_VIDEO_OUTPUT) return struct(f);
        if (get) {
            if (out != null) f.add(parm(out, type));
            return struct(f);
        }
        f.add(parm(in, type));
        return out == null ? struct(f) : new Value.Changed(struct(f), struct(fields(parm(out, type))));
    }

    /** {@code struct v4l2_captureparm} or {@code v4l2_outputparm} at 4. */
    private static Value.Field parm(RawStruct s, long type) {
        boolean capture = type == V4L2_BUF_TYPE_VIDEO_CAPTURE;
        return field(capture ? "parm.capture" : "parm.output", struct(fields(
                field("capability", Numbers.flags(V4l2StreamingCapabilities.XLAT, s.u32(4), "V4L2_CAP_???")),
                field(capture ? "capturemode" : "outputmode", Numbers.flags(V4l2CaptureModes.XLAT, s.u32(8), "V4L2_MODE_???")),
                field("timeperframe", fraction(s, 12)), field("extendedmode", s.hex32(20)),
                field(capture ? "readbuffers" : "writebuffers", s.unsigned32(24)))));
    }

    /** {@code struct v4l2_standard}: index in; name[24], frameperiod, framelines out. */
    private static Value standard(RawStruct in, RawStruct out) {
        List<Value.Field> f = fields(field("index", in.unsigned32(0)));
        if (out != null) {
            f.add(field("name", out.cString(16, 24)));
            f.add(field("frameperiod", fraction(out, 40)));
            f.add(field("framelines", out.unsigned32(48)));
        }
        return struct(f);
    }

    /** {@code struct v4l2_input}: index in; name[32], type out. */
    private static Value input(RawStruct in, RawStruct out) {
        List<Value.Field> f = fields(field("index", in.unsigned32(0)));
        if (out != null) {
            f.add(field("name", out.cString(4, 32)));
            f.add(field("type", xval(V4l2InputTypes.XLAT, out.u32(36), "V4L2_INPUT_TYPE_???")));
        }
        return struct(f);
    }

    /** {@code struct v4l2_control}: the id, and G_CTRL's value at exit or S_CTRL's value {@code =>} the value set. */
    private static Value control(RawStruct in, RawStruct out, boolean get) {
        List<Value.Field> f = fields(field("id", cid(in.c(), in.u32(0), false)));
        if (get) {
            if (out != null) f.add(field("value", out.signed32(4)));
        } else {
            f.add(field("value", out == null ? in.signed32(4) : new Value.Changed(in.signed32(4), out.signed32(4))));
        }
        return struct(f);
    }

    /** {@code struct v4l2_tuner}: index, and the tuner (G_TUNER's at exit, S_TUNER's at entry and after {@code " => "}). */
    private static Value tuner(RawStruct in, RawStruct out, boolean get) {
        List<Value.Field> f = fields(field("index", in.unsigned32(0)));
        if (get) {
            if (out != null) f.addAll(tunerFields(out));
            return struct(f);
        }
        f.addAll(tunerFields(in));
        return out == null ? struct(f) : new Value.Changed(struct(f), struct(tunerFields(out)));
    }

    private static List<Value.Field> tunerFields(RawStruct s) {
        return List.of(field("name", s.cString(4, 32)), field("type", xval(V4l2TunerTypes.XLAT, s.u32(36), "V4L2_TUNER_???")),
                field("capability", Numbers.flags(V4l2TunerCapabilities.XLAT, s.u32(40), "V4L2_TUNER_CAP_???")),
                field("rangelow", s.unsigned32(44)), field("rangehigh", s.unsigned32(48)),
                field("rxsubchans", Numbers.flags(V4l2TunerRxsubchanses.XLAT, s.u32(52), "V4L2_TUNER_SUB_???")),
                field("audmode", xval(V4l2TunerAudmodes.XLAT, s.u32(56), "V4L2_TUNER_MODE_???")),
                field("signal", s.signed32(60)), field("afc", s.signed32(64)));
    }

    /**
     * {@code struct v4l2_queryctrl} and {@code v4l2_query_ext_ctrl}: the id asked for (with
     * its V4L2_CTRL_FLAG_NEXT_* flags) {@code =>} the control found when it differs, then its
     * type and name; its limits and flags with {@code -v}, else {@code ...}.
     */
    private static Value queryControl(RawStruct in, RawStruct out, boolean ext) {
        Call c = in.c();
        Value id = cid(c, in.u32(0), true);
        if (out == null) return struct(fields(field("id", id)));
        if (out.u32(0) != in.u32(0)) id = new Value.Changed(id, cid(c, out.u32(0), false));
        List<Value.Field> f = fields(field("id", id),
                field("type", xval(V4l2ControlTypes.XLAT, out.u32(4), "V4L2_CTRL_TYPE_???")),
                field("name", out.cString(8, 32)));
        if (!c.options().verbose()) return new Value.Struct(f, true);
        if (ext) {
            f.add(field("minimum", Value.dec(out.u64(40))));
            f.add(field("maximum", Value.dec(out.u64(48))));
            f.add(field("step", unsigned(out.u64(56))));
            f.add(field("default_value", Value.dec(out.u64(64))));
            f.add(field("flags", controlFlags(out, 72)));
            f.add(field("elem_size", out.unsigned32(76)));
            f.add(field("elems", out.unsigned32(80)));
            f.add(field("nr_of_dims", out.unsigned32(84)));
            f.add(field("dims", out.array(88, Math.min(out.u32(84), MAX_DIMS), 4, RawStruct::unsigned32)));
            if (!out.zero(104, 128)) f.add(field("reserved", out.array(104, 32, 4, RawStruct::hex32)));
        } else {
            f.add(field("minimum", out.signed32(40)));
            f.add(field("maximum", out.signed32(44)));
            f.add(field("step", out.signed32(48)));
            f.add(field("default_value", out.signed32(52)));
            f.add(field("flags", controlFlags(out, 56)));
            if (!out.zero(60, 8)) f.add(field("reserved", out.array(60, 2, 4, RawStruct::hex32)));
        }
        return struct(f);
    }

    private static Value controlFlags(RawStruct s, int off) {
        return Numbers.flags(V4l2ControlFlags.XLAT, s.u32(off), "V4L2_CTRL_FLAG_???");
    }

    /** {@code struct v4l2_cropcap}: type in; bounds, defrect, pixelaspect out. */
    private static Value cropcap(RawStruct in, RawStruct out) {
        List<Value.Field> f = fields(bufType(in, 0));
        if (out != null) {
            f.add(field("bounds", rect(out, 4)));
            f.add(field("defrect", rect(out, 20)));
            f.add(field("pixelaspect", fraction(out, 36)));
        }
        return struct(f);
    }

    /** G_CROP's {@code struct v4l2_crop}: type in, c out. */
    private static Value crop(RawStruct in, RawStruct out) {
        List<Value.Field> f = fields(bufType(in, 0));
        if (out != null) f.add(field("c", rect(out, 4)));
        return struct(f);
    }

    /**
     * {@code struct v4l2_ext_controls}: ctrl_class and count, then the controls (G_EXT_CTRLS's
     * at exit, the setters' at entry and after {@code " => "}), read whether or not the call
     * failed, and the failed call's error_idx.
     */
    private static Value extControls(RawStruct in, RawStruct outOrNull, boolean get) {
        Call c = in.c();
        List<Value.Field> f = fields(field("ctrl_class", xval(V4l2ControlClasses.XLAT, in.u32(0), "V4L2_CTRL_CLASS_???")),
                field("count", in.unsigned32(4)));
        if (in.u32(4) == 0) return struct(f);
        RawStruct out = RawStruct.read(c, c.arg(2), 32); // the controls are read even when the call failed
        if (get) {
            if (out == null) return struct(f);
            f.add(field("controls", controls(out)));
            if (!c.succeeded()) f.add(field("error_idx", out.unsigned32(8)));
            return struct(f);
        }
        Value controls = controls(in);
        f.add(field("controls", controls));
        if (!printedWhole(controls) || out == null) return struct(f);
        List<Value.Field> after = fields(field("controls", controls(out)));
        if (!c.succeeded()) after.add(field("error_idx", out.unsigned32(8)));
        return new Value.Changed(struct(f), struct(after));
    }

    /** The array of {@code struct v4l2_ext_control} (id, size, then the string or the value) at controls. */
    private static Value controls(RawStruct s) {
        Call c = s.c();
        return TraceeArrays.fetched(c, s.u64(24), s.u32(4), 20, raw -> {
            RawStruct e = new RawStruct(c, raw);
            List<Value.Field> f = fields(field("id", xval(V4l2ControlIds.XLAT, e.u32(0), "V4L2_CID_???")),
                    field("size", e.unsigned32(4)));
            if (e.u32(4) > 0) f.add(field("string", Strings.buffer(c, e.u64(12), e.u32(4))));
            else {
                f.add(field("value", e.signed32(12)));
                f.add(field("value64", Value.dec(e.u64(12))));
            }
            return struct(f);
        });
    }

    /** {@code struct v4l2_frmsizeenum}: index and pixel_format in; the type and its discrete or stepwise sizes out. */
    private static Value frameSizes(RawStruct in, RawStruct out) {
        List<Value.Field> f = fields(field("index", in.unsigned32(0)),
                field("pixel_format", pixelformat(in.u32(4), V4l2PixFmts.XLAT)));
        if (out == null) return struct(f);
        long type = out.u32(8);
        f.add(field("type", xval(V4l2FramesizeTypes.XLAT, type, "V4L2_FRMSIZE_TYPE_???")));
        if (type == V4l2FramesizeTypes.V4L2_FRMSIZE_TYPE_DISCRETE)
            f.add(field("discrete", struct(fields(field("width", out.unsigned32(12)), field("height", out.unsigned32(16))))));
        else if (type == V4l2FramesizeTypes.V4L2_FRMSIZE_TYPE_STEPWISE) {
            String[] names = {"min_width", "max_width", "step_width", "min_height", "max_height", "step_height"};
            List<Value.Field> stepwise = new ArrayList<>();
            for (int k = 0; k < names.length; k++) stepwise.add(field(names[k], out.unsigned32(12 + 4 * k)));
            f.add(field("stepwise", struct(stepwise)));
        }
        return struct(f);
    }

    /** {@code struct v4l2_frmivalenum}: index, pixel_format, width, height in; the type and its intervals out. */
    private static Value frameIntervals(RawStruct in, RawStruct out) {
        List<Value.Field> f = fields(field("index", in.unsigned32(0)),
                field("pixel_format", pixelformat(in.u32(4), V4l2PixFmts.XLAT)), field("width", in.unsigned32(8)),
                field("height", in.unsigned32(12)));
        if (out == null) return struct(f);
        long type = out.u32(16);
        f.add(field("type", xval(V4l2FrameintervalTypes.XLAT, type, "V4L2_FRMIVAL_TYPE_???")));
        if (type == V4l2FrameintervalTypes.V4L2_FRMIVAL_TYPE_DISCRETE) f.add(field("discrete", fraction(out, 20)));
        else if (type == V4l2FrameintervalTypes.V4L2_FRMIVAL_TYPE_STEPWISE
                || type == V4l2FrameintervalTypes.V4L2_FRMIVAL_TYPE_CONTINUOUS)
            f.add(field("stepwise", struct(fields(field("min", fraction(out, 20)), field("max", fraction(out, 28)),
                    field("step", fraction(out, 36))))));
        return struct(f);
    }

    /** {@code struct v4l2_create_buffers}: count, memory, and the format (a struct v4l2_format at 16). */
    private static List<Value.Field> createBuffers(RawStruct s) {
        List<Value.Field> format = fields(bufType(s, 16));
        addFormat(s, 16, format);
        return List.of(field("count", s.unsigned32(4)), memory(s, 8), field("format", struct(format)));
    }

    /** What VIDIOC_CREATE_BUFS made, after the return value: {@code 0 ({index=3, count=2})}. */
    private static Value created(Call c) {
        RawStruct s = c.structs() ? RawStruct.read(c, c.arg(2), 256) : null;
        if (s == null) return null;
        return new Value.Noted(Value.dec(c.ret()), List.of(field("", struct(fields(field("index", s.unsigned32(0)),
                field("count", s.unsigned32(4)))))));
    }

    // ---- members ----

    private static Value.Field bufType(RawStruct s, int off) {
        return field("type", xval(V4l2BufTypes.XLAT, s.u32(off), "V4L2_BUF_TYPE_???"));
    }

    private static Value.Field memory(RawStruct s, int off) {
        return field("memory", xval(V4l2Memories.XLAT, s.u32(off), "V4L2_MEMORY_???"));
    }

    private static Value fieldOrder(RawStruct s, int off) {
        return xval(V4l2Fields.XLAT, s.u32(off), "V4L2_FIELD_???");
    }

    private static Value colorspace(RawStruct s, int off) {
        return xval(V4l2Colorspaces.XLAT, s.u32(off), "V4L2_COLORSPACE_???");
    }

    /** {@code struct v4l2_rect}: left, top, width, height. */
    private static Value rect(RawStruct s, int off) {
        return struct(fields(field("left", s.signed32(off)), field("top", s.signed32(off + 4)),
                field("width", s.unsigned32(off + 8)), field("height", s.unsigned32(off + 12))));
    }

    /** {@code struct v4l2_fract}: {@code numerator/denominator}. */
    private static Value fraction(RawStruct s, int off) {
        return new Value.Text(Long.toUnsignedString(s.u32(off)) + "/" + Long.toUnsignedString(s.u32(off + 4)));
    }

    /**
     * A fourcc code: {@code v4l2_fourcc('Y', 'U', 'Y', 'V')} and the format's name in a
     * comment when the table has it; the number under -X raw.
     */
    private static Value pixelformat(long fourcc, Xlat table) {
        List<Value> chars = new ArrayList<>();
        for (int k = 0; k < 4; k++) chars.add(new Value.Text(quotedChar((int) (fourcc >>> (8 * k)) & 0xff)));
        Value fn = new Value.Fn("v4l2_fourcc", chars, false);
        String name = table.name(fourcc);
        Value shown = name == null ? fn : new Value.Commented(fn, name);
        return new Value.Styled(shown, Value.hex(fourcc), shown);
    }

    /** A byte as a C character constant: printable ASCII as is ({@code '\''} and {@code '\\'} escaped), else {@code '\xNN'}. */
    private static String quotedChar(int b) {
        if (b >= 0x20 && b < 0x7f) return b == '\'' || b == '\\' ? "'\\" + (char) b + "'" : "'" + (char) b + "'";
        return String.format("'\\x%02x'", b);
    }

    /**
     * A control id: its name, else its class and offset ({@code V4L2_CTRL_CLASS_USER+0x10}),
     * else unknown; VIDIOC_QUERYCTRL's id may carry V4L2_CTRL_FLAG_NEXT_* ({@code nextFlags}),
     * printed first. The number alone under -X raw.
     */
    private static Value cid(Call c, long cid, boolean nextFlags) {
        long flags = nextFlags ? cid & (V4l2ControlQueryFlags.V4L2_CTRL_FLAG_NEXT_CTRL
                | V4l2ControlQueryFlags.V4L2_CTRL_FLAG_NEXT_COMPOUND) : 0;
        long id = cid & ~flags;
        Value named;
        String name = V4l2ControlIds.XLAT.name(id);
        Xlat.Entry cls = null;
        for (Xlat.Entry e : V4l2ControlClasses.XLAT.entries())
            if (e.value() <= id && (cls == null || e.value() > cls.value())) cls = e;
        if (name != null) named = new Value.Sym(id, name);
        else if (cls != null && id - cls.value() < CLASS_SPAN)
            named = new Value.Sym(id, cls.name() + "+" + IoctlRequests.hex(id - cls.value()));
        else named = new Value.Commented(Value.hex(id), "V4L2_CID_???");
        if (flags == 0) return named;
        List<Value> parts = List.of(Numbers.flags(V4l2ControlQueryFlags.XLAT, flags, "V4L2_CTRL_FLAG_NEXT_???"), named);
        return new Value.Styled(joined(parts, XlatStyle.ABBREV), Value.hex(cid), joined(parts, XlatStyle.VERBOSE));
    }

    private static Value xval(Xlat table, long v, String unknown) {
        return Numbers.named(table, v, unknown);
    }

    /** Values printed in {@code style} and joined by {@code |}, as strace prints a number made of fields. */
    private static Value joined(List<Value> parts, XlatStyle style) {
        StraceText text = new StraceText(StraceText.Escape.OCTAL, style);
        StringBuilder b = new StringBuilder();
        for (Value p : parts) {
            if (b.length() > 0) b.append('|');
            b.append(text.render(p));
        }
        return new Value.Text(b.toString());
    }

    private static Value unsigned(long v) {
        return new Value.Num(v, Value.Base.UNSIGNED);
    }
}
