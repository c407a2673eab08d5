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
        assertEquals("KEYCTL_INSTANTIATE, 0x5, 0, 0, 0xfffffffffffffffe", args(Calls.of("keyctl").args(12, 5, 0, 0, -2).exit(ENOKEY)));
    }

    @Test
    void keyctlReadBackAtExit() {
        FakeMemory m = new FakeMemory().putBytes(BUF, "user;0;0;3f010000;x\0");
        assertEquals("KEYCTL_DESCRIBE, 5, \"user;0;0;3f010000;x\", 64", args(Calls.of("keyctl").args(6, 5, BUF, 64).mem(m).exit(20)));
        assertEquals("KEYCTL_READ, 5, \"user\", 4", args(Calls.of("keyctl").args(11, 5, BUF, 4).mem(m).exit(20)));
        assertEquals("KEYCTL_READ, 5, NULL, 0", args(Calls.of("keyctl").args(11, 5, 0, 0).mem(m).exit(20)));
        assertEquals("KEYCTL_READ, 5, 0x7ffd86953c60, 64", args(Calls.of("keyctl").args(11, 5, BUF, 64).mem(m).exit(ENOKEY)));
        assertEquals("KEYCTL_GET_SECURITY, 5, 0x8, 64", args(Calls.of("keyctl").args(17, 5, 8, 64).exit(1)));
        assertEquals(2, Formatters.entryArgs(Calls.of("keyctl").args(6, 5, BUF, 64).enter(), 4));
        assertEquals(4, Formatters.entryArgs(Calls.of("keyctl").args(2, 5, BUF, 64).enter(), 4));
    }
}
