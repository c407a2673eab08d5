package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.LoopIoctlCmds.*;

import io.jstrace.syscalls.xlat.LoopCryptTypeOptions;
import io.jstrace.syscalls.xlat.LoopFlagsOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Loop device ioctls (include/uapi/linux/loop.h, loop(4)) as strace 6.1 prints them: the
 * backing file's descriptor, {@code struct loop_info} and {@code loop_info64} (the setters'
 * at entry, the getters' at exit; devices, inode, encryption and init words only with
 * {@code -v}, the encryption also when there is one), {@code struct loop_config}, the
 * loop-control device numbers.
 */
final class LoopIoctls {
    /** LO_KEY_SIZE, LO_NAME_SIZE. */
    private static final int KEY_SIZE = 32, NAME_SIZE = 64;

    private LoopIoctls() {}

    static IoctlArg of(long r) {
        if (r == LOOP_CLR_FD || r == LOOP_SET_CAPACITY || r == LOOP_CTL_GET_FREE) return IoctlArg.NONE;
        if (r == LOOP_SET_FD || r == LOOP_CHANGE_FD) return IoctlArg.in((c, a) -> FileDecoders.descriptor(c, (int) a));
        if (r == LOOP_CTL_ADD || r == LOOP_CTL_REMOVE) return IoctlArg.in(IoctlArg::intValue);
        if (r == LOOP_SET_DIRECT_IO || r == LOOP_SET_BLOCK_SIZE) return IoctlArg.in(IoctlArg::unsignedValue);
        if (r == LOOP_SET_STATUS) return IoctlArg.in((c, a) -> struct(c, a, 168, LoopIoctls::info));
        if (r == LOOP_GET_STATUS) return IoctlArg.out((c, a) -> struct(c, a, 168, LoopIoctls::info));
        if (r == LOOP_SET_STATUS64) return IoctlArg.in((c, a) -> struct(c, a, 232, s -> info64(s, 0)));
        if (r == LOOP_GET_STATUS64) return IoctlArg.out((c, a) -> struct(c, a, 232, s -> info64(s, 0)));
        if (r == LOOP_CONFIGURE) return IoctlArg.in((c, a) -> struct(c, a, 304, LoopIoctls::config));
        return null;
    }

    private interface Members {
        Value of(RawStruct s);
    }

    private static Value struct(Call c, long addr, int size, Members members) {
        if (addr == 0) return new Value.Addr(0);
        RawStruct s = RawStruct.read(c, addr, size);
        return s == null ? new Value.Unreadable(addr) : members.of(s);
    }

    private static boolean verbose(RawStruct s) {
        return s.c().options().verbose();
    }

    /**
     * {@code struct loop_info}: lo_number, lo_device, lo_inode, lo_rdevice (longs), lo_offset,
     * lo_encrypt_type, lo_encrypt_key_size, lo_flags (ints at 32), lo_name[64], the key[32],
     * lo_init[2], reserved[4].
     */
    private static Value info(RawStruct s) {
        boolean v = verbose(s), crypt = v || s.u32(36) != LoopCryptTypeOptions.LO_CRYPT_NONE;
        List<Value.Field> f = new ArrayList<>(List.of(field("lo_number", s.signed32(0))));
        if (v) {
            f.add(field("lo_device", FileDecoders.dev(s.u64(8))));
            f.add(field("lo_inode", s.unsigned64(16)));
            f.add(field("lo_rdevice", FileDecoders.dev(s.u64(24))));
        }
        f.add(field("lo_offset", s.hex32(32)));
        if (crypt) encryption(s, 36, f);
        f.add(flags(s, 44));
        f.add(field("lo_name", s.cString(48, NAME_SIZE)));
        if (crypt) f.add(key(s, 40, 112));
        if (!v) return new Value.Struct(f, true);
        f.add(field("lo_init", s.array(144, 2, 8, RawStruct::hex64)));
        f.add(field("reserved", s.array(160, 4, 1, (t, o) -> Value.hex(t.u8(o)))));
        return new Value.Struct(f, false);
    }

    /**
     * {@code struct loop_info64} at {@code off}: lo_device, lo_inode, lo_rdevice, lo_offset,
     * lo_sizelimit (u64s), lo_number, lo_encrypt_type, lo_encrypt_key_size, lo_flags (u32s at
     * 40), lo_file_name[64], lo_crypt_name[64], the key[32], lo_init[2].
     */
    private static Value info64(RawStruct s, int off) {
        boolean v = verbose(s), crypt = v || s.u32(off + 44) != LoopCryptTypeOptions.LO_CRYPT_NONE;
        List<Value.Field> f = new ArrayList<>();
        if (v) {
            f.add(field("lo_device", FileDecoders.dev(s.u64(off))));
            f.add(field("lo_inode", s.unsigned64(off + 8)));
            f.add(field("lo_rdevice", FileDecoders.dev(s.u64(off + 16))));
            f.add(field("lo_offset", s.hex64(off + 24)));
            f.add(field("lo_sizelimit", s.unsigned64(off + 32)));
        } else {
            f.add(field("lo_offset", s.hex64(off + 24)));
        }
        f.add(field("lo_number", s.unsigned32(off + 40)));
        if (crypt) encryption(s, off + 44, f);
        f.add(flags(s, off + 52));
        f.add(field("lo_file_name", s.cString(off + 56, NAME_SIZE)));
        if (crypt) {
            f.add(field("lo_crypt_name", s.cString(off + 120, NAME_SIZE)));
            f.add(key(s, off + 48, off + 184));
        }
        if (!v) return new Value.Struct(f, true);
        f.add(field("lo_init", s.array(off + 216, 2, 8, RawStruct::hex64)));
        return new Value.Struct(f, false);
    }

    /** {@code struct loop_config}: fd, block_size, info (a loop_info64 at 8), __reserved[8] when set. */
    private static Value config(RawStruct s) {
        List<Value.Field> f = new ArrayList<>(List.of(field("fd", FileDecoders.descriptor(s.c(), s.s32(0))),
                field("block_size", s.unsigned32(4)), field("info", info64(s, 8))));
        if (!s.zero(240, 64)) f.add(field("__reserved", s.array(240, 8, 8, RawStruct::hex64)));
        return new Value.Struct(f, false);
    }

    /** lo_encrypt_type and lo_encrypt_key_size (an int the kernel takes as unsigned). */
    private static void encryption(RawStruct s, int off, List<Value.Field> f) {
        f.add(field("lo_encrypt_type", Numbers.named(LoopCryptTypeOptions.XLAT, s.u32(off), "LO_CRYPT_???")));
        f.add(field("lo_encrypt_key_size", s.unsigned32(off + 4)));
    }

    private static Value.Field flags(RawStruct s, int off) {
        return field("lo_flags", Numbers.flags(LoopFlagsOptions.XLAT, s.u32(off), "LO_FLAGS_???"));
    }

    /** The key: lo_encrypt_key_size bytes of it, at most LO_KEY_SIZE. */
    private static Value.Field key(RawStruct s, int sizeOff, int off) {
        int n = (int) Math.min(s.u32(sizeOff), KEY_SIZE);
        return field("lo_encrypt_key", new Value.Str(java.util.Arrays.copyOfRange(s.raw(), off, off + n), false));
    }
}
