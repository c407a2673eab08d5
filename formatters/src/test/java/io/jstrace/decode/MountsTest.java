package io.jstrace.decode;

import static io.jstrace.decode.FsioCalls.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** mount, umount2, the new mount API and file handles; expected texts are strace 6.1's. */
class MountsTest {
    private static final long S = 0x47_9000L, ATTR = 0x7ffc_4d5c_49c0L, FH = 0x7ffc_4d5c_4a00L, MID = 0x7ffc_4d5c_492cL;
    private static final long ENOENT = -2, EINVAL = -22, EFAULT = -14, EOVERFLOW = -75, EOPNOTSUPP = -95;

    private static FakeMemory strings() {
        return new FakeMemory().putString(S, "none").putString(S + 16, "/mnt").putString(S + 32, "tmpfs")
                .putString(S + 48, "size=1m").putString(S + 64, "abc");
    }

    private static String mount(long flags) {
        return args(Calls.of("mount").args(S, S + 16, S + 32, flags, S + 48).mem(strings()).exit(ENOENT));
    }

    @Test
    void mountFlagsAndMagic() {
        assertEquals("\"none\", \"/mnt\", \"tmpfs\", MS_NOSUID|MS_NODEV, \"size=1m\"", mount(6));
        assertEquals("\"none\", \"/mnt\", \"tmpfs\", MS_MGC_VAL|MS_RDONLY, \"size=1m\"", mount(0xC0ED0001L));
        assertEquals("\"none\", \"/mnt\", \"tmpfs\", MS_MGC_VAL, \"size=1m\"", mount(0xC0ED0000L));
        assertEquals("\"none\", \"/mnt\", \"tmpfs\", 0x1000000000 /* MS_??? */, \"size=1m\"", mount(0x10_0000_0000L));
        assertEquals("\"none\", \"/mnt\", \"tmpfs\", MS_RDONLY|0x1000000000, \"size=1m\"", mount(0x10_0000_0001L));
    }

    /** The magic is a part of its own under -X raw and -X verbose (strace 6.1's mount-Xraw, mount-Xverbose). */
    @Test
    void magicApartInEveryStyle() {
        Value flags = Mounts.mountFlags(0xC0ED000FL);
        StraceText raw = new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW);
        StraceText verbose = new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE);
        assertEquals("0xc0ed0000|0xf", raw.render(flags));
        assertEquals("0xc0ed0000 /* MS_MGC_VAL */|0xf /* MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC */", verbose.render(flags));
        assertEquals("0xc0ed0000", raw.render(Mounts.mountFlags(0xC0ED0000L)));
    }

    @Test
    void mountIgnoresTypeAndData() {
        assertEquals("\"none\", \"/mnt\", 0x479020, MS_RDONLY|MS_REMOUNT, \"size=1m\"", mount(33));
        assertEquals("\"none\", \"/mnt\", 0x479020, MS_BIND, 0x479030", mount(4096));
        assertEquals("\"none\", \"/mnt\", 0x479020, MS_REC|MS_PRIVATE, 0x479030", mount(16384 | (1 << 18)));
        assertEquals("NULL, \"/\", NULL, MS_REC|MS_PRIVATE, NULL",
                args(Calls.of("mount").args(0, S + 80, 0, 16384 | (1 << 18), 0).mem(strings().putString(S + 80, "/"))
                        .exit(0)));
    }

    @Test
    void umountAndNewApiFlags() {
        FakeMemory m = strings();
        assertEquals("\"none\", 0x100 /* MNT_??? */", args(Calls.of("umount2").args(S, 0x100).mem(m).exit(EINVAL)));
        assertEquals("\"none\", MNT_FORCE|UMOUNT_NOFOLLOW", args(Calls.of("umount2").args(S, 9).mem(m).exit(ENOENT)));
        assertEquals("\"tmpfs\", FSOPEN_CLOEXEC", args(Calls.of("fsopen").args(S + 32, 1).mem(m).exit(3)));
        assertEquals("3, 0x2 /* FSMOUNT_??? */, 0x400 /* MOUNT_ATTR_??? */",
                args(Calls.of("fsmount").args(3, 2, 0x400).exit(EINVAL)));
        assertEquals("3, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID|MOUNT_ATTR_NODEV|MOUNT_ATTR_NOATIME",
                args(Calls.of("fsmount").args(3, 1, 0x16).exit(4)));
        assertEquals("AT_FDCWD, \"none\", FSPICK_CLOEXEC|FSPICK_NO_AUTOMOUNT",
                args(Calls.of("fspick").args(-100, S, 5).mem(m).exit(5)));
        assertEquals("4, \"none\", AT_FDCWD, \"/mnt\", MOVE_MOUNT_F_EMPTY_PATH|0x1000",
                args(Calls.of("move_mount").args(4, S, -100, S + 16, 0x1004).mem(m).exit(EINVAL)));
        assertEquals("AT_FDCWD, \"none\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE",
                args(Calls.of("open_tree").args(-100, S, 0x88001).mem(m).exit(6)));
    }

    @Test
    void fsconfigByCommand() {
        FakeMemory m = strings();
        assertEquals("3, FSCONFIG_SET_STRING, \"none\", \"size=1m\", 0",
                args(Calls.of("fsconfig").args(3, 1, S, S + 48, 0).mem(m).exit(0)));
        assertEquals("3, FSCONFIG_SET_FLAG, \"none\", NULL, 0", args(Calls.of("fsconfig").args(3, 0, S, 0, 0).mem(m).exit(0)));
        assertEquals("3, FSCONFIG_SET_BINARY, \"none\", \"\\x61\\x62\\x63\", 3",
                args(Calls.of("fsconfig").args(3, 2, S, S + 64, 3).mem(m).exit(EINVAL)));
        assertEquals("3, FSCONFIG_SET_PATH, \"none\", \"/mnt\", AT_FDCWD",
                args(Calls.of("fsconfig").args(3, 3, S, S + 16, -100).mem(m).exit(EINVAL)));
        assertEquals("3, FSCONFIG_SET_FD, \"none\", NULL, 0", args(Calls.of("fsconfig").args(3, 5, S, 0, 0).mem(m).exit(EINVAL)));
        assertEquals("3, 0x63 /* FSCONFIG_??? */, 0x479000, NULL, 5",
                args(Calls.of("fsconfig").args(3, 99, S, 0, 5).mem(m).exit(EOPNOTSUPP)));
        assertEquals("3, FSCONFIG_CMD_CREATE, NULL, NULL, 0", args(Calls.of("fsconfig").args(3, 6, 0, 0, 0).exit(0)));
    }

    @Test
    void fsconfigStringsAreAtMostTheKernels256BytesAndABlobAtMostAMebibyte() {
        long key = 0x7f00_0000_1000L;
        FakeMemory m = new FakeMemory().putBytes(key, "k".repeat(300) + "\0");
        String k256 = "\"" + "k".repeat(256) + "\"...";
        assertEquals("3, FSCONFIG_SET_STRING, " + k256 + ", " + k256 + ", 0",
                args(Calls.of("fsconfig").args(3, 1, key, key, 0).mem(m).limit(300).exit(EINVAL)));
        assertEquals("3, FSCONFIG_SET_BINARY, " + k256 + ", 0x7f0000001000, -100",
                args(Calls.of("fsconfig").args(3, 2, key, key, -100).mem(m).limit(300).exit(EINVAL)));
        assertEquals("3, FSCONFIG_SET_BINARY, " + k256 + ", 0x7f0000001000, 1048577",
                args(Calls.of("fsconfig").args(3, 2, key, key, 1048577).mem(m).limit(300).exit(EINVAL)));
    }

    @Test
    void mountAttrNeedsItsFirstVersion() {
        FakeMemory m = new FakeMemory().putLongs(ATTR, 9, 0x70, 1 << 18, 0);
        assertEquals("6, \"\", AT_EMPTY_PATH, {attr_set=MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOEXEC, "
                + "attr_clr=MOUNT_ATTR_NOATIME|MOUNT_ATTR_STRICTATIME|0x40, propagation=MS_PRIVATE, userns_fd=0}, 32",
                args(Calls.of("mount_setattr").args(6, S + 200, 0x1000, ATTR, 32).mem(m.putString(S + 200, "")).exit(0)));
        assertEquals("6, \"\", AT_EMPTY_PATH, 0x7ffc4d5c49c0, 8",
                args(Calls.of("mount_setattr").args(6, S + 200, 0x1000, ATTR, 8).mem(m).exit(EINVAL)));
        assertEquals("6, \"\", AT_EMPTY_PATH, 0x7ffc4d5c49c8, 32",
                args(Calls.of("mount_setattr").args(6, S + 200, 0x1000, ATTR + 8, 32).mem(m).exit(EFAULT)));
    }

    private static FakeMemory handle(int bytes, int type) {
        return new FakeMemory().putInts(FH, bytes, type).putBytes(FH + 8, "\u00d9\u0040\"\0\u00a5Mx\u00e6")
                .putInts(MID, 43);
    }

    @Test
    void nameToHandleAtSizesInAndOut() {
        Call ok = Calls.of("name_to_handle_at").args(-100, S, FH, MID, 0).atEntry(handle(128, 0)).mem(handle(8, 1))
                .exit(0);
        String bytes = "\"\\xd9\\x40\\x22\\x00\\xa5\\x4d\\x78\\xe6\"";
        assertEquals("AT_FDCWD, \"none\", {handle_bytes=128 => 8, handle_type=1, f_handle=" + bytes + "}, [43], 0",
                args(Calls.of("name_to_handle_at").args(-100, S, FH, MID, 0).atEntry(handle(128, 0))
                        .mem(handle(8, 1).putString(S, "none")).exit(0)));
        assertEquals("{handle_bytes=128 => 8, handle_type=1, f_handle=" + bytes + "}",
                Calls.render(FileHandles.postHandle(ok, 2)));
        Call overflow = Calls.of("name_to_handle_at").args(-100, S, FH, MID, 0x400).atEntry(handle(0, 0))
                .mem(handle(8, 0)).exit(EOVERFLOW);
        assertEquals("{handle_bytes=0 => 8}", Calls.render(FileHandles.postHandle(overflow, 2)));
        assertEquals("0x7ffc4d5c492c", Calls.render(FileHandles.mountId(overflow, 3)));
        Call same = Calls.of("name_to_handle_at").args(7, S, FH, MID, 0x1000).atEntry(handle(8, 0)).mem(handle(8, 1))
                .exit(0);
        assertEquals("{handle_bytes=8, handle_type=1, f_handle=" + bytes + "}", Calls.render(FileHandles.postHandle(same, 2)));
    }

    @Test
    void handlesUnreadableAndFailed() {
        Call failed = Calls.of("name_to_handle_at").args(-100, S, FH, MID, 0).atEntry(handle(128, 0)).mem(handle(8, 1))
                .exit(ENOENT);
        assertEquals("{handle_bytes=128}", Calls.render(FileHandles.postHandle(failed, 2)));
        Call unreadable = Calls.of("name_to_handle_at").args(-100, S, 8, MID, 0).exit(EFAULT);
        assertEquals("0x8", Calls.render(FileHandles.postHandle(unreadable, 2)));
        assertEquals("8, NULL, O_RDONLY", args(Calls.of("open_by_handle_at").args(8, 0, 0).exit(EFAULT)));
        assertEquals("8, 0x8, O_RDONLY", args(Calls.of("open_by_handle_at").args(8, 8, 0).exit(EFAULT)));
        assertEquals("8, {handle_bytes=8, handle_type=1, f_handle=\"\\xd9\\x40\\x22\\x00\\xa5\\x4d\\x78\\xe6\"}, O_RDONLY",
                args(Calls.of("open_by_handle_at").args(8, FH, 0).mem(handle(8, 1)).exit(9)));
    }
}
