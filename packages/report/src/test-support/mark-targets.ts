/** A bar or point of a figure that opens runs: its selection, its tooltip n (else the selection's) and its centre in page coordinates. */
export interface MarkTarget {
  figure: string;
  key: string;
  n: number;
  x: number;
  y: number;
}

/**
 * Page code (plain JS, evaluated in the browser): every rect or symbol item of the drawn figures whose
 * datum carries a selection, with the centre of the element vega drew for it.
 */
export const MARK_TARGETS_JS = `(() => {
  const out = [];
  for (const [figure, view] of Object.entries(window.CBR.views)) {
    const seen = new Set();
    const visit = (mark) => {
      for (const it of mark.items) {
        if (mark.marktype === 'group') for (const child of it.items || []) visit(child);
        const key = it.datum && it.datum.__sel;
        if (!key || seen.has(key) || (mark.marktype !== 'rect' && mark.marktype !== 'symbol')) continue;
        // vega's SVG renderer keeps each item's element on the item (_svg): its box is where the mark is drawn.
        const box = it._svg && it._svg.getBoundingClientRect();
        if (!box || box.width < 2 || box.height < 2) continue;
        seen.add(key);
        // Figure 6's stacked segments carry no n of their own: their n is the selection's (the stage's count).
        const n = it.datum.n !== undefined ? Number(it.datum.n) : window.CBR.selection(key).n;
        out.push({ figure, key, n, x: box.left + window.scrollX + box.width / 2, y: box.top + window.scrollY + box.height / 2 });
      }
    };
    visit(view.scenegraph().root);
  }
  return out;
})()`;
