// Calcinosis Guide loader: defines <calcinosis-guide>. It shows a light placeholder and fetches
// the app (WebAssembly) only when the element comes near the viewport or is used. All files are
// found relative to this script, so the folder can live on any path. No inline scripts or
// styles, no eval: it works under a strict Content-Security-Policy.
const BASE = new URL('./', import.meta.url);
const TEXT = {
  en: { title: 'Calcinosis Guide', open: 'Open the guide', loading: 'Loading the guide…', failed: 'The guide could not load. Please reload the page.' },
  pt: { title: 'Guia da Calcinose', open: 'Abrir o guia', loading: 'A carregar o guia…', failed: 'Não foi possível carregar o guia. Recarregue a página.' },
};

// One small stylesheet in the host page, for printing only (see calcinosis-guide-host.css).
function addHostStyles() {
  if (document.querySelector('link[data-calcinosis-guide-host]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('calcinosis-guide-host.css', BASE).href;
  link.setAttribute('data-calcinosis-guide-host', '');
  document.head.append(link);
}

// The WebAssembly is requested at the same time as the app's JS, not after it has arrived: on a
// slow connection that saves a round trip.
let app;
function loadApp() {
  if (!app) {
    const wasm = fetch(new URL('calcinosis-guide-app_bg.wasm', BASE));
    wasm.catch(() => {}); // reported through the init below
    app = import(new URL('calcinosis-guide-app.js', BASE).href).then(async (m) => {
      await m.default({ module_or_path: wasm });
      return m;
    });
  }
  return app;
}

// A language's text (content/<lang>.json), fetched once per page and started together with the
// app, so it does not wait for the WebAssembly. The app fetches any other language itself.
const contentFetches = new Map();
function fetchContent(lang) {
  const url = new URL(`content/${lang === 'pt' ? 'pt-PT' : 'en'}.json`, BASE).href;
  if (!contentFetches.has(url)) {
    const text = fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))));
    text.catch(() => {}); // the app reports a failure, with a way to try again
    contentFetches.set(url, text);
  }
  return [url, contentFetches.get(url)];
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

class CalcinosisGuideElement extends HTMLElement {
  #started = false;
  #observer = null;

  connectedCallback() {
    if (this.shadowRoot) return;
    addHostStyles();
    const lang = (this.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en').slice(0, 2).toLowerCase();
    const t = TEXT[lang] || TEXT.en;
    const root = this.attachShadow({ mode: 'open' });
    // Only the placeholder's few rules now; the full stylesheet comes with the app.
    const css = el('link');
    css.rel = 'stylesheet';
    css.href = new URL('calcinosis-guide-placeholder.css', BASE).href;
    const mount = el('div', 'cg-mount');
    const placeholder = el('div', 'cg-placeholder');
    const title = el('p', 'cg-placeholder-title', t.title);
    const button = el('button', 'cg-button cg-button-primary', t.open);
    button.type = 'button';
    placeholder.append(title, button);
    mount.append(placeholder);
    root.append(css, mount);

    const start = () => this.#start(mount, placeholder, button, t, lang);
    button.addEventListener('click', start);
    button.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') start();
    });
    this.addEventListener('focusin', start, { once: true });
    this.addEventListener('pointerenter', start, { once: true });
    if ('IntersectionObserver' in window) {
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) start();
      }, { rootMargin: '200px' });
      this.#observer.observe(this);
    } else {
      start();
    }
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
  }

  async #start(mount, placeholder, button, t, lang) {
    if (this.#started) return;
    this.#started = true;
    this.#observer?.disconnect();
    // aria-disabled, not disabled: a disabled button would drop keyboard focus to the page.
    button.setAttribute('aria-disabled', 'true');
    button.textContent = t.loading;
    const root = this.shadowRoot;
    const css = el('link');
    css.rel = 'stylesheet';
    css.href = new URL('calcinosis-guide.css', BASE).href;
    const styled = new Promise((resolve) => {
      css.addEventListener('load', resolve, { once: true });
      css.addEventListener('error', resolve, { once: true });
    });
    root.append(css);
    const [contentUrl, contentText] = fetchContent(lang);
    try {
      const [m] = await Promise.all([loadApp(), styled]);
      const hadFocus = root.activeElement === button;
      const widget = el('div', 'cg-root');
      mount.append(widget);
      m.mount_widget(this, widget, BASE.href, contentUrl, contentText);
      placeholder.remove();
      if (hadFocus) {
        // Keep the keyboard user in the widget: focus its title once it has rendered.
        const focusTitle = (tries) => {
          const title = root.querySelector('.cg-title');
          if (title) title.focus();
          else if (tries > 0) requestAnimationFrame(() => focusTitle(tries - 1));
        };
        requestAnimationFrame(() => focusTitle(30));
      }
      this.dispatchEvent(new CustomEvent('calcinosis-guide-ready', { bubbles: true }));
    } catch (e) {
      console.error('calcinosis-guide:', e);
      button.remove();
      placeholder.append(el('p', 'cg-notice cg-notice-error', t.failed));
    }
  }
}

if (!customElements.get('calcinosis-guide')) {
  customElements.define('calcinosis-guide', CalcinosisGuideElement);
}
