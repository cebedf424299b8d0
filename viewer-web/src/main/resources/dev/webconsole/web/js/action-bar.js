// The toolbar's actions (pause, latest, clear, downloads, theme, help) and the page's keyboard
// shortcuts. It owns these buttons, the help dialog, the skip link and the theme attribute; the
// controller binds handlers and sets the pause and follow state to show. Esc closes the overlay on
// top of `overlays` (help, the tree over the log, menus, and the panels that register there).

import { PREF, pref, setPref } from './prefs.js';
import { Overlays } from './overlays.js';

export class ActionBar {
  constructor(doc = document, overlays = new Overlays()) {
    const $ = (id) => doc.getElementById(id);
    this.doc = doc;
    this.pause = $('pause');
    this.follow = $('follow');
    this.clear = $('clear');
    this.downloads = { log: $('download-log'), jsonl: $('download-jsonl') };
    this.help = $('help');
    this.helpClose = $('help-close');
    this.helpTitle = $('help-title');
    this.overlays = overlays;
    this.closeHelp = () => this.toggleHelp(false);
    this.helpOpener = null;
    $('skip-to-log').addEventListener('click', (e) => {
      e.preventDefault(); // focus the log without putting #scroller into the address
      $('scroller').focus();
    });
    this.bindTheme($('theme'));
    $('help-button').addEventListener('click', () => this.toggleHelp());
    this.helpClose.addEventListener('click', () => this.toggleHelp(false));
    this.help.addEventListener('click', (e) => {
      if (e.target === this.help) this.toggleHelp(false);
    });
    // A modal dialog keeps the focus: Tab goes to its one control and stays there.
    this.help.addEventListener('keydown', (e) => {
      if (e.key === 'Tab') {
        e.preventDefault();
        this.helpClose.focus();
      }
    });
  }

  bindPause(handler) {
    this.pause.addEventListener('click', handler);
  }

  bindLatest(handler) {
    this.follow.addEventListener('click', handler);
  }

  bindClear(handler) {
    this.clear.addEventListener('click', handler);
  }

  /** handler(kind): 'log' or 'jsonl'. */
  bindDownload(handler) {
    for (const [kind, b] of Object.entries(this.downloads)) b.addEventListener('click', () => handler(kind));
  }

  /**
   * Keyboard shortcuts outside text fields: `/` search, Space pause, End latest, `?` help; Esc
   * (also in text fields) closes the overlay on top. handlers: { search, pause, latest }. Space pauses even when a button has the
   * focus: a button keeps no claim on it, so Space after Clear pauses instead of clearing again.
   */
  bindKeys({ search, pause, latest }) {
    const isSpace = (e) => e.key === ' ' || e.code === 'Space';
    this.doc.addEventListener('keydown', (e) => {
      const t = e.target;
      if (e.key === 'Escape' && this.overlays.closeTop()) {
        e.preventDefault();
        e.stopImmediatePropagation(); // one Esc closes one thing: not also a panel's own handler or the search box
        return;
      }
      if (isTextField(t) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        search();
      } else if (isSpace(e)) {
        e.preventDefault(); // no button press, no page scroll, no checkbox toggle
        if (!e.repeat) pause();
      } else if (e.key === 'End') {
        e.preventDefault();
        latest();
      } else if (e.key === '?') {
        e.preventDefault();
        this.toggleHelp();
      }
    }, true);
    // A button is pressed by Space on keyup: take that from it too.
    this.doc.addEventListener('keyup', (e) => {
      if (isSpace(e) && !isTextField(e.target)) e.preventDefault();
    }, true);
  }

  setPaused(paused) {
    if (this.shownPaused === paused) return;
    this.shownPaused = paused;
    const b = this.pause;
    b.setAttribute('aria-pressed', String(paused));
    b.textContent = paused ? 'Resume' : 'Pause';
    b.title = paused ? 'Resume the view (Space)' : 'Pause the view (Space)';
  }

  setFollowing(on) {
    this.follow.setAttribute('aria-pressed', String(on));
  }

  /**
   * Shows or hides the help. It opens at its top, the focus on its title (Tab reaches Close, Esc
   * closes it); when it closes the focus goes back to where it was.
   */
  toggleHelp(show = this.help.hidden) {
    if (show === !this.help.hidden) return;
    this.help.hidden = !show;
    if (show) {
      this.helpOpener = this.doc.activeElement;
      this.overlays.register(this.closeHelp);
      this.helpTitle.focus({ preventScroll: true });
      this.helpTitle.closest('.dialog').scrollTop = 0;
    } else {
      this.overlays.release(this.closeHelp);
      if (this.help.contains(this.doc.activeElement) || this.doc.activeElement === this.doc.body) this.helpOpener?.focus?.();
      this.helpOpener = null;
    }
  }

  bindTheme(button) {
    const root = this.doc.documentElement;
    button.addEventListener('click', () => {
      const next = root.dataset.theme === 'light' ? 'dark' : 'light';
      root.dataset.theme = next;
      setPref(PREF.theme, next);
    });
    matchMedia('(prefers-color-scheme: light)').addEventListener?.('change', (e) => {
      if (pref(PREF.theme) === null) root.dataset.theme = e.matches ? 'light' : 'dark';
    });
  }
}

/** Fields where Space and the shortcut keys are text. */
function isTextField(t) {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') return true;
  return t.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(t.type);
}
