package dev.webconsole.server.browser;

import java.util.List;

/**
 * Where the text of shown elements wraps inside a word, as drawn: each character's box, in order,
 * and a wrap (a box lower than the one before, not after a newline) between two letters or digits.
 * A wrap after a dot, `$`, `(`, `/` or a space is where a qualified name may wrap.
 */
final class LineBreaks {
    private static final String INSIDE_WORDS = """
            const out = [];
            for (const el of document.querySelectorAll(arguments[0])) {
              if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              let text = '';
              let prev = null;
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                for (let i = 0; i < n.data.length; i++) {
                  const ch = n.data[i];
                  text += ch;
                  if (ch === '\\n') { prev = null; continue; }
                  const r = document.createRange();
                  r.setStart(n, i);
                  r.setEnd(n, i + 1);
                  const box = r.getClientRects()[0];
                  if (!box) continue;
                  if (prev && box.top > prev.top + 2 && (arguments[1] || (/\\w/.test(prev.ch) && /\\w/.test(ch)))) {
                    out.push(text.slice(-16, -1) + '|' + ch);
                  }
                  prev = { ch, top: box.top };
                }
              }
            }
            return out;""";

    private LineBreaks() {}

    /** The wraps inside words in the elements `css` selects ("…Illeg|a"), empty when none. */
    static List<String> insideWords(Browser b, String css) {
        return b.js(INSIDE_WORDS, css, false);
    }

    /** Every wrap in the elements `css` selects: a test's text must wrap somewhere for insideWords to say anything. */
    static List<String> all(Browser b, String css) {
        return b.js(INSIDE_WORDS, css, true);
    }
}
