package io.jstrace.core.internal;

import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One request on a netlink socket of its own, and the kernel's answers read back
 * (include/uapi/linux/netlink.h; a dump ends at NLMSG_DONE, a refusal is NLMSG_ERROR).
 */
final class NetlinkRequest {
    private static final int AF_NETLINK = 16, SOCK_DGRAM = 2, SOCK_CLOEXEC = 02000000;
    private static final int NLM_F_REQUEST = 1, NLM_F_DUMP = 0x300;
    static final int NLMSG_HDRLEN = 16;
    private static final int NLMSG_ERROR = 2, NLMSG_DONE = 3, BUFFER = 32 * 1024;

    private NetlinkRequest() {}

    /** Reads one message of an answer: its bytes, where the message's body starts, and where it ends. */
    interface Reader {
        void read(ByteBuffer m, int at, int end);
    }

    /**
     * Sends {@code body} under a netlink header of {@code type} on a socket of netlink
     * {@code protocol} and hands each answer of the same type to {@code each}: all of a dump,
     * else the first datagram's. Nothing when the kernel cannot be asked.
     */
    static void send(int protocol, int type, boolean dump, byte[] body, Reader each) {
        try {
            LibC libc = Native.libc();
            int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, protocol);
            if (fd < 0) return;
            try {
                NativeBuffer buf = NativeBuffer.allocate(BUFFER);
                int len = NLMSG_HDRLEN + body.length;
                buf.putInt(0, len);
                buf.putShort(4, (short) type);
                buf.putShort(6, (short) (NLM_F_REQUEST | (dump ? NLM_F_DUMP : 0)));
                buf.putInt(8, 1);
                buf.putInt(12, 0);
                buf.put(NLMSG_HDRLEN, body, 0, body.length);
                if (libc.send(fd, buf, len, 0) != len) return;
                byte[] b = new byte[BUFFER];
                while (true) {
                    long got = libc.recv(fd, buf, BUFFER, 0);
                    if (got <= 0) return;
                    buf.get(0, b, 0, (int) got);
                    ByteBuffer m = ByteBuffer.wrap(b, 0, (int) got).order(ByteOrder.nativeOrder());
                    if (!messages(m, (int) got, type, each) || !dump) return;
                }
            } finally {
                libc.close(fd);
            }
        } catch (RuntimeException | LinkageError e) {
            // no answer: nothing found
        }
    }

    /**
     * Each message of {@code type} in {@code got} bytes of netlink messages, to {@code each};
     * false at a dump's end (NLMSG_DONE or NLMSG_ERROR).
     */
    static boolean messages(ByteBuffer m, int got, int type, Reader each) {
        for (int at = 0; at + NLMSG_HDRLEN <= got; ) {
            int msgLen = m.getInt(at), t = m.getShort(at + 4) & 0xffff;
            if (t == NLMSG_DONE || t == NLMSG_ERROR || msgLen < NLMSG_HDRLEN) return false;
            if (t == type) each.read(m, at + NLMSG_HDRLEN, at + Math.min(msgLen, got - at));
            at += (msgLen + 3) & ~3;
        }
        return true;
    }
}
