// Entry of the console page: builds the views, which own the DOM, and the controller, which owns
// the state, and wires them. Pure logic lives in filter.js, filter-edits.js, urlstate.js, store.js,
// follow.js, format.js and connection.js; see test-hook.js for window.webconsole.

import { ConsoleController } from './controller.js';
import { Address } from './address.js';
import { FilterBar } from './filter-bar.js';
import { ActionBar } from './action-bar.js';
import { LogView } from './log-view.js';
import { StatusBar } from './status-bar.js';
import { TreePanel } from './tree-panel.js';
import { OutageBanner } from './outage-banner.js';
import { BoostPanel } from './boosts.js';
import { SourcesLegend, SourceColors } from './sources.js';
import { ContextBanner } from './context-banner.js';
import { ErrorsPanel } from './errors-panel.js';
import { DetailPanel } from './detail-panel.js';
import { saveFile, copyText } from './browser-io.js';
import { testHook } from './test-hook.js';
import { Overlays } from './overlays.js';
import { ToolbarMenu } from './toolbar-menu.js';

const $ = (id) => document.getElementById(id);
/** The open panels and overlays, so that Esc closes the one on top. */
const overlays = new Overlays();
/** The colour of each source: the legend, the rows and the errors panel show the same. */
const colors = new SourceColors();
new ToolbarMenu(document, overlays);

const page = new ConsoleController({
  views: {
    filterBar: new FilterBar(),
    actionBar: new ActionBar(document, overlays),
    logView: new LogView(document, colors),
    statusBar: new StatusBar(),
    outage: new OutageBanner(),
    sources: new SourcesLegend({ mount: $('sidebar'), colors }),
    contextBanner: new ContextBanner(),
    errors: new ErrorsPanel(document, overlays, colors),
    detail: new DetailPanel({ copyText, overlays }),
  },
  createTreePanel: (tree) => new TreePanel(tree, document, overlays),
  createBoostPanel: (send) => new BoostPanel({ mount: $('sidebar'), send, pickFrom: [$('logger-tree'), $('rows')], overlays }),
  address: new Address(),
  createSocket: (url) => new WebSocket(url),
  io: { saveFile, copyText },
});
page.start();
window.webconsole = testHook(page);
