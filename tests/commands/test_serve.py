"""The preview server: the web edition on 127.0.0.1, pages with the reload script, a version that a rebuild changes."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import struct
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from pamphleteer.commands import serve
from tests import children


def _get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        conn.close()


@pytest.fixture
def served(small_out):
    out = small_out
    server = serve.Server(out, 0).start()
    yield out, server.httpd.server_address[1]
    server.stop()


def test_pages_get_the_reload_script_and_other_files_come_as_they_are(served):
    out, port = served
    status, headers, _ = _get(port, "/")
    assert status == 302 and headers["Location"] == "/web/"
    status, headers, body = _get(port, "/web/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body.endswith(b'<script src="/__reload.js"></script></body>\n</html>')
    assert body.replace(serve.RELOAD, b"") == (out / "web" / "index.html").read_bytes()
    assert (out / "web" / "index.html").read_bytes().count(b"<script") == 0  # the file on disk is untouched
    assert _get(port, "/web/style.css")[2] == (out / "web" / "style.css").read_bytes()
    assert _get(port, "/pamphlet.pdf")[2] == (out / "pamphlet.pdf").read_bytes()  # the download links work
    assert b"/__version" in _get(port, "/__reload.js")[2]
    assert _get(port, "/web/../../../etc/passwd")[0] == 404
    assert _get(port, "/web/%2e%2e/%2e%2e/etc/hostname")[0] == 404


def test_the_version_changes_when_a_file_of_the_site_is_written(served):
    out, port = served
    first = _get(port, "/__version")[2]
    assert _get(port, "/__version")[2] == first
    (out / "pamphlet.pdf").write_bytes(b"not the site")
    assert _get(port, "/__version")[2] == first
    (out / "web" / ".pamphleteer-tmp-x").write_bytes(b"a build is writing")
    (out / "web" / "people.html").write_text("<p>new</p>", encoding="utf-8")
    assert _get(port, "/__version")[2] == first  # not yet: the build is not done
    (out / "web" / ".pamphleteer-tmp-x").unlink()
    assert _get(port, "/__version")[2] != first


def test_a_busy_port_is_a_usage_error(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(
            serve.UsageError, match=rf"^cannot serve on 127.0.0.1:{port} \(.+\); choose another --port$"
        ):
            serve.Server(tmp_path, port)


def test_watch_and_serve_rebuilds_and_the_served_page_changes_after_an_edit(small, tmp_path):
    out = tmp_path / "out"
    with socket.socket() as s:  # a free port for the child to take
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    child = children.build("web", "--serve", "--port", port, "--content", small, "--output", out)
    try:
        child.wait_for(f"serving {out / 'web'} at http://127.0.0.1:{port}/web/", "stdout")
        child.wait_for("watching ", "stdout")  # built, and the watcher in place
        first = _version(port)
        page = _get(port, "/web/chapter-safety.html")[2].decode()
        assert first is not None and "The machine we still ride" not in page
        path: Path = small / "chapters" / "safety.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["title"] = "The machine we still ride"
        edited = child.said_so_far("stdout")
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        child.wait_for("changed: safety.yaml", "stdout", after=edited)
        child.wait_for("built web", "stdout", after=edited)
        assert _version(port) not in (None, first)
        page = _get(port, "/web/chapter-safety.html")[2].decode()
        assert '<h1 id="title">The machine we still ride</h1>' in page
    finally:
        child.proc.terminate()
        child.finish()


def _version(port: int) -> bytes | None:
    try:
        status, _, body = _get(port, "/__version")
    except OSError:
        return None
    return body if status == 200 and body != serve.version(Path("/nonexistent")).encode() else None


def _wait_for(probe, done, seconds: float):
    """Poll ``probe`` until ``done`` says yes, for at most ``seconds``: a bounded loop."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = probe()
        if done(value):
            return value
        time.sleep(0.25)
    raise AssertionError(f"gave up after {seconds} s")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (Debian package chromium)")
def test_a_page_open_in_the_browser_reloads_after_a_rebuild(small, run, tmp_path):
    out = tmp_path / "out"
    assert run("web", "--content", small, "--output", out)[0] == 0
    server = serve.Server(out, 0).start()
    with socket.socket() as s:  # a free port for the browser's own status page
        s.bind(("127.0.0.1", 0))
        devtools = s.getsockname()[1]
    browser = subprocess.Popen(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--remote-debugging-port={devtools}",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"{server.url}web/chapter-safety.html",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: _titles(devtools), lambda t: t == ["The safety bicycle · Two Wheels"], 60)
        path = small / "chapters" / "safety.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["title"] = "The machine we still ride"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        assert run("web", "--content", small, "--output", out)[0] == 0  # a rebuild, as --watch makes
        _wait_for(lambda: _titles(devtools), lambda t: t == ["The machine we still ride · Two Wheels"], 60)
    finally:
        browser.terminate()
        browser.wait(timeout=30)
        server.stop()


def _titles(port: int) -> list[str]:
    """The titles of the pages open in the browser, from its status page (plain HTTP on 127.0.0.1)."""
    try:
        status, _, body = _get(port, "/json/list")
    except OSError:
        return []
    return [t["title"] for t in json.loads(body) if t["type"] == "page"] if status == 200 else []


def _raw(port: int, request: bytes) -> bytes:
    """What the server answers to ``request`` sent as bytes on a plain socket."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize(
    ("host", "status"),
    [
        (b"localhost", 200),
        (b"LOCALHOST:{port}", 200),
        (b"127.0.0.1:{port}", 200),
        (b"[::1]", 200),
        (b"[::1]:{port}", 200),
        (b"evil.example", 421),
        (b"evil.example:{port}", 421),
        (b"localhost.evil.example", 421),
        (b"localhost:1", 421),
        (None, 400),
    ],
)
def test_only_requests_addressed_to_localhost_are_answered(host, status, served, caplog):
    out, port = served
    header = b"" if host is None else b"Host: " + host.replace(b"{port}", str(port).encode()) + b"\r\n"
    answer = _raw(port, b"GET /web/index.html HTTP/1.1\r\n" + header + b"Connection: close\r\n\r\n")
    assert answer.startswith(f"HTTP/1.0 {status} ".encode())
    page = (out / "web" / "index.html").read_bytes()
    assert (page[:500] in answer) == (status == 200)  # a refused request reads nothing of the edition
    if status != 200:
        shown = "(none)" if host is None else host.replace(b"{port}", str(port).encode()).decode()
        assert caplog.messages == [f"serve: refused a request for host '{shown}'; only localhost is served"]


@pytest.mark.parametrize("path", [b"/web/\x00", b"/web/%00", b"/web/index.html%00.png"])
def test_a_nul_byte_in_the_path_is_a_400_logged_in_one_line(path, served, caplog):
    _, port = served
    answer = _raw(port, b"GET " + path + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 400 ")
    assert caplog.messages == ["serve: refused a path with a NUL byte from 127.0.0.1"]


def test_a_client_that_leaves_early_is_logged_in_one_line_without_a_traceback(served, caplog, capfd):
    _, port = served
    caplog.set_level("INFO", logger="pamphleteer.progress")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET /pamphlet.epub HTTP/1.1\r\nHost: local")  # the server waits for the rest
        # then closed with SO_LINGER 0: a reset, as when a browser tab is closed mid-request
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    _wait_for(lambda: list(caplog.messages), bool, 30)
    [message] = caplog.messages
    assert re.fullmatch(r"serve: 127\.0\.0\.1:\d+ left before its answer was sent \(.+\)", message), message
    assert "Traceback" not in capfd.readouterr().err
