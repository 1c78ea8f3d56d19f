"""Fetch one http(s) URL for reading, without letting it reach what it should not.

``eventcoder extract URL`` reads a page, a feed or any supported file from the web. A URL is
input like any other, so it may be hostile: it may name (or redirect to) an address on the
machine's own network, be slow on purpose, or send an endless body. :func:`fetch_url`:

- accepts ``http`` and ``https`` only, with a host;
- resolves the host and checks **every** address it resolves to: private (10/8, 172.16/12,
  192.168/16, fc00::/7), loopback, link-local (169.254/16, where cloud metadata services
  answer), multicast, reserved, unspecified and shared (100.64/10) addresses are refused
  unless ``allow_private_urls`` is set;
- connects to the address it checked (not to the name again: a DNS answer that changes
  between the check and the connection, "DNS rebinding", changes nothing), sending the name
  as the ``Host`` header and, for https, as the TLS server name the certificate is checked
  against;
- follows at most ``max_redirects`` redirects, each one checked like the first URL;
- reads the body in blocks and stops past ``max_file_bytes`` (after gzip decoding, when the
  server sends ``Content-Encoding: gzip``), and stops the whole fetch after ``url_timeout``
  seconds, however slowly the server sends.

Failures are :class:`FetchError` (an InputError) with a one-line message; the readers turn it
into a Skipped. Standard library only (http.client, ssl, socket, ipaddress); no proxy is used.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import InputError
from .limits import DEFAULT_LIMITS, ReadLimits

#: URL schemes fetched
SCHEMES = ("http", "https")
USER_AGENT = f"eventcoder/{__version__} (+https://github.com/eventcoder)"
_BLOCK = 64 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(InputError):
    """A URL that cannot be fetched, or may not be: one line saying why."""


@dataclass(frozen=True)
class Fetched:
    """A fetched body: the final URL (after redirects), its media type (lower case, no
    parameters; "" when the server gave none) and its bytes."""

    url: str
    content_type: str
    data: bytes


def is_url(value: object) -> bool:
    """True for a string that starts with ``http://`` or ``https://``."""
    return isinstance(value, str) and value[:8].lower().startswith(("http://", "https://"))


def refused_address(ip: IPAddress) -> str | None:
    """Why a URL may not reach ``ip`` (without ``allow_private_urls``), or None when it may:
    "a loopback address", "a private address", ..."""
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:  # ::ffff:127.0.0.1 is 127.0.0.1
        ip = mapped
    for test, what in (("is_loopback", "a loopback"), ("is_link_local", "a link-local"),
                       ("is_multicast", "a multicast"), ("is_unspecified", "an unspecified"),
                       ("is_private", "a private"), ("is_reserved", "a reserved")):
        if getattr(ip, test):
            return f"{what} address"
    if not ip.is_global:  # 100.64.0.0/10 (shared), documentation ranges...
        return "a non-public address"
    return None


def _resolve(host: str, port: int, allow_private: bool) -> list[IPAddress]:
    """The addresses of ``host``, every one checked. RAISES FetchError."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from None
    addresses: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])  # fe80::1%eth0
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise FetchError(f"cannot resolve host {host!r}")
    if not allow_private:
        for ip in addresses:
            why = refused_address(ip)
            if why is not None:
                raise FetchError(f"refused: {host} resolves to {ip}, {why} (set "
                                 "allow_private_urls to fetch such addresses)")
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to a checked address, the URL's host name in the Host header."""

    def __init__(self, host: str, port: int, address: IPAddress, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = _connect(self._address, self.port, self.timeout)


def _connect(address: IPAddress, port: int, timeout: float | None) -> socket.socket:
    """A TCP connection to ``address`` itself: no name is looked up again."""
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect((str(address), port))
    except BaseException:
        sock.close()
        raise
    return sock


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address; TLS checks the certificate against the
    URL's host name (server name indication), as if connected by name."""

    def __init__(self, host: str, port: int, address: IPAddress, timeout: float,
                 context: ssl.SSLContext) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address
        self._context = context

    def connect(self) -> None:
        sock = _connect(self._address, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch_url(url: str, limits: ReadLimits = DEFAULT_LIMITS) -> Fetched:
    """GET ``url`` (see the module's docstring for every check).

    RETURNS: the body, its final URL and media type. RAISES FetchError: a URL that is not
        http(s), an address that is refused, a redirect too many, an HTTP error status, a
        body over ``limits.max_file_bytes``, no answer within ``limits.url_timeout`` s, a
        network error.
    """
    deadline = time.monotonic() + limits.url_timeout
    current = url
    for hop in range(limits.max_redirects + 1):
        status, location, fetched = _get(current, limits, deadline)
        if status in _REDIRECTS:
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location from {current}")
            if hop == limits.max_redirects:
                raise FetchError(f"more than {limits.max_redirects} redirects "
                                 f"(max_redirects), last to {urljoin(current, location)}")
            current = urljoin(current, location)
            continue
        assert fetched is not None
        return fetched
    raise AssertionError("unreachable")  # pragma: no cover


def _get(url: str, limits: ReadLimits, deadline: float
         ) -> tuple[int, str | None, Fetched | None]:
    """One request: (status, Location, None) for a redirect, else (200, None, the body)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(f"not an http(s) URL: {url}")
    host = parts.hostname
    if not host:
        raise FetchError(f"no host in URL: {url}")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"bad port in URL: {url}") from None
    addresses = _resolve(host, port, limits.allow_private_urls)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    timeout = _left(deadline, limits, url)
    errors: list[str] = []
    for address in addresses:  # each one checked; the first that answers
        conn: http.client.HTTPConnection
        if scheme == "https":
            conn = _PinnedHTTPSConnection(host, port, address, timeout,
                                          ssl.create_default_context())
        else:
            conn = _PinnedHTTPConnection(host, port, address, timeout)
        try:
            conn.connect()
        except (OSError, ssl.SSLError) as exc:
            errors.append(f"{address}: {' '.join(str(exc).split()) or type(exc).__name__}")
            conn.close()
            continue
        try:
            return _exchange(conn, url, path, host, limits, deadline)
        finally:
            conn.close()
    raise FetchError(f"cannot connect to {host}: {'; '.join(errors)[:250]}")


def _inflate(inflate: Any, data: bytes, room: int) -> tuple[bytes, Any]:
    """Up to ``room`` (at least 1) bytes of ``data`` gunzipped, and the decompressor for what
    follows: a new one after each gzip member ends (a body may hold several). The input past
    ``room`` is dropped: the caller stops there, the body being too large."""
    out = bytearray()
    while data and len(out) < room:
        out += inflate.decompress(data, room - len(out))
        if not inflate.eof:
            break
        data = inflate.unused_data
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    return bytes(out), inflate


def _left(deadline: float, limits: ReadLimits, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"no answer within {limits.url_timeout:g} s (url_timeout): {url}")
    return left


def _exchange(conn: http.client.HTTPConnection, url: str, path: str, host: str,
              limits: ReadLimits, deadline: float
              ) -> tuple[int, str | None, Fetched | None]:
    try:
        conn.request("GET", path, headers={
            "User-Agent": USER_AGENT, "Accept-Encoding": "gzip, identity",
            "Accept": "text/html, application/rss+xml, application/atom+xml, "
                      "application/xml;q=0.9, application/json;q=0.9, */*;q=0.8"})
        if conn.sock is not None:
            conn.sock.settimeout(_left(deadline, limits, url))
        response = conn.getresponse()
        status = response.status
        if status in _REDIRECTS:
            return status, response.getheader("Location"), None
        if status != 200:
            raise FetchError(f"HTTP {status} {response.reason} from {url}")
        cap = limits.max_file_bytes
        declared = response.getheader("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > cap:
            raise FetchError(f"body too large ({int(declared):,} bytes > {cap:,}; "
                             f"max_file_bytes): {url}")
        encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
        if encoding not in ("identity", "gzip", "x-gzip"):
            raise FetchError(f"unsupported Content-Encoding {encoding!r} from {url}")
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding != "identity" else None
        body = bytearray()
        while True:
            if conn.sock is not None:
                conn.sock.settimeout(_left(deadline, limits, url))
            block = response.read1(_BLOCK)  # returns what has arrived: a slow drip is timed
            if not block:
                break
            if inflate is not None:
                block, inflate = _inflate(inflate, block, cap + 1 - len(body))
            body += block
            if len(body) > cap:
                raise FetchError(f"body too large (> {cap:,} bytes; max_file_bytes): {url}")
            _left(deadline, limits, url)
        media = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        return status, None, Fetched(url, media, bytes(body))
    except TimeoutError:
        raise FetchError(f"no answer within {limits.url_timeout:g} s (url_timeout): "
                         f"{url}") from None
    except zlib.error as exc:
        raise FetchError(f"bad gzip body from {url}: {exc}") from None
    except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
        msg = " ".join(str(exc).split()) or type(exc).__name__
        raise FetchError(f"cannot fetch {url}: {msg}"[:300]) from None
