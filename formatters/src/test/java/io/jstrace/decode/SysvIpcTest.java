package io.jstrace.decode;

import io.jstrace.decode.StraceText;
import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** SysV IPC decoders; expected texts are strace 6.1's output for the same calls. */
class SysvIpcTest {
    private static final long A = 0x7fffeb509bc0L;
    private static final long EINVAL = -22, EFAULT = -14, ENOMSG = -42;

    private static String fmt(Call c, int i) {
        return render(Formatters.format(c, i));
    }

    @Test
    void keys() {
        assertEquals("IPC_PRIVATE", fmt(Calls.of("msgget").args(0, 01600).enter(), 0));
        assertEquals("0x4a5336f3", fmt(Calls.of("msgget").args(0x4a5336f3L, 0).enter(), 0));
        assertEquals("0xffffffff", fmt(Calls.of("semget").args(-1, 1, 0).enter(), 0));
    }

    @Test
    void getFlagsThenPermissions() {
        assertEquals("IPC_CREAT|0600", fmt(Calls.of("msgget").args(0, 01600).enter(), 1));
        assertEquals("IPC_CREAT|IPC_EXCL|0640", fmt(Calls.of("msgget").args(1, 03640).enter(), 1));
        assertEquals("000", fmt(Calls.of("msgget").args(1, 0).enter(), 1));
        assertEquals("IPC_CREAT|0x1000|0444", fmt(Calls.of("msgget").args(1, 0x1000 | 01444).enter(), 1));
        assertEquals("IPC_CREAT|0x10000|0600", fmt(Calls.of("semget").args(0, 1, 0x10000 | 01600).enter(), 2));
    }

    @Test
    void getFlagsWithOnlyUnnamedBitsRunIntoTheMode() {
        assertEquals("0x10000600", fmt(Calls.of("msgget").args(0, 0x1000 | 0600).enter(), 1));
    }

    @Test
    void shmgetFlags() {
        assertEquals("IPC_CREAT|0600", fmt(Calls.of("shmget").args(0, 8192, 01600).enter(), 2));
        assertEquals("IPC_CREAT|SHM_NORESERVE|0640", fmt(Calls.of("shmget").args(0, 4096, 0x1000 | 01640).enter(), 2));
        assertEquals("IPC_CREAT|SHM_HUGETLB|21<<SHM_HUGE_SHIFT|0600",
                fmt(Calls.of("shmget").args(0, 1 << 21, (21L << 26) | 0x800 | 01600).enter(), 2));
        assertEquals("000", fmt(Calls.of("shmget").args(1, 4096, 0).enter(), 2));
        assertEquals("0x10000|0600", fmt(Calls.of("shmget").args(1, 4096, 0x10000 | 0600).enter(), 2));
    }

    @Test
    void ctlCommands() {
        assertEquals("IPC_STAT", fmt(Calls.of("msgctl").args(1, 2, A).enter(), 1));
        assertEquals("IPC_64|IPC_STAT", fmt(Calls.of("msgctl").args(1, 0x102, A).enter(), 1));
        assertEquals("0x63 /* MSG_??? */", fmt(Calls.of("msgctl").args(1, 99, A).enter(), 1));
        assertEquals("IPC_64|0x63 /* MSG_??? */", fmt(Calls.of("msgctl").args(1, 0x163, 0).enter(), 1));
        assertEquals("IPC_64|SETVAL", fmt(Calls.of("semctl").args(3, 0, 0x110, 7).enter(), 2));
        assertEquals("GETALL", fmt(Calls.of("semctl").args(3, 0, 13, A).enter(), 2));
        assertEquals("0x4d /* SHM_??? */", fmt(Calls.of("shmctl").args(2, 77, 0).enter(), 1));
        assertEquals("SHM_LOCK", fmt(Calls.of("shmctl").args(2, 11, 0).enter(), 1));
    }

    /** A struct ipc64_perm followed by {@code rest} zero bytes. */
    private static ByteBuffer perm(int size, int key, int uid, int mode) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, key).putInt(4, uid).putInt(8, uid).putInt(12, uid).putInt(16, uid).putInt(20, mode);
        return b;
    }

    @Test
    void msqidDsAtStatAndSet() {
        ByteBuffer b = perm(120, 0, 0, 0600);
        b.putLong(48, 1795378486L).putLong(56, 1795378487L).putLong(64, 1795378488L).putLong(80, 1).putLong(88, 16384)
                .putInt(96, 14106).putInt(100, 14107);
        FakeMemory m = new FakeMemory().put(A, b.array());
        assertEquals("{msg_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, msg_stime=1795378486, "
                + "msg_rtime=1795378487, msg_ctime=1795378488, msg_qnum=1, msg_qbytes=16384, msg_lspid=14106, "
                + "msg_lrpid=14107}", fmt(Calls.of("msgctl").args(9, 2, A).mem(m).exit(0), 2));
        assertEquals("{msg_perm={uid=0, gid=0, mode=0600}, msg_qbytes=16384}",
                fmt(Calls.of("msgctl").args(9, 1, A).mem(m).exit(0), 2));
        assertEquals("{msg_perm={uid=0, gid=0, mode=0600}, msg_qbytes=16384}",
                fmt(Calls.of("msgctl").args(9, 1, A).mem(m).exit(EINVAL), 2));
    }

    @Test
    void permIdsAndKey() {
        ByteBuffer b = perm(104, 0x1234, -1, 02660);
        FakeMemory m = new FakeMemory().put(A, b.array());
        assertEquals("{sem_perm={uid=-1, gid=-1, mode=02660, key=4660, cuid=-1, cgid=-1}, sem_otime=0, sem_ctime=0, "
                + "sem_nsems=0}", fmt(Calls.of("semctl").args(1, 0, 2, A).mem(m).exit(0), 3));
        assertEquals("{sem_perm={uid=-1, gid=-1, mode=02660}}", fmt(Calls.of("semctl").args(1, 0, 1, A).mem(m).exit(0), 3));
    }

    @Test
    void semidDsOnAarch64HasNoPaddingAfterTheTimes() {
        ByteBuffer b = perm(104, 0, 0, 0600);
        b.putLong(48, 100).putLong(56, 200).putLong(64, 3);
        FakeMemory m = new FakeMemory().put(A, b.array());
        assertEquals("{sem_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, sem_otime=100, sem_ctime=200, "
                + "sem_nsems=3}", fmt(Calls.of("semctl").args(1, 0, 2, A).mem(m).aarch64().exit(0), 3));
    }

    @Test
    void shmidDsAndInfos() {
        ByteBuffer b = perm(112, 0, 0, 0600);
        b.putLong(48, 8192).putLong(56, 11).putLong(64, 12).putLong(72, 13).putInt(80, 14609).putInt(84, 14610)
                .putLong(88, 4);
        FakeMemory m = new FakeMemory().put(A, b.array());
        assertEquals("{shm_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, shm_segsz=8192, shm_cpid=14609, "
                + "shm_lpid=14610, shm_nattch=4, shm_atime=11, shm_dtime=12, shm_ctime=13}",
                fmt(Calls.of("shmctl").args(5, 13, A).mem(m).exit(5), 2));
        FakeMemory i = new FakeMemory().putLongs(A, -16777217L, 1, 4096, 4096, -16777217L, 0, 0, 0, 0);
        assertEquals("{shmmax=18446744073692774399, shmmin=1, shmmni=4096, shmseg=4096, shmall=18446744073692774399}",
                fmt(Calls.of("shmctl").args(0, 3, A).mem(i).exit(6), 2));
        FakeMemory s = new FakeMemory().putInts(A, 2, 0).putLongs(A + 8, 3, 0, 0, 0, 0);
        assertEquals("{used_ids=2, shm_tot=3, shm_rss=0, shm_swp=0, swap_attempts=0, swap_successes=0}",
                fmt(Calls.of("shmctl").args(0, 14, A).mem(s).exit(6), 2));
    }

    @Test
    void msginfoAndSeminfo() {
        FakeMemory m = new FakeMemory().putInts(A, 512000, 16384, 8192, 16384, 32000, 16, 16384, 0xffff);
        assertEquals("{msgpool=512000, msgmap=16384, msgmax=8192, msgmnb=16384, msgmni=32000, msgssz=16, msgtql=16384, "
                + "msgseg=65535}", fmt(Calls.of("msgctl").args(0, 3, A).mem(m).exit(14), 2));
        FakeMemory s = new FakeMemory().putInts(A, 1024000000, 32000, 1024000000, 1024000000, 32000, 500, 500, 2, 32767, 2);
        assertEquals("{semmap=1024000000, semmni=32000, semmns=1024000000, semmnu=1024000000, semmsl=32000, semopm=500, "
                + "semume=500, semusz=2, semvmx=32767, semaem=2}", fmt(Calls.of("semctl").args(0, 0, 19, A).mem(s).exit(3), 3));
    }

    @Test
    void ctlBufAddressesForOtherCommandsFailuresAndUnreadable() {
        FakeMemory m = new FakeMemory().put(A, new byte[60]);
        assertEquals("NULL", fmt(Calls.of("msgctl").args(9, 0, 0).exit(0), 2));
        assertEquals("0x7fff00000005", fmt(Calls.of("semctl").args(1, 1, 16, 0x7fff00000005L).exit(0), 3));
        assertEquals("0x7fffeb509bc0", fmt(Calls.of("msgctl").args(9, 99, A).mem(m).exit(EINVAL), 2));
        assertEquals("0x7fffeb509bc0", fmt(Calls.of("msgctl").args(9, 0x102, A).mem(m).exit(EINVAL), 2));
        assertEquals("0xffffffffffffffff", fmt(Calls.of("msgctl").args(9, 2, -1).exit(EFAULT), 2));
        assertEquals("0x7fffeb509bc0", fmt(Calls.of("msgctl").args(9, 2, A).mem(m).exit(0), 2));
        assertEquals("0x7fffeb509bc0", fmt(Calls.of("semctl").args(9, 0, 1, A).mem(m).enter(), 3));
    }

    @Test
    void sembufArrays() {
        ByteBuffer b = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 2).putShort((short) 0x1000);
        b.putShort((short) 1).putShort((short) -5).putShort((short) 0x810);
        b.putShort((short) 2).putShort((short) 0).putShort((short) 0x10);
        FakeMemory m = new FakeMemory().put(A, b.array());
        assertEquals("[{sem_num=0, sem_op=2, sem_flg=SEM_UNDO}, {sem_num=1, sem_op=-5, sem_flg=IPC_NOWAIT|0x10}, "
                + "{sem_num=2, sem_op=0, sem_flg=0x10 /* SEM_??? */}]", fmt(Calls.of("semop").args(1, A, 3).mem(m).enter(), 1));
        assertEquals("[]", fmt(Calls.of("semop").args(1, A, 0).mem(m).enter(), 1));
        assertEquals("0xffffffffffffffff", fmt(Calls.of("semop").args(1, -1, 1).enter(), 1));
        assertEquals("[{sem_num=0, sem_op=2, sem_flg=SEM_UNDO}, {sem_num=1, sem_op=-5, sem_flg=IPC_NOWAIT|0x10}, "
                + "{sem_num=2, sem_op=0, sem_flg=0x10 /* SEM_??? */}, ... /* 0x7fffeb509bd2 */]",
                fmt(Calls.of("semtimedop").args(1, A, 4, 0).mem(m).enter(), 1));
    }

    @Test
    void msgsndAndMsgrcvBuffers() {
        FakeMemory m = new FakeMemory().putLongs(A, 2).putBytes(A + 8, "hello\0\0\0");
        assertEquals("{mtype=2, mtext=\"hello\\0\"}", fmt(Calls.of("msgsnd").args(9, A, 6, 0).mem(m).enter(), 1));
        assertEquals("{mtype=2, mtext=\"hello\\0\\0\\0\"}", fmt(Calls.of("msgrcv").args(9, A, 8, 0, 0).mem(m).exit(6), 1));
        assertEquals("0x7fffeb509bc0", fmt(Calls.of("msgrcv").args(9, A, 8, 2, 0x2800).mem(m).exit(ENOMSG), 1));
        assertEquals("{mtype=2, mtext=0x7fffeb509bc8}", fmt(Calls.of("msgsnd").args(9, A, 16, 0).mem(m).enter(), 1));
        assertEquals("0xffffffffffffffff", fmt(Calls.of("msgsnd").args(9, -1, 6, 0).enter(), 1));
        // past -s, one byte more is fetched (printstr_ex's umoven of max_strlen + 1): unreadable, the address
        assertEquals("{mtype=2, mtext=0x7fffeb509bc8}", fmt(Calls.of("msgsnd").args(9, A, -1, 0).mem(m).limit(8).enter(), 1));
        FakeMemory nine = new FakeMemory().putLongs(A, 2).putBytes(A + 8, "hello\0\0\0\0");
        assertEquals("{mtype=2, mtext=\"hello\\0\\0\\0\"...}", fmt(Calls.of("msgsnd").args(9, A, -1, 0).mem(nine).limit(8).enter(), 1));
        FakeMemory big = new FakeMemory().putLongs(A, 7).putBytes(A + 8, "a message longer than thirty-two bytes");
        assertEquals("{mtype=7, mtext=\"a message longer than thirty-two\"...}",
                fmt(Calls.of("msgsnd").args(9, A, 38, 0x800).mem(big).enter(), 1));
    }

    @Test
    void msgFlagsAndShmatFlags() {
        assertEquals("MSG_NOERROR|IPC_NOWAIT", fmt(Calls.of("msgrcv").args(9, A, 16, -7, 0x1800).exit(16), 4));
        assertEquals("MSG_EXCEPT|IPC_NOWAIT", fmt(Calls.of("msgrcv").args(9, A, 16, 2, 0x2800).exit(ENOMSG), 4));
        assertEquals("0x1 /* MSG_??? */", fmt(Calls.of("msgsnd").args(9, A, 0, 1).enter(), 3));
        assertEquals("0", fmt(Calls.of("msgsnd").args(9, A, 0, 0).enter(), 3));
        assertEquals("SHM_RND|SHM_REMAP", fmt(Calls.of("shmat").args(5, A, 0x6000).enter(), 2));
        assertEquals("SHM_EXEC|0x80000", fmt(Calls.of("shmat").args(5, 0, 0x88000).enter(), 2));
        assertEquals("0x80000 /* SHM_??? */", fmt(Calls.of("shmat").args(5, 0, 0x80000).enter(), 2));
    }

    private static String styled(XlatStyle style, Call c, int i) {
        return new StraceText(StraceText.Escape.OCTAL, style).render(Formatters.format(c, i));
    }

    @Test
    void flagsAndCommandsInRawAndVerboseStyles() {
        Call get = Calls.of("msgget").args(0, 01600).enter();
        assertEquals("0x200|0600", styled(XlatStyle.RAW, get, 1));
        assertEquals("0x200 /* IPC_CREAT */|0600", styled(XlatStyle.VERBOSE, get, 1));
        Call odd = Calls.of("msgget").args(1, 0x1000 | 01444).enter();
        assertEquals("0x1200 /* IPC_CREAT|0x1000 */|0444", styled(XlatStyle.VERBOSE, odd, 1));
        Call unnamed = Calls.of("msgget").args(0, 0x1000 | 0600).enter();
        assertEquals("0x1000|0600", styled(XlatStyle.RAW, unnamed, 1));
        assertEquals("0x10000600", styled(XlatStyle.VERBOSE, unnamed, 1));
        assertEquals("000", styled(XlatStyle.RAW, Calls.of("msgget").args(1, 0).enter(), 1));
        Call shm = Calls.of("shmget").args(0, 1 << 21, (21L << 26) | 0x800 | 01600).enter();
        assertEquals("0xa00|21<<26|0600", styled(XlatStyle.RAW, shm, 2));
        assertEquals("0xa00 /* IPC_CREAT|SHM_HUGETLB */|21<<26 /* SHM_HUGE_SHIFT */|0600", styled(XlatStyle.VERBOSE, shm, 2));
        Call ctl = Calls.of("msgctl").args(1, 0x102, A).enter();
        assertEquals("0x100|0x2", styled(XlatStyle.RAW, ctl, 1));
        assertEquals("0x100 /* IPC_64 */|0x2 /* IPC_STAT */", styled(XlatStyle.VERBOSE, ctl, 1));
        assertEquals("0x100 /* IPC_64 */|0x63 /* MSG_??? */", styled(XlatStyle.VERBOSE, Calls.of("msgctl").args(1, 0x163, 0).enter(), 1));
        assertEquals("0 /* IPC_RMID */", styled(XlatStyle.VERBOSE, Calls.of("msgctl").args(1, 0, 0).enter(), 1));
    }
}
