/* mmap, mprotect, munmap: prot and flags, file offsets, MAP_FIXED, failures. */
#include "tests.h"
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/auxv.h>
#include <sys/mman.h>

/* glibc's static start-up makes PT_GNU_RELRO read-only (elf/dl-reloc.c: _dl_protect_relro). */
static void expect_relro(void)
{
	const ElfW(Phdr) *ph = (const void *) getauxval(AT_PHDR);
	unsigned long n = getauxval(AT_PHNUM);
	unsigned long page = getauxval(AT_PAGESZ);
	for (unsigned long i = 0; i < n; i++) {
		if (ph[i].p_type != PT_GNU_RELRO)
			continue;
		unsigned long start = ph[i].p_vaddr & -page;
		unsigned long end = (ph[i].p_vaddr + ph[i].p_memsz) & -page;
		if (start != end) {
			expect("mprotect(%#lx, %lu, PROT_READ)", start, end - start);
			expect_rval("0");
		}
	}
}

int main(void)
{
	expect_relro();

	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, "mmap");
	expect("mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)");
	expect_rval("%s", addr(p));

	int r = mprotect(p, 4096, PROT_READ);
	expect("mprotect(%s, 4096, PROT_READ)", addr(p));
	expect_rval("%d", r);
	r = mprotect(p, 4096, PROT_NONE);
	expect("mprotect(%s, 4096, PROT_NONE)", addr(p));
	expect_rval("%d", r);
	r = mprotect(p, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
	expect("mprotect(%s, 4096, PROT_READ|PROT_WRITE|PROT_EXEC)", addr(p));
	expect_rval("%d", r);
	/* unknown bits stay as a hex remainder */
	r = mprotect(p, 4096, PROT_READ | 0x100);
	check(r == -1 && errno == EINVAL, "mprotect EINVAL");
	expect("mprotect(%s, 4096, PROT_READ|0x100)", addr(p));
	expect_rval("%s", rerr(EINVAL));

	/* MAP_FIXED over the same page */
	void *q = mmap(p, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
	check(q == p, "MAP_FIXED");
	expect("mmap(%s, 4096, PROT_READ, MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS, -1, 0)", addr(p));
	expect_rval("%s", addr(q));
	r = munmap(p, 4096);
	expect("munmap(%s, 4096)", addr(p));
	expect_rval("%d", r);

	/* a shared file mapping with an offset (printed in hex) */
	static const char file[] = "mmap.tmp";
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0 && ftruncate(fd, 3 * 4096) == 0, "file");
	void *f = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 4096);
	check(f != MAP_FAILED, "mmap file");
	expect("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_SHARED, %d, 0x1000)", fd);
	expect_rval("%s", addr(f));
	r = munmap(f, 8192);
	expect("munmap(%s, 8192)", addr(f));
	expect_rval("%d", r);

	void *g = mmap(NULL, 65536, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE, -1, 0);
	check(g != MAP_FAILED, "mmap populate");
	expect("mmap(NULL, 65536, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE|MAP_POPULATE, -1, 0)");
	expect_rval("%s", addr(g));
	r = munmap(g, 65536);
	expect("munmap(%s, 65536)", addr(g));
	expect_rval("%d", r);

	/* failures */
	void *e = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(e == MAP_FAILED && errno == EINVAL, "mmap EINVAL");
	expect("mmap(NULL, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)");
	expect_rval("%s", rerr(EINVAL));
	e = mmap(NULL, 4096, PROT_READ, MAP_SHARED, -1, 0);
	check(e == MAP_FAILED && errno == EBADF, "mmap EBADF");
	expect("mmap(NULL, 4096, PROT_READ, MAP_SHARED, -1, 0)");
	expect_rval("%s", rerr(EBADF));
	r = munmap((void *) 0x1001, 4096);
	check(r == -1 && errno == EINVAL, "munmap EINVAL");
	expect("munmap(0x1001, 4096)");
	expect_rval("%s", rerr(EINVAL));

	close(fd);
	unlink(file);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
