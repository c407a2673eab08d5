package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.AioCmds;
import io.jstrace.syscalls.xlat.AioIocbFlags;
import io.jstrace.syscalls.xlat.PollEvents;
import io.jstrace.syscalls.xlat.RwfFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * The native AIO calls (fs/aio.c, include/uapi/linux/aio_abi.h) as strace 6.1 prints them
 * (src/aio.c): io_setup's context, io_submit's iocb pointers, io_cancel's iocb header and
 * the io_events the kernel returns.
 *
 * <p>aio_reqprio prints as an I/O priority, {@code IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)},
 * when aio_flags has IOCB_FLAG_IOPRIO (the kernel then takes it as one, fs/aio.c
 * aio_prep_rw), else as a number when not 0.
 */
final class Aio {
    /** sizeof(struct iocb) and sizeof(struct io_event). */
    private static final int IOCB_SIZE = 64, IO_EVENT_SIZE = 32;
    /** aio_flags' bit: aio_reqprio is an I/O priority (include/uapi/linux/aio_abi.h). */
    private static final long IOCB_FLAG_IOPRIO = 1 << 1;

    private Aio() {}

    /** io_setup's {@code aio_context_t *}, {@code [0x7f...]} once written. */
    static Value context(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0 || TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Value.hex(TraceeArrays.u64(raw, 0))), false);
    }

    /** io_submit's array of {@code nr} iocb pointers, each iocb in full. */
    static Value iocbs(Call c, int i) {
        return TraceeArrays.array(c, c.arg(i), c.arg(i - 1), 8, raw -> iocbAt(c, TraceeArrays.u64(raw, 0), true));
    }

    /** io_cancel's iocb, its header only. */
    static Value iocb(Call c, int i) {
        return iocbAt(c, c.arg(i), false);
    }

    /** AIO_EVENTS: the io_events the kernel wrote; the count is the return value. */
    static Value events(Call c, int i) {
        if (TraceeArrays.exitFailed(c)) return new Addr(c.arg(i));
        return TraceeArrays.array(c, c.arg(i), c.ret(), IO_EVENT_SIZE, Aio::event);
    }

    /** io_cancel's result, one io_event. */
    static Value oneEvent(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0 || TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, IO_EVENT_SIZE);
        return raw == null ? new Value.Unreadable(addr) : event(raw);
    }

    private static Value event(byte[] raw) {
        return new Value.Struct(List.of(field("data", Value.hex(TraceeArrays.u64(raw, 0))),
                field("obj", new Addr(TraceeArrays.u64(raw, 8))), field("res", Value.dec(TraceeArrays.u64(raw, 16))),
                field("res2", Value.dec(TraceeArrays.u64(raw, 24)))), false);
    }

    private static Value iocbAt(Call c, long addr, boolean full) {
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, IOCB_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        List<Field> f = header(c, raw);
        if (full) body(c, raw, f);
        return new Value.Struct(f, false);
    }

    /** aio_data, aio_key and aio_rw_flags when set, the opcode, aio_reqprio when set, the fd. */
    private static List<Field> header(Call c, byte[] raw) {
        List<Field> f = new ArrayList<>();
        f.add(field("aio_data", Value.hex(TraceeArrays.u64(raw, 0))));
        long key = u32(raw, 8), rwFlags = u32(raw, 12);
        if (key != 0) f.add(field("aio_key", new Num(key, Base.UNSIGNED)));
        if (rwFlags != 0) f.add(field("aio_rw_flags", Numbers.flags(RwfFlags.XLAT, rwFlags, "RWF_???")));
        f.add(field("aio_lio_opcode", opcodeValue(opcode(raw))));
        short reqprio = (short) ((raw[18] & 0xff) | (raw[19] & 0xff) << 8);
        if ((u32(raw, 56) & IOCB_FLAG_IOPRIO) != 0) f.add(field("aio_reqprio", Personas.ioprioHex(reqprio & 0xffff)));
        else if (reqprio != 0) f.add(field("aio_reqprio", Value.dec(reqprio)));
        f.add(field("aio_fildes", FileDecoders.descriptor(c, TraceeArrays.s32(raw, 20))));
        return f;
    }

    /** What the opcode uses: the buffer, its size and offset, or the poll events. */
    private static void body(Call c, byte[] raw, List<Field> f) {
        long op = opcode(raw), buf = TraceeArrays.u64(raw, 24), nbytes = TraceeArrays.u64(raw, 32);
        boolean valid = nbytes >= 0;
        if (op == AioCmds.IOCB_CMD_PREAD || op == AioCmds.IOCB_CMD_PWRITE) {
            Value data = op == AioCmds.IOCB_CMD_PWRITE && valid ? Strings.buffer(c, buf, nbytes) : Value.hex(buf);
            f.add(field("aio_buf", data));
            f.add(field("aio_nbytes", new Num(nbytes, Base.UNSIGNED)));
            f.add(field("aio_offset", Value.dec(TraceeArrays.u64(raw, 40))));
        } else if (op == AioCmds.IOCB_CMD_PREADV || op == AioCmds.IOCB_CMD_PWRITEV) {
            if (valid) {
                f.add(field("aio_buf", op == AioCmds.IOCB_CMD_PWRITEV ? Iovecs.iovecs(c, buf, nbytes, -1L)
                        : Iovecs.iovecAddresses(c, buf, nbytes)));
            } else {
                f.add(field("aio_buf", Value.hex(buf)));
                f.add(field("aio_nbytes", new Num(nbytes, Base.UNSIGNED)));
            }
            f.add(field("aio_offset", Value.dec(TraceeArrays.u64(raw, 40))));
        } else if (op == AioCmds.IOCB_CMD_POLL) {
            f.add(field("aio_buf", Numbers.flags(PollEvents.XLAT, buf, "POLL???")));
        } else {
            return;
        }
        commonFlags(c, raw, f);
    }

    /** aio_flags when set; aio_resfd as a descriptor under IOCB_FLAG_RESFD, else in hex when set. */
    private static void commonFlags(Call c, byte[] raw, List<Field> f) {
        long flags = u32(raw, 56), resfd = u32(raw, 60);
        if (flags != 0) f.add(field("aio_flags", Numbers.flags(AioIocbFlags.XLAT, flags, "IOCB_FLAG_???")));
        if ((flags & AioIocbFlags.IOCB_FLAG_RESFD) != 0) {
            f.add(field("aio_resfd", FileDecoders.descriptor(c, (int) resfd)));
        } else if (resfd != 0) {
            f.add(field("aio_resfd", Value.hex(resfd)));
        }
    }

    /** printxval_d: an unknown opcode prints in decimal, {@code 99 /* IOCB_CMD_??? *\/}. */
    private static Value opcodeValue(long op) {
        String name = AioCmds.XLAT.name(op);
        return name != null ? new Value.Sym(op, name, Base.SIGNED) : new Value.Commented(Value.dec(op), "IOCB_CMD_???");
    }

    private static long opcode(byte[] raw) {
        return (raw[16] & 0xff) | (raw[17] & 0xff) << 8;
    }

    private static long u32(byte[] raw, int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(1, Aio::context), "io_setup");
        r.add(SyscallDecoder.custom(2, Aio::iocbs), "io_submit");
        r.add(SyscallDecoder.custom(1, Aio::iocb, 2, Aio::oneEvent), "io_cancel");
    }
}
