/*
 * Addresses of the other families strace 6.1 decodes, and of families it does not,
 * passed to connect/bind on fd -1 (the kernel fails with EBADF before reading them, so
 * no module is needed): AF_VSOCK, AF_ALG (names cut where the NUL should be), an unknown
 * family and lengths too short for the family's struct.
 */
#include "sockets.h"
#include <linux/if_alg.h>
#include <linux/vm_sockets.h>

static void try_connect(const void *sa, socklen_t len, const char *text)
{
	check(connect(-1, sa, len) < 0 && errno == EBADF, "connect");
	expect("connect(-1, %s, %u)", text, len);
	expect_rval("%s", rerr(EBADF));
}

static void try_bind(const void *sa, socklen_t len, const char *text)
{
	check(bind(-1, sa, len) < 0 && errno == EBADF, "bind");
	expect("bind(-1, %s, %u)", text, len);
	expect_rval("%s", rerr(EBADF));
}

int main(void)
{
	struct sockaddr_vm vm = { .svm_family = AF_VSOCK, .svm_cid = VMADDR_CID_ANY, .svm_port = VMADDR_PORT_ANY };
	try_connect(&vm, sizeof(vm), "{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_ANY, svm_port=VMADDR_PORT_ANY, svm_flags=0}");
	vm.svm_cid = VMADDR_CID_HOST;
	vm.svm_port = 1234;
	vm.svm_flags = VMADDR_FLAG_TO_HOST;
	try_connect(&vm, sizeof(vm),
		    "{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_HOST, svm_port=0x4d2, svm_flags=VMADDR_FLAG_TO_HOST}");
	vm.svm_reserved1 = 3;
	vm.svm_cid = 77;
	vm.svm_flags = 6;
	vm.svm_zero[1] = 9;
	try_connect(&vm, sizeof(vm), "{sa_family=AF_VSOCK, svm_reserved1=0x3, svm_cid=0x4d, svm_port=0x4d2, "
		    "svm_flags=0x6 /* VMADDR_FLAG_??? */, svm_zero=\"\\x00\\x09\\x00\"}");
	try_connect(&vm, 12, "{sa_family=AF_VSOCK, sa_data=\"\\3\\0\\322\\4\\0\\0M\\0\\0\\0\"}");

	struct sockaddr_alg alg = { .salg_family = AF_ALG, .salg_type = "hash", .salg_name = "sha256" };
	try_bind(&alg, sizeof(alg), "{sa_family=AF_ALG, salg_type=\"hash\", salg_feat=0, salg_mask=0, salg_name=\"sha256\"}");
	alg.salg_feat = 0x1001;
	alg.salg_mask = 0x10;
	memset(alg.salg_name, 'a', sizeof(alg.salg_name));
	char *text = scratch();
	sprintf(text, "{sa_family=AF_ALG, salg_type=\"hash\", salg_feat=0x1001 /* CRYPTO_ALG_KERN_DRIVER_ONLY|0x1 */, "
		"salg_mask=0x10 /* CRYPTO_ALG_??? */, salg_name=\"%.*s\"...}", (int) sizeof(alg.salg_name) - 1, alg.salg_name);
	try_bind(&alg, sizeof(alg), text);
	memcpy(alg.salg_type, "abcdefghijklmn", sizeof(alg.salg_type));
	try_bind(&alg, 30, "{sa_family=AF_ALG, salg_type=\"abcdefghijklm\"..., salg_feat=0x1001 "
		 "/* CRYPTO_ALG_KERN_DRIVER_ONLY|0x1 */, salg_mask=0x10 /* CRYPTO_ALG_??? */, salg_name=\"aaaaa\"...}");

	struct sockaddr unknown = { .sa_family = 99, .sa_data = "\1\2" };
	try_connect(&unknown, sizeof(unknown), "{sa_family=0x63 /* AF_??? */, sa_data=\"\\1\\2\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}");
	try_connect(&unknown, 2, "{sa_family=0x63 /* AF_??? */}");
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(80), .sin_addr.s_addr = htonl(0x0a000001) };
	try_connect(&in, 15, "{sa_family=AF_INET, sa_data=\"\\0P\\n\\0\\0\\1\\0\\0\\0\\0\\0\\0\\0\"}");

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
