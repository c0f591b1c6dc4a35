"""Load generator: keep-alive HTTP/1.1 clients against the load balancer on 127.0.0.1.

Usage: loadgen.py PORT CONCURRENCY INTERVAL MAX_SECONDS MAX_REQUESTS
Runs CONCURRENCY threads, each sending GET / over one keep-alive connection (a new one after the
server closes it or after an error), one request every INTERVAL seconds (or right after the
previous answer, if that took longer): the offered load stays the same whether answers are fast
errors or slow successes, as with real users. Stops when stdin reaches EOF (the harness closes
it), MAX_SECONDS have passed or MAX_REQUESTS were sent. Then prints one JSON object:
  requests, ok, non2xx, conn_errors, stale_retries, errors: [[monotonic time, kind], ...], statuses
Every attempt counts: a status >= 300 is a non-2xx, an exception (refused, reset, closed before
the response, timeout) is a connection error.

Like urllib3's pool, a thread checks before reusing a pooled connection whether the server has
closed it meanwhile (readable at EOF) and opens a new one if so. Like browsers and Go's
http.Transport (RFC 9112, section 9.3.1), a GET sent on a *reused* keep-alive connection that the
server closed before any byte of the response came back, within STALE seconds of sending, is sent
again once on a new connection, and counted in stale_retries. That is the race of a keep-alive
connection closed while idle: nginx's old workers do it on every reload, a real ALB does not.
A request cut later (a drain cut at the deregistration delay) or any status is never retried.
"""
import http.client
import json
import select
import sys
import threading
import time

HOST = "127.0.0.1"
STALE = 0.05
NO_RESPONSE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


def main():
    port, conc, interval = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    max_s, max_n = float(sys.argv[4]), int(sys.argv[5])
    stop = threading.Event()
    lock = threading.Lock()
    st = {"requests": 0, "ok": 0, "non2xx": 0, "conn_errors": 0, "errors": [], "statuses": {},
          "stale_retries": 0, "retries": []}
    deadline = time.monotonic() + max_s

    def take_slot():
        with lock:
            if st["requests"] >= max_n:
                return False
            st["requests"] += 1
            return True

    def record(kind, status=None):
        with lock:
            if status is not None:
                st["statuses"][str(status)] = st["statuses"].get(str(status), 0) + 1
            if kind == "ok":
                st["ok"] += 1
            elif kind == "conn":
                st["conn_errors"] += 1
            else:
                st["non2xx"] += 1

    def err(what):
        with lock:
            if len(st["errors"]) < 5000:
                st["errors"].append([time.monotonic(), what])

    def worker(i):
        conn = None
        reused = False
        next_at = time.monotonic() + interval * i / conc  # spread the connections' phases
        while not stop.is_set() and time.monotonic() < deadline:
            delay = next_at - time.monotonic()
            if delay > 0 and stop.wait(delay):
                break
            next_at = max(next_at + interval, time.monotonic())
            if conn is not None and dropped(conn):
                conn.close()
                conn = None
            if conn is None:
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                reused = False
            if not take_slot():
                break
            sent = time.monotonic()
            try:
                try:
                    conn.request("GET", "/", headers={"Host": "app.example"})
                    resp = conn.getresponse()
                except NO_RESPONSE:
                    if not reused or time.monotonic() - sent > STALE:
                        raise
                    with lock:
                        st["stale_retries"] += 1
                        st["retries"].append([time.monotonic(), "stale keep-alive connection, sent again"])
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=30)
                    reused = False
                    sent = time.monotonic()
                    conn.request("GET", "/", headers={"Host": "app.example"})
                    resp = conn.getresponse()
                body = resp.read()
                if 200 <= resp.status < 300:
                    record("ok", resp.status)
                else:
                    record("non2xx", resp.status)
                    err(f"{resp.status} {first_line(body)}")
                reused = True
                if resp.will_close:
                    conn.close()
                    conn = None
            except Exception as e:  # every failure of the exchange is a connection error
                record("conn")
                how = "reused" if reused else "new"
                err(f"{type(e).__name__}: {e} ({how} connection, after {time.monotonic() - sent:.3f}s)"[:140])
                conn.close()
                conn = None
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(conc)]
    for t in threads:
        t.start()

    def watch_stdin():
        sys.stdin.read()
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()) + 35)
    with lock:
        sys.stdout.write(json.dumps(st) + "\n")
    sys.stdout.flush()


def first_line(body):
    text = body.decode("latin-1")
    if "<title>" in text:  # nginx's own error page: its title says it all
        text = text.split("<title>", 1)[1].split("</title>", 1)[0]
    return text.strip().split("\n")[0][:60]


def dropped(conn):
    if conn.sock is None:
        return True
    try:
        readable, _, _ = select.select([conn.sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)  # an idle keep-alive connection is readable only at EOF


if __name__ == "__main__":
    main()
