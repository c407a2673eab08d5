package io.jstrace.core.internal;

import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    private static final int AF_NETLINK = 16, SOCK_DGRAM = 2, SOCK_CLOEXEC = 02000000, NETLINK_GENERIC = 16;
    private static final int NLMSG_HDRLEN = 16, GENL_HDRLEN = 4, NLM_F_REQUEST = 1, NLM_F_DUMP = 0x300;
    private static final int NLMSG_ERROR = 2, NLMSG_DONE = 3, GENL_ID_CTRL = 0x10;
    private static final int CTRL_CMD_NEWFAMILY = 1, CTRL_CMD_GETFAMILY = 3, CTRL_VERSION = 2;
    private static final int CTRL_ATTR_FAMILY_ID = 1, CTRL_ATTR_FAMILY_NAME = 2;
    private static final int BUFFER = 32768;

    private GenericNetlink() {}

    /** The families' names by id; empty when the controller cannot be asked. */
    public static Map<Integer, String> families() {
        Map<Integer, String> out = new HashMap<>();
        try {
            LibC libc = Native.libc();
            int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_GENERIC);
            if (fd < 0) return out;
            try {
                dump(libc, fd, out);
            } finally {
                libc.close(fd);
            }
        } catch (RuntimeException | LinkageError e) {
            return out;
        }
        return out;
    }

    private static void dump(LibC libc, int fd, Map<Integer, String> out) {
        NativeBuffer buf = NativeBuffer.allocate(BUFFER);
        int len = NLMSG_HDRLEN + GENL_HDRLEN;
        for (int k = 0; k < len; k += 4) buf.putInt(k, 0);
        buf.putInt(0, len);
        buf.putShort(4, (short) GENL_ID_CTRL);
        buf.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        buf.putInt(8, 1);
        buf.putByte(16, (byte) CTRL_CMD_GETFAMILY);
        if (libc.send(fd, buf, len, 0) != len) return;
        byte[] b = new byte[BUFFER];
        while (true) {
            long got = libc.recv(fd, buf, BUFFER, 0);
            if (got <= 0) return;
            buf.get(0, b, 0, (int) got);
            ByteBuffer m = ByteBuffer.wrap(b, 0, (int) got).order(ByteOrder.nativeOrder());
            for (int at = 0; at + NLMSG_HDRLEN <= got; ) {
                int msgLen = m.getInt(at), type = m.getShort(at + 4) & 0xffff;
                if (type == NLMSG_DONE || type == NLMSG_ERROR || msgLen < NLMSG_HDRLEN) return;
                family(m, at + NLMSG_HDRLEN, at + Math.min(msgLen, (int) got - at), out);
                at += (msgLen + 3) & ~3;
            }
        }
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
