package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.syscalls.xlat.RandomIoctlCmds;
import java.util.List;

/**
 * /dev/random's ioctls (include/uapi/linux/random.h, random(4)): RNDGETENTCNT fills an int,
 * RNDADDTOENTCNT takes one, RNDADDENTROPY a {@code struct rand_pool_info} (two ints and the
 * bytes), RNDZAPENTCNT, RNDCLEARPOOL and RNDRESEEDCRNG nothing.
 */
final class RandomIoctls {
    private RandomIoctls() {}

    static IoctlArg of(long request) {
        if (request == RandomIoctlCmds.RNDGETENTCNT) return IoctlArg.out(IoctlArg::intIn);
        if (request == RandomIoctlCmds.RNDADDTOENTCNT) return IoctlArg.in(IoctlArg::intIn);
        if (request == RandomIoctlCmds.RNDADDENTROPY) return IoctlArg.in(RandomIoctls::randPoolInfo);
        if (request == RandomIoctlCmds.RNDZAPENTCNT || request == RandomIoctlCmds.RNDCLEARPOOL
                || request == RandomIoctlCmds.RNDRESEEDCRNG) return IoctlArg.NONE;
        return null;
    }

    /** {@code struct rand_pool_info}: entropy_count, buf_size, then buf_size bytes. */
    private static Value randPoolInfo(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        int size = TraceeArrays.s32(raw, 4);
        return new Value.Struct(List.of(field("entropy_count", Value.dec(TraceeArrays.s32(raw, 0))),
                field("buf_size", Value.dec(size)),
                field("buf", Strings.buffer(c, addr + 8, size & 0xffff_ffffL))), false);
    }
}
