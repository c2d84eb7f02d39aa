/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench.h: the harness every micro-benchmark in bench/ links against (bench.c).
 *
 * A benchmark is one static program that fills in a struct bench and calls
 * bench_main(). The harness
 *   1. calibrates: doubles the iteration count until one repetition takes a
 *      tenth of the target time, then scales it to the target (this is also
 *      the warm-up: caches, page tables and the host's own paths are hot);
 *   2. runs one more warm-up repetition at the chosen count;
 *   3. runs `reps` timed repetitions (CLOCK_MONOTONIC around each) and
 *      prints the median as the only line on stdout:
 *
 *          BENCH <name> <ns_per_op> <ops_per_repetition>
 *
 * Errors go to stderr and make the program exit 1 with nothing on stdout.
 *
 * Options every benchmark takes:
 *   -t SECONDS  target time of one repetition (default 0.2; five of them plus
 *               the calibration make a run of about 1-2 s)
 *   -n ITERS    skip calibration, use exactly ITERS iterations
 *   -r REPS     repetitions (default 5, odd numbers give a true median)
 *   -v          print every repetition to stderr
 * A benchmark may take more options of its own; see its opts field.
 */
#ifndef BENCH_H
#define BENCH_H

#define _GNU_SOURCE
#include <stdint.h>

struct bench {
	const char *name;        /* what the BENCH line calls it */
	/* Operations one iteration counts for: 1 for most, 16384 for the
	 * 64 MiB touch (one iteration = one mapping = 16384 pages). */
	long ops_per_iter;
	/* Called once before calibration (may start helper processes);
	 * 0 or a negative errno. Optional. */
	int (*setup)(void);
	/* Run n iterations; 0 or a negative errno. Required. The harness times
	 * the whole call; time the benchmark wants left out (unmapping the
	 * previous mapping, say) it adds to *untimed_ns. */
	int (*run)(long n, uint64_t *untimed_ns);
	/* Called once at the end, also after a failure. Optional. */
	void (*teardown)(void);
	/* Extra getopt letters of this benchmark (e.g. "c:"), handed to opt(). */
	const char *opts;
	int (*opt)(int c, const char *arg);
};

/* Parse options, calibrate, measure, print. Returns the exit status. */
int bench_main(const struct bench *b, int argc, char **argv);

/* Monotonic time in nanoseconds. */
uint64_t bench_now_ns(void);

/* Report a failed host call (prefix: the benchmark name) and return -errno. */
int bench_fail(const char *what);

#endif /* BENCH_H */
