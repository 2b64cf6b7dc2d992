#!/usr/bin/env python3
"""terminal.py SSLBIND CASE — the interactive shell driven through a real pseudo-terminal (python's pty),
for what tmux cannot send (raw bytes, XOFF) or time (Ctrl-C during a command). One case a run;
each prints PASS or FAIL lines and exits 1 if one failed. Cases:
  blocked_output  Ctrl-C while the terminal is paused (Ctrl-S) or not read: the output goes on,
                  later commands print, and the session exits 0 (no sticky write error of stdout)
  lockwait        Ctrl-C while a command waits for a lock another process holds: the command
                  gives up at once, fails (Error: 33, "interrupted"), nothing changed
  utf8            typed bytes that are no UTF-8 character are refused with a bell, the byte that
                  ends a broken one kept: what runs is what the screen shows
  exit_status     exit, quit and bye keep the previous command's status, as Ctrl-D does
  history         a line with a password= tag is kept out of the history; a FIFO at DIR/history
                  neither blocks the start nor is used
"""
import os, pty, select, shutil, signal, struct, subprocess, sys, tempfile, termios, time, fcntl

BIN = os.path.abspath(sys.argv[1])
CASE = sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
PEM = os.path.join(HERE, '..', 'data', 'certs', 'contoso.pem')
HASH = '2006557039ef547eb88124f0ef5d7e7d1639adff'
APPID = '{4dc3e181-e14b-4a21-b022-59fc669b0914}'
failed = 0


class Pty:
    def __init__(self, argv, env=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, env if env is not None else os.environ)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 200, 0, 0))
        self.buf = b''

    def send(self, data, delay=0.3):
        os.write(self.fd, data)
        time.sleep(delay)

    def read(self, t=0.5):
        end = time.time() + t
        while time.time() < end:
            r, _, _ = select.select([self.fd], [], [], max(0, end - time.time()))
            if not r:
                break
            try:
                d = os.read(self.fd, 65536)
            except OSError:
                break
            if not d:
                break
            self.buf += d

    def wait_for(self, s, t=30):
        end = time.time() + t
        while time.time() < end and s not in self.buf:
            self.read(0.1)
        return s in self.buf

    def status(self, t=30):
        end = time.time() + t
        while time.time() < end:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.WEXITSTATUS(st) if os.WIFEXITED(st) else -1
            self.read(0.1)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return None


def check(name, ok, detail=''):
    global failed
    print(('[PASS] ' if ok else '[FAIL] ') + name + ('' if ok else ': ' + detail))
    failed |= not ok


def run(state, *words, env=None):
    return subprocess.run([BIN, '--state', state] + list(words), capture_output=True, env=env)


def machine(state, bindings=0):
    run(state, 'cert', 'import', 'file=' + PEM)
    if bindings:
        with open(state + '/add.netsh', 'w') as f:
            for i in range(bindings):
                f.write('http add sslcert ipport=10.0.%d.%d:443 certhash=%s appid=%s\n' % (i // 200, i % 200 + 1, HASH, APPID))
        run(state, '-f', state + '/add.netsh')


def shell(state, env=None):
    p = Pty([BIN, '--state', state], env)
    if not p.wait_for(b'sslbind> '):
        check('the shell starts', False, repr(p.buf[-200:]))
    return p


def case_blocked_output(state):
    machine(state, 100)
    p = shell(state)
    p.send(b'\x13')                                   # Ctrl-S: the terminal stops output
    p.send(b'http show sslcert\r', 1.0)               # some 100 KB: blocks in write()
    p.send(b'\x03', 0.5)                              # Ctrl-C while it is blocked
    p.send(b'\x11')                                   # Ctrl-Q: output resumes
    p.read(2)
    p.buf = b''
    p.send(b'http show sslcert ipport=10.0.0.1:443\r')
    check('the next command prints', p.wait_for(b'Certificate Hash'), repr(p.buf[-200:]))
    p.send(b'exit\r')
    st = p.status()
    check('after Ctrl-C at a paused prompt, exit 0', st == 0 and b'write error' not in p.buf, '%r %r' % (st, p.buf[-400:]))
    p = shell(state)
    p.buf = b''
    p.send(b'http show sslcert\r', 1.0)               # the terminal not read: the write blocks
    p.send(b'\x13')                                   # Ctrl-S: and stays blocked
    p.send(b'\x03', 0.5)                              # Ctrl-C while it is blocked
    p.send(b'\x11')                                   # Ctrl-Q
    p.read(3)
    # the terminal throws away what it held at Ctrl-C (no NOFLSH); what follows must come
    last = [l for l in run(state, 'http', 'show', 'sslcert').stdout.split(b'\n') if b'IP:port' in l][-1].strip()
    check('a blocked command\'s output goes on after Ctrl-C', last in p.buf, '%r never shown' % last)
    p.send(b'exit\r')
    st = p.status()
    check('after Ctrl-C during a blocked write, exit 0', st == 0 and b'write error' not in p.buf, '%r %r' % (st, p.buf[-400:]))


def case_lockwait(state):
    machine(state)
    run(state, 'http', 'add', 'sslcert', 'ipport=0.0.0.0:443', 'certhash=' + HASH, 'appid=' + APPID)
    before = open(state + '/bindings.reg', 'rb').read()
    holder = subprocess.Popen(['flock', state + '/bindings.lock', 'sleep', '60'])
    try:
        time.sleep(0.5)
        # Ctrl-C 1 s into the wait, and as the command starts (before its wait, or between two of
        # its sleeps: a signal there interrupts no sleep, the flag catches it)
        for delay in (1.0, 0.1, 0.3):
            p = shell(state, dict(os.environ, SSLBIND_LOCK_WAIT='20'))
            p.send(b'http delete sslcert ipport=0.0.0.0:443\r', delay)   # waits for the lock
            t0 = time.time()
            p.send(b'\x03', 0)
            while p.buf.count(b'sslbind> ') < 2 and time.time() - t0 < 25:
                p.read(0.1)
            took = time.time() - t0
            check('Ctrl-C %.2f s after the line ends the lock wait at once' % delay, took < 5, '%.1f s' % took)
            check('the command fails as for the lock timeout, saying it was interrupted',
                  b'Error: 33' in p.buf and b'interrupted' in p.buf and b'nothing changed' in p.buf, repr(p.buf[-400:]))
            check('nothing changed', open(state + '/bindings.reg', 'rb').read() == before)
            p.send(b'exit\r')
            p.status()
    finally:
        holder.kill()
        holder.wait()
    # a one-shot run still waits, and SIGINT kills it
    holder = subprocess.Popen(['flock', state + '/bindings.lock', 'sleep', '60'])
    try:
        time.sleep(0.5)
        env = dict(os.environ, SSLBIND_LOCK_WAIT='1')
        r = run(state, 'http', 'delete', 'sslcert', 'ipport=0.0.0.0:443', env=env)
        check('a one-shot run waits out the lock as before', r.returncode == 1 and b'has held the binding table for 1 second' in r.stderr, repr(r.stderr))
    finally:
        holder.kill()
        holder.wait()


def case_utf8(state):
    machine(state)
    p = shell(state)
    # typed bytes that are no UTF-8 character: a bell each, nothing inserted, the next key kept;
    # the command runs on what the screen shows
    for bad, bells in [(b'\xed\xa0\x80', 2), (b'\xc0\xaf', 2), (b'\xf4\x90\x80\x80', 3), (b'\xc3', 1),
                       (b'\xf8\x88\x80\x80\x80', 5), (b'\x80', 1), (b'\xe2\x82', 1)]:
        p.buf = b''
        p.send(b'http show sslcert hostnameport=' + bad + b'q.com:443', 0.5)
        p.read(0.2)
        shown = p.buf
        p.buf = b''
        p.send(b'\r', 0.5)
        p.read(0.3)
        check('%r: %d bell(s), nothing shown for it, the next key kept' % (bad, bells),
              shown.count(b'\x07') == bells and b'=\x07' in shown and shown.endswith(b'\x07' + b'q.com:443')
              and b'\xef\xbf\xbd' not in shown and b'U+' not in shown, repr(shown))
        check('%r: the command got what was shown' % bad, b'no binding has the key q.com:443' in p.buf, repr(p.buf[-300:]))
    p.buf = b''
    p.send(b'http show sslcert hostnameport=\xc3\xa9q.com:443\r', 0.5)   # a valid character goes through
    check('a valid character reaches the command', p.wait_for(b'non-ASCII byte'), repr(p.buf[-300:]))
    p.send(b'exit\r')
    p.status()
    hist = open(state + '/history', 'rb').read()
    check('the history holds no control bytes', not any(c < 0x20 and c != 0x0a for c in hist), repr(hist))


def case_exit_status(state):
    machine(state)
    run(state, 'http', 'add', 'sslcert', 'ipport=0.0.0.0:443', 'certhash=' + HASH, 'appid=' + APPID)
    bad, good = b'http show sslcert ipport=1.2.3.4:5\r', b'http show sslcert ipport=0.0.0.0:443\r'
    for name, keys, want in [('fail, exit', [bad, b'exit\r'], 1), ('fail, quit', [bad, b'quit\r'], 1),
                             ('fail, bye', [bad, b'bye\r'], 1), ('fail, Ctrl-D', [bad, b'\x04'], 1),
                             ('fail, http, exit', [bad, b'http\r', b'exit\r'], 0),
                             ('fail, ok, exit', [bad, good, b'exit\r'], 0), ('ok, exit', [good, b'exit\r'], 0)]:
        p = shell(state)
        for k in keys:
            p.send(k, 0.5)
        st = p.status()
        check('%s: exit status %d' % (name, want), st == want, 'got %r' % st)


def case_history(state):
    machine(state)
    p = shell(state)
    p.send(b'cert export certhash=%s file=%s/c.pfx password=Secr3t-Passw0rd\r' % (HASH.encode(), state.encode()), 1.0)
    p.send(b'cert import file=%s/c.pfx PassWord=0therSecr3t\r' % state.encode(), 1.0)
    # quoted, the tag is still the password (review 18, F3): the quotes group and go
    p.send(b'cert import file=%s/c.pfx "password=Quoted-Secr3t"\r' % state.encode(), 1.0)
    p.send(b'cert import file=%s/c.pfx pass""word=Spliced-Secr3t\r' % state.encode(), 1.0)
    # appcmd's password: (review 20, F1), as Azure Pipelines' IIS task sends it
    p.send(b"appcmd set site \"Default Web Site\" -[path='/'].[path='/'].password:Appcmd-Secr3t\r", 1.0)
    p.send(b'http show sslcert\r', 0.5)
    p.send(b'exit\r')
    p.status()
    hist = open(state + '/history', 'rb').read()
    check('a line with password= is not kept in the history', b'Secr3t' not in hist, repr(hist))
    check('the other lines are', b'http\\040show\\040sslcert' in hist, repr(hist))
    os.unlink(state + '/history')
    os.mkfifo(state + '/history')
    p = Pty([BIN, '--state', state])
    check('a FIFO at DIR/history: the shell starts', p.wait_for(b'sslbind> ', 10), repr(p.buf[-300:]))
    check('and says it keeps no history', b'not a regular file: no history kept' in p.buf, repr(p.buf[-300:]))
    p.send(b'exit\r')
    check('and leaves', p.status(10) == 0)


state = tempfile.mkdtemp()
try:
    globals()['case_' + CASE](state)
finally:
    shutil.rmtree(state, ignore_errors=True)
sys.exit(1 if failed else 0)
