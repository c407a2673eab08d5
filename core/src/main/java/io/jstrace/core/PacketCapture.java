package io.jstrace.core;

import io.jstrace.core.internal.PacketSocket;
import java.util.Set;

/**
 * The packets of the machine (its network namespace) to and from some UDP and TCP ports,
 * on every interface, loopback included, each once: an AF_PACKET socket
 * (packet(7)) with a classic BPF filter for the ports, reading each packet from its
 * IPv4 or IPv6 header. A loopback packet, which such a socket sees leaving and arriving,
 * is kept as it leaves. Needs CAP_NET_RAW.
 */
public final class PacketCapture implements SystemSource<PacketCapture.Packet> {
    /**
     * One packet.
     *
     * @param epochNs when the kernel received it (its timestamp, SIOCGSTAMPNS), in
     *                nanoseconds since the epoch; when it was read if the kernel has none
     * @param data    the packet from its IP header, as long as the kernel kept it
     */
    public record Packet(long epochNs, byte[] data) {}

    private final PacketSocket socket;

    private PacketCapture(PacketSocket socket) {
        this.socket = socket;
    }

    /**
     * Starts capturing the packets with one of {@code ports} as source or destination port.
     *
     * @throws TraceException when the kernel refuses, with a one-line message such as
     *     {@code Cannot capture packets: Operation not permitted (needs root or CAP_NET_RAW)}
     */
    public static PacketCapture open(Set<Integer> ports) throws TraceException {
        return new PacketCapture(PacketSocket.open(ports));
    }

    @Override
    public Packet next() throws TraceException {
        return socket.next();
    }

    /** Packets the kernel dropped because the receive buffer was full: not counted yet, 0. */
    @Override
    public long lostEvents() {
        return 0;
    }

    @Override
    public void close() {
        socket.close();
    }
}
