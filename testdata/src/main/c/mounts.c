/*
 * Mounts in a private mount namespace (unshare(2) is not traced, and everything mounted
 * goes away with the process): mount with its flags (MS_MGC_VAL too), remount, bind,
 * umount2, the new mount API (fsopen, fsconfig, fsmount, move_mount, fspick, open_tree,
 * mount_setattr) and file handles (name_to_handle_at, open_by_handle_at).  Where the
 * namespace cannot be made (no CAP_SYS_ADMIN), the program makes no call.
 */
#include "fsio.h"
#include <fcntl.h>
#include <sys/mount.h>
#include <linux/mount.h>
#include <sched.h>
#include <sys/stat.h>

static const char dir[] = "mounts.dir", dir2[] = "mounts.dir2", file[] = "mounts.tmp";

static void old_api(void)
{
	long r = S(SYS_mount, NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
	expect("mount(NULL, \"/\", NULL, MS_REC|MS_PRIVATE, NULL)");
	expect_rval("%s", rval(r));
	r = S(SYS_mount, "jstrace", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0700");
	expect("mount(\"jstrace\", \"%s\", \"tmpfs\", MS_NOSUID|MS_NODEV, \"size=1m,mode=0700\")", dir);
	expect_rval("%s", rval(r));
	r = S(SYS_mount, "jstrace", dir, "tmpfs", MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, "size=2m");
	expect("mount(\"jstrace\", \"%s\", %s, MS_RDONLY|MS_NOSUID|MS_NODEV|MS_REMOUNT, \"size=2m\")", dir, addr("tmpfs"));
	expect_rval("%s", rval(r));
	r = S(SYS_mount, dir, dir2, "ignored", MS_BIND, "ignored");
	expect("mount(\"%s\", \"%s\", %s, MS_BIND, %s)", dir, dir2, addr("ignored"), addr("ignored"));
	expect_rval("%s", rval(r));
	r = S(SYS_mount, "none", "/nonexistent", "tmpfs", MS_MGC_VAL | MS_RDONLY, NULL);
	expect("mount(\"none\", \"/nonexistent\", \"tmpfs\", MS_MGC_VAL|MS_RDONLY, NULL)");
	expect_rval("%s", rval(r));
	r = S(SYS_mount, "none", "/nonexistent", "tmpfs", 0x1000000000L, NULL);
	expect("mount(\"none\", \"/nonexistent\", \"tmpfs\", 0x1000000000 /* MS_??? */, NULL)");
	expect_rval("%s", rval(r));

	r = S(SYS_umount2, dir2, MNT_DETACH);
	expect("umount2(\"%s\", MNT_DETACH)", dir2);
	expect_rval("%s", rval(r));
	r = S(SYS_umount2, dir, 0);
	expect("umount2(\"%s\", 0)", dir);
	expect_rval("%s", rval(r));
	r = S(SYS_umount2, "/nonexistent", MNT_FORCE | UMOUNT_NOFOLLOW);
	expect("umount2(\"/nonexistent\", MNT_FORCE|UMOUNT_NOFOLLOW)");
	expect_rval("%s", rval(r));
	r = S(SYS_umount2, dir, 0x100);
	expect("umount2(\"%s\", 0x100 /* MNT_??? */)", dir);
	expect_rval("%s", rval(r));
}

static void new_api(void)
{
	long fs = S(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
	expect("fsopen(\"tmpfs\", FSOPEN_CLOEXEC)");
	expect_rval("%s", rval(fs));
	if (fs < 0)
		return;
	long r = S(SYS_fsopen, "jstrace-nofs", 2);
	expect("fsopen(\"jstrace-nofs\", 0x2 /* FSOPEN_??? */)");
	expect_rval("%s", rval(r));
	r = S(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "size", "1m", 0);
	expect("fsconfig(%ld, FSCONFIG_SET_STRING, \"size\", \"1m\", 0)", fs);
	expect_rval("%s", rval(r));
	r = S(SYS_fsconfig, fs, FSCONFIG_SET_FLAG, "jstrace", NULL, 0);
	expect("fsconfig(%ld, FSCONFIG_SET_FLAG, \"jstrace\", NULL, 0)", fs);
	expect_rval("%s", rval(r));
	r = S(SYS_fsconfig, fs, FSCONFIG_SET_BINARY, "x", "abc", 3);
	expect("fsconfig(%ld, FSCONFIG_SET_BINARY, \"x\", \"\\x61\\x62\\x63\", 3)", fs);
	expect_rval("%s", rval(r));
	r = S(SYS_fsconfig, fs, FSCONFIG_SET_PATH, "x", "/nonexistent", AT_FDCWD);
	expect("fsconfig(%ld, FSCONFIG_SET_PATH, \"x\", \"/nonexistent\", AT_FDCWD)", fs);
	expect_rval("%s", rval(r));
	r = S(SYS_fsconfig, fs, FSCONFIG_SET_FD, "x", NULL, 0);
	expect("fsconfig(%ld, FSCONFIG_SET_FD, \"x\", NULL, 0)", fs);
	expect_rval("%s", rval(r));
	static const char key[] = "x";
	r = S(SYS_fsconfig, fs, 99, key, NULL, 5);
	expect("fsconfig(%ld, 0x63 /* FSCONFIG_??? */, %s, NULL, 5)", fs, addr(key));
	expect_rval("%s", rval(r));
	r = S(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0);
	expect("fsconfig(%ld, FSCONFIG_CMD_CREATE, NULL, NULL, 0)", fs);
	expect_rval("%s", rval(r));

	long mfd = S(SYS_fsmount, fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NODEV | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOATIME);
	expect("fsmount(%ld, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID|MOUNT_ATTR_NODEV|MOUNT_ATTR_NOATIME)", fs);
	expect_rval("%s", rval(mfd));
	r = S(SYS_fsmount, fs, 2, 0x400);
	expect("fsmount(%ld, 0x2 /* FSMOUNT_??? */, 0x400 /* MOUNT_ATTR_??? */)", fs);
	expect_rval("%s", rval(r));
	r = S(SYS_move_mount, mfd, "", AT_FDCWD, dir, MOVE_MOUNT_F_EMPTY_PATH);
	expect("move_mount(%ld, \"\", AT_FDCWD, \"%s\", MOVE_MOUNT_F_EMPTY_PATH)", mfd, dir);
	expect_rval("%s", rval(r));

	long pfd = S(SYS_fspick, AT_FDCWD, dir, FSPICK_CLOEXEC | FSPICK_NO_AUTOMOUNT);
	expect("fspick(AT_FDCWD, \"%s\", FSPICK_CLOEXEC|FSPICK_NO_AUTOMOUNT)", dir);
	expect_rval("%s", rval(pfd));
	r = S(SYS_fspick, AT_FDCWD, dir, 0x100);
	expect("fspick(AT_FDCWD, \"%s\", 0x100 /* FSPICK_??? */)", dir);
	expect_rval("%s", rval(r));
	r = S(SYS_fsconfig, pfd, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0);
	expect("fsconfig(%ld, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0)", pfd);
	expect_rval("%s", rval(r));

	long tfd = S(SYS_open_tree, AT_FDCWD, dir, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
	expect("open_tree(AT_FDCWD, \"%s\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE)", dir);
	expect_rval("%s", rval(tfd));
	struct mount_attr ma = { .attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOEXEC, .attr_clr = MOUNT_ATTR__ATIME,
				 .propagation = MS_PRIVATE };
	r = S(SYS_mount_setattr, tfd, "", AT_EMPTY_PATH, &ma, sizeof(ma));
	expect("mount_setattr(%ld, \"\", AT_EMPTY_PATH, {attr_set=MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOEXEC, "
	       "attr_clr=MOUNT_ATTR_NOATIME|MOUNT_ATTR_STRICTATIME|0x40, propagation=MS_PRIVATE, userns_fd=0}, %zu)",
	       tfd, sizeof(ma));
	expect_rval("%s", rval(r));
	r = S(SYS_mount_setattr, tfd, "", AT_EMPTY_PATH, &ma, 8);
	expect("mount_setattr(%ld, \"\", AT_EMPTY_PATH, %s, 8)", tfd, addr(&ma));
	expect_rval("%s", rval(r));
	r = S(SYS_mount_setattr, tfd, "", AT_EMPTY_PATH, NULL, 32);
	expect("mount_setattr(%ld, \"\", AT_EMPTY_PATH, NULL, 32)", tfd);
	expect_rval("%s", rval(r));
	r = S(SYS_move_mount, tfd, "", AT_FDCWD, dir2, MOVE_MOUNT_F_EMPTY_PATH | 0x1000);
	expect("move_mount(%ld, \"\", AT_FDCWD, \"%s\", MOVE_MOUNT_F_EMPTY_PATH|0x1000)", tfd, dir2);
	expect_rval("%s", rval(r));
	r = S(SYS_umount2, dir, MNT_DETACH);
	expect("umount2(\"%s\", MNT_DETACH)", dir);
	expect_rval("%s", rval(r));
	S(SYS_close, tfd);
	S(SYS_close, pfd);
	S(SYS_close, mfd);
	S(SYS_close, fs);
}

struct handle {
	unsigned int bytes;
	int type;
	unsigned char h[128];
};

static const char *hexbytes(const unsigned char *b, unsigned n)
{
	char *res = scratch(), *p = res;
	*p++ = '"';
	for (unsigned k = 0; k < n; k++)
		p += sprintf(p, "\\x%02x", b[k]);
	strcpy(p, "\"");
	return res;
}

static void handles(void)
{
	int fd = S(SYS_open, file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	int d = S(SYS_open, ".", O_RDONLY | O_DIRECTORY);
	check(fd >= 0 && d >= 0, "open");
	struct handle fh = { 128 }, small = { 0 };
	int mid = -1;
	long r = S(SYS_name_to_handle_at, AT_FDCWD, file, &fh, &mid, 0);
	expect("name_to_handle_at(AT_FDCWD, \"%s\", ", file);
	if (r == 0)
		expect("{handle_bytes=128 => %u, handle_type=%d, f_handle=%s}, [%d], 0)", fh.bytes, fh.type,
		       hexbytes(fh.h, fh.bytes), mid);
	else
		expect("{handle_bytes=128}, %s, 0)", addr(&mid));
	expect_rval("%s", rval(r));
	if (r != 0)
		return;
	r = S(SYS_open_by_handle_at, d, &fh, O_RDONLY);
	expect("open_by_handle_at(%d, {handle_bytes=%u, handle_type=%d, f_handle=%s}, O_RDONLY)", d, fh.bytes, fh.type,
	       hexbytes(fh.h, fh.bytes));
	expect_rval("%s", rval(r));
	if (r >= 0)
		S(SYS_close, r);

	r = S(SYS_name_to_handle_at, AT_FDCWD, file, &small, &mid, AT_SYMLINK_FOLLOW);
	check(r == -1 && errno == EOVERFLOW, "EOVERFLOW");
	expect("name_to_handle_at(AT_FDCWD, \"%s\", {handle_bytes=0 => %u}, %s, AT_SYMLINK_FOLLOW)", file, small.bytes,
	       addr(&mid));
	expect_rval("%s", rerr(EOVERFLOW));
	r = S(SYS_name_to_handle_at, fd, "", &small, &mid, AT_EMPTY_PATH);
	check(r == 0, "AT_EMPTY_PATH");
	expect("name_to_handle_at(%d, \"\", {handle_bytes=%u, handle_type=%d, f_handle=%s}, [%d], AT_EMPTY_PATH)", fd,
	       small.bytes, small.type, hexbytes(small.h, small.bytes), mid);
	expect_rval("0");
	r = S(SYS_open_by_handle_at, d, NULL, O_RDONLY);
	expect("open_by_handle_at(%d, NULL, O_RDONLY)", d);
	expect_rval("%s", rval(r));
	S(SYS_close, fd);
	S(SYS_close, d);
}

int main(void)
{
	if (unshare(CLONE_NEWNS) != 0) {
		expect_line("+++ exited with 0 +++");
		expect_flush();
		return 0;
	}
	check(mkdir(dir, 0700) == 0 && mkdir(dir2, 0700) == 0, "mkdir");
	old_api();
	new_api();
	handles();
	unlink(file);
	rmdir(dir2);
	rmdir(dir);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
