// SPDX-License-Identifier: GPL-2.0
/*
 * exec_auxv: the initial stack and auxiliary vector a static binary gets.
 * argv, envp and auxv sit back to back; AT_PAGESZ is 4096; AT_PHDR,
 * AT_PHENT, AT_PHNUM and AT_ENTRY match our own ELF header (allowing for a
 * load bias); AT_UID/EUID/GID/EGID match the ids; AT_SECURE is 0; AT_BASE
 * is 0 (no interpreter); AT_RANDOM points at 16 bytes that differ between
 * two execs; AT_EXECFN is the path given to execve.
 */
#include "t.h"
#include <elf.h>
#include <link.h>
#include <sys/auxv.h>

extern char **environ;
extern const ElfW(Ehdr) __ehdr_start;   /* defined by the linker */

static void layout(int argc, char **argv)
{
	CHECK(argv[argc] == NULL);
	/* envp starts right after argv's NULL... */
	CHECK(environ == &argv[argc + 1]);
	char **e = environ;
	while (*e)
		e++;
	/* ...and auxv right after envp's NULL. */
	ElfW(auxv_t) *av = (ElfW(auxv_t) *)(e + 1);
	int saw_pagesz = 0, n = 0;
	for (; av->a_type != AT_NULL; av++, n++) {
		CHECK(n < 64);
		if (av->a_type == AT_PAGESZ) {
			CHECK_EQ(av->a_un.a_val, 4096);
			saw_pagesz = 1;
		}
		/* glibc rewrites AT_HWCAP*; the rest it reports verbatim. */
		if (av->a_type != AT_HWCAP && av->a_type != AT_HWCAP2)
			CHECK_EQ(getauxval(av->a_type), av->a_un.a_val);
	}
	CHECK(saw_pagesz);
}

static void values(void)
{
	CHECK_EQ(getauxval(AT_PAGESZ), 4096);
	CHECK_EQ(getauxval(AT_PAGESZ), sysconf(_SC_PAGESIZE));
	CHECK_EQ(getauxval(AT_UID), getuid());
	CHECK_EQ(getauxval(AT_EUID), geteuid());
	CHECK_EQ(getauxval(AT_GID), getgid());
	CHECK_EQ(getauxval(AT_EGID), getegid());
	CHECK_EQ(getauxval(AT_SECURE), 0);
	CHECK_EQ(getauxval(AT_BASE), 0);
	CHECK_EQ(getauxval(AT_CLKTCK), 100);

	/* Program headers: where the ELF header says they are. */
	const ElfW(Ehdr) *eh = &__ehdr_start;
	CHECK(memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0);
	const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	CHECK(ph != NULL);
	CHECK_EQ((uintptr_t)ph, (uintptr_t)eh + eh->e_phoff);
	CHECK_EQ(getauxval(AT_PHENT), sizeof(ElfW(Phdr)));
	CHECK_EQ(getauxval(AT_PHNUM), eh->e_phnum);

	/* Bias = where the first PT_LOAD (file offset 0) landed minus its vaddr. */
	uintptr_t bias = 0;
	int loads = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (loads++ == 0) {
			CHECK_EQ(ph[i].p_offset, 0);
			bias = (uintptr_t)eh - ph[i].p_vaddr;
		}
	}
	CHECK(loads >= 1);
	CHECK_EQ(getauxval(AT_ENTRY), eh->e_entry + bias);

	const unsigned char *r = (const unsigned char *)getauxval(AT_RANDOM);
	CHECK(r != NULL);
	unsigned char or = 0;
	for (int i = 0; i < 16; i++)
		or |= r[i];
	CHECK(or != 0);
}

/* Child mode: print AT_RANDOM and AT_EXECFN on fd 1. */
static int report(void)
{
	const unsigned char *r = (const unsigned char *)getauxval(AT_RANDOM);
	const char *fn = (const char *)getauxval(AT_EXECFN);
	char buf[4200];
	int n = 0;
	for (int i = 0; i < 16; i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%02x", r[i]);
	n += snprintf(buf + n, sizeof(buf) - n, " %s", fn ? fn : "(null)");
	t_write_all(1, buf, n);
	return 0;
}

static void across_exec(const char *self)
{
	char out[2][4200];
	for (int k = 0; k < 2; k++) {
		int p[2];
		CHECK_OK(pipe(p));
		pid_t pid = t_fork();
		if (pid == 0) {
			dup2(p[1], 1);
			char *argv[] = { "renamed", "report", NULL };
			execv(self, argv);
			_exit(127);
		}
		close(p[1]);
		size_t n = t_read_full(p[0], out[k], sizeof(out[k]) - 1);
		out[k][n] = 0;
		close(p[0]);
		t_wait_ok(pid);
		CHECK(n > 33);
		/* AT_EXECFN is the execve path, not argv[0]. */
		CHECK_STR(out[k] + 33, self);
	}
	/* 128 fresh random bits per exec. */
	CHECK(memcmp(out[0], out[1], 32) != 0);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "report") == 0)
		return report();
	layout(argc, argv);
	values();
	across_exec(t_self(argv[0]));
	return 0;
}
