// HR dashboard at "/hr". HR opens it with "at a glance" for the current campaign; a campaign's page
// has its settings and state (edit, pause, resume, archive, open/close a round), the open round's
// participation refreshing live, a picker over the rounds the server knows, the chosen round's
// heatmap and the campaign's trend per dimension; a unit's page has its results and trend charts.
// What a manager may see is decided by the API (their subtree only); this page shows what it gets.
import { api, ApiError, lang, dimensionLabel, formatDate, formatNumber } from '../shared/api.js';
import { h, show } from '../shared/dom.js';
import { T } from './text.js';
import { campaignForm } from './campaign-form.js';
import { poll } from './live.js';
import { trendGeometry, trendSvg } from './trend-chart.js';

const main = document.getElementById('main');
document.documentElement.lang = lang;
document.title = T.title;
const LAST_CAMPAIGN = 'pulse.hr.campaign'; // a view preference only; rounds and results always come from the server
const LIVE_SECONDS = 10;
localStorage.removeItem('pulse.hr.rounds'); // the rounds this browser had seen: the server lists them now

// Each route renders once its data is there; a later navigation makes an earlier, slower one void.
let generation = 0;
let stops = []; // pollers of the current screen, stopped when the route changes
let flash = null; // a message for the next screen (after an action that changes the route)

function render(g, ...children) {
  if (g !== generation) return false;
  show(main, ...children);
  return true;
}

function takeFlash() {
  const message = flash;
  flash = null;
  return message ? h('p', { class: 'done', role: 'status' }, message) : null;
}

const enc = encodeURIComponent;

/** Navigates (or re-renders, when the address stays the same). */
function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}
const campaignHref = (cid, rid) => (rid ? `#/campaign/${cid}/round/${rid}` : `#/campaign/${cid}`);
const unitHref = (cid, rid, uid) => (cid ? `#/campaign/${cid}/round/${rid}/unit/${enc(uid)}` : `#/round/${rid}/unit/${enc(uid)}`);

function nav(cid) {
  return h('nav', { class: 'footer', 'aria-label': T.title },
    cid ? [h('a', { href: campaignHref(cid) }, T.backToCampaign), ' · '] : null,
    h('a', { href: '#/' }, T.back), ' · ', h('a', { href: '/' }, T.employeeApp), ' · ', h('a', { href: '/logout' }, T.signOut));
}

function btn(label, onclick, cls = 'primary', extra = {}) {
  return h('button', { type: 'button', class: `btn ${cls}`, onclick, ...extra }, label);
}

function problemText(e) {
  if (e instanceof ApiError && e.status === 403) return T.forbidden;
  if (e instanceof ApiError && e.status === 404) return T.notFound;
  return e.message || String(e);
}

function signIn() {
  show(main, h('h1', {}, T.title), h('p', {}, T.signInText),
    h('a', { class: 'btn primary', href: '/login', onclick: () => sessionStorage.setItem('pulse.after-login', '/hr') }, T.signIn));
}

function failure(g, e, retry) {
  if (g !== generation) return;
  if (e instanceof ApiError && e.status === 401) return signIn();
  show(main, h('h1', {}, T.error), h('p', { class: 'warn', role: 'alert' }, problemText(e)), btn(T.retry, retry), nav());
}

/** The value, or null when the API refuses this viewer (a manager asking for HR's data). */
async function optional(promise, ...statuses) {
  try {
    return await promise;
  } catch (e) {
    if (e instanceof ApiError && statuses.includes(e.status)) return null;
    throw e;
  }
}

const formatDay = (iso) => (iso ? new Date(iso).toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB') : '');
const formatTime = (d) => d.toLocaleTimeString(lang === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const percent = (x) => `${Math.round(Number(x) * 100)} %`;

function signed(d) {
  const x = Number(d);
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${formatNumber(Math.abs(x))}`;
}

function delta(d) {
  return d === undefined || d === null ? '' : ` (${signed(d)})`;
}

function colour(mean) {
  const m = Number(mean);
  return m < 2 ? 'm1' : m < 2.75 ? 'm2' : m < 3.5 ? 'm3' : m < 4.25 ? 'm4' : 'm5';
}

function depth(path) {
  return Math.max(0, (path || '').split('/').filter(Boolean).length - 1);
}

// The questionnaire in the browser's language (public): question texts instead of item ids.
let catalogueCache = null;
function catalogue() {
  catalogueCache ||= api('GET', '/api/catalogue/items').then((items) => new Map(items.map((i) => [i.id, i])), () => {
    catalogueCache = null;
    return new Map();
  });
  return catalogueCache;
}

/** The campaign's rounds, newest first, as the analytics service knows them (open and closed). */
async function roundsOf(campaignId) {
  const list = await api('GET', `/api/analytics/campaigns/${campaignId}/rounds`);
  return list.map((r) => ({ ...r, status: String(r.status).toLowerCase() })).sort((a, b) => b.sequence - a.sequence);
}

/** The distinct rounds of a trend's points, oldest first. */
function roundsOfTrend(view) {
  return [...new Map(view.series.flatMap((s) => s.points).map((p) => [p.roundId, p])).values()]
    .map(({ roundId, sequence, closesAt }) => ({ roundId, sequence, closesAt }))
    .sort((a, b) => a.sequence - b.sequence);
}

function roundName(r) {
  if (!r.sequence && r.sequence !== 0) return `${T.round} ${r.roundId.slice(0, 8)}`;
  return r.status === 'open' ? T.roundOpenUntil(r.sequence, formatDate(r.closesAt))
    : T.roundClosed(r.sequence, formatDay(r.closedAt || r.closesAt));
}

// ---------------------------------------------------------------------------------------------
// Home: at a glance for the current campaign, then every campaign.

async function home() {
  const g = generation;
  show(main, h('h1', {}, T.loading));
  let list;
  try {
    list = await api('GET', '/api/campaigns');
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      return render(g, h('h1', {}, T.title), h('p', {}, T.forbiddenCampaigns), nav());
    }
    return failure(g, e, route);
  }
  const live = list.filter((c) => c.status !== 'ARCHIVED');
  const archived = list.filter((c) => c.status === 'ARCHIVED');
  const preferred = localStorage.getItem(LAST_CAMPAIGN);
  const current = live.find((c) => c.id === preferred) || live.find((c) => c.status === 'ACTIVE') || live[0];
  let glance = null;
  if (current) {
    try {
      const closed = (await roundsOf(current.id)).find((r) => r.status === 'closed');
      glance = closed ? await glanceSection(current.id, closed, await catalogue(), current.name) : null;
    } catch {
      glance = null; // the overview stands without it
    }
  }
  render(g,
    h('h1', {}, T.title),
    takeFlash(),
    glance,
    h('h2', {}, T.campaigns),
    h('a', { class: 'btn primary', href: '#/new' }, T.create),
    live.length ? campaignList(live) : h('p', {}, T.noCampaigns),
    archived.length ? h('details', { class: 'archived' }, h('summary', {}, T.archivedList(archived.length)), campaignList(archived)) : null,
    nav());
}

function campaignList(list) {
  return h('ul', { class: 'campaign-list' }, list.map((c) => h('li', { 'data-campaign': c.name },
    h('a', { href: campaignHref(c.id) }, c.name),
    h('span', { class: `badge ${c.status.toLowerCase()}` }, T.status[c.status] || c.status),
    c.openRoundId ? h('span', { class: 'badge open' }, T.openBadge) : null)));
}

/** A note for negatively worded questions, whose scores are reversed (higher is better everywhere). */
function reversed(items, itemId) {
  return items.get(itemId) && items.get(itemId).reverse ? T.reversed : null;
}

// ---------------------------------------------------------------------------------------------
// At a glance: the round's strongest and weakest questions and the units that moved most.

async function glanceSection(cid, round, items, campaignName) {
  let s;
  try {
    s = await api('GET', `/api/analytics/rounds/${round.roundId}/summary`);
  } catch {
    return null; // still open, not yet counted, or not offered to this viewer: the rest of the page stands
  }
  const text = (id) => (items.get(id) && items.get(id).text) || id;
  const itemRow = (x) => h('li', {},
    h('span', { class: 'item-text' }, text(x.itemId)),
    x.suppressed
      ? h('span', { class: 'meta suppressed' }, `${dimensionLabel(x.dimension)} · ${T.notShown}`)
      : h('span', { class: 'meta' }, [dimensionLabel(x.dimension), reversed(items, x.itemId),
        T.meanOf(formatNumber(x.mean)), T.agree(Math.round(Number(x.favourable) * 100)),
        T.answers(x.n), x.delta === null || x.delta === undefined ? null : T.change(signed(x.delta))].filter(Boolean).join(' · ')));
  const list = (title, id, rows, row) => [
    h('h3', { id }, title),
    rows && rows.length ? h('ol', { class: 'glance-list', 'aria-labelledby': id }, rows.map(row)) : h('p', { class: 'hint' }, T.nothingYet)];
  const moverRow = (m) => {
    const up = Number(m.delta) > 0;
    return h('li', {},
      h('a', { href: unitHref(cid, round.roundId, m.unitId) }, m.unitPath === '/' ? `/ (${T.wholeOrg})` : m.unitPath),
      h('span', { class: 'meta' }, `${dimensionLabel(m.dimension)} · `,
        h('span', { class: up ? 'up' : 'down', 'aria-hidden': 'true' }, up ? '▲ ' : '▼ '),
        `${up ? T.up : T.down} ${signed(m.delta)}`,
        m.previousMean !== undefined && m.mean !== undefined ? ` (${T.fromTo(formatNumber(m.previousMean), formatNumber(m.mean))})` : ''));
  };
  return h('section', { class: 'card glance', id: 'glance', 'aria-labelledby': 'glance-title' },
    h('h2', { id: 'glance-title' }, T.glance(round.sequence ?? '', formatDay(round.closedAt || round.closesAt))),
    campaignName ? h('p', {}, h('a', { href: campaignHref(cid, round.roundId) }, T.dashboardOf(campaignName))) : null,
    h('p', { class: 'hint' }, T.glanceNote),
    h('div', { class: 'glance-cols' },
      h('div', {}, list(T.strongest, 'glance-strong', s.strongest, itemRow)),
      h('div', {}, list(T.weakest, 'glance-weak', s.weakest, itemRow)),
      h('div', {}, list(T.movers, 'glance-movers', s.movers, moverRow))));
}

// ---------------------------------------------------------------------------------------------
// A campaign's page.

async function campaignPage(cid, rid) {
  const g = generation;
  show(main, h('h1', {}, T.loading));
  let campaign;
  let rounds;
  let items;
  try {
    [campaign, rounds, items] = await Promise.all([
      optional(api('GET', `/api/campaigns/${cid}`), 403),
      optional(roundsOf(cid), 403).then((r) => r || []),
      catalogue(),
    ]);
  } catch (e) {
    return failure(g, e, route);
  }
  if (campaign) localStorage.setItem(LAST_CAMPAIGN, cid);
  // The survey service decides whether a round is open; the analytics service may learn of it a moment later.
  const openId = campaign ? campaign.openRoundId : (rounds.find((r) => r.status === 'open') || {}).roundId;
  const open = openId ? rounds.find((r) => r.roundId === openId) || { roundId: openId, status: 'open' } : null;
  const selected = rid ? rounds.find((r) => r.roundId === rid) || { roundId: rid }
    : rounds.find((r) => r.status === 'closed');

  const live = open ? liveParticipation(cid, open) : null;
  const closed = selected && selected.roundId !== openId;
  const [glance, heatmap, part, trends] = await Promise.all([
    closed ? glanceSection(cid, selected, items) : null,
    closed ? heatmapSection(selected.roundId, cid, campaign ? T.counting : T.stillOpen) : null,
    closed ? participationTable(selected.roundId, 'part') : null,
    trendsSection(cid, 'root', T.wholeOrg),
  ]);
  const ok = render(g,
    h('h1', {}, campaign ? campaign.name : T.ofCampaign),
    takeFlash(),
    campaign ? settings(campaign) : null,
    live ? live.section : null,
    roundPicker(cid, rounds, selected),
    !selected && !open ? h('p', {}, rounds.length ? T.noClosedRound : T.noRounds) : null,
    selected && !closed ? h('p', {}, T.stillOpen) : null,
    glance, heatmap, part,
    trends,
    nav());
  if (!ok) return;
  if (live) stops.push(live.start());
  // Just closed: the analytics service publishes the results within seconds; show them when it has.
  if (campaign && heatmap && heatmap.dataset.pending) {
    const giveUp = Date.now() + 120000;
    stops.push(poll({
      intervalMs: 2000,
      load: () => api('GET', `/api/analytics/rounds/${selected.roundId}/heatmap`).then(() => true, (e) => {
        if (e instanceof ApiError && e.status === 409) return false;
        throw e;
      }),
      onData: (ready) => {
        if (ready) route();
        return ready || Date.now() > giveUp;
      },
    }));
  }
}

function settings(c) {
  const status = h('div', { id: 'action-status', role: 'status' });
  const act = (path, message) => async () => {
    for (const b of main.querySelectorAll('.actions .btn')) b.disabled = true;
    try {
      await api('POST', path);
      flash = message;
      go(campaignHref(c.id));
    } catch (e) {
      for (const b of main.querySelectorAll('.actions .btn')) b.disabled = false;
      status.replaceChildren(h('p', { class: 'warn' }, problemText(e)));
    }
  };
  const archived = c.status === 'ARCHIVED';
  const confirmArchive = archived ? null : h('div', { class: 'confirm', id: 'archive-confirm', hidden: true },
    h('p', {}, T.archiveQuestion),
    h('div', { class: 'actions' },
      btn(T.archiveConfirm, act(`/api/campaigns/${c.id}/archive`, T.archived), 'danger'),
      btn(T.cancel, () => { confirmArchive.hidden = true; main.querySelector('#archive').focus(); }, 'secondary')));
  const closeOpen = async () => {
    for (const b of main.querySelectorAll('.actions .btn')) b.disabled = true;
    try {
      await api('POST', `/api/rounds/${c.openRoundId}/close`);
      flash = T.closedRoundMsg;
      go(campaignHref(c.id, c.openRoundId));
    } catch (e) {
      for (const b of main.querySelectorAll('.actions .btn')) b.disabled = false;
      status.replaceChildren(h('p', { class: 'warn' }, problemText(e)));
    }
  };
  return h('section', { class: 'card settings', 'aria-labelledby': 'settings-title' },
    h('h2', { id: 'settings-title' }, T.settings),
    h('p', { id: 'campaign-status', 'data-status': c.status },
      h('span', { class: `badge ${c.status.toLowerCase()}` }, T.status[c.status] || c.status), ' ',
      (T.statusLine[c.status] || (() => ''))(c.nextRoundAt ? formatDate(c.nextRoundAt) : null)),
    h('p', { class: 'hint' }, `${c.units.join(', ')} · ${c.schedule} (${c.timeZone}) · ${c.roundDuration} · ${T.items}: ${c.itemsPerRound}`),
    archived ? null : h('div', { class: 'actions' },
      c.openRoundId ? btn(T.closeRound, closeOpen, 'primary')
        : c.status === 'ACTIVE' ? btn(T.openRound, act(`/api/campaigns/${c.id}/rounds`, T.openedRound), 'primary') : null,
      h('a', { class: 'btn secondary', href: `#/campaign/${c.id}/edit` }, T.edit),
      c.status === 'PAUSED'
        ? btn(T.resume, act(`/api/campaigns/${c.id}/resume`, T.resumed), 'secondary')
        : btn(T.pause, act(`/api/campaigns/${c.id}/pause`, T.paused), 'secondary'),
      btn(T.archive, () => {
        confirmArchive.hidden = false;
        confirmArchive.querySelector('.btn').focus();
      }, 'secondary', { id: 'archive', 'aria-controls': 'archive-confirm' })),
    confirmArchive,
    status);
}

function roundPicker(cid, rounds, selected) {
  if (!rounds.length) return null;
  const select = h('select', { id: 'round-select', name: 'round' }, rounds.map((r) => h('option', {
    value: r.roundId, selected: selected && selected.roundId === r.roundId,
  }, roundName(r))));
  const form = h('form', { class: 'picker', id: 'round-picker' },
    h('label', { for: 'round-select' }, T.round),
    h('div', { class: 'picker-row' }, select, h('button', { type: 'submit', class: 'btn secondary' }, T.show)));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = campaignHref(cid, select.value);
  });
  return form;
}

// ---------------------------------------------------------------------------------------------
// Participation: a table, and while the round is open the same table refreshing itself.

function participationRows(p) {
  return p.units.map((u) => h('tr', { 'data-unit': u.unitPath }, h('th', { scope: 'row' }, u.unitPath), h('td', {}, u.eligible),
    h('td', { class: 'responded' }, u.responded), h('td', {}, percent(u.rate))));
}

function participationTableOf(id, title, tbody, ...before) {
  return h('section', { id },
    h('h2', { id: `${id}-title` }, title),
    ...before,
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': `${id}-title` },
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, T.unit), h('th', { scope: 'col' }, T.eligible),
          h('th', { scope: 'col' }, T.responded), h('th', { scope: 'col' }, T.rate))),
        tbody)));
}

async function participationTable(roundId, id) {
  try {
    const p = await api('GET', `/api/analytics/rounds/${roundId}/participation`);
    return participationTableOf(id, T.participation, h('tbody', {}, participationRows(p)));
  } catch {
    return null; // participation is optional on this page (e.g. not offered to this viewer)
  }
}

function liveParticipation(cid, round) {
  const tbody = h('tbody');
  const updated = h('p', { class: 'updated', id: 'live-updated' }, T.loading);
  const after = h('div');
  const section = participationTableOf('live', T.live(round.sequence ?? ''), tbody,
    h('p', { class: 'hint' }, T.liveNote.replace('10', String(LIVE_SECONDS))), updated, after);
  section.classList.add('card');
  const start = () => poll({
    intervalMs: LIVE_SECONDS * 1000,
    retryMs: 2000, // a round opened a moment ago reaches the analytics service within seconds
    load: () => api('GET', `/api/analytics/rounds/${round.roundId}/participation`),
    onData: (p) => {
      tbody.replaceChildren(...participationRows(p));
      updated.textContent = T.updated(formatTime(new Date()));
      updated.dataset.at = String(Date.now());
      if (String(p.status).toLowerCase() === 'closed') {
        after.replaceChildren(h('p', {}, T.liveClosed, ' ', h('a', { href: campaignHref(cid, round.roundId) }, T.showResults)));
        return true;
      }
      return false;
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 401) return signIn();
      if (e instanceof ApiError && e.status === 404 && !updated.dataset.at) updated.textContent = T.liveWaiting;
      else updated.textContent = T.liveFailed;
    },
  });
  return { section, start };
}

// ---------------------------------------------------------------------------------------------
// Heatmap of a closed round.

async function heatmapSection(roundId, cid, pendingText = T.stillOpen) {
  let map;
  try {
    map = await api('GET', `/api/analytics/rounds/${roundId}/heatmap`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) return h('p', { role: 'status', 'data-pending': 'true' }, pendingText);
    return h('p', { class: 'warn', role: 'alert' }, problemText(e));
  }
  const dims = map.dimensions;
  const table = h('table', { class: 'heatmap' },
    h('caption', {}, T.legend),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, T.unit), dims.map((d) => h('th', { scope: 'col' }, dimensionLabel(d))))),
    h('tbody', {}, map.units.map((u) => h('tr', { 'data-unit': u.unitPath },
      h('th', { scope: 'row', class: `d${Math.min(depth(u.unitPath), 3)}` },
        h('a', { href: unitHref(cid, roundId, u.unitId), 'aria-label': T.drill(u.unitPath) }, u.unitPath),
        u.suppressed ? null : h('span', { class: 'n' }, ` n=${u.n}`)),
      u.suppressed
        ? dims.map(() => h('td', { class: 'cell sup' }, T.notShown))
        : u.cells.map((c) => (c.suppressed
          ? h('td', { class: 'cell sup' }, T.notShown)
          : h('td', { class: `cell ${colour(c.mean)}` }, formatNumber(c.mean), delta(c.delta))))))));
  return h('section', { id: 'heatmap' },
    h('h2', { id: 'heatmap-title' }, T.heatmap),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'heatmap-title' }, table),
    await csvLink(`/api/analytics/rounds/${roundId}/heatmap`, `heatmap-${roundId}.csv`));
}

async function csvLink(path, filename) {
  const a = h('a', { class: 'btn secondary', href: '#', download: filename }, T.csv);
  a.addEventListener('click', async (ev) => {
    if (a.dataset.ready) return;
    ev.preventDefault();
    try {
      const res = await fetch(path, { headers: { Accept: 'text/csv' }, credentials: 'same-origin' });
      if (!res.ok) throw new ApiError(res.status, null);
      a.href = URL.createObjectURL(new Blob([await res.text()], { type: 'text/csv' }));
      a.dataset.ready = '1';
      a.click();
    } catch (e) {
      a.replaceWith(h('p', { class: 'warn' }, problemText(e)));
    }
  });
  return a;
}

/** A round without its campaign (links shared before rounds had a campaign in the address). */
async function roundPage(roundId) {
  const g = generation;
  show(main, h('h1', {}, T.loading));
  const [heatmap, part] = await Promise.all([heatmapSection(roundId, null), participationTable(roundId, 'part')]);
  render(g, h('h1', {}, `${T.heatmap}: ${T.round} ${roundId.slice(0, 8)}`), heatmap, part, nav());
}

// ---------------------------------------------------------------------------------------------
// A unit: its results in the round and its trend over the campaign's closed rounds.

async function unitPage(cid, roundId, unitId) {
  const g = generation;
  show(main, h('h1', {}, T.loading));
  let view;
  try {
    view = await api('GET', `/api/analytics/rounds/${roundId}/results?unit=${enc(unitId)}`);
  } catch (e) {
    return render(g, h('h1', {}, T.results), h('p', { class: 'warn', role: 'alert', id: 'denied' }, problemText(e)), nav(cid));
  }
  const items = await catalogue();
  const unitPath = (view.units[0] && view.units[0].unitPath) || unitId;
  render(g,
    h('h1', {}, `${T.results}: ${unitPath}`),
    view.units.map((u) => unitSection(u, items)),
    await csvLink(`/api/analytics/rounds/${roundId}/results?unit=${enc(unitId)}`, `results-${roundId}.csv`),
    cid ? await trendsSection(cid, unitId, unitPath) : null,
    nav(cid));
}

function unitSection(u, items) {
  if (u.suppressed) {
    return h('section', { class: 'card' }, h('h2', {}, u.unitPath), h('p', { class: 'suppressed' }, T.notShown));
  }
  const rows = u.items.map((i) => h('tr', {},
    h('th', { scope: 'row' }, (items.get(i.itemId) && items.get(i.itemId).text) || i.itemId, ' ',
      h('span', { class: 'n block' }, [dimensionLabel(i.dimension), reversed(items, i.itemId)].filter(Boolean).join(' · '))),
    i.suppressed
      ? h('td', { colspan: '3', class: 'cell sup' }, T.notShown)
      : [h('td', { class: `cell ${colour(i.mean)}` }, formatNumber(i.mean), delta(i.delta)),
        h('td', {}, percent(i.favourable)), h('td', {}, i.n)]));
  const id = `unit-${u.unitId}`;
  return h('section', { class: 'card' },
    h('h2', { id }, `${u.unitPath} · n=${u.n}`),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': id },
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, T.item), h('th', { scope: 'col' }, T.mean),
          h('th', { scope: 'col' }, T.favourable), h('th', { scope: 'col' }, T.n))),
        h('tbody', {}, rows))));
}

/**
 * One line chart per dimension over the campaign's closed rounds, and the same values as a table.
 * The charts are for the eye and hidden from screen readers; the table says everything they say.
 */
async function trendsSection(cid, unitId, unitLabel) {
  let view;
  try {
    view = await api('GET', `/api/analytics/campaigns/${cid}/trends?unit=${enc(unitId)}`);
  } catch {
    return null; // trends are an extra on these pages; what is above stands on its own
  }
  const rounds = roundsOfTrend(view);
  if (!rounds.length) return null;
  const geometry = view.series.map((s) => trendGeometry(rounds, s.points));
  const hidden = geometry.some((x) => x.hidden > 0);
  const anyGap = geometry.some((x) => x.gaps.length > 0);
  const anyBridge = geometry.some((x) => x.segments.some((l) => l.bridged));
  const charts = h('div', { class: 'charts', 'aria-hidden': 'true' },
    view.series.map((s, i) => h('div', { class: 'chart', 'data-dimension': s.dimension },
      h('p', { class: 'chart-title' }, dimensionLabel(s.dimension)),
      trendSvg(geometry[i], { formatNumber, dimension: s.dimension }))),
    anyGap ? h('p', { class: 'hint' }, T.chartLegendSuppressed) : null,
    anyBridge ? h('p', { class: 'hint' }, T.chartLegendBridge) : null,
    hidden ? h('p', { class: 'hint' }, `#${geometry[0].xs[0].sequence}–#${rounds[rounds.length - 1].sequence}`) : null);
  const table = h('table', { class: 'trend-table' },
    h('caption', {}, T.trendsOf(view.unitPath === '/' ? unitLabel : view.unitPath || unitLabel)),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, T.dims),
      rounds.map((r) => h('th', { scope: 'col' }, `${T.roundLabel(r.sequence)} `, h('span', { class: 'n block' }, formatDay(r.closesAt)))))),
    h('tbody', {}, view.series.map((s) => h('tr', { 'data-dimension': s.dimension },
      h('th', { scope: 'row' }, dimensionLabel(s.dimension)),
      rounds.map((r) => {
        const p = s.points.find((x) => x.roundId === r.roundId);
        if (!p) return h('td', { class: 'cell na' }, T.notAsked);
        return p.suppressed ? h('td', { class: 'cell sup' }, T.notShown)
          : h('td', { class: `cell ${colour(p.mean)}` }, formatNumber(p.mean));
      })))));
  return h('section', { class: 'card', id: 'trends' },
    h('h2', { id: 'trend-title' }, T.trendsOf(unitLabel)),
    charts,
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'trend-title' }, table));
}

// ---------------------------------------------------------------------------------------------
// Creating and editing a campaign.

async function newCampaign() {
  const g = generation;
  show(main, h('h1', {}, T.loading));
  let list;
  try {
    list = await api('GET', '/api/campaigns');
  } catch (e) {
    return failure(g, e, route);
  }
  const withRotation = list.some((c) => 'rotation' in c);
  const items = withRotation ? [...(await catalogue()).values()] : [];
  render(g, h('h1', { id: 'form-title' }, T.create), campaignForm({
    campaign: null, withRotation, catalogue: items,
    onSaved: (saved) => {
      flash = T.created;
      location.hash = campaignHref(saved.id);
    },
  }), nav());
}

async function editCampaign(cid) {
  const g = generation;
  show(main, h('h1', {}, T.loading));
  let campaign;
  try {
    campaign = await api('GET', `/api/campaigns/${cid}`);
  } catch (e) {
    return failure(g, e, route);
  }
  const withRotation = 'rotation' in campaign;
  const items = withRotation ? [...(await catalogue()).values()] : [];
  render(g, h('h1', { id: 'form-title' }, T.editTitle(campaign.name)), campaignForm({
    campaign, withRotation, catalogue: items,
    onSaved: () => {
      flash = T.saved;
      location.hash = campaignHref(cid);
    },
    onCancel: () => { location.hash = campaignHref(cid); },
  }), nav(cid));
}

// ---------------------------------------------------------------------------------------------

function route() {
  generation++;
  for (const stop of stops) stop();
  stops = [];
  const p = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (p[0] === 'new') return newCampaign();
  if (p[0] === 'campaign' && p[1]) {
    if (p[2] === 'edit') return editCampaign(p[1]);
    if (p[2] === 'round' && p[3] && p[4] === 'unit' && p[5]) return unitPage(p[1], p[3], p[5]);
    return campaignPage(p[1], p[2] === 'round' ? p[3] : null);
  }
  if (p[0] === 'round' && p[1] && p[2] === 'unit' && p[3]) return unitPage(null, p[1], p[3]);
  if (p[0] === 'round' && p[1]) return roundPage(p[1]);
  return home();
}

window.addEventListener('hashchange', route);
route();
