package io.jstrace.decode;

import io.jstrace.decode.Value.Addr;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.xlat.WaitOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** execve vectors, wait statuses and clone flags. */
final class Processes {
    private Processes() {}

    /**
     * execve's argv as strace's printargv (src/execve.c): each string cut at -s, at most -s
     * elements unless -v; a pointer that cannot be read after the first ends the array
     * with {@code ... /* 0x7f46... *\/}.
     */
    static Value argv(Call c, int i) {
        long addr = c.arg(i);
        int max = c.options().verbose() ? Integer.MAX_VALUE - 1 : c.options().stringLimit();
        Pointers p = pointers(c, addr, max + 1);
        if (p == null) return addr == 0 ? new Addr(0) : new Value.Unreadable(addr);
        List<Value> items = new ArrayList<>();
        for (int k = 0; k < Math.min(p.list().size(), max); k++) {
            items.add(Strings.cString(c, p.list().get(k), c.options().stringLimit()));
        }
        if (p.unterminated()) {
            items.add(new Value.Commented(new Value.Text("..."), "0x" + Long.toHexString(p.end())));
            return new Value.Arr(items, false);
        }
        return new Value.Arr(items, p.list().size() > max);
    }

    /**
     * execve's envp: {@code 0x7ffd... /* 20 vars *\/}, {@code /* 2 vars, unterminated *\/}
     * when a pointer cannot be read before the NULL (strace's printargc); in full with -v.
     */
    static Value envp(Call c, int i) {
        if (c.options().verbose()) return argv(c, i);
        long addr = c.arg(i);
        Pointers p = pointers(c, addr, Integer.MAX_VALUE);
        if (p == null) return addr == 0 ? new Addr(0) : new Value.Unreadable(addr);
        int n = p.list().size();
        return new Value.Commented(new Addr(addr),
                n + " var" + (n == 1 ? "" : "s") + (p.unterminated() ? ", unterminated" : ""));
    }

    /**
     * The pointers of a NULL-terminated array, and where reading stopped: {@code end} is the
     * address of the NULL, of the first pointer that could not be read ({@code unterminated}),
     * or of the first pointer beyond {@code max}.
     */
    record Pointers(List<Long> list, boolean unterminated, long end) {}

    /** A NULL-terminated pointer array, at most {@code max} entries; {@code null} if the first cannot be read. */
    static Pointers pointers(Call c, long addr, int max) {
        if (addr == 0) return null;
        List<Long> out = new ArrayList<>();
        byte[] chunk = new byte[512];
        long at = addr;
        while (out.size() < max) {
            int got = c.memory().read(at, chunk, 0, chunk.length);
            if (got < 8) return at == addr ? null : new Pointers(out, true, at);
            ByteBuffer b = ByteBuffer.wrap(chunk, 0, got).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k + 8 <= got && out.size() < max; k += 8, at += 8) {
                long p = b.getLong(k);
                if (p == 0) return new Pointers(out, false, at);
                out.add(p);
            }
        }
        return new Pointers(out, false, at);
    }

    /** A wait status: {@code [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]}. */
    static Value waitStatus(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (!c.succeeded() || c.ret() == 0) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        int s = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return new Value.Text("[" + statusText(s) + "]");
    }

    static String statusText(int s) {
        int sig = s & 0x7f;
        if (sig == 0) return "{WIFEXITED(s) && WEXITSTATUS(s) == " + ((s >> 8) & 0xff) + "}";
        if ((s & 0xff) == 0x7f) {
            String stop = "{WIFSTOPPED(s) && WSTOPSIG(s) == " + Signal.of((s >> 8) & 0xff).name();
            return (s >> 16) != 0 ? stop + " && s >> 16 == " + (s >> 16) + "}" : stop + "}";
        }
        if (s == 0xffff) return "{WIFCONTINUED(s)}";
        String term = "{WIFSIGNALED(s) && WTERMSIG(s) == " + Signal.of(sig).name();
        return (s & 0x80) != 0 ? term + " && WCOREDUMP(s)}" : term + "}";
    }

    static Value waitOptions(Call c, int i) {
        return Numbers.flags(WaitOptions.XLAT, c.arg(i) & 0xffff_ffffL, "W???");
    }

    /** wait4's rusage: the kernel fills it only when a child was reaped (a positive return), else its address. */
    static Value wait4Usage(Call c, int i) {
        return c.ret() > 0 ? Resources.rusage(c, i) : new Addr(c.arg(i));
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(1, Verbosity.struct(Processes::waitStatus), 3, Verbosity.struct(Processes::wait4Usage)), "wait4");
    }
}
