package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.syscalls.xlat.FsconfigCmds;
import io.jstrace.syscalls.xlat.MountAttrFlags;
import io.jstrace.syscalls.xlat.MountFlags;
import io.jstrace.syscalls.xlat.MountPropagationFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * mount(2), fsconfig(2) and struct mount_attr (fs/namespace.c, fs/fsopen.c,
 * include/uapi/linux/mount.h) as strace 6.1 prints them (src/mount.c, src/fsconfig.c,
 * src/mount_setattr.c).
 */
final class Mounts {
    /** MOUNT_ATTR_SIZE_VER0: the first published size of struct mount_attr. */
    private static final int MOUNT_ATTR_SIZE_VER0 = 32;
    private static final long MS_BIND = 4096, MS_MOVE = 8192, MS_REMOUNT = 32;

    private Mounts() {}

    /**
     * mount's arguments: the type is not read for a remount, nor the type and the data for
     * a bind, a move or a propagation change; they print as addresses then.
     */
    static Value mountArg(Call c, int i) {
        long flags = withoutMagic(c.arg(3));
        boolean changesPropagation = (flags & propagationMask()) != 0;
        boolean ignoreData = (flags & (MS_BIND | MS_MOVE)) != 0 || changesPropagation;
        boolean ignoreType = (flags & MS_REMOUNT) != 0 || ignoreData;
        return switch (i) {
            case 0, 1 -> Strings.path(c, i);
            case 2 -> ignoreType ? new Addr(c.arg(2)) : Strings.string(c, 2);
            case 3 -> mountFlags(c.arg(3));
            default -> ignoreData && (flags & MS_REMOUNT) == 0 ? new Addr(c.arg(4)) : Strings.string(c, 4);
        };
    }

    private static long propagationMask() {
        long mask = 0;
        for (var e : MountPropagationFlags.XLAT.entries()) mask |= e.value();
        return mask;
    }

    private static long withoutMagic(long flags) {
        return (flags & MountFlags.MS_MGC_MSK) == MountFlags.MS_MGC_VAL ? flags & ~MountFlags.MS_MGC_MSK : flags;
    }

    /**
     * MOUNT_FLAGS: the old magic in the upper half is a part of its own before the rest,
     * {@code MS_MGC_VAL|MS_RDONLY}, {@code 0xc0ed0000|0x1} under {@code -X raw} (strace 6.1,
     * src/mount.c); all 64 bits otherwise.
     */
    static Value mountFlags(long flags) {
        if ((flags & MountFlags.MS_MGC_MSK) != MountFlags.MS_MGC_VAL) return Numbers.flags(MountFlags.XLAT, flags, "MS_???");
        Value magic = new Value.Sym(MountFlags.MS_MGC_VAL, "MS_MGC_VAL");
        long rest = flags & ~MountFlags.MS_MGC_MSK;
        return rest == 0 ? magic : Notes.joined(List.of(magic, Numbers.flags(MountFlags.XLAT, rest, "MS_???")));
    }

    private static final int FSCONFIG_STRING = 256, FSCONFIG_BLOB = 1 << 20;

    /**
     * fsconfig's key, value and aux by command: strings for the set commands, of at most
     * {@value #FSCONFIG_STRING} bytes as the kernel takes (fs/fsopen.c strndup_user), the value
     * as hex bytes for FSCONFIG_SET_BINARY when aux is a length the kernel takes (0 to 1 MiB,
     * else its address), a path and a dirfd for the path commands, an fd for FSCONFIG_SET_FD;
     * addresses and a number otherwise.
     */
    static Value fsconfigArg(Call c, int i) {
        long cmd = c.arg(1) & 0xffff_ffffL;
        boolean sets = cmd <= FsconfigCmds.FSCONFIG_SET_FD;
        boolean path = cmd == FsconfigCmds.FSCONFIG_SET_PATH || cmd == FsconfigCmds.FSCONFIG_SET_PATH_EMPTY;
        return switch (i) {
            case 0 -> FileDecoders.fd(c, 0);
            case 1 -> Numbers.named(FsconfigCmds.XLAT, cmd, "FSCONFIG_???");
            case 2 -> sets ? Strings.cStringWithin(c, c.arg(2), FSCONFIG_STRING) : new Addr(c.arg(2));
            case 3 -> cmd == FsconfigCmds.FSCONFIG_SET_STRING ? Strings.cStringWithin(c, c.arg(3), FSCONFIG_STRING)
                    : cmd == FsconfigCmds.FSCONFIG_SET_BINARY && c.intArg(4) >= 0 && c.intArg(4) <= FSCONFIG_BLOB
                    ? Strings.hexBuffer(Strings.buffer(c, c.arg(3), c.intArg(4)))
                    : path ? Strings.path(c, 3) : new Addr(c.arg(3));
            default -> path ? FileDecoders.dirfd(c, 4)
                    : cmd == FsconfigCmds.FSCONFIG_SET_FD ? FileDecoders.fd(c, 4) : Value.dec(c.intArg(4));
        };
    }

    /**
     * mount_setattr's struct mount_attr, decoded when the size argument (next)
     * covers its first version: {@code {attr_set=MOUNT_ATTR_RDONLY, attr_clr=0,
     * propagation=MS_PRIVATE, userns_fd=0}}; userns_fd is a descriptor only when the
     * attributes set or clear MOUNT_ATTR_IDMAP (else the kernel ignores it), and the caller's
     * bytes past the struct print when not all 0, as openat2's do.
     */
    static Value mountAttr(Call c, int i) {
        long addr = c.arg(i), size = c.arg(i + 1);
        if (addr == 0 || Long.compareUnsigned(size, MOUNT_ATTR_SIZE_VER0) < 0) return new Addr(addr);
        byte[] raw = c.memory().read(addr, MOUNT_ATTR_SIZE_VER0);
        if (raw == null) return new Value.Unreadable(addr);
        long set = TraceeArrays.u64(raw, 0), clr = TraceeArrays.u64(raw, 8), userns = TraceeArrays.u64(raw, 24);
        boolean idmap = ((set | clr) & MountAttrFlags.MOUNT_ATTR_IDMAP) != 0 && Long.compareUnsigned(userns, Integer.MAX_VALUE) <= 0;
        List<Value.Field> f = new ArrayList<>(List.of(
                field("attr_set", Numbers.flags(MountAttrFlags.XLAT, set, "MOUNT_ATTR_???")),
                field("attr_clr", Numbers.flags(MountAttrFlags.XLAT, clr, "MOUNT_ATTR_???")),
                field("propagation", Numbers.named(MountPropagationFlags.XLAT, TraceeArrays.u64(raw, 16), "MS_???")), // one type, a value
                field("userns_fd", idmap ? FileDecoders.descriptor(c, userns) : new Value.Num(userns, Value.Base.UNSIGNED))));
        Value tail = TraceeArrays.nonzeroTail(c, addr, size, MOUNT_ATTR_SIZE_VER0);
        if (tail != null) f.add(field("", tail));
        return new Value.Struct(f, false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(3, Mounts::mountAttr), "mount_setattr");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return mountArg(c, i);
            }
        }, "mount");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return fsconfigArg(c, i);
            }
        }, "fsconfig");
    }
}
