# SPDX-License-Identifier: GPL-2.0
"""The console as a terminal: raw-mode programs (vi), canonical line editing,
window size and SIGWINCH, and what poweroff/halt leave on the host terminal.

con0 is the host's stdin/stdout; the host pty's settings must be what they
were before the kernel started once it has exited."""

import time
import unittest

from harness import VmTestCase, CMD_TIMEOUT, note


def check_canonical(test, vm):
    """The console is in canonical mode with echo: the line discipline
    applies erase (^?) and kill (^U) before `read` sees the line."""
    flags = vm.run('stty -a').split()
    test.assertIn('icanon', flags)
    test.assertIn('echo', flags)
    test.assertIn('isig', flags)
    vm.sendline('echo READ-$((1+1)); read v; echo "[$v]"')
    vm.expect(r'\nREAD-2')
    time.sleep(0.5)                     # the shell is in read(2) now
    vm.send('abc\x7fd\r')               # DEL erases the c
    vm.expect(r'\[abd\]')
    vm.wait_prompt()
    vm.sendline('echo READ-$((2+1)); read v; echo "[$v]"')
    vm.expect(r'\nREAD-3')
    time.sleep(0.5)
    vm.send('xyz\x15ok\r')              # ^U kills the whole line
    vm.expect(r'\[ok\]')
    vm.wait_prompt()


class TtyTest(VmTestCase):

    def test_canonical_line_editing(self):
        """read gets lines edited by the line discipline; cat ends on ^D."""
        vm = self.boot()
        check_canonical(self, vm)
        vm.sendline('cat')
        vm.expect(r'cat\r?\n')
        time.sleep(0.5)
        vm.send('line-one\r')
        # The tty echoes the line, then cat writes it back.
        vm.expect(r'line-one\r?\nline-one\r?\n')
        vm.ctrl('d')
        vm.wait_prompt()
        self.assertEqual(vm.run('echo $?'), '0')

    def test_vi_raw_mode_then_canonical_again(self):
        """vi (raw mode) edits and saves a file; afterwards the console is
        back in canonical mode."""
        vm = self.boot()
        vm.sendline('vi /tmp/e2e-vi')
        vm.expect(r'vi /tmp/e2e-vi\r?\n')
        vm.expect(r'~')                 # vi drew its empty-line markers
        time.sleep(0.5)
        vm.send('ihello')
        time.sleep(0.3)
        vm.send('\x1b')                 # ESC alone, then the ex command
        time.sleep(0.5)
        vm.send(':wq\r')
        vm.wait_prompt()
        self.assertEqual(vm.run('cat /tmp/e2e-vi'), 'hello')
        check_canonical(self, vm)

    def test_window_size_and_sigwinch(self):
        """stty size shows the host terminal's size; a resize reaches the
        guest (new size, SIGWINCH to the foreground process group)."""
        vm = self.boot(rows=40, cols=120)
        self.assertEqual(vm.run('stty size'), '40 120')
        vm.setwinsize(30, 100)
        # The kernel learns the new size asynchronously (host SIGWINCH);
        # poll briefly rather than race it.
        deadline = time.time() + CMD_TIMEOUT
        size = vm.run('stty size')
        while size != '30 100' and time.time() < deadline:
            time.sleep(0.5)
            size = vm.run('stty size')
        self.assertEqual(size, '30 100')
        # A foreground program sees SIGWINCH and the new size in its handler.
        vm.sendline("sh -c 'trap \"stty size; echo WINCH\" WINCH; "
                    "echo READY-$((1+1)); while :; do sleep 1; done'")
        vm.expect(r'\nREADY-2')
        time.sleep(0.5)
        vm.setwinsize(25, 90)
        vm.expect(r'25 90\r?\nWINCH')
        vm.ctrl('c')
        vm.wait_prompt()
        self.assertEqual(vm.run('stty size'), '25 90')

    def _shutdown(self, cmd):
        vm = self.boot(wrap_stty=True)
        status = vm.poweroff(cmd)
        note('%s: kernel exit status %s' % (cmd, status))
        self.assertEqual(status, 0, '%s: exit status' % cmd)
        before, after = vm.stty_before_after()
        self.assertIsNotNone(before, 'no host stty before boot')
        self.assertIsNotNone(after, 'no host stty after exit')
        self.assertEqual(after, before, 'host terminal settings not restored')
        self.assertNoLeftovers(vm)

    def test_poweroff_exits_zero_and_restores_terminal(self):
        """poweroff: the kernel exits 0, the host terminal is as before."""
        self._shutdown('poweroff')

    def test_halt_exits_zero_and_restores_terminal(self):
        """halt: the kernel exits 0, the host terminal is as before."""
        self._shutdown('halt')


if __name__ == '__main__':
    unittest.main()
