"""``python build.py --watch --serve``: the web edition on http://127.0.0.1:PORT/, reloaded after each rebuild.

A small threaded HTTP server over the output folder, on the loopback address
only: ``/`` leads to ``/web/``, and the other editions beside the folder are
there too, so the site's download links work as they will once published.
Every HTML page it serves gets one script tag more, ``/__reload.js``
(``templates/web/reload.js``), which polls ``/__version``, a digest of the
names, sizes and times of the files in ``web/``, and reloads the page when a
rebuild has changed it. The files on disk are never changed: the edition
itself stays free of scripts.

It answers only requests addressed to this machine by name (``Host: localhost``,
``127.0.0.1`` or ``[::1]``, with or without the port): a page elsewhere that points a
name of its own at 127.0.0.1 (DNS rebinding) gets 421 and reads no draft. A client that
sends a malformed path or leaves before its answer is written is logged in one line.
"""

from __future__ import annotations

import hashlib
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pamphleteer import progress
from pamphleteer.errors import UsageError
from pamphleteer.infra.locations import templates_dir
from pamphleteer.infra.output import TEMP_PREFIX

HOST = "127.0.0.1"
NAMES = ("localhost", "127.0.0.1", "[::1]")  # the Host headers answered, with or without the port
RELOAD = b'<script src="/__reload.js"></script>'


def version(site: Path) -> str | None:
    """A digest that changes whenever a file of the site is written, added or removed.

    None while a build is writing the site (its temporary files are there): a page
    reloaded then could meet a file not yet in place.
    """
    h = hashlib.sha256()
    if site.is_dir():
        for path in sorted(site.rglob("*")):
            if path.name.startswith(TEMP_PREFIX):
                return None
            if path.is_file():
                st = path.stat()
                h.update(f"{path.relative_to(site).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files of the output folder; pages with the reload script; the version for it to poll."""

    out: Path  # set on the subclass made for each server
    last: dict[str, str]  # the version last answered, kept while a build is writing

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, directory=str(self.out), **kwargs)

    def do_HEAD(self) -> None:
        if self._addressed():
            super().do_HEAD()

    def do_GET(self) -> None:
        if not self._addressed():
            return
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            self.send_response(302)
            self.send_header("Location", "/web/")
            self.end_headers()
        elif path == "/__version":
            now = version(self.out / "web")
            if now is not None:
                self.last["version"] = now
            self._send(self.last.get("version", "").encode(), "text/plain; charset=utf-8")
        elif path == "/__reload.js":
            self._send((templates_dir() / "web" / "reload.js").read_bytes(), "text/javascript; charset=utf-8")
        else:
            file = Path(self.translate_path(self.path))  # the base class keeps it inside the folder
            if file.is_dir():
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file() and path.endswith((".html", "/")):
                page = file.read_bytes()
                at = page.rfind(b"</body>")
                self._send(page[:at] + RELOAD + page[at:] if at >= 0 else page, "text/html; charset=utf-8")
            else:
                super().do_GET()

    def _addressed(self) -> bool:
        """Whether the request names this machine and a path a file can have; if not, it is answered."""
        host = self.headers.get("Host")
        if host is None or not _ours(host, self.server.server_address[1]):
            progress.warn(f"serve: refused a request for host {_shown(host or '(none)')}; only localhost is served")
            self.send_error(421 if host else 400, "This preview answers only for localhost")
            return False
        if "\0" in unquote(self.path):
            progress.warn(f"serve: refused a path with a NUL byte from {self.client_address[0]}")
            self.send_error(400, "No such path")
            return False
        return True

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a rebuilt stylesheet or font is fetched again
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # a request log would drown the rebuild messages


def _ours(host: str, port: int) -> bool:
    """``localhost``, ``127.0.0.1`` or ``[::1]``, alone or with this server's port."""
    name, colon, given = host.rpartition(":")
    if not colon or host.endswith("]"):  # no port (a bare IPv6 address has colons of its own)
        name, given = host, str(port)
    return name.lower() in NAMES and given == str(port)


def _shown(text: str) -> str:
    """A client's text, short and printable, for one log line."""
    cut = text if len(text) <= 60 else text[:57] + "..."
    return repr("".join(c if c.isprintable() else repr(c)[1:-1] for c in cut))


class _HTTPServer(http.server.ThreadingHTTPServer):
    """Client faults logged in one line: a browser that leaves before its answer is no error of ours."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple) -> None:  # type: ignore[override]
        exc = sys.exc_info()[1]
        client = f"{client_address[0]}:{client_address[1]}"
        if isinstance(exc, ConnectionError | TimeoutError):
            progress.step(f"serve: {client} left before its answer was sent ({exc.strerror or exc})")
        else:
            progress.warn(f"serve: a request from {client} failed: {type(exc).__name__}: {_shown(str(exc))}")


class Server:
    """The preview server, running in a thread until :meth:`stop`."""

    def __init__(self, out: Path, port: int = 8000) -> None:
        handler = type("Handler", (_Handler,), {"out": out.resolve(), "last": {}})
        try:
            self.httpd = _HTTPServer((HOST, port), handler)
        except OSError as exc:
            raise UsageError(f"cannot serve on {HOST}:{port} ({exc.strerror}); choose another --port") from None
        self.url = f"http://{HOST}:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="pamphleteer-serve", daemon=True)

    def start(self) -> Server:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@contextmanager
def running(out: Path, port: int = 8000) -> Iterator[Server]:
    """Serve ``out`` while the block runs (port 0: any free port)."""
    server = Server(out, port).start()
    progress.result(f"serving {out / 'web'} at {server.url}web/ (reloads after each rebuild)")
    try:
        yield server
    finally:
        server.stop()
