// One small inline SVG line chart per dimension: mean score (1–5) over the campaign's closed rounds.
// A suppressed point is a gap in the line with a "< 5" label — never a zero, never interpolated
// across — because drawing a line through it would suggest a value nobody may see. A round that did
// not ask the dimension (rotation) is bridged with a dotted line: there simply is no measurement.
// The geometry is a pure function (tested in web/test), the DOM part only draws it. No inline
// styles: every colour and dash comes from styles.css through classes (the CSP allows no others).

export const BOX = { width: 320, height: 172, left: 30, right: 10, top: 18, bottom: 30, inset: 16 };
const MAX_ROUNDS = 12;

/**
 * @param rounds [{roundId, sequence}] ascending, the common x axis of every dimension's chart
 * @param points the series' points: {roundId, suppressed, mean}
 * @returns {{xs, marks, gaps, segments, yTicks, hidden}} in viewBox units
 */
export function trendGeometry(rounds, points, box = BOX) {
  const shown = rounds.slice(-MAX_ROUNDS);
  // Points keep a little distance from the axis and the right edge, so their value labels fit.
  const from = box.left + box.inset;
  const plotW = box.width - box.right - box.inset - from;
  const plotH = box.height - box.top - box.bottom;
  const x = (i) => (shown.length === 1 ? from + plotW / 2 : from + (i * plotW) / (shown.length - 1));
  const y = (mean) => box.top + ((5 - Math.min(5, Math.max(1, Number(mean)))) * plotH) / 4;
  const byRound = new Map(points.map((p) => [p.roundId, p]));
  const xs = shown.map((r, i) => ({ x: x(i), sequence: r.sequence, roundId: r.roundId }));
  const marks = [];
  const gaps = [];
  const segments = [];
  let previous = null; // last visible mark the line may continue from
  let skipped = false; // a round without the dimension lies between previous and here
  shown.forEach((r, i) => {
    const p = byRound.get(r.roundId);
    if (!p) {
      skipped = previous !== null;
      return;
    }
    if (p.suppressed) {
      gaps.push({ x: x(i), roundId: r.roundId, sequence: r.sequence });
      previous = null;
      skipped = false;
      return;
    }
    const mark = { x: x(i), y: y(p.mean), mean: Number(p.mean), roundId: r.roundId, sequence: r.sequence };
    if (previous) segments.push({ x1: previous.x, y1: previous.y, x2: mark.x, y2: mark.y, bridged: skipped });
    marks.push(mark);
    previous = mark;
    skipped = false;
  });
  const yTicks = [1, 2, 3, 4, 5].map((v) => ({ value: v, y: y(v) }));
  return { xs, marks, gaps, segments, yTicks, hidden: rounds.length - shown.length, box };
}

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

const r1 = (v) => Math.round(v * 10) / 10;

/**
 * The chart as an SVG element. It is hidden from assistive technology: the same values are in the
 * table next to it, which reads better than a picture described in words.
 */
export function trendSvg(geometry, { formatNumber, dimension }) {
  const { box, xs, marks, gaps, segments, yTicks } = geometry;
  const plotBottom = box.height - box.bottom;
  const withValues = marks.length <= 6;
  return s('svg', {
    viewBox: `0 0 ${box.width} ${box.height}`, class: 'trend-svg', 'aria-hidden': 'true', focusable: 'false',
    'data-dimension': dimension, 'data-points': marks.length, 'data-gaps': gaps.length,
  },
  yTicks.map((t) => [
    s('line', { x1: box.left, x2: box.width - box.right, y1: r1(t.y), y2: r1(t.y), class: 'trend-grid' }),
    s('text', { x: box.left - 8, y: r1(t.y + 4), class: 'trend-axis', 'text-anchor': 'end' }, String(t.value)),
  ]),
  xs.map((p) => s('text', { x: r1(p.x), y: box.height - 10, class: 'trend-axis', 'text-anchor': 'middle' }, `#${p.sequence}`)),
  gaps.map((g) => [
    s('rect', { x: r1(g.x - 11), y: box.top, width: 22, height: plotBottom - box.top, rx: 3, class: 'trend-gap' }),
    s('text', { x: r1(g.x), y: r1((box.top + plotBottom) / 2 + 4), class: 'trend-gap-label', 'text-anchor': 'middle' }, '< 5'),
  ]),
  segments.map((l) => s('line', {
    x1: r1(l.x1), y1: r1(l.y1), x2: r1(l.x2), y2: r1(l.y2), class: l.bridged ? 'trend-line bridged' : 'trend-line',
  })),
  marks.map((m, i) => [
    s('circle', { cx: r1(m.x), cy: r1(m.y), r: 4, class: 'trend-dot', 'data-round': m.roundId }),
    withValues || i === marks.length - 1
      ? s('text', { x: r1(m.x), y: r1(m.y - 8), class: 'trend-value', 'text-anchor': 'middle' }, formatNumber(m.mean))
      : null,
  ]));
}
