/*
 * A known call chain for -k: main -> a -> b -> getpid(), each a function of its own (noinline,
 * and no tail call at any -O), and the same chain ending in a stack the unwinder cannot read,
 * or in code outside every mapped file.
 *
 *   stack_chain chain    main -> a -> b -> getpid()
 *   stack_chain garbage  main -> a -> b -> getpid with rsp and rbp pointing at unmapped memory
 *   stack_chain anon     main -> a -> b -> a getpid stub in an anonymous executable mapping
 */
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int mode;
static volatile long sink;

/* getpid with rsp and rbp set to unmapped addresses; both are put back after it. */
static __attribute__((noinline)) long getpid_on_garbage(void)
{
	long r;
	__asm__ volatile("mov %%rsp, %%r12\n\t"
			 "mov %%rbp, %%r13\n\t"
			 "mov $0x10, %%rsp\n\t"
			 "mov $0x20, %%rbp\n\t"
			 "syscall\n\t"
			 "mov %%r12, %%rsp\n\t"
			 "mov %%r13, %%rbp\n\t"
			 : "=a"(r)
			 : "a"((long) SYS_getpid)
			 : "r12", "r13", "rcx", "r11", "memory");
	return r;
}

/* getpid from a copy of "mov $39, %eax; syscall; ret" in an anonymous executable page. */
static __attribute__((noinline)) long getpid_from_anon(void)
{
	static const unsigned char stub[] = {0xb8, SYS_getpid, 0, 0, 0, 0x0f, 0x05, 0xc3};
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return -1;
	memcpy(page, stub, sizeof(stub));
	return ((long (*)(void)) page)();
}

static __attribute__((noinline)) long b(void)
{
	long r = mode == 0 ? getpid() : mode == 1 ? getpid_on_garbage() : getpid_from_anon();
	sink = r;
	return r + 1;
}

static __attribute__((noinline)) long a(void)
{
	long r = b();
	sink = r;
	return r + 1;
}

int main(int argc, char **argv)
{
	mode = argc < 2 || !strcmp(argv[1], "chain") ? 0 : !strcmp(argv[1], "garbage") ? 1 : 2;
	sink = a();
	return 0;
}
