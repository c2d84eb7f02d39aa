// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel command line, UML style: `./linux mem=128M init=/bin/sh`.
 * Each option is matched by exact name ("mem=" or a bare word) in one table
 * with its parser and help line (UML's __setup + __uml_help, side by side).
 * A known option with a bad value is an error naming it, printed before
 * anything on the host is touched. Words the kernel does not know go to init
 * as Linux does: "name=value" into its environment, other words into argv.
 */
#include <stdio.h>
#include <stdlib.h>

#include "boot.h"
#include "registry.h"

struct boot_option {
	const char *name;  /* "mem=" (takes a value) or "quiet" (a flag) */
	int (*parse)(struct boot_config *cfg, const char *val);
	const char *help;
};

static struct cmdline_state {
	struct boot_config cfg; /* boot-only */
} cmdline_state;

const struct boot_config *boot_config(void)
{
	return &cmdline_state.cfg;
}

int boot_parse_size(const char *s, u64 *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s < '0' || *s > '9')
		return -EINVAL;
	v = strtoull(s, &end, 0);
	switch (*end) {
	case 'k': case 'K':
		v <<= 10; end++;
		break;
	case 'm': case 'M':
		v <<= 20; end++;
		break;
	case 'g': case 'G':
		v <<= 30; end++;
		break;
	default:
		break;
	}
	if (*end)
		return -EINVAL;
	*out = v;
	return 0;
}

static int opt_mem(struct boot_config *cfg, const char *val)
{
	u64 v;

	if (boot_parse_size(val, &v)) {
		fprintf(stderr, "linux: mem=%s: not a size (use a number with K, M or G, e.g. mem=128M)\n", val);
		return -EINVAL;
	}
	if (v < (16ULL << 20)) {
		fprintf(stderr, "linux: mem=%s: too small, the kernel needs at least 16M\n", val);
		return -EINVAL;
	}
	if (v > (64ULL << 30)) {
		fprintf(stderr, "linux: mem=%s: too large (at most 64G)\n", val);
		return -EINVAL;
	}
	cfg->mem = ALIGN_UP(v, PAGE_SIZE);
	return 0;
}

static int opt_path(const char *opt, const char *val, const char **where)
{
	if (!*val) {
		fprintf(stderr, "linux: %s needs a value\n", opt);
		return -EINVAL;
	}
	*where = val;
	return 0;
}

static int opt_init(struct boot_config *cfg, const char *val)
{
	if (val[0] != '/') {
		fprintf(stderr, "linux: init=%s: must be an absolute path in the guest\n", val);
		return -EINVAL;
	}
	return opt_path("init=", val, &cfg->init);
}

static int opt_rdinit(struct boot_config *cfg, const char *val)
{
	if (val[0] != '/') {
		fprintf(stderr, "linux: rdinit=%s: must be an absolute path in the guest\n", val);
		return -EINVAL;
	}
	return opt_path("rdinit=", val, &cfg->rdinit);
}

static int opt_root(struct boot_config *cfg, const char *val)
{
	return opt_path("root=", val, &cfg->root);
}

static int opt_initrd(struct boot_config *cfg, const char *val)
{
	return opt_path("initrd=", val, &cfg->initrd);
}

static int opt_mode(struct boot_config *cfg, const char *val)
{
	int i;

	if (strcmp(val, "auto") == 0) {
		cfg->mode = val;
		return 0;
	}
	for (i = 0; registry_host[i]; i++) {
		if (strcmp(registry_host[i]->name, val) == 0) {
			cfg->mode = val;
			return 0;
		}
	}
	fprintf(stderr, "linux: mode=%s: unknown host mode; compiled in: auto", val);
	for (i = 0; registry_host[i]; i++)
		fprintf(stderr, ", %s", registry_host[i]->name);
	fprintf(stderr, "\n");
	return -EINVAL;
}

static int opt_umid(struct boot_config *cfg, const char *val)
{
	size_t i;

	if (!*val || strlen(val) > 64) {
		fprintf(stderr, "linux: umid=%s: must be 1 to 64 characters\n", val);
		return -EINVAL;
	}
	for (i = 0; val[i]; i++) {
		if (val[i] == '/') {
			fprintf(stderr, "linux: umid=%s: may not contain '/'\n", val);
			return -EINVAL;
		}
	}
	cfg->umid = val;
	return 0;
}

static int opt_quiet(struct boot_config *cfg, const char *val)
{
	cfg->quiet = true;
	return 0;
}

static int opt_strace(struct boot_config *cfg, const char *val)
{
	cfg->strace = true;
	return 0;
}

static int opt_ro(struct boot_config *cfg, const char *val)
{
	cfg->ro = true;
	return 0;
}

static int opt_rw(struct boot_config *cfg, const char *val)
{
	cfg->ro = false;
	return 0;
}

static int opt_loglevel(struct boot_config *cfg, const char *val)
{
	char *end;
	long v = strtol(val, &end, 10);

	if (!*val || *end || v < 0 || v > 15) {
		fprintf(stderr, "linux: loglevel=%s: must be a number from 0 to 15\n", val);
		return -EINVAL;
	}
	cfg->loglevel = (int)v;
	return 0;
}

static int opt_pin(struct boot_config *cfg, const char *val)
{
	char *end;
	long v;

	if (strcmp(val, "off") == 0) {
		cfg->cpu = -2;
		return 0;
	}
	if (strcmp(val, "auto") == 0) {
		cfg->cpu = -1;
		return 0;
	}
	v = strtol(val, &end, 10);
	if (!*val || *end || v < 0 || v > 4095) {
		fprintf(stderr, "linux: pin=%s: use auto, off or a CPU number\n", val);
		return -EINVAL;
	}
	cfg->cpu = (int)v;
	return 0;
}

/* con=SPEC or conN=SPEC: channel specs are checked against the registry. */
static int check_chan_spec(const char *opt, const char *spec)
{
	char name[32];
	const char *p = spec;
	int half, i;

	if (!*spec) {
		fprintf(stderr, "linux: %s needs a channel (e.g. fd:0,fd:1 or null)\n", opt);
		return -EINVAL;
	}
	for (half = 0; half < 2 && *p; half++) {
		size_t n = strcspn(p, ":,");

		if (n >= sizeof(name)) n = sizeof(name) - 1;
		memcpy(name, p, n);
		name[n] = 0;
		for (i = 0; registry_chan[i]; i++)
			if (strcmp(registry_chan[i]->name, name) == 0)
				break;
		if (!registry_chan[i]) {
			fprintf(stderr, "linux: %s%s: unknown channel '%s'; available:", opt, spec, name);
			for (i = 0; registry_chan[i]; i++)
				fprintf(stderr, " %s", registry_chan[i]->name);
			fprintf(stderr, "\n");
			return -EINVAL;
		}
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return 0;
}

static int opt_con(struct boot_config *cfg, const char *val)
{
	if (check_chan_spec("con=", val))
		return -EINVAL;
	cfg->con_all = val;
	return 0;
}

static int opt_unsupported(struct boot_config *cfg, const char *val)
{
	return -ENOSYS; /* reported by the caller, which knows the word */
}

static const struct boot_option boot_options[] = {
	{ "mem=", opt_mem, "mem=<size>[K|M|G]  guest RAM (default 128M)" },
	{ "init=", opt_init, "init=<path>  program to run as init (default: /init of the\n"
			     "               initramfs, else /sbin/init, /etc/init, /bin/init, /bin/sh)" },
	{ "rdinit=", opt_rdinit, "rdinit=<path>  init in the initramfs (default /init)" },
	{ "root=", opt_root, "root=<dev>  root device (recorded; disks come with ubd)" },
	{ "initrd=", opt_initrd, "initrd=<file>  boot this cpio (optionally gzip'd) archive instead of\n"
				 "               the built-in busybox root" },
	{ "mode=", opt_mode, "mode=auto|skas0|skas3|skeleton  host mechanism (default: auto, the best\n"
			     "               the host supports)" },
	{ "umid=", opt_umid, "umid=<name>  name of this VM (for uml_mconsole)" },
	{ "con=", opt_con, "con=<chan>[,<chan>]  channel for every console (fd:N, null)" },
	{ "quiet", opt_quiet, "quiet  only print kernel errors" },
	{ "strace", opt_strace, "strace  log every guest system call to the console (debugging)" },
	{ "ro", opt_ro, "ro  mount the root read-only" },
	{ "rw", opt_rw, "rw  mount the root read-write (default)" },
	{ "loglevel=", opt_loglevel, "loglevel=<0-15>  console log level" },
	{ "pin=", opt_pin, "pin=auto|off|<cpu>  pin the VM to one host CPU (default auto)" },
	{ "ubd", opt_unsupported, NULL },
	{ "udb", opt_unsupported, NULL },
	{ "eth", opt_unsupported, NULL },
	{ "vec", opt_unsupported, NULL },
	{ "ssl", opt_unsupported, NULL },
	{ "hostfs=", opt_unsupported, NULL },
	{ "mconsole=", opt_unsupported, NULL },
};

static void boot_usage(void)
{
	size_t i;

	printf("usage: linux [option...] [init arguments...]\n\n"
	       "Boot a Linux-compatible virtual machine in this process. With no\n"
	       "initrd= it boots the built-in busybox root filesystem to a shell on\n"
	       "this terminal. Options:\n");
	for (i = 0; i < ARRAY_SIZE(boot_options); i++)
		if (boot_options[i].help)
			printf("  %s\n", boot_options[i].help);
	printf("  con<n>=<chan>[,<chan>]  channel for console n: fd:<host fd> or null\n"
	       "               (default con0=fd:0,fd:1)\n"
	       "  --help, --version\n\n"
	       "Other words go to init: name=value into its environment, the rest into\n"
	       "its arguments. See docs/command-line.md.\n");
}

/* Is word an option of ours? Returns its table entry and the value. */
static const struct boot_option *boot_match(const char *word, const char **val)
{
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(boot_options); i++) {
		const char *name = boot_options[i].name;

		n = strlen(name);
		if (name[n - 1] == '=') {
			if (strncmp(word, name, n) == 0) {
				*val = word + n;
				return &boot_options[i];
			}
		} else if (boot_options[i].parse == opt_unsupported) {
			/* device families: ubd0=, ubdb=, eth0=, ssl1= ... */
			if (strncmp(word, name, n) == 0 && strchr(word, '=')) {
				*val = strchr(word, '=') + 1;
				return &boot_options[i];
			}
		} else if (strcmp(word, name) == 0) {
			*val = "";
			return &boot_options[i];
		}
	}
	return NULL;
}

static int boot_con_n(struct boot_config *cfg, const char *word)
{
	char *end;
	long n = strtol(word + 3, &end, 10);
	char opt[16];

	if (end == word + 3 || *end != '=' || n < 0 || n >= BOOT_MAX_CONSOLES) {
		fprintf(stderr, "linux: %s: consoles are con0 to con%d\n", word, BOOT_MAX_CONSOLES - 1);
		return -EINVAL;
	}
	snprintf(opt, sizeof(opt), "con%ld=", n);
	if (check_chan_spec(opt, end + 1))
		return -EINVAL;
	cfg->con[n] = end + 1;
	return 0;
}

static void boot_record(struct boot_config *cfg, const char *word)
{
	size_t off = strlen(cfg->cmdline);

	snprintf(cfg->cmdline + off, sizeof(cfg->cmdline) - off, "%s%s", off ? " " : "", word);
}

int boot_parse_cmdline(int argc, char **argv, struct boot_config *out)
{
	struct boot_config *cfg = &cmdline_state.cfg;
	bool to_init = false;
	int i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->mem = 128ULL << 20;
	cfg->rdinit = "/init";
	cfg->mode = "auto";
	cfg->loglevel = -1;
	cfg->cpu = -1;
	for (i = 1; i < argc; i++) {
		const char *w = argv[i], *val;
		const struct boot_option *o;

		if (!to_init && (strcmp(w, "--help") == 0 || strcmp(w, "-h") == 0)) {
			boot_usage();
			return 1;
		}
		if (!to_init && strcmp(w, "--version") == 0) {
			printf("%s\n", kernel_version_string);
			return 1;
		}
		if (!to_init && strcmp(w, "--") == 0) {
			to_init = true; /* everything after -- is init's (Linux) */
			continue;
		}
		if (!to_init && w[0] == '-') {
			fprintf(stderr, "linux: unknown switch '%s' (try --help)\n", w);
			return -EINVAL;
		}
		boot_record(cfg, w);
		if (!to_init && strncmp(w, "con", 3) == 0 && w[3] >= '0' && w[3] <= '9') {
			if (boot_con_n(cfg, w))
				return -EINVAL;
			continue;
		}
		o = to_init ? NULL : boot_match(w, &val);
		if (o) {
			if (o->parse == opt_unsupported) {
				if (strncmp(w, "udb", 3) == 0)
					fprintf(stderr, "linux: '%s': did you mean ubd? (block devices are not in this build yet)\n", w);
				else
					fprintf(stderr, "linux: '%s': this build has no %.*s devices yet\n", w,
						(int)strcspn(w, "0123456789="), w);
				return -EINVAL;
			}
			if (o->parse(cfg, val))
				return -EINVAL;
			continue;
		}
		if (!to_init && strchr(w, '=') && w[0] != '=') {
			if (cfg->nr_init_env >= BOOT_MAX_INIT_ARGS) {
				fprintf(stderr, "linux: too many environment words for init (max %d)\n", BOOT_MAX_INIT_ARGS);
				return -EINVAL;
			}
			cfg->init_env[cfg->nr_init_env++] = w;
		} else {
			if (cfg->nr_init_args >= BOOT_MAX_INIT_ARGS) {
				fprintf(stderr, "linux: too many arguments for init (max %d)\n", BOOT_MAX_INIT_ARGS);
				return -EINVAL;
			}
			cfg->init_args[cfg->nr_init_args++] = w;
		}
	}
	if (out)
		*out = *cfg;
	return 0;
}
