# ruff: noqa: E501
"""A loopback fixture web: one HTTPS server answering for the shop and every fake vendor host.

Chromium reaches it only through ``--host-resolver-rules`` (``MAP host 127.0.0.1:port`` for
each host, then ``MAP * ~NOTFOUND``), so nothing can leave the machine.
"""

from __future__ import annotations

import contextlib
import http.server
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import trustme
from fake_pixels import SCRIPTS

SITE = "shop.test"
VENDOR_HOSTS = (
    "analytics.tiktok.com",
    "connect.facebook.net",
    "www.facebook.com",
    "www.googletagmanager.com",
    "region1.google-analytics.com",
    "snap.licdn.com",
    "px.ads.linkedin.com",
    "sc-static.net",
    "tr.snapchat.com",
    "static.ads-twitter.com",
    "analytics.twitter.com",
    "cdn.tracker.example",
    "collector.tracker.example",
)
HOSTS = (SITE, "www." + SITE, *VENDOR_HOSTS)
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)

# --- page building blocks -------------------------------------------------------------------

TIKTOK_ID = "CTESTPIXEL0001"
META_ID = "123456789012345"
GA_ID = "G-TEST12345"


def tiktok_base(hold: bool = False, aam: bool = False) -> str:
    return f"""<script>
window.ttq = window.ttq || {{_q: []}};
['page','track','identify','holdConsent','grantConsent','revokeConsent','load'].forEach(function (m) {{
  ttq[m] = ttq[m] || function () {{ ttq._q.push([m, Array.prototype.slice.call(arguments)]); }};
}});
ttq.load('{TIKTOK_ID}', {{aam: {str(aam).lower()}}});
{"ttq.holdConsent();" if hold else ""}
ttq.page();
(function () {{ var s = document.createElement('script'); s.async = true;
  s.src = 'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid={TIKTOK_ID}&lib=ttq';
  document.head.appendChild(s); }})();
</script>"""


def meta_base(revoke: bool = False) -> str:
    return f"""<script>
(function () {{ var n = window.fbq = function () {{ n.queue.push(Array.prototype.slice.call(arguments)); }}; n.queue = []; }})();
{"fbq('consent', 'revoke');" if revoke else ""}
fbq('init', '{META_ID}');
fbq('track', 'PageView');
(function () {{ var s = document.createElement('script'); s.async = true;
  s.src = 'https://connect.facebook.net/en_US/fbevents.js'; document.head.appendChild(s); }})();
</script>"""


def gtag_base(denied: bool = False) -> str:
    default = (
        (
            "gtag('consent', 'default', {ad_storage: 'denied', analytics_storage: 'denied', "
            "ad_user_data: 'denied', ad_personalization: 'denied'});"
        )
        if denied
        else ""
    )
    return f"""<script>
window.dataLayer = window.dataLayer || [];
function gtag() {{ dataLayer.push(arguments); }}
{default}
gtag('js', new Date());
gtag('config', '{GA_ID}');
(function () {{ var s = document.createElement('script'); s.async = true;
  s.src = 'https://www.googletagmanager.com/gtag/js?id={GA_ID}'; document.head.appendChild(s); }})();
</script>"""


def loader(src: str) -> str:
    return f"<script async src='{src}'></script>"


LINKEDIN_BASE = "<script>window._linkedin_partner_id = '7654321';</script>" + loader(
    "https://snap.licdn.com/li.lms-analytics/insight.min.js"
)
SNAP_BASE = """<script>(function () { var n = window.snaptr = function () {
  n.queue.push(Array.prototype.slice.call(arguments)); }; n.queue = []; })();
snaptr('init', 'snap-pixel-42', {user_email: 'known.customer@example.org'});
snaptr('track', 'PAGE_VIEW');</script>""" + loader("https://sc-static.net/scevent.min.js")
X_BASE = """<script>(function () { var n = window.twq = function () {
  n.queue.push(Array.prototype.slice.call(arguments)); }; n.queue = []; })();
twq('config', 'o1x2y');</script>""" + loader("https://static.ads-twitter.com/uwt.js")
OTHER_TRACKER = loader("https://cdn.tracker.example/t.js")

CONSENT_JS = """<script>
function psConsent() { var m = document.cookie.match(/ps_consent=(\\w+)/); return m ? m[1] : null; }
function psDecide(v) {
  document.cookie = 'ps_consent=' + v + '; path=/; max-age=31536000';
  document.getElementById(window.PS_BANNER).style.display = 'none';
  if (v === 'granted') window.onGrant(); else window.onDeny();
}
document.addEventListener('DOMContentLoaded', function () {
  var c = psConsent();
  if (c) { document.getElementById(window.PS_BANNER).style.display = 'none';
           if (c === 'granted') window.onGrant(); else window.onDeny(); }
});
</script>"""

ONETRUST_BANNER = """<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk"
 style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1em">
<p>We and our partners use cookies to personalise ads.</p>
<button id="onetrust-pc-btn-handler">Cookie Settings</button>
<button id="onetrust-reject-all-handler" onclick="psDecide('denied')">Reject All</button>
<button id="onetrust-accept-btn-handler" onclick="psDecide('granted')">Accept All Cookies</button>
</div></div><script>window.PS_BANNER = 'onetrust-banner-sdk';</script>"""

CUSTOM_BANNER = """<section id="shop-privacy-notice" class="notice"
 style="position:fixed;top:0;left:0;right:0;background:#ffe;padding:1em">
<p>This shop uses cookies for marketing and statistics.</p>
<button type="button" onclick="psDecide('granted')">Accept all</button>
<button type="button" onclick="psDecide('denied')">Reject all</button>
</section><script>window.PS_BANNER = 'shop-privacy-notice';</script>"""


def grant_hooks(on_grant: str, on_deny: str = "") -> str:
    return (
        f"<script>window.onGrant = function () {{ {on_grant} }};"
        f" window.onDeny = function () {{ {on_deny} }};</script>"
    )


def inject(html: str) -> str:
    """JS that inserts markup (used to load tags only after consent)."""
    import json

    encoded = json.dumps(html).replace("</", "<\\/")
    return (
        f"var d = document.createElement('div'); d.innerHTML = {encoded};"
        " d.querySelectorAll('script').forEach(function (o) { var s = document.createElement('script');"
        " if (o.src) { s.src = o.src; s.async = true; } else { s.textContent = o.textContent; }"
        " document.body.appendChild(s); });"
    )


def page(title: str, body: str, head: str = "", links: tuple[str, ...] = ()) -> str:
    nav = "".join(f"<li><a href='{href}'>{href}</a></li>" for href in links)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body><h1>{title}</h1><ul>{nav}</ul>{body}</body></html>"
    )


ALL_PIXELS = (
    tiktok_base() + meta_base() + gtag_base() + LINKEDIN_BASE + SNAP_BASE + X_BASE + OTHER_TRACKER
)


def scenarios() -> dict[str, dict[str, str]]:
    """scenario -> path suffix -> HTML."""
    s: dict[str, dict[str, str]] = {}
    s["precon"] = {
        "": page(
            "Pre-consent shop",
            "<p>All pixels fire at once.</p>",
            ALL_PIXELS,
            links=("/s/precon/page2", "/s/precon/page2#top", "https://elsewhere.test/"),
        ),
        "page2": page("Page 2", "<p>Second page.</p>", tiktok_base() + meta_base()),
    }
    gated_tags = tiktok_base() + meta_base() + gtag_base()
    s["onetrust"] = {
        "": page(
            "Consent-gated shop",
            ONETRUST_BANNER + CONSENT_JS + grant_hooks(inject(gated_tags)),
            links=("/s/onetrust/page2",),
        ),
        "page2": page(
            "Gated page 2", ONETRUST_BANNER + CONSENT_JS + grant_hooks(inject(gated_tags))
        ),
    }
    s["holdconsent"] = {
        "": page(
            "TikTok holdConsent",
            CUSTOM_BANNER + CONSENT_JS + grant_hooks("ttq.grantConsent();", "ttq.revokeConsent();"),
            tiktok_base(hold=True),
        ),
    }
    s["fbrevoke"] = {
        "": page(
            "Meta consent revoke",
            ONETRUST_BANNER + CONSENT_JS + grant_hooks("fbq('consent', 'grant');"),
            meta_base(revoke=True),
        ),
    }
    s["gcm"] = {
        "": page(
            "Google Consent Mode",
            CUSTOM_BANNER
            + CONSENT_JS
            + grant_hooks(
                "gtag('consent', 'update', {ad_storage: 'granted', analytics_storage: 'granted',"
                " ad_user_data: 'granted', ad_personalization: 'granted'});"
            ),
            gtag_base(denied=True),
        ),
    }
    form = (
        "<form id='signup' action='/s/aam/thanks' method='post'>"
        "<label>First name <input name='first_name'></label>"
        "<label>Email <input type='email' name='email' required></label>"
        "<label>Phone <input type='tel' name='phone'></label>"
        "<button type='submit'>Sign up</button></form>"
    )
    s["aam"] = {"": page("Newsletter", form, tiktok_base(aam=True))}
    s["clean"] = {"": page("Clean shop", "<p>No trackers here.</p>")}
    return s


def robust_pages() -> dict[str, str]:
    links = (
        "/slow-never-loads",
        "/huge",
        "/busy",
        "/loop",
        "/trap/1",
        "https://unreachable.shop.test/",
    )
    return {
        "/robust/": page("Hostile site", "<p>Bad pages ahead.</p>", links=links),
        "/busy": page(
            "Never idle",
            "<script>setInterval(function () { fetch('/ping?' + Date.now()); }, 150);</script>",
        ),
    }


# --- the server ------------------------------------------------------------------------------


@dataclass
class FixtureWeb:
    port: int
    ca: trustme.CA
    hits: list[tuple[str, str, str]] = field(default_factory=list)  # (host, method, path)

    def url(self, path: str = "/") -> str:
        return f"https://{SITE}{path}"

    def host_rules(self, extra_unmapped: bool = True) -> str:
        rules = [f"MAP {h} 127.0.0.1:{self.port}" for h in HOSTS]
        rules.append("MAP * ~NOTFOUND")
        return ", ".join(rules)


def _handler(web: FixtureWeb) -> type[http.server.BaseHTTPRequestHandler]:
    pages = scenarios()
    robust = robust_pages()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(
            self,
            status: int,
            body: bytes,
            ctype: str = "text/html; charset=utf-8",
            headers: tuple[tuple[str, str], ...] = (),
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_OPTIONS(self) -> None:  # CORS preflight for fetch() with JSON bodies
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
            self.send_header("Access-Control-Allow-Credentials", "true")
            self.send_header("Access-Control-Allow-Methods", "GET, POST")
            self.send_header("Access-Control-Allow-Headers", "content-type")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self.do_GET()

        def do_GET(self) -> None:
            host = (self.headers.get("Host") or "").split(":")[0].lower()
            path = urlsplit(self.path).path
            web.hits.append((host, self.command, self.path))
            if host in (SITE, "www." + SITE):
                return self._site(path)
            script = SCRIPTS.get((host, path))
            if script is not None:
                return self._send(200, script.encode(), "application/javascript")
            cookie = None
            if host == "analytics.tiktok.com" and path.startswith("/api/"):
                cookie = "ttwid=1%7Cfake; Domain=.tiktok.com; Path=/; Max-Age=31536000; Secure; SameSite=None"
            elif host == "www.facebook.com" and path.startswith("/tr"):
                cookie = (
                    "fr=0fake; Domain=.facebook.com; Path=/; Max-Age=7776000; Secure; SameSite=None"
                )
            headers = (("Set-Cookie", cookie),) if cookie else ()
            headers += (
                ("Access-Control-Allow-Origin", self.headers.get("Origin") or "*"),
                ("Access-Control-Allow-Credentials", "true"),
            )
            if path.startswith("/tr") or path.startswith("/i/adsct"):
                return self._send(200, GIF, "image/gif", headers)
            self._send(200, b"{}", "application/json", headers)

        def _site(self, path: str) -> None:
            if path.startswith("/s/"):
                parts = path.strip("/").split("/")
                scen = pages.get(parts[1]) if len(parts) > 1 else None
                sub = parts[2] if len(parts) > 2 else ""
                if scen is not None and sub in scen:
                    return self._send(200, scen[sub].encode())
                if scen is not None and sub == "thanks":
                    return self._send(200, page("Thanks", "").encode())
            if path in robust:
                return self._send(200, robust[path].encode())
            if path == "/ping":
                return self._send(204, b"")
            if path == "/loop":
                return self._send(302, b"", headers=(("Location", "/loop"),))
            if path == "/huge":
                body = page("Huge", "<p>" + ("x" * 1000 + "</p><p>") * 8000 + "</p>")
                return self._send(200, body.encode())
            if path.startswith("/trap/"):
                n = int(path.rsplit("/", 1)[-1] or 0)
                return self._send(
                    200, page(f"Trap {n}", "", links=(f"/trap/{n + 1}", f"/trap/{n + 2}")).encode()
                )
            if path == "/slow-never-loads":
                return self._endless()
            return self._send(404, page("Not found", "").encode())

        def _endless(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.wfile.write(b"<!doctype html><html><body><p>loading")
                for _ in range(600):
                    self.wfile.write(b" .")
                    self.wfile.flush()
                    time.sleep(0.1)

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    ssl_context: ssl.SSLContext

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # TLS alerts and resets from the browser are expected noise

    def get_request(self):  # type: ignore[no-untyped-def]
        sock, addr = super().get_request()
        return self.ssl_context.wrap_socket(
            sock, server_side=True, do_handshake_on_connect=False
        ), addr


@contextlib.contextmanager
def serve() -> Iterator[FixtureWeb]:
    ca = trustme.CA()
    cert = ca.issue_cert(*HOSTS)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    web = FixtureWeb(port=0, ca=ca)
    server = _Server(("127.0.0.1", 0), _handler(web))
    server.ssl_context = ctx
    web.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()
