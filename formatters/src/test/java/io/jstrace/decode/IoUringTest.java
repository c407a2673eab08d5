package io.jstrace.decode;

import static io.jstrace.decode.FsioCalls.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** io_uring_setup, io_uring_enter and io_uring_register; expected texts are strace 6.1's. */
class IoUringTest {
    private static final long P = 0x7ffc_12e0_4cc0L, A = 0x7ffc_12e0_4b38L;
    private static final long EINVAL = -22, EFAULT = -14;

    /** struct io_uring_params: sizes, flags, cpu, idle, features, wq_fd, resv, then the offsets. */
    private static byte[] params(int sq, int cq, int flags, int features, int resv1, boolean offsets) {
        ByteBuffer b = ByteBuffer.allocate(120).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(sq).putInt(cq).putInt(flags).putInt(0).putInt(0).putInt(features).putInt(0).putInt(0).putInt(resv1)
                .putInt(0);
        if (offsets) {
            for (int v : new int[] {0, 4, 16, 24, 36, 32, 192, 0}) b.putInt(v);
            b.putLong(0);
            for (int v : new int[] {8, 12, 20, 28, 44, 64, 40, 0}) b.putInt(v);
            b.putLong(0);
        }
        return b.array();
    }

    private static final String OFFSETS = "sq_off={head=0, tail=4, ring_mask=16, ring_entries=24, flags=36, dropped=32, "
            + "array=192}, cq_off={head=8, tail=12, ring_mask=20, ring_entries=28, overflow=44, cqes=64, flags=40}";

    @Test
    void setupPrintsWhatWentInAndWhatCameBack() {
        FakeMemory in = new FakeMemory().put(P, params(0, 0, 0, 0, 0, false));
        FakeMemory out = new FakeMemory().put(P, params(4, 8, 0, 0x3e003, 0, true));
        Call c = Calls.of("io_uring_setup").args(4, P).atEntry(in).mem(out).exit(3);
        assertEquals("4, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=4, cq_entries=8, "
                + "features=IORING_FEAT_SINGLE_MMAP|IORING_FEAT_NODROP|0x3e000, " + OFFSETS + "}", args(c));
    }

    @Test
    void setupFailuresShowOnlyTheInput() {
        FakeMemory bad = new FakeMemory().put(P, params(0, 0, 0x80000000, 0, 0, false));
        assertEquals("2, {flags=0x80000000 /* IORING_SETUP_??? */, sq_thread_cpu=0, sq_thread_idle=0}",
                args(Calls.of("io_uring_setup").args(2, P).mem(bad).exit(EINVAL)));
        FakeMemory resv = new FakeMemory().put(P, params(0, 0, 0x18, 0, 5, false));
        assertEquals("2, {flags=IORING_SETUP_CQSIZE|IORING_SETUP_CLAMP, sq_thread_cpu=0, sq_thread_idle=0, "
                + "resv=[0, 0x5, 0]}", args(Calls.of("io_uring_setup").args(2, P).mem(resv).exit(EINVAL)));
        assertEquals("2, NULL", args(Calls.of("io_uring_setup").args(2, 0).exit(EFAULT)));
        assertEquals("2, 0x8", args(Calls.of("io_uring_setup").args(2, 8).exit(EFAULT)));
    }

    @Test
    void enterFlags() {
        assertEquals("3, 0, 0, IORING_ENTER_GETEVENTS, NULL, 8", args(Calls.of("io_uring_enter").args(3, 0, 0, 1, 0, 8).exit(0)));
        assertEquals("3, 0, 0, 0x1000 /* IORING_ENTER_??? */, NULL, 0",
                args(Calls.of("io_uring_enter").args(3, 0, 0, 0x1000, 0, 0).exit(EINVAL)));
    }

    @Test
    void registerByOpcode() {
        FakeMemory m = new FakeMemory().putInts(A, 0, 1).putLongs(A + 16, 0x7ffc8392b3b0L, 64);
        assertEquals("3, IORING_REGISTER_FILES, [0, 1], 2", args(Calls.of("io_uring_register").args(3, 2, A, 2).mem(m).exit(0)));
        assertEquals("3, IORING_REGISTER_EVENTFD, [0], 1", args(Calls.of("io_uring_register").args(3, 4, A, 1).mem(m).exit(EINVAL)));
        assertEquals("3, IORING_REGISTER_BUFFERS, [{iov_base=0x7ffc8392b3b0, iov_len=64}], 1",
                args(Calls.of("io_uring_register").args(3, 0, A + 16, 1).mem(m).exit(0)));
        assertEquals("3, 0x3e7 /* IORING_REGISTER_??? */, NULL, 0",
                args(Calls.of("io_uring_register").args(3, 999, 0, 0).exit(EINVAL)));
        assertEquals("3, IORING_REGISTER_PROBE, 0x7ffc12e04b38, 0",
                args(Calls.of("io_uring_register").args(3, 8, A, 0).mem(m).exit(EINVAL)));
        assertEquals("3, IORING_REGISTER_FILES, 0x8, 2", args(Calls.of("io_uring_register").args(3, 2, 8, 2).exit(EFAULT)));
    }

    @Test
    void registerRestrictions() {
        byte[] r = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0).put((byte) 0).put((byte) 0).putInt(0).putInt(0).putInt(0)
                .putShort((short) 2).put((byte) 0x41).put((byte) 0x7).putInt(0).putInt(5).putInt(0)
                .putShort((short) 9).put((byte) 0xef).put((byte) 0).putInt(0).putInt(0).putInt(0).array();
        FakeMemory m = new FakeMemory().put(A, r);
        assertEquals("3, IORING_REGISTER_RESTRICTIONS, [{opcode=IORING_RESTRICTION_REGISTER_OP, "
                + "register_op=IORING_REGISTER_BUFFERS}, {opcode=IORING_RESTRICTION_SQE_FLAGS_ALLOWED, "
                + "sqe_flags=IOSQE_FIXED_FILE|IOSQE_CQE_SKIP_SUCCESS, resv=0x7, resv2=[0, 0x5, 0]}, "
                + "{opcode=0x9 /* IORING_RESTRICTION_??? */ /* op: 0xef */}, ... /* 0x7ffc12e04b68 */], 4",
                args(Calls.of("io_uring_register").args(3, 11, A, 4).mem(m).exit(EINVAL)));
    }

    /** A probe that is not all zero prints at entry, and what the kernel filled in after {@code =>}. */
    @Test
    void registerProbe() {
        byte[] in = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1).array();
        byte[] out = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).put((byte) 46).put((byte) 47)
                .putShort((short) 0).putInt(0).putLong(0).put((byte) 0).put((byte) 0).putShort((short) 1).putInt(0)
                .put((byte) 47).put((byte) 0).putShort((short) 0).putInt(0).array();
        Call c = Calls.of("io_uring_register").args(3, 8, A, 2).atEntry(new FakeMemory().put(A, in))
                .mem(new FakeMemory().put(A, out)).exit(0);
        assertEquals("{last_op=IORING_OP_READV, ops_len=0, ops=[{op=IORING_OP_NOP, flags=0}, {op=IORING_OP_NOP, flags=0}]}",
                Calls.render(Formatters.format(Calls.of("io_uring_register").args(3, 8, A, 2).mem(new FakeMemory().put(A, in)).enter(), 2)));
        assertEquals("{last_op=IORING_OP_URING_CMD, ops_len=47, ops=[{op=IORING_OP_NOP, flags=IO_URING_OP_SUPPORTED}, "
                + "{op=47 /* IORING_OP_??? */, flags=0}, ...]}", Calls.render(Formatters.writeBack(c)));
        Call zeros = Calls.of("io_uring_register").args(3, 8, A, 2).atEntry(new FakeMemory().put(A, new byte[32]))
                .mem(new FakeMemory().put(A, new byte[32])).exit(EINVAL);
        assertEquals(2, Formatters.entryArgs(Calls.of("io_uring_register").args(3, 8, A, 2).mem(new FakeMemory().put(A, new byte[32])).enter(), 4));
        assertEquals("3, IORING_REGISTER_PROBE, 0x7ffc12e04b38, 2", args(zeros));
    }

    @Test
    void registerFilesUpdate2() {
        FakeMemory m = new FakeMemory().putInts(A, 0, 0).putLongs(A + 8, A + 64, 0).putInts(A + 24, 2, 0)
                .putLongs(A + 32, 0xa0a1L).putInts(A + 64, 1, -2);
        assertEquals("3, IORING_REGISTER_FILES_UPDATE2, {offset=0, data=[1, IORING_REGISTER_FILES_SKIP], tags=NULL, nr=2, "
                + "/* bytes 32..39 */ \"\\xa1\\xa0\\x00\\x00\\x00\\x00\\x00\\x00\"}, 40",
                args(Calls.of("io_uring_register").args(3, 14, A, 40).mem(m).exit(EINVAL)));
        assertEquals("3, IORING_REGISTER_FILES_UPDATE2, 0x7ffc12e04b38, 24",
                args(Calls.of("io_uring_register").args(3, 14, A, 24).mem(m).exit(EINVAL)));
    }

    /** The max-workers array is read back after {@code =>}: the address when the call failed. */
    @Test
    void registerMaxWorkers() {
        FakeMemory m = new FakeMemory().putInts(A, 0, 8, 3);
        Call ok = Calls.of("io_uring_register").args(3, 19, A, 3).mem(m).exit(0);
        assertEquals("3, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=0, [IO_WQ_UNBOUND]=8, "
                + "[2 /* IO_WQ_??? */]=3], 3", args(ok));
        assertEquals("[[IO_WQ_BOUND]=0, [IO_WQ_UNBOUND]=8, [2 /* IO_WQ_??? */]=3]", Calls.render(Formatters.writeBack(ok)));
        assertEquals("0x7ffc12e04b38",
                Calls.render(Formatters.writeBack(Calls.of("io_uring_register").args(3, 19, A, 3).mem(m).exit(EINVAL))));
        assertEquals("3, IORING_REGISTER_IOWQ_AFF, [0 4 5], 1",
                args(Calls.of("io_uring_register").args(3, 17, A + 4, 1).mem(new FakeMemory().putInts(A + 4, 0x31)).exit(0)));
    }
}
