// Pulse in a real browser (Debian Chromium, 360×740): an employee answers the open pulse through the
// real Keycloak login, reloads in the middle and finishes; HR creates a campaign, opens and closes a
// round and reads the heatmap; the manager cannot open another subtree. axe-core runs on every screen
// of both apps (0 violations); every screen is written to docs/screenshots/. Prints "N passed, N failed".
import { chromium } from 'playwright-core';
import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkedKey, blindBallot, finalizeBallot, b64urlEncode, b64urlDecode } from '../../web/src/employee/ballot.js';

const HOST = process.env.PULSE_HOST || '127.0.0.1';
const BASE = `http://${HOST}:${process.env.GATEWAY_PORT || 8080}`;
const KEYCLOAK = `http://${HOST}:${process.env.KEYCLOAK_PORT || 8180}`;
const REALM = process.env.KEYCLOAK_REALM || 'pulse';
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const CAMPAIGN = `Browser pulse ${new Date().toISOString().slice(0, 19).replace('T', ' ')} ${Math.random().toString(36).slice(2, 6)}`;
// /it: the browser user and five colleagues (6, shown). /logistics: five (shown on its own, but the smallest
// sibling, so it is suppressed to protect /administration by differencing). /administration: two from finance
// (below k = 5: "not shown", never zero).
const EMPLOYEE = 'emp096';
const COLLEAGUES = ['emp097', 'emp098', 'emp099', 'emp100', 'emp101', 'emp076', 'emp077', 'emp078', 'emp079', 'emp080',
  'emp113', 'emp114'];

let passed = 0;
let failed = 0;
const ctx = {};

async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name}\n      ${(e && e.stack) || e}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** axe-core inside the page (evaluated over CDP, so the page's CSP stays fully in force) and a screenshot. */
async function screen(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  const violations = result.violations.map((v) => `${v.id}: ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`);
  assert(violations.length === 0, `axe on ${name}: ${violations.length} violation(s)\n        ${violations.join('\n        ')}`);
  assert(page.cspErrors.length === 0, `CSP refused something on ${name}: ${page.cspErrors.join('; ')}`);
}

async function newPage(browser, locale) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.cspErrors = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) page.cspErrors.push(m.text());
  });
  page.setDefaultTimeout(20000);
  return page;
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

mkdirSync(SHOTS, { recursive: true });
const ready = await fetch(`${BASE}/q/health/ready`).then((r) => r.ok, () => false);
if (!ready) {
  console.log(`FAIL  the gateway is not ready at ${BASE} (start the stack: ./pulse up)\n0 passed, 1 failed`);
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});

try {
  const hr = await newPage(browser, 'en-GB');
  const emp = await newPage(browser, 'de-DE');

  await test('HR signs in through Keycloak and creates a campaign for /it, /logistics and /administration', async () => {
    await hr.goto(`${BASE}/hr`);
    await hr.getByRole('link', { name: 'Sign in' }).waitFor();
    await screen(hr, 'hr-1-sign-in');
    await hr.getByRole('link', { name: 'Sign in' }).click();
    await keycloakLogin(hr, 'hr');
    await hr.waitForURL(`${BASE}/hr`);
    await hr.getByRole('heading', { name: 'Campaigns' }).waitFor();
    await hr.fill('#c-name', CAMPAIGN);
    await hr.fill('#c-units', '/it, /logistics, /administration');
    await hr.fill('#c-items', '6');
    await hr.getByRole('button', { name: 'Create campaign' }).click();
    await hr.getByText('Campaign created.').waitFor();
    const card = hr.locator(`li[data-campaign="${CAMPAIGN}"]`);
    await card.getByRole('button', { name: 'Open a round now' }).click();
    const link = hr.locator(`li[data-campaign="${CAMPAIGN}"] a[href^="#/round/"]`).first();
    await link.waitFor();
    ctx.roundId = (await link.getAttribute('href')).replace('#/round/', '');
    await screen(hr, 'hr-2-campaigns');
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

  await test('twelve colleagues answer the same round (same protocol code, through the API)', async () => {
    for (const [i, u] of COLLEAGUES.entries()) await answerThroughApi(u, ctx.roundId, i);
  });

  await test('HR closes the round and reads the heatmap; a group below five is "not shown", never zero', async () => {
    await hr.goto(`${BASE}/hr#/`);
    await hr.locator(`li[data-campaign="${CAMPAIGN}"]`).getByRole('button', { name: 'Close round now' }).click();
    await hr.waitForURL(`${BASE}/hr#/round/${ctx.roundId}`);
    const deadline = Date.now() + 90000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      await hr.reload();
      await hr.locator('h1:not(:text("Loading…"))').first().waitFor();
      ready = await hr.locator('tr[data-unit="/it"] td.cell:not(.sup)').count() > 0;
      if (!ready) await hr.waitForTimeout(2000);
    }
    assert(ready, 'the /it row of the heatmap shows values within 90 s after closing');
    const rows = await hr.locator('tr[data-unit]').evaluateAll((trs) => trs.map((tr) => [tr.dataset.unit,
      [...tr.querySelectorAll('td')].map((td) => td.textContent)]));
    const admin = rows.filter(([u]) => u.startsWith('/administration'));
    assert(admin.length > 0 && admin.every(([, cells]) => cells.every((t) => t.includes('not shown (fewer than 5)'))),
      `administration rows must be suppressed: ${JSON.stringify(rows)}`);
    await screen(hr, 'hr-3-heatmap');
    const [download] = await Promise.all([hr.waitForEvent('download'), hr.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = await new Promise((resolve, reject) => download.createReadStream().then((st) => {
      let text = '';
      st.on('data', (d) => { text += d; });
      st.on('end', () => resolve(text));
      st.on('error', reject);
    }, reject));
    assert(csv.includes('/it') && csv.split('\n').length > 2, `the heatmap CSV downloads: ${csv.slice(0, 200)}`);
    ctx.itUnit = decodeURIComponent((await hr.locator('tr[data-unit="/it"] a').getAttribute('href')).split('/unit/')[1]);
    await hr.locator('tr[data-unit="/it"] a').click();
    await hr.getByRole('heading', { name: /Results: \/it/ }).waitFor();
    await hr.locator('#trends tbody tr').first().waitFor();
    await screen(hr, 'hr-4-unit');
  });

  await test('the employee sees "what came out" for their own unit', async () => {
    await emp.goto(`${BASE}/`);
    await emp.getByRole('button', { name: `Ergebnisse: ${CAMPAIGN}` }).click();
    await emp.getByRole('heading', { name: /Was herauskam – \/it/ }).waitFor();
    assert(await emp.getByText('von 5').count() > 0, 'dimension scores are shown');
    await screen(emp, 'employee-6-results');
  });

  await test('the manager (production) cannot open another subtree', async () => {
    const mgr = await newPage(browser, 'en-GB');
    await mgr.goto(`${BASE}/hr`);
    await mgr.getByRole('link', { name: 'Sign in' }).click();
    await keycloakLogin(mgr, 'manager');
    await mgr.waitForURL(`${BASE}/hr`);
    await mgr.getByText('Only HR manages campaigns').waitFor();
    await mgr.goto(`${BASE}/hr#/round/${ctx.roundId}/unit/${encodeURIComponent(ctx.itUnit)}`);
    await mgr.locator('#denied').waitFor();
    const denied = await mgr.locator('#denied').textContent();
    assert(denied.includes('may not see this unit'), `refusal is explained: ${denied}`);
    assert(await mgr.locator('table').count() === 0, 'no figures of /it reach the manager');
    await screen(mgr, 'hr-5-manager-denied');
    await mgr.goto(`${BASE}/hr#/round/${ctx.roundId}`);
    await mgr.locator('h1:not(:text("Loading…"))').first().waitFor();
    assert(await mgr.locator('tr[data-unit="/it"]').count() === 0, 'the manager heatmap has no /it row');
    await mgr.context().close();
  });
} finally {
  await browser.close();
}

if (ctx.answerSeconds) {
  console.log(`time to answer the pulse: ${ctx.answerSeconds.toFixed(1)} s from "Start" to "sent" `
    + `(${ctx.withLoginSeconds.toFixed(1)} s including the Keycloak login), driven at machine speed`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
