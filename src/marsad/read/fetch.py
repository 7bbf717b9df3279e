"""Fetch one web page safely: only public addresses, bounded size and time, every redirect re-checked.

A news reader fetches URLs it did not choose (feed links, redirects), so a URL is untrusted input. Before
any connection the host is resolved and *every* address it resolves to must be public: loopback,
private (RFC 1918, fc00::/7), link-local (169.254/16 with the cloud metadata service, fe80::/10),
multicast, unspecified, reserved, carrier-grade NAT and IPv4 addresses hidden in IPv6 (mapped, 6to4,
NAT64) are refused unless the policy allows private networks or names the host. Redirects are followed
by hand so each hop goes through the same check.

DNS rebinding (a name that resolves to a public address for the check and to a private one for the
connection) is closed by connecting to the address that was checked: the request goes to the IP, with
the original ``Host`` header and, for HTTPS, the original name as TLS SNI and certificate name (httpcore's
``sni_hostname`` extension). Proxies from the environment are ignored for the same reason: a proxy would
resolve the name again.

Known limits: the first resolved address is used (no fallback to the next one); a compressed response is
checked against ``max_bytes`` after decompression, so one network read may briefly inflate to about a
thousand times its size before the check; cookies set for a domain are not sent on a later hop, because
the request names the IP.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from functools import cache

import httpx

from marsad import __version__
from marsad.errors import InputError
from marsad.read.lexicon import load_yaml
from marsad.read.raw import MediaKind, RawItem

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CARRIER_GRADE_NAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How far a fetch may go. The defaults suit news pages on the public web."""

    timeout: float = 20.0
    """Seconds for the whole fetch, redirects and body included."""
    max_bytes: int = 10_000_000
    """Largest body accepted (after decompression); a bigger one is an error, never silently cut."""
    max_redirects: int = 5
    allow_private: bool = False
    """Let any address through (a crawler on a private network, a local test server)."""
    allow_hosts: frozenset[str] = frozenset()
    """Host names or IP literals let through even when private (an intranet mirror); others stay refused."""
    user_agent: str = f"marsad/{__version__} (news reader)"
    ca_file: str | None = None
    """PEM bundle of certificate authorities to trust instead of the default set (a corporate TLS proxy)."""


@dataclass(frozen=True, slots=True)
class Hop:
    """One hop: the URL as written and the checked address the connection will go to."""

    url: httpx.URL
    host: str
    """The host as sent in DNS, TLS and ``Host``: IDNA-encoded, lower case, IP literals normalised."""
    address: str


def address_refusal(address: str) -> str | None:
    """Why ``address`` must not be fetched from (``"loopback"``, ``"private"``, …), or ``None`` if public.

    IPv4 addresses carried inside IPv6 (mapped ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``) are judged by
    the IPv4 address they lead to; 6to4 addresses must pass both ways.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        carried = ip.ipv4_mapped or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if carried is not None:
            return _embedded(address_refusal(str(carried)), ip)
        if ip.sixtofour is not None and (reason := address_refusal(str(ip.sixtofour))):
            return _embedded(reason, ip)
    return _category(ip)


def _embedded(reason: str | None, outer: ipaddress.IPv6Address) -> str | None:
    return None if reason is None else f"{reason} (inside IPv6 address {outer})"


def _category(ip: IPAddress) -> str | None:
    checks: tuple[tuple[str, bool], ...] = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local, where cloud metadata services live", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("carrier-grade NAT", ip in _CARRIER_GRADE_NAT),
        ("site-local", isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local),
        ("private network", ip.is_private),
        ("reserved", ip.is_reserved),
        ("not globally routable", not ip.is_global),
    )
    return next((label for label, hit in checks if hit), None)


def fetch(url: str, policy: FetchPolicy) -> RawItem:
    """GET ``url`` under ``policy`` and return the page; raise :class:`InputError` with the reason if not.

    ``origin`` is the URL asked for and ``url`` the one finally served (after redirects). ``published``
    stays empty: a ``Last-Modified`` header dates the file on the server, not the news.
    """
    deadline = time.monotonic() + policy.timeout
    current = url
    with _client(policy) as client:
        for _hop in range(policy.max_redirects + 1):
            target = check_url(current, policy)
            try:
                request = _request(client, target, policy, deadline)
                response = client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                raise InputError(
                    url, f"timed out after {policy.timeout:g} s ({current})", code="I107"
                ) from exc
            except httpx.HTTPError as exc:
                raise InputError(url, f"network error at {current}: {exc}", code="I107") from exc
            try:
                location = _redirect_location(response, target, url)
                if location is None:
                    return _page(response, url, str(target.url), policy, deadline)
            finally:
                response.close()
            current = location
    raise InputError(url, f"more than {policy.max_redirects} redirects (last to {current})", code="I104")


def check_url(url: str, policy: FetchPolicy) -> Hop:
    """Validate one hop's URL and choose the address to connect to; raise :class:`InputError` if refused."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InputError(url, f"not a valid URL: {exc}", code="I101") from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise InputError(url, "only http:// and https:// URLs with a host name can be fetched", code="I101")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    if not 0 < port < 65536:
        raise InputError(url, f"port {port} is out of range", code="I101")
    host = _normal_host(parsed.raw_host.decode("ascii"))
    addresses = _resolve(host, port, url)
    if not (policy.allow_private or host in _allowed_hosts(policy)):
        for address in addresses:
            if reason := address_refusal(address):
                raise InputError(url, _refusal_message(host, address, reason), code="I102")
    return Hop(parsed, host, addresses[0])


def _refusal_message(host: str, address: str, reason: str) -> str:
    where = host if host == address else f"{host} → {address}"
    return (
        f"refused: {where} is not a public address ({reason}); to reach it, allow private networks "
        "(FetchPolicy.allow_private, --allow-private) or list the host in FetchPolicy.allow_hosts"
    )


def _allowed_hosts(policy: FetchPolicy) -> frozenset[str]:
    return frozenset(_normal_host(h) for h in policy.allow_hosts)


def _normal_host(host: str) -> str:
    host = host.strip("[]").lower()
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host


def _resolve(host: str, port: int, url: str) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise InputError(url, f"host {host} does not resolve: {exc}", code="I103") from exc
    addresses = list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))
    if not addresses:
        raise InputError(url, f"host {host} resolves to no address", code="I103")
    return addresses


def _client(policy: FetchPolicy) -> httpx.Client:
    """A client that never reuses a connection (each hop is checked and pinned) and ignores env proxies."""
    return httpx.Client(
        follow_redirects=False,
        trust_env=False,
        verify=_tls_context(policy.ca_file) if policy.ca_file else True,
        limits=httpx.Limits(max_keepalive_connections=0),
    )


@cache
def _tls_context(ca_file: str) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca_file)


def _request(client: httpx.Client, target: Hop, policy: FetchPolicy, deadline: float) -> httpx.Request:
    """The hop's request, sent to the checked address but naming the host as the URL did."""
    url = target.url.copy_with(fragment=None)
    remaining = max(deadline - time.monotonic(), 0.001)
    extensions: dict[str, object] = {"timeout": httpx.Timeout(remaining).as_dict()}
    if target.host != target.address:
        url = url.copy_with(host=target.address)
        if target.url.scheme == "https":
            extensions["sni_hostname"] = target.host
    headers = {
        "Host": target.url.netloc.decode("ascii"),
        "User-Agent": policy.user_agent,
        "Accept": _ACCEPT,
        "Accept-Encoding": "gzip, deflate",
    }
    return client.build_request("GET", url, headers=headers, extensions=extensions)


def _redirect_location(response: httpx.Response, target: Hop, origin: str) -> str | None:
    """The next hop's absolute URL when ``response`` is a redirect, else ``None``."""
    if response.status_code not in _REDIRECTS:
        return None
    location = response.headers.get("location")
    if not location:
        raise InputError(
            origin, f"HTTP {response.status_code} redirect without a Location header", code="I104"
        )
    try:
        return str(target.url.join(location))
    except httpx.InvalidURL as exc:
        raise InputError(origin, f"redirect to an invalid URL {location!r}: {exc}", code="I104") from exc


def _page(response: httpx.Response, origin: str, url: str, policy: FetchPolicy, deadline: float) -> RawItem:
    if not response.is_success:
        raise InputError(
            origin, f"HTTP {response.status_code} {response.reason_phrase} from {url}", code="I106"
        )
    media = media_kind(response.headers.get("content-type"))
    if media is None:
        content_type = response.headers.get("content-type")
        raise InputError(origin, f"{url} serves {content_type}, not a text page", code="I108")
    data = _read_body(response, origin, policy, deadline)
    return RawItem(
        origin=origin, data=data, media=media, url=url, declared_encoding=response.charset_encoding
    )


def media_kind(content_type: str | None) -> MediaKind | None:
    """What a Content-Type promises: ``html``, ``text``, ``unknown`` (XML, feeds, absent), or ``None``
    for types that are not text at all (images, PDF, archives), which are not worth downloading."""
    if not content_type:
        return "unknown"
    mime = content_type.split(";", 1)[0].strip().lower()
    types = _media_types()
    if mime in types["html"]:
        return "html"
    if mime in types["text"]:
        return "text"
    if mime.startswith("text/") or mime.endswith(("/xml", "+xml")) or mime in types["unknown"]:
        return "unknown"
    return None


@cache
def _media_types() -> dict[str, frozenset[str]]:
    section = load_yaml("formats.yaml")["media_types"]
    return {kind: frozenset(section[kind]) for kind in ("html", "text", "unknown")}


def _read_body(response: httpx.Response, origin: str, policy: FetchPolicy, deadline: float) -> bytes:
    """Stream the body, failing as soon as it passes ``max_bytes`` or the deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise _too_large(origin, f"declares {int(declared):,} bytes", policy)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > policy.max_bytes:
                raise _too_large(origin, f"passed {policy.max_bytes:,} bytes", policy)
            if time.monotonic() > deadline:
                raise InputError(
                    origin, f"timed out after {policy.timeout:g} s reading the body", code="I107"
                )
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise InputError(
            origin, f"timed out after {policy.timeout:g} s reading the body", code="I107"
        ) from exc
    except httpx.HTTPError as exc:
        raise InputError(origin, f"network error reading the body: {exc}", code="I107") from exc
    return b"".join(chunks)


def _too_large(origin: str, what: str, policy: FetchPolicy) -> InputError:
    return InputError(
        origin,
        f"response {what}, over the limit of {policy.max_bytes:,} (raise FetchPolicy.max_bytes)",
        code="I105",
    )
