/* dirents.c under -v: every directory entry, as read back from the buffer. */
#define VERBOSE 1
#include "dirents.c"
