#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""run.py: run the end-to-end tests (tests/e2e/test_*.py) against a kernel.

    python3 tests/e2e/run.py                         all tests, ./linux
    python3 tests/e2e/run.py --only shell --only ctrl_c
    python3 tests/e2e/run.py --kernel linux.uml \\
        --kernel-args 'mem=128M initrd=/tmp/x.cpio.gz con0=fd:0,fd:1 con=null'

Prints one line per test (PASS/FAIL/ERROR/SKIP, duration, notes such as the
boot time), then the failures with the end of the console transcript.
Exit status: 0 if nothing failed, 1 otherwise, 2 for bad usage.
"""

import argparse
import fnmatch
import os
import sys
import tempfile
import time
import traceback
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def parse():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog='Environment: UML_E2E_KERNEL, UML_E2E_ARGS, '
                                'UML_E2E_TIMEOUT_SCALE, UML_E2E_LOGDIR, UML_E2E_ONLY '
                                '(space-separated patterns); options override them.')
    p.add_argument('--kernel', help='kernel binary (default: $UML_E2E_KERNEL or <repo>/linux)')
    p.add_argument('--kernel-args', help='extra kernel arguments, one shell-quoted string '
                   '(default: $UML_E2E_ARGS)')
    p.add_argument('--only', action='append', default=[], metavar='PATTERN',
                   help='run only tests whose id (module.Class.method) contains PATTERN '
                   'or matches it as a glob; repeatable')
    p.add_argument('--list', action='store_true', help='list the selected tests and exit')
    p.add_argument('--logdir', help='keep every VM console transcript there '
                   '(default: a new directory under $TMPDIR, removed if all pass)')
    p.add_argument('--timeout-scale', type=float,
                   help='multiply every timeout (e.g. 4 for debug=1 builds)')
    p.add_argument('--failfast', action='store_true', help='stop at the first failure')
    return p.parse_args()


def selected(suite, patterns):
    """Flatten a suite and keep the tests matching any pattern."""
    out = []
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            out += selected(t, patterns)
        elif not patterns or any(p in t.id() or fnmatch.fnmatch(t.id(), p)
                                 for p in patterns):
            out.append(t)
    return out


class Result(unittest.TestResult):
    """Prints one line per test when it is done (cleanups included), with
    the harness notes."""

    def __init__(self, harness):
        super().__init__()
        self.harness = harness
        self.passed = 0

    def startTest(self, test):
        super().startTest(test)
        self.t0 = time.time()
        self.word, self.extra, self.subfails = None, '', []
        sys.stdout.write('%-70s ' % test.id())
        sys.stdout.flush()

    def stopTest(self, test):
        super().stopTest(test)
        word = self.word
        if self.subfails and word in (None, 'PASS'):
            word = 'FAIL'
        if word == 'PASS':
            self.passed += 1
        sys.stdout.write('%-5s %6.1fs%s\n' % (word or 'FAIL', time.time() - self.t0,
                                               self.extra))
        for s in self.subfails:
            sys.stdout.write('        failed: %s\n' % s)
        for n in self.harness.take_notes():
            sys.stdout.write('        %s\n' % n)
        sys.stdout.flush()

    def _set(self, word, extra=''):
        # A failing cleanup reports after the test's own outcome: keep the worse.
        if self.word in (None, 'PASS', 'SKIP'):
            self.word, self.extra = word, extra

    def addSuccess(self, test):
        super().addSuccess(test)
        self._set('PASS')

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._set('FAIL')

    def addError(self, test, err):
        super().addError(test, err)
        self._set('ERROR')

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._set('SKIP', '  (%s)' % reason)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self.subfails.append(subtest._subDescription().strip())

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._set('XFAIL')

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._set('XPASS')


def main():
    args = parse()
    # The harness and the skip decorators read these at import time.
    if args.kernel:
        os.environ['UML_E2E_KERNEL'] = args.kernel
    if args.kernel_args is not None:
        os.environ['UML_E2E_ARGS'] = args.kernel_args
    if args.timeout_scale:
        os.environ['UML_E2E_TIMEOUT_SCALE'] = str(args.timeout_scale)
    own_logdir = False
    if args.logdir:
        os.environ['UML_E2E_LOGDIR'] = os.path.abspath(args.logdir)
    elif not os.environ.get('UML_E2E_LOGDIR'):
        os.environ['UML_E2E_LOGDIR'] = tempfile.mkdtemp(prefix='uml-e2e-logs-')
        own_logdir = True
    os.environ['UML_E2E_QUIET_NOTES'] = '1'
    patterns = args.only or os.environ.get('UML_E2E_ONLY', '').split()

    sys.path.insert(0, HERE)
    import harness

    suite = unittest.defaultTestLoader.discover(HERE, pattern='test_*.py', top_level_dir=HERE)
    tests = selected(suite, patterns)
    if args.list:
        for t in tests:
            print(t.id())
        return 0
    if not tests:
        print('run.py: no test matches %s' % ' '.join(patterns), file=sys.stderr)
        return 2

    k = harness.kernel()
    if not args.list and not (os.access(k, os.X_OK) or harness._which(k)):
        print('run.py: no kernel at %s (build it with scons, or give --kernel)' % k,
              file=sys.stderr)
        return 2
    print('kernel: %s %s%s' % (k, ' '.join(harness.kernel_args()),
                               '   [linux.uml: skipping our-kernel-only tests]'
                               if harness.is_real_uml() else ''))
    print('logs:   %s' % os.environ['UML_E2E_LOGDIR'])
    result = Result(harness)
    result.failfast = args.failfast
    t0 = time.time()
    for t in tests:
        if result.shouldStop:
            break
        t(result)
    bad = result.failures + result.errors
    for test, err in bad:
        print('\n' + '=' * 78)
        print('%s: %s' % ('FAIL' if (test, err) in result.failures else 'ERROR', test.id()))
        print('-' * 78)
        print(err.rstrip())
    print('\n%d tests in %.0fs: %d passed, %d failed, %d errors, %d skipped'
          % (result.testsRun, time.time() - t0, result.passed, len(result.failures),
             len(result.errors), len(result.skipped)))
    if bad:
        print('console transcripts: %s' % os.environ['UML_E2E_LOGDIR'])
    elif own_logdir:
        import shutil
        shutil.rmtree(os.environ['UML_E2E_LOGDIR'], ignore_errors=True)
    return 1 if bad else 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        traceback.print_exc()
        sys.exit(130)
