// The toolbar's actions (pause, latest, clear, downloads, theme, help) and the page's keyboard
// shortcuts. It owns these buttons, the help dialog and the theme attribute; the controller binds
// handlers and sets the pause and follow state to show.

import { PREF, pref, setPref } from './prefs.js';

export class ActionBar {
  constructor(doc = document) {
    const $ = (id) => doc.getElementById(id);
    this.doc = doc;
    this.pause = $('pause');
    this.follow = $('follow');
    this.clear = $('clear');
    this.downloads = { log: $('download-log'), jsonl: $('download-jsonl') };
    this.help = $('help');
    this.helpClose = $('help-close');
    this.bindTheme($('theme'));
    $('help-button').addEventListener('click', () => this.toggleHelp());
    this.helpClose.addEventListener('click', () => this.toggleHelp(false));
    this.help.addEventListener('click', (e) => {
      if (e.target === this.help) this.toggleHelp(false);
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
   * Keyboard shortcuts outside text fields: `/` search, Space pause, End latest, `?` help, Esc
   * closes help. handlers: { search, pause, latest }.
   */
  bindKeys({ search, pause, latest }) {
    this.doc.addEventListener('keydown', (e) => {
      const t = e.target;
      const typing = t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (e.key === 'Escape' && !this.help.hidden) {
        this.toggleHelp(false);
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        search();
      } else if (e.key === ' ' || e.code === 'Space') {
        if (t instanceof HTMLButtonElement) return; // Space presses the focused button
        e.preventDefault();
        pause();
      } else if (e.key === 'End') {
        e.preventDefault();
        latest();
      } else if (e.key === '?') {
        e.preventDefault();
        this.toggleHelp();
      }
    });
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

  toggleHelp(show = this.help.hidden) {
    this.help.hidden = !show;
    if (show) this.helpClose.focus();
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
