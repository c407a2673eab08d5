package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The ioctl families' decoders on literal memory; expected texts are strace 6.1's. */
class IoctlFamiliesTest {
    private static final long A = 0x7ffc0000_1000L;
    private static final long EVIOCGBIT_KEY_96 = 0x80604521L, EVIOCGABS_3F = 0x8018457fL, EVIOCSKEYCODE = 0x40084504L,
            HDIO_DRIVE_CMD = 0x31f, FS_IOC_FIEMAP = 0xc020660bL, SECCOMP_IOCTL_NOTIF_RECV = 0xc0502100L,
            RNDADDENTROPY = 0x40085203L, NS_GET_NSTYPE = 0xb703, GPIO_GET_LINEINFO_IOCTL = 0xc048b402L,
            PTP_SYS_OFFSET = 0x43403d05L, VIDIOC_S_CTRL = 0xc008561cL, VIDIOC_QUERYCTRL = 0xc0445624L,
            VIDIOC_ENUM_FRAMESIZES = 0xc02c564aL, KDMKTONE = 0x4b30, KDSKBENT = 0x4b47, LOOP_SET_STATUS64 = 0x4c04;

    private static String arg(Call c) {
        return render(Ioctls.arg(c, 2));
    }

    private static String request(long r, XlatStyle style) {
        return new StraceText(StraceText.Escape.OCTAL, style)
                .render(IoctlRequests.request(Calls.of("ioctl").args(3, r, 0).enter(), 1));
    }

    @Test
    void requestsWithFieldsInTheirNumber() {
        assertEquals("EVIOCGBIT(EV_KEY, 96)", request(EVIOCGBIT_KEY_96, XlatStyle.ABBREV));
        assertEquals("EVIOCGABS(0x3f /* ABS_??? */)", request(EVIOCGABS_3F, XlatStyle.ABBREV));
        assertEquals("0x8018457f /* EVIOCGABS(0x3f) */", request(EVIOCGABS_3F, XlatStyle.VERBOSE));
        assertEquals("0x8018457f", request(EVIOCGABS_3F, XlatStyle.RAW));
        assertEquals("MIXER_READ(13) or OTPSELECT", request(0x80044d0dL, XlatStyle.ABBREV));
    }

    @Test
    void bitsetByTheReturnedLength() {
        FakeMemory m = new FakeMemory().putLongs(A, 0b11110L, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("[KEY_ESC KEY_1 KEY_2 KEY_3]", arg(Calls.of("ioctl").args(3, EVIOCGBIT_KEY_96, A).mem(m).exit(1)));
        FakeMemory more = new FakeMemory().putLongs(A, 0b111110L, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("[KEY_ESC KEY_1 KEY_2 KEY_3 ...]",
                arg(Calls.of("ioctl").args(3, EVIOCGBIT_KEY_96, A).mem(more).exit(1)));
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(3, EVIOCGBIT_KEY_96, A).mem(m).exit(0)));
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(3, EVIOCGBIT_KEY_96, A).mem(m).exit(-9)));
    }

    @Test
    void keycodeAtEntryOrItsAddress() {
        FakeMemory m = new FakeMemory().putInts(A, 30, 30);
        assertEquals("[30, KEY_A]", arg(Calls.of("ioctl").args(3, EVIOCSKEYCODE, A).mem(m).enter()));
        FakeMemory half = new FakeMemory().putInts(A, 30);
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(3, EVIOCSKEYCODE, A).mem(half).enter()));
    }

    @Test
    void driveCommandAndWhatTheDriveWroteBack() {
        FakeMemory m = new FakeMemory().put(A, new byte[] {(byte) 0xca, 1, 2, 0});
        Call entry = Calls.of("ioctl").args(3, HDIO_DRIVE_CMD, A).mem(m).enter();
        assertEquals("{command=ATA_CMD_WRITE, sector_number=1, feature=2, sector_count=0}", arg(entry));
        FakeMemory after = new FakeMemory().put(A, new byte[] {0x50, 0, 1, 0});
        assertEquals("{status=0x50, error=0, nsector=1}",
                render(Ioctls.writeBack(Calls.of("ioctl").args(3, HDIO_DRIVE_CMD, A).mem(after).exit(0))));
        assertNull(Ioctls.writeBack(Calls.of("ioctl").args(3, HDIO_DRIVE_CMD, A).mem(after).exit(-9)));
        assertEquals("{status=0x50, error=0, nsector=1}",
                render(Ioctls.writeBack(Calls.of("ioctl").args(3, HDIO_DRIVE_CMD, A).mem(after).exit(-5)))); // EIO
    }

    @Test
    void fiemapMappedOnlyAfterSuccess() {
        FakeMemory m = new FakeMemory().putLongs(A, 0, 4096).putInts(A + 16, 1, 2, 8, 0);
        assertEquals("{fm_flags=FIEMAP_FLAG_SYNC, fm_mapped_extents=2, ...}",
                render(Ioctls.writeBack(Calls.of("ioctl").args(3, FS_IOC_FIEMAP, A).mem(m).exit(0))));
        assertNull(Ioctls.writeBack(Calls.of("ioctl").args(3, FS_IOC_FIEMAP, A).mem(m).exit(-95)));
        assertNull(Ioctls.writeBack(Calls.of("ioctl").args(3, FS_IOC_FIEMAP, A + 0x100000).mem(m).exit(0)));
    }

    @Test
    void seccompNotificationZeroedAtEntryPrintsAtExit() {
        FakeMemory zero = new FakeMemory().put(A, new byte[80]);
        assertEquals(2, Formatters.entryArgs(Calls.of("ioctl").args(3, SECCOMP_IOCTL_NOTIF_RECV, A).mem(zero).enter(), 3));
        FakeMemory set = new FakeMemory().put(A, new byte[80]).putInts(A + 8, 42);
        assertEquals(3, Formatters.entryArgs(Calls.of("ioctl").args(3, SECCOMP_IOCTL_NOTIF_RECV, A).mem(set).enter(), 3));
    }

    @Test
    void randomPoolInfoAndNamespaceType() {
        FakeMemory m = new FakeMemory().putInts(A, 3, 4).putBytes(A + 8, "abcd");
        assertEquals("{entropy_count=3, buf_size=4, buf=\"abcd\"}",
                arg(Calls.of("ioctl").args(-1, RNDADDENTROPY, A).mem(m).enter()));
        assertEquals("67108864 (CLONE_NEWUTS)",
                render(Ioctls.returnValue(Calls.of("ioctl").args(3, NS_GET_NSTYPE, 0).exit(0x4000000))));
        assertEquals(2, Formatters.visibleArgs(Calls.of("ioctl").args(3, NS_GET_NSTYPE, 0).enter()));
    }

    @Test
    void gpioLineOffsetThenTheLineTheKernelDescribed() {
        FakeMemory in = new FakeMemory().put(A, new byte[72]).putInts(A, 50);
        assertEquals("{line_offset=50}", arg(Calls.of("ioctl").args(3, GPIO_GET_LINEINFO_IOCTL, A).mem(in).enter()));
        FakeMemory out = new FakeMemory().put(A, new byte[72]).putInts(A, 50, 0x5).putBytes(A + 8, "led0")
                .putBytes(A + 40, "blink");
        assertEquals("{flags=GPIOLINE_FLAG_KERNEL|GPIOLINE_FLAG_ACTIVE_LOW, name=\"led0\", consumer=\"blink\"}",
                render(Ioctls.writeBack(Calls.of("ioctl").args(3, GPIO_GET_LINEINFO_IOCTL, A).mem(out).exit(0))));
        assertNull(Ioctls.writeBack(Calls.of("ioctl").args(3, GPIO_GET_LINEINFO_IOCTL, A).mem(out).exit(-25)));
    }

    @Test
    void ptpSamplesAfterTheCountTheCallerPassed() {
        FakeMemory in = new FakeMemory().put(A, new byte[832]).putInts(A, 1);
        FakeMemory out = new FakeMemory().put(A, new byte[832]).putInts(A, 1).putLongs(A + 16, 0, 5, 7, 0, 0, 6);
        assertEquals(2, Formatters.entryArgs(Calls.of("ioctl").args(3, PTP_SYS_OFFSET, A).mem(in).enter(), 3));
        assertEquals("{n_samples=1, ts=[{sec=0, nsec=5} /* " + date(0, 5) + " */, {sec=7, nsec=0} /* " + date(7, 0)
                        + " */, {sec=0, nsec=6} /* " + date(0, 6) + " */]}",
                arg(Calls.of("ioctl").args(3, PTP_SYS_OFFSET, A).atEntry(in).mem(out).exit(0)));
        assertEquals("{n_samples=1}", arg(Calls.of("ioctl").args(3, PTP_SYS_OFFSET, A).atEntry(in).mem(out).exit(-9)));
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(3, PTP_SYS_OFFSET, A).atEntry(new FakeMemory())
                .mem(out).exit(0)));
    }

    /** The date strace puts after a PTP real time, in this machine's time zone. */
    private static String date(long sec, long nsec) {
        return Times.localTime(sec, nsec, 999_999_999L, 9);
    }

    @Test
    void v4l2ValueSetAndControlFound() {
        FakeMemory in = new FakeMemory().putInts(A, 0x980900, 7);
        FakeMemory out = new FakeMemory().putInts(A, 0x980900, 8);
        assertEquals("{id=V4L2_CID_BRIGHTNESS, value=7 => 8}",
                arg(Calls.of("ioctl").args(3, VIDIOC_S_CTRL, A).atEntry(in).mem(out).exit(0)));
        assertEquals("{id=V4L2_CID_BRIGHTNESS, value=7}",
                arg(Calls.of("ioctl").args(3, VIDIOC_S_CTRL, A).atEntry(in).mem(out).exit(-22)));
        FakeMemory next = new FakeMemory().put(A, new byte[68]).putInts(A, 0x80980000);
        FakeMemory found = new FakeMemory().put(A, new byte[68]).putInts(A, 0x980901, 1).putBytes(A + 8, "Contrast");
        assertEquals("{id=V4L2_CTRL_FLAG_NEXT_CTRL|V4L2_CTRL_CLASS_USER+0 => V4L2_CID_CONTRAST, "
                        + "type=V4L2_CTRL_TYPE_INTEGER, name=\"Contrast\", ...}",
                arg(Calls.of("ioctl").args(3, VIDIOC_QUERYCTRL, A).atEntry(next).mem(found).exit(0)));
    }

    @Test
    void v4l2FourccByItsCharactersOrItsNumber() {
        FakeMemory in = new FakeMemory().put(A, new byte[44]).putInts(A, 0, 0x56595559);
        FakeMemory out = new FakeMemory().put(A, new byte[44]).putInts(A, 0, 0x56595559, 1, 640, 480);
        Call c = Calls.of("ioctl").args(3, VIDIOC_ENUM_FRAMESIZES, A).atEntry(in).mem(out).exit(0);
        assertEquals("{index=0, pixel_format=v4l2_fourcc('Y', 'U', 'Y', 'V') /* V4L2_PIX_FMT_YUYV */, "
                + "type=V4L2_FRMSIZE_TYPE_DISCRETE, discrete={width=640, height=480}}", arg(c));
        assertEquals("{index=0, pixel_format=0x56595559, type=0x1, discrete={width=640, height=480}}",
                new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(Ioctls.arg(c, 2)));
    }

    @Test
    void kdToneAndKeymapEntryWithTheActionItHolds() {
        Call tone = Calls.of("ioctl").args(3, KDMKTONE, 0x10001).enter();
        assertEquals("1<<16|1 /* 1193182 Hz, 1 ms */", arg(tone));
        assertEquals("1<<16|1", new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(Ioctls.arg(tone, 2)));
        FakeMemory latin = new FakeMemory().put(A, new byte[] {0, 30, 0x61, 0});
        assertEquals("{kb_table=K_NORMTAB, kb_index=30, kb_value=0x61 /* K(KT_LATIN, 'a') */}",
                arg(Calls.of("ioctl").args(3, KDSKBENT, A).mem(latin).enter()));
        FakeMemory f2 = new FakeMemory().put(A, new byte[] {(byte) 0xa8, 59, 1, 1});
        assertEquals("{kb_table=1<<KG_ALT|1<<KG_SHIFTR|1<<KG_CTRLR, kb_index=59, kb_value=0x101 /* K_F2 */}",
                arg(Calls.of("ioctl").args(3, KDSKBENT, A).mem(f2).enter()));
    }

    @Test
    void loopStatusAbbreviatedUnlessVerbose() {
        FakeMemory m = new FakeMemory().put(A, new byte[232]).putLongs(A + 24, 4096).putInts(A + 40, 7, 0, 0, 1)
                .putBytes(A + 56, "/tmp/disk.img");
        assertEquals("{lo_offset=0x1000, lo_number=7, lo_flags=LO_FLAGS_READ_ONLY, lo_file_name=\"/tmp/disk.img\", ...}",
                arg(Calls.of("ioctl").args(3, LOOP_SET_STATUS64, A).mem(m).enter()));
        assertEquals("{lo_device=makedev(0, 0), lo_inode=0, lo_rdevice=makedev(0, 0), lo_offset=0x1000, lo_sizelimit=0, "
                        + "lo_number=7, lo_encrypt_type=LO_CRYPT_NONE, lo_encrypt_key_size=0, lo_flags=LO_FLAGS_READ_ONLY, "
                        + "lo_file_name=\"/tmp/disk.img\", lo_crypt_name=\"\", lo_encrypt_key=\"\", lo_init=[0, 0]}",
                arg(Calls.of("ioctl").args(3, LOOP_SET_STATUS64, A).mem(m).verbose().enter()));
    }

    /** Block devices: a getter's size at exit, a range at entry, BLKPG's partition, the trace setup's name at exit. */
    @Test
    void blockDevices() {
        long blkgetsize64 = 0x80081272L, blkdiscard = 0x1277, blkpg = 0x1269, blktracesetup = 0xc0481273L;
        FakeMemory m = new FakeMemory().putLongs(A, 1L << 30, 4096);
        assertEquals("[1073741824]", arg(Calls.of("ioctl").args(3, blkgetsize64, A).mem(m).exit(0)));
        assertEquals("NULL", arg(Calls.of("ioctl").args(3, blkgetsize64, 0).exit(-14)));
        assertEquals("[1073741824, 4096]", arg(Calls.of("ioctl").args(3, blkdiscard, A).mem(m).enter()));
        assertEquals(2, Formatters.visibleArgs(Calls.of("ioctl").args(3, 0x125f, 0).enter()));
        FakeMemory pg = new FakeMemory().putInts(A + 0x100, 1, 0, 152, 0).putLongs(A + 0x110, A + 0x200)
                .put(A + 0x200, new byte[152]).putLongs(A + 0x200, 2048, 1 << 20).putInts(A + 0x210, 1).putString(A + 0x214, "loop0p1")
                .putString(A + 0x254, "");
        assertEquals("{op=BLKPG_ADD_PARTITION, flags=0, datalen=152, data={start=2048, length=1048576, pno=1, "
                + "devname=\"loop0p1\", volname=\"\"}}", arg(Calls.of("ioctl").args(3, blkpg, A + 0x100).mem(pg).enter()));
        FakeMemory in = new FakeMemory().put(A + 0x300, new byte[72]).putInts(A + 0x320, 0xffff, 512, 4)
                .putInts(A + 0x340, 42);
        FakeMemory out = new FakeMemory().put(A + 0x300, new byte[72]).putString(A + 0x300, "loop0");
        assertEquals("{act_mask=65535, buf_size=512, buf_nr=4, start_lba=0, end_lba=0, pid=42, name=\"loop0\"}",
                arg(Calls.of("ioctl").args(3, blktracesetup, A + 0x300).atEntry(in).mem(out).exit(0)));
    }

    /** perf events: the group flag, the BPF programs' query (room at entry, ids at exit), a filter string. */
    @Test
    void perfEvents() {
        long enable = 0x2400, queryBpf = 0xc008240aL, setFilter = 0x40082406L;
        assertEquals("PERF_IOC_FLAG_GROUP|0x2", arg(Calls.of("ioctl").args(3, enable, 3).enter()));
        assertEquals("0x2 /* PERF_IOC_FLAG_??? */", arg(Calls.of("ioctl").args(3, enable, 2).enter()));
        FakeMemory in = new FakeMemory().putInts(A, 4);
        FakeMemory out = new FakeMemory().putInts(A, 4, 2, 17, 19);
        assertEquals("{ids_len=4, prog_cnt=2, ids=[17, 19]}",
                arg(Calls.of("ioctl").args(3, queryBpf, A).atEntry(in).mem(out).exit(0)));
        assertEquals("{ids_len=4, ...}", arg(Calls.of("ioctl").args(3, queryBpf, A).atEntry(in).mem(out).exit(-22)));
        assertEquals("\"tp == 1\"", arg(Calls.of("ioctl").args(3, setFilter, A)
                .mem(new FakeMemory().putString(A, "tp == 1")).enter()));
    }

    /**
     * SCSI generic: the reset to do, and SG_IO's version 3 request (a READ of 4 bytes: the
     * command at entry, the bytes the device sent less the residual count at exit).
     */
    @Test
    void scsiGeneric() {
        long sgScsiReset = 0x2284, sgIo = 0x2285;
        FakeMemory m = new FakeMemory().putInts(A, 0x101);
        assertEquals("[SG_SCSI_RESET_NO_ESCALATE|SG_SCSI_RESET_DEVICE]", arg(Calls.of("ioctl").args(3, sgScsiReset, A).mem(m).enter()));
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(88).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 'S').putInt(4, -3).put(8, (byte) 6).put(9, (byte) 0).putInt(12, 4).putLong(16, A + 0x100)
                .putLong(24, A + 0x200).putLong(32, 0).putInt(40, 1000).putInt(72, 1).putInt(80, 0);
        FakeMemory sg = new FakeMemory().put(A, h.array()).put(A + 0x100, new byte[] {1, 2, 3, 4})
                .put(A + 0x200, new byte[] {0x12, 0, 0, 0, 4, 0});
        assertEquals("{interface_id='S', dxfer_direction=SG_DXFER_FROM_DEV, cmd_len=6, cmdp=\"\\x12\\x00\\x00\\x00\\x04\\x00\", "
                + "mx_sb_len=0, iovec_count=0, dxfer_len=4, timeout=1000, flags=0, dxferp=\"\\x01\\x02\\x03\", status=0, "
                + "masked_status=0, msg_status=0, sb_len_wr=0, sbp=NULL, host_status=0, driver_status=0, resid=1, "
                + "duration=0, info=0}", arg(Calls.of("ioctl").args(3, sgIo, A).atEntry(sg).mem(sg).exit(0)));
        assertEquals("[65]", arg(Calls.of("ioctl").args(3, sgIo, A + 0x300).mem(new FakeMemory().putInts(A + 0x300, 'A'))
                .atEntry(new FakeMemory().putInts(A + 0x300, 'A')).exit(-22)));
    }

    /** SIOCGIFCONF: the room passed in and what the kernel used, the interfaces it listed. */
    @Test
    void socketInterfaceList() {
        long siocgifconf = 0x8912;
        FakeMemory in = new FakeMemory().putInts(A, 80, 0).putLongs(A + 8, A + 0x100);
        java.nio.ByteBuffer r = java.nio.ByteBuffer.allocate(40).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        r.put(0, (byte) 'l').put(1, (byte) 'o').putShort(16, (short) 2).put(20, (byte) 127).put(23, (byte) 1);
        FakeMemory out = new FakeMemory().putInts(A, 40, 0).putLongs(A + 8, A + 0x100).put(A + 0x100, r.array());
        assertEquals("{ifc_len=80 /* 2 * sizeof(struct ifreq) */ => 40 /* 1 * sizeof(struct ifreq) */, ifc_buf=[{ifr_name=\"lo\", "
                + "ifr_addr={sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}}]}",
                arg(Calls.of("ioctl").args(3, siocgifconf, A).atEntry(in).mem(out).exit(0)));
        FakeMemory none = new FakeMemory().putInts(A, 0, 0).putLongs(A + 8, 0);
        FakeMemory asked = new FakeMemory().putInts(A, 40, 0).putLongs(A + 8, 0);
        assertEquals("{ifc_len=40 /* 1 * sizeof(struct ifreq) */, ifc_buf=NULL}",
                arg(Calls.of("ioctl").args(3, siocgifconf, A).atEntry(none).mem(asked).exit(0)));
    }
}

