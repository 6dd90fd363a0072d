// The iframe alternative: embed.html?clinic-name=...&clinic-phone=...&lang=pt-PT takes the same
// settings as the element's attributes, from the query string, and builds the element.
import './calcinosis-guide.js';

const ALLOWED = ['clinic-name', 'clinic-phone', 'emergency-number', 'out-of-hours', 'support-groups', 'lang', 'parts', 'open', 'storage-namespace'];
const params = new URLSearchParams(location.search);
const guide = document.createElement('calcinosis-guide');
for (const name of ALLOWED) {
  const value = params.get(name);
  if (value !== null) guide.setAttribute(name, value);
}
const lang = params.get('lang');
if (lang) document.documentElement.lang = lang;
document.body.append(guide);
