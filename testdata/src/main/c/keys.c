/*
 * Key management on a key in this process's own keyring (which goes away with the
 * process; the key is revoked and unlinked anyway): add_key, request_key and keyctl's
 * common commands, with the KEY_SPEC_* names strace gives special key serials. The kernel
 * numbers keys at random, so the commands that need no particular key act on the keyring
 * itself through its special serial, keeping their lines the same from run to run.
 */
#include "fsio.h"
#include <linux/keyctl.h>

int main(void)
{
	long k = S(SYS_add_key, "user", "jstrace:test", "payload", 7L, KEY_SPEC_PROCESS_KEYRING);
	expect("add_key(\"user\", \"jstrace:test\", \"payload\", 7, KEY_SPEC_PROCESS_KEYRING)");
	expect_rval("%s", rval(k));
	long r = S(SYS_add_key, "user", "jstrace:bad", NULL, 0L, 12345);
	expect("add_key(\"user\", \"jstrace:bad\", NULL, 0, 12345)");
	expect_rval("%s", rval(r));
	r = S(SYS_add_key, "jstrace-nokeytype", "d", "p", 1L, KEY_SPEC_THREAD_KEYRING);
	expect("add_key(\"jstrace-nokeytype\", \"d\", \"p\", 1, KEY_SPEC_THREAD_KEYRING)");
	expect_rval("%s", rval(r));
	if (k < 0) {
		expect_line("+++ exited with 0 +++");
		expect_flush();
		return 0;
	}

	r = S(SYS_request_key, "user", "jstrace:test", NULL, KEY_SPEC_PROCESS_KEYRING);
	expect("request_key(\"user\", \"jstrace:test\", NULL, KEY_SPEC_PROCESS_KEYRING)");
	expect_rval("%s", rval(r));
	r = S(SYS_request_key, "user", "jstrace:none", NULL, 0);
	expect("request_key(\"user\", \"jstrace:none\", NULL, 0)");
	expect_rval("%s", rval(r));
	r = S(SYS_request_key, "jstrace-nokeytype", "x", "callout", KEY_SPEC_SESSION_KEYRING);
	expect("request_key(\"jstrace-nokeytype\", \"x\", \"callout\", KEY_SPEC_SESSION_KEYRING)");
	expect_rval("%s", rval(r));

	r = S(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 0);
	expect("keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 0)");
	expect_rval("%s", rval(r));

	char buf[64];
	r = S(SYS_keyctl, KEYCTL_DESCRIBE, KEY_SPEC_PROCESS_KEYRING, buf, sizeof(buf));
	check(r > 0 && r <= (long) sizeof(buf), "describe");
	expect("keyctl(KEYCTL_DESCRIBE, KEY_SPEC_PROCESS_KEYRING, %s, %zu)", qbuf(buf, r - 1), sizeof(buf));
	expect_rval("%ld", r);
	r = S(SYS_keyctl, KEYCTL_READ, k, buf, sizeof(buf));
	check(r == 7, "read");
	expect("keyctl(KEYCTL_READ, %ld, \"payload\", %zu)", k, sizeof(buf));
	expect_rval("7");
	r = S(SYS_keyctl, KEYCTL_READ, k, buf, 3L);
	check(r == 7, "read short");
	expect("keyctl(KEYCTL_READ, %ld, \"pay\", 3)", k);
	expect_rval("7");
	r = S(SYS_keyctl, KEYCTL_READ, KEY_SPEC_PROCESS_KEYRING, NULL, 0L);
	expect("keyctl(KEYCTL_READ, KEY_SPEC_PROCESS_KEYRING, NULL, 0)");
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_UPDATE, k, "new", 3L);
	expect("keyctl(KEYCTL_UPDATE, %ld, \"new\", 3)", k);
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_SETPERM, KEY_SPEC_PROCESS_KEYRING, 0x3f010000);
	expect("keyctl(KEYCTL_SETPERM, KEY_SPEC_PROCESS_KEYRING, KEY_POS_VIEW|KEY_POS_READ|KEY_POS_WRITE"
	       "|KEY_POS_SEARCH|KEY_POS_LINK|KEY_POS_SETATTR|KEY_USR_VIEW)");
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_SET_TIMEOUT, KEY_SPEC_PROCESS_KEYRING, 100);
	expect("keyctl(KEYCTL_SET_TIMEOUT, KEY_SPEC_PROCESS_KEYRING, 100)");
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_CHOWN, KEY_SPEC_PROCESS_KEYRING, -1, -1);
	expect("keyctl(KEYCTL_CHOWN, KEY_SPEC_PROCESS_KEYRING, -1, -1)");
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, "user", "jstrace:test", 0);
	expect("keyctl(KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, \"user\", \"jstrace:test\", 0)");
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_GET_SECURITY, KEY_SPEC_PROCESS_KEYRING, buf, sizeof(buf));
	expect("keyctl(KEYCTL_GET_SECURITY, KEY_SPEC_PROCESS_KEYRING, ");
	if (r > 0)
		expect("%s, %zu)", qbuf(buf, (r <= (long) sizeof(buf) ? r : (long) sizeof(buf) + 1) - 1), sizeof(buf));
	else
		expect("%s, %zu)", r == 0 ? "\"\"" : addr(buf), sizeof(buf));
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_INVALIDATE, 999999);
	expect("keyctl(KEYCTL_INVALIDATE, 999999)");
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, 9999, 1, 2, 3, 4);
	expect("keyctl(0x270f /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4)");
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE);
	expect("keyctl(KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE)");
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_LINK, 1, 2);
	expect("keyctl(KEYCTL_LINK, 1, 2)");
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_REVOKE, k);
	expect("keyctl(KEYCTL_REVOKE, %ld)", k);
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_UNLINK, k, KEY_SPEC_PROCESS_KEYRING);
	expect("keyctl(KEYCTL_UNLINK, %ld, KEY_SPEC_PROCESS_KEYRING)", k);
	expect_rval("%s", rval(r));
	r = S(SYS_keyctl, KEYCTL_CLEAR, KEY_SPEC_PROCESS_KEYRING);
	expect("keyctl(KEYCTL_CLEAR, KEY_SPEC_PROCESS_KEYRING)");
	expect_rval("%s", rval(r));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
