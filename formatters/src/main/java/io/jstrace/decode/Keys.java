package io.jstrace.decode;

import static io.jstrace.syscalls.xlat.KeyctlCmds.*;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.syscalls.xlat.KeyPerms;
import io.jstrace.syscalls.xlat.KeyctlCaps0;
import io.jstrace.syscalls.xlat.KeyctlCaps1;
import io.jstrace.syscalls.xlat.KeyctlMoveFlags;
import io.jstrace.syscalls.xlat.KeyctlPkeyOps;
import io.jstrace.syscalls.xlat.KeyReqkeys;
import io.jstrace.syscalls.xlat.KeySpec;
import io.jstrace.syscalls.xlat.KeyctlCmds;
import java.util.ArrayList;
import java.util.List;

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
                || cmd == KEYCTL_SET_TIMEOUT || cmd == KEYCTL_GET_PERSISTENT || cmd == KEYCTL_CAPABILITIES) {
            return 3;
        }
        if (cmd == KEYCTL_UPDATE || cmd == KEYCTL_CHOWN || cmd == KEYCTL_DESCRIBE || cmd == KEYCTL_READ
                || cmd == KEYCTL_GET_SECURITY || cmd == KEYCTL_RESTRICT_KEYRING || cmd == KEYCTL_NEGATE) {
            return 4;
        }
        return 5;
    }

    /**
     * The arguments printed at entry: the buffers the kernel fills (and DH_COMPUTE's kdf
     * parameters, PKEY_QUERY's answer) print at exit.
     */
    static int entryArgs(Call c, int visible) {
        long cmd = c.arg(0) & 0xffff_ffffL;
        if (cmd == KEYCTL_READ || cmd == KEYCTL_DESCRIBE || cmd == KEYCTL_GET_SECURITY || cmd == KEYCTL_DH_COMPUTE) {
            return Math.min(2, visible);
        }
        if (cmd == KEYCTL_CAPABILITIES) return 1;
        if (cmd == KEYCTL_PKEY_QUERY || cmd == KEYCTL_PKEY_ENCRYPT || cmd == KEYCTL_PKEY_DECRYPT
                || cmd == KEYCTL_PKEY_SIGN) {
            return 4;
        }
        return visible;
    }

    static Value arg(Call c, int i) {
        long cmd = c.arg(0) & 0xffff_ffffL;
        if (i == 0) return Numbers.named(KeyctlCmds.XLAT, cmd, "KEYCTL_???");
        if (cmd > KEYCTL_CAPABILITIES) return Value.hex(c.arg(i));
        if (cmd == KEYCTL_JOIN_SESSION_KEYRING) return Strings.string(c, 1);
        if (cmd == KEYCTL_SET_REQKEY_KEYRING) return reqkeyKeyring(c.intArg(1));
        if (cmd == KEYCTL_GET_PERSISTENT) return i == 1 ? Creds.id(c.arg(1)) : serial(c, 2);
        if (cmd == KEYCTL_DH_COMPUTE) return dhCompute(c, i);
        if (cmd == KEYCTL_PKEY_ENCRYPT || cmd == KEYCTL_PKEY_DECRYPT || cmd == KEYCTL_PKEY_SIGN
                || cmd == KEYCTL_PKEY_VERIFY) {
            return pkeyOp(c, i, cmd != KEYCTL_PKEY_VERIFY);
        }
        if (cmd == KEYCTL_CAPABILITIES) return i == 1 ? capabilities(c) : Numbers.unsignedLong(c, 2);
        if (i == 1) return serial(c, 1);
        if (cmd == KEYCTL_UPDATE) return i == 2 ? Strings.buffer(c, c.arg(2), c.arg(3)) : Numbers.unsignedLong(c, 3);
        if (cmd == KEYCTL_CHOWN) return Creds.id(c.arg(i));
        if (cmd == KEYCTL_SETPERM) return Numbers.flags(KeyPerms.XLAT, c.arg(2) & 0xffff_ffffL, "KEY_???");
        if (cmd == KEYCTL_SET_TIMEOUT || cmd == KEYCTL_NEGATE && i == 2) return Numbers.unsignedInt(c, 2);
        if (cmd == KEYCTL_GET_KEYRING_ID) return Value.dec(c.intArg(2));
        if (cmd == KEYCTL_LINK || cmd == KEYCTL_UNLINK || cmd == KEYCTL_NEGATE || cmd == KEYCTL_MOVE && i < 4) {
            return serial(c, i);
        }
        if (cmd == KEYCTL_MOVE) return Numbers.flags(KeyctlMoveFlags.XLAT, c.arg(4) & 0xffff_ffffL, "KEYCTL_MOVE_???");
        if (cmd == KEYCTL_SEARCH) return i == 4 ? serial(c, 4) : Strings.string(c, i);
        if (cmd == KEYCTL_RESTRICT_KEYRING) return Strings.string(c, i);
        if (cmd == KEYCTL_INSTANTIATE || cmd == KEYCTL_INSTANTIATE_IOV) return instantiate(c, i, cmd);
        if (cmd == KEYCTL_REJECT) return reject(c, i);
        if (cmd == KEYCTL_PKEY_QUERY) return pkeyQuery(c, i);
        return i == 2 ? readBack(c, cmd) : Numbers.unsignedLong(c, 3);
    }

    /** KEYCTL_SET_REQKEY_KEYRING's keyring: an int, by name or in decimal. */
    private static Value reqkeyKeyring(int v) {
        String name = KeyReqkeys.XLAT.name(v);
        return name != null ? new Value.Sym(v, name, Value.Base.SIGNED)
                : new Value.Commented(Value.dec(v), "KEY_REQKEY_DEFL_???");
    }

    /** INSTANTIATE's payload (a string of plen bytes) or INSTANTIATE_IOV's iovecs, plen, the keyring. */
    private static Value instantiate(Call c, int i, long cmd) {
        if (i == 4) return serial(c, 4);
        if (i == 3) return Numbers.unsignedLong(c, 3);
        return cmd == KEYCTL_INSTANTIATE ? Strings.buffer(c, c.arg(2), c.arg(3))
                : Iovecs.iovecs(c, c.arg(2), c.arg(3), -1L);
    }

    /** KEYCTL_REJECT: the key, the timeout, the error the key's users get (print_err), the keyring. */
    private static Value reject(Call c, int i) {
        if (i == 2) return Numbers.unsignedInt(c, 2);
        if (i == 3) return Siginfos.errno(c.intArg(3));
        return serial(c, 4);
    }

    /** sizeof(struct keyctl_dh_params): private, prime and base, three key serials. */
    private static final int DH_PARAMS_SIZE = 12;
    /** sizeof(struct keyctl_kdf_params): hashname, otherinfo, otherinfolen, __u32 __spare[8]. */
    private static final int KDF_PARAMS_SIZE = 56;

    /**
     * KEYCTL_DH_COMPUTE (security/keys/dh.c): the parameters at entry; at exit the buffer (as
     * much as was returned), its length and the key derivation parameters.
     */
    private static Value dhCompute(Call c, int i) {
        if (i == 1) {
            return RawStruct.struct(c, c.arg(1), DH_PARAMS_SIZE, s -> List.of(field("private", serial(s.s32(0))),
                    field("prime", serial(s.s32(4))), field("base", serial(s.s32(8)))));
        }
        if (i == 2) return exitBuffer(c, 2, c.arg(3));
        if (i == 3) return Numbers.unsignedLong(c, 3);
        return RawStruct.struct(c, c.arg(4), KDF_PARAMS_SIZE, s -> {
            long otherinfolen = s.u32(16);
            List<Value.Field> f = new ArrayList<>();
            f.add(field("hashname", Strings.cString(c, s.u64(0), c.options().stringLimit())));
            // the kernel reads otherinfo only when otherinfolen is not 0
            f.add(field("otherinfo", otherinfolen != 0 ? Strings.buffer(c, s.u64(8), otherinfolen) : new Addr(s.u64(8))));
            f.add(field("otherinfolen", new Value.Num(otherinfolen, Value.Base.UNSIGNED)));
            spare(s, 20, 8, f);
            return f;
        });
    }

    /** A reserved __u32 array, printed (in hex) only when some element is set. */
    private static void spare(RawStruct s, int off, int count, List<Value.Field> f) {
        if (!s.zero(off, 4 * count)) f.add(field("__spare", s.array(off, count, 4, (r, o) -> r.hex32(o))));
    }

    /** A buffer the kernel filled: the address after a failure, else min(ret, len) bytes. */
    private static Value exitBuffer(Call c, int i, long len) {
        if (!c.succeeded()) return new Addr(c.arg(i));
        long ret = c.ret();
        return Strings.buffer(c, c.arg(i), Long.compareUnsigned(ret, len) > 0 ? len : ret);
    }

    /** sizeof(struct keyctl_pkey_query). */
    private static final int PKEY_QUERY_SIZE = 56;
    /** sizeof(struct keyctl_pkey_params): key_id, in_len, out_len (in2_len), __u32 __spare[7]. */
    private static final int PKEY_PARAMS_SIZE = 40;

    /** KEYCTL_PKEY_QUERY: the key, reserved in hex, the info string; what the key supports at exit. */
    private static Value pkeyQuery(Call c, int i) {
        if (i == 2) return Value.hex(c.arg(2));
        if (i == 3) return Strings.string(c, 3);
        if (!c.succeeded()) return new Addr(c.arg(4));
        return RawStruct.struct(c, c.arg(4), PKEY_QUERY_SIZE, s -> {
            List<Value.Field> f = new ArrayList<>();
            f.add(field("supported_ops", Numbers.flags(KeyctlPkeyOps.XLAT, s.u32(0), "KEYCTL_SUPPORTS_???")));
            f.add(field("key_size", s.unsigned32(4)));
            String[] sizes = {"max_data_size", "max_sig_size", "max_enc_size", "max_dec_size"};
            for (int k = 0; k < sizes.length; k++) f.add(field(sizes[k], new Value.Num(s.u16(8 + 2 * k), Value.Base.UNSIGNED)));
            spare(s, 16, 10, f);
            return f;
        });
    }

    /**
     * KEYCTL_PKEY_ENCRYPT, DECRYPT and SIGN (out) and VERIFY (security/keys/keyctl_pkey.c): the
     * parameters, the info string, the input of in_len bytes, then the output of out_len bytes
     * at exit, or VERIFY's second input of in2_len bytes; the buffers by address when the
     * parameters cannot be read.
     */
    private static Value pkeyOp(Call c, int i, boolean out) {
        RawStruct p = c.arg(1) == 0 ? null : RawStruct.read(c, c.arg(1), PKEY_PARAMS_SIZE);
        if (i == 1) {
            if (c.arg(1) == 0) return new Addr(0);
            if (p == null) return new Value.Unreadable(c.arg(1));
            List<Value.Field> f = new ArrayList<>();
            f.add(field("key_id", serial(p.s32(0))));
            f.add(field("in_len", p.unsigned32(4)));
            f.add(field(out ? "out_len" : "in2_len", p.unsigned32(8)));
            spare(p, 12, 7, f);
            return new Value.Struct(f, false);
        }
        if (i == 2) return Strings.string(c, 2);
        if (p == null) return new Addr(c.arg(i));
        if (i == 3) return Strings.buffer(c, c.arg(3), p.u32(4));
        if (!out) return Strings.buffer(c, c.arg(4), p.u32(8));
        return c.succeeded() ? Strings.buffer(c, c.arg(4), p.u32(8)) : new Addr(c.arg(4));
    }

    /**
     * KEYCTL_CAPABILITIES' answer at exit: min(buflen, ret) bytes, the first two as flags
     * (KEYCTL_CAPS0_*, KEYCTL_CAPS1_*), the rest in hex.
     */
    private static Value capabilities(Call c) {
        if (!c.succeeded()) return new Addr(c.arg(1));
        long n = Long.compareUnsigned(c.arg(2), c.ret()) < 0 ? c.arg(2) : c.ret();
        int[] pos = {0};
        return TraceeArrays.fetched(c, c.arg(1), n, 1, raw -> {
            long b = raw[0] & 0xff;
            int k = pos[0]++;
            if (k == 0) return Numbers.flags(KeyctlCaps0.XLAT, b, "KEYCTL_CAPS0_???");
            if (k == 1) return Numbers.flags(KeyctlCaps1.XLAT, b, "KEYCTL_CAPS1_???");
            return Value.hex(b);
        });
    }

    /**
     * What KEYCTL_READ, KEYCTL_DESCRIBE and KEYCTL_GET_SECURITY wrote: the smaller of the
     * buffer and the return value; the text ones without their terminating NUL.
     */
    private static Value readBack(Call c, long cmd) {
        long addr = c.arg(2);
        if (addr == 0 || !c.succeeded()) return new Addr(addr);
        long n = Long.compareUnsigned(c.ret(), c.arg(3)) < 0 ? c.ret() : c.arg(3);
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
