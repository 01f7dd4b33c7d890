"""Fetching an article from a web address: one deadline, no waiting on Retry-After, verified TLS,
and newsmap's own refusal of internal addresses (redirects included). Servers run on 127.0.0.1."""

from __future__ import annotations

import socketserver
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsmap.errors import InputError

ARTICLE_HTML = (
    "<html><head><title>Car bomb in Mosul</title></head><body><article><h1>Car bomb in Mosul</h1>"
    "<p>MOSUL, Iraq — A car bomb killed three people at a market in Mosul on Friday, police said.</p>"
    "<p>Two more people were wounded in the blast, a hospital official said later that day.</p>"
    "</article></body></html>"
).encode()


def article_from_url(url: str):
    from pages.app import common

    return common.article_from_url(url, None)


def serve(server) -> str:
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture
def servers():
    started = []
    yield started
    for server in started:
        server.shutdown()
        server.server_close()


def http_server(servers, handle, tls_context=None) -> str:
    handler = type("Handler", (BaseHTTPRequestHandler,), {
        "do_GET": lambda self: handle(self), "log_message": lambda self, *args: None, "hits": 0,
    })
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls_context is not None:
        server.socket = tls_context.wrap_socket(server.socket, server_side=True)
    servers.append(server)
    url = serve(server)
    return url.replace("http://", "https://") if tls_context is not None else url


def send_article(request) -> None:
    type(request).hits += 1
    request.send_response(200)
    request.send_header("Content-Type", "text/html; charset=utf-8")
    request.send_header("Content-Length", str(len(ARTICLE_HTML)))
    request.end_headers()
    request.wfile.write(ARTICLE_HTML)


@pytest.fixture
def allow_loopback(monkeypatch):
    monkeypatch.setenv("NEWSMAP_FETCH_INTERNAL", "allow")


def test_a_page_on_an_allowed_server_is_fetched_and_extracted(servers, allow_loopback):
    article = article_from_url(http_server(servers, send_article))
    assert "car bomb killed three people" in article.text
    assert article.title == "Car bomb in Mosul"


@pytest.mark.parametrize("address", [
    "http://127.0.0.1:{port}/", "http://localhost:{port}/", "http://[::1]:{port}/", "http://2130706433:{port}/",
    "http://169.254.169.254/latest/meta-data/", "http://10.20.30.40/", "http://192.168.1.1/", "http://0.0.0.0:{port}/",
])
def test_internal_addresses_are_refused(servers, address):
    url = http_server(servers, send_article)
    port = url.rsplit(":", 1)[1].strip("/")
    with pytest.raises(InputError, match="internal address"):
        article_from_url(address.format(port=port))
    assert servers[0].RequestHandlerClass.hits == 0


def test_a_redirect_to_an_internal_address_is_refused(servers, allow_loopback, monkeypatch):
    from newsmap import fetch

    internal = http_server(servers, send_article).replace("127.0.0.1", "127.0.0.2")

    def redirect(request):
        request.send_response(302)
        request.send_header("Location", internal)
        request.end_headers()

    public = http_server(servers, redirect)
    monkeypatch.delenv("NEWSMAP_FETCH_INTERNAL")
    # Here 127.0.0.1 stands for the public internet and 127.0.0.2 for the newsroom's network.
    monkeypatch.setattr(fetch, "is_public_address", lambda address: address == "127.0.0.1")
    with pytest.raises(InputError, match=r"internal address \(127\.0\.0\.2\)"):
        article_from_url(public)
    assert servers[0].RequestHandlerClass.hits == 0


class Trickle(socketserver.BaseRequestHandler):
    """Answers one byte a second, for 15 seconds at most."""

    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"
    in_headers = False

    def handle(self):
        self.request.recv(65536)
        if self.in_headers:
            slow = self.head
        else:
            self.request.sendall(self.head)
            slow = ARTICLE_HTML
        for index in range(15):
            try:
                self.request.sendall(slow[index:index + 1])
            except OSError:
                return
            time.sleep(1)


@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_trickling_server_is_cut_off_at_the_overall_deadline(servers, allow_loopback, monkeypatch, where):
    handler = type("Handler", (Trickle,), {"in_headers": where == "headers"})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    servers.append(server)
    url = serve(server)
    monkeypatch.setenv("NEWSMAP_FETCH_SECONDS", "2")
    started = time.monotonic()
    with pytest.raises(InputError, match=r"no complete answer within 2 s"):
        article_from_url(url)
    assert time.monotonic() - started < 8  # the server would go on for 15 s


def test_retry_after_is_reported_not_waited_for(servers, allow_loopback):
    def busy(request):
        type(request).hits += 1
        request.send_response(429)
        request.send_header("Retry-After", "10")
        request.end_headers()

    url = http_server(servers, busy)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"retry later \(HTTP 429, Retry-After: 10\)"):
        article_from_url(url)
    assert time.monotonic() - started < 5
    assert servers[0].RequestHandlerClass.hits == 1


def test_a_self_signed_certificate_is_refused_with_no_fallback(servers, allow_loopback, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    url = http_server(servers, send_article, tls_context=context)
    with pytest.raises(InputError, match="certificate is not valid"):
        article_from_url(url)
    assert servers[0].RequestHandlerClass.hits == 0


def test_a_certificate_from_a_trusted_authority_is_accepted(servers, allow_loopback, tmp_path, monkeypatch):
    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=tmp_path)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
            "-subj", "/CN=newsmap test authority")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (tmp_path / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "1", "-extfile", "san.ext")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "server.pem", tmp_path / "server.key")
    url = http_server(servers, send_article, tls_context=context)
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))  # read by ssl.create_default_context()
    article = article_from_url(url)
    assert "car bomb killed three people" in article.text


def test_a_page_cut_short_is_not_taken_for_the_whole(servers, allow_loopback):
    def short(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(len(ARTICLE_HTML) + 500))
        request.end_headers()
        request.wfile.write(ARTICLE_HTML)
        request.close_connection = True

    with pytest.raises(InputError, match="closed before the page ended"):
        article_from_url(http_server(servers, short))


def test_a_page_over_the_size_limit_stops_reading(servers, allow_loopback):
    def huge(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        try:
            for _ in range(100):
                request.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
        except OSError:
            pass

    with pytest.raises(InputError, match="over the 2,097,152-byte limit"):
        article_from_url(http_server(servers, huge))
