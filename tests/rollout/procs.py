"""Every process the harness starts, by PID, and the one place that ends them.

Each child is started in a session of its own (start_new_session=True), so its PID is also the
id of its process group: nginx's workers share their master's group, and killing the group by
that id ends the workers with the master. Nothing is ever ended by name.
"""
import asyncio
import atexit
import os
import shutil
import signal
import sys

_live = {}  # pid -> name
_dirs = set()  # temp dirs to remove on an interrupt


def track_dir(path):
    _dirs.add(path)


def forget_dir(path):
    _dirs.discard(path)
    shutil.rmtree(path, ignore_errors=True)


def track(pid, name):
    _live[pid] = name


def forget(pid):
    _live.pop(pid, None)


def live():
    return dict(_live)


def _kill_group(pid, sig):
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def kill_group(pid):
    """SIGKILL to the process group `pid` leads (the child's session), if any member is left."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def kill(pid, sig=signal.SIGKILL):
    """Signals one tracked process (and its group, for SIGKILL)."""
    if sig == signal.SIGKILL:
        _kill_group(pid, sig)
    else:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def kill_all():
    """Ends every tracked process group still alive; reaps what it can."""
    for pid in list(_live):
        _kill_group(pid, signal.SIGKILL)
    for pid in list(_live):
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        forget(pid)


async def spawn(name, argv, **kw):
    """Starts argv in its own session, tracked until it is reaped."""
    proc = await asyncio.create_subprocess_exec(*argv, start_new_session=True, **kw)
    track(proc.pid, name)
    return proc


def install_handlers():
    atexit.register(kill_all)

    def on_signal(signum, _frame):
        kill_all()
        for d in list(_dirs):
            forget_dir(d)
        sys.stderr.write(f"rollout: interrupted by signal {signum}; every started process was killed\n")
        os._exit(128 + signum)

    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, on_signal)
