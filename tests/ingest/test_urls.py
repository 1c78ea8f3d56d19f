"""URL inputs (issue 15): ``eventcoder extract URL`` and feeds by URL, fetched with a time cap,
a size cap and checked redirects; private, loopback and link-local addresses refused unless
``allow_private_urls`` is set.

Everything runs against a tiny HTTP server on 127.0.0.1 in a thread: the loopback address a
default fetch must refuse. Tests that fetch from it set ``allow_private_urls``, or replace the
address policy so that 127.0.0.1 counts as public while another loopback address does not (to
check that a redirect's target is checked like the first URL).
"""

from __future__ import annotations

import gzip
import http.server
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventcoder.ingest import Skipped, iter_articles
from eventcoder.ingest import fetch as fetch_module
from eventcoder.ingest.fetch import FetchError, fetch_url, refused_address
from eventcoder.ingest.limits import ReadLimits
from eventcoder.schema import Article

BODY = "Gunmen killed two farmers near Kirkuk on Monday, police said."
PAGE = f"<html><head><title>Kirkuk</title></head><body><p>{BODY}</p></body></html>".encode()
FEED = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>One</title><description>{BODY}</description></item>"
        "<item><title>Two</title><description>Militants attacked a checkpoint near Mosul."
        "</description></item></channel></rss>").encode()
JSONL = (b'{"id": "r1", "text": "Gunmen killed two farmers near Kirkuk."}\n'
         b'{"id": "r2", "text": "Militants attacked a checkpoint near Mosul."}\n')


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hosts: list[str] = []  # the Host headers received

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/plain",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Handler.hosts.append(self.headers.get("Host", ""))
        path = self.path
        port = self.server.server_address[1]
        if path == "/article.html":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/story":  # no extension: told by its media type
            self._send(200, PAGE, "text/html")
        elif path == "/article.txt":
            self._send(200, BODY.encode(), "text/plain")
        elif path == "/feed":
            self._send(200, FEED, "application/rss+xml")
        elif path == "/news.jsonl":
            self._send(200, JSONL, "text/plain")
        elif path == "/news.jsonl.gz":
            self._send(200, gzip.compress(JSONL), "application/octet-stream")
        elif path == "/gzipped-page":
            self._send(200, gzip.compress(PAGE), "text/html", {"Content-Encoding": "gzip"})
        elif path.startswith("/redirect/"):
            n = int(path.rsplit("/", 1)[1])
            target = "/article.html" if n == 0 else f"/redirect/{n - 1}"
            self._send(302, headers={"Location": target})
        elif path == "/to-other-loopback":
            self._send(302, headers={"Location": f"http://127.0.0.2:{port}/article.html"})
        elif path == "/to-file":
            self._send(302, headers={"Location": "file:///etc/passwd"})
        elif path == "/missing":
            self._send(404, b"no")
        elif path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(10 ** 10))
            self.end_headers()
        elif path == "/endless":  # no length: read until the cap
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(10_000):
                    self.wfile.write(b"x" * 65536)
            except OSError:
                pass
        elif path == "/gzip-bomb":  # 200 MB of zeros in 200 KB
            body = self.server.bomb  # type: ignore[attr-defined]
            self._send(200, body, "text/plain", {"Content-Encoding": "gzip"})
        elif path == "/slow":  # nothing for longer than the cap
            time.sleep(3)
            self._send(200, BODY.encode())
        elif path == "/drip":  # a byte at a time, forever: each read is quick
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        else:
            self._send(404, b"no")


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeouts and caps under test): no traceback


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.bomb = gzip.compress(bytes(200 * 1024 * 1024), compresslevel=1)  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


OPEN = ReadLimits(allow_private_urls=True)


def _read(*urls: str, limits: ReadLimits = OPEN) -> list[Article | Skipped]:
    return list(iter_articles(urls, limits=limits))


@pytest.fixture
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 counts as a public address (the test server's); other addresses keep the
    real policy, so 127.0.0.2 is still a refused loopback address."""
    real = fetch_module.refused_address
    monkeypatch.setattr(fetch_module, "refused_address",
                        lambda ip: None if str(ip) == "127.0.0.1" else real(ip))


# -- the address policy ------------------------------------------------------------------------

@pytest.mark.parametrize(("address", "why"), [
    ("127.0.0.1", "a loopback address"), ("::1", "a loopback address"),
    ("10.1.2.3", "a private address"), ("172.16.0.1", "a private address"),
    ("192.168.1.1", "a private address"), ("fc00::1", "a private address"),
    ("169.254.169.254", "a link-local address"), ("fe80::1", "a link-local address"),
    ("224.0.0.1", "a multicast address"), ("ff02::1", "a multicast address"),
    ("0.0.0.0", "an unspecified address"), ("240.0.0.1", "a private address"),
    ("100.64.0.1", "a non-public address"), ("::ffff:127.0.0.1", "a loopback address"),
    ("93.184.216.34", None), ("2606:4700:4700::1111", None),
])
def test_which_addresses_a_url_may_not_reach(address: str, why: str | None) -> None:
    assert refused_address(ipaddress.ip_address(address)) == why


def test_loopback_is_refused_by_default(server: str) -> None:
    out = _read(f"{server}/article.html", limits=ReadLimits())
    assert out == [Skipped(f"{server}/article.html",
                           "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address (set "
                           "allow_private_urls to fetch such addresses)")]


def test_a_name_is_checked_for_every_address_it_resolves_to(monkeypatch) -> None:
    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match=r"resolves to 10\.0\.0\.7, a private address"):
        fetch_url("http://mixed.example/")


# -- fetching ----------------------------------------------------------------------------------

def test_a_page_by_url_with_the_setting(server: str) -> None:
    url = f"{server}/article.html"
    out = _read(url)
    assert len(out) == 1 and isinstance(out[0], Article)
    assert out[0].text == BODY and out[0].origin == url and out[0].url == url


@pytest.mark.parametrize(("path", "ids"), [
    ("/story", None), ("/article.txt", None), ("/gzipped-page", None),
    ("/news.jsonl", ["r1", "r2"]), ("/news.jsonl.gz", ["r1", "r2"]),
])
def test_the_reader_is_told_by_media_type_extension_or_content(server: str, path: str,
                                                               ids: list[str] | None) -> None:
    out = _read(server + path)
    assert all(isinstance(a, Article) for a in out), out
    if ids is None:
        assert [a.text for a in out] == [BODY]  # type: ignore[union-attr]
    else:
        assert [a.id for a in out] == ids  # type: ignore[union-attr]


def test_a_feed_by_url(server: str) -> None:
    out = _read(f"{server}/feed")
    assert [a.origin for a in out] == [f"{server}/feed#item 1", f"{server}/feed#item 2"]
    assert isinstance(out[0], Article) and out[0].source == "Wire"


def test_redirects_are_followed_up_to_the_cap(server: str) -> None:
    out = _read(f"{server}/redirect/3")
    assert isinstance(out[0], Article) and out[0].url == f"{server}/article.html"
    out = _read(f"{server}/redirect/3", limits=ReadLimits(allow_private_urls=True,
                                                          max_redirects=2))
    assert isinstance(out[0], Skipped)
    assert out[0].reason == (f"more than 2 redirects (max_redirects), last to "
                             f"{server}/redirect/0")


def test_a_redirect_to_a_private_address_is_refused(server: str, loopback_is_public) -> None:
    # the first hop is allowed (127.0.0.1 counts as public here); its redirect to
    # 127.0.0.2 is checked again and refused
    assert isinstance(_read(f"{server}/article.html", limits=ReadLimits())[0], Article)
    out = _read(f"{server}/to-other-loopback", limits=ReadLimits())
    assert isinstance(out[0], Skipped)
    assert out[0].reason.startswith("refused: 127.0.0.2 resolves to 127.0.0.2, a loopback")
    out = _read(f"{server}/to-file", limits=ReadLimits())
    assert isinstance(out[0], Skipped)
    assert out[0].reason == "not an http(s) URL: file:///etc/passwd"


def test_the_connection_goes_to_the_address_checked(server: str, monkeypatch,
                                                    loopback_is_public) -> None:
    """DNS rebinding: the name is resolved once per hop; the connection is to that address,
    with the name in the Host header, whatever a second lookup would say."""
    port = int(server.rsplit(":", 1)[1])
    answers = iter(["127.0.0.1", "10.9.9.9"])  # a second lookup would get a private one
    calls: list[str] = []

    def resolve(host, port_, *args, **kwargs):
        calls.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port_))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    Handler.hosts.clear()
    out = list(iter_articles([f"http://news.example:{port}/article.html"],
                             limits=ReadLimits()))
    assert isinstance(out[0], Article) and out[0].text == BODY
    assert calls == ["news.example"]
    assert Handler.hosts == [f"news.example:{port}"]


def test_a_body_over_the_cap_is_stopped(server: str) -> None:
    small = ReadLimits(allow_private_urls=True, max_file_bytes=1_000_000)
    started = time.perf_counter()
    for path, reason in [("/declared-huge", "body too large (10,000,000,000 bytes > 1,000,000;"
                                            " max_file_bytes)"),
                         ("/endless", "body too large (> 1,000,000 bytes; max_file_bytes)"),
                         ("/gzip-bomb", "body too large (> 1,000,000 bytes; max_file_bytes)")]:
        out = _read(server + path, limits=small)
        assert out == [Skipped(server + path, f"{reason}: {server}{path}")]
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize("path", ["/slow", "/drip"])
def test_a_slow_server_is_given_up_at_the_timeout(server: str, path: str) -> None:
    limits = ReadLimits(allow_private_urls=True, url_timeout=1)
    started = time.perf_counter()
    out = _read(server + path, limits=limits)
    assert time.perf_counter() - started < 6
    assert out == [Skipped(server + path, f"no answer within 1 s (url_timeout): "
                                          f"{server}{path}")]


def test_http_errors_and_bad_urls_are_skips_with_a_reason(server: str) -> None:
    out = _read(f"{server}/missing", "http://", f"{server}/article.html")
    assert out[0] == Skipped(f"{server}/missing", f"HTTP 404 Not Found from {server}/missing")
    assert out[1] == Skipped("http://", "no host in URL: http://")
    assert isinstance(out[2], Article)  # the next input is read


# -- the command line --------------------------------------------------------------------------

def test_extract_takes_urls_and_refuses_loopback_by_default(server: str, tmp_path: Path,
                                                            tiny_gazetteer_path: Path) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import cli

    url = f"{server}/article.html"
    result = CliRunner().invoke(cli, ["extract", url, "--db", f"sqlite:///{tmp_path / 'e.db'}",
                                      "--gazetteer", str(tiny_gazetteer_path), "--no-progress"])
    assert result.exit_code == 1
    assert f"skipped {url}: refused: 127.0.0.1 resolves to 127.0.0.1" in result.output
    assert "1 read: 0 coded, 0 copies linked, 0 already stored, 1 skipped (1 refused)" \
        in result.output
    assert "Traceback" not in result.output


# -- https -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tls_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The same server over TLS, with a self-signed certificate for localhost and 127.0.0.1
    (made with the openssl command); yields its base URL and the certificate."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed (needed to make a certificate)")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"openssl could not make a certificate: {made.stderr.strip()[:200]}")
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://localhost:{httpd.server_address[1]}", cert
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_https_checks_the_certificate_against_the_name(tls_server, monkeypatch) -> None:
    import ssl

    base, cert = tls_server
    out = _read(f"{base}/article.html")  # self-signed: not trusted
    assert isinstance(out[0], Skipped) and "CERTIFICATE_VERIFY_FAILED" in out[0].reason
    trusted = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(fetch_module.ssl, "create_default_context", lambda: trusted)
    out = _read(f"{base}/article.html")  # connected to the checked address, TLS by name
    assert isinstance(out[0], Article) and out[0].text == BODY
