// The banner over the rows while the socket to the hub is down: how long since the last event,
// when the next try is, and "Reconnect now". Hidden while connected (and on the first connect).

import { describeClose } from './connection.js';
import { setText } from './status-bar.js';

export class OutageBanner {
  constructor(doc = document) {
    this.el = doc.getElementById('outage');
    this.text = doc.getElementById('outage-text');
    this.button = doc.getElementById('outage-reconnect');
  }

  bindReconnect(handler) {
    this.button.addEventListener('click', handler);
  }

  /** s: the connection's status; lastEventAt: Date.now() of the last event received, or null. */
  setStatus(s, lastEventAt, now = Date.now()) {
    const down = s.state === 'reconnecting' || s.state === 'closed';
    this.el.hidden = !down;
    if (!down) return;
    const last = lastEventAt === null ? 'no events received yet' : `last event ${ago(now - lastEventAt)} ago`;
    let text;
    if (s.state === 'closed') {
      text = `Closed by the hub (${describeClose(s.code)}${s.reason ? ': ' + s.reason : ''}); not retrying \u00b7 ${last}`;
    } else {
      const next = s.retryAt ? `retrying in ${Math.max(1, Math.ceil((s.retryAt - now) / 1000))} s` : 'retrying';
      text = `Not connected to the hub: these rows are not live \u00b7 ${last} \u00b7 ${next}`;
    }
    setText(this.text, text);
  }
}

/** "4 s", "3 min 20 s", "2 h 5 min". */
function ago(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
