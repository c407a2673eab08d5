package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.xlat.PollEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * poll, ppoll, select and pselect6 (fs/select.c) as strace 6.1 prints them (src/poll.c,
 * src/desc.c): the {@code struct pollfd} array and the {@code fd_set}s at entry, and at
 * exit what the kernel reported after the return value: {@code = 0 (Timeout)},
 * {@code = 1 ([{fd=3, revents=POLLIN}])}, {@code = 2 (in [3], out [4], left {...})}.
 */
final class Polls {
    /** struct pollfd: int fd, short events, short revents. */
    private static final int POLLFD_SIZE = 8;
    /** strace caps select's nfds at 1024*1024 (src/desc.c). */
    private static final int MAX_NFDS = 1024 * 1024;
    private static final String[] FD_SET_NAMES = {"in", "out", "except"};

    private Polls() {}

    /** POLL_FDS: {@code [{fd=3, events=POLLIN}, {fd=-1}]}; nfds is the next argument. */
    static Value pollFds(Call c, int i) {
        return TraceeArrays.array(c, c.arg(i), c.arg(i + 1) & 0xffff_ffffL, POLLFD_SIZE, raw -> {
            int fd = TraceeArrays.s32(raw, 0);
            if (fd < 0) return new Value.Struct(List.of(field("fd", Value.dec(fd))), false);
            return new Value.Struct(List.of(field("fd", FileDecoders.descriptor(c, fd)),
                    field("events", Numbers.flags(PollEvents.XLAT, u16(raw, 4), "POLL???"))), false);
        });
    }

    /**
     * poll's and ppoll's result: {@code Timeout} for 0, else the descriptors with revents
     * (cut at -s elements without -v) and ppoll's remaining time; {@code null} when there
     * is nothing to add, or when {@code -e verbose=} leaves the syscall out (the notes
     * come from reading the array again, which strace then does not do).
     */
    static Value pollReturn(Call c) {
        if (c.ret() == 0) return timeout();
        if (!c.structs()) return null;
        List<Field> notes = new ArrayList<>();
        Value revents = revents(c);
        if (revents != null) notes.add(field("", revents));
        if (c.name().equals("ppoll") && c.arg(2) != 0) notes.add(field("left", Times.timespec(c, 2)));
        return notes.isEmpty() ? null : new Value.Noted(Value.dec(c.ret()), notes);
    }

    private static Value revents(Call c) {
        long addr = c.arg(0), nfds = c.arg(1) & 0xffff_ffffL;
        if (addr == 0 || nfds == 0 || Long.compareUnsigned(addr + nfds * POLLFD_SIZE, addr) < 0) return null;
        List<Value> items = new ArrayList<>();
        for (long k = 0; k < nfds; k++) {
            byte[] raw = c.memory().read(addr + k * POLLFD_SIZE, POLLFD_SIZE);
            if (raw == null) {
                items.add(new Addr(addr + k * POLLFD_SIZE));
                break;
            }
            int revents = u16(raw, 6);
            if (revents == 0) continue;
            if (!c.options().verbose() && items.size() + 1 > c.options().stringLimit()) {
                return new Value.Arr(items, true);
            }
            items.add(new Value.Struct(List.of(field("fd", Value.dec(TraceeArrays.s32(raw, 0))),
                    field("revents", Numbers.flags(PollEvents.XLAT, revents, "POLL???"))), false));
        }
        return items.isEmpty() ? null : new Value.Arr(items, false);
    }

    /**
     * FD_SET: the descriptors set in an fd_set of nfds (argument 0) bits, {@code [3 4]};
     * the address when nfds is 0 or the set unreadable.
     */
    static Value fdSet(Call c, int i) {
        long addr = c.arg(i);
        int nfds = nfds(c);
        if (addr == 0 || nfds == 0) return new Addr(addr);
        byte[] set = c.memory().read(addr, fdSetSize(nfds));
        if (set == null) return new Value.Unreadable(addr);
        StringBuilder b = new StringBuilder("[");
        StraceText text = new StraceText(StraceText.Escape.OCTAL);
        for (int fd = nextSet(set, 0, nfds); fd >= 0; fd = nextSet(set, fd + 1, nfds)) {
            if (b.length() > 1) b.append(' ');
            text.render(FileDecoders.descriptor(c, fd), b);
        }
        return new Value.Text(b.append(']').toString());
    }

    /**
     * select's and pselect6's result: {@code Timeout} for 0, else the ready descriptors of
     * each set ({@code in [3], out [4]}, as many as the return value counts) and the
     * remaining time when a timeout was given.
     */
    static Value selectReturn(Call c) {
        if (c.ret() == 0) return timeout();
        int nfds = nfds(c);
        long ready = c.ret();
        List<Field> notes = new ArrayList<>();
        for (int k = 0; k < 3 && ready > 0 && nfds > 0; k++) {
            byte[] set = c.arg(k + 1) == 0 ? null : c.memory().read(c.arg(k + 1), fdSetSize(nfds));
            if (set == null) continue;
            StringBuilder b = new StringBuilder();
            for (int fd = nextSet(set, 0, nfds); fd >= 0 && ready > 0; fd = nextSet(set, fd + 1, nfds)) {
                b.append(b.length() == 0 ? "[" : " ").append(fd);
                ready--;
            }
            if (b.length() > 0) notes.add(field(FD_SET_NAMES[k], new Value.Text(b.append(']').toString())));
        }
        if (c.arg(4) != 0) {
            Value left = !c.structs() ? new Addr(c.arg(4))
                    : c.name().equals("select") ? Times.timeval(c, 4) : Times.timespec(c, 4);
            notes.add(field("left", left));
        }
        return new Value.Noted(Value.dec(c.ret()), notes);
    }

    /**
     * PSELECT6_SIG: pselect6's sixth argument points to {@code {const sigset_t *ss; size_t
     * ss_len}} (fs/select.c): {@code {sigmask=[HUP], sigsetsize=8}}.
     */
    static Value pselectSig(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, 16);
        if (raw == null) return new Value.Unreadable(addr);
        long ss = TraceeArrays.u64(raw, 0), len = TraceeArrays.u64(raw, 8);
        return new Value.Struct(List.of(field("sigmask", sigmask(c, ss, len)),
                field("sigsetsize", new Value.Num(len, Value.Base.UNSIGNED))), false);
    }

    /** strace's print_sigset_addr_len: the set only when its size is the kernel's, 8 bytes. */
    private static Value sigmask(Call c, long addr, long len) {
        if (addr == 0) return new Addr(0);
        if (len != 8) return new Addr(addr);
        byte[] raw = c.memory().read(addr, (int) len);
        return raw == null ? new Value.Unreadable(addr) : SignalDecoders.sigsetValue(raw);
    }

    private static Value timeout() {
        return new Value.Noted(Value.dec(0), List.of(field("", new Value.Text("Timeout"))));
    }

    /** The kernel truncates nfds to an int and rejects negative ones; strace caps large ones. */
    private static int nfds(Call c) {
        return Math.min(Math.max(c.intArg(0), 0), MAX_NFDS);
    }

    /** Bytes of an fd_set holding nfds bits, in whole longs (include/uapi/linux/posix_types.h). */
    private static int fdSetSize(int nfds) {
        return ((nfds + 7) / 8 + 7) & -8;
    }

    private static int nextSet(byte[] set, int from, int nfds) {
        for (int fd = from; fd < nfds; fd++) {
            if ((set[fd >> 3] & (1 << (fd & 7))) != 0) return fd;
        }
        return -1;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value returnValue(Call c) {
                return pollReturn(c);
            }
        }, "poll", "ppoll");
        r.add(new SyscallDecoder() {
            @Override
            public Value returnValue(Call c) {
                return selectReturn(c);
            }
        }, "select", "pselect6");
    }
}
