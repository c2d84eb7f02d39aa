# SPDX-License-Identifier: GPL-2.0
"""Real userland in the VM: the busybox tools a user reaches for first, and
dynamically linked glibc programs (bash, python3) copied from the host into
an initramfs with their libraries.

Each check compares with what the same command gives natively or with a
known answer, so a tool that runs but answers wrongly fails."""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from harness import REPO, VmTestCase, is_real_uml, note


class BusyboxToolsTest(VmTestCase):

    def test_free_and_top_see_guest_memory(self):
        """free and top read /proc/meminfo, /proc/stat and /proc/[pid]/stat:
        total memory is the mem= size, top lists itself."""
        vm = self.boot(extra_args=['mem=96M'])
        total_kb = int(vm.run("free | awk '/^Mem:/ {print $2}'"))
        # MemTotal is RAM less what the kernel reserved: within 96 MiB.
        self.assertGreater(total_kb, 80 * 1024)
        self.assertLessEqual(total_kb, 96 * 1024)
        out = vm.run('top -b -n 1')
        self.assertRegex(out, r'Mem: \d+K used, \d+K free')
        self.assertRegex(out, r'CPU:.*idle')
        self.assertRegex(out, r'\n\s*\d+\s+\d+\s+\S+\s+\S.*top -b -n 1')

    def test_text_tools(self):
        """cat, grep, sed and awk on a file the shell wrote."""
        vm = self.boot()
        vm.run("printf 'alpha 1\\nbeta 2\\ngamma 3\\n' > /tmp/t")
        self.assertEqual(vm.run('cat /tmp/t | wc -l'), '3')
        self.assertEqual(vm.run('grep -n beta /tmp/t'), '2:beta 2')
        self.assertEqual(vm.run("sed -n 's/^g\\(.*\\) 3$/G\\1/p' /tmp/t"), 'Gamma')
        self.assertEqual(vm.run("awk '{s += $2} END {print s}' /tmp/t"), '6')
        vm.run("sed -i 's/beta/BETA/' /tmp/t")
        self.assertEqual(vm.run('grep -c BETA /tmp/t'), '1')

    def test_find(self):
        """find walks the tree, across the /proc and /dev mounts, by name and type."""
        vm = self.boot()
        self.assertEqual(vm.run('find / -name inittab -type f'), '/etc/inittab')
        self.assertEqual(vm.run('find /proc -maxdepth 1 -name self'), '/proc/self')
        self.assertIn('/dev/null', vm.run('find /dev -type c').split())
        self.assertEqual(vm.run('find /tmp -type f | wc -l'), '0')

    def test_tar_and_gzip_round_trip(self):
        """tar czf then tar xzf gives back identical files; gzip -d of gzip is
        the original."""
        vm = self.boot()
        vm.run('mkdir -p /tmp/src/d && seq 1 20000 > /tmp/src/d/numbers && '
               'cp /bin/busybox /tmp/src/bb && ln -s d/numbers /tmp/src/link')
        before = vm.run('cd /tmp/src && md5sum d/numbers bb')
        self.assertEqual(vm.run('tar czf /tmp/a.tgz -C /tmp src; echo $?'), '0')
        self.assertEqual(vm.run('mkdir /tmp/out && tar xzf /tmp/a.tgz -C /tmp/out; echo $?'), '0')
        self.assertEqual(vm.run('cd /tmp/out/src && md5sum d/numbers bb'), before)
        self.assertEqual(vm.run('readlink /tmp/out/src/link'), 'd/numbers')
        vm.run('cp /tmp/src/d/numbers /tmp/n && gzip -9 /tmp/n')
        self.assertEqual(vm.run('ls /tmp/n*'), '/tmp/n.gz')
        size = int(vm.run('stat -c %s /tmp/n.gz'))
        self.assertLess(size, 108894 // 2)  # seq 1 20000 is 108894 bytes
        self.assertEqual(vm.run('gzip -dc /tmp/n.gz | md5sum'),
                         vm.run('md5sum < /tmp/src/d/numbers'))


def _ldd_libs(binary):
    """The libraries ldd lists for binary, as absolute host paths."""
    out = subprocess.run(['ldd', binary], capture_output=True, text=True, check=True).stdout
    libs = []
    for line in out.splitlines():
        words = line.split()
        for w in words:
            if w.startswith('/'):
                libs.append(w)
                break
    return libs


def _copy_into(root, path):
    """Copy host file path to the same path under root, keeping a symlinked
    name a symlink and copying its target too."""
    dest = os.path.join(root, path.lstrip('/'))
    if os.path.lexists(dest):
        return
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    if os.path.islink(path):
        target = os.readlink(path)
        os.symlink(target, dest)
        _copy_into(root, os.path.normpath(os.path.join(os.path.dirname(path), target)))
    else:
        shutil.copy2(path, dest)


def _python_startup_files():
    """The module files python3 -c 'print(1)' loads on the host: what the
    interpreter needs to start, without the whole standard library; and the
    directories on sys.path (python looks for lib-dynload to find its
    exec_prefix)."""
    probe = ("import sys\n"
             "for m in list(sys.modules.values()):\n"
             "    f = getattr(m, '__file__', None)\n"
             "    if f: print(f)\n"
             "for d in sys.path: print(d)\n")
    out = subprocess.run(['/usr/bin/python3', '-c', probe], capture_output=True,
                         text=True, check=True).stdout.split()
    files = [f for f in out if os.path.isfile(f)]
    dirs = [d for d in out if os.path.isdir(d) and d.startswith('/usr/')]
    return files, dirs


@unittest.skipIf(is_real_uml(), 'builds its own initrd for our kernel')
class GlibcProgramsTest(VmTestCase):
    """bash and python3 from the host, dynamically linked against glibc,
    run from an initramfs made with tools/mkrootfs --add."""

    # Built once for the class, on first use (run.py runs tests one by one,
    # without class fixtures), removed at exit.
    _initrd = None

    @classmethod
    def initrd(cls):
        if cls._initrd:
            return cls._initrd
        for tool in ('/bin/bash', '/usr/bin/python3'):
            if not os.path.exists(tool):
                raise unittest.SkipTest('%s is not installed on the host' % tool)
        tmp = tempfile.mkdtemp(prefix='uml-e2e-glibc-')
        atexit.register(shutil.rmtree, tmp, True)
        root = os.path.join(tmp, 'root')
        os.makedirs(root)
        files = ['/bin/bash', '/usr/bin/python3']
        files += _ldd_libs('/bin/bash') + _ldd_libs(os.path.realpath('/usr/bin/python3'))
        py_files, py_dirs = _python_startup_files()
        files += py_files
        for f in files:
            _copy_into(root, f)
        for d in py_dirs:
            os.makedirs(os.path.join(root, d.lstrip('/')), exist_ok=True)
        initrd = os.path.join(tmp, 'glibc.cpio.gz')
        subprocess.run([os.path.join(REPO, 'tools', 'mkrootfs'), '--out', initrd,
                        '--add', root], check=True)
        note('glibc initrd: %d files, %d KiB' % (len(files), os.path.getsize(initrd) // 1024))
        cls._initrd = initrd
        return initrd

    def test_bash_runs(self):
        """/bin/bash (glibc, dynamic) runs a script with arrays, arithmetic,
        a pipeline and a subshell."""
        vm = self.boot(extra_args=['initrd=' + self.initrd()])
        # bash itself was loaded by the dynamic linker, not as a static program.
        # (The trailing command keeps bash from exec'ing grep in its place.)
        self.assertEqual(vm.run("bash -c 'grep -m1 -o ld-linux-x86-64.so.2 /proc/$$/maps; exit'"),
                         'ld-linux-x86-64.so.2')
        out = vm.run("bash -c 'a=(3 4 5); echo ${#a[@]} $((a[0]*a[2])) "
                     "$(echo hi | tr a-z A-Z) $BASH_VERSINFO'")
        want = subprocess.run(['/bin/bash', '-c', 'a=(3 4 5); echo ${#a[@]} $((a[0]*a[2])) '
                               '$(echo hi | tr a-z A-Z) $BASH_VERSINFO'],
                              capture_output=True, text=True).stdout.strip()
        self.assertEqual(out, want)
        self.assertEqual(vm.run("bash -c 'exit 7'; echo $?"), '7')

    def test_python3_runs(self):
        """/usr/bin/python3 -c 'print(1)' prints 1; it sees the guest's uname."""
        vm = self.boot(extra_args=['initrd=' + self.initrd()])
        self.assertEqual(vm.run("python3 -c 'print(1)'"), '1')
        self.assertEqual(vm.run("python3 -c 'import os; print(os.uname().sysname, "
                                "os.uname().machine, os.getpid() > 1)'"),
                         'Linux x86_64 True')


if __name__ == '__main__':
    unittest.main()
