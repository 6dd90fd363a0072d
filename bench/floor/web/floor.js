// The floor's loader, shaped like the widget's (web/calcinosis-guide.js): a placeholder in a
// shadow root, and the app's js + wasm fetched only when the element comes within 200 px of the
// viewport; then `mount` renders into the shadow root and `floor-ready` fires.
const BASE = new URL('./', import.meta.url);

class FloorCounter extends HTMLElement {
  #started = false;

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const placeholder = document.createElement('p');
    placeholder.textContent = 'Loading…';
    root.append(placeholder);
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        this.#start(root, placeholder);
      }
    }, { rootMargin: '200px' });
    observer.observe(this);
  }

  async #start(root, placeholder) {
    if (this.#started) return;
    this.#started = true;
    // The wasm is requested together with the JS, as the widget's loader does.
    const wasm = fetch(new URL('floor-app_bg.wasm', BASE));
    const m = await import(new URL('floor-app.js', BASE).href);
    await m.default({ module_or_path: wasm });
    const mount = document.createElement('div');
    root.append(mount);
    m.mount(mount);
    placeholder.remove();
    this.dispatchEvent(new CustomEvent('floor-ready', { bubbles: true }));
  }
}

customElements.define('floor-counter', FloorCounter);
