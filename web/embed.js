// The iframe alternative: embed.html?clinic-name=...&clinic-phone=...&lang=pt-PT takes the same
// settings as the element's attributes, from the query string, and builds the element.
//
// The numbers a patient is told to call, the clinic's name, its links and where the diary is kept
// are taken from the address only when the page is framed, as a clinic's iframe frames it. Opened
// on its own (a link someone sent), the page is on the clinic's own domain and shows the patient's
// own diary: an address must not be able to put someone else's phone numbers or links there.
import './calcinosis-guide.js';

const ALLOWED = ['lang', 'parts', 'open'];
const FRAMED_ONLY = ['clinic-name', 'clinic-phone', 'emergency-number', 'out-of-hours', 'support-groups', 'storage-namespace'];
let framed;
try {
  framed = window.self !== window.top;
} catch {
  framed = true; // a cross-origin parent that cannot even be compared: framed
}
const params = new URLSearchParams(location.search);
const guide = document.createElement('calcinosis-guide');
for (const name of framed ? [...ALLOWED, ...FRAMED_ONLY] : ALLOWED) {
  const value = params.get(name);
  if (value !== null) guide.setAttribute(name, value);
}
const ignored = framed ? [] : FRAMED_ONLY.filter((name) => params.has(name));
if (ignored.length) {
  console.warn(`calcinosis-guide: embed.html is opened on its own, not in an iframe, so ${ignored.join(', ')} from its address ${ignored.length === 1 ? 'is' : 'are'} ignored`);
}
const lang = params.get('lang');
if (lang) document.documentElement.lang = lang;
document.body.append(guide);
for (const p of document.querySelectorAll('.cg-embed-fallback')) p.remove();
