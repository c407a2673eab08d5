package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.IoUringIowqAcct;
import io.jstrace.syscalls.xlat.IoUringOps;
import io.jstrace.syscalls.xlat.IoUringProbeOpFlags;
import io.jstrace.syscalls.xlat.IoUringRegisterOps;
import io.jstrace.syscalls.xlat.IoUringRestrictionOps;
import io.jstrace.syscalls.xlat.IoUringRsrcRegisterFlags;
import io.jstrace.syscalls.xlat.IoUringSqeFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * io_uring_register(2)'s argument by opcode (include/uapi/linux/io_uring.h), as strace 6.1
 * prints it (src/io_uring.c). IORING_REGISTER_PROBE's and IORING_REGISTER_IOWQ_MAX_WORKERS's
 * arguments are filled in by the kernel: what came back prints after {@code =>}.
 */
final class IoUringRegister {
    /** IORING_REGISTER_FILES_SKIP: an update's descriptor that leaves its slot as it is. */
    private static final int FILES_SKIP = -2;
    /** sizeof(struct io_uring_probe), before its ops; sizeof(struct io_uring_probe_op). */
    private static final int PROBE_SIZE = 16, PROBE_OP_SIZE = 8;
    /** The most ops a probe can hold: an op is a byte. */
    private static final int PROBE_MAX_OPS = 256;
    /** sizeof(struct io_uring_restriction), io_uring_rsrc_update, io_uring_rsrc_register, io_uring_buf_reg. */
    private static final int RESTRICTION_SIZE = 16, RSRC_UPDATE_SIZE = 16, RSRC_SIZE = 32, BUF_REG_SIZE = 40;

    private IoUringRegister() {}

    private static long op(Call c) {
        return c.arg(1) & 0xffff_ffffL;
    }

    private static long nargs(Call c) {
        return c.arg(3) & 0xffff_ffffL;
    }

    /** io_uring_register's op: the opcode, unknown ones in hex with strace's comment. */
    static Value opcode(Call c, int i) {
        return Numbers.named(IoUringRegisterOps.XLAT, c.arg(i) & 0xffff_ffffL, "IORING_REGISTER_???");
    }

    /** The argument as the opcode defines it; an address for the opcodes without one. */
    static Value arg(Call c, int i) {
        long op = op(c), addr = c.arg(i), nr = nargs(c);
        if (op == IoUringRegisterOps.IORING_REGISTER_FILES || op == IoUringRegisterOps.IORING_REGISTER_EVENTFD
                || op == IoUringRegisterOps.IORING_REGISTER_EVENTFD_ASYNC) {
            return TraceeArrays.array(c, addr, nr, 4, raw -> fd(c, raw, 0, false));
        }
        if (op == IoUringRegisterOps.IORING_REGISTER_BUFFERS) return Iovecs.iovecAddresses(c, addr, nr);
        if (op == IoUringRegisterOps.IORING_REGISTER_FILES_UPDATE) return filesUpdate(c, addr, nr);
        if (op == IoUringRegisterOps.IORING_REGISTER_PROBE) return c.exit() == null ? probeAtEntry(c) : probeAtExit(c);
        if (op == IoUringRegisterOps.IORING_REGISTER_RESTRICTIONS) {
            return TraceeArrays.array(c, addr, nr, RESTRICTION_SIZE, IoUringRegister::restriction);
        }
        if (op == IoUringRegisterOps.IORING_REGISTER_FILES2 || op == IoUringRegisterOps.IORING_REGISTER_BUFFERS2) {
            return rsrcRegister(c, addr, nr);
        }
        if (op == IoUringRegisterOps.IORING_REGISTER_FILES_UPDATE2
                || op == IoUringRegisterOps.IORING_REGISTER_BUFFERS_UPDATE) {
            return rsrcUpdate(c, addr, nr);
        }
        if (op == IoUringRegisterOps.IORING_REGISTER_IOWQ_AFF) {
            return nr == 0 && addr != 0 ? new Value.Arr(List.of(), false) : Sched.cpuList(c, addr, nr);
        }
        if (op == IoUringRegisterOps.IORING_REGISTER_IOWQ_MAX_WORKERS) return maxWorkers(c);
        if (op == IoUringRegisterOps.IORING_REGISTER_RING_FDS || op == IoUringRegisterOps.IORING_UNREGISTER_RING_FDS) {
            boolean register = op == IoUringRegisterOps.IORING_REGISTER_RING_FDS;
            return TraceeArrays.array(c, addr, nr, RSRC_UPDATE_SIZE, raw -> ringFd(c, raw, register));
        }
        if (op == IoUringRegisterOps.IORING_REGISTER_PBUF_RING || op == IoUringRegisterOps.IORING_UNREGISTER_PBUF_RING) {
            return bufReg(c, addr);
        }
        return new Addr(addr);
    }

    /** A descriptor; an update's -2 by its name, IORING_REGISTER_FILES_SKIP. */
    private static Value fd(Call c, byte[] raw, int off, boolean update) {
        int fd = TraceeArrays.s32(raw, off);
        if (update && fd == FILES_SKIP) return new Value.Sym(fd, "IORING_REGISTER_FILES_SKIP", Base.SIGNED);
        return FileDecoders.descriptor(c, fd);
    }

    /** struct io_uring_files_update: offset, resv when set, then {@code nr} descriptors at fds. */
    private static Value filesUpdate(Call c, long addr, long nr) {
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, 16);
        if (raw == null) return new Value.Unreadable(addr);
        List<Field> f = new ArrayList<>();
        f.add(field("offset", u32(raw, 0)));
        if (u32v(raw, 4) != 0) f.add(field("resv", Value.hex(u32v(raw, 4))));
        f.add(field("fds", TraceeArrays.array(c, TraceeArrays.u64(raw, 8), nr, 4, b -> fd(c, b, 0, true))));
        return new Value.Struct(f, false);
    }

    /**
     * IORING_REGISTER_PROBE at entry: the probe and {@code nargs} ops as the tracee passed them;
     * nothing yet when they are all zero, as the kernel wants them (the kernel's answer then
     * prints at exit); the address when more than 256 ops are asked for.
     */
    private static Value probeAtEntry(Call c) {
        byte[] raw = probeBytes(c, c.memory());
        if (raw == null) return new Addr(c.arg(2));
        return probe(c, raw, nargs(c), false);
    }

    /** Whether the probe printed at entry: readable, and not all zero. */
    private static boolean probePrintedAtEntry(Call c) {
        byte[] raw = probeBytes(c, c.atEntry());
        if (raw == null) return false;
        for (byte b : raw) if (b != 0) return true;
        return false;
    }

    /** The probe and its {@code nargs} ops; null for NULL, more than 256 ops, or unreadable. */
    private static byte[] probeBytes(Call c, io.jstrace.core.TraceeMemory memory) {
        long addr = c.arg(2), nr = nargs(c);
        if (addr == 0 || nr > PROBE_MAX_OPS) return null;
        return memory.read(addr, PROBE_SIZE + (int) nr * PROBE_OP_SIZE);
    }

    /** The probe after a deferred entry: the kernel's answer, or the address when the call failed. */
    private static Value probeAtExit(Call c) {
        if (!c.succeeded()) return new Addr(c.arg(2));
        return probeFilled(c);
    }

    /** What the kernel filled in: at most ops_len ops of the {@code nargs} room, {@code ...} when it has more. */
    private static Value probeFilled(Call c) {
        byte[] raw = probeBytes(c, c.memory());
        if (raw == null) return new Addr(c.arg(2));
        return probe(c, raw, nargs(c), true);
    }

    /**
     * struct io_uring_probe: last_op, ops_len, resv and resv2 when set, then the ops
     * (struct io_uring_probe_op: op, resv when set, flags, resv2 when set).
     */
    private static Value probe(Call c, byte[] raw, long nr, boolean filled) {
        int opsLen = raw[1] & 0xff;
        List<Field> f = new ArrayList<>();
        f.add(field("last_op", sqeOp(raw[0] & 0xff, Base.UNSIGNED)));
        f.add(field("ops_len", new Num(opsLen, Base.UNSIGNED)));
        int resv = u16(raw, 2);
        if (resv != 0) f.add(field("resv", Value.hex(resv)));
        words(raw, 4, 3, "resv2", f);
        long count = filled ? Math.min(opsLen, nr) : nr;
        int limit = c.options().verbose() ? Integer.MAX_VALUE : c.options().stringLimit();
        List<Value> ops = new ArrayList<>();
        for (int k = 0; k < count && k < limit; k++) ops.add(probeOp(raw, PROBE_SIZE + k * PROBE_OP_SIZE));
        f.add(field("ops", new Value.Arr(ops, count > limit || (filled && nr < opsLen))));
        return new Value.Struct(f, false);
    }

    private static Value probeOp(byte[] raw, int off) {
        List<Field> f = new ArrayList<>();
        f.add(field("op", sqeOp(raw[off] & 0xff, Base.UNSIGNED)));
        if (raw[off + 1] != 0) f.add(field("resv", Value.hex(raw[off + 1] & 0xff)));
        f.add(field("flags", Numbers.flags(IoUringProbeOpFlags.XLAT, u16(raw, off + 2), "IO_URING_OP_???")));
        if (u32v(raw, off + 4) != 0) f.add(field("resv2", Value.hex(u32v(raw, off + 4))));
        return new Value.Struct(f, false);
    }

    /** An IORING_OP_*: unknown ones in {@code base} with strace's comment. */
    private static Value sqeOp(long op, Base base) {
        String name = IoUringOps.XLAT.name(op);
        if (name != null) return new Value.Sym(op, name, base);
        return new Value.Commented(new Num(op, base), "IORING_OP_???");
    }

    /**
     * struct io_uring_restriction: the opcode, then the byte it restricts by: an
     * io_uring_register opcode, an IORING_OP_*, or IOSQE_* flags; resv and resv2 when set.
     */
    private static Value restriction(byte[] raw) {
        List<Field> f = new ArrayList<>();
        int opcode = u16(raw, 0), op = raw[2] & 0xff;
        if (opcode == IoUringRestrictionOps.IORING_RESTRICTION_REGISTER_OP) {
            f.add(field("opcode", Numbers.named(IoUringRestrictionOps.XLAT, opcode, null)));
            f.add(field("register_op", Numbers.named(IoUringRegisterOps.XLAT, op, "IORING_REGISTER_???")));
        } else if (opcode == IoUringRestrictionOps.IORING_RESTRICTION_SQE_OP) {
            f.add(field("opcode", Numbers.named(IoUringRestrictionOps.XLAT, opcode, null)));
            f.add(field("sqe_op", sqeOp(op, Base.HEX)));
        } else if (IoUringRestrictionOps.XLAT.name(opcode) != null) {
            f.add(field("opcode", Numbers.named(IoUringRestrictionOps.XLAT, opcode, null)));
            f.add(field("sqe_flags", Numbers.flags(IoUringSqeFlags.XLAT, op, "IOSQE_???")));
        } else {
            Value unknown = Numbers.named(IoUringRestrictionOps.XLAT, opcode, "IORING_RESTRICTION_???");
            f.add(field("opcode", new Value.Commented(unknown, "op: " + (op == 0 ? "0" : "0x" + Integer.toHexString(op)))));
        }
        if (raw[3] != 0) f.add(field("resv", Value.hex(raw[3] & 0xff)));
        words(raw, 4, 3, "resv2", f);
        return new Value.Struct(f, false);
    }

    /**
     * struct io_uring_rsrc_register (IORING_REGISTER_FILES2, _BUFFERS2), {@code size} bytes:
     * nr, flags, resv2 when set, the nr descriptors or iovecs at data and the nr tags; the
     * bytes past the struct when not zero. The address when size is short of the struct.
     */
    private static Value rsrcRegister(Call c, long addr, long size) {
        byte[] raw = rsrc(c, addr, size);
        if (raw == null) return addr == 0 ? new Addr(0) : new Value.Unreadable(addr);
        long nr = u32v(raw, 0);
        List<Field> f = new ArrayList<>();
        f.add(field("nr", u32(raw, 0)));
        f.add(field("flags", Numbers.flags(IoUringRsrcRegisterFlags.XLAT, u32v(raw, 4), "IORING_RSRC_REGISTER_???")));
        if (TraceeArrays.u64(raw, 8) != 0) f.add(field("resv2", Value.hex(TraceeArrays.u64(raw, 8))));
        f.add(field("data", rsrcData(c, TraceeArrays.u64(raw, 16), nr, false)));
        f.add(field("tags", tags(c, TraceeArrays.u64(raw, 24), nr)));
        return tail(c, addr, size, f);
    }

    /**
     * struct io_uring_rsrc_update2 (IORING_REGISTER_FILES_UPDATE2, _BUFFERS_UPDATE): offset,
     * resv when set, data, tags, nr, resv2 when set; the bytes past it as above.
     */
    private static Value rsrcUpdate(Call c, long addr, long size) {
        byte[] raw = rsrc(c, addr, size);
        if (raw == null) return addr == 0 ? new Addr(0) : new Value.Unreadable(addr);
        long nr = u32v(raw, 24);
        List<Field> f = new ArrayList<>();
        f.add(field("offset", u32(raw, 0)));
        if (u32v(raw, 4) != 0) f.add(field("resv", Value.hex(u32v(raw, 4))));
        f.add(field("data", rsrcData(c, TraceeArrays.u64(raw, 8), nr, true)));
        f.add(field("tags", tags(c, TraceeArrays.u64(raw, 16), nr)));
        f.add(field("nr", u32(raw, 24)));
        if (u32v(raw, 28) != 0) f.add(field("resv2", Value.hex(u32v(raw, 28))));
        return tail(c, addr, size, f);
    }

    /** The 32 bytes of a resource struct; null when NULL, short or unreadable. */
    private static byte[] rsrc(Call c, long addr, long size) {
        if (addr == 0 || size < RSRC_SIZE) return null;
        return c.memory().read(addr, RSRC_SIZE);
    }

    private static Value tail(Call c, long addr, long size, List<Field> f) {
        Value tail = TraceeArrays.nonzeroTail(c, addr, size, RSRC_SIZE);
        if (tail != null) f.add(field("", tail));
        return new Value.Struct(f, false);
    }

    /** A resource update's data: descriptors for the FILES opcodes, iovecs for the BUFFERS ones. */
    private static Value rsrcData(Call c, long data, long nr, boolean update) {
        long op = op(c);
        boolean files = op == IoUringRegisterOps.IORING_REGISTER_FILES2
                || op == IoUringRegisterOps.IORING_REGISTER_FILES_UPDATE2;
        if (!files) return Iovecs.iovecAddresses(c, data, nr);
        return TraceeArrays.array(c, data, nr, 4, b -> fd(c, b, 0, update));
    }

    private static Value tags(Call c, long addr, long nr) {
        return TraceeArrays.array(c, addr, nr, 8, b -> Value.hex(TraceeArrays.u64(b, 0)));
    }

    /** IORING_REGISTER_IOWQ_MAX_WORKERS's array: the worker limits by kind, {@code [[IO_WQ_BOUND]=0, ...]}. */
    private static Value maxWorkers(Call c) {
        if (c.exit() != null && !c.succeeded()) return new Addr(c.arg(2));
        int[] k = {0};
        return TraceeArrays.array(c, c.arg(2), nargs(c), 4, b -> NetlinkAttrs.indexed(
                NetlinkAttrs.index(IoUringIowqAcct.XLAT, k[0]++, "IO_WQ_???"), u32(b, 0)));
    }

    /** Whether the whole array printed at entry, which the kernel's answer then follows. */
    private static boolean maxWorkersComplete(Call c) {
        long addr = c.arg(2), nr = nargs(c);
        if (addr == 0 || nr == 0) return false;
        long shown = c.options().verbose() ? nr : Math.min(nr, c.options().stringLimit() + 1L);
        return shown * 4 <= Integer.MAX_VALUE && c.memory().read(addr, (int) shown * 4) != null;
    }

    /**
     * struct io_uring_rsrc_update of IORING_(UN)REGISTER_RING_FDS: offset (-1 to let the kernel
     * choose, when registering), resv when set, data: the ring's descriptor when registering,
     * the registered index in hex when set when unregistering.
     */
    private static Value ringFd(Call c, byte[] raw, boolean register) {
        List<Field> f = new ArrayList<>();
        long offset = u32v(raw, 0);
        f.add(field("offset", register && offset == 0xffff_ffffL ? Value.dec(-1) : u32(raw, 0)));
        if (u32v(raw, 4) != 0) f.add(field("resv", Value.hex(u32v(raw, 4))));
        long data = TraceeArrays.u64(raw, 8);
        if (register) f.add(field("data", fd(c, raw, 8, false)));
        else if (data != 0) f.add(field("data", Value.hex(data)));
        return new Value.Struct(f, false);
    }

    /** struct io_uring_buf_reg: ring_addr, ring_entries, bgid, pad and resv when set. */
    private static Value bufReg(Call c, long addr) {
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, BUF_REG_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        List<Field> f = new ArrayList<>();
        f.add(field("ring_addr", new Addr(TraceeArrays.u64(raw, 0))));
        f.add(field("ring_entries", u32(raw, 8)));
        f.add(field("bgid", new Num(u16(raw, 12), Base.UNSIGNED)));
        if (u16(raw, 14) != 0) f.add(field("pad", Value.hex(u16(raw, 14))));
        long r0 = TraceeArrays.u64(raw, 16), r1 = TraceeArrays.u64(raw, 24), r2 = TraceeArrays.u64(raw, 32);
        if ((r0 | r1 | r2) != 0) {
            f.add(field("resv", new Value.Arr(List.of(Value.hex(r0), Value.hex(r1), Value.hex(r2)), false)));
        }
        return new Value.Struct(f, false);
    }

    /** {@code n} u32 at {@code off} in hex as member {@code name}, when any is set. */
    private static void words(byte[] raw, int off, int n, String name, List<Field> f) {
        List<Value> w = new ArrayList<>();
        boolean any = false;
        for (int k = 0; k < n; k++) {
            w.add(Value.hex(u32v(raw, off + 4 * k)));
            any |= u32v(raw, off + 4 * k) != 0;
        }
        if (any) f.add(field(name, new Value.Arr(w, false)));
    }

    private static Value u32(byte[] raw, int off) {
        return new Num(u32v(raw, off), Base.UNSIGNED);
    }

    private static long u32v(byte[] raw, int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }

    private static int u16(byte[] raw, int off) {
        return (raw[off] & 0xff) | (raw[off + 1] & 0xff) << 8;
    }

    /** Whether the argument prints at exit, after the kernel filled it in (a probe that was all zero). */
    private static boolean deferred(Call c) {
        if (op(c) != IoUringRegisterOps.IORING_REGISTER_PROBE) return false;
        byte[] raw = probeBytes(c, c.memory());
        if (raw == null) return false;
        for (byte b : raw) if (b != 0) return false;
        return true;
    }

    /** What the kernel wrote into an argument that printed whole at entry. */
    private static Value writeBack(Call c) {
        long op = op(c);
        if (op == IoUringRegisterOps.IORING_REGISTER_PROBE) {
            return c.succeeded() && probePrintedAtEntry(c) ? probeFilled(c) : null;
        }
        if (op == IoUringRegisterOps.IORING_REGISTER_IOWQ_MAX_WORKERS) return maxWorkersComplete(c) ? maxWorkers(c) : null;
        return null;
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return switch (i) {
                    case 1 -> opcode(c, i);
                    case 2 -> IoUringRegister.arg(c, i);
                    default -> SyscallDecoder.super.arg(c, i);
                };
            }

            /** A probe of zeros prints at exit; a probe or max-workers array printed whole is followed by the kernel's answer. */
            @Override
            public int entryArgs(Call c, int visible) {
                long op = op(c);
                if (deferred(c)) return 2;
                boolean answered = op == IoUringRegisterOps.IORING_REGISTER_PROBE
                        || op == IoUringRegisterOps.IORING_REGISTER_IOWQ_MAX_WORKERS;
                return answered ? 3 : visible;
            }

            @Override
            public boolean separatorAtExit(Call c) {
                return true;
            }

            @Override
            public void capture(Call c, EntryMemory.Capture keep) {
                if (op(c) == IoUringRegisterOps.IORING_REGISTER_PROBE && nargs(c) <= PROBE_MAX_OPS) {
                    keep.keep(c.arg(2), PROBE_SIZE + (int) nargs(c) * PROBE_OP_SIZE);
                }
            }

            @Override
            public Value writeBack(Call c) {
                return IoUringRegister.writeBack(c);
            }
        }, "io_uring_register");
    }
}
