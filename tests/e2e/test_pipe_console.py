# SPDX-License-Identifier: GPL-2.0
"""The console on pipes and files: `printf ... | ./linux`, ./linux < file,
./linux < /dev/null. When the console input ends, the shell reads EOF and
exits, and the default init powers the VM off (exit status 0).

Real UML differs in two ways, so those tests are skipped for linux.uml:
its console drops input that arrives before the shell reads it, and its fd
channel registers the console fds with epoll, which refuses /dev/null and
regular files (EPERM), so such a VM never sees its input or EOF."""

import os
import tempfile
import unittest

from harness import VmTestCase, skip_on_real_uml, FIRST_PROMPT

TYPEAHEAD = 'UML drops console input that arrives before the shell reads it'
EPOLL = 'UML epolls the console fds; epoll refuses /dev/null and regular files'


class PipeConsoleTest(VmTestCase):

    def test_pipe_paced_input(self):
        """Commands written to a stdin pipe one at a time, each after the
        prompt: HELLO is printed and poweroff + end of input exit 0."""
        vm = self.pipe_vm()
        vm.expect_prompt()
        vm.write('echo hello | tr a-z A-Z\n')
        vm.expect(r'(?m)^HELLO$')
        vm.expect(FIRST_PROMPT)
        vm.write('poweroff\n')
        vm.close_stdin()
        self.assertEqual(vm.wait_exit(), 0)
        self.assertNoLeftovers(vm)

    @skip_on_real_uml(TYPEAHEAD)
    def test_printf_pipe(self):
        """printf 'echo hello | tr a-z A-Z\\npoweroff\\n' | ./linux prints
        HELLO and exits 0."""
        vm = self.pipe_vm()
        vm.write('echo hello | tr a-z A-Z\npoweroff\n')
        vm.close_stdin()
        self.assertEqual(vm.wait_exit(), 0)
        self.assertRegex(vm.stdout, r'(?m)^HELLO$')
        self.assertNoLeftovers(vm)

    @skip_on_real_uml(TYPEAHEAD)
    def test_typeahead_is_kept(self):
        """Several commands, all written before the shell reads any, all run
        in order."""
        vm = self.pipe_vm()
        vm.write('echo one-$((1+1))\necho two-$((2+1))\n'
                 'cd /tmp; echo three-$((3+1)) > f; cat f\n'
                 "sh -c 'exit 7'; echo status-$?\n")
        vm.close_stdin()
        self.assertEqual(vm.wait_exit(), 0)
        self.assertRegex(vm.stdout, r'(?ms)^one-2$.*^two-3$.*^three-4$.*^status-7$')
        self.assertNoLeftovers(vm)

    @skip_on_real_uml(EPOLL)
    def test_stdin_dev_null(self):
        """./linux < /dev/null: the shell gets EOF at once, the VM powers
        off and the kernel exits 0."""
        with open(os.devnull, 'rb') as null:
            vm = self.pipe_vm(stdin=null)
            self.assertEqual(vm.wait_exit(), 0)
        self.assertNoLeftovers(vm)

    @skip_on_real_uml(EPOLL)
    def test_stdin_regular_file(self):
        """./linux < commands-file runs the file and powers off at its end."""
        with tempfile.TemporaryFile() as f:
            f.write(b'echo from-file-$((5*5))\nls /proc | grep -c self\n')
            f.seek(0)
            vm = self.pipe_vm(stdin=f)
            self.assertEqual(vm.wait_exit(), 0)
        self.assertRegex(vm.stdout, r'(?m)^from-file-25$')
        self.assertNoLeftovers(vm)

    @skip_on_real_uml(EPOLL)
    def test_stdout_regular_file(self):
        """./linux < file > out: the console output lands in the file."""
        with tempfile.TemporaryFile() as cmds, tempfile.TemporaryFile() as out:
            cmds.write(b'echo to-file-$((6*6))\n')
            cmds.seek(0)
            vm = self.pipe_vm(stdin=cmds, stdout=out)
            self.assertEqual(vm.wait_exit(), 0)
            out.seek(0)
            text = out.read().decode(errors='replace').replace('\r', '')
        self.assertRegex(text, r'(?m)^to-file-36$')
        self.assertNoLeftovers(vm)


if __name__ == '__main__':
    unittest.main()
