// Where long names may wrap: after the dots, `$`, `(` and `/` of a qualified name such as
// java.lang.IllegalStateException or com.acme.Outer$Inner.run(Outer.java:12), so that a stack line
// wraps between its parts, never inside a word. The page puts a <wbr> at each of these points;
// the text itself (what is copied or selected) is unchanged.

/** A wrap may come after these characters. */
const AFTER = /[.$(/]/;

/** No wrap points in runs shorter than this: a short name fits anyway. */
const MIN_RUN = 12;

/**
 * `text` cut into pieces at its wrap points: joined they give `text` again. Only runs of at least
 * MIN_RUN characters without a space are cut, and never before their last character.
 */
export function breakPieces(text) {
  const pieces = [];
  let from = 0;
  const runs = /\S+/g;
  for (let m = runs.exec(text); m; m = runs.exec(text)) {
    const run = m[0];
    if (run.length < MIN_RUN) continue;
    for (let i = 0; i < run.length - 1; i++) {
      if (!AFTER.test(run[i])) continue;
      const at = m.index + i + 1;
      pieces.push(text.slice(from, at));
      from = at;
    }
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** Appends `text` to `parent` as text nodes with a <wbr> at each wrap point. */
export function appendBreakable(parent, text) {
  const doc = parent.ownerDocument;
  breakPieces(text).forEach((piece, i) => {
    if (i > 0) parent.append(doc.createElement('wbr'));
    parent.append(piece);
  });
}
