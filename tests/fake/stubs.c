// SPDX-License-Identifier: GPL-2.0
/*
 * Stubs: definitions of symbols that the linked core files reference but
 * whose real home (core/boot/main.c, drivers/) the unit tests do not link.
 * Each does the least that keeps the callers honest; none is exercised as
 * behaviour under test.
 */
#include "boot.h"
#include "host_fake.h"

const char *const kernel_version_string = "Linux version " UTS_RELEASE " (uml unit tests)";

/* core/boot/main.c: panic() ends here. A panic fails the test that caused
 * it, unless the test expected it with expect_assert_failure(). */
__noreturn void kernel_halt(int status, const char *why)
{
	fake_halted(status, why);
}

/* drivers/mem.c, called by devtmpfs_init: the unit tests register no
 * memory devices. */
int mem_devices_init(void)
{
	return 0;
}
