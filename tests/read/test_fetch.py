"""Safe fetching against a real HTTP server on loopback; no traffic ever leaves the machine.

An autouse guard wraps ``socket.connect``: a connection to anything but loopback fails the test, so
every refusal below is proven to happen before a packet is sent.
"""

from __future__ import annotations

import gzip
import http.server
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.errors import InputError
from marsad.read.fetch import FetchPolicy, address_refusal, check_url, fetch, media_kind

PAGE = "<html><head><title>خبر</title></head><body><p>قصف على المدينة</p></body></html>".encode()
LOOPBACK_ONLY = FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}), timeout=10)


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes for each behaviour under test; ``/redirect/N`` redirects N times before the page."""

    def do_GET(self) -> None:
        routes: dict[str, Callable[[], None]] = {
            "/page": lambda: self._send(
                200, "text/html; charset=utf-8", PAGE, {"Last-Modified": "Sat, 30 Nov 2024"}
            ),
            "/text": lambda: self._send(200, "text/plain; charset=windows-1256", "نص".encode("cp1256")),
            "/feed": lambda: self._send(200, "application/rss+xml", b"<rss version='2.0'><channel/></rss>"),
            "/untyped": lambda: self._send(200, None, b"<p>no type</p>"),
            "/pdf": lambda: self._send(200, "application/pdf", b"%PDF-1.4"),
            "/missing": lambda: self._send(404, "text/html", b"not here"),
            "/gzip": lambda: self._send(200, "text/html", gzip.compress(PAGE), {"Content-Encoding": "gzip"}),
            "/host": lambda: self._send(200, "text/plain", (self.headers["Host"] or "").encode()),
            "/big": self._big,
            "/declared-big": lambda: self._send(200, "text/html", b"x", {"Content-Length": "99999999"}),
            "/slow": self._slow,
            "/loop": lambda: self._redirect("/loop"),
            "/no-location": lambda: self._send(302, None, b""),
            "/to-private": lambda: self._redirect("http://10.0.0.1/secret"),
            "/to-metadata": lambda: self._redirect("http://169.254.169.254/latest/meta-data/"),
            "/to-localhost": lambda: self._redirect(f"http://localhost:{self._port()}/page"),
            "/to-file": lambda: self._redirect("file:///etc/passwd"),
        }
        if self.path.startswith("/redirect/"):
            left = int(self.path.rsplit("/", 1)[1])
            self._redirect("/page" if left <= 1 else f"/redirect/{left - 1}")
        elif self.path in routes:
            routes[self.path]()
        else:
            self._send(404, "text/plain", b"no route")

    def _send(
        self, status: int, content_type: str | None, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        extra = headers or {}
        for name, value in extra.items():
            self.send_header(name, value)
        if "Content-Length" not in extra:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _port(self) -> str:
        return str(self.headers["Host"]).rsplit(":", 1)[1]

    def _redirect(self, location: str) -> None:
        self._send(302, None, b"", {"Location": location})

    def _big(self) -> None:
        """No Content-Length: the cap must hold while streaming."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"<p>" + b"x" * 1000 + b"</p>")
        except OSError:
            pass  # the client stopped reading at its cap

    def _slow(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(40):
                self.wfile.write(b"<p>drip</p>")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass  # the client gave up, as it should

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test on any connection to a non-loopback address."""
    real_connect = socket.socket.connect

    def guarded(sock: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if not ipaddress.ip_address(str(host).split("%")[0]).is_loopback:
            raise AssertionError(f"test tried to connect to {host}")
        real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def _serve(server: http.server.ThreadingHTTPServer) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from _serve(http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler))


def test_fetches_page_with_charset_and_no_date_from_last_modified(server: str) -> None:
    item = fetch(f"http://{server}/page", LOOPBACK_ONLY)
    assert item.data == PAGE
    assert item.media == "html"
    assert item.declared_encoding == "utf-8"
    assert item.url == item.origin == f"http://{server}/page"
    assert item.published is None


@pytest.mark.parametrize(
    ("path", "media", "encoding"),
    [("/text", "text", "windows-1256"), ("/feed", "unknown", None), ("/untyped", "unknown", None)],
)
def test_media_kind_from_content_type(server: str, path: str, media: str, encoding: str | None) -> None:
    item = fetch(f"http://{server}{path}", LOOPBACK_ONLY)
    assert (item.media, item.declared_encoding) == (media, encoding)


def test_decodes_gzip_content_encoding(server: str) -> None:
    assert fetch(f"http://{server}/gzip", LOOPBACK_ONLY).data == PAGE


def test_follows_redirects_up_to_the_limit(server: str) -> None:
    policy = FetchPolicy(allow_private=True, max_redirects=3)
    item = fetch(f"http://{server}/redirect/3", policy)
    assert item.url == f"http://{server}/page"
    assert item.origin == f"http://{server}/redirect/3"
    with pytest.raises(InputError) as err:
        fetch(f"http://{server}/redirect/4", policy)
    assert err.value.code == "I104"


@pytest.mark.parametrize("path", ["/loop", "/no-location"])
def test_bad_redirects_are_errors(server: str, path: str) -> None:
    with pytest.raises(InputError) as err:
        fetch(f"http://{server}{path}", LOOPBACK_ONLY)
    assert err.value.code == "I104"


@pytest.mark.parametrize("path", ["/big", "/declared-big"])
def test_size_cap_is_an_error_not_a_truncation(server: str, path: str) -> None:
    with pytest.raises(InputError) as err:
        fetch(f"http://{server}{path}", FetchPolicy(allow_private=True, max_bytes=10_000))
    assert err.value.code == "I105"
    assert "10,000" in err.value.reason


def test_body_exactly_at_the_cap_is_accepted(server: str) -> None:
    assert fetch(f"http://{server}/page", FetchPolicy(allow_private=True, max_bytes=len(PAGE))).data == PAGE


def test_whole_fetch_has_a_deadline(server: str) -> None:
    with pytest.raises(InputError) as err:
        fetch(f"http://{server}/slow", FetchPolicy(allow_private=True, timeout=0.5))
    assert err.value.code == "I107"


@pytest.mark.parametrize(("path", "code"), [("/pdf", "I108"), ("/missing", "I106")])
def test_non_text_and_error_statuses(server: str, path: str, code: str) -> None:
    with pytest.raises(InputError) as err:
        fetch(f"http://{server}{path}", LOOPBACK_ONLY)
    assert err.value.code == code


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://localhost/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
    ],
)
def test_private_addresses_are_refused_by_default(url: str) -> None:
    with pytest.raises(InputError) as err:
        fetch(url, FetchPolicy())
    assert err.value.code == "I102"
    assert "allow_private" in err.value.reason


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata", "/to-localhost"])
def test_every_redirect_hop_is_checked(server: str, path: str) -> None:
    """The loopback server is allowed by name; where it redirects is not."""
    with pytest.raises(InputError) as err:
        fetch(f"http://{server}{path}", LOOPBACK_ONLY)
    assert err.value.code == "I102"


def test_redirect_to_another_scheme_is_refused(server: str) -> None:
    with pytest.raises(InputError) as err:
        fetch(f"http://{server}/to-file", LOOPBACK_ONLY)
    assert err.value.code == "I101"


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "file:///etc/passwd", "http://", "not a url", "http://[::1"]
)
def test_only_http_urls(url: str) -> None:
    with pytest.raises(InputError) as err:
        fetch(url, FetchPolicy(allow_private=True))
    assert err.value.code == "I101"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.10", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "224.0.0.1", "255.255.255.255", "240.0.0.1", "192.0.2.1", "198.18.0.1", "::1", "::", "fe80::1%eth0",
        "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
        "2002:a00:1::1", "64:ff9b::a00:1", "2001:db8::1",
    ],
)  # fmt: skip
def test_address_refusal_covers_non_public_ranges(address: str) -> None:
    assert address_refusal(address) is not None


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]
)
def test_address_refusal_lets_public_addresses_through(address: str) -> None:
    assert address_refusal(address) is None


def _fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[list[str]]]) -> list[str]:
    """Made-up names get their answers in turn, then fail to resolve: a second lookup of a name given
    one answer fails, as if it had been rebound. Every lookup is recorded; other names resolve normally."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def lookup(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(str(host))
        if host not in answers:
            return real(host, port, *args, **kwargs)
        if not answers[host]:
            raise socket.gaierror(socket.EAI_NONAME, "no such name")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in answers[host].pop(0)]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return asked


def test_any_private_answer_refuses_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {"mixed.test": [["93.184.216.34", "10.0.0.5"]]})
    with pytest.raises(InputError) as err:
        check_url("http://mixed.test/", FetchPolicy())
    assert err.value.code == "I102"
    assert "10.0.0.5" in err.value.reason


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {"nowhere.test": []})
    with pytest.raises(InputError) as err:
        check_url("https://nowhere.test/", FetchPolicy())
    assert err.value.code == "I103"


def test_connection_goes_to_the_checked_address(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the name is looked up once, and the connection goes to the address checked."""
    port = server.rsplit(":", 1)[1]
    asked = _fake_dns(monkeypatch, {"news.test": [["127.0.0.1"]]})
    item = fetch(f"http://news.test:{port}/host", FetchPolicy(allow_hosts=frozenset({"news.test"})))
    assert item.data == f"news.test:{port}".encode()  # the Host header names the site, not the IP
    assert asked.count("news.test") == 1


def test_allowed_host_still_needs_its_own_name(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Allowing one private host does not allow another that resolves to the same address."""
    _fake_dns(monkeypatch, {"other.test": [["127.0.0.1"]]})
    with pytest.raises(InputError) as err:
        check_url("http://other.test/", FetchPolicy(allow_hosts=frozenset({"news.test"})))
    assert err.value.code == "I102"


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=news.test",
         "-addext", "subjectAltName=DNS:news.test"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_https_is_pinned_to_the_checked_address_with_the_name_in_sni(
    tls_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = tls_files
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    served = _serve(httpd)
    port = next(served).rsplit(":", 1)[1]
    try:
        asked = _fake_dns(monkeypatch, {"news.test": [["127.0.0.1"], ["127.0.0.1"]]})
        item = fetch(
            f"https://news.test:{port}/host",
            FetchPolicy(allow_hosts=frozenset({"news.test"}), ca_file=str(cert)),
        )
        assert item.data == f"news.test:{port}".encode()
        assert names == ["news.test"]  # the certificate was checked against the name, not the IP
        assert asked.count("news.test") == 1
        with pytest.raises(InputError) as err:  # untrusted certificate: the default CA set does not know it
            fetch(f"https://news.test:{port}/host", FetchPolicy(allow_hosts=frozenset({"news.test"})))
        assert err.value.code == "I107"
    finally:
        next(served, None)


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [
        ("text/html; charset=UTF-8", "html"),
        ("application/xhtml+xml", "html"),
        ("TEXT/PLAIN", "text"),
        ("application/atom+xml", "unknown"),
        ("text/csv", "unknown"),
        (None, "unknown"),
        ("image/png", None),
        ("application/pdf", None),
        ("application/octet-stream", None),
    ],
)
def test_media_kind(content_type: str | None, kind: str | None) -> None:
    assert media_kind(content_type) == kind
