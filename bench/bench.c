/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench.c: calibration, warm-up, repetitions and the BENCH line (see bench.h).
 */
#include "bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_MAX_REPS 101

static const char *bench_name = "bench";

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int bench_fail(const char *what)
{
	int err = errno ? errno : EIO;

	fprintf(stderr, "%s: %s: %s\n", bench_name, what, strerror(err));
	return -err;
}

/* One repetition of n iterations: its duration minus what run() set aside. */
static int bench_timed(const struct bench *b, long n, uint64_t *ns)
{
	uint64_t untimed = 0, t0, t1;
	int err;

	t0 = bench_now_ns();
	err = b->run(n, &untimed);
	t1 = bench_now_ns();
	*ns = t1 - t0 > untimed ? t1 - t0 - untimed : 1;
	return err;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void bench_usage(const struct bench *b)
{
	fprintf(stderr, "usage: %s [-t SECONDS] [-n ITERS] [-r REPS] [-v]%s%s\n"
		"prints: BENCH %s <ns_per_op> <ops_per_repetition>\n",
		b->name, b->opts ? " [own options: " : "", b->opts ? "see source]" : "",
		b->name);
}

int bench_main(const struct bench *b, int argc, char **argv)
{
	double target_ns = 0.2e9, per_op[BENCH_MAX_REPS];
	long n = 0, reps = 5, r;
	int verbose = 0, c, err, warmed = 0;
	char optstr[64];
	uint64_t ns;

	bench_name = b->name;
	snprintf(optstr, sizeof(optstr), "t:n:r:vh%s", b->opts ? b->opts : "");
	while ((c = getopt(argc, argv, optstr)) != -1) {
		switch (c) {
		case 't': target_ns = atof(optarg) * 1e9; break;
		case 'n': n = atol(optarg); break;
		case 'r': reps = atol(optarg); break;
		case 'v': verbose = 1; break;
		case 'h': bench_usage(b); return 0;
		case '?': bench_usage(b); return 2;
		default:
			if (!b->opt || b->opt(c, optarg)) {
				bench_usage(b);
				return 2;
			}
		}
	}
	bench_name = b->name; /* an option may have renamed the benchmark */
	if (target_ns <= 0 || reps < 1 || reps > BENCH_MAX_REPS || n < 0) {
		bench_usage(b);
		return 2;
	}

	if (b->setup && (err = b->setup())) {
		fprintf(stderr, "%s: setup failed: %s\n", b->name, strerror(-err));
		goto out_fail;
	}

	/* Calibrate (this is the warm-up too): grow n until a repetition takes a
	 * tenth of the target, then scale to the target. */
	if (!n) {
		long k = 1;

		for (;;) {
			err = bench_timed(b, k, &ns);
			if (err)
				goto out_err;
			if (ns >= target_ns / 10 || k >= (1L << 40))
				break;
			k *= ns < target_ns / 1000 ? 10 : 2;
		}
		n = (long)((double)k * target_ns / (double)ns);
		if (n < 1)
			n = 1;
		/* A calibration step at least as long as a repetition has warmed
		 * up as well as a repetition would. */
		warmed = k >= n;
		if (verbose)
			fprintf(stderr, "%s: calibrated %ld iterations (%ld took %.3f ms)\n",
				b->name, n, k, ns / 1e6);
	}
	if (!warmed) {
		err = bench_timed(b, n, &ns);
		if (err)
			goto out_err;
	}

	for (r = 0; r < reps; r++) {
		err = bench_timed(b, n, &ns);
		if (err)
			goto out_err;
		per_op[r] = (double)ns / ((double)n * (double)b->ops_per_iter);
		if (verbose)
			fprintf(stderr, "%s: repetition %ld: %.1f ns/op\n", b->name, r + 1, per_op[r]);
	}
	qsort(per_op, (size_t)reps, sizeof(per_op[0]), cmp_double);
	if (b->teardown)
		b->teardown();
	printf("BENCH %s %.1f %ld\n", b->name, per_op[reps / 2], n * b->ops_per_iter);
	fflush(stdout);
	return 0;

out_err:
	fprintf(stderr, "%s: run failed: %s\n", b->name, strerror(-err));
out_fail:
	if (b->teardown)
		b->teardown();
	return 1;
}
