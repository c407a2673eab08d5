package io.jstrace.decode;

import static io.jstrace.syscalls.xlat.KeyctlCmds.*;

import io.jstrace.decode.Value.Addr;
import io.jstrace.syscalls.xlat.KeyPerms;
import io.jstrace.syscalls.xlat.KeyReqkeys;
import io.jstrace.syscalls.xlat.KeySpec;
import io.jstrace.syscalls.xlat.KeyctlCmds;

/**
 * The key management calls (security/keys/keyctl.c) as strace 6.1 prints them
 * (src/keyctl.c): key serials by their KEY_SPEC_* name, and keyctl's arguments by command.
 * A command jstrace does not decode prints its four words in hex, as strace does for an
 * unknown one.
 */
final class Keys {
    private Keys() {}

    /** KEY_SERIAL: a key_serial_t, {@code KEY_SPEC_PROCESS_KEYRING} or a decimal id. */
    static Value serial(Call c, int i) {
        return serial(c.intArg(i));
    }

    static Value serial(int id) {
        String name = KeySpec.XLAT.name(id);
        return name != null ? new Value.Sym(id, name, Value.Base.SIGNED) : Value.dec(id);
    }

    /** How many of keyctl's five arguments the command prints. */
    static int visibleArgs(Call c) {
        long cmd = c.arg(0) & 0xffff_ffffL;
        if (cmd == KEYCTL_SESSION_TO_PARENT) return 1;
        if (cmd == KEYCTL_JOIN_SESSION_KEYRING || cmd == KEYCTL_REVOKE || cmd == KEYCTL_CLEAR
                || cmd == KEYCTL_INVALIDATE || cmd == KEYCTL_ASSUME_AUTHORITY || cmd == KEYCTL_SET_REQKEY_KEYRING) {
            return 2;
        }
        if (cmd == KEYCTL_GET_KEYRING_ID || cmd == KEYCTL_SETPERM || cmd == KEYCTL_LINK || cmd == KEYCTL_UNLINK
                || cmd == KEYCTL_SET_TIMEOUT) {
            return 3;
        }
        if (cmd == KEYCTL_UPDATE || cmd == KEYCTL_CHOWN || cmd == KEYCTL_DESCRIBE || cmd == KEYCTL_READ
                || cmd == KEYCTL_GET_SECURITY || cmd == KEYCTL_RESTRICT_KEYRING) {
            return 4;
        }
        return 5;
    }

    /** The commands whose buffer the kernel fills print it at exit. */
    static int entryArgs(Call c, int visible) {
        long cmd = c.arg(0) & 0xffff_ffffL;
        return cmd == KEYCTL_READ || cmd == KEYCTL_DESCRIBE || cmd == KEYCTL_GET_SECURITY ? Math.min(2, visible) : visible;
    }

    static Value arg(Call c, int i) {
        long cmd = c.arg(0) & 0xffff_ffffL;
        if (i == 0) return Numbers.named(KeyctlCmds.XLAT, cmd, "KEYCTL_???");
        if (!decoded(cmd)) return Value.hex(c.arg(i));
        if (cmd == KEYCTL_JOIN_SESSION_KEYRING) return Strings.string(c, 1);
        if (cmd == KEYCTL_SET_REQKEY_KEYRING) return Numbers.named(KeyReqkeys.XLAT, c.intArg(1), "KEY_REQKEY_DEFL_???");
        if (i == 1) return serial(c, 1);
        if (cmd == KEYCTL_UPDATE) return i == 2 ? Strings.buffer(c, c.arg(2), c.arg(3)) : Numbers.unsignedLong(c, 3);
        if (cmd == KEYCTL_CHOWN) return Creds.id(c.arg(i));
        if (cmd == KEYCTL_SETPERM) return Numbers.flags(KeyPerms.XLAT, c.arg(2) & 0xffff_ffffL, "KEY_???");
        if (cmd == KEYCTL_SET_TIMEOUT) return Numbers.unsignedInt(c, 2);
        if (cmd == KEYCTL_GET_KEYRING_ID) return Value.dec(c.intArg(2));
        if (cmd == KEYCTL_LINK || cmd == KEYCTL_UNLINK) return serial(c, 2);
        if (cmd == KEYCTL_SEARCH) return i == 4 ? serial(c, 4) : Strings.string(c, i);
        if (cmd == KEYCTL_RESTRICT_KEYRING) return Strings.string(c, i);
        return i == 2 ? readBack(c, cmd) : Numbers.unsignedLong(c, 3);
    }

    private static boolean decoded(long cmd) {
        return cmd <= KEYCTL_SET_TIMEOUT && cmd != KEYCTL_INSTANTIATE && cmd != KEYCTL_NEGATE
                || cmd == KEYCTL_ASSUME_AUTHORITY || cmd == KEYCTL_GET_SECURITY || cmd == KEYCTL_SESSION_TO_PARENT
                || cmd == KEYCTL_INVALIDATE || cmd == KEYCTL_RESTRICT_KEYRING;
    }

    /**
     * What KEYCTL_READ, KEYCTL_DESCRIBE and KEYCTL_GET_SECURITY wrote: the smaller of the
     * buffer and the return value; the text ones without their terminating NUL.
     */
    private static Value readBack(Call c, long cmd) {
        long addr = c.arg(2);
        if (addr == 0 || !c.succeeded()) return new Addr(addr);
        long n = Math.min(c.ret(), c.arg(3));
        if (cmd != KEYCTL_READ && n > 0) {
            byte[] last = c.memory().read(addr + n - 1, 1);
            if (last != null && last[0] == 0) n--;
        }
        return Strings.buffer(c, addr, n);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return Keys.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return Keys.visibleArgs(c);
            }

            @Override
            public int entryArgs(Call c, int visible) {
                return Keys.entryArgs(c, visible);
            }
        }, "keyctl");
    }
}
