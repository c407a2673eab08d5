/*
 * Landlock: the ABI version query, a ruleset with its handled accesses, a path-beneath
 * rule, and restricting this process (last, as nothing else follows), with the failures
 * of unknown flags and rule types.  Where Landlock is off, the calls fail and are printed
 * as they are.
 */
#include "fsio.h"
#include <fcntl.h>
#include <linux/landlock.h>

int main(void)
{
	long r = S(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	expect("landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)");
	expect_rval("%s", rval(r));

	struct landlock_ruleset_attr ra = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE
	};
	long rs = S(SYS_landlock_create_ruleset, &ra, 8, 0);
	expect("landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_WRITE_FILE|LANDLOCK_ACCESS_FS_READ_FILE}, 8, 0)");
	expect_rval("%s", rval(rs));
	r = S(SYS_landlock_create_ruleset, &ra, 8, 8);
	expect("landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_WRITE_FILE|LANDLOCK_ACCESS_FS_READ_FILE}, 8, "
	       "0x8 /* LANDLOCK_CREATE_RULESET_??? */)");
	expect_rval("%s", rval(r));
	r = S(SYS_landlock_create_ruleset, NULL, 8, 0);
	expect("landlock_create_ruleset(NULL, 8, 0)");
	expect_rval("%s", rval(r));
	r = S(SYS_landlock_create_ruleset, &ra, 4, 0);
	expect("landlock_create_ruleset(%s, 4, 0)", addr(&ra));
	expect_rval("%s", rval(r));

	int d = S(SYS_open, ".", O_PATH | O_DIRECTORY);
	check(d >= 0, "open .");
	struct landlock_path_beneath_attr pb = { .allowed_access = LANDLOCK_ACCESS_FS_READ_FILE, .parent_fd = d };
	r = S(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	expect("landlock_add_rule(%ld, LANDLOCK_RULE_PATH_BENEATH, {allowed_access=LANDLOCK_ACCESS_FS_READ_FILE, "
	       "parent_fd=%d}, 0)", rs, d);
	expect_rval("%s", rval(r));
	r = S(SYS_landlock_add_rule, rs, 99, &pb, 0);
	expect("landlock_add_rule(%ld, 0x63 /* LANDLOCK_RULE_??? */, %s, 0)", rs, addr(&pb));
	expect_rval("%s", rval(r));
	r = S(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, NULL, 1);
	expect("landlock_add_rule(%ld, LANDLOCK_RULE_PATH_BENEATH, NULL, 0x1)", rs);
	expect_rval("%s", rval(r));

	r = S(SYS_landlock_restrict_self, -1, 0);
	expect("landlock_restrict_self(-1, 0)");
	expect_rval("%s", rval(r));
	r = S(SYS_landlock_restrict_self, rs, 0);
	expect("landlock_restrict_self(%ld, 0)", rs);
	expect_rval("%s", rval(r));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
