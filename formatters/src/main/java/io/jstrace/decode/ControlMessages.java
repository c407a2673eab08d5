package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.core.PidType;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.IpCmsgTypes;
import io.jstrace.syscalls.xlat.ScmTypes;
import io.jstrace.syscalls.xlat.SockoptLevels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ancillary data, the msg_control of struct msghdr (include/linux/socket.h: struct cmsghdr
 * and the CMSG_* alignment), as strace 6.1 prints it (src/msghdr.c decode_msg_control):
 * {@code [{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[3]}]}.
 * strace reads at most net.core.optmem_max bytes, and ends the array with
 * {@code ... /* 0x... *\/} where a header no longer fits.
 */
final class ControlMessages {
    /** sizeof(struct cmsghdr) on 64-bit architectures: size_t cmsg_len, int level, int type. */
    private static final int CMSG_SIZE = 16;
    private static final int SOL_IP = 0, SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1, SCM_CREDENTIALS = 2, SCM_SECURITY = 3;
    private static final int SO_TIMESTAMP_OLD = 29, SO_TIMESTAMPNS_OLD = 35, SO_TIMESTAMPING_OLD = 37,
            SO_TIMESTAMP_NEW = 63, SO_TIMESTAMPNS_NEW = 64, SO_TIMESTAMPING_NEW = 65;
    private static final int IP_TOS = 1, IP_TTL = 2, IP_RECVOPTS = 6, IP_RETOPTS = 7, IP_PKTINFO = 8,
            IP_RECVERR = 11, IP_ORIGDSTADDR = 20, IP_CHECKSUM = 23;
    /** struct sock_extended_err (include/uapi/linux/errqueue.h) and the sockaddr_in after it. */
    private static final int SOCK_EE_SIZE = 16 + 16;
    /** A timestamp too short for its struct (strace's tprint_unavailable). */
    private static final Value UNAVAILABLE = new Value.Text("???");
    private ControlMessages() {}

    /** {@code len} bytes of control messages at {@code addr}. */
    static Value decode(Call c, long addr, long len) {
        int max = optmemMax(c);
        int controlLen = Long.compareUnsigned(len, max) > 0 ? max : (int) len;
        byte[] buf = controlLen < CMSG_SIZE ? null : c.memory().read(addr, controlLen);
        if (buf == null) return new Value.Addr(addr);
        List<Value> items = new ArrayList<>();
        int at = 0, left = controlLen;
        while (left >= CMSG_SIZE) {
            long cmsgLen = TraceeArrays.u64(buf, at);
            int shown = Long.compareUnsigned(cmsgLen, left) > 0 ? left : (int) cmsgLen;
            items.add(cmsg(c, buf, at, cmsgLen, Math.max(shown - CMSG_SIZE, 0)));
            if (shown < CMSG_SIZE) {
                left -= CMSG_SIZE;
                break;
            }
            // CMSG_ALIGN; a length near 2^64 wraps to 0 and would never advance
            long aligned = (cmsgLen + 7) & ~7L;
            if (aligned == 0 || Long.compareUnsigned(aligned, left) >= 0) {
                left = 0;
                break;
            }
            at += (int) aligned;
            left -= (int) aligned;
        }
        if (left != 0) {
            items.add(new Value.Commented(new Value.Text("..."), "0x" + Long.toHexString(addr + controlLen - left)));
        } else if (Long.compareUnsigned(controlLen, len) < 0) {
            return new Value.Arr(items, true);
        }
        return new Value.Arr(items, false);
    }

    private static Value cmsg(Call c, byte[] buf, int at, long cmsgLen, int dataLen) {
        int level = TraceeArrays.s32(buf, at + 8), type = TraceeArrays.s32(buf, at + 12);
        byte[] data = Arrays.copyOfRange(buf, at + CMSG_SIZE, at + CMSG_SIZE + dataLen);
        List<Field> f = new ArrayList<>();
        f.add(field("cmsg_len", new Num(cmsgLen, Base.UNSIGNED)));
        f.add(field("cmsg_level", Numbers.named(SockoptLevels.XLAT, level & 0xffff_ffffL, "SOL_???")));
        Value body = null;
        if (level == SOL_SOCKET) {
            f.add(field("cmsg_type", Numbers.named(ScmTypes.XLAT, type & 0xffff_ffffL, "SCM_???")));
            body = socketData(c, type, data);
        } else if (level == SOL_IP) {
            f.add(field("cmsg_type", Numbers.named(IpCmsgTypes.XLAT, type & 0xffff_ffffL, "IP_???")));
            body = ipData(c, type, data);
        } else {
            f.add(field("cmsg_type", Value.hex(type & 0xffff_ffffL)));
        }
        if (body != null) f.add(field("cmsg_data", body));
        return new Value.Struct(f, false);
    }

    /** cmsg_socket_printers: descriptors, credentials, a security label, timestamps. */
    private static Value socketData(Call c, int type, byte[] d) {
        switch (type) {
            case SCM_RIGHTS:
                if (d.length < 4) return null;
                return localArray(c, d.length / 4, k -> FileDecoders.descriptor(c, TraceeArrays.s32(d, 4 * k)));
            case SCM_CREDENTIALS:
                if (d.length < 12) return null;
                return new Value.Struct(List.of(field("pid", Pids.pid(c, TraceeArrays.s32(d, 0), PidType.TGID)),
                        field("uid", new Num(SockAddrs.u32(d, 4), Base.UNSIGNED)),
                        field("gid", new Num(SockAddrs.u32(d, 8), Base.UNSIGNED))), false);
            case SCM_SECURITY:
                return d.length < 1 ? null : new Value.Str(d, false);
            case SO_TIMESTAMP_OLD, SO_TIMESTAMP_NEW: // 64-bit ABIs: the same struct
                return d.length < 1 ? null : d.length < 16 ? UNAVAILABLE : Times.timevalStruct(d, 0);
            case SO_TIMESTAMPNS_OLD, SO_TIMESTAMPNS_NEW:
                return d.length < 1 ? null : d.length < 16 ? UNAVAILABLE : Times.timespecStruct(d, 0);
            case SO_TIMESTAMPING_OLD, SO_TIMESTAMPING_NEW: { // struct scm_timestamping: three timespecs
                if (d.length < 1) return null;
                if (d.length < 3 * 16) return UNAVAILABLE;
                return new Value.Arr(List.of(Times.timespecStruct(d, 0), Times.timespecStruct(d, 16),
                        Times.timespecStruct(d, 32)), false);
            }
            default:
                return null;
        }
    }

    /** cmsg_ip_printers. */
    private static Value ipData(Call c, int type, byte[] d) {
        switch (type) {
            case IP_PKTINFO:
                if (d.length < 12) return null;
                return new Value.Struct(List.of(field("ipi_ifindex", SockAddrs.ifindex(SockAddrs.u32(d, 0))),
                        field("ipi_spec_dst", SockAddrs.inetAddr(d, 4)), field("ipi_addr", SockAddrs.inetAddr(d, 8))),
                        false);
            case IP_TTL, IP_CHECKSUM:
                if (d.length < 4) return null;
                return localArray(c, d.length / 4, k -> new Num(SockAddrs.u32(d, 4 * k), Base.UNSIGNED));
            case IP_TOS, IP_RECVOPTS, IP_RETOPTS:
                if (d.length < 1) return null;
                return localArray(c, d.length, k -> Value.hex(d[k] & 0xff));
            case IP_RECVERR:
                return d.length < SOCK_EE_SIZE ? null : recvErr(c, d);
            case SCM_SECURITY: // a security label at SOL_IP too (net/ipv4/ip_sockglue.c)
                return d.length < 1 ? null : new Value.Str(d, false);
            case IP_ORIGDSTADDR:
                if (d.length < 16) return null;
                return SockAddrs.print(c, Arrays.copyOf(d, SockAddrs.SOCKADDR_STORAGE_SIZE + 1),
                        Math.min(d.length, SockAddrs.SOCKADDR_STORAGE_SIZE));
            default:
                return null;
        }
    }

    /** struct sock_extended_err and its offender, IP_RECVERR's data (src/msghdr.c print_cmsg_ip_recverr). */
    private static Value recvErr(Call c, byte[] d) {
        return new Value.Struct(List.of(field("ee_errno", new Num(SockAddrs.u32(d, 0), Base.UNSIGNED)),
                field("ee_origin", new Num(d[4] & 0xff, Base.UNSIGNED)), field("ee_type", new Num(d[5] & 0xff, Base.UNSIGNED)),
                field("ee_code", new Num(d[6] & 0xff, Base.UNSIGNED)),
                field("ee_info", new Num(SockAddrs.u32(d, 8), Base.UNSIGNED)),
                field("ee_data", new Num(SockAddrs.u32(d, 12), Base.UNSIGNED)),
                field("offender", SockAddrs.print(c, Arrays.copyOfRange(d, 16, 16 + SockAddrs.SOCKADDR_STORAGE_SIZE + 1), 16))),
                false);
    }

    /** print_local_array: at most -s elements without -v. */
    private static Value localArray(Call c, int n, java.util.function.IntFunction<Value> item) {
        int limit = c.options().verbose() ? n : Math.min(n, c.options().stringLimit());
        List<Value> v = new ArrayList<>();
        for (int k = 0; k < limit; k++) v.add(item.apply(k));
        return new Value.Arr(v, limit < n);
    }

    /** net.core.optmem_max rounded up to 8 bytes, or strace's fallback (src/msghdr.c get_optmem_max). */
    private static int optmemMax(Call c) {
        int v = c.host().optmemMax();
        return v <= 0 ? 8 * (2 * MsgHdrs.IOV_MAX + 512) : (v + 7) & ~7;
    }
}
