// Pulse in a real browser (Debian Chromium, 360×740): an employee answers the open pulse through the
// real Keycloak login, reloads in the middle and finishes, and later answers again at 200 % zoom; HR
// creates a campaign, watches participation refresh live, closes rounds, reads the heatmap, the trend
// charts (a suppressed round is a labelled gap, never zero) and "at a glance", picks an older round,
// edits the campaign (a field error shows next to its field), pauses, resumes and archives it; the
// manager cannot open another subtree. axe-core runs on every screen of both apps (0 violations);
// every screen is written to docs/screenshots/. Prints "N passed, N failed".
import { chromium } from 'playwright-core';
import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { checkedKey, blindBallot, finalizeBallot, b64urlEncode, b64urlDecode } from '../../web/src/employee/ballot.js';

const HOST = process.env.PULSE_HOST || '127.0.0.1';
const BASE = `http://${HOST}:${process.env.GATEWAY_PORT || 8080}`;
const KEYCLOAK = `http://${HOST}:${process.env.KEYCLOAK_PORT || 8180}`;
const REALM = process.env.KEYCLOAK_REALM || 'pulse';
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const CAMPAIGN = `Browser pulse ${new Date().toISOString().slice(0, 19).replace('T', ' ')} ${Math.random().toString(36).slice(2, 6)}`;
// Round 1 — /it: the browser user and five colleagues (6, shown). /logistics: five (shown on its own, but the
// smallest sibling, so it is suppressed to protect /administration by differencing). /administration: two from
// finance (below k = 5: "not shown", never zero).
const EMPLOYEE = 'emp096';
const COLLEAGUES = ['emp097', 'emp098', 'emp099', 'emp100', 'emp101', 'emp076', 'emp077', 'emp078', 'emp079', 'emp080',
  'emp113', 'emp114'];
// Round 2 — /it: the browser user (at 200 % zoom) and two colleagues: three, so /it is suppressed in that round
// and its trend has a gap there. /logistics: five more, so the organisation as a whole is still shown.
const ROUND2 = ['emp102', 'emp103', 'emp081', 'emp082', 'emp083', 'emp084', 'emp085'];
// Round 3 — /it: six again (shown), so the /it trend is: shown, gap, shown.
const ROUND3 = ['emp096', 'emp097', 'emp098', 'emp099', 'emp100', 'emp104'];

let passed = 0;
let failed = 0;
const ctx = {};
const pages = new Set(); // open pages, photographed when a test fails (into the temp folder, not docs/)

async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name}\n      ${(e && e.stack) || e}`);
    let i = 0;
    for (const page of pages) {
      if (page.isClosed()) continue;
      const path = `${tmpdir()}/pulse-browser-fail-${failed}-${++i}.png`;
      await page.screenshot({ path, fullPage: true }).then(() => console.log(`      ${page.url()} → ${path}`), () => {});
    }
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Polls cond() until it is truthy or the time is up; returns its last value. */
async function until(cond, { timeout = 60000, every = 500, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await cond();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** axe-core inside the page (evaluated over CDP, so the page's CSP stays fully in force) and a screenshot. */
async function screen(page, name, { fullPage = true } = {}) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
  const violations = result.violations.map((v) => `${v.id}: ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`);
  assert(violations.length === 0, `axe on ${name}: ${violations.length} violation(s)\n        ${violations.join('\n        ')}`);
  assert(page.cspErrors.length === 0, `CSP refused something on ${name}: ${page.cspErrors.join('; ')}`);
}

function watch(page) {
  pages.add(page);
  page.on('close', () => pages.delete(page));
  page.cspErrors = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) page.cspErrors.push(m.text());
  });
  page.setDefaultTimeout(20000);
  return page;
}

async function newPage(browser, locale, options = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale, deviceScaleFactor: 1, ...options });
  return watch(await context.newPage());
}

/** Through the real Keycloak login page (code flow + PKCE run by the gateway). */
async function keycloakLogin(page, user) {
  await page.waitForURL(/\/realms\/.*\/protocol\/openid-connect\/auth|login-actions/);
  await page.fill('#username', user);
  await page.fill('#password', user);
  await Promise.all([page.waitForURL((u) => u.origin === BASE), page.click('#kc-login')]);
}

async function token(user) {
  const res = await fetch(`${KEYCLOAK}/realms/${REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'pulse-cli', username: user, password: user }),
  });
  assert(res.ok, `token for ${user}: ${res.status}`);
  return (await res.json()).access_token;
}

async function call(method, path, bearer, body) {
  const headers = { Accept: 'application/json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body) headers['Content-Type'] = 'application/json';
  const res = await fetch(BASE + path, { method, headers, body: body && JSON.stringify(body) });
  const text = await res.text();
  assert(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A colleague answering like the phone app does, with the same protocol code the app bundles. */
async function answerThroughApi(user, roundId, value) {
  const bearer = await token(user);
  const round = (await call('GET', '/api/me/rounds', bearer)).find((r) => r.roundId === roundId);
  assert(round, `${user} has no open round ${roundId}`);
  const key = await checkedKey(await call('GET', `/api/rounds/${roundId}/keys`), round.keyId);
  const { prepared, blindedMsg, inv } = await blindBallot(key);
  const ballot = await call('POST', `/api/rounds/${roundId}/ballots`, bearer, { blindedMsg: b64urlEncode(blindedMsg) });
  const sig = await finalizeBallot(key, prepared, b64urlDecode(ballot.blindSig), inv);
  const answers = Object.fromEntries(round.items.map((it, i) => [it.id, ((value + i) % 5) + 1]));
  await call('POST', '/api/responses', null,
    { roundId, keyId: round.keyId, token: { msg: b64urlEncode(prepared), sig: b64urlEncode(sig) }, answers });
}

/** The round id in the HR page's address (#/campaign/<id>/round/<roundId>). */
function roundOf(url) {
  return new URL(url).hash.split('/round/')[1].split('/')[0];
}

/** Shows an address of the dashboard, rendered afresh even when the page is already there. */
async function visit(page, hash) {
  const url = `${BASE}/hr${hash}`;
  if (page.url() === url) await page.reload();
  else await page.goto(url);
}

/** HR opens a round of the test campaign on its page; returns the new round's id. */
async function openRound(hr) {
  await visit(hr, `#/campaign/${ctx.campaignId}`);
  await hr.getByRole('button', { name: 'Open a round now' }).click();
  await hr.getByText('Round opened.').waitFor();
  await hr.locator('#live-updated', { hasText: /updated \d\d:\d\d:\d\d/ }).waitFor();
  const campaign = await call('GET', `/api/campaigns/${ctx.campaignId}`, await token('hr'));
  assert(campaign.openRoundId, 'the campaign has an open round');
  return campaign.openRoundId;
}

/** HR closes the open round on the campaign page and waits until its heatmap shows by itself. */
async function closeRound(hr, roundId) {
  await visit(hr, `#/campaign/${ctx.campaignId}`);
  await hr.getByRole('button', { name: 'Close the open round now' }).click();
  await hr.waitForURL(`${BASE}/hr#/campaign/${ctx.campaignId}/round/${roundId}`);
  await hr.locator('#heatmap table').waitFor({ timeout: 90000 });
}

/**
 * At 200 % zoom a 360 px phone lays the page out 180 CSS px wide: no horizontal scrolling, every button
 * inside the screen, its text not cut off, none overlapping another, each at least 48 px high and wide.
 */
async function assertReadableZoomed(page, what) {
  const report = await page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const problems = [];
    if (document.documentElement.scrollWidth > vw) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    const buttons = [...document.querySelectorAll('main .btn, main button')].filter((b) => b.offsetParent !== null);
    const rects = buttons.map((b) => b.getBoundingClientRect());
    buttons.forEach((b, i) => {
      const r = rects[i];
      const name = b.textContent.trim().slice(0, 30);
      if (r.left < 0 || r.right > vw + 0.5) problems.push(`"${name}" leaves the screen (${r.left}–${r.right} of ${vw})`);
      if (r.height < 48 || r.width < 48) problems.push(`"${name}" is ${r.width}×${r.height}, smaller than 48 px`);
      if (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1) problems.push(`"${name}" clips its text`);
      rects.slice(i + 1).forEach((o, j) => {
        const overlap = Math.min(r.right, o.right) - Math.max(r.left, o.left) > 0.5
          && Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top) > 0.5;
        if (overlap) problems.push(`"${name}" overlaps "${buttons[i + 1 + j].textContent.trim().slice(0, 30)}"`);
      });
    });
    for (const el of document.querySelectorAll('main h1, main p, main li, main label')) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') problems.push(`text cut off: ${el.textContent.slice(0, 30)}`);
      const r = el.getBoundingClientRect();
      if (r.right > vw + 0.5) problems.push(`text runs off the screen: "${el.textContent.slice(0, 30)}" (${r.right} > ${vw})`);
    }
    return { vw, problems, buttons: buttons.length };
  });
  assert(report.vw <= 180, `the zoomed layout is 180 CSS px wide, not ${report.vw}`);
  assert(report.buttons > 0, `${what}: no buttons found`);
  assert(report.problems.length === 0, `${what} at 200 %: ${report.problems.join('; ')}`);
}

mkdirSync(SHOTS, { recursive: true });
const ready = await fetch(`${BASE}/q/health/ready`).then((r) => r.ok, () => false);
if (!ready) {
  console.log(`FAIL  the gateway is not ready at ${BASE} (start the stack: ./pulse up)\n0 passed, 1 failed`);
  process.exit(1);
}
const started = Date.now();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});

try {
  const hr = await newPage(browser, 'en-GB');
  const emp = await newPage(browser, 'de-DE');

  await test('HR signs in through Keycloak, creates a campaign for /it, /logistics and /administration and opens a round', async () => {
    await hr.goto(`${BASE}/hr`);
    await hr.getByRole('link', { name: 'Sign in' }).waitFor();
    await screen(hr, 'hr-1-sign-in');
    await hr.getByRole('link', { name: 'Sign in' }).click();
    await keycloakLogin(hr, 'hr');
    await hr.waitForURL(`${BASE}/hr`);
    await hr.getByRole('heading', { name: 'Campaigns' }).waitFor();
    await screen(hr, 'hr-2-campaigns', { fullPage: false });
    await hr.getByRole('link', { name: 'New campaign' }).click();
    // The rotation rule is part of the campaign: the catalogue's anchor questions are offered, pre-ticked.
    await hr.getByRole('group', { name: 'Question rotation' }).waitFor();
    assert(await hr.locator('#c-anchor-control-1-v1').isChecked(), 'the catalogue anchors are ticked for a new campaign');
    await screen(hr, 'hr-12-new-campaign');
    await hr.fill('#c-name', CAMPAIGN);
    await hr.fill('#c-units', '/it, /logistics, /administration');
    await hr.fill('#c-items', '6');
    await hr.getByRole('button', { name: 'Create campaign' }).click();
    await hr.getByText('Campaign created.').waitFor();
    await hr.getByRole('heading', { name: CAMPAIGN, level: 1 }).waitFor();
    ctx.campaignId = new URL(hr.url()).hash.split('/')[2];
    ctx.round1 = await openRound(hr);
  });

  await test('an employee (German browser) signs in through Keycloak and sees the open pulse', async () => {
    await emp.goto(`${BASE}/`);
    await emp.getByRole('link', { name: 'Anmelden' }).waitFor();
    await screen(emp, 'employee-1-sign-in');
    await emp.getByRole('link', { name: 'Anmelden' }).click();
    ctx.t0 = Date.now();
    await keycloakLogin(emp, EMPLOYEE);
    await emp.getByRole('button', { name: `Starten: ${CAMPAIGN}` }).waitFor();
    await emp.getByText('Warum das anonym ist').waitFor();
    await screen(emp, 'employee-2-home');
  });

  await test('the employee answers one question per screen, reloads in the middle, finishes and sends', async () => {
    const t1 = Date.now();
    await emp.getByRole('button', { name: `Starten: ${CAMPAIGN}` }).click();
    await emp.getByText('Frage 1 von 6').waitFor();
    await screen(emp, 'employee-3-question');
    const sizes = await emp.locator('button.choice').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().height));
    assert(sizes.length === 5 && sizes.every((x) => x >= 48), `answer buttons must be >= 48 px high: ${sizes}`);
    for (const [i, v] of [[1, 4], [2, 5], [3, 3]]) {
      await emp.getByText(`Frage ${i} von 6`).waitFor();
      await emp.locator(`button.choice[data-value="${v}"]`).click();
    }
    await emp.getByText('Frage 4 von 6').waitFor();
    await emp.reload();
    await emp.getByRole('button', { name: `Weitermachen: ${CAMPAIGN}` }).click();
    await emp.getByText('Frage 4 von 6').waitFor();
    await emp.locator('button.choice[data-value="2"]').click();
    await emp.getByText('Frage 5 von 6').waitFor();
    await emp.getByRole('button', { name: 'Frage überspringen' }).click();
    await emp.getByText('Frage 6 von 6').waitFor();
    await emp.locator('button.choice[data-value="4"]').click();
    await emp.getByRole('heading', { name: 'Antworten prüfen' }).waitFor();
    const answers = await emp.locator('.review .answer').allTextContents();
    assert(answers.length === 6 && answers[4] === 'übersprungen' && answers[0] !== 'übersprungen',
      `answers before the reload are kept, the skipped one is marked: ${answers}`);
    await screen(emp, 'employee-4-review');
    await emp.getByRole('button', { name: 'Antworten senden' }).click();
    await emp.getByRole('heading', { name: 'Gesendet – danke!' }).waitFor();
    ctx.answerSeconds = (Date.now() - t1) / 1000;
    ctx.withLoginSeconds = (Date.now() - ctx.t0) / 1000;
    await screen(emp, 'employee-5-sent');
    await emp.reload();
    await emp.getByText('Gesendet. Danke!').waitFor();
    assert(ctx.withLoginSeconds < 60, `answering must take under a minute, took ${ctx.withLoginSeconds} s`);
  });

  await test('twelve colleagues answer; HR\'s open page shows participation rising by itself, with the time of the last update', async () => {
    // HR's page has been open on the campaign since the round opened: no reload from here on.
    const firstStamp = await hr.locator('#live-updated').textContent();
    for (const [i, u] of COLLEAGUES.entries()) await answerThroughApi(u, ctx.round1, i);
    const it = hr.locator('#live tr[data-unit="/it"] .responded');
    await until(async () => Number(await it.textContent().catch(() => '0')) >= 6,
      { timeout: 60000, what: 'the live /it participation to reach 6 without a reload' });
    const stamp = await hr.locator('#live-updated').textContent();
    assert(/^updated \d\d:\d\d:\d\d$/.test(stamp) && stamp !== firstStamp, `the update time moves on: ${firstStamp} → ${stamp}`);
    await screen(hr, 'hr-6-live-participation');
  });

  await test('HR closes the round and the heatmap appears by itself; a group below five is "not shown", never zero', async () => {
    await closeRound(hr, ctx.round1);
    await hr.locator('#heatmap tr[data-unit="/it"] td.cell:not(.sup)').first().waitFor({ timeout: 90000 });
    const rows = await hr.locator('#heatmap tr[data-unit]').evaluateAll((trs) => trs.map((tr) => [tr.dataset.unit,
      [...tr.querySelectorAll('td')].map((td) => td.textContent)]));
    const admin = rows.filter(([u]) => u.startsWith('/administration'));
    assert(admin.length > 0 && admin.every(([, cells]) => cells.every((t) => t.includes('not shown (fewer than 5)'))),
      `administration rows must be suppressed: ${JSON.stringify(rows)}`);
    assert(await hr.locator('#live').count() === 0, 'no live participation once the round is closed');
    await screen(hr, 'hr-3-heatmap');
    const [download] = await Promise.all([hr.waitForEvent('download'), hr.locator('#heatmap').getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = await new Promise((resolve, reject) => download.createReadStream().then((st) => {
      let text = '';
      st.on('data', (d) => { text += d; });
      st.on('end', () => resolve(text));
      st.on('error', reject);
    }, reject));
    assert(csv.includes('/it') && csv.split('\n').length > 2, `the heatmap CSV downloads: ${csv.slice(0, 200)}`);
    ctx.itUnit = decodeURIComponent((await hr.locator('#heatmap tr[data-unit="/it"] a').getAttribute('href')).split('/unit/')[1]);
  });

  await test('the employee sees "what came out" for their own unit', async () => {
    await emp.goto(`${BASE}/`);
    await emp.getByRole('button', { name: `Ergebnisse: ${CAMPAIGN}` }).click();
    await emp.getByRole('heading', { name: /Was herauskam – \/it/ }).waitFor();
    assert(await emp.getByText('von 5').count() > 0, 'dimension scores are shown');
    await screen(emp, 'employee-6-results');
  });

  await test('at 200 % zoom the employee answers the next round: no sideways scrolling, no clipped or overlapping buttons, targets >= 48 px', async () => {
    ctx.round2 = await openRound(hr);
    // 200 % of a 360 px phone: a 180 CSS px wide layout with every CSS pixel drawn twice (the same session).
    const zoomed = watch(await (await browser.newContext({
      viewport: { width: 180, height: 370 }, deviceScaleFactor: 2, locale: 'de-DE', storageState: await emp.context().storageState(),
    })).newPage());
    try {
      await zoomed.goto(`${BASE}/`);
      await zoomed.getByRole('button', { name: `Starten: ${CAMPAIGN}` }).waitFor();
      await assertReadableZoomed(zoomed, 'the start screen');
      await zoomed.getByRole('button', { name: `Starten: ${CAMPAIGN}` }).click();
      for (let i = 1; i <= 6; i++) {
        await zoomed.getByText(`Frage ${i} von 6`).waitFor();
        await assertReadableZoomed(zoomed, `question ${i}`);
        if (i === 2) await screen(zoomed, 'employee-7-zoom-200-question');
        if (i === 3) await zoomed.getByRole('button', { name: 'Frage überspringen' }).click();
        else await zoomed.locator(`button.choice[data-value="${(i % 5) + 1}"]`).click();
      }
      await zoomed.getByRole('heading', { name: 'Antworten prüfen' }).waitFor();
      await assertReadableZoomed(zoomed, 'the review');
      await screen(zoomed, 'employee-8-zoom-200-review');
      await zoomed.getByRole('button', { name: 'Antworten senden' }).click();
      await zoomed.getByRole('heading', { name: 'Gesendet – danke!' }).waitFor();
      await assertReadableZoomed(zoomed, 'the thank-you screen');
    } finally {
      await zoomed.context().close();
    }
  });

  await test('two more rounds close: /it below five in the second (suppressed), six again in the third', async () => {
    for (const [i, u] of ROUND2.entries()) await answerThroughApi(u, ctx.round2, i + 2);
    await closeRound(hr, ctx.round2);
    ctx.round3 = await openRound(hr);
    for (const [i, u] of ROUND3.entries()) await answerThroughApi(u, ctx.round3, i + 4);
    await closeRound(hr, ctx.round3);
    await hr.locator('#heatmap tr[data-unit="/it"] td.cell:not(.sup)').first().waitFor({ timeout: 90000 });
  });

  await test('HR sees a trend chart per dimension for /it: two rounds drawn, the suppressed one a labelled gap, a table alongside', async () => {
    await hr.goto(`${BASE}/hr#/campaign/${ctx.campaignId}/round/${ctx.round3}/unit/${encodeURIComponent(ctx.itUnit)}`);
    await hr.getByRole('heading', { name: /Results: \/it/ }).waitFor();
    await hr.locator('#trends svg.trend-svg').first().waitFor();
    const charts = await hr.locator('#trends svg.trend-svg').evaluateAll((svgs) => svgs.map((s) => ({
      dimension: s.dataset.dimension, points: Number(s.dataset.points), gaps: Number(s.dataset.gaps),
      labels: [...s.querySelectorAll('.trend-gap-label')].map((t) => t.textContent),
      lines: s.querySelectorAll('.trend-line:not(.bridged)').length,
    })));
    const full = charts.filter((c) => c.points >= 2 && c.gaps >= 1);
    assert(full.length > 0, `a dimension asked in all three rounds has two points and one gap: ${JSON.stringify(charts)}`);
    assert(full.every((c) => c.labels.every((l) => l === '< 5') && c.lines === 0),
      `the gap is labelled "< 5" and no line is drawn through it: ${JSON.stringify(full)}`);
    const dim = full[0].dimension;
    const cells = await hr.locator(`#trends table tr[data-dimension="${dim}"] td`).allTextContents();
    assert(cells.length === 3 && cells[1] === 'not shown (fewer than 5)' && cells.every((t) => !/^0([.,]0)?$/.test(t)),
      `the table says "not shown" for round 2, never zero: ${cells}`);
    await screen(hr, 'hr-4-unit');
    await hr.setViewportSize({ width: 1280, height: 900 });
    await hr.locator('#trends').screenshot({ path: `${SHOTS}hr-10-trend-charts.png` });
    await hr.setViewportSize({ width: 360, height: 740 });
  });

  await test('HR opens the dashboard with "at a glance" for the newest closed round and picks an older round', async () => {
    await hr.goto(`${BASE}/hr#/`);
    const glance = hr.locator('#glance');
    await glance.waitFor();
    assert((await glance.locator('h2').textContent()).includes('round 3'), `the newest closed round: ${await glance.locator('h2').textContent()}`);
    const strong = await glance.locator('ol[aria-labelledby="glance-strong"] li').count();
    const weak = await glance.locator('ol[aria-labelledby="glance-weak"] li').count();
    assert(strong >= 1 && strong <= 3 && weak >= 1 && weak <= 3, `up to three strongest and weakest questions: ${strong}, ${weak}`);
    await screen(hr, 'hr-9-at-a-glance', { fullPage: false });
    await hr.setViewportSize({ width: 1280, height: 900 });
    await hr.goto(`${BASE}/hr#/campaign/${ctx.campaignId}`);
    await hr.locator('#glance').waitFor();
    await hr.locator('#trends svg').first().waitFor();
    await screen(hr, 'hr-11-campaign-desktop');
    await hr.setViewportSize({ width: 360, height: 740 });
    const options = await hr.locator('#round-select option').allTextContents();
    assert(options.length === 3 && /^Round 3/.test(options[0]) && /^Round 1/.test(options[2]), `rounds newest first: ${options}`);
    await hr.selectOption('#round-select', ctx.round1);
    await hr.getByRole('button', { name: 'Show', exact: true }).click();
    await hr.waitForURL(`${BASE}/hr#/campaign/${ctx.campaignId}/round/${ctx.round1}`);
    await hr.locator('#heatmap tr[data-unit="/it"] td.cell:not(.sup)').first().waitFor();
    assert(roundOf(hr.url()) === ctx.round1, 'round 1 is shown');
  });

  await test('HR edits the campaign: a field error is shown next to its field (the duration, then the rotation window), then the change is saved', async () => {
    await visit(hr, `#/campaign/${ctx.campaignId}`);
    await hr.getByRole('link', { name: 'Edit', exact: true }).click();
    await hr.locator('#c-duration').fill('five days');
    await hr.getByRole('button', { name: 'Save changes' }).click();
    const error = hr.locator('#c-duration-error');
    await error.waitFor();
    assert(/ISO-8601|duration/i.test(await error.textContent()), `the server's message: ${await error.textContent()}`);
    assert(await hr.locator('#c-duration').getAttribute('aria-invalid') === 'true', 'the field is marked invalid');
    assert((await hr.locator('#c-duration').getAttribute('aria-describedby')).includes('c-duration-error'), 'the message describes the field');
    assert(await hr.evaluate(() => document.activeElement.id) === 'c-duration', 'the field has the focus');
    const beside = await hr.evaluate(() => {
      const field = document.querySelector('#c-duration').getBoundingClientRect();
      const message = document.querySelector('#c-duration-error').getBoundingClientRect();
      return message.top >= field.bottom - 1 && message.top - field.bottom < 40;
    });
    assert(beside, 'the message sits right under its field');
    await screen(hr, 'hr-7-field-error');
    await hr.locator('#c-duration').fill('P7D');
    // The rotation rule is checked by the server too: every dimension within one round cannot be kept.
    assert(await hr.locator('#c-every').inputValue() !== '', 'the campaign\'s rotation window is shown');
    await hr.locator('#c-every').fill('1');
    await hr.getByRole('button', { name: 'Save changes' }).click();
    await hr.locator('#c-every-error').waitFor();
    assert(await hr.locator('#c-duration-error').isHidden(), 'the corrected field is no longer marked');
    assert(await hr.locator('#c-every').getAttribute('aria-invalid') === 'true', 'the rotation window is marked invalid');
    await hr.locator('#c-every').fill('4');
    await hr.getByRole('button', { name: 'Save changes' }).click();
    await hr.getByText('Changes saved.').waitFor();
    assert((await hr.locator('.settings .hint').textContent()).includes('PT168H') ||
      (await hr.locator('.settings .hint').textContent()).includes('P7D'), 'the new duration is shown');
  });

  await test('HR pauses and resumes the campaign', async () => {
    await hr.getByRole('button', { name: 'Pause' }).click();
    await hr.getByText('Campaign paused.').waitFor();
    assert(await hr.locator('#campaign-status').getAttribute('data-status') === 'PAUSED', 'paused');
    assert(await hr.getByRole('button', { name: 'Open a round now' }).count() === 0, 'a paused campaign opens no round');
    await screen(hr, 'hr-8-paused', { fullPage: false });
    await hr.getByRole('button', { name: 'Resume' }).click();
    await hr.getByText('Campaign resumed.').waitFor();
    assert(await hr.locator('#campaign-status').getAttribute('data-status') === 'ACTIVE', 'active again');
    const c = await call('GET', `/api/campaigns/${ctx.campaignId}`, await token('hr'));
    assert(c.status === 'ACTIVE' && c.roundDuration === 'PT168H' && c.rotation.everyDimensionWithin === 4,
      `the server agrees: ${c.status} ${c.roundDuration} ${JSON.stringify(c.rotation)}`);
  });

  await test('the manager (production) cannot open another subtree', async () => {
    const mgr = await newPage(browser, 'en-GB');
    await mgr.goto(`${BASE}/hr`);
    await mgr.getByRole('link', { name: 'Sign in' }).click();
    await keycloakLogin(mgr, 'manager');
    await mgr.waitForURL(`${BASE}/hr`);
    await mgr.getByText('Only HR manages campaigns').waitFor();
    await mgr.goto(`${BASE}/hr#/campaign/${ctx.campaignId}/round/${ctx.round1}/unit/${encodeURIComponent(ctx.itUnit)}`);
    await mgr.locator('#denied').waitFor();
    const denied = await mgr.locator('#denied').textContent();
    assert(denied.includes('may not see this unit'), `refusal is explained: ${denied}`);
    assert(await mgr.locator('table, svg').count() === 0, 'no figures of /it reach the manager');
    await screen(mgr, 'hr-5-manager-denied');
    await mgr.goto(`${BASE}/hr#/campaign/${ctx.campaignId}/round/${ctx.round1}`);
    await mgr.locator('h1:not(:text("Loading…"))').first().waitFor();
    await mgr.locator('#heatmap, #heatmap-title, .warn').first().waitFor();
    assert(await mgr.locator('tr[data-unit="/it"]').count() === 0, 'the manager heatmap has no /it row');
    assert(await mgr.locator('.settings').count() === 0, 'no campaign administration for the manager');
    await mgr.context().close();
  });

  await test('HR archives the campaign for good (after a confirmation); it is listed under archived', async () => {
    await visit(hr, `#/campaign/${ctx.campaignId}`);
    await hr.getByRole('button', { name: 'Archive…' }).click();
    await hr.getByRole('button', { name: 'Archive for good' }).click();
    await hr.getByText('Campaign archived.').waitFor();
    assert(await hr.locator('#campaign-status').getAttribute('data-status') === 'ARCHIVED', 'archived');
    assert(await hr.locator('.settings .btn').count() === 0, 'an archived campaign has no actions');
    await hr.goto(`${BASE}/hr#/`);
    await hr.locator(`details.archived li[data-campaign="${CAMPAIGN}"]`).waitFor({ state: 'attached' });
  });
} finally {
  await browser.close();
}

if (ctx.answerSeconds) {
  console.log(`time to answer the pulse: ${ctx.answerSeconds.toFixed(1)} s from "Start" to "sent" `
    + `(${ctx.withLoginSeconds.toFixed(1)} s including the Keycloak login), driven at machine speed`);
}
console.log(`${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed === 0 ? 0 : 1);
