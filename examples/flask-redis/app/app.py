"""The corpus's Flask hit counter, on the standard library only (the stand-in image has no Flask)."""
import os
import socket
from http.server import BaseHTTPRequestHandler, HTTPServer

REDIS_HOST = os.environ.get("REDIS_HOST", "redis")


def incr(key: str) -> int:
    """INCR over the Redis protocol (RESP): one command, one integer reply."""
    with socket.create_connection((REDIS_HOST, 6379), timeout=2) as conn:
        conn.sendall(f"*2\r\n$4\r\nINCR\r\n${len(key)}\r\n{key}\r\n".encode())
        reply = conn.makefile("rb").readline()
    if not reply.startswith(b":"):
        raise RuntimeError(reply.decode(errors="replace"))
    return int(reply[1:])


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            body = b"ok"
        else:
            body = f"Hello World! I have been seen {incr('hits')} times.\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8000"))), Handler).serve_forever()
