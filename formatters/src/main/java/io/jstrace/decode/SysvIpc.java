package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.arch.Aarch64;
import io.jstrace.core.PidType;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.IpcResourceFlags;
import io.jstrace.syscalls.xlat.MsgctlCmds;
import io.jstrace.syscalls.xlat.SemctlCmds;
import io.jstrace.syscalls.xlat.SemopFlags;
import io.jstrace.syscalls.xlat.ShmResourceFlags;
import io.jstrace.syscalls.xlat.ShmctlCmds;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/**
 * SysV IPC arguments (include/uapi/linux/ipc.h, msg.h, sem.h, shm.h) as strace 6.1 prints
 * them (src/ipc.c, ipc_msg.c, ipc_msgctl.c, ipc_sem.c, ipc_semctl.c, ipc_shm.c,
 * ipc_shmctl.c). Structures follow x86_64's 64-bit layouts (struct msqid64_ds and friends).
 */
final class SysvIpc {
    /** The version bit of the ctl commands; x86_64's kernel rejects it, strace still names it. */
    private static final long IPC_64 = 0x100;
    private static final long PERMS = 0777;
    private static final int IPC_RMID = 0, IPC_SET = 1, IPC_STAT = 2, IPC_INFO = 3;
    /** Per-call command numbers beyond the IPC_* ones (linux/msg.h, sem.h, shm.h). */
    private static final long MSG_STAT = MsgctlCmds.MSG_STAT, MSG_INFO = MsgctlCmds.MSG_INFO,
            MSG_STAT_ANY = MsgctlCmds.MSG_STAT_ANY, SEM_STAT = SemctlCmds.SEM_STAT, SEM_INFO = SemctlCmds.SEM_INFO,
            SEM_STAT_ANY = SemctlCmds.SEM_STAT_ANY, SHM_STAT = ShmctlCmds.SHM_STAT, SHM_INFO = ShmctlCmds.SHM_INFO,
            SHM_STAT_ANY = ShmctlCmds.SHM_STAT_ANY;
    private static final int PERM_SIZE = 48, MSQID_SIZE = 120, SEMID_SIZE = 104, SHMID_SIZE = 112;
    private static final int SEMBUF_SIZE = 6;

    private SysvIpc() {}

    /** IPC_KEY: {@code IPC_PRIVATE} or the key_t in hex. */
    static Value key(Call c, int i) {
        long key = c.arg(i) & 0xffff_ffffL;
        return key == 0 ? new Value.Sym(0, "IPC_PRIVATE") : Value.hex(key);
    }

    /**
     * IPC_GET_FLAGS: msgget's and semget's flags, then the permissions as {@code %#03o}; the
     * {@code |} before the permissions follows a named flag only, so bits without a name run
     * into them: {@code 0x10000600} (strace src/ipc.c); under -X raw any flag bits do.
     */
    static Value getFlags(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        long flags = v & ~PERMS;
        boolean named = !IpcResourceFlags.XLAT.decompose(flags).names().isEmpty();
        return styled(style -> flagsText(IpcResourceFlags.XLAT, flags, style)
                + ((style == XlatStyle.RAW ? flags != 0 : named) ? "|" : "") + mode(v & PERMS));
    }

    /**
     * shmget's flag: the flags, the huge page size as {@code 21<<SHM_HUGE_SHIFT}, then the
     * permissions, with a {@code |} before them whenever anything came first (strace
     * src/ipc_shm.c).
     */
    static Value shmgetFlags(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        long hugeMask = ShmResourceFlags.SHM_HUGE_MASK << ShmResourceFlags.SHM_HUGE_SHIFT;
        long huge = (v & hugeMask) >>> ShmResourceFlags.SHM_HUGE_SHIFT;
        long flags = v & ~PERMS & ~hugeMask;
        return styled(style -> {
            StringBuilder s = new StringBuilder(flagsText(ShmResourceFlags.XLAT, flags, style));
            if (huge != 0) s.append(flags != 0 ? "|" : "").append(hugeShift(huge, style));
            if (flags != 0 || huge != 0) s.append('|');
            return s.append(mode(v & PERMS)).toString();
        });
    }

    private static String hugeShift(long huge, XlatStyle style) {
        long shift = ShmResourceFlags.SHM_HUGE_SHIFT;
        return switch (style) {
            case ABBREV -> huge + "<<SHM_HUGE_SHIFT";
            case RAW -> huge + "<<" + shift;
            case VERBOSE -> huge + "<<" + shift + " /* SHM_HUGE_SHIFT */";
        };
    }

    /** printflags without a default: nothing for 0, the bits in hex when none has a name. */
    private static String flagsText(Xlat table, long flags, XlatStyle style) {
        if (flags == 0) return "";
        var d = table.decompose(flags);
        return new StraceText(StraceText.Escape.OCTAL, style).render(new Value.Flags(flags, d.names(), d.remainder()));
    }

    /** A value strace composes from several printed pieces, rendered once per -X style. */
    private static Value styled(java.util.function.Function<XlatStyle, String> text) {
        return new Value.Styled(new Value.Text(text.apply(XlatStyle.ABBREV)), new Value.Text(text.apply(XlatStyle.RAW)),
                new Value.Text(text.apply(XlatStyle.VERBOSE)));
    }

    /** strace's print_numeric_umode_t: {@code %#03o}. */
    private static String mode(long m) {
        String o = Long.toOctalString(m);
        return o.length() >= 3 ? "0" + o : "0".repeat(3 - o.length()) + o;
    }

    /** IPC_CTL_CMD: {@code IPC_64|} when that bit is set, then the command by name (strace src/ipc_defs.h PRINTCTL). */
    static Value ctlCmd(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        long cmd = v & ~IPC_64;
        Value named = Numbers.named(cmdTable(c), cmd, unknownCmd(c));
        if ((v & IPC_64) == 0) return named;
        return styled(style -> {
            StraceText text = new StraceText(StraceText.Escape.OCTAL, style);
            return text.render(new Value.Sym(IPC_64, "IPC_64")) + "|" + text.render(named);
        });
    }

    private static Xlat cmdTable(Call c) {
        return switch (c.name()) {
            case "semctl" -> SemctlCmds.XLAT;
            case "shmctl" -> ShmctlCmds.XLAT;
            default -> MsgctlCmds.XLAT;
        };
    }

    private static String unknownCmd(Call c) {
        return switch (c.name()) {
            case "semctl" -> "SEM_???";
            case "shmctl" -> "SHM_???";
            default -> "MSG_???";
        };
    }

    /**
     * IPC_CTL_BUF: what the command passes. IPC_SET's struct prints its settable fields;
     * the *_STAT and *_INFO ones print once the kernel filled them (an address after a
     * failure); any other command's argument prints as an address, semctl's values too.
     */
    static Value ctlBuf(Call c, int i) {
        long addr = c.arg(i);
        long cmd = c.arg(c.name().equals("semctl") ? 2 : 1) & 0xffff_ffffL & ~IPC_64;
        Kind kind = kind(c.name(), cmd);
        if (kind == Kind.ADDRESS || addr == 0 || !c.structs()) return new Value.Addr(addr);
        if (kind != Kind.SET && TraceeArrays.exitFailed(c)) return new Value.Addr(addr);
        byte[] raw = c.memory().read(addr, kind.size(c.name()));
        if (raw == null) return new Value.Unreadable(addr);
        return switch (c.name()) {
            case "semctl" -> kind == Kind.INFO ? seminfo(raw) : semidDs(raw, kind == Kind.SET, c.arch() instanceof Aarch64);
            case "shmctl" -> kind == Kind.INFO ? (cmd == SHM_INFO ? shmInfo(raw) : shminfo(raw)) : shmidDs(c, raw, kind == Kind.SET);
            default -> kind == Kind.INFO ? msginfo(raw) : msqidDs(raw, kind == Kind.SET);
        };
    }

    /** What a ctl command's argument is. */
    private enum Kind {
        ADDRESS, SET, STAT, INFO;

        int size(String syscall) {
            if (this == INFO) return syscall.equals("shmctl") ? 48 : syscall.equals("semctl") ? 40 : 32;
            return syscall.equals("semctl") ? SEMID_SIZE : syscall.equals("shmctl") ? SHMID_SIZE : MSQID_SIZE;
        }
    }

    private static Kind kind(String syscall, long cmd) {
        if (cmd == IPC_SET) return Kind.SET;
        if (cmd == IPC_STAT) return Kind.STAT;
        if (cmd == IPC_INFO) return Kind.INFO;
        if (cmd == IPC_RMID) return Kind.ADDRESS;
        return switch (syscall) {
            case "semctl" -> cmd == SEM_STAT || cmd == SEM_STAT_ANY ? Kind.STAT : cmd == SEM_INFO ? Kind.INFO : Kind.ADDRESS;
            case "shmctl" -> cmd == SHM_STAT || cmd == SHM_STAT_ANY ? Kind.STAT : cmd == SHM_INFO ? Kind.INFO : Kind.ADDRESS;
            default -> cmd == MSG_STAT || cmd == MSG_STAT_ANY ? Kind.STAT : cmd == MSG_INFO ? Kind.INFO : Kind.ADDRESS;
        };
    }

    /** struct ipc64_perm: key, uid, gid, cuid, cgid, mode; IPC_SET prints uid, gid and mode only. */
    private static Value perm(byte[] raw, boolean set) {
        List<Value.Field> f = new ArrayList<>();
        f.add(field("uid", id(raw, 4)));
        f.add(field("gid", id(raw, 8)));
        long m = TraceeArrays.s32(raw, 20) & 0xffff_ffffL;
        f.add(field("mode", new Value.Text(mode(m))));
        if (!set) {
            f.add(field("key", Value.dec(TraceeArrays.s32(raw, 0))));
            f.add(field("cuid", id(raw, 12)));
            f.add(field("cgid", id(raw, 16)));
        }
        return new Value.Struct(f, false);
    }

    /** strace's PRINT_FIELD_ID: -1 as such, other ids unsigned. */
    private static Value id(byte[] raw, int off) {
        int v = TraceeArrays.s32(raw, off);
        return v == -1 ? Value.dec(-1) : new Num(v & 0xffff_ffffL, Base.UNSIGNED);
    }

    private static Value sLong(byte[] raw, int off) {
        return Value.dec(TraceeArrays.u64(raw, off));
    }

    private static Value uLong(byte[] raw, int off) {
        return new Num(TraceeArrays.u64(raw, off), Base.UNSIGNED);
    }

    private static Value sInt(byte[] raw, int off) {
        return Value.dec(TraceeArrays.s32(raw, off));
    }

    /** struct msqid64_ds. */
    private static Value msqidDs(byte[] raw, boolean set) {
        List<Value.Field> f = new ArrayList<>();
        f.add(field("msg_perm", perm(raw, set)));
        if (set) {
            f.add(field("msg_qbytes", uLong(raw, 88)));
            return new Value.Struct(f, false);
        }
        f.add(field("msg_stime", sLong(raw, 48)));
        f.add(field("msg_rtime", sLong(raw, 56)));
        f.add(field("msg_ctime", sLong(raw, 64)));
        f.add(field("msg_qnum", uLong(raw, 80)));
        f.add(field("msg_qbytes", uLong(raw, 88)));
        f.add(field("msg_lspid", sInt(raw, 96)));
        f.add(field("msg_lrpid", sInt(raw, 100)));
        return new Value.Struct(f, false);
    }

    /** struct msginfo: seven ints and an unsigned short. */
    private static Value msginfo(byte[] raw) {
        String[] names = {"msgpool", "msgmap", "msgmax", "msgmnb", "msgmni", "msgssz", "msgtql"};
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < names.length; k++) f.add(field(names[k], sInt(raw, 4 * k)));
        f.add(field("msgseg", new Num((raw[28] & 0xff) | (raw[29] & 0xff) << 8, Base.UNSIGNED)));
        return new Value.Struct(f, false);
    }

    /**
     * struct semid64_ds: x86_64's keeps a word after each time (arch/x86/include/uapi/asm/sembuf.h),
     * the generic one (aarch64) does not (include/uapi/asm-generic/sembuf.h).
     */
    private static Value semidDs(byte[] raw, boolean set, boolean generic) {
        List<Value.Field> f = new ArrayList<>();
        f.add(field("sem_perm", perm(raw, set)));
        if (set) return new Value.Struct(f, false);
        int step = generic ? 8 : 16;
        f.add(field("sem_otime", sLong(raw, 48)));
        f.add(field("sem_ctime", sLong(raw, 48 + step)));
        f.add(field("sem_nsems", uLong(raw, 48 + 2 * step)));
        return new Value.Struct(f, false);
    }

    /** struct seminfo: ten ints. */
    private static Value seminfo(byte[] raw) {
        String[] names = {"semmap", "semmni", "semmns", "semmnu", "semmsl", "semopm", "semume", "semusz", "semvmx",
            "semaem"};
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < names.length; k++) f.add(field(names[k], sInt(raw, 4 * k)));
        return new Value.Struct(f, false);
    }

    /** struct shmid64_ds. */
    private static Value shmidDs(Call c, byte[] raw, boolean set) {
        List<Value.Field> f = new ArrayList<>();
        f.add(field("shm_perm", perm(raw, set)));
        if (set) return new Value.Struct(f, false);
        f.add(field("shm_segsz", uLong(raw, 48)));
        f.add(field("shm_cpid", Pids.pid(c, TraceeArrays.s32(raw, 80), PidType.TGID)));
        f.add(field("shm_lpid", Pids.pid(c, TraceeArrays.s32(raw, 84), PidType.TGID)));
        f.add(field("shm_nattch", uLong(raw, 88)));
        f.add(field("shm_atime", sLong(raw, 56)));
        f.add(field("shm_dtime", sLong(raw, 64)));
        f.add(field("shm_ctime", sLong(raw, 72)));
        return new Value.Struct(f, false);
    }

    /** struct shminfo64 at IPC_INFO: five unsigned longs. */
    private static Value shminfo(byte[] raw) {
        String[] names = {"shmmax", "shmmin", "shmmni", "shmseg", "shmall"};
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < names.length; k++) f.add(field(names[k], uLong(raw, 8 * k)));
        return new Value.Struct(f, false);
    }

    /** struct shm_info at SHM_INFO: an int, then five unsigned longs. */
    private static Value shmInfo(byte[] raw) {
        String[] names = {"shm_tot", "shm_rss", "shm_swp", "swap_attempts", "swap_successes"};
        List<Value.Field> f = new ArrayList<>();
        f.add(field("used_ids", sInt(raw, 0)));
        for (int k = 0; k < names.length; k++) f.add(field(names[k], uLong(raw, 8 + 8 * k)));
        return new Value.Struct(f, false);
    }

    /** SEMBUF: nsops struct sembuf, {@code {sem_num=0, sem_op=1, sem_flg=SEM_UNDO}}; an address under -e verbose=none. */
    static Value sembuf(Call c, int i) {
        return TraceeArrays.fetched(c, c.arg(i), c.arg(i + 1) & 0xffff_ffffL, SEMBUF_SIZE, SysvIpc::sembuf);
    }

    private static Value sembuf(byte[] raw) {
        int num = (raw[0] & 0xff) | (raw[1] & 0xff) << 8;
        short op = (short) ((raw[2] & 0xff) | (raw[3] & 0xff) << 8);
        int flg = (raw[4] & 0xff) | (raw[5] & 0xff) << 8;
        return new Value.Struct(List.of(field("sem_num", new Num(num, Base.UNSIGNED)), field("sem_op", Value.dec(op)),
                field("sem_flg", Numbers.flags(SemopFlags.XLAT, flg, "SEM_???"))), false);
    }

    /** msgsnd's {@code {mtype=2, mtext="hello\0"}}, msgsz bytes of text. */
    static Value msgbuf(Call c, int i) {
        return msgbuf(c, c.arg(i), c.arg(i + 1));
    }

    /** msgrcv's buffer, msgsz bytes of text whatever arrived; an address after a failure. */
    static Value postMsgbuf(Call c, int i) {
        if (TraceeArrays.exitFailed(c)) return new Value.Addr(c.arg(i));
        return msgbuf(c, c.arg(i), c.arg(i + 1));
    }

    private static Value msgbuf(Call c, long addr, long size) {
        if (addr == 0 || !c.structs()) return new Value.Addr(addr);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("mtype", Value.dec(TraceeArrays.u64(raw, 0))),
                field("mtext", Strings.buffer(c, addr + 8, size < 0 ? Long.MAX_VALUE : size))), false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, SysvIpc::shmgetFlags), "shmget");
        r.add(SyscallDecoder.custom(1, SysvIpc::msgbuf), "msgsnd");
        r.add(SyscallDecoder.custom(1, SysvIpc::postMsgbuf), "msgrcv");
    }
}
