// SPDX-License-Identifier: GPL-2.0
/*
 * procfs_system: system-wide /proc files that tools parse. meminfo has
 * MemTotal (and MemFree no larger) in kB; cpuinfo has a "processor" line;
 * mounts lists proc on /proc; uptime is two non-negative decimals that do
 * not go backwards; loadavg is "a b c running/total lastpid"; filesystems
 * lists proc; version starts "Linux version"; sys/kernel/ostype is Linux;
 * stat has the cpu line; each file reads the same piecewise as in one go.
 */
#include "t.h"

static size_t slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		t_failf(__FILE__, __LINE__, "open %s (got %s, want success)", path, t_errname(errno));
	size_t n = t_read_full(fd, buf, size - 1);
	buf[n] = 0;
	close(fd);
	return n;
}

static int has_line_starting(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);
	for (const char *l = text; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (strncmp(l, prefix, n) == 0)
			return 1;
	return 0;
}

static long kb_field(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	if (!p)
		return -1;
	long v = -1;
	char unit[8] = { 0 };
	if (sscanf(p + strlen(key), ": %ld %7s", &v, unit) != 2 || strcmp(unit, "kB") != 0)
		return -1;
	return v;
}

static char buf[65536];

static void meminfo(void)
{
	slurp("/proc/meminfo", buf, sizeof(buf));
	CHECK(has_line_starting(buf, "MemTotal:"));
	long total = kb_field(buf, "MemTotal"), free_kb = kb_field(buf, "MemFree");
	CHECK(total > 1024);
	CHECK(free_kb >= 0 && free_kb <= total);
}

static void small_files(void)
{
	slurp("/proc/cpuinfo", buf, sizeof(buf));
	CHECK(has_line_starting(buf, "processor"));

	slurp("/proc/mounts", buf, sizeof(buf));
	int found = 0;
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		char dev[256], dir[256], type[64];
		CHECK(sscanf(l, "%255s %255s %63s", dev, dir, type) == 3);
		if (!strcmp(dir, "/proc") && !strcmp(type, "proc"))
			found = 1;
	}
	CHECK(found);

	double up1 = -1, idle = -1, up2 = -1;
	slurp("/proc/uptime", buf, sizeof(buf));
	CHECK_EQ(sscanf(buf, "%lf %lf", &up1, &idle), 2);
	CHECK(up1 >= 0 && idle >= 0);
	CHECK(strchr(buf, '.') != NULL);
	t_msleep(20);
	slurp("/proc/uptime", buf, sizeof(buf));
	CHECK_EQ(sscanf(buf, "%lf", &up2), 1);
	CHECK(up2 >= up1);

	double a, b, c;
	int running, total, last;
	slurp("/proc/loadavg", buf, sizeof(buf));
	CHECK_EQ(sscanf(buf, "%lf %lf %lf %d/%d %d", &a, &b, &c, &running, &total, &last), 6);
	CHECK(a >= 0 && b >= 0 && c >= 0);
	CHECK(running >= 1 && total >= running);
	CHECK(last > 0);

	slurp("/proc/filesystems", buf, sizeof(buf));
	CHECK(strstr(buf, "\tproc\n") != NULL);

	slurp("/proc/version", buf, sizeof(buf));
	CHECK_EQ(strncmp(buf, "Linux version ", 14), 0);
	slurp("/proc/sys/kernel/ostype", buf, sizeof(buf));
	CHECK_STR(buf, "Linux\n");
	slurp("/proc/stat", buf, sizeof(buf));
	CHECK(has_line_starting(buf, "cpu "));
}

static void piecewise(void)
{
	/* Reading in tiny pieces gives the same bytes (files that do not change). */
	static char whole[8192], pieces[8192];
	size_t n = slurp("/proc/filesystems", whole, sizeof(whole));
	int fd = CHECK_OK(open("/proc/filesystems", O_RDONLY));
	size_t got = 0;
	ssize_t r;
	while ((r = read(fd, pieces + got, 7)) > 0)
		got += r;
	CHECK_EQ(r, 0);
	close(fd);
	CHECK_EQ(got, n);
	CHECK_EQ(memcmp(whole, pieces, n), 0);
}

int main(void)
{
	meminfo();
	small_files();
	piecewise();
	return 0;
}
