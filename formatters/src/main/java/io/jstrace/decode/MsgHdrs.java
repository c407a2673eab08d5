package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.MsgFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * struct msghdr and struct mmsghdr (include/linux/socket.h), as strace 6.1 prints them
 * (src/msghdr.c print_struct_msghdr, src/mmsghdr.c):
 * {@code {msg_name=..., msg_namelen=16, msg_iov=[{iov_base="hi", iov_len=2}], msg_iovlen=1,
 * msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[3]}],
 * msg_controllen=24, msg_flags=0}}; msg_control only when msg_controllen is not 0. A received
 * message spreads the returned byte count over its buffers, and prints msg_namelen as
 * {@code 128 => 16} when the kernel changed it.
 */
final class MsgHdrs {
    /** sizeof(struct msghdr) and sizeof(struct mmsghdr) on 64-bit architectures. */
    static final int MSGHDR_SIZE = 56, MMSGHDR_SIZE = 64;
    /** include/uapi/linux/uio.h: UIO_MAXIOV, strace's IOV_MAX. */
    static final int IOV_MAX = 1024;
    /** include/linux/socket.h: AF_NETLINK. */
    private static final int AF_NETLINK = 16;

    private MsgHdrs() {}

    /** sendmsg's message, its buffers whole (cut at -s). */
    static Value sendMsghdr(Call c, int i) {
        return msghdr(c, c.arg(i), null, -1L);
    }

    /**
     * recvmsg's message at exit; after a failure only
     * {@code {msg_namelen=N}} as passed in; the address when it was unreadable at entry.
     */
    static Value recvMsghdr(Call c, int i) {
        long addr = c.arg(i);
        Integer namelen = namelenAtEntry(c, addr);
        if (namelen == null) return new Addr(addr);
        if (!c.succeeded()) return new Value.Struct(List.of(field("msg_namelen", Value.dec(namelen))), false);
        return msghdr(c, addr, namelen, c.ret());
    }

    /**
     * sendmmsg's vector, decoded at exit: every element, the first {@code ret}
     * with the msg_len the kernel wrote.
     */
    static Value sendMmsghdr(Call c, int i) {
        long sent = c.succeeded() ? c.ret() : 0;
        return mmsgvec(c, c.arg(i), c.arg(i + 1) & 0xffff_ffffL, sent, false);
    }

    /** recvmmsg's vector at exit, as many elements as were received. */
    static Value recvMmsghdr(Call c, int i) {
        if (!c.succeeded()) return new Addr(c.arg(i));
        return mmsgvec(c, c.arg(i), c.ret(), c.ret(), true);
    }

    /**
     * recvmmsg's result comment (src/mmsghdr.c): {@code (Timeout)} when nothing came, else
     * the time left, {@code (left {tv_sec=0, tv_nsec=999000})}, when a timeout was given.
     */
    static Value recvmmsgResult(Call c) {
        Value n = Value.dec(c.ret());
        if (c.ret() == 0) return new Value.Noted(n, List.of(Value.field("", new Value.Text("Timeout"))));
        long timeout = c.arg(4);
        if (timeout == 0 || !c.structs()) return null; // -e verbose=none leaves the time left out
        byte[] raw = c.memory().read(timeout, 16);
        Value left = raw == null ? new Value.Addr(timeout) : Times.timespecStruct(raw, 0);
        return new Value.Noted(n, List.of(Value.field("left", left)));
    }

    /** At most IOV_MAX elements, then {@code ...} (src/mmsghdr.c print_struct_mmsghdr). */
    private static Value mmsgvec(Call c, long addr, long count, long withLen, boolean received) {
        boolean capped = Long.compareUnsigned(count, IOV_MAX) > 0;
        Value v = elements(c, addr, capped ? IOV_MAX : count, withLen, received);
        if (capped && v instanceof Value.Arr a && !a.truncated()) return new Value.Arr(a.items(), true);
        return v;
    }

    private static Value elements(Call c, long addr, long count, long withLen, boolean received) {
        int[] k = {0};
        return TraceeArrays.array(c, addr, count, MMSGHDR_SIZE, raw -> {
            int index = k[0]++;
            long msgLen = SockAddrs.u32(raw, MSGHDR_SIZE);
            Integer namelen = received ? namelenAtEntry(c, addr + (long) index * MMSGHDR_SIZE) : null;
            List<Field> f = new ArrayList<>();
            f.add(field("msg_hdr", print(c, raw, namelen, received ? msgLen : -1L)));
            if (index < withLen) f.add(field("msg_len", new Num(msgLen, Base.UNSIGNED)));
            return new Value.Struct(f, false);
        });
    }

    private static Value msghdr(Call c, long addr, Integer userNamelen, long dataSize) {
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, MSGHDR_SIZE);
        if (raw == null) return new Addr(addr);
        return print(c, raw, userNamelen, dataSize);
    }

    /** print_struct_msghdr. */
    private static Value print(Call c, byte[] raw, Integer userNamelen, long dataSize) {
        int namelen = TraceeArrays.s32(raw, 8);
        int shown = userNamelen != null && namelen > userNamelen ? userNamelen : namelen;
        long iov = TraceeArrays.u64(raw, 16), iovlen = TraceeArrays.u64(raw, 24);
        long control = TraceeArrays.u64(raw, 32), controllen = TraceeArrays.u64(raw, 40);
        List<Field> f = new ArrayList<>();
        f.add(field("msg_name", SockAddrs.decode(c, TraceeArrays.u64(raw, 0), shown)));
        Value len = Value.dec(namelen);
        if (userNamelen != null && userNamelen != namelen) len = new Value.Changed(Value.dec(userNamelen), len);
        f.add(field("msg_namelen", len));
        f.add(field("msg_iov", Iovecs.iovecs(c, iov, iovlen, dataSize, contents(c, TraceeArrays.u64(raw, 0), shown))));
        f.add(field("msg_iovlen", new Num(iovlen, Base.UNSIGNED)));
        if (controllen != 0) f.add(field("msg_control", ControlMessages.decode(c, control, controllen)));
        f.add(field("msg_controllen", new Num(controllen, Base.UNSIGNED)));
        f.add(field("msg_flags", Numbers.flags(MsgFlags.XLAT, TraceeArrays.s32(raw, 48) & 0xffff_ffffL)));
        return new Value.Struct(f, false);
    }

    /**
     * How the buffers print: as netlink messages when msg_name is a netlink address, as
     * strace decides (src/msghdr.c print_struct_msghdr), else as strings.
     */
    private static Iovecs.Contents contents(Call c, long name, int namelen) {
        if (name == 0 || namelen < 2) return Iovecs::contents;
        byte[] family = c.memory().read(name, 2);
        if (family == null || SockAddrs.u16(family, 0) != AF_NETLINK) return Iovecs::contents;
        return (call, base, len) -> Netlink.messagesOf(call, Netlink.protocol(call, call.intArg(0)), base, len);
    }

    /** msg_namelen of the msghdr at {@code addr} as the tracee passed it; {@code null} if unreadable. */
    private static Integer namelenAtEntry(Call c, long addr) {
        if (addr == 0) return null;
        var m = c.atEntry() == EntryMemory.NONE ? c.memory() : c.atEntry();
        byte[] b = m.read(addr + 8, 4);
        return b == null ? null : TraceeArrays.s32(b, 0);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(1, Verbosity.struct(MsgHdrs::sendMsghdr)), "sendmsg");
        r.add(SyscallDecoder.custom(1, Verbosity.struct(MsgHdrs::sendMmsghdr)), "sendmmsg");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i == 1 ? Verbosity.struct(c, i, recvMsghdr(c, i)) : SyscallDecoder.super.arg(c, i);
            }

            /** msg_namelen, which the kernel overwrites (src/msghdr.c fetch_msghdr_namelen). */
            @Override
            public void capture(Call c, EntryMemory.Capture keep) {
                keep.keep(c.arg(1), MSGHDR_SIZE);
            }
        }, "recvmsg");
        r.add(new SyscallDecoder() {
            /** The timeout prints at exit, after the vector, as it was at entry: the kernel writes the time left into it. */
            @Override
            public Value arg(Call c, int i) {
                return switch (i) {
                    case 1 -> Verbosity.struct(c, i, recvMmsghdr(c, i));
                    case 4 -> Times.timespec(c.exit() != null ? c.asAtEntry() : c, 4);
                    default -> SyscallDecoder.super.arg(c, i);
                };
            }

            /**
             * Each mmsghdr up to the first unreadable one, at most IOV_MAX (src/mmsghdr.c
             * save_mmsgvec_namelen), then the timeout.
             */
            @Override
            public void capture(Call c, EntryMemory.Capture keep) {
                long n = Math.min(c.arg(2) & 0xffff_ffffL, IOV_MAX);
                for (long k = 0; k < n && keep.keep(c.arg(1) + k * MMSGHDR_SIZE, MMSGHDR_SIZE); k++) {}
                keep.keep(c.arg(4), 16);
            }

            @Override
            public Value returnValue(Call c) {
                return recvmmsgResult(c);
            }
        }, "recvmmsg");
    }
}
