package io.jstrace.decode;

import static io.jstrace.syscalls.xlat.QuotaCmds.*;

import io.jstrace.syscalls.xlat.QuotaCmds;
import io.jstrace.syscalls.xlat.QuotaFormats;
import io.jstrace.syscalls.xlat.QuotaTypes;
import java.util.List;

/**
 * quotactl(2) and quotactl_fd(2) (fs/quota/quota.c), as strace 6.1 prints them (src/quota.c):
 * quotactl_fd takes a descriptor first and the command second, quotactl the command first
 * and the special file second; the rest is the same. The command prints as
 * {@code QCMD(Q_GETFMT, USRQUOTA)}, the special file, then what the command uses of
 * {@code id} and {@code addr}: nothing (Q_SYNC), the format and the quota file's path
 * (Q_QUOTAON), the address alone (Q_GETFMT, Q_GETINFO), or the id and the address.
 *
 * <p>The structures of Q_SETINFO, Q_SETQUOTA and Q_XSETQLIM, the XFS flags of
 * Q_XQUOTAON/OFF/RM and the results of the Q_GET* commands other than Q_GETFMT print as
 * addresses.
 */
final class Quotas {
    private Quotas() {}

    /** Which argument is the command: quotactl_fd's second, quotactl's first. */
    private static int cmdArg(Call c) {
        return c.name().equals("quotactl_fd") ? 1 : 0;
    }

    /** QCMD(cmd, type) = cmd << 8 | type (include/uapi/linux/quota.h). */
    static long cmd(Call c) {
        return (c.arg(cmdArg(c)) & 0xffff_ffffL) >>> 8;
    }

    static int visibleArgs(Call c) {
        long cmd = cmd(c);
        if (cmd == Q_SYNC || cmd == Q_QUOTAOFF || cmd == Q_XQUOTASYNC) return 2;
        if (takesAddrOnly(cmd)) return 3;
        return 4;
    }

    private static boolean takesAddrOnly(long cmd) {
        return cmd == Q_GETFMT || cmd == Q_GETINFO || cmd == Q_SETINFO || cmd == Q_XGETQSTAT || cmd == Q_XGETQSTATV;
    }

    static Value arg(Call c, int i) {
        long cmd = cmd(c);
        if (i == cmdArg(c)) return qcmd(c.arg(i) & 0xffff_ffffL);
        if (i < 2) return cmdArg(c) == 1 ? FileDecoders.fd(c, i) : Strings.path(c, i);
        if (cmd == Q_QUOTAON) {
            return i == 2 ? Numbers.named(QuotaFormats.XLAT, c.arg(2) & 0xffff_ffffL, "QFMT_VFS_???")
                    : Strings.path(c, 3);
        }
        if (takesAddrOnly(cmd)) return cmd == Q_GETFMT ? format(c) : new Value.Addr(c.arg(3));
        return i == 2 ? Creds.id(c.arg(2)) : new Value.Addr(c.arg(3)); // printuid
    }

    /** {@code QCMD(Q_GETFMT, USRQUOTA)}, unknown parts in hex with strace's comments. */
    static Value qcmd(long qcmd) {
        Value cmd = Numbers.named(QuotaCmds.XLAT, qcmd >>> 8, "Q_???");
        Value type = Numbers.named(QuotaTypes.XLAT, qcmd & 0xff, "???QUOTA");
        return new Value.Fn("QCMD", List.of(cmd, type), false);
    }

    /** Q_GETFMT's result: {@code [QFMT_VFS_V0]} once the kernel has written it. */
    private static Value format(Call c) {
        long addr = c.arg(3);
        if (!c.succeeded()) return new Value.Addr(addr);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        long fmt = TraceeArrays.s32(raw, 0) & 0xffff_ffffL;
        return new Value.Arr(List.of(Numbers.named(QuotaFormats.XLAT, fmt, "QFMT_VFS_???")), false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return Quotas.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return Quotas.visibleArgs(c);
            }

            /** src/quota.c: Q_GETFMT's format is read back at exit. */
            @Override
            public int entryArgs(Call c, int visible) {
                return cmd(c) == Q_GETFMT ? Math.min(2, visible) : visible;
            }
        }, "quotactl", "quotactl_fd");
    }
}
