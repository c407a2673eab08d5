/*
 * SysV message queues: msgget's key and flags (names, then the mode in octal), msgsnd's
 * and msgrcv's {mtype, mtext}, msgctl's commands (IPC_64 shown when set) and the
 * structures they fill: msqid_ds at IPC_STAT and MSG_STAT, the short form at IPC_SET,
 * msginfo at IPC_INFO and MSG_INFO. Every queue is removed, even when a check fails.
 */
#include "mem.h"

#define IPC_64 0x100 /* include/uapi/linux/ipc.h; x86_64 takes no version bit: EINVAL */


static const char *msqid_ds(const struct msqid_ds *d)
{
	char *res = scratch();
	sprintf(res, "{msg_perm=%s, msg_stime=%ld, msg_rtime=%ld, msg_ctime=%ld, msg_qnum=%lu, msg_qbytes=%lu, "
		"msg_lspid=%d, msg_lrpid=%d}", ipc_perm(&d->msg_perm, 1), (long) d->msg_stime, (long) d->msg_rtime,
		(long) d->msg_ctime, d->msg_qnum, d->msg_qbytes, d->msg_lspid, d->msg_lrpid);
	return res;
}

static const char *msginfo(const struct msginfo *i)
{
	char *res = scratch();
	sprintf(res, "{msgpool=%d, msgmap=%d, msgmax=%d, msgmnb=%d, msgmni=%d, msgssz=%d, msgtql=%d, msgseg=%u}",
		i->msgpool, i->msgmap, i->msgmax, i->msgmnb, i->msgmni, i->msgssz, i->msgtql, i->msgseg);
	return res;
}

int main(void)
{
	key_t key = 0x4a530000 | (ipc_private_namespace() ? 1 : getpid() & 0xffff);
	long q = S(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600);
	ipc_track(IPC_KIND_MSG, q);
	must(q >= 0, "msgget");
	expect("msgget(IPC_PRIVATE, IPC_CREAT|0600)");
	expect_rval("%ld", q);
	long k = S(SYS_msgget, key, IPC_CREAT | IPC_EXCL | 0640);
	ipc_track(IPC_KIND_MSG, k);
	must(k >= 0, "msgget key");
	expect("msgget(%s, IPC_CREAT|IPC_EXCL|0640)", ipc_key(key));
	expect_rval("%ld", k);
	expect("msgget(%s, IPC_CREAT|IPC_EXCL|0640)", ipc_key(key));
	CALL_RVAL(S(SYS_msgget, key, IPC_CREAT | IPC_EXCL | 0640));
	expect("msgget(%s, 000)", ipc_key(key));
	CALL_RVAL(S(SYS_msgget, key, 0));
	/* bits with no name and no IPC_CREAT: strace 6.1 prints the hex and the mode unseparated */
	long u = S(SYS_msgget, IPC_PRIVATE, 0x1000 | 0600);
	ipc_track(IPC_KIND_MSG, u);
	expect("msgget(IPC_PRIVATE, 0x10000600)");
	expect_rval("%s", rval_errno(u, errno));
	expect("msgget(%s, IPC_CREAT|0x1000|0444)", ipc_key(key));
	CALL_RVAL(S(SYS_msgget, key, IPC_CREAT | 0x1000 | 0444));

	struct { long mtype; char mtext[48]; } msg = { 2, "hello" }, in;
	expect("msgsnd(%ld, {mtype=2, mtext=\"hello\\0\"}, 6, 0)", q);
	CALL_RVAL(S(SYS_msgsnd, q, &msg, 6, 0));
	msg.mtype = 7;
	memcpy(msg.mtext, "a message longer than thirty-two bytes", 39);
	expect("msgsnd(%ld, {mtype=7, mtext=%s}, 39, IPC_NOWAIT)", q, qbuf(msg.mtext, 39));
	CALL_RVAL(S(SYS_msgsnd, q, &msg, 39, IPC_NOWAIT));
	expect("msgsnd(%ld, 0xffffffffffffffff, 6, 0)", q);
	CALL_RVAL(S(SYS_msgsnd, q, -1L, 6, 0));
	expect("msgsnd(%ld, {mtype=0, mtext=\"\"}, 0, 0x1 /* MSG_??? */)", q);
	msg.mtype = 0;
	CALL_RVAL(S(SYS_msgsnd, q, &msg, 0, 1));

	/* msgrcv prints msgsz bytes of mtext, whatever arrived */
	memset(&in, 0, sizeof(in));
	long n = S(SYS_msgrcv, q, &in, 8, 0, 0);
	must(n == 6, "msgrcv");
	expect("msgrcv(%ld, {mtype=2, mtext=%s}, 8, 0, 0)", q, qbuf(in.mtext, 8));
	expect_rval("6");
	n = S(SYS_msgrcv, q, &in, 16, -7L, IPC_NOWAIT | MSG_NOERROR);
	must(n == 16, "msgrcv noerror");
	expect("msgrcv(%ld, {mtype=7, mtext=%s}, 16, -7, MSG_NOERROR|IPC_NOWAIT)", q, qbuf(in.mtext, 16));
	expect_rval("16");
	expect("msgrcv(%ld, %s, 16, 2, MSG_EXCEPT|IPC_NOWAIT)", q, addr(&in));
	CALL_RVAL(S(SYS_msgrcv, q, &in, 16, 2, IPC_NOWAIT | MSG_EXCEPT));

	struct msqid_ds ds;
	must(S(SYS_msgctl, q, IPC_STAT, &ds) == 0, "IPC_STAT");
	expect("msgctl(%ld, IPC_STAT, %s)", q, msqid_ds(&ds));
	expect_rval("0");
	ds.msg_perm.mode = 0660;
	must(S(SYS_msgctl, q, IPC_SET, &ds) == 0, "IPC_SET");
	expect("msgctl(%ld, IPC_SET, {msg_perm=%s, msg_qbytes=%lu})", q, ipc_perm(&ds.msg_perm, 0), ds.msg_qbytes);
	expect_rval("0");
	expect("msgctl(%ld, IPC_64|IPC_STAT, %s)", q, addr(&ds));
	CALL_RVAL(S(SYS_msgctl, q, IPC_64 | IPC_STAT, &ds));
	long idx = S(SYS_msgctl, q, MSG_STAT, &ds);
	expect("msgctl(%ld, MSG_STAT, %s)", q, idx < 0 ? addr(&ds) : msqid_ds(&ds));
	expect_rval("%s", rval_errno(idx, errno));
	struct msginfo mi;
	long top = S(SYS_msgctl, 0, IPC_INFO, &mi);
	must(top >= 0, "IPC_INFO");
	expect("msgctl(0, IPC_INFO, %s)", msginfo(&mi));
	expect_rval("%ld", top);
	top = S(SYS_msgctl, 0, MSG_INFO, &mi);
	must(top >= 0, "MSG_INFO");
	expect("msgctl(0, MSG_INFO, %s)", msginfo(&mi));
	expect_rval("%ld", top);
	expect("msgctl(%ld, IPC_STAT, 0xffffffffffffffff)", q);
	CALL_RVAL(S(SYS_msgctl, q, IPC_STAT, -1L));
	expect("msgctl(%ld, 0x63 /* MSG_??? */, %s)", q, addr(&ds));
	CALL_RVAL(S(SYS_msgctl, q, 99, &ds));
	expect("msgctl(%ld, IPC_64|0x63 /* MSG_??? */, NULL)", q);
	CALL_RVAL(S(SYS_msgctl, q, IPC_64 | 99, NULL));

	expect("msgctl(%ld, IPC_RMID, NULL)", q);
	CALL_RVAL(S(SYS_msgctl, q, IPC_RMID, NULL));
	ipc_forget(IPC_KIND_MSG, q);
	expect("msgctl(%ld, IPC_64|IPC_RMID, NULL)", k);
	CALL_RVAL(S(SYS_msgctl, k, IPC_64 | IPC_RMID, NULL));
	expect("msgctl(%ld, IPC_RMID, NULL)", k);
	CALL_RVAL(S(SYS_msgctl, k, IPC_RMID, NULL));
	ipc_forget(IPC_KIND_MSG, k);
	if (u >= 0) {
		expect("msgctl(%ld, IPC_RMID, NULL)", u);
		CALL_RVAL(S(SYS_msgctl, u, IPC_RMID, NULL));
		ipc_forget(IPC_KIND_MSG, u);
	}
	expect("msgctl(%ld, IPC_RMID, NULL)", q);
	CALL_RVAL(S(SYS_msgctl, q, IPC_RMID, NULL));

	ipc_cleanup();
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
