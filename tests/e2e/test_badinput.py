# SPDX-License-Identifier: GPL-2.0
"""Bad command lines: each malformed or unknown option is a clear error that
names the option, exits non-zero and boots nothing; --help prints usage and
exits 0. None of these runs may create a file in the working directory,
$HOME or $TMPDIR (umid= allows ~/.uml/<umid>/ only for a VM that boots).

Real UML boots through most of these (it ignores or passes on what it does
not know), so only --help runs against linux.uml."""

import gzip
import io
import os
import tempfile
import unittest

from harness import PipeVm, skip_on_real_uml, SCALE

# A refusal happens before boot: it is quick even on a loaded machine.
REFUSE_TIMEOUT = 15 * SCALE
UML_BOOTS = 'linux.uml accepts or ignores these and boots'


def newc_cpio(entries):
    """A newc cpio archive of (name, mode, data) entries plus the trailer."""
    out = io.BytesIO()
    for ino, (name, mode, data) in enumerate(entries + [('TRAILER!!!', 0, b'')], 1):
        nm = name.encode() + b'\0'
        hdr = '070701' + ''.join('%08X' % v for v in (
            ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(nm), 0))
        out.write(hdr.encode() + nm)
        out.write(b'\0' * (-(110 + len(nm)) % 4))
        out.write(data)
        out.write(b'\0' * (-len(data) % 4))
    return out.getvalue()


class BadInputTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix='e2e-badinput-')
        self.addCleanup(self.tmp.cleanup)
        top = self.tmp.name
        self.files = os.path.join(top, 'files')      # inputs we make
        self.cwd = os.path.join(top, 'cwd')          # must stay empty
        self.home = os.path.join(top, 'home')
        self.tmpdir = os.path.join(top, 'tmp')
        for d in (self.files, self.cwd, self.home, self.tmpdir):
            os.mkdir(d)
        self._runs = []

    def file(self, name, data):
        path = os.path.join(self.files, name)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    def launch(self, args):
        """Run the kernel with exactly the given options (no UML_E2E_ARGS:
        they would be bad input for our kernel or hide the one under test)
        and return (status, stdout+stderr)."""
        env = dict(os.environ, HOME=self.home, TMPDIR=self.tmpdir)
        with open(os.devnull, 'rb') as null:
            vm = PipeVm(args, stdin=null, env=env, cwd=self.cwd, exact_args=True,
                        name='%s-%d' % (self.id(), len(self._runs)))
        self._runs.append(vm)
        self.addCleanup(vm.close)
        status = vm.wait_exit(REFUSE_TIMEOUT, what='%s: still running (booting?)'
                              % ' '.join(args))
        return status, vm.stdout + vm.stderr

    def assertUntouched(self, what):
        for d, name in ((self.cwd, 'working directory'), (self.home, '$HOME'),
                        (self.tmpdir, '$TMPDIR')):
            left = sorted(os.listdir(d))
            self.assertEqual(left, [], '%s: created in the %s: %s' % (what, name, left))

    def assertRefused(self, args, *names):
        """The kernel exits non-zero, quickly, with a message naming every
        string in names, and touches no file."""
        what = ' '.join(args)
        status, out = self.launch(args)
        self.assertGreater(status, 0, '%s: exit status %d (0 or killed by a '
                           'signal); output: %s' % (what, status, out[-800:]))
        self.assertTrue(out.strip(), '%s: refused without a message' % what)
        for n in names:
            self.assertIn(n, out, '%s: the message does not name %r: %s'
                          % (what, n, out[-800:]))
        self.assertUntouched(what)

    def test_help(self):
        """--help prints the usage (naming options such as mem= and ubd) and
        exits 0."""
        status, out = self.launch(['--help'])
        self.assertEqual(status, 0, out[-800:])
        self.assertIn('mem=', out)
        self.assertIn('ubd', out)
        self.assertUntouched('--help')

    @skip_on_real_uml(UML_BOOTS)
    def test_bad_mem(self):
        """mem= with a bad size or none at all."""
        for value in ('12Q', '', 'abc', '-64M', '64MM', '99999999999999999999G'):
            with self.subTest(mem=value):
                self.assertRefused(['mem=' + value], 'mem', *([value] if value else []))

    @skip_on_real_uml(UML_BOOTS)
    def test_bad_mode(self):
        """mode= naming no host backend."""
        self.assertRefused(['mode=nonsense'], 'mode', 'nonsense')

    @skip_on_real_uml(UML_BOOTS)
    def test_missing_initrd(self):
        """initrd= naming a file that does not exist."""
        self.assertRefused(['initrd=/nonexistent-e2e/root.cpio.gz'],
                           '/nonexistent-e2e/root.cpio.gz')

    @skip_on_real_uml(UML_BOOTS)
    def test_corrupt_initrd(self):
        """initrd= of random bytes, or of a gzip'd cpio cut in half."""
        garbage = self.file('garbage.img', os.urandom(64 * 1024))
        with self.subTest(initrd='random bytes'):
            self.assertRefused(['initrd=' + garbage], 'initrd')
        cpio = newc_cpio([('init', 0o100755, b'#!/bin/sh\necho hi\n' * 4096),
                          ('etc', 0o040755, b'')])
        gz = gzip.compress(cpio)
        cut = self.file('truncated.cpio.gz', gz[:len(gz) // 2])
        with self.subTest(initrd='truncated gzip'):
            self.assertRefused(['initrd=' + cut], 'initrd')
        empty = self.file('empty.img', b'')
        with self.subTest(initrd='empty file'):
            self.assertRefused(['initrd=' + empty], 'initrd')

    @skip_on_real_uml(UML_BOOTS)
    def test_bad_ubd(self):
        """ubd options that cannot be honoured: no file, a missing file, an
        unknown flag, a non-COW flag with a backing file."""
        disk = self.file('disk.img', b'\0' * (1 << 20))
        base = self.file('base.img', b'\0' * (1 << 20))
        cases = [
            (['ubda='], ['ubda']),
            (['ubda=/nonexistent-e2e/disk.img'], ['/nonexistent-e2e/disk.img']),
            (['ubdaq=' + disk], ['ubdaq']),
            (['ubdad=' + disk + ',' + base], ['ubdad']),
            (['ubd9z=' + disk], ['ubd9z']),
        ]
        for args, names in cases:
            with self.subTest(args=args):
                self.assertRefused(args, *names)
        # The disks were not written to.
        for path in (disk, base):
            with open(path, 'rb') as f:
                self.assertEqual(f.read(), b'\0' * (1 << 20), path + ' was modified')

    @skip_on_real_uml(UML_BOOTS)
    def test_unknown_options(self):
        """Unknown net transports and console channels. (Unknown name=value
        words are not errors: as in Linux they go to init's environment,
        test_shell.test_unknown_words_reach_init checks that.)"""
        for args, names in ((['eth0=nonsense,x'], ['eth0', 'nonsense']),
                            (['con0=bogus:1'], ['con0', 'bogus']),
                            (['con0=fd:99,fd:1'], ['con0=fd:99', 'not open'])):
            with self.subTest(args=args):
                self.assertRefused(args, *names)

    @skip_on_real_uml(UML_BOOTS)
    def test_umid_with_bad_option_creates_nothing(self):
        """umid= with a bad option beside it: refused before ~/.uml/ is made."""
        self.assertRefused(['umid=e2e-bad', 'mem=12Q'], 'mem')


if __name__ == '__main__':
    unittest.main()
