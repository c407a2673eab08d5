package io.jstrace.decode;

import io.jstrace.syscalls.IoctlNames;
import io.jstrace.syscalls.xlat.Xlat;

/**
 * An ioctl request as strace 6.1 prints it (src/ioctl.c): the numbers that carry a size or an
 * index in their fields by a name with those fields ({@code EVIOCGBIT(EV_KEY, 96)},
 * {@code MIXER_READ(13)}), then every name the uapi headers give the number ({@link
 * IoctlNames}), joined by " or "; a number nothing names by its include/uapi/asm-generic/ioctl.h
 * fields, {@code _IOC(_IOC_READ|_IOC_WRITE, 0x62, 0x1, 0x18)}. Under {@code -X raw} the number,
 * under {@code -X verbose} the number and the name in a comment.
 */
final class IoctlRequests {
    /** include/uapi/asm-generic/ioctl.h: the direction bits' names, by value. */
    private static final String[] IOC_DIRS = {"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"};

    static final int NONE = 0, WRITE = 1, READ = 2;

    private IoctlRequests() {}

    static int dir(long v) {
        return (int) (v >>> 30) & 3;
    }

    static int type(long v) {
        return (int) (v >>> 8) & 0xff;
    }

    static int nr(long v) {
        return (int) v & 0xff;
    }

    static int size(long v) {
        return (int) (v >>> 16) & 0x3fff;
    }

    static Value request(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        String abbrev = name(v, false);
        String verbose = name(v, true);
        if (abbrev == null) return new Value.Decoded(Value.hex(v), new Value.Text(ioc(v)));
        if (abbrev.equals(verbose)) return new Value.Sym(v, abbrev);
        return new Value.Styled(new Value.Text(abbrev), Value.hex(v),
                new Value.Text(hex(v) + " /* " + verbose + " */"));
    }

    /** The request's name, or null; {@code verbose}: as in {@code -X verbose}'s comment. */
    static String name(long v, boolean verbose) {
        String numbered = numbered(v, verbose);
        String named = IoctlNames.name(v);
        if (numbered == null) return named;
        return named == null ? numbered : numbered + " or " + named;
    }

    /** src/ioctl.c ioctl_decode_command_number: the numbers with a size or index in them. */
    private static String numbered(long v, boolean verbose) {
        int dir = dir(v), nr = nr(v), size = size(v);
        return switch (type(v)) {
            case '!' -> v == SeccompIoctls.NOTIF_ID_VALID_WRONG_DIR ? "SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR" : null;
            case 'E' -> EvdevIoctls.requestName(v, verbose);
            case 'H' -> hiddev(dir, nr, size);
            case 'M' -> dir == WRITE ? "MIXER_WRITE(" + nr + ")" : dir == READ ? "MIXER_READ(" + nr + ")" : null;
            case 'U' -> dir == READ && nr == 0x2c ? "UI_GET_SYSNAME(" + size + ")" : null;
            case 'j' -> dir == READ && nr == 0x13 ? "JSIOCGNAME(" + size + ")" : null;
            case 'k' -> dir == WRITE && nr == 0 ? "SPI_IOC_MESSAGE(" + size + ")" : null;
            default -> null;
        };
    }

    /** include/uapi/linux/hiddev.h and hidraw.h: the requests whose size is a buffer's length. */
    private static String hiddev(int dir, int nr, int size) {
        String name = null;
        if (dir == READ) {
            name = switch (nr) {
                case 0x04 -> "HIDIOCGRAWNAME";
                case 0x05 -> "HIDIOCGRAWPHYS";
                case 0x06 -> "HIDIOCSFEATURE";
                case 0x08 -> "HIDIOCGRAWUNIQ";
                case 0x12 -> "HIDIOCGPHYS";
                default -> null;
            };
        } else if (dir == (READ | WRITE)) {
            name = switch (nr) {
                case 0x06 -> "HIDIOCSFEATURE";
                case 0x07 -> "HIDIOCGFEATURE";
                default -> null;
            };
        }
        return name == null ? null : name + "(" + size + ")";
    }

    /**
     * A value from {@code table} inside a request's name: its name, or in hex with
     * {@code unknown} in a comment ({@code 0xe /* ABS_??? *\/}), without it under -X verbose.
     */
    static String xval(Xlat table, long value, String unknown, boolean verbose) {
        String name = table.name(value);
        if (name != null) return name;
        return verbose ? hex(value) : hex(value) + " /* " + unknown + " */";
    }

    /** {@code _IOC(dir, type, nr, size)}: the fields of a request number (bits 30-31, 8-15, 0-7, 16-29). */
    static String ioc(long v) {
        return "_IOC(" + IOC_DIRS[dir(v)] + ", " + hex(type(v)) + ", " + hex(nr(v)) + ", " + hex(size(v)) + ")";
    }

    static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }
}
