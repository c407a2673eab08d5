package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Netlink.EAGAIN;
import static io.jstrace.core.internal.jnr.Netlink.MSG_DONTWAIT;
import static io.jstrace.core.internal.jnr.Netlink.SOL_SOCKET;
import static io.jstrace.core.internal.jnr.Netlink.SO_RCVBUF;
import static io.jstrace.core.internal.jnr.Netlink.SO_RCVBUFFORCE;
import static io.jstrace.core.internal.jnr.Ptrace.EINTR;
import static io.jstrace.core.internal.jnr.Ptrace.EPERM;

import io.jstrace.core.PacketCapture;
import io.jstrace.core.TraceException;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.util.Set;

/** An AF_PACKET SOCK_DGRAM socket with a {@link PortFilter}, read one packet at a time. */
public final class PacketSocket {
    /** include/linux/socket.h, include/uapi/linux/if_ether.h, asm-generic/socket.h. */
    private static final int AF_PACKET = 17, SOCK_DGRAM = 2, SOCK_CLOEXEC = 02000000, ETH_P_ALL = 0x0003;
    private static final int SO_ATTACH_FILTER = 26, SOCKADDR_LL_SIZE = 20, RECEIVE_BUFFER = 8 << 20;
    /** include/uapi/linux/sockios.h: the last packet's receive time, a struct timespec (net/core/sock.c sock_gettstamp). */
    private static final long SIOCGSTAMPNS = 0x8907;
    private static final String FAILURE = "Cannot capture packets: ";

    private final LibC libc;
    private final WakeableSocket socket;
    private final NativeBuffer buffer = NativeBuffer.allocate(PortFilter.SNAP);
    private final NativeBuffer timespec = NativeBuffer.allocate(16);

    private PacketSocket(LibC libc, WakeableSocket socket) {
        this.libc = libc;
        this.socket = socket;
    }

    /**
     * Opens the socket with protocol 0, which receives nothing, attaches the filter, then
     * binds it to every protocol of every interface: no packet gets in unfiltered.
     */
    public static PacketSocket open(Set<Integer> ports) throws TraceException {
        LibC libc = Native.libc();
        int fd = libc.socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw failure(Native.errno());
        try {
            byte[] program = PortFilter.program(ports);
            NativeBuffer insns = NativeBuffer.allocate(program.length);
            insns.put(0, program, 0, program.length);
            NativeBuffer fprog = NativeBuffer.allocate(16); // struct sock_fprog: u16 len, then the pointer
            fprog.putShort(0, (short) (program.length / 8));
            fprog.putLong(8, insns.address());
            if (libc.setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, fprog, 16) < 0) throw failure(Native.errno());
            NativeBuffer size = NativeBuffer.allocate(4);
            size.putInt(0, RECEIVE_BUFFER);
            if (libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, size, 4) < 0) {
                libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, size, 4);
            }
            NativeBuffer ll = NativeBuffer.allocate(SOCKADDR_LL_SIZE); // struct sockaddr_ll, ifindex 0: all
            ll.putShort(0, (short) AF_PACKET);
            ll.putShort(2, Short.reverseBytes((short) ETH_P_ALL)); // network order
            if (libc.bind(fd, ll, SOCKADDR_LL_SIZE) < 0) throw failure(Native.errno());
            PacketSocket p = new PacketSocket(libc, new WakeableSocket(libc, fd, () -> { }));
            p.stamp(); // the first asking turns the kernel's stamping on (sock_enable_timestamp)
            return p;
        } catch (TraceException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    private static TraceException failure(int errno) {
        return new TraceException(FAILURE + Errors.message(errno) + (errno == EPERM ? " (needs root or CAP_NET_RAW)" : ""));
    }

    /** The next packet, waiting for it; {@code null} once closed. */
    public PacketCapture.Packet next() throws TraceException {
        if (!socket.enter()) return null;
        try {
            while (!socket.closed()) {
                long n = libc.recv(socket.fd, buffer, PortFilter.SNAP, MSG_DONTWAIT);
                if (n >= 0) {
                    byte[] b = new byte[(int) n];
                    buffer.get(0, b, 0, b.length);
                    return new PacketCapture.Packet(stamp(), b);
                }
                int e = Native.errno();
                if (e == EINTR) continue;
                if (e != EAGAIN) throw new TraceException("Cannot capture packets: " + Errors.message(e));
                socket.await(-1, "Cannot capture packets");
            }
            return null;
        } finally {
            socket.leave();
        }
    }

    /** When the kernel received the last packet read, epoch nanoseconds; now when it does not say. */
    private long stamp() {
        if (libc.ioctl(socket.fd, SIOCGSTAMPNS, timespec) == 0) {
            return timespec.getLong(0) * 1_000_000_000L + timespec.getLong(8);
        }
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public void close() {
        socket.close();
    }

}
