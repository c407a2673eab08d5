package io.jstrace.decode;

import io.jstrace.syscalls.xlat.NsfsIoctlCmds;
import io.jstrace.syscalls.xlat.SetnsTypes;
import java.util.List;

/**
 * Namespace file ioctls (include/uapi/linux/nsfs.h, ioctl_ns(2)): NS_GET_USERNS and
 * NS_GET_PARENT return a new descriptor and take no argument, NS_GET_NSTYPE returns the
 * namespace's CLONE_NEW* type, NS_GET_OWNER_UID fills a uid_t.
 */
final class NsfsIoctls {
    private NsfsIoctls() {}

    static IoctlArg of(long request) {
        if (request == NsfsIoctlCmds.NS_GET_USERNS || request == NsfsIoctlCmds.NS_GET_PARENT)
            return IoctlArg.NONE.returning(c -> FileDecoders.descriptor(c, c.ret()));
        if (request == NsfsIoctlCmds.NS_GET_NSTYPE) return IoctlArg.NONE.returning(NsfsIoctls::nstype);
        if (request == NsfsIoctlCmds.NS_GET_OWNER_UID) return IoctlArg.out(NsfsIoctls::uid);
        return null;
    }

    /** The return value and, when it is one, its CLONE_NEW* name: {@code 268435456 (CLONE_NEWUSER)}. */
    private static Value nstype(Call c) {
        String name = SetnsTypes.XLAT.name(c.ret());
        return name == null ? null
                : new Value.Noted(Value.dec(c.ret()), List.of(Value.field("", new Value.Text(name))));
    }

    private static Value uid(Call c, long addr) {
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Creds.id(TraceeArrays.s32(raw, 0) & 0xffff_ffffL)), false);
    }
}
