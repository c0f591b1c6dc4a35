"""One pod of the sample app: a real HTTP/1.1 server on 127.0.0.1, an ephemeral port.

Usage: pod.py JSON   where JSON holds (seconds already scaled by the harness):
  name, startup, request, shutdown, keepalive, ready_path, on_sigterm

Prints the port it listens on, then serves:
  ready_path  200 once `startup` seconds have passed since start, 503 before and after SIGTERM
  anything    waits `request` seconds, then 200 (503 while still starting)
Keep-alive: a connection idle for `keepalive` seconds is closed by the app.

On SIGTERM, every behaviour but "exit" closes the listening socket (new connections are
refused), lets each in-flight request finish and answers it with `Connection: close`, and exits
once no connection is left or `shutdown` seconds have passed, whichever is first. They differ
in what happens to keep-alive connections idle at that moment:
  close-idle  closed at once: what Go's http.Server.Shutdown, Node's server.close() and nginx
              do, the most common graceful stop
  drain       kept open; the next request on each is answered with `Connection: close` (what
              IN3 asks of an app behind an ALB in instance mode)
  exit        a naive app: exits at once, the kernel closes every connection
SIGUSR1: the load balancer drops its connections to this target (App Gateway with connection
draining off): every open connection is reset (RST); the process itself keeps running.
"""
import asyncio
import json
import os
import signal
import socket
import struct
import sys
import time


def main():
    cfg = json.loads(sys.argv[1])
    asyncio.run(Pod(cfg).run())


class Conn:
    def __init__(self, writer):
        self.writer = writer
        self.busy = False


class Pod:
    def __init__(self, cfg):
        self.cfg = cfg
        self.start = time.monotonic()
        self.terminating = False
        self.conns = set()
        self.done = None
        self.server = None

    def started(self):
        return time.monotonic() - self.start >= self.cfg["startup"]

    async def run(self):
        self.done = asyncio.Event()
        self.server = await asyncio.start_server(self.handle, "127.0.0.1", 0, backlog=256)
        port = self.server.sockets[0].getsockname()[1]
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, self.on_term)
        loop.add_signal_handler(signal.SIGUSR1, self.on_lb_cut)
        sys.stdout.write(f"{port}\n")
        sys.stdout.flush()
        await self.done.wait()
        os._exit(0)

    def on_term(self):
        if self.cfg["on_sigterm"] == "exit":
            os._exit(0)
        if self.terminating:
            return
        self.terminating = True
        self.server.close()  # stop listening: new connections are refused from now on
        if self.cfg["on_sigterm"] == "close-idle":
            for c in list(self.conns):
                if not c.busy:
                    c.writer.close()
        asyncio.get_running_loop().call_later(self.cfg["shutdown"], lambda: os._exit(0))
        self.maybe_exit()

    def on_lb_cut(self):
        for c in list(self.conns):
            reset(c.writer)

    def maybe_exit(self):
        if self.terminating and not self.conns:
            self.done.set()

    async def handle(self, reader, writer):
        c = Conn(writer)
        self.conns.add(c)
        try:
            while True:
                try:
                    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self.cfg["keepalive"])
                except (asyncio.TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                        ConnectionError):
                    break
                c.busy = True
                lines = head.decode("latin-1").split("\r\n")
                parts = lines[0].split(" ")
                path = parts[1] if len(parts) > 1 else "/"
                headers = {}
                for line in lines[1:]:
                    k, _, v = line.partition(":")
                    headers[k.strip().lower()] = v.strip().lower()
                client_close = headers.get("connection") == "close" or lines[0].endswith("HTTP/1.0")
                if path == self.cfg["ready_path"]:
                    status = 200 if self.started() and not self.terminating else 503
                elif not self.started():
                    status = 503
                else:
                    await asyncio.sleep(self.cfg["request"])
                    status = 200
                close = client_close or self.terminating
                body = f"{self.cfg['name']} {status}\n".encode()
                writer.write(
                    f"HTTP/1.1 {status} {'OK' if status == 200 else 'Unavailable'}\r\n"
                    f"Content-Type: text/plain\r\nContent-Length: {len(body)}\r\n"
                    f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n".encode() + body)
                try:
                    await writer.drain()
                except ConnectionError:
                    break
                c.busy = False
                if close:
                    break
        finally:
            self.conns.discard(c)
            writer.close()
            self.maybe_exit()


def reset(writer):
    sock = writer.get_extra_info("socket")
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    writer.transport.abort()


if __name__ == "__main__":
    main()
