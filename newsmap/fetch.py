"""Fetch a web page for ingest, treating the address and the server as untrusted.

- Only http(s). The host is resolved here and every address it resolves to must be a public one:
  loopback, private, link-local (cloud metadata), shared, reserved and multicast addresses are
  refused, and the connection goes to the very address that was checked (no second lookup a DNS
  rebinding could answer differently). Each redirect is checked the same way.
- One overall deadline (``NEWSMAP_FETCH_SECONDS``, default 20 s) covers connecting, TLS, headers and
  every read: a server trickling a byte at a time is cut off when it is over.
- Certificates are verified, with no fallback to an unverified connection.
- No retries: a ``Retry-After`` answer (429, 503) is reported at once, never waited for.
- At most ``max_bytes`` are read.

``NEWSMAP_FETCH_INTERNAL=allow`` lifts the address check, for a newsroom's own intranet.
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from newsmap.errors import InputError
from newsmap.settings import env_seconds

DEFAULT_FETCH_SECONDS = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "newsmap (conflict news geoparser; fetches one page when a user asks)"


class FetchError(InputError):
    """The page could not be fetched: the message says why, naming the address."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    html: str


def fetch_seconds() -> float:
    return env_seconds("NEWSMAP_FETCH_SECONDS", DEFAULT_FETCH_SECONDS, zero_allowed=False)


def internal_allowed() -> bool:
    return os.environ.get("NEWSMAP_FETCH_INTERNAL", "").strip().lower() == "allow"


def is_public_address(address: str) -> bool:
    """True for an address on the public internet; False for loopback, private, link-local and the like."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and (ip.ipv4_mapped or ip.sixtofour):
        ip = ip.ipv4_mapped or ip.sixtofour
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local)


def _addresses(host: str, port: int, url: str, deadline: float) -> list[tuple]:
    """Every address ``host`` resolves to (all checked unless internal addresses are allowed)."""
    result: list = []
    error: list = []

    def resolve() -> None:
        try:
            result.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as failure:
            error.append(failure)

    worker = threading.Thread(target=resolve, daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        raise FetchError(f"could not fetch {url}: looking up {host} took too long")
    if error or not result:
        raise FetchError(f"could not fetch {url}: {host} was not found")
    if not internal_allowed():
        refused = sorted({info[4][0] for info in result if not is_public_address(info[4][0])})
        if refused:
            raise FetchError(
                f"could not fetch {url}: {host} is an internal address ({', '.join(refused)}); "
                "newsmap fetches public pages only"
            )
    return result


class _Pinned:
    """Connect to an address already checked, whatever a new lookup of the host would say."""

    def __init__(self, *args, address=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._address = address
        self.opened: socket.socket | None = None  # kept: http.client lets go of ``sock`` once a reply is read

    def _open_socket(self) -> socket.socket:
        family, kind, proto, _, sockaddr = self._address
        sock = socket.socket(family, kind, proto)
        sock.settimeout(self.timeout)
        try:
            sock.connect(sockaddr)
        except BaseException:
            sock.close()
            raise
        return sock


class _PinnedHTTP(_Pinned, http.client.HTTPConnection):
    def connect(self) -> None:
        self.sock = self.opened = self._open_socket()


class _PinnedHTTPS(_Pinned, http.client.HTTPSConnection):
    def connect(self) -> None:
        self.sock = self.opened = self._context.wrap_socket(
            self._open_socket(), server_hostname=self.host, do_handshake_on_connect=False)
        self.sock.do_handshake()  # after ``opened`` is set, so the deadline can cut a stalled handshake


def _cut_off(connection: _Pinned) -> None:
    """At the deadline: end whatever read or handshake is waiting on the socket."""
    sock = connection.opened
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _remaining(deadline: float, url: str, seconds: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"could not fetch {url}: no complete answer within {seconds:g} s (NEWSMAP_FETCH_SECONDS)")
    return left


def _get_once(url: str, deadline: float, seconds: float, max_bytes: int):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) address: {url!r}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"not a valid address: {url!r}") from None
    address = _addresses(parts.hostname, port, url, deadline)[0]
    timeout = _remaining(deadline, url, seconds)
    if parts.scheme == "https":
        connection = _PinnedHTTPS(parts.hostname, port, timeout=timeout, address=address,
                                  context=ssl.create_default_context())
    else:
        connection = _PinnedHTTP(parts.hostname, port, timeout=timeout, address=address)
    watchdog = threading.Timer(timeout, _cut_off, args=(connection,))
    watchdog.daemon = True
    watchdog.start()
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
            "Accept-Encoding": "identity",
        })
        response = connection.getresponse()
        body = bytearray()
        while response.status == 200:
            connection.opened.settimeout(_remaining(deadline, url, seconds))
            chunk = response.read1(65536)
            if not chunk:
                break
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(f"{url}: the page is over the {max_bytes:,}-byte limit")
            _remaining(deadline, url, seconds)
        _remaining(deadline, url, seconds)  # an end of data forced by the watchdog is no complete page
        if response.status == 200 and response.length:
            raise FetchError(f"could not fetch {url}: the connection closed before the page ended")
        return response, bytes(body)
    except ssl.SSLCertVerificationError as error:
        raise FetchError(f"could not fetch {url}: its certificate is not valid ({error.verify_message})") from None
    except (OSError, http.client.HTTPException) as error:
        _remaining(deadline, url, seconds)  # a read cut off at the deadline says so
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise FetchError(f"could not fetch {url}: {reason}") from None
    finally:
        watchdog.cancel()
        connection.close()


def _decode(body: bytes, content_type: str | None) -> str:
    from trafilatura.utils import decode_file

    charset = None
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            charset = value.strip("\"' ")
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_file(body)


def fetch_page(url: str, max_bytes: int, seconds: float | None = None) -> Page:
    """GET ``url`` (following up to MAX_REDIRECTS redirects) within one deadline; FetchError if that fails."""
    seconds = fetch_seconds() if seconds is None else seconds
    deadline = time.monotonic() + seconds
    current = url.strip()
    for _ in range(MAX_REDIRECTS + 1):
        response, body = _get_once(current, deadline, seconds, max_bytes)
        if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
            current = urljoin(current, response.getheader("Location").strip())
            continue
        if response.status in (429, 503) and response.getheader("Retry-After"):
            raise FetchError(f"could not fetch {current}: the site is busy and asks to retry later "
                             f"(HTTP {response.status}, Retry-After: {response.getheader('Retry-After')[:40]})")
        if response.status != 200:
            raise FetchError(f"could not fetch {current}: the site answered HTTP {response.status} {response.reason}")
        return Page(current, _decode(body, response.getheader("Content-Type")))
    raise FetchError(f"could not fetch {url}: more than {MAX_REDIRECTS} redirects")
