package io.jstrace.core.internal.jnr;

/**
 * Constants of the process-events connector and the socket calls that reach it, from
 * include/uapi/linux/{netlink,connector,cn_proc}.h and the socket, poll and eventfd
 * headers (x86_64 and aarch64 share every value here).
 */
public final class Netlink {
    /** include/linux/socket.h, include/linux/net.h. */
    public static final int AF_NETLINK = 16;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int MSG_DONTWAIT = 0x40;

    /** include/uapi/linux/netlink.h: the protocol, sizeof(struct sockaddr_nl), message types. */
    public static final int NETLINK_CONNECTOR = 11;
    public static final int SOCKADDR_NL_SIZE = 12;
    public static final int NLMSG_HDRLEN = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    /** include/uapi/linux/connector.h: the process events' id, sizeof(struct cn_msg). */
    public static final int CN_IDX_PROC = 1;
    public static final int CN_VAL_PROC = 1;
    public static final int CN_MSG_SIZE = 20;

    /** include/uapi/linux/cn_proc.h: enum proc_cn_mcast_op. */
    public static final int PROC_CN_MCAST_LISTEN = 1;
    public static final int PROC_CN_MCAST_IGNORE = 2;

    /** include/uapi/linux/cn_proc.h: enum what (struct proc_event). */
    public static final int PROC_EVENT_NONE = 0x00000000;
    public static final int PROC_EVENT_FORK = 0x00000001;
    public static final int PROC_EVENT_EXEC = 0x00000002;
    public static final int PROC_EVENT_UID = 0x00000004;
    public static final int PROC_EVENT_GID = 0x00000040;
    public static final int PROC_EVENT_SID = 0x00000080;
    public static final int PROC_EVENT_PTRACE = 0x00000100;
    public static final int PROC_EVENT_COMM = 0x00000200;
    public static final int PROC_EVENT_COREDUMP = 0x40000000;
    public static final int PROC_EVENT_EXIT = 0x80000000;

    /** include/uapi/asm-generic/poll.h. */
    public static final short POLLIN = 0x1;

    /** include/uapi/linux/eventfd.h (EFD_CLOEXEC is O_CLOEXEC). */
    public static final int EFD_CLOEXEC = 02000000;

    /** glibc's sysconf name for the clock tick rate (bits/confname.h). */
    public static final int _SC_CLK_TCK = 2;

    /** errno values (include/uapi/asm-generic/errno{,-base}.h). */
    public static final int EAGAIN = 11, EPROTONOSUPPORT = 93, ENOBUFS = 105;

    private Netlink() {}
}
