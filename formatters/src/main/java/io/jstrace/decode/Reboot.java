package io.jstrace.decode;

import io.jstrace.syscalls.xlat.RebootCmds;
import io.jstrace.syscalls.xlat.RebootMagic;

/**
 * reboot(2) (kernel/reboot.c), as strace 6.1 prints it (src/reboot.c): both magic numbers
 * and the command by name, and the argument only for LINUX_REBOOT_CMD_RESTART2, the one
 * command that reads it (a command string).
 */
final class Reboot {
    private Reboot() {}

    static int visibleArgs(Call c) {
        return isRestart2(c) ? 4 : 3;
    }

    static Value arg(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        return switch (i) {
            case 0, 1 -> Numbers.named(RebootMagic.XLAT, v, "LINUX_REBOOT_MAGIC_???");
            case 2 -> Numbers.named(RebootCmds.XLAT, v, "LINUX_REBOOT_CMD_???");
            default -> Strings.cStringWithin(c, c.arg(3), 255); // kernel/reboot.c copies at most 255 bytes
        };
    }

    private static boolean isRestart2(Call c) {
        return (c.arg(2) & 0xffff_ffffL) == RebootCmds.LINUX_REBOOT_CMD_RESTART2;
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return Reboot.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return Reboot.visibleArgs(c);
            }
        }, "reboot");
    }
}
