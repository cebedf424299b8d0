package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The texts a new user could not read (thread, the TRACE label, the tree's counts and buttons, the
 * placeholders) have a contrast of at least 4.5:1 in both themes, measured as drawn: their colour
 * with every ancestor's opacity, over the backgrounds below them.
 */
class ContrastTest extends BrowserTestBase {
    static final String MEASURE = """
            const rgba = (s) => { const p = s.match(/rgba?\\(([^)]+)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
              return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
            const over = (f, b) => [0, 1, 2].map((i) => f[i] * f[3] + b[i] * (1 - f[3])).concat(1);
            const background = (el) => { const layers = [];
              for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
                if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
              return layers.reverse().reduce((b, l) => over(l, b), [255, 255, 255, 1]); };
            const opacity = (el) => { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
            const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
              return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
            const ratio = (el, color) => { const b = background(el); const f = rgba(color); f[3] *= opacity(el);
              const [x, y] = [lum(over(f, b)), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const out = [];
            for (const sel of arguments[0]) {
              const els = [...document.querySelectorAll(sel)].filter((e) => e.offsetParent !== null);
              if (!els.length) { out.push(sel + ': none shown'); continue; }
              for (const el of els) {
                const color = sel.startsWith('input') ? getComputedStyle(el, '::placeholder').color : getComputedStyle(el).color;
                const r = ratio(el, color);
                if (r < 4.5) { out.push(sel + ' ' + r.toFixed(2) + ':1'); break; }
              }
            }
            return out;""";

    private static final List<String> TEXTS = List.of("#rows .row .thread", "#rows .row.lvl-trace .level", ".level-toggle.lvl-trace .name",
            ".level-toggle .count", "#logger-tree .tree-count", "#logger-tree .tree-include", "#logger-tree .tree-exclude",
            "#logger-tree .branch .twisty", "#logger-tree .dimmed .tree-name", "#rows .row .time", "#rows .row .logger",
            "input#search", "input#logger-include", "input#logger-exclude", "input.boost-logger", "input.boost-scope");

    @Test
    void theDimTextsReadAtFourAndAHalfToOneInBothThemes() {
        ConsoleHub hub = startHub();
        long t = System.currentTimeMillis();
        hub.publish(new ConsoleEvent(t, "TRACE", Severity.TRACE, "com.acme.shop.db.OrderRepository", "worker-1", "row read", null, null, null, null));
        hub.publish(new ConsoleEvent(t, "WARN", Severity.WARN, "com.acme.pay.Gateway", "main", "retrying", null, null, null, null));
        hub.publish(new ConsoleEvent(t, "FATAL", Severity.FATAL, "com.acme.App", "main", "giving up", null, null, null, null));
        open(browser, hub, "?logger=com.acme.shop");
        awaitRows(browser, range(1, 1));
        browser.await("loggers the filter hides, dimmed", d -> browser.js("return document.querySelector('#logger-tree .dimmed') !== null"));
        for (String theme : List.of("dark", "light")) {
            AccessibilityAuditTest.setTheme(theme);
            List<String> low = browser.js(MEASURE, TEXTS);
            assertEquals(List.of(), low, "texts under 4.5:1 in the " + theme + " theme");
        }
        assertTrue(TEXTS.size() > 10);
    }
}
