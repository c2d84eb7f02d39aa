# SPDX-License-Identifier: GPL-2.0
"""harness: drive a uml VM through its console, as a user at a terminal would.

Vm spawns the kernel under a pty (pexpect), waits for the shell prompt,
runs commands and returns their output, sends control characters and powers
the VM off. PipeVm does the same over plain pipes (stdin a pipe, stdout
captured) for the tests that check a non-tty console. Both remember every
host process they saw under the kernel, so a test can check that none
outlives the VM.

Configuration (environment; tests/e2e/run.py sets these from its options):
  UML_E2E_KERNEL         the kernel binary (default: <repo>/linux)
  UML_E2E_ARGS           extra kernel arguments, shell-quoted
  UML_E2E_TIMEOUT_SCALE  multiply every timeout (slow or sanitizer builds)
  UML_E2E_LOGDIR         write each VM's console transcript there
  UML_E2E_PROMPT         regex of the guest's own first prompt
                         (default: the rootfs PS1 '\\h:\\w\\$ ', e.g. 'uml:/# ')

The harness never depends on console input typed ahead being kept or being
dropped: it always waits for the prompt before it types.
"""

import atexit
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
import unittest

import pexpect

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
SCALE = float(os.environ.get('UML_E2E_TIMEOUT_SCALE', '1') or 1)

BOOT_TIMEOUT = 30 * SCALE       # spawn to first prompt
CMD_TIMEOUT = 20 * SCALE        # one short command to the next prompt
EXIT_TIMEOUT = 60 * SCALE       # poweroff to host process exit
REAP_TIMEOUT = 10 * SCALE       # VM exit to no host process left
SAMPLE_PERIOD = 0.5             # host process tree snapshots while a VM runs

# The guest's first prompt (tools/rootfs/etc/profile: PS1='\h:\w\$ ').
FIRST_PROMPT = os.environ.get('UML_E2E_PROMPT') or r'\S+:\S*[#$] '
# After boot the harness sets its own prompt, one that no command echo or
# program output contains. It is typed as two quoted halves so that the
# echo of the PS1= line itself does not match.
PROMPT = '[e2e]# '
_SET_PROMPT = "PS1='[e2e]''# '"
# busybox ash (FEATURE_EDITING_ASK_TERMINAL) asks the terminal for the
# cursor position after each prompt; the harness does not answer, like a
# dumb terminal, and strips the query from output.
_PROMPT_RE = re.escape(PROMPT) + r'(?:\x1b\[6n)?'
_CSI_RE = re.compile(r'\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]')

_notes = []


def kernel():
    """The kernel binary under test."""
    return os.environ.get('UML_E2E_KERNEL') or os.path.join(REPO, 'linux')


def kernel_args():
    """Extra arguments for every boot, from UML_E2E_ARGS."""
    return shlex.split(os.environ.get('UML_E2E_ARGS', ''))


def is_real_uml():
    """True when the kernel under test is Debian's linux.uml (by name,
    following symlinks), which some of our kernel's promises don't hold for."""
    k = kernel()
    path = k if os.sep in k else (_which(k) or k)
    names = {os.path.basename(k), os.path.basename(os.path.realpath(path))}
    return any(n.startswith('linux.uml') for n in names)


def skip_on_real_uml(reason):
    """Decorator: skip a test that checks our kernel's own behaviour when
    the kernel under test is Debian's User-Mode Linux."""
    return unittest.skipIf(is_real_uml(), 'not a linux.uml behaviour: ' + reason)


def _which(name):
    for d in os.environ.get('PATH', '').split(os.pathsep):
        p = os.path.join(d, name)
        if os.access(p, os.X_OK):
            return p
    return None


def merge_args(base, extra):
    """base + extra, where an extra `key=value` replaces the base option with
    the same key (so a test's mem=64M overrides UML_E2E_ARGS' mem=128M)."""
    keys = {a.split('=', 1)[0] for a in extra if '=' in a}
    return [a for a in base if a.split('=', 1)[0] not in keys] + list(extra)


def command(extra=()):
    """The full kernel command line as a list."""
    return [kernel()] + merge_args(kernel_args(), extra)


def note(text):
    """Record a line for the report (run.py prints it after the test)."""
    _notes.append(text)
    if not os.environ.get('UML_E2E_QUIET_NOTES'):
        sys.stderr.write('  note: %s\n' % text)


def take_notes():
    out = list(_notes)
    del _notes[:]
    return out


def strip_ansi(text):
    return _CSI_RE.sub('', text)


def clean(text):
    """Console text as lines: escape sequences and carriage returns gone."""
    return strip_ansi(text).replace('\r', '')


class HarnessError(AssertionError):
    """The VM did not do what the harness waited for (a test failure, with
    the end of the console transcript attached)."""


# --- host processes ------------------------------------------------------

def _proc_stat(pid):
    """(ppid, sid, state, starttime) of a host process, or None if gone."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            data = f.read()
    except OSError:
        return None
    # comm may contain spaces and parentheses: split after the last ')'.
    rest = data[data.rindex(')') + 2:].split()
    return int(rest[1]), int(rest[3]), rest[0], int(rest[19])


def _all_pids():
    return [int(p) for p in os.listdir('/proc') if p.isdigit()]


def host_processes(root_pid, sid=None):
    """Live (non-zombie) host processes descending from root_pid or in
    session sid, as a set of (pid, starttime)."""
    table = {}
    for pid in _all_pids():
        st = _proc_stat(pid)
        if st and st[2] != 'Z':
            table[pid] = st
    found = set()
    children = {}
    for pid, st in table.items():
        children.setdefault(st[0], []).append(pid)
        if sid is not None and st[1] == sid:
            found.add((pid, st[3]))
    todo = [root_pid]
    while todo:
        pid = todo.pop()
        if pid in table:
            found.add((pid, table[pid][3]))
        todo.extend(children.get(pid, []))
    return found


def still_alive(procs):
    """The members of a set of (pid, starttime) that still run."""
    out = set()
    for pid, start in procs:
        st = _proc_stat(pid)
        if st and st[3] == start and st[2] != 'Z':
            out.add((pid, start))
    return out


def describe(procs):
    lines = []
    for pid, _ in sorted(procs):
        try:
            with open('/proc/%d/cmdline' % pid, 'rb') as f:
                cmd = f.read().replace(b'\0', b' ').decode(errors='replace')
        except OSError:
            cmd = '?'
        lines.append('%d %s' % (pid, cmd.strip()))
    return '; '.join(lines)


_live = []


def _close_all():
    """At interpreter exit, no VM this process started may keep running."""
    for vm in list(_live):
        try:
            vm.close()
        except Exception:
            pass


atexit.register(_close_all)


class _HostTracking:
    """Mixin: remember every host process seen under the VM. The kernel may
    leave the session the harness gave it (linux.uml calls setsid()), so
    the set is built from the process tree at each snapshot."""

    def _track_init(self, pid):
        self.pid = pid
        self.seen = set()
        self._seen_lock = threading.Lock()
        _live.append(self)
        self.track()
        # Short-lived guest processes (a fork bomb's) come and go between
        # prompts: sample the tree in the background too.
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self):
        # Not isalive(): that reaps the child, which is the main thread's job.
        while not getattr(self, '_left', None):
            st = _proc_stat(self.pid)
            if not st or st[2] == 'Z':
                return
            self.track()
            time.sleep(SAMPLE_PERIOD)

    def seen_now(self):
        with self._seen_lock:
            return set(self.seen)

    def track(self):
        """Snapshot the VM's host processes (also done at each prompt and
        every SAMPLE_PERIOD seconds); return all seen so far."""
        if self.pid:
            now = host_processes(self.pid, self.pid)
            with self._seen_lock:
                self.seen |= now
        return self.seen_now()

    def leftovers(self, timeout=None):
        """Host processes of this VM still running after it exited; waits up
        to REAP_TIMEOUT for SIGKILLed tracees to go."""
        deadline = time.time() + (REAP_TIMEOUT if timeout is None else timeout)
        while True:
            left = still_alive(self.seen_now()) | host_processes(self.pid, self.pid)
            left = {p for p in left if p[0] != self.pid or self.isalive()}
            if not left or time.time() > deadline:
                return left
            time.sleep(0.2)

    def _reap(self):
        """After the VM is gone: report its host processes that are still
        running (after a grace period), then kill them so that no test
        leaves anything behind. Returns what was left."""
        if getattr(self, '_left', None) is not None:
            return self._left
        if self in _live:
            _live.remove(self)
        left = self.leftovers()
        self._left_desc = describe(left)
        for pid, _ in left:
            if pid != self.pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        self._left = left
        return left


# --- the VM on a pty -----------------------------------------------------

class Vm(_HostTracking):
    """One VM on a pty. Typical use:

        vm = Vm(); vm.expect_prompt()
        out = vm.run('echo hello')
        status = vm.poweroff()
    """

    def __init__(self, extra_args=(), rows=24, cols=200, env=None, cwd=None,
                 wrap_stty=False, name=None):
        self.argv = command(extra_args)
        self.name = name or 'vm'
        self.wrap_stty = wrap_stty
        argv = self.argv
        if wrap_stty:
            # Record the host pty's settings before and after the kernel;
            # the kernel runs as a child of this sh, in its process group.
            script = ('printf "E2E-STTY-BEFORE %s\\n" "$(stty -g)"; '
                      '"$@"; rc=$?; '
                      'printf "E2E-STTY-AFTER %s\\n" "$(stty -g)"; exit $rc')
            argv = ['/bin/sh', '-c', script, 'sh'] + argv
        self.transcript = []
        self.boot_time = None
        self.status = None
        self.t0 = time.time()
        self.child = pexpect.spawn(argv[0], argv[1:], encoding='utf-8',
                                   codec_errors='replace', timeout=CMD_TIMEOUT,
                                   dimensions=(rows, cols), env=env, cwd=cwd,
                                   echo=True)
        self.child.logfile_read = _Tee(self.transcript)
        self._track_init(self.child.pid)
        self._logpath = None

    # -- reading
    def tail(self, n=2000):
        """The last n characters of the console transcript, cleaned."""
        return clean(''.join(self.transcript))[-n:]

    def text(self):
        return clean(''.join(self.transcript))

    def _fail(self, what):
        self.save_log()
        raise HarnessError('%s: %s\n--- console (last 2000 chars) ---\n%s\n---'
                           % (self.name, what, self.tail()))

    def expect(self, pattern, timeout=CMD_TIMEOUT):
        """Wait for a regex (or list of them) in the console output; return
        the index matched. On timeout or VM exit, fail with the transcript."""
        try:
            return self.child.expect(pattern, timeout=timeout)
        except pexpect.TIMEOUT:
            why = 'timed out after %.0fs waiting for %r' % (timeout, pattern)
        except pexpect.EOF:
            why = 'console closed (VM exited?) waiting for %r' % (pattern,)
        self._fail(why)     # outside the except: no chained pexpect traceback

    def expect_exact(self, s, timeout=CMD_TIMEOUT):
        return self.expect(re.escape(s), timeout=timeout)

    # -- the prompt
    def expect_prompt(self, timeout=BOOT_TIMEOUT):
        """Wait for the shell's first prompt after boot, note the boot time,
        then switch to the harness's own unambiguous prompt."""
        self.expect(FIRST_PROMPT, timeout=timeout)
        self.boot_time = time.time() - self.t0
        self.child.send(_SET_PROMPT + '\r')
        self.expect(_PROMPT_RE, timeout=CMD_TIMEOUT)
        self.track()
        return self.boot_time

    def wait_prompt(self, timeout=CMD_TIMEOUT):
        """Wait for the next harness prompt; return the text before it."""
        self.expect(_PROMPT_RE, timeout=timeout)
        self.track()
        return self.child.before

    # -- typing
    def send(self, s):
        self.child.send(s)

    def sendline(self, line):
        """Type a line and press Enter (a terminal sends CR)."""
        self.child.send(line + '\r')

    def ctrl(self, c):
        """Type a control character: ctrl('c') is ^C, ctrl('\\\\') is ^\\."""
        code = ord(c.upper()) - 64 if c.isalpha() else {'\\': 0x1c, '[': 0x1b,
                                                        ']': 0x1d, '@': 0}[c]
        self.child.send(chr(code))

    def run(self, cmd, timeout=CMD_TIMEOUT):
        """Type cmd, wait for the prompt after it, and return what the
        command printed: the echo of the command line dropped, escapes and
        \\r removed, one trailing newline removed. cmd must fit on one
        terminal line. Prompts redrawn before the echo (the shell redraws
        its line on SIGWINCH) are skipped."""
        self.sendline(cmd)
        deadline = time.time() + timeout
        seen = ''
        while True:
            seen += clean(self.wait_prompt(max(deadline - time.time(), 0.1)))
            i = seen.find(cmd + '\n')
            if i >= 0:
                out = seen[i + len(cmd) + 1:]
                return out[:-1] if out.endswith('\n') else out
            seen += PROMPT

    # -- size
    def setwinsize(self, rows, cols):
        """Resize the host terminal (the kernel gets SIGWINCH)."""
        self.child.setwinsize(rows, cols)

    # -- ending
    def isalive(self):
        return self.child.isalive()

    def wait_exit(self, timeout=EXIT_TIMEOUT):
        """Wait for the kernel process to exit (not for the pty to close:
        a leftover host process could hold it open). Return its status:
        the exit code, or -signal if a signal killed it."""
        deadline = time.time() + timeout
        while self.child.isalive():
            if time.time() > deadline:
                self._fail('VM still running %.0fs after shutdown' % timeout)
            try:
                self.child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=0.2)
            except pexpect.ExceptionPexpect:
                pass
        try:
            self.child.expect(pexpect.EOF, timeout=1)
        except pexpect.ExceptionPexpect:
            pass
        st = self.child.exitstatus
        self.status = st if st is not None else -(self.child.signalstatus or 0)
        self.save_log()
        return self.status

    def poweroff(self, cmd='poweroff', timeout=EXIT_TIMEOUT):
        """Type poweroff (or halt...) and return the kernel's exit status."""
        self.track()
        self.sendline(cmd)
        return self.wait_exit(timeout)

    def exit_shell(self, timeout=EXIT_TIMEOUT):
        """End the console shell with `exit`; init then powers the VM off.
        Returns the kernel's exit status."""
        self.track()
        self.sendline('exit')
        return self.wait_exit(timeout)

    def kill(self, sig, timeout=EXIT_TIMEOUT):
        """Send a host signal to the kernel process; return its exit status
        (-sig if the signal killed it)."""
        self.track()
        os.kill(self.pid, sig)
        return self.wait_exit(timeout)

    def stty_before_after(self):
        """With wrap_stty: (host pty settings before boot, after exit)."""
        text = self.text()
        b = re.search(r'E2E-STTY-BEFORE (\S+)', text)
        a = re.search(r'E2E-STTY-AFTER (\S+)', text)
        return (b.group(1) if b else None, a.group(1) if a else None)

    def close(self):
        """Make sure the VM is gone: exit the shell if it is still up (init
        then powers off), else signal it. Safe to call twice."""
        if self.child.isalive():
            try:
                self.child.send('\x03\r')
                self.child.send('exit\r')
                deadline = time.time() + 15 * SCALE
                while self.child.isalive() and time.time() < deadline:
                    try:
                        self.child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=0.2)
                    except pexpect.ExceptionPexpect:
                        break
            except OSError:
                pass
        if self.child.isalive():
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.kill(self.child.pid, sig)
                except OSError:
                    pass
                deadline = time.time() + 5 * SCALE
                while self.child.isalive() and time.time() < deadline:
                    time.sleep(0.1)
                if not self.child.isalive():
                    break
        left = self._reap()
        self.save_log()
        try:
            self.child.close(force=True)
        except Exception:
            pass
        return left

    def save_log(self):
        d = os.environ.get('UML_E2E_LOGDIR')
        if not d:
            return
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, self.name + '.log')
        with open(path, 'w') as f:
            f.write('$ %s\n' % ' '.join(shlex.quote(a) for a in self.argv))
            f.write(''.join(self.transcript))
        self._logpath = path


class _Tee:
    """pexpect logfile that appends to a list."""

    def __init__(self, sink):
        self.sink = sink

    def write(self, s):
        self.sink.append(s)

    def flush(self):
        pass


# --- the VM on pipes -----------------------------------------------------

class PipeVm(_HostTracking):
    """The kernel with stdin and stdout as pipes (or stdin a given file).
    stdout and stderr are collected by threads; expect() waits on stdout."""

    def __init__(self, extra_args=(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                 env=None, cwd=None, name=None, exact_args=False):
        """stdin/stdout: PIPE (the default) or a file object; with stdout a
        file, expect() sees nothing. exact_args: pass extra_args alone,
        without UML_E2E_ARGS."""
        self.argv = [kernel()] + list(extra_args) if exact_args else command(extra_args)
        self.name = name or 'pipevm'
        self.proc = subprocess.Popen(self.argv, stdin=stdin, stdout=stdout,
                                     stderr=subprocess.PIPE, env=env, cwd=cwd,
                                     start_new_session=True)
        self._out = bytearray()
        self._err = bytearray()
        self._pos = 0
        self._cv = threading.Condition()
        self._eof = 0 if stdout == subprocess.PIPE else 1
        self._threads = [threading.Thread(target=self._reader, args=(f, buf), daemon=True)
                         for f, buf in ((self.proc.stdout, self._out),
                                        (self.proc.stderr, self._err)) if f]
        for t in self._threads:
            t.start()
        self._track_init(self.proc.pid)
        self.status = None

    def _reader(self, f, buf):
        while True:
            data = f.read1(65536) if hasattr(f, 'read1') else f.read(4096)
            with self._cv:
                if not data:
                    self._eof += 1
                    self._cv.notify_all()
                    return
                buf.extend(data)
                self._cv.notify_all()

    @property
    def stdout(self):
        with self._cv:
            return clean(self._out.decode(errors='replace'))

    @property
    def stderr(self):
        with self._cv:
            return self._err.decode(errors='replace')

    def _fail(self, what):
        self.save_log()
        raise HarnessError('%s: %s\n--- stdout (last 2000 chars) ---\n%s\n'
                           '--- stderr (last 1000) ---\n%s\n---'
                           % (self.name, what, self.stdout[-2000:], self.stderr[-1000:]))

    def expect(self, pattern, timeout=CMD_TIMEOUT):
        """Wait for a regex in the (cleaned) stdout after the previous match;
        return the match."""
        rx = re.compile(pattern)
        deadline = time.time() + timeout
        with self._cv:
            while True:
                text = clean(self._out.decode(errors='replace'))
                m = rx.search(text, self._pos)
                if m:
                    self._pos = m.end()
                    break
                if self._eof >= 1 and self.proc.poll() is not None:
                    m = None
                    break
                left = deadline - time.time()
                if left <= 0:
                    m = None
                    break
                self._cv.wait(min(left, 0.5))
        if m is None:
            self._fail('no %r in the output' % pattern)
        self.track()
        return m

    def expect_prompt(self, timeout=BOOT_TIMEOUT):
        self.expect(FIRST_PROMPT, timeout=timeout)

    def write(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def close_stdin(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass

    def isalive(self):
        return self.proc.poll() is None

    def wait_exit(self, timeout=EXIT_TIMEOUT, what='VM still running'):
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.poll()
        if self.proc.returncode is None:
            self._fail('%s after %.0fs' % (what, timeout))
        for t in self._threads:
            t.join(5)
        self.status = self.proc.returncode
        self.save_log()
        return self.status

    def close(self):
        if self.proc.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    self.proc.send_signal(sig)
                    self.proc.wait(5 * SCALE)
                    break
                except (OSError, subprocess.TimeoutExpired):
                    pass
        left = self._reap()
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if f:
                    f.close()
            except OSError:
                pass
        self.save_log()
        return left

    def save_log(self):
        d = os.environ.get('UML_E2E_LOGDIR')
        if not d:
            return
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, self.name + '.log'), 'w') as f:
            f.write('$ %s\n' % ' '.join(shlex.quote(a) for a in self.argv))
            f.write('--- stdout ---\n%s\n--- stderr ---\n%s\n' % (self.stdout, self.stderr))


# --- test base -----------------------------------------------------------

class VmTestCase(unittest.TestCase):
    """Base for tests that boot VMs: vms made with self.boot() are torn down
    (and checked for leftover host processes by the tests that want it)."""

    def boot(self, extra_args=(), **kw):
        """Spawn a pty VM and wait for its prompt. At cleanup the VM is shut
        down if still up, and any host process it left behind fails the test."""
        vm = self.spawn(extra_args, **kw)
        vm.expect_prompt()
        return vm

    def spawn(self, extra_args=(), **kw):
        """Spawn a pty VM without waiting for anything."""
        kw.setdefault('name', self._vm_name())
        vm = Vm(extra_args, **kw)
        self.addCleanup(self._close_and_check, vm)
        return vm

    def pipe_vm(self, extra_args=(), **kw):
        kw.setdefault('name', self._vm_name())
        vm = PipeVm(extra_args, **kw)
        self.addCleanup(self._close_and_check, vm)
        return vm

    def _vm_name(self):
        self._nvms = getattr(self, '_nvms', 0) + 1
        base = self.id().replace('__main__.', '')
        return base if self._nvms == 1 else '%s-%d' % (base, self._nvms)

    def _close_and_check(self, vm):
        left = vm.close()
        self.assertFalse(left, 'host processes outlived the VM: ' + vm._left_desc)

    def assertNoLeftovers(self, vm):
        """The VM has exited and none of its host processes is running."""
        self.assertFalse(vm.isalive(), 'the VM is still running')
        left = vm._reap()
        self.assertFalse(left, 'host processes outlived the VM: ' + vm._left_desc)
