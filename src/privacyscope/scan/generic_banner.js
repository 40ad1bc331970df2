(action) => {
  const ACCEPT = /^(accept|accept all|accept all cookies|accept cookies|allow all|allow all cookies|allow cookies|agree|i agree|agree and continue|ok|got it|alle akzeptieren|akzeptieren|zustimmen|alle zulassen|tout accepter|accepter|aceptar|aceptar todo|accetta|accetta tutto)$/i;
  const REJECT = /^(reject|reject all|reject all cookies|reject cookies|decline|decline all|deny|deny all|refuse|refuse all|only necessary|only essential|necessary only|essential only|use necessary cookies only|alle ablehnen|ablehnen|nur notwendige|tout refuser|refuser|rechazar|rechazar todo|rifiuta|rifiuta tutto)$/i;
  const CONTEXT = /cookie|consent|privacy|datenschutz|gdpr|tracking|einwillig/i;
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const norm = (t) => (t || '').replace(/\s+/g, ' ').trim().replace(/[.!]$/, '');
  const candidates = [...document.querySelectorAll(
    'button, a, [role=button], input[type=button], input[type=submit]')];
  let accept = null, reject = null;
  for (const el of candidates) {
    if (!visible(el)) continue;
    const text = norm(el.innerText || el.value || el.getAttribute('aria-label'));
    if (!text || text.length > 40) continue;
    let ctx = el.parentElement, inBanner = false;
    for (let i = 0; i < 6 && ctx; i++, ctx = ctx.parentElement) {
      if (CONTEXT.test((ctx.id || '') + ' ' + (ctx.className || '') + ' ' + (ctx.innerText || '').slice(0, 2000))) {
        inBanner = true; break;
      }
    }
    if (!inBanner) continue;
    if (!accept && ACCEPT.test(text)) accept = el;
    if (!reject && REJECT.test(text)) reject = el;
  }
  const found = !!(accept || reject);
  let clicked = null;
  const target = action === 'optIn' ? accept : action === 'optOut' ? reject : null;
  if (target) { target.click(); clicked = norm(target.innerText || target.value); }
  return {found, clicked, hasAccept: !!accept, hasReject: !!reject};
}
