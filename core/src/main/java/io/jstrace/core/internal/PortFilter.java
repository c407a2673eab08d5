package io.jstrace.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A classic BPF program (struct sock_filter, include/uapi/linux/filter.h) for an AF_PACKET
 * SOCK_DGRAM socket, whose filter sees each packet from its network header
 * (net/packet/af_packet.c packet_rcv): IPv4 and IPv6 UDP and TCP packets with one of
 * {@code ports} as source or destination port, not IPv4 fragments after the first; and
 * of a loopback device's packets, which the socket sees leaving and arriving, only the
 * leaving copy (the ancillary loads of skb->dev->type and skb->pkt_type,
 * {@code SKF_AD_HATYPE} and {@code SKF_AD_PKTTYPE}).
 */
final class PortFilter {
    private static final int LD = 0x00, LDX = 0x01, ALU = 0x04, JMP = 0x05, RET = 0x06;
    private static final int W = 0x00, H = 0x08, B = 0x10, ABS = 0x20, IND = 0x40, MSH = 0xa0;
    private static final int RSH = 0x70, JEQ = 0x10, JSET = 0x40;
    private static final int SKF_AD_OFF = -0x1000, SKF_AD_PKTTYPE = 4, SKF_AD_HATYPE = 28;
    private static final int ARPHRD_LOOPBACK = 772, PACKET_OUTGOING = 4, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
    /** The most a packet may keep: a loopback device's 64 KiB MTU. */
    static final int SNAP = 65_536;

    /** One instruction; a jump names its targets by label until {@link #assemble}. */
    private record Insn(int code, String jt, String jf, int k) {}

    private final List<Insn> code = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();

    private PortFilter() {}

    /** The program as the bytes of its struct sock_filter array (u16 code, u8 jt, u8 jf, u32 k; native order). */
    static byte[] program(Set<Integer> ports) {
        PortFilter f = new PortFilter();
        f.op(LD | B | ABS, 0).op(ALU | RSH, 4);
        f.jeq(4, "v4", null).jeq(6, "v6", "drop");
        f.label("v4").op(LD | B | ABS, 9).jeq(IPPROTO_UDP, "v4ports", null).jeq(IPPROTO_TCP, "v4ports", "drop");
        f.label("v4ports").op(LD | H | ABS, 6).jump(JSET, 0x1fff, "drop", null);
        f.op(LDX | B | MSH, 0).op(LD | H | IND, 0).ports(ports).op(LD | H | IND, 2).ports(ports).ja("drop");
        f.label("v6").op(LD | B | ABS, 6).jeq(IPPROTO_UDP, "v6ports", null).jeq(IPPROTO_TCP, "v6ports", "drop");
        f.label("v6ports").op(LD | H | ABS, 40).ports(ports).op(LD | H | ABS, 42).ports(ports).ja("drop");
        f.label("match").op(LD | W | ABS, SKF_AD_OFF + SKF_AD_HATYPE).jeq(ARPHRD_LOOPBACK, null, "keep");
        f.op(LD | W | ABS, SKF_AD_OFF + SKF_AD_PKTTYPE).jeq(PACKET_OUTGOING, "keep", "drop");
        f.label("keep").op(RET, SNAP);
        f.label("drop").op(RET, 0);
        return f.assemble();
    }

    private PortFilter op(int c, int k) {
        code.add(new Insn(c, null, null, k));
        return this;
    }

    private PortFilter jeq(int k, String jt, String jf) {
        return jump(JEQ, k, jt, jf);
    }

    /** A conditional jump; a {@code null} target is the next instruction. */
    private PortFilter jump(int op, int k, String jt, String jf) {
        code.add(new Insn(JMP | op, jt, jf, k));
        return this;
    }

    /** An unconditional jump: a jeq whose both ways go there. */
    private PortFilter ja(String to) {
        return jump(JEQ, 0, to, to);
    }

    private PortFilter ports(Set<Integer> ports) {
        for (int p : ports) jeq(p, "match", null);
        return this;
    }

    private PortFilter label(String name) {
        labels.put(name, code.size());
        return this;
    }

    private byte[] assemble() {
        ByteBuffer b = ByteBuffer.allocate(8 * code.size()).order(ByteOrder.nativeOrder());
        for (int i = 0; i < code.size(); i++) {
            Insn n = code.get(i);
            b.putShort((short) n.code()).put(offset(i, n.jt())).put(offset(i, n.jf())).putInt(n.k());
        }
        return b.array();
    }

    /** A jump's offset from the instruction after {@code at}; the targets are ahead, within 255. */
    private byte offset(int at, String label) {
        if (label == null) return 0;
        int d = labels.get(label) - at - 1;
        if (d < 0 || d > 255) throw new IllegalArgumentException("too many ports for one filter");
        return (byte) d;
    }
}
