/*
 * Flag and value tables for the corpus programs that print decoded structures
 * (statx, statfs, poll, epoll, fcntl...): strace's printflags and printxval.
 */
#ifndef JSTRACE_FLAGS_H
#define JSTRACE_FLAGS_H

#include "tests.h"

struct flag {
	unsigned long long value;
	const char *name;
};
#define FLAG(x) { x, #x }
#define END_FLAGS { 0, NULL }

/* Names in table order, then the bits no name covers in hex; "0" when nothing is set. */
static const char *sflags(const struct flag *t, unsigned long long v)
{
	char *res = scratch(), *p = res;
	*p = 0;
	for (; t->name; t++) {
		if (t->value == 0) {
			if (v == 0 && p == res)
				p += sprintf(p, "%s", t->name);
			continue;
		}
		if ((v & t->value) == t->value) {
			p += sprintf(p, "%s%s", p == res ? "" : "|", t->name);
			v &= ~t->value;
		}
	}
	if (v || p == res)
		sprintf(p, "%s%#llx", p == res ? "" : "|", v);
	if (!strcmp(res, "0x0"))
		strcpy(res, "0");
	return res;
}

/* The name of exactly v, or v in hex with strace's comment (none when dflt is NULL): "0x9 / * F_??? * /". */
static const char *sxval(const struct flag *t, unsigned long long v, const char *dflt)
{
	for (; t->name; t++)
		if (t->value == v)
			return t->name;
	char *res = scratch();
	int n = sprintf(res, v ? "%#llx" : "0", v);
	if (dflt)
		sprintf(res + n, " /* %s */", dflt);
	return res;
}

#endif
