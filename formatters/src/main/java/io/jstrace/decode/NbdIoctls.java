package io.jstrace.decode;

import static io.jstrace.syscalls.xlat.NbdIoctlCmds.*;

import io.jstrace.syscalls.xlat.NbdIoctlFlags;

/**
 * Network block device ioctls (include/uapi/linux/nbd.h) as strace 6.1 prints them: the
 * socket of NBD_SET_SOCK as a descriptor, the sizes and the timeout as numbers, the export
 * flags by name; the requests without an argument print none.
 */
final class NbdIoctls {
    private NbdIoctls() {}

    static IoctlArg of(long r) {
        if (r == NBD_DISCONNECT || r == NBD_CLEAR_SOCK || r == NBD_DO_IT || r == NBD_CLEAR_QUE || r == NBD_PRINT_DEBUG)
            return IoctlArg.NONE;
        if (r == NBD_SET_SOCK) return IoctlArg.in((c, a) -> FileDecoders.descriptor(c, (int) a));
        if (r == NBD_SET_BLKSIZE || r == NBD_SET_SIZE || r == NBD_SET_SIZE_BLOCKS || r == NBD_SET_TIMEOUT)
            return IoctlArg.in(IoctlArg::unsignedValue);
        if (r == NBD_SET_FLAGS) return IoctlArg.in((c, a) -> Numbers.flags(NbdIoctlFlags.XLAT, a, "NBD_IOC_FLAG_???"));
        return null;
    }
}
