package io.jstrace.decode;

import io.jstrace.syscalls.xlat.LogLevels;
import io.jstrace.syscalls.xlat.SyslogActions;

/**
 * syslog(2), as strace 6.1 prints it (src/syslog.c): the type as a number with its name in a
 * comment, then nothing more for the types that take no buffer, the console level by name
 * for SYSLOG_ACTION_CONSOLE_LEVEL, the kernel-filled text for the read types.
 */
final class Syslog {
    private Syslog() {}

    /** How many arguments print: the types without a buffer print only themselves. */
    static int visibleArgs(Call c) {
        long type = c.intArg(0);
        return type == SyslogActions.SYSLOG_ACTION_CLOSE || type == SyslogActions.SYSLOG_ACTION_OPEN
                || (type >= SyslogActions.SYSLOG_ACTION_CLEAR && type <= SyslogActions.SYSLOG_ACTION_CONSOLE_ON)
                || type == SyslogActions.SYSLOG_ACTION_SIZE_UNREAD || type == SyslogActions.SYSLOG_ACTION_SIZE_BUFFER
                ? 1 : 3;
    }

    static Value arg(Call c, int i) {
        int type = c.intArg(0);
        return switch (i) {
            case 0 -> commented(type, SyslogActions.XLAT.name(type), "SYSLOG_ACTION_???");
            case 1 -> isRead(type) ? Strings.readBuffer(c, 1) : new Value.Addr(c.arg(1));
            default -> type == SyslogActions.SYSLOG_ACTION_CONSOLE_LEVEL
                    ? commented(c.intArg(2), consoleLevel(c.intArg(2)), "LOGLEVEL_???")
                    : Value.dec(c.intArg(2));
        };
    }

    /**
     * A console level's name; 8, one past LOGLEVEL_DEBUG, is the highest the kernel takes
     * (kernel/printk/printk.c do_syslog accepts 1..8), which strace 6.1 names
     * {@code LOGLEVEL_DEBUG+1}.
     */
    private static String consoleLevel(int level) {
        return level == LogLevels.LOGLEVEL_DEBUG + 1 ? "LOGLEVEL_DEBUG+1" : LogLevels.XLAT.name(level);
    }

    private static boolean isRead(int type) {
        return type >= SyslogActions.SYSLOG_ACTION_READ && type <= SyslogActions.SYSLOG_ACTION_READ_CLEAR;
    }

    /** strace's verbose xlat style: {@code 10 /* SYSLOG_ACTION_SIZE_BUFFER *\/}. */
    private static Value commented(int v, String name, String unknown) {
        return new Value.Commented(Value.dec(v), name != null ? name : unknown);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return Syslog.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return Syslog.visibleArgs(c);
            }
        }, "syslog");
    }
}
