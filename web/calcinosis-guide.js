// Calcinosis Guide loader: defines <calcinosis-guide>. It shows a light placeholder and fetches
// the app (WebAssembly) only when the element comes near the viewport or is used. All files are
// found relative to this script, so the folder can live on any path. No inline scripts or
// styles, no eval: it works under a strict Content-Security-Policy.
const BASE = new URL('./', import.meta.url);
const TEXT = {
  en: { title: 'Calcinosis Guide', open: 'Open the guide', loading: 'Loading the guide…', failed: 'The guide could not load. Check your internet connection, then try again.', refused: 'The guide cannot run on this web page: the page’s security settings stop it. Please tell your care team.', retry: 'Try again' },
  pt: { title: 'Guia da Calcinose', open: 'Abrir o guia', loading: 'A carregar o guia…', failed: 'Não foi possível carregar o guia. Verifique a ligação à internet e tente novamente.', refused: 'O guia não pode funcionar nesta página: as definições de segurança da página não o permitem. Informe a sua equipa de saúde.', retry: 'Tentar novamente' },
};

// Marks this loader's element class, so that a second copy of the loader (a page that includes it
// twice) is told from another script that took the element's name.
const LOADER = Symbol.for('calcinosis-guide.loader');

// Whether the page's Content-Security-Policy refused the guide what it needs to run: compiling
// its WebAssembly ('wasm-unsafe-eval' missing) or fetching its own files. A failed start then
// says so, not "check your internet connection", which trying again would never mend; the
// console says which rule, for the clinic's web team.
let refusedByPage = false;
document.addEventListener('securitypolicyviolation', (e) => {
  // Only what the start needs: a font or an image of the folder refused does not stop it.
  const needed = e.blockedURI === 'wasm-eval'
    || (e.blockedURI.startsWith(BASE.href) && /^(script-src|connect-src|default-src)/.test(e.effectiveDirective));
  if (needed) {
    if (!refusedByPage) {
      console.error(`calcinosis-guide: this page's Content-Security-Policy (${e.effectiveDirective}) refuses ${e.blockedURI}; see the README's embed section for the policy the guide needs`);
    }
    refusedByPage = true;
  }
});

// One small stylesheet in the host page, for printing only (see calcinosis-guide-host.css).
function addHostStyles() {
  if (document.querySelector('link[data-calcinosis-guide-host]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('calcinosis-guide-host.css', BASE).href;
  link.setAttribute('data-calcinosis-guide-host', '');
  document.head.append(link);
}

// Two modules: the guide alone ("learn", the small first download) and the whole widget ("app").
// A patient who keeps nothing on this device yet gets the guide alone; choosing the diary or the
// summary swaps in the whole widget. Each module's WebAssembly is requested at the same time as
// its JS, not after it has arrived: on a slow connection that saves a round trip. Each has its
// stylesheet: the guide alone's holds only the guide's rules (styles/guide.list), the same rules
// in the same order as in the whole one, so adding the whole one changes nothing on screen.
const STYLES = { learn: 'calcinosis-guide-learn.css', app: 'calcinosis-guide.css' };

// A download that stops (no byte for STALL ms: a weak signal, a hung proxy) fails, so the
// patient is told and can try again; one that is slow but keeps coming is left to finish. The
// wait for a reply's first byte has a longer limit (FIRST): it may be a wait for a free
// connection behind the page's own files (six per host over HTTP/1.1). The bytes are watched
// through a copy, so the browser's own Response goes on to be compiled (only that one has its
// compiled code kept for the next visit), and it is read as it arrives whatever its reader does.
const STALL = 15000;
const FIRST = 30000;
function fetchWatched(url) {
  const stop = new AbortController();
  let timer;
  const arm = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      console.warn(`calcinosis-guide: ${url} stalled: no byte for ${ms / 1000} s`);
      stop.abort(new Error(`calcinosis-guide: ${url} stalled`));
    }, ms);
  };
  arm(FIRST);
  // The address as text, and a throw as a failure: a page's own wrapper of fetch may take only a
  // string, and throw at once (found by an audit: "Loading…" stayed for good).
  let got;
  try {
    got = fetch(`${url}`, { signal: stop.signal });
  } catch (e) {
    got = Promise.reject(e);
  }
  return Promise.resolve(got).then((r) => {
    clearTimeout(timer);
    if (r instanceof Response && r.body) {
      const copy = r.clone().body.getReader();
      (async () => {
        try {
          do arm(STALL); while (!(await copy.read()).done);
        } catch {
          // Aborted or broken: the Response's own reader says so.
        }
        clearTimeout(timer);
      })();
    }
    return r;
  }, (e) => {
    clearTimeout(timer);
    throw e;
  });
}

// `promise`, or a failure after `ms` (a module's script or a stylesheet that never comes).
function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`calcinosis-guide: ${what} stalled`)), ms);
  });
  // Not .finally: an old Promise polyfill on the page may not have it.
  const done = () => clearTimeout(timer);
  return Promise.race([promise, late]).then((v) => (done(), v), (e) => {
    done();
    throw e;
  });
}

const modules = new Map();
let attempts = 0;
function loadModule(name) {
  if (!modules.has(name)) {
    // After a failure, a new address: browsers keep a failed module import for the page's life.
    const again = attempts ? `?attempt=${attempts}` : '';
    // A page's own fetch may give something that is not a Response (a polyfill): then its bytes.
    const wasm = fetchWatched(new URL(`calcinosis-guide-${name}_bg.wasm`, BASE))
      .then((r) => (r instanceof Response ? r : r.arrayBuffer()));
    wasm.catch(() => {}); // reported through the init below
    const loaded = within(import(new URL(`calcinosis-guide-${name}.js${again}`, BASE).href), FIRST, name).then(async (m) => {
      await m.default({ module_or_path: wasm });
      return m;
    });
    loaded.catch(() => {
      attempts += 1;
      modules.delete(name);
    });
    modules.set(name, loaded);
  }
  return modules.get(name);
}

// The widget's type (styles/00-theme.css): its default family and size, and its scale, sizes in
// em of the widget's size, each at weights 400 and 700.
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const FONT_SCALE = 1.125;
const TYPE_SCALE = [1, 0.9, 1.1, 1.35, 1.5];
const WEIGHTS = [400, 700];

// Readies the widget's fonts while its files are on their way. A browser looks up and sets up a
// font (each size and weight of it) the first time it lays text out in it; left to the widget's
// first layout, that comes after the last byte has arrived (about 40 ms at 4x CPU throttling for
// the guide's eight). Measuring one line in each on a canvas that is never shown does it now,
// while the page waits on the network. Best effort: a page that blocks it loses nothing.
function readyFonts(host) {
  try {
    const style = getComputedStyle(host);
    const family = style.getPropertyValue('--calcinosis-guide-font-family').trim() || FONT_FAMILY;
    // By default 1.125 times the browser's own text size (styles/00-theme.css), which the host
    // element has once its shadow stylesheet (`all: initial`) applies.
    const size = style.getPropertyValue('--calcinosis-guide-font-size').trim()
      || `${FONT_SCALE * (parseFloat(style.fontSize) || 16)}px`;
    // Only a size in px says what the widget's px sizes will be without laying anything out.
    if (!/^\d+(\.\d+)?px$/.test(size)) return;
    const ctx = document.createElement('canvas').getContext('2d');
    for (const scale of TYPE_SCALE) {
      for (const weight of WEIGHTS) {
        ctx.font = `${weight} ${parseFloat(size) * scale}px ${family}`;
        ctx.measureText('Calcinosis Guide 0123456789');
      }
    }
  } catch {
    // No canvas here: the first layout sets the fonts up, as it would have.
  }
}

// Does this page need the whole widget from the start? When the clinic opens it at another part
// or hides the guide, or this site keeps a patient's data (anything of ours but a place in the
// guide). The guide alone checks again, by its own namespace, and hands over if it must: this is
// only to spare a second download.
function needsWhole(host) {
  const first = (name) => (host.getAttribute(name) ?? 'learn').trim().split(/[\s,]+/)[0].toLowerCase();
  if (first('open') !== 'learn' || first('parts') !== 'learn') return true;
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith('calcinosis-guide.') && !key.endsWith('.walkthrough')) return true;
    }
  } catch {
    // Storage blocked: nothing is kept, and the guide alone says so.
  }
  return false;
}

// The first use of localStorage in a page opens the site's storage, a blocking step of about
// 15 ms on a phone (measured at 4x CPU throttling). Done while the page is idle, it no longer sits
// between the widget coming into view and its first request (needsWhole reads the storage
// first). It reads nothing and decides nothing: needsWhole still looks at the storage as it is
// when the widget starts.
function openStorage() {
  try {
    void localStorage.length;
  } catch {
    // Storage blocked: needsWhole meets the same and loads the guide alone.
  }
}

function whenIdle(task) {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 0);
}

// The text at `url`, fetched anew and watched for a stall. The module fetches any other text
// through it (another language, or again after a failure), so that too fails rather than hangs.
const textOf = (url) => fetchWatched(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))));

// A language's text, fetched once per page and started together with the module, so it does not
// wait for the WebAssembly: the whole widget's (content/<lang>.json) or the guide's alone
// (content/<lang>.guide.json, about half). The module fetches any other language through textOf.
const contentFetches = new Map();
function fetchContent(lang, name) {
  const tag = lang.toLowerCase().startsWith('pt') ? 'pt-PT' : 'en';
  const url = new URL(`content/${tag}${name === 'learn' ? '.guide' : ''}.json`, BASE).href;
  if (!contentFetches.has(url)) {
    const text = textOf(url);
    // The app reports a failure, with a way to try again (which fetches anew).
    text.catch(() => contentFetches.get(url) === text && contentFetches.delete(url));
    contentFetches.set(url, text);
  }
  return [url, contentFetches.get(url)];
}

// Resolves once `found()` gives something, or after `frames` animation frames.
function until(found, frames) {
  return new Promise((resolve) => {
    const look = (left) => (found() || left <= 0 ? resolve() : requestAnimationFrame(() => look(left - 1)));
    look(frames);
  });
}

// Once the widget in `root` has rendered: with focus in it before (`inside`), keeps the keyboard
// user there, on the first of `selectors` (best first) found; else, if the widget took focus,
// gives it back to the page. Parts take focus to their heading as they open (a kept check-in form
// does), which is for a patient who opened them, not for a page that mounted the widget.
// `caret`: where the caret was in a text field, with its text (see caretIn).
function focusWhenThere(root, selectors, inside = true, caret = null) {
  const away = document.activeElement;
  const first = () => selectors.map((s) => root.querySelector(s)).find(Boolean);
  // Looked for first as soon as the mount's first render is done (a microtask after the mount,
  // in the same task: no key is handled in between), then at each frame.
  Promise.resolve().then(() => until(first, 30)).then(() => {
    if (inside) {
      const e = first();
      e?.focus();
      if (caret && e?.value === caret[2]) e.setSelectionRange(caret[0], caret[1]);
    } else if (root.activeElement) {
      root.activeElement.blur();
      away?.focus();
    }
  });
}

// Where focus is in `widget`, to put it back once the widget is mounted anew: the control by its
// id (the same in every mount: a lump's fields take theirs from its key in the kept draft), and
// the tab of the part on screen for a control with no id or one that is gone. False when focus
// is not in the widget.
const PRESSED = '.cg-tab[aria-pressed="true"]';
function focusIn(widget) {
  const e = widget.getRootNode().activeElement;
  return widget.contains(e) && [e.id ? `#${CSS.escape(e.id)}` : PRESSED, PRESSED];
}

// The caret (or the selection) in the text field that has focus in `widget`, with its text: put
// back when the field comes back with that text. Null elsewhere.
function caretIn(widget) {
  const e = widget.getRootNode().activeElement;
  return widget.contains(e) && typeof e.selectionStart === 'number' ? [e.selectionStart, e.selectionEnd, e.value] : null;
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

class CalcinosisGuideElement extends HTMLElement {
  static [LOADER] = true;

  #started = false;
  #observer = null;
  #wanted = null;
  #swapping = null;
  #styles = new Map();
  // The widget on screen: the module that mounted it and the element it renders into.
  #mounted = null;
  // The placeholder's parts, to build it again after the widget was taken down.
  #mount = null;
  #t = null;
  // An attribute changed while the widget was being mounted (see attributeChangedCallback).
  #changedMeanwhile = null;
  // The widget on screen is being mounted again (see #mountAgain).
  #replacing = false;

  // Attributes read when the widget mounts. A page that changes one later (a single-page app
  // switching language, a CMS filling in the phone) gets the widget mounted again with it.
  static get observedAttributes() {
    return ['lang', 'clinic-name', 'clinic-phone', 'emergency-number', 'out-of-hours', 'support-groups',
      'parts', 'open', 'storage-namespace'];
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if (!this.#mounted || this.#replacing) {
      // Being mounted (again) already, as when a page sets the name and then the language in
      // one go: once it is on screen, it is mounted once more, with this change too.
      if (this.#started) this.#changedMeanwhile = this.#changedMeanwhile === 'lang' ? 'lang' : name;
      return;
    }
    this.#mountAgain(name);
  }

  // Mounted again in the part on screen, and in the language on screen unless that is what
  // changed (`name`). The widget on screen stays, and takes what is typed, while the new one
  // loads; the new one then takes its place in one go, with the typing (kept as a draft) and the
  // keyboard where they were. Before, a "Loading" button stood in between, and the keys a patient
  // pressed meanwhile were lost.
  #mountAgain(name) {
    const { widget, name: was } = this.#mounted;
    this.#replacing = true;
    this.#start({
      whole: was === 'app',
      changed: name,
      // Read as the new one takes its place: the patient goes on meanwhile.
      now: () => ({
        part: widget.querySelector(PRESSED)?.dataset.part,
        tag: name === 'lang' ? undefined : widget.querySelector('.cg')?.lang,
        focus: focusIn(widget),
        caret: caretIn(widget),
      }),
    }, widget);
  }

  connectedCallback() {
    // Moved in the page before it started (a single-page app re-parenting it), or put back after
    // it was taken away: watch again, and start when it comes into view.
    if (this.shadowRoot) {
      if (!this.#started) {
        this.#arm();
        this.#observer?.observe(this);
      }
      return;
    }
    addHostStyles();
    // What a patient types and reads here is health data: the marks that session-replay and
    // analytics tools (Hotjar, Clarity, LogRocket, rrweb, FullStory) read as "do not record".
    for (const name of ['data-hj-suppress', 'data-private']) this.setAttribute(name, '');
    this.setAttribute('data-clarity-mask', 'true');
    this.classList.add('rr-block', 'fs-exclude');
    const root = this.attachShadow({ mode: 'open' });
    // Only the placeholder's few rules now; the full stylesheet comes with the app.
    const css = el('link');
    css.rel = 'stylesheet';
    css.href = new URL('calcinosis-guide-placeholder.css', BASE).href;
    this.#mount = el('div', 'cg-mount');
    root.append(css, this.#mount);
    this.#placeholder();
    // What a patient types stays in the widget: keys pressed in its fields do not reach the
    // page, whose shortcuts ("/" to search, "?" for help) would take them, and a search box that
    // suggests as you type could send a health note away. The widget's own handlers are inside
    // the shadow root and have run by the time a key gets here.
    for (const type of ['keydown', 'keypress', 'keyup']) {
      root.addEventListener(type, (e) => {
        const field = e.composedPath()[0];
        if (field instanceof HTMLElement && (field.matches('input, textarea, select') || field.isContentEditable)) {
          e.stopPropagation();
        }
      });
    }
    this.#arm();
    whenIdle(openStorage);
    if ('IntersectionObserver' in window) {
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this.#start();
      }, { rootMargin: '200px' });
      this.#observer.observe(this);
    } else {
      this.#start();
    }
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    // Taken away from the page (not only moved: a move puts it back in the same task): the
    // widget goes, with its listeners, so it no longer answers other tabs or asks "Leave site?"
    // for a page that no longer shows it. Typed work is kept as a draft and comes back with it.
    // Its offers that last until the page is left (an Undo, a restore's put-back) go too: kept,
    // they would come back with it, also after a deletion made in another tab meanwhile.
    setTimeout(() => {
      if (this.isConnected) return;
      this.#mounted?.module.element_gone?.(this);
      this.#takeDown();
    }, 0);
  }

  // The language asked for, as the widget reads it (Settings::from_attributes): the attribute
  // when it is not blank (one the guide does not have is English), else the first of the page's
  // and the browser's languages that the guide has, else English.
  #lang() {
    const primary = (tag) => (tag || '').trim().slice(0, 2).toLowerCase();
    const asked = primary(this.getAttribute('lang'));
    if (asked) return asked;
    return [document.documentElement.lang, navigator.language].map(primary).find((p) => TEXT[p]) || 'en';
  }

  // The placeholder: the widget's name and a button to open it (also its place while it loads),
  // in the language asked for now.
  #placeholder() {
    const lang = TEXT[this.#lang()] ? this.#lang() : 'en';
    this.#t = TEXT[lang];
    const placeholder = el('div', 'cg-placeholder');
    // Its words' language, whatever the element's lang says ("fr" shows English).
    placeholder.lang = lang === 'pt' ? 'pt-PT' : 'en';
    const button = el('button', 'cg-button cg-button-primary', this.#t.open);
    button.type = 'button';
    placeholder.append(el('p', 'cg-placeholder-title', this.#t.title), button);
    this.#mount.append(placeholder);
    button.addEventListener('click', () => this.#start());
    button.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') this.#start();
    });
  }

  // Focus or a pointer on the element starts it too, once.
  #arm() {
    this.addEventListener('focusin', () => this.#start(), { once: true });
    this.addEventListener('pointerenter', () => this.#start(), { once: true });
  }

  #takeDown() {
    if (!this.#mounted) return;
    const { module, widget } = this.#mounted;
    this.#mounted = null;
    module.unmount_widget?.(widget);
    widget.remove();
    this.#swapping = null;
    this.#started = false;
    this.#mount.querySelector('.cg-placeholder')?.remove();
    this.#placeholder();
  }

  // `old`: the widget on screen, which this one replaces once it is ready (see #mountAgain).
  async #start(handover = {}, old = null) {
    if ((this.#started && !old) || !this.shadowRoot) return;
    this.#started = true;
    // Each try is told by its own failure: a policy refusal heard before is not this one's.
    refusedByPage = false;
    const mount = this.#mount;
    // None while the widget it replaces is on screen.
    let placeholder = mount.querySelector('.cg-placeholder');
    let button = placeholder?.querySelector('button');
    const lang = this.#lang();
    this.#observer?.disconnect();
    // aria-disabled, not disabled: a disabled button would drop keyboard focus to the page.
    button?.setAttribute('aria-disabled', 'true');
    if (button) button.textContent = this.#t.loading;
    // Still there, and still the one to replace: else nothing to do, or (the guide alone was
    // swapped for the whole widget meanwhile) the change goes to the one on screen.
    const replacing = () => {
      this.#replacing = false;
      if (this.#mounted?.widget === old) return true;
      if (this.#mounted) this.#mountAgain(handover.changed);
      return false;
    };
    const root = this.shadowRoot;
    const name = handover.whole || needsWhole(this) ? 'app' : 'learn';
    // In the try too: a page's script that breaks a request at once is a failure said as such.
    try {
      const module = loadModule(name);
      const [contentUrl, contentText] = fetchContent(lang, name);
      const styled = this.#stylesheet(STYLES[name]);
      readyFonts(this);
      // The text too, when it comes: handed over as it is, the widget's first render is the guide
      // itself (not a "loading" notice first). If it failed (null), the widget fetches it again
      // and says so if that fails too.
      // The stylesheet at most STALL after the module: a widget without it still works, and it
      // applies whenever it comes.
      const styledSoon = module.then(() => within(styled, STALL, STYLES[name]).catch(() => false));
      const [m, , text] = await Promise.all([module, styledSoon, contentText.catch(() => null)]);
      let hadFocus = root.activeElement === button;
      if (old) {
        // A check-in's result on screen (what to do, and the numbers to call) is the patient's
        // until they close it: the page's change waits for that.
        while (this.#mounted?.widget === old && old.querySelector('.cg-result')) {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        // What the last key typed still owes is done first: Yew finishes a long render's work
        // in a later task, and the typing is kept as a draft by that work.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (!replacing()) return;
        Object.assign(handover, handover.now());
        hadFocus = Boolean(handover.focus);
        this.#takeDown();
        this.#started = true;
        placeholder = mount.querySelector('.cg-placeholder');
        old = null;
      }
      const widget = el('div', 'cg-root');
      mount.append(widget);
      if (name === 'app') {
        m.mount_widget(this, widget, BASE.href, contentUrl, text, handover.part, handover.tag, textOf);
      } else {
        m.mount_widget(this, widget, BASE.href, contentUrl, text, (part, tag) => this.#openWhole(part, tag), textOf);
        // Start fetching the whole widget as soon as the patient points at, or tabs to, the tab
        // of another part: it is there, or on its way, by the time they choose it.
        const warm = (e) => {
          if (!e.composedPath()[0].closest?.('.cg-tab[aria-pressed="false"]')) return;
          loadModule('app').catch(() => {});
          fetchContent(widget.querySelector('.cg')?.lang || lang, 'app');
          this.#stylesheet(STYLES.app);
        };
        widget.addEventListener('pointerover', warm);
        widget.addEventListener('focusin', warm);
      }
      placeholder.remove();
      this.#mounted = { module: m, widget, name };
      // Taken away while it loaded: down again at once.
      if (!this.isConnected) {
        this.#changedMeanwhile = null;
        m.element_gone?.(this);
        this.#takeDown();
        return;
      }
      focusWhenThere(root, [...handover.focus || [], '.cg-title'], hadFocus, handover.caret);
      // An attribute changed while it loaded: mounted again with it, from where the keyboard is
      // then (the patient types on in this one meanwhile, or has left the widget).
      const changed = this.#changedMeanwhile;
      this.#changedMeanwhile = null;
      if (changed) {
        this.#mountAgain(changed);
        return;
      }
      this.dispatchEvent(new CustomEvent('calcinosis-guide-ready', { bubbles: true }));
    } catch (e) {
      // Says so, and offers to try again (loadModule asks for a new address after a failure):
      // never a blank widget, never "reload the page" (which may lose the patient's place).
      console.error('calcinosis-guide:', e);
      // The policy's report comes as a task of its own, at times after the failure it caused.
      await new Promise((resolve) => setTimeout(resolve, 50));
      let refocus = false;
      if (old) {
        // The widget asked to change could not: it goes, and the placeholder says why (it would
        // show what the page no longer says, such as a phone number changed), with the keyboard
        // on its "Try again" if it was in the widget.
        if (!replacing()) return;
        refocus = Boolean(focusIn(old));
        this.#takeDown();
        placeholder = mount.querySelector('.cg-placeholder');
        button = placeholder.querySelector('button');
      }
      const t = this.#t;
      placeholder.querySelector('.cg-notice-error')?.remove();
      const failed = el('p', 'cg-notice cg-notice-error', refusedByPage ? t.refused : t.failed);
      failed.setAttribute('role', 'alert');
      placeholder.insertBefore(failed, button);
      button.textContent = t.retry;
      button.removeAttribute('aria-disabled');
      if (refocus) button.focus({ preventScroll: true });
      this.#started = false;
      // Tried again, it reads every attribute as it is then.
      this.#changedMeanwhile = null;
    }
  }

  // Links the stylesheet `file` into the shadow root once. Resolves to whether it loaded: a widget
  // without its styles still works, so a failure does not hold it (false at the first failure).
  // A failed request (a server's or a CDN's passing error) is tried again meanwhile after 1, 3
  // and 9 s, each at a new address (an error may be kept by a cache), and applies when it comes;
  // after that the next call tries again. Before, one failed request left the guide unstyled for
  // the whole visit: plain, small buttons for stiff hands.
  #stylesheet(file) {
    if (!this.#styles.has(file)) {
      const entry = {};
      this.#styles.set(file, entry);
      entry.loaded = new Promise((resolve) => {
        const link = (attempt) => {
          // Let go of meanwhile (the guide's sheet, once the whole widget's is in): no more tries.
          if (this.#styles.get(file) !== entry) return;
          const sheet = el('link');
          sheet.rel = 'stylesheet';
          sheet.href = new URL(attempt ? `${file}?attempt=${attempt}` : file, BASE).href;
          sheet.addEventListener('load', () => resolve(true), { once: true });
          sheet.addEventListener('error', () => {
            sheet.remove();
            resolve(false);
            if (attempt < 3) setTimeout(() => link(attempt + 1), 1000 * 3 ** attempt);
            else if (this.#styles.get(file) === entry) this.#styles.delete(file);
          }, { once: true });
          entry.link = sheet;
          this.shadowRoot.append(sheet);
        };
        link(0);
      });
    }
    return this.#styles.get(file).loaded;
  }

  // The guide alone asks for the whole widget (the part chosen, the language on screen). The
  // promise settles once the whole widget is on screen in its place, or rejects if it could not
  // load; the guide alone then offers to try again. Asking again while it loads changes the part
  // and language it will open at.
  #openWhole(part, tag) {
    this.#wanted = { part, tag };
    if (!this.#swapping) {
      this.#swapping = this.#swap().catch((e) => {
        this.#swapping = null;
        console.error('calcinosis-guide:', e);
        throw e;
      });
    }
    return this.#swapping;
  }

  async #swap() {
    // The text of the language on screen, fetched with the module and its stylesheet rather than
    // after them (asked for again below, in case the patient changed language meanwhile).
    fetchContent(this.#wanted.tag, 'app');
    const app = loadModule('app');
    const sheet = this.#stylesheet(STYLES.app);
    const [m, styled] = await Promise.all([app, app.then(() => within(sheet, STALL, STYLES.app).catch(() => false))]);
    const root = this.shadowRoot;
    const old = root.querySelector('.cg-root');
    const { part, tag } = this.#wanted;
    const [contentUrl, contentText] = fetchContent(tag, 'app');
    // Handed over as text, as in #start: the first render is the part chosen.
    const text = await contentText.catch(() => null);
    // Taken away meanwhile (see #takeDown): nothing to swap.
    if (this.#mounted?.widget !== old) return;
    // Rendered out of sight, then shown in the guide's place once its header is there, so the
    // patient never sees an empty widget.
    const widget = el('div', 'cg-root');
    widget.hidden = true;
    old.after(widget);
    m.mount_widget(this, widget, BASE.href, contentUrl, text, part, tag, textOf);
    await until(() => widget.querySelector('.cg-title, .cg-notice-error'), 600);
    const focus = focusIn(old);
    // The guide alone goes with its element, listeners and all.
    const before = this.#mounted;
    this.#mounted = { module: m, widget, name: 'app' };
    if (before?.widget === old) before.module.unmount_widget?.(old);
    old.remove();
    widget.hidden = false;
    // The whole stylesheet holds every rule of the guide's: the guide's own can go (it stays if
    // the whole one could not load, so the header and the guide keep their looks).
    if (styled) {
      this.#styles.get(STYLES.learn)?.link.remove();
      this.#styles.delete(STYLES.learn);
    }
    if (focus) focusWhenThere(widget, focus);
  }
}

if (!customElements.get('calcinosis-guide')) {
  customElements.define('calcinosis-guide', CalcinosisGuideElement);
} else if (!customElements.get('calcinosis-guide')[LOADER]) {
  // Something else on the page took the name first: this loader can do nothing, and says why.
  console.error('calcinosis-guide: another script on this page already defines <calcinosis-guide>; the guide cannot start');
}
