"""kube-proxy on one node, for ALB instance mode: the Service's NodePort on 127.0.0.1.

Usage: kubeproxy.py SEED
Prints the port it listens on. Reads endpoint lists on stdin, one a line: "EP port port ...".
Each new connection goes to an endpoint picked at random from the current list (iptables mode
picks with equal probability) and stays pinned to it for its whole life, as a conntrack entry
does: removing an endpoint affects new connections only. A connection refused or reset by the
pod is reset towards the client (the ALB); a close is passed on as a close.
"""
import asyncio
import random
import socket
import struct
import sys


class Proxy:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.endpoints = []

    async def run(self):
        server = await asyncio.start_server(self.handle, "127.0.0.1", 0, backlog=256)
        sys.stdout.write(f"{server.sockets[0].getsockname()[1]}\n")
        sys.stdout.flush()
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while True:
            line = await reader.readline()
            if not line:
                return
            parts = line.decode().split()
            if parts and parts[0] == "EP":
                self.endpoints = [int(p) for p in parts[1:]]

    async def handle(self, cr, cw):
        if not self.endpoints:
            reset(cw)
            return
        port = self.rng.choice(self.endpoints)
        try:
            pr, pw = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            reset(cw)
            return
        await asyncio.gather(pipe(cr, pw, cw), pipe(pr, cw, pw))
        for w in (cw, pw):
            w.close()


async def pipe(src, dst, src_writer):
    try:
        while True:
            data = await src.read(65536)
            if not data:
                break
            dst.write(data)
            await dst.drain()
        if not dst.is_closing() and dst.can_write_eof():
            dst.write_eof()
    except (ConnectionError, OSError):
        reset(dst)
        reset(src_writer)


def reset(writer):
    sock = writer.get_extra_info("socket")
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except (OSError, AttributeError):
        pass
    writer.transport.abort()


if __name__ == "__main__":
    asyncio.run(Proxy(int(sys.argv[1])).run())
