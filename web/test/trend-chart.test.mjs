// The trend chart's geometry as a specification: suppressed points are gaps, never zeros.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trendGeometry, BOX } from '../src/hr/trend-chart.js';

const rounds = (n) => Array.from({ length: n }, (_, i) => ({ roundId: `r${i + 1}`, sequence: i + 1 }));
const bottom = BOX.height - BOX.bottom;

test('a suppressed point is a gap with no mark and breaks the line on both sides', () => {
  const g = trendGeometry(rounds(3), [
    { roundId: 'r1', suppressed: false, mean: 3 },
    { roundId: 'r2', suppressed: true, reason: 'below-k' },
    { roundId: 'r3', suppressed: false, mean: 4 },
  ]);
  assert.deepEqual(g.marks.map((m) => m.roundId), ['r1', 'r3']);
  assert.deepEqual(g.gaps.map((x) => x.roundId), ['r2']);
  assert.equal(g.segments.length, 0, 'no line is drawn across a suppressed round');
});

test('a suppressed point is never drawn at zero or at the bottom of the scale', () => {
  const g = trendGeometry(rounds(2), [{ roundId: 'r1', suppressed: true }, { roundId: 'r2', suppressed: false, mean: 1 }]);
  assert.equal(g.marks.length, 1);
  assert.equal(g.marks[0].y, bottom, 'a mean of 1 sits on the bottom line');
  assert.ok(g.marks.every((m) => m.roundId !== 'r1'));
});

test('neighbouring visible points are joined; a round that did not ask the dimension is bridged', () => {
  const g = trendGeometry(rounds(4), [
    { roundId: 'r1', suppressed: false, mean: 2 },
    { roundId: 'r2', suppressed: false, mean: 3 },
    { roundId: 'r4', suppressed: false, mean: 5 },
  ]);
  assert.deepEqual(g.segments.map((s) => s.bridged), [false, true]);
  assert.equal(g.marks[2].y, BOX.top, 'a mean of 5 sits on the top line');
});

test('higher means are drawn higher, on a 1 to 5 scale', () => {
  const g = trendGeometry(rounds(2), [{ roundId: 'r1', suppressed: false, mean: 2.5 }, { roundId: 'r2', suppressed: false, mean: 3.5 }]);
  assert.ok(g.marks[1].y < g.marks[0].y);
  assert.deepEqual(g.yTicks.map((t) => t.value), [1, 2, 3, 4, 5]);
});

test('one round is centred; more than twelve show the latest twelve', () => {
  const one = trendGeometry(rounds(1), [{ roundId: 'r1', suppressed: false, mean: 3 }]);
  assert.equal(one.marks[0].x, BOX.left + (BOX.width - BOX.left - BOX.right) / 2, 'in the middle of the plot');
  const many = trendGeometry(rounds(15), rounds(15).map((r) => ({ roundId: r.roundId, suppressed: false, mean: 3 })));
  assert.equal(many.xs.length, 12);
  assert.equal(many.xs[0].sequence, 4);
  assert.equal(many.hidden, 3);
});
