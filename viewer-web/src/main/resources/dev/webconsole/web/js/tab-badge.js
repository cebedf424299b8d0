// The tab's title and favicon while it is in the background: "(3) WebConsole" and a red badge
// with the count on the icon, for the errors that came since the tab was hidden; both go back
// when it is shown again. The badged icon is drawn on a canvas from the page's own favicon.

import { HiddenCount, badgeText, countedTitle } from './error-groups.js';

const SIZE = 64;

export class TabBadge {
  constructor(doc = document) {
    this.doc = doc;
    this.counter = new HiddenCount();
    this.counter.setHidden(doc.hidden);
    this.icon = doc.querySelector('link[rel~="icon"]');
    this.plain = this.icon ? { href: this.icon.getAttribute('href'), type: this.icon.getAttribute('type') } : null;
    this.image = new Image();
    if (this.plain) this.image.src = this.plain.href;
    this.drawn = '';
    doc.addEventListener('visibilitychange', () => {
      if (this.counter.setHidden(doc.hidden)) this.show();
    });
  }

  /** n new errors came: counted while the tab is hidden. */
  addErrors(n) {
    if (this.counter.add(n)) this.show();
  }

  show() {
    const n = this.counter.count;
    this.doc.title = countedTitle(this.doc.title, n);
    if (!this.icon) return;
    const text = n > 0 ? badgeText(n) : '';
    if (text === this.drawn) return;
    this.drawn = text;
    if (!text) {
      this.icon.setAttribute('href', this.plain.href);
      if (this.plain.type) this.icon.setAttribute('type', this.plain.type);
      return;
    }
    this.icon.setAttribute('type', 'image/png');
    this.icon.setAttribute('href', this.badged(text));
  }

  /** The favicon with a red badge carrying `text` in its top right corner, as a PNG data URL. */
  badged(text) {
    const canvas = this.doc.createElement('canvas');
    canvas.width = SIZE;
    canvas.height = SIZE;
    const g = canvas.getContext('2d');
    if (this.image.complete && this.image.naturalWidth) g.drawImage(this.image, 0, 0, SIZE, SIZE);
    const r = text.length > 2 ? 24 : 20;
    g.fillStyle = '#d92d20';
    g.beginPath();
    g.arc(SIZE - r, r, r, 0, 2 * Math.PI);
    g.fill();
    g.fillStyle = '#ffffff';
    g.font = `bold ${text.length > 2 ? 20 : 28}px sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(text, SIZE - r, r + 1);
    return canvas.toDataURL('image/png');
  }
}
