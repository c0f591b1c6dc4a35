"""The load balancer's data plane: a real nginx on 127.0.0.1, in a temp dir of its own.

The set of targets that get new requests is written to upstream.conf and applied with
`nginx -s reload`. A reload starts new workers with the new set; the old workers get no new
request, answer their in-flight ones with `Connection: close`, and are cut after
`worker_shutdown_timeout`, which the harness sets to the deregistration delay (ALB) or the
draining timeout (App Gateway): the same bound the LB puts on a draining target's in-flight work.

With stream=True it is a TCP proxy instead (nginx's stream module, an NLB): each client connection
gets one connection to one target for its whole life, whatever it carries. There is no
worker_shutdown_timeout: after a reload the old workers keep every established connection until
one end closes it, as an NLB keeps established flows to a deregistered target. With no target a
new connection is closed at once.
"""
import asyncio
import functools
import os
import re
import signal
import socket
import subprocess
import time

import procs

MAIN_CONF = """\
worker_processes 1;
daemon off;
master_process on;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
worker_shutdown_timeout {shutdown_ms}ms;
events {{ worker_connections 1000; }}
http {{
    log_format lb '$msec $status $upstream_addr $upstream_status $request_time';
    access_log {dir}/access.log lb;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    # The LB's idle timeout on the client side.
    keepalive_timeout {idle_s}ms;
    keepalive_requests 1000000;
    include {dir}/upstream.conf;
}}
"""

SERVER_WITH_TARGETS = """\
upstream targets {{
{servers}
    keepalive 64;
    keepalive_timeout {idle_s}ms;
    keepalive_requests 1000000;
}}
server {{
    listen 127.0.0.1:{port};
    location / {{
        proxy_pass http://targets;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        # An ALB or App Gateway never retries a request on another target.
        proxy_next_upstream off;
        proxy_connect_timeout {connect_ms}ms;
        proxy_read_timeout {read_ms}ms;
        proxy_send_timeout {read_ms}ms;
    }}
}}
"""

SERVER_WITHOUT_TARGETS = """\
server {{
    listen 127.0.0.1:{port};
    location / {{ return {status}; }}
}}
"""


MAIN_CONF_STREAM = """\
{load_module}worker_processes 1;
daemon off;
master_process on;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
# No worker_shutdown_timeout: an old worker keeps its connections until one end closes them.
events {{ worker_connections 4000; }}
stream {{
    log_format lb '$msec $status $upstream_addr $session_time';
    access_log {dir}/access.log lb;
    include {dir}/upstream.conf;
}}
"""

STREAM_WITH_TARGETS = """\
upstream targets {{
    # A flow goes to a target picked at random (an NLB hashes the flow's addresses and ports).
    random;
{servers}
}}
server {{
    listen 127.0.0.1:{port};
    proxy_pass targets;
    # An NLB does not try another target when one refuses the connection.
    proxy_next_upstream off;
    proxy_connect_timeout {connect_ms}ms;
    # The NLB's TCP idle timeout.
    proxy_timeout {idle_s}ms;
}}
"""

STREAM_WITHOUT_TARGETS = """\
server {{
    listen 127.0.0.1:{port};
    return "";
}}
"""


@functools.lru_cache(maxsize=None)
def stream_module():
    """The load_module line nginx needs for the stream module: "" when it is built in. Raises
    RuntimeError when it has neither (Debian: install libnginx-mod-stream)."""
    v = subprocess.run(["nginx", "-V"], capture_output=True, text=True).stderr
    if re.search(r"--with-stream(\s|$)", v):
        return ""
    m = re.search(r"--modules-path=(\S+)", v)
    path = os.path.join(m.group(1) if m else "/usr/lib/nginx/modules", "ngx_stream_module.so")
    if "--with-stream=dynamic" in v and os.path.exists(path):
        return f"load_module {path};\n"
    raise RuntimeError("nginx has no stream module (Debian package libnginx-mod-stream)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    def __init__(self, workdir, shutdown_s, idle_s, read_s, connect_s, empty_status, stream=False):
        self.dir = workdir
        self.stream = stream
        self.shutdown_s = shutdown_s
        self.idle_s = idle_s
        self.read_s = read_s
        self.connect_s = connect_s
        self.empty_status = empty_status
        self.port = free_port()
        self.proc = None
        self.reloads = 0
        self.latest = set()  # the workers of the last config written
        self.lock = asyncio.Lock()
        os.makedirs(f"{self.dir}/tmp", exist_ok=True)

    def _ms(self, s):
        return max(1, int(round(s * 1000)))

    def _write(self, ports):
        if self.stream:
            if ports:
                servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=0;" for p in sorted(ports))
                text = STREAM_WITH_TARGETS.format(servers=servers, port=self.port, idle_s=self._ms(self.idle_s),
                                                  connect_ms=self._ms(self.connect_s))
            else:
                text = STREAM_WITHOUT_TARGETS.format(port=self.port)
        elif ports:
            # max_fails=0: nginx's own passive failure detection is off; only the LB's health
            # checks decide, as on an ALB or App Gateway.
            servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=0;" for p in sorted(ports))
            text = SERVER_WITH_TARGETS.format(servers=servers, port=self.port, idle_s=self._ms(self.idle_s),
                                              connect_ms=self._ms(self.connect_s),
                                              read_ms=self._ms(self.read_s))
        else:
            text = SERVER_WITHOUT_TARGETS.format(port=self.port, status=self.empty_status)
        tmp = f"{self.dir}/upstream.conf.new"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, f"{self.dir}/upstream.conf")

    async def start(self, ports):
        with open(f"{self.dir}/nginx.conf", "w") as f:
            if self.stream:
                f.write(MAIN_CONF_STREAM.format(dir=self.dir, load_module=stream_module()))
            else:
                f.write(MAIN_CONF.format(dir=self.dir, shutdown_ms=self._ms(self.shutdown_s),
                                         idle_s=self._ms(self.idle_s)))
        self._write(ports)
        self.proc = await procs.spawn("nginx", ["nginx", "-p", self.dir, "-c", f"{self.dir}/nginx.conf",
                                                "-e", f"{self.dir}/error.log"],
                                      stdin=asyncio.subprocess.DEVNULL)
        for _ in range(200):
            try:
                r, w = await asyncio.open_connection("127.0.0.1", self.port)
                w.close()
                await self._new_workers(set())
                return
            except OSError:
                await asyncio.sleep(0.01)
        raise RuntimeError(f"nginx did not listen on {self.port}: {self.errors()}")

    async def _new_workers(self, old):
        """Waits until the master has started a worker that is not in `old`: one with the config
        just written."""
        end = time.monotonic() + 5
        while not self.workers().keys() - old:
            if time.monotonic() > end:
                raise RuntimeError(f"nginx started no worker with its new config: {self.errors()}")
            await asyncio.sleep(0.002)
        self.latest = set(self.workers()) - old

    async def settle(self):
        """Waits until only the workers of the last config take requests."""
        if await self.stopped_accepting(set(self.workers()) - self.latest) is None:
            raise RuntimeError("nginx's old workers did not stop taking requests")

    def workers(self):
        """The master's workers that may still take new connections: {PID: title}. A worker told to
        stop closes its listening sockets and retitles itself "worker process is shutting down"
        (a worker just forked still bears the master's title)."""
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
                pids = [int(x) for x in f.read().split()]
        except OSError:
            return {}
        found = {}
        for pid in pids:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    title = f.read().decode("latin-1")
            except OSError:
                continue
            if "shutting down" not in title:
                found[pid] = title
        return found

    async def stopped_accepting(self, pids, timeout=5.0):
        """Waits until none of `pids` takes new connections; returns when (monotonic), or None on
        timeout. After a reload the master starts the new workers and stops the old ones 100 ms
        later: until then both take requests."""
        end = time.monotonic() + timeout
        while self.workers().keys() & pids:
            if time.monotonic() > end:
                return None
            await asyncio.sleep(0.002)
        return time.monotonic()

    async def apply(self, ports):
        """Writes the targets and reloads, and returns once the master has started a worker with
        them. Returns the workers that took requests before, which go on doing so a little while
        (stopped_accepting)."""
        async with self.lock:
            old = set(self.workers())
            self._write(ports)
            p = await procs.spawn("nginx -s reload", ["nginx", "-p", self.dir, "-c", f"{self.dir}/nginx.conf",
                                                      "-e", f"{self.dir}/error.log", "-s", "reload"],
                                  stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
                                  stderr=asyncio.subprocess.PIPE)
            _, err = await asyncio.wait_for(p.communicate(), 10)
            procs.forget(p.pid)
            if p.returncode != 0:
                raise RuntimeError(f"nginx -s reload failed: {err.decode()}")
            self.reloads += 1
            # The next reload must find this one's worker among the old ones.
            await self._new_workers(old)
            return old

    async def stop(self):
        if self.proc is None:
            return
        pid = self.proc.pid
        procs.kill(pid, signal.SIGTERM)  # fast shutdown of master and workers
        try:
            await asyncio.wait_for(self.proc.wait(), 3)
        except asyncio.TimeoutError:
            pass
        # The whole group, workers included (a worker outliving its master keeps the group id).
        procs.kill_group(pid)
        if self.proc.returncode is None:
            procs.kill(pid, signal.SIGKILL)
            try:
                await asyncio.wait_for(self.proc.wait(), 3)
            except asyncio.TimeoutError:
                pass
        procs.forget(pid)

    def errors(self):
        try:
            with open(f"{self.dir}/error.log") as f:
                return f.read()[-2000:]
        except OSError:
            return ""
