package io.jstrace.decode;

import static io.jstrace.decode.FsioCalls.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The native AIO decoders; expected texts are strace 6.1's. */
class AioTest {
    private static final long CTX = 0x7f98_9bf1_0000L, PP = 0x7ffe_74fa_3000L, CB = 0x7ffe_74fa_3100L,
            DATA = 0x7ffe_74fa_3200L, EV = 0x7ffe_74fa_3300L, SIG = 0x7ffe_74fa_3400L;
    private static final long EINVAL = -22, EFAULT = -14;

    /** A struct iocb (include/uapi/linux/aio_abi.h), little-endian. */
    private static byte[] iocb(long data, int key, int rwFlags, int op, int prio, int fd, long buf, long nbytes,
            long offset, int flags, int resfd) {
        return ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(data).putInt(key).putInt(rwFlags)
                .putShort((short) op).putShort((short) prio).putInt(fd).putLong(buf).putLong(nbytes).putLong(offset)
                .putLong(0).putInt(flags).putInt(resfd).array();
    }

    private static String submit(byte[] cb, FakeMemory m, long ret) {
        m.put(CB, cb).putLongs(PP, CB);
        return args(Calls.of("io_submit").args(CTX, 1, PP).mem(m).exit(ret));
    }

    @Test
    void pwriteShowsItsBuffer() {
        FakeMemory m = new FakeMemory().putString(DATA, "hello aio");
        assertEquals("0x7f989bf10000, 1, [{aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=3, "
                + "aio_buf=\"hello aio\", aio_nbytes=9, aio_offset=0}]",
                submit(iocb(0x1234, 0, 0, 1, 0, 3, DATA, 9, 0, 0, 0), m, 1));
    }

    @Test
    void preadKeyPrioAndFlags() {
        assertEquals("0x7f989bf10000, 1, [{aio_data=0x2, aio_key=3, aio_lio_opcode=IOCB_CMD_PREAD, aio_reqprio=1, "
                + "aio_fildes=3, aio_buf=0x7ffe74fa3200, aio_nbytes=5, aio_offset=-4, aio_flags=IOCB_FLAG_RESFD|0x8, "
                + "aio_resfd=7}]", submit(iocb(2, 3, 0, 0, 1, 3, DATA, 5, -4, 9, 7), new FakeMemory(), 1));
        assertEquals("0x7f989bf10000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PREAD, aio_fildes=3, aio_buf=0, "
                + "aio_nbytes=0, aio_offset=0, aio_resfd=0x5}]", submit(iocb(0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 5),
                new FakeMemory(), 1));
    }

    @Test
    void reqprioIsAnIoPriorityUnderIocbFlagIoprio() {
        // IOCB_FLAG_IOPRIO (2): IOPRIO_PRIO_VALUE(class, data) of the unsigned 16 bits
        assertEquals("0x7f989bf10000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PREAD, "
                + "aio_reqprio=IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4), aio_fildes=3, aio_buf=0x7ffe74fa3200, aio_nbytes=5, "
                + "aio_offset=0, aio_flags=IOCB_FLAG_IOPRIO}]",
                submit(iocb(0, 0, 0, 0, (2 << 13) | 4, 3, DATA, 5, 0, 2, 0), new FakeMemory(), 1));
        assertTrue(submit(iocb(0, 0, 0, 0, 0xbeef, 3, DATA, 5, 0, 2, 0), new FakeMemory(), 1)
                .contains("aio_reqprio=IOPRIO_PRIO_VALUE(0x5 /* IOPRIO_CLASS_??? */, 7919), "));
    }

    @Test
    void vectorsPollAndOpcodesWithoutBody() {
        FakeMemory m = new FakeMemory().putLongs(DATA, DATA + 64, 3, DATA + 67, 2).putString(DATA + 64, "hello");
        assertEquals("0x7f989bf10000, 1, [{aio_data=0, aio_rw_flags=RWF_DSYNC, aio_lio_opcode=IOCB_CMD_PWRITEV, "
                + "aio_fildes=3, aio_buf=[{iov_base=\"hel\", iov_len=3}, {iov_base=\"lo\", iov_len=2}], aio_offset=100}]",
                submit(iocb(0, 0, 2, 8, 0, 3, DATA, 2, 100, 0, 0), m, 1));
        assertEquals("0x7f989bf10000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PREADV, aio_fildes=3, "
                + "aio_buf=[{iov_base=0x7ffe74fa3240, iov_len=3}, {iov_base=0x7ffe74fa3243, iov_len=2}], aio_offset=0}]",
                submit(iocb(0, 0, 0, 7, 0, 3, DATA, 2, 0, 0, 0), m, 1));
        assertEquals("0x7f989bf10000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_POLL, aio_fildes=0, aio_buf=POLLIN}]",
                submit(iocb(0, 0, 0, 5, 0, 0, 1, 0, 0, 0, 0), m, 1));
        assertEquals("0x7f989bf10000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_FSYNC, aio_fildes=3}]",
                submit(iocb(0, 0, 0, 2, 0, 3, DATA, 9, 0, 1, 9), m, 1));
        assertEquals("0x7f989bf10000, 1, [{aio_data=0, aio_lio_opcode=99 /* IOCB_CMD_??? */, aio_fildes=0}]",
                submit(iocb(0, 0, 0, 99, 0, 0, 0, 0, 0, 0, 0), m, EINVAL));
    }

    @Test
    void invalidSizePrintsTheBufferAddress() {
        assertEquals("0x7f989bf10000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=3, "
                + "aio_buf=0x7ffe74fa3200, aio_nbytes=18446744073709551615, aio_offset=0}]",
                submit(iocb(0, 0, 0, 1, 0, 3, DATA, -1, 0, 0, 0), new FakeMemory(), EINVAL));
        assertEquals("0x7f989bf10000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITEV, aio_fildes=3, "
                + "aio_buf=0x7ffe74fa3200, aio_nbytes=18446744073709551615, aio_offset=0}]",
                submit(iocb(0, 0, 0, 8, 0, 3, DATA, -1, 0, 0, 0), new FakeMemory(), EINVAL));
    }

    @Test
    void unreadablePointersAndArrays() {
        FakeMemory m = new FakeMemory().put(CB, iocb(6, 0, 0, 6, 0, 3, 0, 0, 0, 0, 0)).putLongs(PP, CB, 8);
        assertEquals("0x7f989bf10000, 2, [{aio_data=0x6, aio_lio_opcode=IOCB_CMD_NOOP, aio_fildes=3}, 0x8]",
                args(Calls.of("io_submit").args(CTX, 2, PP).mem(m).exit(EINVAL)));
        assertEquals("0x7f989bf10000, 1, 0x8", args(Calls.of("io_submit").args(CTX, 1, 8).exit(EFAULT)));
        assertEquals("0x7f989bf10000, -1, NULL", args(Calls.of("io_submit").args(CTX, -1, 0).exit(EINVAL)));
        FakeMemory half = new FakeMemory().put(CB, new byte[40]).putLongs(PP, CB);
        assertEquals("0x7f989bf10000, 1, [0x7ffe74fa3100]",
                args(Calls.of("io_submit").args(CTX, 1, PP).mem(half).exit(EINVAL)));
    }

    @Test
    void ioSetupContext() {
        FakeMemory m = new FakeMemory().putLongs(PP, CTX);
        assertEquals("8, [0x7f989bf10000]", args(Calls.of("io_setup").args(8, PP).mem(m).exit(0)));
        assertEquals("0, 0x7ffe74fa3000", args(Calls.of("io_setup").args(0, PP).mem(m).exit(EINVAL)));
        assertEquals("1, NULL", args(Calls.of("io_setup").args(1, 0).exit(EFAULT)));
        assertEquals("8, 0x7ffe74fa3000", args(Calls.of("io_setup").args(8, PP).exit(0)));
    }

    @Test
    void eventsAndCancel() {
        FakeMemory m = new FakeMemory().putLongs(EV, 0x1234, CB, 9, 0, 0, CB + 64, -5, 1)
                .put(CB, iocb(0x1234, 0, 0, 1, 0, 3, DATA, 9, 0, 0, 0));
        assertEquals("0x7f989bf10000, 1, 4, [{data=0x1234, obj=0x7ffe74fa3100, res=9, res2=0}, "
                + "{data=0, obj=0x7ffe74fa3140, res=-5, res2=1}], NULL",
                args(Calls.of("io_getevents").args(CTX, 1, 4, EV, 0).mem(m).exit(2)));
        assertEquals("0x7f989bf10000, 1, 4, 0x7ffe74fa3300, NULL",
                args(Calls.of("io_getevents").args(CTX, 1, 4, EV, 0).mem(m).exit(EINVAL)));
        assertEquals("0x7f989bf10000, {aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=3}, 0x7ffe74fa3300",
                args(Calls.of("io_cancel").args(CTX, CB, EV).mem(m).exit(EINVAL)));
        assertEquals("0x7f989bf10000, {aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=3}, "
                + "{data=0x1234, obj=0x7ffe74fa3100, res=9, res2=0}",
                args(Calls.of("io_cancel").args(CTX, CB, EV).mem(m).exit(0)));
        assertEquals("0x7f989bf10000, 0x8, 0x7ffe74fa3300", args(Calls.of("io_cancel").args(CTX, 8, EV).exit(EFAULT)));
    }

    @Test
    void pgeteventsSigset() {
        FakeMemory m = new FakeMemory().putLongs(SIG, SIG + 16, 8).putLongs(SIG + 16, 1 << 9);
        assertEquals("0x7f989bf10000, 0, 2, [], NULL, {sigmask=[USR1], sigsetsize=8}",
                args(Calls.of("io_pgetevents").args(CTX, 0, 2, EV, 0, SIG).mem(m).exit(0)));
        assertEquals("0x7f989bf10000, 0, 2, [], NULL, 0x8",
                args(Calls.of("io_pgetevents").args(CTX, 0, 2, EV, 0, 8).mem(m).exit(0)));
    }
}
