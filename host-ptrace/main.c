// SPDX-License-Identifier: GPL-2.0
/* The host process's entry point: everything else is the kernel's. */
#include "boot.h"

int main(int argc, char **argv)
{
	return kernel_main(argc, argv);
}
