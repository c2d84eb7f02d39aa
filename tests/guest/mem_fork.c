// SPDX-License-Identifier: GPL-2.0
/*
 * mem_fork: memory across fork. Private memory (stack, data, heap, anon
 * mmap) is copied on write in both directions: neither side sees the
 * other's later stores, whoever writes first. MAP_SHARED anonymous memory
 * stays one object: stores from either side are seen by the other, also
 * by grandchildren. A page never touched before fork reads zero in both.
 */
#include "t.h"
#include <sys/mman.h>

#define PG 4096
#define NPAGES 64

static int data_var = 10;
static int bss_var;

/* Two pipes to alternate turns between parent and child. */
static int to_child[2], to_parent[2];

static void turn_give(int fd) { CHECK_EQ(write(fd, "t", 1), 1); }
static void turn_take(int fd) { char c; CHECK_EQ(read(fd, &c, 1), 1); }

static void cow(void)
{
	int stack_var = 20;
	char *heap = malloc(NPAGES * PG);
	char *anon = mmap(NULL, NPAGES * PG, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(heap && anon != MAP_FAILED);
	memset(heap, 'h', NPAGES * PG);
	memset(anon, 'a', NPAGES * PG / 2);   /* second half never touched */
	bss_var = 30;

	CHECK_OK(pipe(to_child));
	CHECK_OK(pipe(to_parent));
	pid_t pid = t_fork();
	if (pid == 0) {
		/* Child writes first on even pages... */
		for (int i = 0; i < NPAGES; i += 2) {
			heap[i * PG] = 'C';
			anon[i * PG] = 'C';
		}
		data_var = 11;
		bss_var = 31;
		stack_var = 21;
		turn_give(to_parent[1]);
		/* ...then checks the parent's odd-page writes did not leak in. */
		turn_take(to_child[0]);
		for (int i = 1; i < NPAGES; i += 2) {
			CHECK_EQ(heap[i * PG], 'h');
			CHECK_EQ(anon[i * PG], i < NPAGES / 2 ? 'a' : 0);
		}
		CHECK_EQ(data_var, 11);
		CHECK_EQ(bss_var, 31);
		CHECK_EQ(stack_var, 21);
		_exit(0);
	}
	turn_take(to_parent[0]);
	for (int i = 0; i < NPAGES; i += 2) {
		CHECK_EQ(heap[i * PG], 'h');
		CHECK_EQ(anon[i * PG], i < NPAGES / 2 ? 'a' : 0);
	}
	CHECK_EQ(data_var, 10);
	CHECK_EQ(bss_var, 30);
	CHECK_EQ(stack_var, 20);
	for (int i = 1; i < NPAGES; i += 2) {
		heap[i * PG] = 'P';
		anon[i * PG] = 'P';
	}
	data_var = 12;
	turn_give(to_child[1]);
	t_wait_ok(pid);
	/* Our own writes stayed, the child's never came. */
	CHECK_EQ(heap[PG], 'P');
	CHECK_EQ(heap[0], 'h');
	CHECK_EQ(data_var, 12);
	free(heap);
	munmap(anon, NPAGES * PG);
	close(to_child[0]); close(to_child[1]);
	close(to_parent[0]); close(to_parent[1]);
}

static void shared(void)
{
	volatile int *s = mmap(NULL, NPAGES * PG, PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(s != MAP_FAILED);
	s[0] = 1;
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_EQ(s[0], 1);
		s[1] = 2;                           /* to the parent */
		s[(NPAGES - 1) * PG / sizeof(int)] = 3;   /* a page never touched */
		pid_t gc = t_fork();
		if (gc == 0) {
			s[2] = 4;
			_exit(0);
		}
		t_wait_ok(gc);
		CHECK_EQ(s[2], 4);
		/* Wait for the parent's store. */
		while (s[3] != 5)
			t_msleep(1);
		_exit(0);
	}
	while (s[2] != 4)
		t_msleep(1);
	CHECK_EQ(s[1], 2);
	CHECK_EQ(s[(NPAGES - 1) * PG / sizeof(int)], 3);
	s[3] = 5;
	t_wait_ok(pid);
	munmap((void *)s, NPAGES * PG);
}

int main(void)
{
	cow();
	shared();
	return 0;
}
