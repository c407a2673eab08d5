package io.jstrace.decode;

import static io.jstrace.decode.FsioCalls.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** add_key, request_key and keyctl; expected texts are strace 6.1's. */
class KeysTest {
    private static final long S = 0x47_9000L, BUF = 0x7ffd_8695_3c60L;
    private static final long ENOKEY = -126, EOPNOTSUPP = -95;

    private static FakeMemory strings() {
        return new FakeMemory().putString(S, "user").putString(S + 16, "jstrace:test").putString(S + 48, "payload");
    }

    @Test
    void keySerialsByName() {
        assertEquals("\"user\", \"jstrace:test\", \"payload\", 7, KEY_SPEC_PROCESS_KEYRING",
                args(Calls.of("add_key").args(S, S + 16, S + 48, 7, 0xfffffffeL).mem(strings()).exit(5)));
        assertEquals("\"user\", \"jstrace:test\", NULL, 12345",
                args(Calls.of("request_key").args(S, S + 16, 0, 12345).mem(strings()).exit(ENOKEY)));
        assertEquals("\"user\", \"jstrace:test\", NULL, -9",
                args(Calls.of("request_key").args(S, S + 16, 0, -9).mem(strings()).exit(ENOKEY)));
    }

    @Test
    void keyctlCommandsPrintTheirArguments() {
        assertEquals("KEYCTL_GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 0", args(Calls.of("keyctl").args(0, -2, 0).exit(7)));
        assertEquals("KEYCTL_REVOKE, 781067595", args(Calls.of("keyctl").args(3, 781067595).exit(0)));
        assertEquals("KEYCTL_CHOWN, 781067595, -1, -1", args(Calls.of("keyctl").args(4, 781067595, -1, -1).exit(0)));
        assertEquals("KEYCTL_SETPERM, 5, KEY_POS_VIEW|KEY_USR_VIEW|KEY_OTH_SETATTR",
                args(Calls.of("keyctl").args(5, 5, 0x01010020).exit(0)));
        assertEquals("KEYCTL_UNLINK, 5, KEY_SPEC_PROCESS_KEYRING", args(Calls.of("keyctl").args(9, 5, -2).exit(0)));
        assertEquals("KEYCTL_UPDATE, 5, \"pay\", 3", args(Calls.of("keyctl").args(2, 5, S + 48, 3).mem(strings()).exit(0)));
        assertEquals("KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, \"user\", \"jstrace:test\", 0",
                args(Calls.of("keyctl").args(10, -2, S, S + 16, 0).mem(strings()).exit(5)));
        assertEquals("KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE", args(Calls.of("keyctl").args(14, -1).exit(0)));
        assertEquals("KEYCTL_SET_TIMEOUT, 5, 100", args(Calls.of("keyctl").args(15, 5, 100).exit(0)));
    }

    @Test
    void keyctlUnknownCommandsPrintHex() {
        assertEquals("0x270f /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4", args(Calls.of("keyctl").args(9999, 1, 2, 3, 4).exit(EOPNOTSUPP)));
        assertEquals("KEYCTL_WATCH_KEY, 0x5, 0x3, 0, 0", args(Calls.of("keyctl").args(32, 5, 3, 0, 0).exit(EOPNOTSUPP)));
    }

    @Test
    void keyctlInstantiateNegateReject() {
        assertEquals("KEYCTL_INSTANTIATE, 5, \"pay\", 3, KEY_SPEC_SESSION_KEYRING",
                args(Calls.of("keyctl").args(12, 5, S + 48, 3, -3).mem(strings()).exit(0)));
        assertEquals("KEYCTL_INSTANTIATE, 0, NULL, 18369603814213553645, 0",
                args(Calls.of("keyctl").args(12, 0, 0, 0xfeedf157badc0dedL, 0).exit(-1)));
        FakeMemory iov = strings().putLongs(BUF, S, 4, S + 48, 7);
        assertEquals("KEYCTL_INSTANTIATE_IOV, 5, [{iov_base=\"user\", iov_len=4}, {iov_base=\"payload\", iov_len=7}], 2, 0",
                args(Calls.of("keyctl").args(20, 5, BUF, 2, 0).mem(iov).exit(0)));
        assertEquals("KEYCTL_NEGATE, 5, 3134983661, -559026163",
                args(Calls.of("keyctl").args(13, 5, 0xfeedf157badc0dedL, 0xdeadf00dL).exit(-1)));
        assertEquals("KEYCTL_REJECT, 5, 60, ENODEV, KEY_SPEC_USER_KEYRING", args(Calls.of("keyctl").args(19, 5, 60, 19, -4).exit(-1)));
        assertEquals("KEYCTL_GET_PERSISTENT, -1, KEY_SPEC_GROUP_KEYRING", args(Calls.of("keyctl").args(22, -1, -6).exit(-22)));
        assertEquals("KEYCTL_SET_REQKEY_KEYRING, -1159983635 /* KEY_REQKEY_DEFL_??? */",
                args(Calls.of("keyctl").args(14, 0xffffffffbadc0dedL).exit(-22)));
        assertEquals("KEYCTL_MOVE, 5, KEY_SPEC_THREAD_KEYRING, 7, KEYCTL_MOVE_EXCL|0xfffffffe",
                args(Calls.of("keyctl").args(30, 5, -1, 7, 0xbadc0dedffffffffL).exit(-22)));
    }

    @Test
    void keyctlDhComputeParamsAtEntryKdfAtExit() {
        long params = BUF, kdf = BUF + 16;
        FakeMemory m = new FakeMemory().putInts(params, -6, 1234567890, 0xbb40e64d).putString(S, "hmac(aes)")
                .putBytes(S + 16, "\1\2\n").putLongs(kdf, S, S + 16, 3).putInts(kdf + 24, 0, 0, 0, 0, 0, 0, 0xdeadfeed, 0);
        assertEquals("KEYCTL_DH_COMPUTE, {private=KEY_SPEC_GROUP_KEYRING, prime=1234567890, base=-1153374643}, 0x8, 9,"
                + " {hashname=\"hmac(aes)\", otherinfo=\"\\1\\2\\n\", otherinfolen=3,"
                + " __spare=[0, 0, 0, 0, 0, 0, 0, 0xdeadfeed]}",
                args(Calls.of("keyctl").args(23, params, 8, 9, kdf).mem(m).exit(EOPNOTSUPP)));
        assertEquals(2, Formatters.entryArgs(Calls.of("keyctl").args(23, params, 8, 9, kdf).enter(), 5));
    }

    @Test
    void keyctlPkeyOperations() {
        FakeMemory m = strings().putInts(BUF, -2, 4, 7, 0, 0, 0, 0, 0, 0, 1);
        assertEquals("KEYCTL_PKEY_SIGN, {key_id=KEY_SPEC_PROCESS_KEYRING, in_len=4, out_len=7, __spare=[0, 0, 0, 0, 0, 0, 0x1]},"
                + " \"user\", \"jstr\", \"payload\"", args(Calls.of("keyctl").args(27, BUF, S, S + 16, S + 48).mem(m).exit(7)));
        assertEquals("KEYCTL_PKEY_VERIFY, {key_id=KEY_SPEC_PROCESS_KEYRING, in_len=4, in2_len=7, __spare=[0, 0, 0, 0, 0, 0, 0x1]},"
                + " \"user\", \"jstr\", \"payload\"", args(Calls.of("keyctl").args(28, BUF, S, S + 16, S + 48).mem(m).exit(-22)));
        assertEquals("KEYCTL_PKEY_ENCRYPT, NULL, NULL, NULL, NULL", args(Calls.of("keyctl").args(25, 0, 0, 0, 0).exit(-14)));
        assertEquals("KEYCTL_PKEY_QUERY, KEY_SPEC_THREAD_KEYRING, 0, \"user\", NULL",
                args(Calls.of("keyctl").args(24, -1, 0, S, 0).mem(m).exit(-22)));
        FakeMemory q = new FakeMemory().putInts(BUF, 0xf, 2048, 0x01000100, 0x01000100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("KEYCTL_PKEY_QUERY, 5, 0, NULL, {supported_ops=KEYCTL_SUPPORTS_ENCRYPT|KEYCTL_SUPPORTS_DECRYPT"
                + "|KEYCTL_SUPPORTS_SIGN|KEYCTL_SUPPORTS_VERIFY, key_size=2048, max_data_size=256, max_sig_size=256,"
                + " max_enc_size=256, max_dec_size=256}", args(Calls.of("keyctl").args(24, 5, 0, 0, BUF).mem(q).exit(0)));
    }

    @Test
    void keyctlCapabilitiesAtExit() {
        FakeMemory m = new FakeMemory().putBytes(BUF, "\u00ab\3\0\5");
        assertEquals("KEYCTL_CAPABILITIES, [KEYCTL_CAPS0_CAPABILITIES|KEYCTL_CAPS0_PERSISTENT_KEYRINGS|KEYCTL_CAPS0_PUBLIC_KEY"
                + "|KEYCTL_CAPS0_INVALIDATE|KEYCTL_CAPS0_MOVE, KEYCTL_CAPS1_NS_KEYRING_NAME|KEYCTL_CAPS1_NS_KEY_TAG, 0], 3",
                args(Calls.of("keyctl").args(31, BUF, 3).mem(m).exit(4)));
        assertEquals("KEYCTL_CAPABILITIES, 0x8, 2", args(Calls.of("keyctl").args(31, 8, 2).exit(-14)));
        assertEquals(1, Formatters.entryArgs(Calls.of("keyctl").args(31, BUF, 3).enter(), 3));
    }

    @Test
    void keyctlReadBackAtExit() {
        FakeMemory m = new FakeMemory().putBytes(BUF, "user;0;0;3f010000;x\0");
        assertEquals("KEYCTL_DESCRIBE, 5, \"user;0;0;3f010000;x\", 64", args(Calls.of("keyctl").args(6, 5, BUF, 64).mem(m).exit(20)));
        assertEquals("KEYCTL_READ, 5, \"user\", 4", args(Calls.of("keyctl").args(11, 5, BUF, 4).mem(m).exit(20)));
        assertEquals("KEYCTL_READ, 5, NULL, 0", args(Calls.of("keyctl").args(11, 5, 0, 0).mem(m).exit(20)));
        assertEquals("KEYCTL_READ, 5, 0x7ffd86953c60, 64", args(Calls.of("keyctl").args(11, 5, BUF, 64).mem(m).exit(ENOKEY)));
        assertEquals("KEYCTL_GET_SECURITY, 5, 0x8, 64", args(Calls.of("keyctl").args(17, 5, 8, 64).exit(1)));
        assertEquals("KEYCTL_READ, KEY_SPEC_THREAD_KEYRING, \"\", 18446744073709551612",
                args(Calls.of("keyctl").args(11, -1, BUF, -4).mem(m).exit(0)));
        assertEquals(2, Formatters.entryArgs(Calls.of("keyctl").args(6, 5, BUF, 64).enter(), 4));
        assertEquals(4, Formatters.entryArgs(Calls.of("keyctl").args(2, 5, BUF, 64).enter(), 4));
    }
}
