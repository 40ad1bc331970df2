# ruff: noqa: E501
"""Our own fake pixel scripts (never vendor code): they mimic how each tag loads and what it sends.

Each script sends to the vendor's real hostnames, which the tests map onto the loopback fixture
server with Chromium's host resolver rules.
"""

from __future__ import annotations

COMMON = r"""
window.__ps = window.__ps || {
  setCookie: (name, value, days) => {
    document.cookie = name + '=' + value + '; path=/; max-age=' + (days * 86400) + '; SameSite=Lax';
  },
  getCookie: (name) => {
    const m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? m[1] : null;
  },
  sha256: async (text) => {
    const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return [...new Uint8Array(buf)].map(b => b.toString(16).padStart(2, '0')).join('');
  },
};
"""

TIKTOK = (
    COMMON
    + r"""
(function () {
  const ttq = window.ttq;
  const state = {ids: [], held: false, queue: [], user: {}, aam: false};
  const ttp = __ps.getCookie('_ttp') || ('fake' + Math.random().toString(36).slice(2));
  function send(event, props) {
    if (state.held) { state.queue.push([event, props]); return; }
    __ps.setCookie('_ttp', ttp, 395);
    __ps.setCookie('_tt_enable_cookie', '1', 395);
    for (const id of state.ids) {
      const body = {event: event, context: {pixel: {code: id},
        page: {url: location.href, referrer: document.referrer},
        user: Object.assign({anonymous_id: ttp}, state.user), device: {platform: 'pc'}},
        properties: props || {}};
      fetch('https://analytics.tiktok.com/api/v2/pixel', {method: 'POST', body: JSON.stringify(body),
        keepalive: true, credentials: 'include', headers: {'content-type': 'application/json'}});
    }
    // telemetry that is not an event
    navigator.sendBeacon('https://analytics.tiktok.com/api/v2/monitor', '{"m":1}');
  }
  const api = {
    load: (id, opts) => { state.ids.push(id); if (opts && opts.aam) state.aam = true; },
    page: () => send('Pageview'),
    track: (ev, props) => send(ev, props),
    identify: async (u) => {
      if (u.email) state.user.email = await __ps.sha256(u.email.trim().toLowerCase());
      if (u.phone_number) state.user.phone_number = await __ps.sha256(u.phone_number.replace(/[^0-9+]/g, ''));
    },
    holdConsent: () => { state.held = true; },
    revokeConsent: () => { state.held = true; state.queue = []; },
    grantConsent: () => { state.held = false; const q = state.queue; state.queue = []; q.forEach(([e, p]) => send(e, p)); },
  };
  // automatic advanced matching: read form fields on submit, hash, send
  document.addEventListener('submit', async (e) => {
    if (!state.aam) return;
    e.preventDefault();
    const form = e.target;
    const email = form.querySelector('input[type=email]');
    const phone = form.querySelector('input[type=tel]');
    if (email && email.value) state.user.email = await __ps.sha256(email.value.trim().toLowerCase());
    if (phone && phone.value) state.user.phone_number = await __ps.sha256(phone.value.replace(/[^0-9+]/g, ''));
    send('SubmitForm');
  }, true);
  const queued = (ttq && ttq._q) || [];
  window.ttq = Object.assign(window.ttq || {}, api);
  for (const [m, args] of queued) api[m] && api[m].apply(null, args);
})();
"""
)

META = (
    COMMON
    + r"""
(function () {
  const queued = (window.fbq && window.fbq.queue) || [];
  const st = {ids: [], revoked: false, pending: [], ud: {}};
  const fbp = __ps.getCookie('_fbp') || ('fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9));
  function fire(ev) {
    if (st.revoked) { st.pending.push(ev); return; }
    __ps.setCookie('_fbp', fbp, 90);
    for (const id of st.ids) {
      const q = new URLSearchParams({id: id, ev: ev, dl: location.href, rl: document.referrer,
        ts: String(Date.now()), fbp: fbp});
      for (const [k, v] of Object.entries(st.ud)) q.set('ud[' + k + ']', v);
      const img = new Image();
      img.src = 'https://www.facebook.com/tr/?' + q.toString();
    }
  }
  function fbq(cmd, a, b) {
    if (cmd === 'consent') {
      st.revoked = a === 'revoke';
      if (!st.revoked) { const p = st.pending; st.pending = []; p.forEach(fire); }
    } else if (cmd === 'init') {
      st.ids.push(a);
      if (b && b.em) __ps.sha256(b.em.trim().toLowerCase()).then(h => { st.ud.em = h; });
    } else if (cmd === 'track') {
      fire(a);
    }
  }
  window.fbq = fbq;
  for (const args of queued) fbq.apply(null, args);
})();
"""
)

GTAG = (
    COMMON
    + r"""
(function () {
  const dl = window.dataLayer = window.dataLayer || [];
  const st = {consent: {ad_storage: 'granted', analytics_storage: 'granted'}, ids: []};
  const gcs = () => 'G1' + (st.consent.ad_storage === 'granted' ? '1' : '0') +
                           (st.consent.analytics_storage === 'granted' ? '1' : '0');
  function hit(en) {
    for (const tid of st.ids) {
      const q = new URLSearchParams({v: '2', tid: tid, en: en, dl: location.href, dt: document.title,
        gcs: gcs(), gcd: '13l3l3l3l1'});
      if (st.consent.analytics_storage === 'granted') {
        let ga = __ps.getCookie('_ga');
        if (!ga) { ga = 'GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000); __ps.setCookie('_ga', ga, 400); }
        q.set('cid', ga.split('.').slice(2).join('.'));
      }
      navigator.sendBeacon('https://region1.google-analytics.com/g/collect?' + q.toString());
    }
  }
  function handle(args) {
    const [cmd, a, b] = args;
    if (cmd === 'consent') {
      Object.assign(st.consent, b || {});
      if (a === 'update') hit('page_view');
    } else if (cmd === 'config') {
      st.ids.push(a);
      hit('page_view');
    } else if (cmd === 'event') {
      hit(a);
    }
  }
  const pending = dl.slice();
  dl.push = function (args) { Array.prototype.push.call(dl, args); handle(args); return dl.length; };
  for (const args of pending) if (args && args.length !== undefined && typeof args !== 'string') handle(args);
})();
"""
)

LINKEDIN = (
    COMMON
    + r"""
(function () {
  const pid = window._linkedin_partner_id;
  __ps.setCookie('li_fat_id', 'fake-' + Math.random().toString(36).slice(2), 30);
  const q = new URLSearchParams({pid: pid, fmt: 'js', url: location.href, time: String(Date.now())});
  navigator.sendBeacon('https://px.ads.linkedin.com/collect?' + q.toString());
  window.lintrk = function (cmd, data) {
    if (cmd === 'track') {
      const q2 = new URLSearchParams({pid: pid, conversionId: String(data.conversion_id), fmt: 'js', url: location.href});
      navigator.sendBeacon('https://px.ads.linkedin.com/collect?' + q2.toString());
    }
  };
})();
"""
)

SNAP = (
    COMMON
    + r"""
(function () {
  const queued = (window.snaptr && window.snaptr.queue) || [];
  const st = {pid: null, hem: null};
  __ps.setCookie('_scid', 'fake-' + Math.random().toString(36).slice(2), 395);
  async function snaptr(cmd, a, b) {
    if (cmd === 'init') {
      st.pid = a;
      if (b && b.user_email) st.hem = await __ps.sha256(b.user_email.trim().toLowerCase());
    } else if (cmd === 'track') {
      const q = new URLSearchParams({pid: st.pid, ev: a, pl: location.href, ts: String(Date.now())});
      if (st.hem) q.set('u_hem', st.hem);
      navigator.sendBeacon('https://tr.snapchat.com/p', q);
    }
  }
  window.snaptr = snaptr;
  (async () => { for (const args of queued) await snaptr.apply(null, args); })();
})();
"""
)

X = (
    COMMON
    + r"""
(function () {
  const queued = (window.twq && window.twq.queue) || [];
  let pixel = null;
  __ps.setCookie('_twclid', 'fake-' + Math.random().toString(36).slice(2), 30);
  function twq(cmd, a) {
    if (cmd === 'config' || cmd === 'init') pixel = a;
    if (cmd === 'track' || cmd === 'config') {
      const q = new URLSearchParams({txn_id: pixel, p_id: 'Twitter', events: JSON.stringify([['pageview', {}]]),
        tw_document_href: location.href, type: 'javascript'});
      const img = new Image();
      img.src = 'https://analytics.twitter.com/i/adsct?' + q.toString();
    }
  }
  window.twq = twq;
  for (const args of queued) twq.apply(null, args);
})();
"""
)

OTHER_TRACKER = r"""
(function () {
  navigator.sendBeacon('https://collector.tracker.example/hit?u=' + encodeURIComponent(location.href));
})();
"""

SCRIPTS: dict[tuple[str, str], str] = {
    ("analytics.tiktok.com", "/i18n/pixel/events.js"): TIKTOK,
    ("connect.facebook.net", "/en_US/fbevents.js"): META,
    ("www.googletagmanager.com", "/gtag/js"): GTAG,
    ("snap.licdn.com", "/li.lms-analytics/insight.min.js"): LINKEDIN,
    ("sc-static.net", "/scevent.min.js"): SNAP,
    ("static.ads-twitter.com", "/uwt.js"): X,
    ("cdn.tracker.example", "/t.js"): OTHER_TRACKER,
}
