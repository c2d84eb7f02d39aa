# SPDX-License-Identifier: GPL-2.0
"""Job control from the console: ^C, ^\\, ^Z, jobs, fg, background jobs.

The line discipline of con0 turns ^C/^\\/^Z into SIGINT/SIGQUIT/SIGTSTP for
the foreground process group; the shell reports what happened."""

import time
import unittest

from harness import VmTestCase, CMD_TIMEOUT

# A foreground command that announces it has started, so that the control
# character is typed while it runs (not while the shell is still forking).
# The marker is computed so that the echo of the command line never matches.
STARTED = 'RUNNING-42'
SLEEP_CMD = 'echo RUNNING-$((6*7)); sleep 100'
# "Quickly": well under the 100 s the command would otherwise take.
QUICK = CMD_TIMEOUT


class JobControlTest(VmTestCase):

    def start_sleep(self, vm):
        vm.sendline(SLEEP_CMD)
        vm.expect(r'\n' + STARTED)
        time.sleep(0.5)     # let the shell exec sleep after echo

    def test_ctrl_c_interrupts_foreground(self):
        """^C ends `sleep 100` at once; $? is 130 (128 + SIGINT)."""
        vm = self.boot()
        self.start_sleep(vm)
        vm.ctrl('c')
        vm.wait_prompt(timeout=QUICK)
        self.assertEqual(vm.run('echo $?'), '130')
        self.assertEqual(vm.run('echo still-$((1+1))'), 'still-2')

    def test_ctrl_backslash_quits_foreground(self):
        """^\\ sends SIGQUIT: $? is 131."""
        vm = self.boot()
        self.start_sleep(vm)
        vm.ctrl('\\')
        vm.wait_prompt(timeout=QUICK)
        self.assertEqual(vm.run('echo $?'), '131')

    def test_ctrl_z_stops_then_fg_resumes(self):
        """^Z stops sleep (shell says Stopped), jobs lists it, fg resumes it,
        ^C then ends it."""
        vm = self.boot()
        self.start_sleep(vm)
        vm.ctrl('z')
        out = vm.wait_prompt(timeout=QUICK)
        self.assertIn('Stopped', out)
        jobs = vm.run('jobs')
        self.assertRegex(jobs, r'\[1\]\+? +Stopped +sleep 100')
        # The stopped job is really stopped (T state) in the guest.
        self.assertRegex(vm.run("ps -o stat,args | grep '[s]leep 100'"), r'^T')
        vm.sendline('fg')
        vm.expect(r'\nsleep 100')      # fg names the job it resumes
        time.sleep(0.5)
        vm.ctrl('c')
        vm.wait_prompt(timeout=QUICK)
        self.assertEqual(vm.run('echo $?'), '130')
        self.assertEqual(vm.run('jobs'), '')

    def test_background_job_wait_and_jobs(self):
        """sleep 1 & runs in the background; jobs shows it; wait returns
        when it is done and jobs is then empty."""
        vm = self.boot()
        vm.run('sleep 1 &')
        self.assertRegex(vm.run('echo $!'), r'^\d+$')
        self.assertRegex(vm.run('jobs'), r'\[1\]\+? +Running +sleep 1')
        vm.run('wait', timeout=CMD_TIMEOUT)
        self.assertEqual(vm.run('echo $?'), '0')
        self.assertNotIn('Running', vm.run('jobs'))
        self.assertEqual(vm.run('jobs'), '')

    def test_background_output_appears(self):
        """Output of a background subshell reaches the console."""
        vm = self.boot()
        out = vm.run('(sleep 0.2; echo bg-$((2*3))-done) &')
        # It normally prints after the prompt came back; wait for it.
        if 'bg-6-done' not in out:
            vm.expect(r'bg-6-done', timeout=CMD_TIMEOUT)
        vm.run('wait')
        self.assertEqual(vm.run('echo after-$((1+2))'), 'after-3')


if __name__ == '__main__':
    unittest.main()
