"""``python build.py --watch --serve``: the web edition on http://127.0.0.1:PORT/, reloaded after each rebuild.

A small threaded HTTP server over the output folder, on the loopback address
only: ``/`` leads to ``/web/``, and the other editions beside the folder are
there too, so the site's download links work as they will once published.
Every HTML page it serves gets one script tag more, ``/__reload.js``
(``templates/web/reload.js``), which polls ``/__version``, a digest of the
names, sizes and times of the files in ``web/``, and reloads the page when a
rebuild has changed it. The files on disk are never changed: the edition
itself stays free of scripts.
"""

from __future__ import annotations

import hashlib
import http.server
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

    def do_GET(self) -> None:
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


class Server:
    """The preview server, running in a thread until :meth:`stop`."""

    def __init__(self, out: Path, port: int = 8000) -> None:
        handler = type("Handler", (_Handler,), {"out": out.resolve(), "last": {}})
        try:
            self.httpd = http.server.ThreadingHTTPServer((HOST, port), handler)
        except OSError as exc:
            raise UsageError(f"cannot serve on {HOST}:{port} ({exc.strerror}); choose another --port") from None
        self.httpd.daemon_threads = True
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
