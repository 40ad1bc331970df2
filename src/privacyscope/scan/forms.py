"""Fill forms with canary values and submit them, as a visitor would."""

from __future__ import annotations

from playwright.async_api import Error, Page

from privacyscope.scan.canary import Canary

_FILL_JS = r"""
([values, submit]) => {
  const kind = (el) => {
    const t = (el.type || '').toLowerCase();
    const key = [el.name, el.id, el.autocomplete, el.placeholder,
                 el.getAttribute('aria-label')].join(' ').toLowerCase();
    if (t === 'email' || /e-?mail/.test(key)) return 'email';
    if (t === 'tel' || /phone|tel|mobile|handy/.test(key)) return 'phone';
    if (/first|given|fname|vorname/.test(key)) return 'first_name';
    if (/last|family|surname|lname|nachname/.test(key)) return 'last_name';
    return null;
  };
  const setValue = (el, v) => {
    const proto = Object.getPrototypeOf(el);
    const desc = Object.getOwnPropertyDescriptor(proto, 'value');
    el.focus();
    if (desc && desc.set) desc.set.call(el, v); else el.value = v;
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
    el.dispatchEvent(new Event('blur', {bubbles: true}));
  };
  let filled = 0;
  const forms = new Set();
  for (const el of document.querySelectorAll('input')) {
    if (el.disabled || el.readOnly || el.type === 'hidden' || el.type === 'password') continue;
    const k = kind(el);
    if (!k || !(k in values)) continue;
    setValue(el, values[k]);
    filled++;
    if (el.form && (k === 'email' || k === 'phone')) forms.add(el.form);
  }
  let submitted = 0;
  if (submit) {
    for (const f of forms) {
      try { f.requestSubmit(); submitted++; } catch (e) { /* invalid form */ }
    }
  }
  return [filled, submitted];
}
"""


async def fill_forms(page: Page, canary: Canary, submit: bool = True) -> int:
    """Fill email/phone/name inputs on the page; submit their forms. Returns fields filled."""
    values = {
        "email": canary.email,
        "phone": canary.phone,
        "first_name": canary.first_name,
        "last_name": canary.last_name,
    }
    try:
        result = await page.evaluate(_FILL_JS, [values, submit])
    except Error:
        return 0
    if isinstance(result, list) and result:
        return int(result[0])
    return 0
