// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/boot/cmdline.c: boot_parse_size and
 * boot_parse_cmdline. The parser runs before anything on the host is
 * touched, so it needs only the registry (tests/fake/registry_fake.c:
 * hosts "fake" and "fake-min", channels "fd" and "null"). Each error must
 * name the word that caused it; the tests capture stderr to check that.
 */
#include <stdio.h>

#include "unit.h"
#include "boot.h"

static struct cmdline_test_state {
	struct boot_config cfg;
	char out[8192];  /* stdout of the last parse */
	char err[4096];  /* stderr of the last parse */
} cmdline_test_state;

#define ST cmdline_test_state

/* Parse "linux" followed by the NULL-terminated words. */
static int parse_words(const char *const *words)
{
	char *argv[80];
	int argc = 0, r;

	argv[argc++] = (char *)"linux";
	while (*words && argc < (int)(sizeof(argv) / sizeof(argv[0])) - 1)
		argv[argc++] = (char *)*words++;
	argv[argc] = NULL;
	memset(&ST.cfg, 0x5a, sizeof(ST.cfg)); /* the parser must set every default */
	unit_capture_begin(1);
	unit_capture_begin(2);
	r = boot_parse_cmdline(argc, argv, &ST.cfg);
	unit_capture_end(2, ST.err, sizeof(ST.err));
	unit_capture_end(1, ST.out, sizeof(ST.out));
	return r;
}
#define PARSE(...) parse_words((const char *const[]){ __VA_ARGS__, NULL })

/* ---- boot_parse_size ---------------------------------------------------- */

static void size_suffixes(void **state)
{
	u64 v;

	assert_int_equal(boot_parse_size("4096", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(boot_parse_size("2k", &v), 0);
	assert_int_equal(v, 2048);
	assert_int_equal(boot_parse_size("3K", &v), 0);
	assert_int_equal(v, 3 * 1024);
	assert_int_equal(boot_parse_size("128M", &v), 0);
	assert_int_equal(v, 128ull << 20);
	assert_int_equal(boot_parse_size("5m", &v), 0);
	assert_int_equal(v, 5ull << 20);
	assert_int_equal(boot_parse_size("2G", &v), 0);
	assert_int_equal(v, 2ull << 30);
	assert_int_equal(boot_parse_size("1g", &v), 0);
	assert_int_equal(v, 1ull << 30);
	/* strtoull base 0: hex and octal as Linux's memparse */
	assert_int_equal(boot_parse_size("0x10M", &v), 0);
	assert_int_equal(v, 16ull << 20);
	assert_int_equal(boot_parse_size("0", &v), 0);
	assert_int_equal(v, 0);
}

static void size_malformed(void **state)
{
	static const char *const bad[] = {
		"12Q", "", "M", "-1M", "+1M", " 1M", "1MB", "1M ", "1.5G", "K1", "0xZ",
	};
	u64 v = 77;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (boot_parse_size(bad[i], &v) != -EINVAL)
			fail_msg("boot_parse_size(\"%s\") was accepted", bad[i]);
		assert_int_equal(v, 77); /* *out untouched on error */
	}
	assert_int_equal(boot_parse_size(NULL, &v), -EINVAL);
}

/* ---- defaults, help, version --------------------------------------------- */

static void defaults(void **state)
{
	const struct boot_config *live;
	int i;

	assert_int_equal(parse_words((const char *const[]){ NULL }), 0);
	assert_int_equal(ST.cfg.mem, 128ull << 20);
	assert_null(ST.cfg.init);
	assert_string_equal(ST.cfg.rdinit, "/init");
	assert_string_equal(ST.cfg.mode, "auto");
	assert_null(ST.cfg.initrd);
	assert_null(ST.cfg.con_all);
	for (i = 0; i < BOOT_MAX_CONSOLES; i++)
		assert_null(ST.cfg.con[i]);
	assert_false(ST.cfg.quiet);
	assert_false(ST.cfg.ro);
	assert_int_equal(ST.cfg.loglevel, -1);
	assert_int_equal(ST.cfg.cpu, -1);
	assert_int_equal(ST.cfg.nr_init_args, 0);
	assert_int_equal(ST.cfg.nr_init_env, 0);
	assert_string_equal(ST.cfg.cmdline, "");
	assert_string_equal(ST.err, "");
	/* boot_config() is the same configuration */
	live = boot_config();
	assert_int_equal(live->mem, ST.cfg.mem);
}

static void help_returns_one(void **state)
{
	assert_int_equal(PARSE("--help"), 1);
	assert_non_null(strstr(ST.out, "usage: linux"));
	assert_non_null(strstr(ST.out, "mem=<size>"));
	assert_non_null(strstr(ST.out, "con<n>="));
	assert_int_equal(PARSE("mem=64M", "-h"), 1);
	assert_non_null(strstr(ST.out, "usage: linux"));
	assert_int_equal(PARSE("--version"), 1);
	assert_non_null(strstr(ST.out, UTS_RELEASE));
	/* after "--" it is init's argument, not ours */
	assert_int_equal(PARSE("--", "--help"), 0);
	assert_int_equal(ST.cfg.nr_init_args, 1);
	assert_string_equal(ST.cfg.init_args[0], "--help");
	assert_string_equal(ST.out, "");
}

/* ---- mem= ------------------------------------------------------------------- */

static void mem_sizes(void **state)
{
	assert_int_equal(PARSE("mem=64M"), 0);
	assert_int_equal(ST.cfg.mem, 64ull << 20);
	assert_int_equal(PARSE("mem=1G"), 0);
	assert_int_equal(ST.cfg.mem, 1ull << 30);
	assert_int_equal(PARSE("mem=20480k"), 0);
	assert_int_equal(ST.cfg.mem, 20ull << 20);
	/* not page aligned: rounded up */
	assert_int_equal(PARSE("mem=16777217"), 0);
	assert_int_equal(ST.cfg.mem, (16ull << 20) + 4096);
	/* the last one wins */
	assert_int_equal(PARSE("mem=32M", "mem=48M"), 0);
	assert_int_equal(ST.cfg.mem, 48ull << 20);
}

static void mem_malformed(void **state)
{
	assert_int_equal(PARSE("mem=12Q"), -EINVAL);
	assert_non_null(strstr(ST.err, "mem=12Q"));
	assert_non_null(strstr(ST.err, "not a size"));
	assert_int_equal(PARSE("mem="), -EINVAL);
	assert_non_null(strstr(ST.err, "mem="));
	assert_int_equal(PARSE("mem=1M"), -EINVAL);
	assert_non_null(strstr(ST.err, "mem=1M"));
	assert_non_null(strstr(ST.err, "too small"));
	assert_int_equal(PARSE("mem=16383K"), -EINVAL);
	assert_int_equal(PARSE("mem=16M"), 0);
	assert_int_equal(PARSE("mem=65G"), -EINVAL);
	assert_non_null(strstr(ST.err, "too large"));
	assert_int_equal(PARSE("mem=64G"), 0);
}

/* ---- switches, init=, words for init -------------------------------------- */

static void unknown_switches(void **state)
{
	assert_int_equal(PARSE("-x"), -EINVAL);
	assert_non_null(strstr(ST.err, "unknown switch '-x'"));
	assert_int_equal(PARSE("mem=64M", "--frobnicate"), -EINVAL);
	assert_non_null(strstr(ST.err, "'--frobnicate'"));
	/* a bare "-" is a switch too */
	assert_int_equal(PARSE("-"), -EINVAL);
}

static void init_paths(void **state)
{
	assert_int_equal(PARSE("init=/bin/sh"), 0);
	assert_string_equal(ST.cfg.init, "/bin/sh");
	assert_int_equal(PARSE("init=bin/sh"), -EINVAL);
	assert_non_null(strstr(ST.err, "init=bin/sh"));
	assert_non_null(strstr(ST.err, "absolute"));
	assert_int_equal(PARSE("init="), -EINVAL);
	assert_int_equal(PARSE("rdinit=/sbin/init"), 0);
	assert_string_equal(ST.cfg.rdinit, "/sbin/init");
	assert_int_equal(PARSE("rdinit=init"), -EINVAL);
	assert_non_null(strstr(ST.err, "rdinit=init"));
	assert_int_equal(PARSE("initrd=/tmp/root.cpio.gz", "root=/dev/ubda"), 0);
	assert_string_equal(ST.cfg.initrd, "/tmp/root.cpio.gz");
	assert_string_equal(ST.cfg.root, "/dev/ubda");
	assert_int_equal(PARSE("initrd="), -EINVAL);
	assert_non_null(strstr(ST.err, "initrd= needs a value"));
}

static void words_for_init(void **state)
{
	assert_int_equal(PARSE("quiet", "single", "HOME=/root", "TERM=vt100", "mem=64M", "--",
			       "-v", "mem=1G", "x=y"), 0);
	assert_true(ST.cfg.quiet);
	assert_int_equal(ST.cfg.mem, 64ull << 20);
	/* after "--" everything is argv, even name=value and our options */
	assert_int_equal(ST.cfg.nr_init_args, 4);
	assert_string_equal(ST.cfg.init_args[0], "single");
	assert_string_equal(ST.cfg.init_args[1], "-v");
	assert_string_equal(ST.cfg.init_args[2], "mem=1G");
	assert_string_equal(ST.cfg.init_args[3], "x=y");
	assert_int_equal(ST.cfg.nr_init_env, 2);
	assert_string_equal(ST.cfg.init_env[0], "HOME=/root");
	assert_string_equal(ST.cfg.init_env[1], "TERM=vt100");
	/* /proc/cmdline: every word but the "--" separator */
	assert_string_equal(ST.cfg.cmdline, "quiet single HOME=/root TERM=vt100 mem=64M -v mem=1G x=y");
	/* a word starting with '=' is an argument, not an environment entry */
	assert_int_equal(PARSE("=x"), 0);
	assert_int_equal(ST.cfg.nr_init_args, 1);
	assert_int_equal(ST.cfg.nr_init_env, 0);
}

static void too_many_words(void **state)
{
	const char *words[BOOT_MAX_INIT_ARGS + 2];
	int i;

	for (i = 0; i < BOOT_MAX_INIT_ARGS; i++)
		words[i] = "arg";
	words[i] = NULL;
	assert_int_equal(parse_words(words), 0);
	assert_int_equal(ST.cfg.nr_init_args, BOOT_MAX_INIT_ARGS);
	words[i] = "one-more";
	words[i + 1] = NULL;
	assert_int_equal(parse_words(words), -EINVAL);
	assert_non_null(strstr(ST.err, "too many arguments"));
	for (i = 0; i <= BOOT_MAX_INIT_ARGS; i++)
		words[i] = "A=1";
	words[i] = NULL;
	assert_int_equal(parse_words(words), -EINVAL);
	assert_non_null(strstr(ST.err, "too many environment"));
}

/* ---- consoles ------------------------------------------------------------ */

static void consoles(void **state)
{
	assert_int_equal(PARSE("con0=fd:0,fd:1"), 0);
	assert_string_equal(ST.cfg.con[0], "fd:0,fd:1");
	assert_int_equal(PARSE("con1=null", "con7=fd:3"), 0);
	assert_string_equal(ST.cfg.con[1], "null");
	assert_string_equal(ST.cfg.con[7], "fd:3");
	assert_null(ST.cfg.con[0]);
	assert_int_equal(PARSE("con=null"), 0);
	assert_string_equal(ST.cfg.con_all, "null");
	assert_int_equal(PARSE("con=fd:0,null"), 0);
}

static void consoles_rejected(void **state)
{
	assert_int_equal(PARSE("con0=bogus"), -EINVAL);
	assert_non_null(strstr(ST.err, "con0=bogus"));
	assert_non_null(strstr(ST.err, "unknown channel 'bogus'"));
	/* the message lists what exists */
	assert_non_null(strstr(ST.err, "fd"));
	assert_non_null(strstr(ST.err, "null"));
	/* the output half is checked too */
	assert_int_equal(PARSE("con0=fd:0,pty:1"), -EINVAL);
	assert_non_null(strstr(ST.err, "'pty'"));
	assert_int_equal(PARSE("con0="), -EINVAL);
	assert_int_equal(PARSE("con8=null"), -EINVAL);
	assert_non_null(strstr(ST.err, "con0 to con7"));
	assert_int_equal(PARSE("con01x=null"), -EINVAL);
	assert_int_equal(PARSE("con=bogus"), -EINVAL);
	assert_non_null(strstr(ST.err, "con=bogus"));
	/* "console=..." is not conN=: Linux's option goes to init's environment */
	assert_int_equal(PARSE("console=ttyS0"), 0);
	assert_int_equal(ST.cfg.nr_init_env, 1);
}

/* ---- the other options ---------------------------------------------------- */

static void host_mode(void **state)
{
	assert_int_equal(PARSE("mode=fake"), 0);
	assert_string_equal(ST.cfg.mode, "fake");
	assert_int_equal(PARSE("mode=auto"), 0);
	assert_string_equal(ST.cfg.mode, "auto");
	assert_int_equal(PARSE("mode=skas9"), -EINVAL);
	assert_non_null(strstr(ST.err, "mode=skas9"));
	assert_non_null(strstr(ST.err, "compiled in: auto, fake, fake-min\n"));
}

static void flags_and_numbers(void **state)
{
	assert_int_equal(PARSE("ro", "strace", "loglevel=7", "pin=3", "umid=vm1"), 0);
	assert_true(ST.cfg.ro);
	assert_true(ST.cfg.strace);
	assert_int_equal(ST.cfg.loglevel, 7);
	assert_int_equal(ST.cfg.cpu, 3);
	assert_string_equal(ST.cfg.umid, "vm1");
	assert_int_equal(PARSE("ro", "rw", "pin=off"), 0);
	assert_false(ST.cfg.ro);
	assert_int_equal(ST.cfg.cpu, -2);
	assert_int_equal(PARSE("pin=auto"), 0);
	assert_int_equal(ST.cfg.cpu, -1);
	assert_int_equal(PARSE("loglevel=16"), -EINVAL);
	assert_int_equal(PARSE("loglevel="), -EINVAL);
	assert_int_equal(PARSE("pin=-1"), -EINVAL);
	assert_int_equal(PARSE("pin=x"), -EINVAL);
	assert_int_equal(PARSE("umid=a/b"), -EINVAL);
	assert_int_equal(PARSE("umid="), -EINVAL);
	/* "quiet" is matched exactly; "quieter" is a word for init */
	assert_int_equal(PARSE("quieter"), 0);
	assert_false(ST.cfg.quiet);
	assert_int_equal(ST.cfg.nr_init_args, 1);
}

static void devices_not_built(void **state)
{
	assert_int_equal(PARSE("ubd0=disk.img"), -EINVAL);
	assert_non_null(strstr(ST.err, "no ubd devices"));
	assert_int_equal(PARSE("udb0=disk.img"), -EINVAL);
	assert_non_null(strstr(ST.err, "did you mean ubd"));
	assert_int_equal(PARSE("eth0=tuntap,tap0"), -EINVAL);
	assert_non_null(strstr(ST.err, "no eth devices"));
	assert_int_equal(PARSE("hostfs=/tmp"), -EINVAL);
	/* without '=' a device-like word is init's */
	assert_int_equal(PARSE("ubd"), 0);
	assert_int_equal(ST.cfg.nr_init_args, 1);
}

static void out_may_be_null(void **state)
{
	char *argv[] = { (char *)"linux", (char *)"mem=32M", NULL };

	assert_int_equal(boot_parse_cmdline(2, argv, NULL), 0);
	assert_int_equal(boot_config()->mem, 32ull << 20);
}

static const struct CMUnitTest cmdline_tests[] = {
	cmocka_unit_test(size_suffixes),
	cmocka_unit_test(size_malformed),
	cmocka_unit_test(defaults),
	cmocka_unit_test(help_returns_one),
	cmocka_unit_test(mem_sizes),
	cmocka_unit_test(mem_malformed),
	cmocka_unit_test(unknown_switches),
	cmocka_unit_test(init_paths),
	cmocka_unit_test(words_for_init),
	cmocka_unit_test(too_many_words),
	cmocka_unit_test(consoles),
	cmocka_unit_test(consoles_rejected),
	cmocka_unit_test(host_mode),
	cmocka_unit_test(flags_and_numbers),
	cmocka_unit_test(devices_not_built),
	cmocka_unit_test(out_may_be_null),
};

UNIT_SUITE(unit_suite_boot_cmdline, "core/boot/cmdline.c", cmdline_tests, NULL, NULL);
