package io.jstrace.decode;

import io.jstrace.core.HostFacts;

/**
 * pidfd_getfd(2)'s descriptor number, which names a descriptor of the process the pidfd
 * refers to (kernel/pid.c): under -y strace 6.1 prints that process's descriptor,
 * {@code pidfd_getfd(3<anon_inode:[pidfd]>, 0</dev/null>, 0)}.
 */
final class Pidfds {
    private Pidfds() {}

    /** pidfd_getfd's fd: the descriptor in the pidfd's process; a plain number when that is unknown. */
    static Value targetFd(Call c, int i) {
        long fd = c.intArg(i);
        if (!c.options().decodesFds() || fd < 0) return Value.dec(fd);
        int pid = pidOf(c.host(), c.intArg(0));
        return pid <= 0 ? Value.dec(fd) : FileDecoders.descriptorOf(c, c.host().process(pid), fd);
    }

    /** The {@code Pid:} line of a pidfd's fdinfo (fs/proc/fd.c, kernel/fork.c pidfd_show_fdinfo); -1 when unknown. */
    static int pidOf(HostFacts host, int pidfd) {
        if (pidfd < 0) return -1;
        try {
            String pid = host.fdInfo(pidfd).get("Pid");
            return pid == null ? -1 : Integer.parseInt(pid.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(1, Pidfds::targetFd), "pidfd_getfd");
    }
}
