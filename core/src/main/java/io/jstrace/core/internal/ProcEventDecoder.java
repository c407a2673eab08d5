package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Netlink.CN_IDX_PROC;
import static io.jstrace.core.internal.jnr.Netlink.CN_MSG_SIZE;
import static io.jstrace.core.internal.jnr.Netlink.CN_VAL_PROC;
import static io.jstrace.core.internal.jnr.Netlink.NLMSG_HDRLEN;
import static io.jstrace.core.internal.jnr.Netlink.PROC_EVENT_COMM;
import static io.jstrace.core.internal.jnr.Netlink.PROC_EVENT_COREDUMP;
import static io.jstrace.core.internal.jnr.Netlink.PROC_EVENT_EXEC;
import static io.jstrace.core.internal.jnr.Netlink.PROC_EVENT_EXIT;
import static io.jstrace.core.internal.jnr.Netlink.PROC_EVENT_FORK;
import static io.jstrace.core.internal.jnr.Netlink.PROC_EVENT_GID;
import static io.jstrace.core.internal.jnr.Netlink.PROC_EVENT_NONE;
import static io.jstrace.core.internal.jnr.Netlink.PROC_EVENT_PTRACE;
import static io.jstrace.core.internal.jnr.Netlink.PROC_EVENT_SID;
import static io.jstrace.core.internal.jnr.Netlink.PROC_EVENT_UID;

import io.jstrace.core.ProcEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Queue;

/**
 * Decodes datagrams of the process-events connector: netlink messages, each a
 * {@code struct cn_msg} carrying a {@code struct proc_event}. Keeps, per CPU, the last
 * sequence number the kernel gave an event, so that a gap becomes a {@link ProcEvent.Lost}.
 * Never throws on the datagram's contents: what is short or foreign is skipped.
 */
public final class ProcEventDecoder {
    /** Offsets in struct proc_event: what, cpu, timestamp_ns, then the event_data union. */
    private static final int WHAT = 0, CPU = 4, TIMESTAMP = 8, DATA = 16;
    private static final int TASK_COMM_LEN = 16;

    private long[] lastSeq = new long[0];
    private volatile long lost;
    private int ackAck;
    private boolean awaitingAck;
    private int ackError = -1;

    /**
     * Watches for the kernel's acknowledgement of the request sent with {@code ack}: a
     * PROC_EVENT_NONE whose cn_msg ack is {@code ack + 1}. Its seq is not ours: since 6.6
     * (drivers/connector/cn_proc.c: cn_proc_ack calls send_msg) the ack takes the next
     * number of the CPU's event sequence, and it carries the CPU; before, it kept our seq
     * and CPU -1.
     */
    public void expectAck(int ack) {
        ackAck = ack;
        awaitingAck = true;
        ackError = -1;
    }

    /** The error the kernel acknowledged the expected request with (0: success), or -1 before it came. */
    public int ackError() {
        return ackError;
    }

    /** Events lost so far: the sum of every {@link ProcEvent.Lost#count()}. */
    public long lost() {
        return lost;
    }

    /** Appends the events of one datagram, {@code length} bytes from position 0 of {@code datagram}, to {@code out}. */
    public void decode(ByteBuffer datagram, int length, Queue<ProcEvent> out) {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + NLMSG_HDRLEN <= length) {
            int len = b.getInt(off);
            if (len < NLMSG_HDRLEN || len > length - off) return;
            decodeConnectorMessage(b, off + NLMSG_HDRLEN, len - NLMSG_HDRLEN, out);
            off += (len + 3) & ~3;
        }
    }

    private void decodeConnectorMessage(ByteBuffer b, int cn, int size, Queue<ProcEvent> out) {
        if (size < CN_MSG_SIZE + DATA) return;
        if (b.getInt(cn) != CN_IDX_PROC || b.getInt(cn + 4) != CN_VAL_PROC) return;
        int seq = b.getInt(cn + 8);
        int ack = b.getInt(cn + 12);
        int dataLen = Short.toUnsignedInt(b.getShort(cn + 16));
        int ev = cn + CN_MSG_SIZE;
        int avail = Math.min(dataLen, size - CN_MSG_SIZE);
        if (avail < DATA) return;
        int what = b.getInt(ev + WHAT);
        long ts = b.getLong(ev + TIMESTAMP);
        int cpu = b.getInt(ev + CPU);
        long gap = gap(cpu, seq);
        if (gap > 0) out.add(new ProcEvent.Lost(cpu, gap, ts));
        if (what == PROC_EVENT_NONE) {
            if (awaitingAck && ack == ackAck + 1 && avail >= DATA + 4) {
                ackError = b.getInt(ev + DATA);
                awaitingAck = false;
            }
            return;
        }
        ProcEvent e = event(b, what, ev + DATA, avail - DATA, ts);
        if (e != null) out.add(e);
    }

    /** Records {@code seq} as CPU {@code cpu}'s latest; returns how many numbers were skipped. */
    private long gap(int cpu, int seq) {
        if (cpu < 0 || cpu > 1 << 16) return 0;
        if (cpu >= lastSeq.length) {
            int old = lastSeq.length;
            lastSeq = Arrays.copyOf(lastSeq, Math.max(cpu + 1, old * 2));
            Arrays.fill(lastSeq, old, lastSeq.length, -1);
        }
        long prev = lastSeq[cpu];
        long next = Integer.toUnsignedLong(seq);
        if (prev < 0) {
            lastSeq[cpu] = next;
            return 0;
        }
        long skipped = ((next - prev) & 0xffffffffL) - 1;
        // a number seen again or from the past (modulo 2^32) is late, not a gap
        if (skipped < 0 || skipped >= 1L << 31) return 0;
        lastSeq[cpu] = next;
        lost = lost + skipped;
        return skipped;
    }

    /** The event in the event_data union at {@code d}, or null when {@code what} is unknown or the data short. */
    private static ProcEvent event(ByteBuffer b, int what, int d, int size, long ts) {
        return switch (what) {
            case PROC_EVENT_FORK -> size < 16 ? null
                    : new ProcEvent.Fork(b.getInt(d), b.getInt(d + 4), b.getInt(d + 8), b.getInt(d + 12), ts);
            case PROC_EVENT_EXEC -> size < 8 ? null : new ProcEvent.Exec(b.getInt(d), b.getInt(d + 4), ts);
            case PROC_EVENT_UID -> size < 16 ? null
                    : new ProcEvent.Uid(b.getInt(d), b.getInt(d + 4), b.getInt(d + 8), b.getInt(d + 12), ts);
            case PROC_EVENT_GID -> size < 16 ? null
                    : new ProcEvent.Gid(b.getInt(d), b.getInt(d + 4), b.getInt(d + 8), b.getInt(d + 12), ts);
            case PROC_EVENT_SID -> size < 8 ? null : new ProcEvent.Sid(b.getInt(d), b.getInt(d + 4), ts);
            case PROC_EVENT_PTRACE -> size < 16 ? null
                    : new ProcEvent.Ptrace(b.getInt(d), b.getInt(d + 4), b.getInt(d + 8), b.getInt(d + 12), ts);
            case PROC_EVENT_COMM -> size < 8 + TASK_COMM_LEN ? null
                    : new ProcEvent.Comm(b.getInt(d), b.getInt(d + 4), comm(b, d + 8), ts);
            case PROC_EVENT_COREDUMP -> size < 16 ? null
                    : new ProcEvent.Coredump(b.getInt(d), b.getInt(d + 4), b.getInt(d + 8), b.getInt(d + 12), ts);
            case PROC_EVENT_EXIT -> size < 16 ? null
                    : new ProcEvent.Exit(b.getInt(d), b.getInt(d + 4), b.getInt(d + 8), b.getInt(d + 12), ts);
            default -> null;
        };
    }

    /** char comm[16], NUL-padded. */
    private static String comm(ByteBuffer b, int at) {
        byte[] bytes = new byte[TASK_COMM_LEN];
        b.get(at, bytes);
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) n++;
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
