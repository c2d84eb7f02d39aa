# SPDX-License-Identifier: GPL-2.0
"""Boot to a shell and use it: /proc, ps, pipes, exit statuses.

Driven through a pty (harness.Vm), as a user at a terminal would."""

import unittest

from harness import VmTestCase, note


class ShellTest(VmTestCase):

    def test_boot_to_prompt(self):
        """The VM boots to a shell prompt that runs a command."""
        vm = self.boot()
        note('boot to prompt: %.2f s' % vm.boot_time)
        self.assertEqual(vm.run('echo ok-$((40+2))'), 'ok-42')

    def test_proc_lists_pids_and_self(self):
        """ls /proc shows numeric pid directories, 1 among them, and self."""
        vm = self.boot()
        names = vm.run('ls -1 /proc').split()
        self.assertIn('self', names)
        self.assertIn('1', names)
        pids = [n for n in names if n.isdigit()]
        self.assertGreaterEqual(len(pids), 2, names)
        # /proc/self is whoever reads it; /proc/<pid> of the shell is the shell.
        self.assertRegex(vm.run('readlink /proc/self'), r'^\d+$')
        shell_pid = vm.run('echo $$')
        self.assertTrue(vm.run('cat /proc/%s/stat' % shell_pid).startswith(shell_pid + ' ('))

    def test_ps_lists_init_and_shell(self):
        """ps lists init as pid 1 and the interactive shell."""
        vm = self.boot()
        shell_pid = vm.run('echo $$')
        self.assertRegex(shell_pid, r'^\d+$')
        out = vm.run('ps')
        rows = {}
        for line in out.split('\n'):
            f = line.split(None, 2)
            if f and f[0].isdigit():
                rows[f[0]] = line
        self.assertIn('1', rows, out)
        self.assertIn('init', rows['1'])
        self.assertIn(shell_pid, rows, out)
        self.assertRegex(rows[shell_pid], r'\bsh\b')

    def test_pipeline(self):
        """echo hello | tr a-z A-Z prints HELLO."""
        vm = self.boot()
        self.assertEqual(vm.run('echo hello | tr a-z A-Z'), 'HELLO')

    def test_unknown_words_reach_init(self):
        """Words the kernel does not know go to init, as in Linux: name=value
        into its environment (inherited by the console shell)."""
        vm = self.boot(extra_args=['uml_e2e_marker=42'])
        self.assertEqual(vm.run('echo marker=$uml_e2e_marker'), 'marker=42')

    def test_exit_status(self):
        """The exit status of a child shell reaches $?."""
        vm = self.boot()
        self.assertEqual(vm.run("sh -c 'exit 3'; echo $?"), '3')
        self.assertEqual(vm.run('false; echo $?'), '1')
        self.assertEqual(vm.run('true; echo $?'), '0')


if __name__ == '__main__':
    unittest.main()
