package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.arch.Aarch64;
import io.jstrace.core.HostFacts;
import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.xlat.AccessModes;
import io.jstrace.syscalls.xlat.AtFlags;
import io.jstrace.syscalls.xlat.FaccessatFlags;
import io.jstrace.syscalls.xlat.OpenAccessModes;
import io.jstrace.syscalls.xlat.OpenFlags;
import io.jstrace.syscalls.xlat.OpenFlagsAarch64;
import io.jstrace.syscalls.xlat.SeekWhence;
import io.jstrace.syscalls.xlat.Xlat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Descriptors, open flags, modes and struct stat. */
final class FileDecoders {
    /** include/uapi/linux/fcntl.h. */
    static final int AT_FDCWD = -100;
    private static final int O_ACCMODE = 03, O_CREAT = 0100, O_TMPFILE_DIR = 020000000;
    private static final String[] FILE_TYPES = {null, "S_IFIFO", "S_IFCHR", null, "S_IFDIR", null, "S_IFBLK", null,
        "S_IFREG", null, "S_IFLNK", null, "S_IFSOCK"};

    /** What the kernel appends to an unlinked file's path in /proc/PID/fd (fs/d_path.c d_path). */
    private static final String DELETED = " (deleted)";

    private FileDecoders() {}

    static Value fd(Call c, int i) {
        return descriptor(c, c.intArg(i));
    }

    /** A descriptor of the tracee; under -y with what it refers to: {@code 3</etc/passwd>}. */
    static Value descriptor(Call c, long fd) {
        return descriptorOf(c, c.host(), fd);
    }

    /** A descriptor of {@code process}, which need not be the tracee (pidfd_getfd's). */
    static Value descriptorOf(Call c, HostFacts process, long fd) {
        return descriptorOf(c.options(), process, fd);
    }

    /** A descriptor of {@code process} as {@code options} print it, outside a syscall (a signal's si_fd). */
    static Value descriptorOf(DecodeOptions options, HostFacts process, long fd) {
        if (!options.decodesFds() || fd < 0 || fd > Integer.MAX_VALUE) return Value.dec(fd);
        String link = process.fdPath((int) fd);
        boolean deleted = link != null && link.endsWith(DELETED) && process.fdUnlinked((int) fd, link);
        String path = shown(deleted ? link.substring(0, link.length() - DELETED.length()) : link);
        Set<String> details = options.fdDetails();
        if (path != null) path = FdDetails.describe(process, (int) fd, path, details, options.fdPaths());
        return path == null ? Value.dec(fd) : new Value.Fd(fd, path, deleted);
    }

    static Value dirfd(Call c, int i) {
        int fd = c.intArg(i);
        if (fd != AT_FDCWD) return descriptor(c, fd);
        if (!c.options().fdPaths()) return new Value.Sym(fd, "AT_FDCWD", Value.Base.SIGNED);
        String cwd = shown(c.host().cwd());
        Value at = new Value.Sym(fd, "AT_FDCWD", Value.Base.SIGNED);
        return cwd == null ? at : new Value.WithPath(at, cwd);
    }

    /** A file's path escaped as strace prints it between {@code <>}; other links as they are. */
    private static String shown(String link) {
        return link != null && link.startsWith("/") ? StraceText.fdPath(link) : link;
    }

    /** open(2) flags: the access mode by value, then the O_* bits. */
    static Value openFlags(Call c, int i) {
        return openFlags(c, c.arg(i));
    }

    /** Open flags as a value: fcntl's F_SETFL argument and F_GETFL result print the same way. */
    static Value openFlags(Call c, long raw) {
        return openFlagBits(c, raw & 0xffff_ffffL);
    }

    /** Open flags all 64 bits wide, as openat2's struct open_how carries them. */
    static Value openFlagBits(Call c, long v) {
        Xlat bits = c.arch() instanceof Aarch64 ? OpenFlagsAarch64.XLAT : OpenFlags.XLAT;
        String mode = OpenAccessModes.XLAT.name(v & O_ACCMODE);
        List<String> names = new ArrayList<>();
        long rest = v;
        if (mode != null) {
            names.add(mode);
            rest &= ~O_ACCMODE;
        }
        Xlat.Decomposed d = bits.decompose(rest);
        if (rest != 0) names.addAll(d.names());
        return new Value.Flags(v, names, rest == 0 ? 0 : d.remainder());
    }

    /** open and openat take a mode only with O_CREAT or O_TMPFILE; strace prints it only then. */
    static boolean takesMode(long flags) {
        return (flags & O_CREAT) != 0 || (flags & O_TMPFILE_DIR) == O_TMPFILE_DIR;
    }

    /** A permission mode, strace's {@code %#03o}: 0644, 000. */
    static Value mode(Call c, int i) {
        return new Value.Text(mode(c.arg(i) & 0177777));
    }

    static String mode(long perm) {
        String o = perm == 0 ? "0" : "0" + Long.toOctalString(perm);
        return o.length() >= 3 ? o : "0".repeat(3 - o.length()) + o;
    }

    /**
     * A mode with its file type by name; {@code -X raw} prints it in octal, and so does a
     * mode whose type bits name no file type (print_symbolic_mode_t).
     */
    static Value typedModeValue(long m) {
        if ((m & 0170000) != 0 && fileType(m) == null) return new Value.Num(m, Value.Base.OCTAL);
        return new Value.Decoded(new Value.Num(m, Value.Base.OCTAL), new Value.Text(typedMode(m)));
    }

    /** A dev_t as {@code makedev(...)}; {@code -X raw} prints it in hex (print_dev_t). */
    static Value dev(long dev) {
        return new Value.Decoded(new Value.Num(dev, Value.Base.HEX), new Value.Text(makedev(dev)));
    }

    /** A mode with its file type and set-id/sticky bits by name: S_IFREG|S_ISUID|0755. */
    static String typedMode(long m) {
        String type = fileType(m);
        StringBuilder b = new StringBuilder();
        if (type != null) b.append(type).append('|');
        if ((m & 04000) != 0) b.append("S_ISUID|");
        if ((m & 02000) != 0) b.append("S_ISGID|");
        if ((m & 01000) != 0) b.append("S_ISVTX|");
        long rest = type != null ? m & 0777 : m & ~0170000L & ~07000L;
        return b.append(mode(rest)).toString();
    }

    /** The S_IF* name of a mode's type bits, or null for none or an unknown one. */
    private static String fileType(long m) {
        int t = (int) ((m >> 12) & 017);
        return t < FILE_TYPES.length ? FILE_TYPES[t] : null;
    }

    /** AT_* flags; faccessat2's 0x200 is AT_EACCESS where unlinkat's is AT_REMOVEDIR. */
    static Value atFlags(Call c, int i) {
        Xlat table = c.name().equals("faccessat2") ? FaccessatFlags.XLAT : AtFlags.XLAT;
        return Numbers.flags(table, c.arg(i) & 0xffff_ffffL, "AT_???");
    }

    static Value accessMode(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        return v == 0 ? new Value.Sym(0, "F_OK") : Numbers.flags(AccessModes.XLAT, v, "?_OK");
    }

    static Value seekWhence(Call c, int i) {
        return Numbers.named(SeekWhence.XLAT, c.arg(i) & 0xffff_ffffL, "SEEK_???");
    }

    /**
     * struct stat, abbreviated as strace does without -v: the mode, then the device for
     * device files or the size for the rest; with -v every member, the times with their
     * local time ({@code st_atime=1 /* 1970-01-01T00:00:01+0000 *\/, st_atime_nsec=0}).
     * Layouts: arch/x86/include/uapi/asm/stat.h and include/uapi/asm-generic/stat.h (arm64).
     */
    static Value stat(Call c, int i) {
        long addr = c.arg(i);
        if (!c.succeeded()) return new Value.Addr(addr);
        boolean generic = c.arch() instanceof Aarch64;
        byte[] raw = c.memory().read(addr, generic ? 128 : 144);
        if (raw == null) return new Value.Unreadable(addr);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long mode = b.getInt(generic ? 16 : 24) & 0xffff_ffffL;
        List<Field> f = new ArrayList<>();
        boolean v = c.options().verbose();
        if (v) {
            f.add(field("st_dev", dev(b.getLong(0))));
            f.add(field("st_ino", unsigned(b.getLong(8))));
        }
        f.add(field("st_mode", typedModeValue(mode)));
        if (v) {
            f.add(field("st_nlink", unsigned(generic ? b.getInt(20) & 0xffff_ffffL : b.getLong(16))));
            f.add(field("st_uid", unsigned(b.getInt(generic ? 24 : 28) & 0xffff_ffffL)));
            f.add(field("st_gid", unsigned(b.getInt(generic ? 28 : 32) & 0xffff_ffffL)));
            f.add(field("st_blksize", unsigned(generic ? b.getInt(56) & 0xffff_ffffL : b.getLong(56))));
            f.add(field("st_blocks", unsigned(b.getLong(64))));
        }
        long type = mode & 0170000;
        boolean device = type == 0020000 || type == 0060000;
        if (device) f.add(field("st_rdev", dev(b.getLong(generic ? 32 : 40))));
        else f.add(field("st_size", Value.dec(b.getLong(48))));
        if (!v) return new Value.Struct(f, true);
        for (String t : new String[] {"st_atime", "st_mtime", "st_ctime"}) {
            int off = t.equals("st_atime") ? 72 : t.equals("st_mtime") ? 88 : 104;
            long sec = b.getLong(off), nsec = b.getLong(off + 8);
            String time = Times.localTime(sec, nsec, 999_999_999L, 9);
            f.add(field(t, time == null ? Value.dec(sec) : new Value.Commented(Value.dec(sec), time)));
            f.add(field(t + "_nsec", unsigned(nsec)));
        }
        return new Value.Struct(f, false);
    }

    private static Value unsigned(long v) {
        return new Value.Num(v, Value.Base.UNSIGNED);
    }

    /** Whether a mode's file type is a character or block device, the types with a dev_t. */
    static boolean isDevice(long mode) {
        long type = mode & 0170000;
        return type == 0020000 || type == 0060000;
    }

    /** include/linux/kdev_t.h new_decode_dev: strace prints {@code makedev(0x88, 0x1)}. */
    static String makedev(long dev) {
        long major = ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfff);
        long minor = ((dev >>> 12) & 0xffffff00L) | (dev & 0xff);
        return "makedev(" + hex(major) + ", " + hex(minor) + ")";
    }

    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /** open and openat show their mode only when the flags create a file, mknod and mknodat their device only for device files. */
    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, FileDecoders::seekWhence), "lseek");
        r.add(modeOrDevice(1, true), "open");
        r.add(modeOrDevice(2, true), "openat");
        r.add(modeOrDevice(1, false), "mknod");
        r.add(modeOrDevice(2, false), "mknodat");
    }

    /** The last argument prints only when the flags (or mode) at {@code at} call for it (fs/open.c build_open_how, fs/namei.c). */
    private static SyscallDecoder modeOrDevice(int at, boolean mode) {
        return new SyscallDecoder() {
            @Override
            public int visibleArgs(Call c) {
                int n = SyscallDecoder.super.visibleArgs(c);
                return (mode ? takesMode(c.arg(at)) : isDevice(c.arg(at))) ? n : n - 1;
            }
        };
    }
}
