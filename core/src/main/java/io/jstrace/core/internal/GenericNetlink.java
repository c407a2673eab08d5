package io.jstrace.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The generic netlink families the kernel has registered, by id (the nlmsg_type of their
 * messages on a NETLINK_GENERIC socket): one CTRL_CMD_GETFAMILY dump to the controller,
 * GENL_ID_CTRL (include/uapi/linux/genetlink.h), as strace's socketutils.c
 * genl_families_xlat asks, in the tracer's network namespace.
 */
public final class GenericNetlink {
    private static final int NETLINK_GENERIC = 16, GENL_HDRLEN = 4, GENL_ID_CTRL = 0x10;
    private static final byte CTRL_CMD_NEWFAMILY = 1, CTRL_CMD_GETFAMILY = 3, CTRL_VERSION = 2;
    private static final int CTRL_ATTR_FAMILY_ID = 1, CTRL_ATTR_FAMILY_NAME = 2;

    private GenericNetlink() {}

    /** The families' names by id; empty when the controller cannot be asked. */
    public static Map<Integer, String> families() {
        Map<Integer, String> out = new HashMap<>();
        byte[] genlmsghdr = {CTRL_CMD_GETFAMILY, 0, 0, 0}; // cmd, version, reserved
        NetlinkRequest.send(NETLINK_GENERIC, GENL_ID_CTRL, true, genlmsghdr, (m, at, end) -> family(m, at, end, out));
        return out;
    }

    /** One CTRL_CMD_NEWFAMILY answer: its genlmsghdr, then the family's attributes, id and name among them. */
    static void family(ByteBuffer m, int at, int end, Map<Integer, String> out) {
        if (end - at < GENL_HDRLEN || m.get(at) != CTRL_CMD_NEWFAMILY || m.get(at + 1) != CTRL_VERSION) return;
        Integer id = null;
        String name = null;
        for (int a = at + GENL_HDRLEN; a + 4 <= end; ) {
            int alen = m.getShort(a) & 0xffff, atype = m.getShort(a + 2) & 0x3fff;
            if (alen < 4 || a + alen > end) return;
            if (atype == CTRL_ATTR_FAMILY_ID && alen - 4 == 2 && id == null) id = m.getShort(a + 4) & 0xffff;
            if (atype == CTRL_ATTR_FAMILY_NAME && name == null) {
                int n = 0;
                while (n < alen - 4 && m.get(a + 4 + n) != 0) n++;
                byte[] s = new byte[n];
                m.get(a + 4, s);
                name = new String(s, StandardCharsets.ISO_8859_1);
            }
            if (id != null && name != null) {
                out.putIfAbsent(id, name);
                id = null;
                name = null;
            }
            a += (alen + 3) & ~3;
        }
    }
}
