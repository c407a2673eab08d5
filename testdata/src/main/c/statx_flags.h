/*
 * The names strace 6.1 gives statx's mask and attribute bits (include/uapi/linux/stat.h;
 * STATX_MNT_ID and STATX_DIOALIGN by value, for older headers), shared by the statx programs.
 */
#ifndef STATX_FLAGS_H
#define STATX_FLAGS_H
#include "flags.h"
#include <sys/stat.h>

static const struct flag statx_masks[] = {
	FLAG(STATX_ALL), FLAG(STATX_BASIC_STATS), FLAG(STATX_TYPE), FLAG(STATX_MODE), FLAG(STATX_NLINK),
	FLAG(STATX_UID), FLAG(STATX_GID), FLAG(STATX_ATIME), FLAG(STATX_MTIME), FLAG(STATX_CTIME),
	FLAG(STATX_INO), FLAG(STATX_SIZE), FLAG(STATX_BLOCKS), FLAG(STATX_BTIME), { 0x1000, "STATX_MNT_ID" },
	{ 0x2000, "STATX_DIOALIGN" }, END_FLAGS
};
static const struct flag statx_attrs[] = {
	{ 0x4, "STATX_ATTR_COMPRESSED" }, { 0x10, "STATX_ATTR_IMMUTABLE" }, { 0x20, "STATX_ATTR_APPEND" },
	{ 0x40, "STATX_ATTR_NODUMP" }, { 0x800, "STATX_ATTR_ENCRYPTED" }, { 0x1000, "STATX_ATTR_AUTOMOUNT" },
	{ 0x2000, "STATX_ATTR_MOUNT_ROOT" }, { 0x100000, "STATX_ATTR_VERITY" }, { 0x200000, "STATX_ATTR_DAX" },
	END_FLAGS
};

#endif
