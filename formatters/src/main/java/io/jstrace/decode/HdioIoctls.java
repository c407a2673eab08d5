package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.HdioIoctlCmds.*;

import io.jstrace.syscalls.xlat.HdioBusstates;
import io.jstrace.syscalls.xlat.HdioDriveCmds;
import java.util.ArrayList;
import java.util.List;

/**
 * ATA disk ioctls (include/uapi/linux/hdreg.h, Documentation/userspace-api/ioctl/hdio.rst) as
 * strace 6.1 prints them (src/hdio.c and its generated HDIO decoders): HDIO_GETGEO's
 * {@code struct hd_geometry}, HDIO_DRIVE_CMD's four-byte header at entry and the status the
 * kernel wrote over it at exit, the getters' unsigned long, the setters' value itself (bus
 * states and IDE_NICE bits by name), the identity blocks as strings.
 */
final class HdioIoctls {
    /** hdio.rst: HDIO_DRIVE_CMD returns the data of sector_count 512-byte sectors after its 4-byte header. */
    private static final int SECTOR_SIZE = 512;
    /** errno EIO: HDIO_DRIVE_CMD's status is filled in even when the drive reports an error. */
    private static final int EIO = 5;

    private HdioIoctls() {}

    static IoctlArg of(long r) {
        if (r == HDIO_GETGEO) return IoctlArg.out(HdioIoctls::geometry);
        if (r == HDIO_DRIVE_CMD) return IoctlArg.in(HdioIoctls::driveCmd).writingBack(HdioIoctls::driveCmdStatus);
        if (r == HDIO_DRIVE_RESET || r == HDIO_SCAN_HWIF) return IoctlArg.in(HdioIoctls::threeInts);
        if (r == HDIO_GET_BUSSTATE) return IoctlArg.out((c, a) -> ulongIn(c, a, HdioIoctls::busstate));
        if (r == HDIO_GET_NICE) return IoctlArg.out((c, a) -> ulongIn(c, a, HdioIoctls::nice));
        if (r == HDIO_GET_32BIT || r == HDIO_GET_ACOUSTIC || r == HDIO_GET_ADDRESS || r == HDIO_GET_DMA
                || r == HDIO_GET_KEEPSETTINGS || r == HDIO_GET_MULTCOUNT || r == HDIO_GET_NOWERR
                || r == HDIO_GET_UNMASKINTR || r == HDIO_GET_WCACHE)
            return IoctlArg.out((c, a) -> ulongIn(c, a, v -> new Value.Num(v, Value.Base.UNSIGNED)));
        if (r == HDIO_GET_IDENTITY) return IoctlArg.out((c, a) -> Strings.buffer(c, a, 512));
        if (r == HDIO_OBSOLETE_IDENTITY) return IoctlArg.out((c, a) -> Strings.buffer(c, a, 142));
        if (r == HDIO_SET_BUSSTATE) return IoctlArg.in((c, a) -> busstate(a));
        if (r == HDIO_SET_NICE) return IoctlArg.in((c, a) -> nice(a));
        if (r == HDIO_SET_32BIT || r == HDIO_SET_ACOUSTIC || r == HDIO_SET_ADDRESS || r == HDIO_SET_DMA
                || r == HDIO_SET_KEEPSETTINGS || r == HDIO_SET_MULTCOUNT || r == HDIO_SET_NOWERR
                || r == HDIO_SET_PIO_MODE || r == HDIO_SET_UNMASKINTR || r == HDIO_SET_WCACHE
                || r == HDIO_UNREGISTER_HWIF)
            return IoctlArg.in(IoctlArg::unsignedValue);
        return null;
    }

    /** {@code struct hd_geometry}: heads, sectors (bytes), cylinders (short), start (long at 8). */
    private static Value geometry(Call c, long addr) {
        byte[] raw = c.memory().read(addr, 16);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("heads", unsigned(raw[0] & 0xff)), field("sectors", unsigned(raw[1] & 0xff)),
                field("cylinders", unsigned((raw[2] & 0xff) | (raw[3] & 0xff) << 8)),
                field("start", unsigned(TraceeArrays.u64(raw, 8)))), false);
    }

    /** {@code struct hd_drive_cmd_hdr}: the ATA command and its three parameters. */
    private static Value driveCmd(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("command", Numbers.named(HdioDriveCmds.XLAT, raw[0] & 0xff, "ATA_CMD_???")),
                field("sector_number", unsigned(raw[1] & 0xff)), field("feature", unsigned(raw[2] & 0xff)),
                field("sector_count", unsigned(raw[3] & 0xff))), false);
    }

    /** What HDIO_DRIVE_CMD wrote over its header: status, error, nsector, then the sectors read. */
    private static Value driveCmdStatus(Call c, long addr) {
        if (!c.succeeded() && -c.ret() != EIO || addr == 0) return null;
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return null;
        List<Value.Field> f = new ArrayList<>(List.of(field("status", Value.hex(raw[0] & 0xff)),
                field("error", unsigned(raw[1] & 0xff)), field("nsector", unsigned(raw[2] & 0xff))));
        int sectors = raw[3] & 0xff;
        if (sectors != 0) f.add(field("buf", Netlink.hex(c, addr + 4, (long) sectors * SECTOR_SIZE)));
        return new Value.Struct(f, false);
    }

    /** Three ints in hex (the drive's register values): {@code [0xdeadbeef, 0, 0x1]}. */
    private static Value threeInts(Call c, long addr) {
        return TraceeArrays.array(c, addr, 3, 4, b -> Value.hex(TraceeArrays.s32(b, 0) & 0xffff_ffffL));
    }

    /** An unsigned long the kernel filled, in brackets. */
    private static Value ulongIn(Call c, long addr, java.util.function.LongFunction<Value> shown) {
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(shown.apply(TraceeArrays.u64(raw, 0))), false);
    }

    private static Value busstate(long v) {
        return Numbers.named(HdioBusstates.XLAT, v, "BUSSTATE_???");
    }

    /** The IDE_NICE_* bits, which the header gives as bit numbers: {@code 1 << IDE_NICE_1}. */
    private static Value nice(long v) {
        long[] bits = {IDE_NICE_DSC_OVERLAP, IDE_NICE_ATAPI_OVERLAP, IDE_NICE_1, IDE_NICE_0, IDE_NICE_2};
        String[] names = {"IDE_NICE_DSC_OVERLAP", "IDE_NICE_ATAPI_OVERLAP", "IDE_NICE_1", "IDE_NICE_0", "IDE_NICE_2"};
        List<String> set = new ArrayList<>();
        long rest = v;
        for (int i = 0; i < bits.length; i++) {
            if ((v & 1L << bits[i]) != 0) {
                set.add("1 << " + names[i]);
                rest &= ~(1L << bits[i]);
            }
        }
        if (set.isEmpty() && rest != 0) return new Value.Commented(Value.hex(v), "IDE_NICE_???");
        return new Value.Flags(v, set, rest);
    }

    private static Value unsigned(long v) {
        return new Value.Num(v, Value.Base.UNSIGNED);
    }
}
