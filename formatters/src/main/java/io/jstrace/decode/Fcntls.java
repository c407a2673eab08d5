package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.core.PidType;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.xlat.DnotifyFlags;
import io.jstrace.syscalls.xlat.FOwnerTypes;
import io.jstrace.syscalls.xlat.FcntlCmds;
import io.jstrace.syscalls.xlat.FdFlags;
import io.jstrace.syscalls.xlat.FlockTypes;
import io.jstrace.syscalls.xlat.SealFlags;
import io.jstrace.syscalls.xlat.SeekWhence;
import java.util.ArrayList;
import java.util.List;

/**
 * fcntl(2)'s third argument and result, by command, as strace 6.1 prints them
 * (src/fcntl.c): flags by name for F_SETFD/F_SETFL/F_NOTIFY/F_ADD_SEALS, a signal for
 * F_SETSIG, {@code struct flock} for the lock commands (at exit for F_GETLK and
 * F_OFD_GETLK, with {@code l_pid}), {@code struct f_owner_ex} for F_SETOWN_EX and
 * F_GETOWN_EX, and the getters' results decoded in parentheses:
 * {@code = 0x1 (flags FD_CLOEXEC)}, {@code = 10 (SIGUSR1)}. Commands that take no
 * argument print two arguments; unknown ones print the third in hex.
 */
final class Fcntls {
    /** struct flock (include/uapi/asm-generic/fcntl.h): l_type, l_whence, pad, l_start, l_len, l_pid. */
    private static final int FLOCK_SIZE = 32;

    private Fcntls() {}

    private static int cmd(Call c) {
        return c.intArg(1);
    }

    /** Commands without a third argument: strace prints {@code fcntl(3, F_GETFD)}. */
    static int visibleArgs(Call c) {
        return switch (cmd(c)) {
            case (int) FcntlCmds.F_GETFD, (int) FcntlCmds.F_GETFL, (int) FcntlCmds.F_GETOWN,
                    (int) FcntlCmds.F_GETPIPE_SZ, (int) FcntlCmds.F_GETSIG, (int) FcntlCmds.F_GETLEASE,
                    (int) FcntlCmds.F_GET_SEALS -> 2;
            default -> 3;
        };
    }

    /** The kernel fills F_GETLK's, F_OFD_GETLK's and F_GETOWN_EX's struct: it prints at exit. */
    static int entryArgs(Call c, int visible) {
        return filledByKernel(cmd(c)) ? Math.min(2, visible) : visible;
    }

    private static boolean filledByKernel(int cmd) {
        return cmd == FcntlCmds.F_GETLK || cmd == FcntlCmds.F_OFD_GETLK || cmd == FcntlCmds.F_GETOWN_EX;
    }

    /** FCNTL_ARG. */
    static Value arg(Call c, int i) {
        long v = c.arg(i);
        return switch (cmd(c)) {
            case (int) FcntlCmds.F_SETFD -> Numbers.flags(FdFlags.XLAT, v & 0xffff_ffffL, "FD_???");
            case (int) FcntlCmds.F_SETFL -> FileDecoders.openFlags(c, v);
            case (int) FcntlCmds.F_DUPFD, (int) FcntlCmds.F_DUPFD_CLOEXEC, (int) FcntlCmds.F_SETPIPE_SZ ->
                    Value.dec((int) v);
            case (int) FcntlCmds.F_SETOWN -> Pids.pidOrPgid(c, (int) v);
            case (int) FcntlCmds.F_SETLK, (int) FcntlCmds.F_SETLKW, (int) FcntlCmds.F_OFD_SETLK,
                    (int) FcntlCmds.F_OFD_SETLKW -> flock(c, v, false);
            case (int) FcntlCmds.F_GETLK, (int) FcntlCmds.F_OFD_GETLK -> flock(c, v, true);
            case (int) FcntlCmds.F_SETOWN_EX, (int) FcntlCmds.F_GETOWN_EX -> ownerEx(c, v);
            case (int) FcntlCmds.F_NOTIFY -> Numbers.flags(DnotifyFlags.XLAT, v, "DN_???");
            case (int) FcntlCmds.F_SETLEASE -> Numbers.named(FlockTypes.XLAT, v, "F_???");
            case (int) FcntlCmds.F_ADD_SEALS -> Numbers.flags(SealFlags.XLAT, v, "F_SEAL_???");
            case (int) FcntlCmds.F_SETSIG -> signal((int) v);
            default -> Value.hex(v);
        };
    }

    /**
     * {@code {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10}}, with {@code l_pid}
     * for the getters; the address when the call failed (the kernel wrote nothing).
     */
    private static Value flock(Call c, long addr, boolean getlk) {
        if (addr == 0) return new Addr(0);
        if (getlk && TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, FLOCK_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        long type = (short) ((raw[0] & 0xff) | (raw[1] & 0xff) << 8);
        long whence = (short) ((raw[2] & 0xff) | (raw[3] & 0xff) << 8);
        List<Field> f = new ArrayList<>(List.of(
                field("l_type", Numbers.named(FlockTypes.XLAT, type & 0xffff, "F_???")),
                field("l_whence", Numbers.named(SeekWhence.XLAT, whence & 0xffff, "SEEK_???")),
                field("l_start", Value.dec(TraceeArrays.u64(raw, 8))),
                field("l_len", Value.dec(TraceeArrays.u64(raw, 16)))));
        if (getlk) f.add(field("l_pid", Pids.pid(c, TraceeArrays.s32(raw, 24), PidType.TGID)));
        return new Value.Struct(f, false);
    }

    /** struct f_owner_ex: {@code {type=F_OWNER_PID, pid=4752}}, the pid a thread's, a process's or a group's by type. */
    private static Value ownerEx(Call c, long addr) {
        if (addr == 0) return new Addr(0);
        if (cmd(c) == FcntlCmds.F_GETOWN_EX && TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        long type = TraceeArrays.s32(raw, 0) & 0xffff_ffffL;
        return new Value.Struct(List.of(field("type", Numbers.named(FOwnerTypes.XLAT, type, "F_OWNER_???")),
                field("pid", ownerPid(c, type, TraceeArrays.s32(raw, 4)))), false);
    }

    private static Value ownerPid(Call c, long type, int pid) {
        if (type == FOwnerTypes.F_OWNER_TID) return Pids.pid(c, pid, PidType.PID);
        if (type == FOwnerTypes.F_OWNER_PID) return Pids.pid(c, pid, PidType.TGID);
        if (type == FOwnerTypes.F_OWNER_PGRP) return Pids.pid(c, pid, PidType.PGID);
        return Value.dec(pid);
    }

    private static Value signal(int n) {
        return n == 0 ? Value.dec(0) : new Value.Sym(n, Signal.of(n).name(), Value.Base.SIGNED);
    }

    /**
     * What the getters return, decoded: F_GETFD's and F_GET_SEALS's flags (when not 0),
     * F_GETFL's open flags, F_GETLEASE's lock type, F_GETSIG's signal (when not 0), each
     * after the value (in hex but for F_GETSIG); F_DUPFD's new descriptor. {@code null}
     * when the result prints as a plain number. strace builds the last three notes as
     * plain strings (src/fcntl.c sprintflags, xlookup, signame): names under every -X.
     */
    static Value returnValue(Call c) {
        long r = c.ret();
        return switch (cmd(c)) {
            case (int) FcntlCmds.F_GETFD -> r == 0 ? null : noted(Value.hex(r), "flags",
                    Numbers.flags(FdFlags.XLAT, r));
            case (int) FcntlCmds.F_GETFL -> noted(Value.hex(r), "flags", names(FileDecoders.openFlags(c, r)));
            case (int) FcntlCmds.F_GET_SEALS -> r == 0 ? null : noted(Value.hex(r), "seals",
                    Numbers.flags(SealFlags.XLAT, r));
            case (int) FcntlCmds.F_GETLEASE -> FlockTypes.XLAT.name(r) == null ? Value.hex(r)
                    : noted(Value.hex(r), "", names(new Value.Sym(r, FlockTypes.XLAT.name(r))));
            case (int) FcntlCmds.F_GETSIG -> r == 0 ? null : noted(Value.dec(r), "", names(signal((int) r)));
            case (int) FcntlCmds.F_DUPFD, (int) FcntlCmds.F_DUPFD_CLOEXEC -> FileDecoders.descriptor(c, r);
            // a process, or a process group negated (src/fcntl.c: RVAL_TGID, RVAL_PGID)
            case (int) FcntlCmds.F_GETOWN -> Pids.pid(c, (int) r, PidType.TGID);
            default -> null;
        };
    }

    /** {@code v} with its names whatever {@code -X} says; JSON still has it typed. */
    private static Value names(Value v) {
        Value text = new Value.Text(new StraceText(StraceText.Escape.OCTAL).render(v));
        return new Value.Styled(v, text, text);
    }

    private static Value noted(Value v, String name, Value note) {
        return new Value.Noted(v, List.of(field(name, note)));
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            /** The argument, by command. */
            @Override
            public Value arg(Call c, int i) {
                return i == 2 ? Verbosity.sometimes(c, 2, Fcntls.arg(c, 2)) : SyscallDecoder.super.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return Fcntls.visibleArgs(c);
            }

            @Override
            public int entryArgs(Call c, int visible) {
                return Fcntls.entryArgs(c, visible);
            }

            /** {@code fcntl(3, F_GETLK} then {@code , {...})}. */
            @Override
            public boolean separatorAtExit(Call c) {
                return true;
            }

            @Override
            public Value returnValue(Call c) {
                return Fcntls.returnValue(c);
            }
        }, "fcntl");
    }
}
