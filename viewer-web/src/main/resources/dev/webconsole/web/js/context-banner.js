// The banner under the toolbar while the log shows a row in context (the address has ?around=SEQ):
// what is shown, and the way back. Back returns to the filtered view this tab came from (the
// history entry before); opened from a bookmark there is none, and the button only closes it.

export class ContextBanner {
  constructor(doc = document) {
    this.doc = doc;
    this.root = doc.createElement('div');
    this.root.id = 'context-banner';
    this.root.className = 'context-banner';
    this.root.setAttribute('role', 'status');
    this.root.hidden = true;
    this.text = doc.createElement('span');
    this.back = doc.createElement('button');
    this.back.type = 'button';
    this.back.id = 'context-back';
    this.root.append(this.text, this.back);
    doc.querySelector('.subbar').append(this.root);
    this.onBack = () => {};
    this.back.addEventListener('click', () => this.onBack());
  }

  /** handler(): the user asked to leave the context view. */
  bindBack(handler) {
    this.onBack = handler;
  }

  /** Shows that event `seq` is shown in context; `canGoBack`: the filtered view is one entry back. */
  show(seq, canGoBack) {
    this.text.textContent = `Showing event #${seq} in context: every logger and level around it.`;
    this.back.textContent = canGoBack ? 'Back to the filtered view' : 'Close';
    this.root.hidden = false;
  }

  hide() {
    this.root.hidden = true;
  }

  get shown() {
    return !this.root.hidden;
  }
}
