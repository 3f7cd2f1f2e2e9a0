// HR dashboard at "/hr": campaigns (list, create, open/close a round), heatmap of a closed round
// (units × dimensions), drill-down into a unit, participation, CSV. What a manager may see is
// decided by the API (their subtree only); this page only shows what it is given.
import { api, ApiError, lang, dimensionLabel, formatNumber } from '../shared/api.js';
import { h, show } from '../shared/dom.js';

const T = {
  en: {
    title: 'Pulse dashboard', campaigns: 'Campaigns', create: 'New campaign', name: 'Name',
    schedule: 'Schedule (cron)', timeZone: 'Time zone', duration: 'Round duration (ISO 8601, e.g. P5D)',
    units: 'Units (paths, comma separated)', items: 'Questions per round', save: 'Create campaign',
    openRound: 'Open a round now', closeRound: 'Close round now', results: 'Results', open: 'open round',
    noOpen: 'no round open', noCampaigns: 'No campaigns yet.', signIn: 'Sign in', signInText: 'Sign in as HR or manager.',
    forbiddenCampaigns: 'Only HR manages campaigns. Open the results link HR shared with you.',
    heatmap: 'Heatmap', unit: 'Unit', notShown: 'not shown (fewer than 5)', stillOpen: 'This round is still open: results appear when it closes.',
    participation: 'Participation', eligible: 'eligible', responded: 'answered', rate: 'rate',
    csv: 'Download CSV', back: 'All campaigns', forbidden: 'You may not see this unit. Managers see only their own area.',
    notFound: 'Unknown round or unit.', error: 'Something went wrong', loading: 'Loading…', retry: 'Try again',
    legend: 'Mean score 1–5, higher is better; change against the previous round in brackets.',
    item: 'Question', mean: 'mean', favourable: 'agree', n: 'answers', roundsSeen: 'Rounds', closedRound: 'closed round',
    employeeApp: 'Employee app', signOut: 'Sign out', drill: (u) => `Details for ${u}`, created: 'Campaign created.',
    dims: 'Dimensions', trends: 'Trend over rounds',
  },
  de: {
    title: 'Pulse-Dashboard', campaigns: 'Kampagnen', create: 'Neue Kampagne', name: 'Name',
    schedule: 'Zeitplan (Cron)', timeZone: 'Zeitzone', duration: 'Dauer einer Runde (ISO 8601, z. B. P5D)',
    units: 'Bereiche (Pfade, durch Komma getrennt)', items: 'Fragen pro Runde', save: 'Kampagne anlegen',
    openRound: 'Runde jetzt öffnen', closeRound: 'Runde jetzt schließen', results: 'Ergebnisse', open: 'offene Runde',
    noOpen: 'keine Runde offen', noCampaigns: 'Noch keine Kampagnen.', signIn: 'Anmelden', signInText: 'Melden Sie sich als HR oder Führungskraft an.',
    forbiddenCampaigns: 'Kampagnen verwaltet nur HR. Öffnen Sie den Ergebnis-Link, den HR Ihnen gegeben hat.',
    heatmap: 'Heatmap', unit: 'Bereich', notShown: 'nicht gezeigt (weniger als 5)', stillOpen: 'Diese Runde ist noch offen: Ergebnisse gibt es, wenn sie endet.',
    participation: 'Beteiligung', eligible: 'berechtigt', responded: 'geantwortet', rate: 'Quote',
    csv: 'CSV herunterladen', back: 'Alle Kampagnen', forbidden: 'Diesen Bereich dürfen Sie nicht sehen. Führungskräfte sehen nur ihren eigenen Bereich.',
    notFound: 'Unbekannte Runde oder unbekannter Bereich.', error: 'Etwas ist schiefgegangen', loading: 'Wird geladen…', retry: 'Erneut versuchen',
    legend: 'Mittelwert 1–5, höher ist besser; Veränderung zur vorigen Runde in Klammern.',
    item: 'Frage', mean: 'Mittel', favourable: 'Zustimmung', n: 'Antworten', roundsSeen: 'Runden', closedRound: 'geschlossene Runde',
    employeeApp: 'Mitarbeiter-App', signOut: 'Abmelden', drill: (u) => `Details für ${u}`, created: 'Kampagne angelegt.',
    dims: 'Dimensionen', trends: 'Verlauf über die Runden',
  },
}[lang];

const main = document.getElementById('main');
document.documentElement.lang = lang;
document.title = T.title;

// Rounds this browser has seen per campaign: the campaign list only names the open round.
const seen = {
  all: () => JSON.parse(localStorage.getItem('pulse.hr.rounds') || '{}'),
  add(campaignId, roundId) {
    const all = seen.all();
    const list = all[campaignId] || [];
    if (!list.includes(roundId)) list.unshift(roundId);
    all[campaignId] = list.slice(0, 10);
    localStorage.setItem('pulse.hr.rounds', JSON.stringify(all));
  },
};

function nav() {
  return h('nav', { class: 'footer', 'aria-label': T.title },
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

function failure(e, retry) {
  if (e instanceof ApiError && e.status === 401) return signIn();
  show(main, h('h1', {}, T.error), h('p', { class: 'warn', role: 'alert' }, problemText(e)), btn(T.retry, retry), nav());
}

async function campaigns(message) {
  show(main, h('h1', {}, T.loading));
  let list;
  try {
    list = await api('GET', '/api/campaigns');
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      return show(main, h('h1', {}, T.title), h('p', {}, T.forbiddenCampaigns), nav());
    }
    return failure(e, () => campaigns());
  }
  const known = seen.all();
  for (const c of list) if (c.openRoundId) seen.add(c.id, c.openRoundId);
  show(main,
    h('h1', {}, T.title),
    message ? h('p', { class: 'done', role: 'status' }, message) : null,
    h('h2', {}, T.campaigns),
    list.length ? h('ul', { class: 'cards' }, list.map((c) => h('li', { class: 'card campaign', 'data-campaign': c.name },
      h('h3', {}, c.name),
      h('p', {}, `${c.units.join(', ')} · ${c.schedule} · ${c.roundDuration} · ${c.itemsPerRound}`),
      h('p', {}, c.openRoundId ? `${T.open}: ` : T.noOpen,
        c.openRoundId ? h('a', { href: `#/round/${c.openRoundId}` }, c.openRoundId.slice(0, 8)) : null),
      c.openRoundId
        ? btn(T.closeRound, () => closeRound(c), 'secondary')
        : btn(T.openRound, () => openRound(c), 'secondary'),
      (known[c.id] || []).filter((r) => r !== c.openRoundId).length
        ? h('p', {}, `${T.roundsSeen}: `, (known[c.id] || []).filter((r) => r !== c.openRoundId)
          .map((r) => h('a', { class: 'round-link', href: `#/round/${r}` }, `${T.closedRound} ${r.slice(0, 8)}`)))
        : null))) : h('p', {}, T.noCampaigns),
    createForm(), nav());
}

function field(id, label, value, attrs = {}) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name: id, value, required: true, ...attrs }));
}

function createForm() {
  const status = h('div', { role: 'status', id: 'create-status' });
  const form = h('form', { class: 'card', id: 'create', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, T.create),
    field('c-name', T.name, ''),
    field('c-schedule', T.schedule, '0 0 9 ? * MON'),
    field('c-tz', T.timeZone, 'Europe/Berlin'),
    field('c-duration', T.duration, 'P5D'),
    field('c-units', T.units, '/production, /logistics, /it, /administration'),
    field('c-items', T.items, '6', { type: 'number', min: '5', max: '10' }),
    status,
    h('button', { type: 'submit', class: 'btn primary' }, T.save));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = (id) => form.querySelector(`#${id}`).value.trim();
    try {
      await api('POST', '/api/campaigns', {
        name: v('c-name'), schedule: v('c-schedule'), timeZone: v('c-tz'), roundDuration: v('c-duration'),
        units: v('c-units').split(',').map((s) => s.trim()).filter(Boolean), itemsPerRound: Number(v('c-items')),
      });
      campaigns(T.created);
    } catch (e) {
      const errors = e.problem && Array.isArray(e.problem.errors)
        ? e.problem.errors.map((x) => (typeof x === 'string' ? x : `${x.field || x.name || ''} ${x.message || x.detail || ''}`)) : [];
      status.replaceChildren(h('p', { class: 'warn' }, problemText(e), errors.length ? `: ${errors.join('; ')}` : ''));
    }
  });
  return form;
}

async function openRound(c) {
  try {
    const opened = await api('POST', `/api/campaigns/${c.id}/rounds`);
    seen.add(c.id, opened.roundId);
    campaigns();
  } catch (e) {
    failure(e, () => campaigns());
  }
}

async function closeRound(c) {
  try {
    await api('POST', `/api/rounds/${c.openRoundId}/close`);
    seen.add(c.id, c.openRoundId);
    location.hash = `#/round/${c.openRoundId}`;
  } catch (e) {
    failure(e, () => campaigns());
  }
}

function colour(mean) {
  const m = Number(mean);
  return m < 2 ? 'm1' : m < 2.75 ? 'm2' : m < 3.5 ? 'm3' : m < 4.25 ? 'm4' : 'm5';
}

function delta(d) {
  if (d === undefined || d === null) return '';
  const x = Number(d);
  return ` (${x > 0 ? '+' : x < 0 ? '−' : '±'}${formatNumber(Math.abs(x))})`;
}

function depth(path) {
  return Math.max(0, (path || '').split('/').filter(Boolean).length - 1);
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

async function participation(roundId) {
  try {
    const p = await api('GET', `/api/analytics/rounds/${roundId}/participation`);
    return h('section', {},
      h('h2', { id: 'part-title' }, T.participation),
      h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'part-title' },
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, T.unit), h('th', { scope: 'col' }, T.eligible),
            h('th', { scope: 'col' }, T.responded), h('th', { scope: 'col' }, T.rate))),
          h('tbody', {}, p.units.map((u) => h('tr', {}, h('th', { scope: 'row' }, u.unitPath), h('td', {}, u.eligible),
            h('td', {}, u.responded), h('td', {}, `${Math.round(Number(u.rate) * 100)} %`)))))));
  } catch {
    return null; // participation is optional on this page (e.g. not offered to this viewer)
  }
}

async function round(roundId) {
  show(main, h('h1', {}, T.loading));
  let map;
  try {
    map = await api('GET', `/api/analytics/rounds/${roundId}/heatmap`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      return show(main, h('h1', {}, T.heatmap), h('p', { role: 'status' }, T.stillOpen), await participation(roundId), nav());
    }
    return failure(e, () => round(roundId));
  }
  const dims = map.dimensions;
  const table = h('table', { class: 'heatmap' },
    h('caption', {}, T.legend),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, T.unit), dims.map((d) => h('th', { scope: 'col' }, dimensionLabel(d))))),
    h('tbody', {}, map.units.map((u) => h('tr', { 'data-unit': u.unitPath },
      h('th', { scope: 'row', class: `d${Math.min(depth(u.unitPath), 3)}` },
        h('a', { href: `#/round/${roundId}/unit/${encodeURIComponent(u.unitId)}`, 'aria-label': T.drill(u.unitPath) }, u.unitPath),
        u.suppressed ? null : h('span', { class: 'n' }, ` n=${u.n}`)),
      u.suppressed
        ? dims.map(() => h('td', { class: 'cell sup' }, T.notShown))
        : u.cells.map((c) => (c.suppressed
          ? h('td', { class: 'cell sup' }, T.notShown)
          : h('td', { class: `cell ${colour(c.mean)}` }, formatNumber(c.mean), delta(c.delta))))))));
  show(main,
    h('h1', {}, T.heatmap),
    h('p', {}, `${T.closedRound} ${roundId.slice(0, 8)}`),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': T.heatmap }, table),
    await csvLink(`/api/analytics/rounds/${roundId}/heatmap`, `heatmap-${roundId}.csv`),
    await participation(roundId), nav());
}

async function unit(roundId, unitId) {
  show(main, h('h1', {}, T.loading));
  let view;
  try {
    view = await api('GET', `/api/analytics/rounds/${roundId}/results?unit=${encodeURIComponent(unitId)}`);
  } catch (e) {
    return show(main, h('h1', {}, T.results), h('p', { class: 'warn', role: 'alert', id: 'denied' }, problemText(e)), nav());
  }
  show(main,
    h('h1', {}, `${T.results}: ${(view.units[0] && view.units[0].unitPath) || unitId}`),
    view.units.map(unitSection),
    await trends(roundId, unitId),
    await csvLink(`/api/analytics/rounds/${roundId}/results?unit=${encodeURIComponent(unitId)}`, `results-${roundId}.csv`),
    nav());
}

/** The unit's dimension scores over the campaign's closed rounds (when this browser knows the campaign). */
async function trends(roundId, unitId) {
  const campaignId = Object.entries(seen.all()).find(([, rounds]) => rounds.includes(roundId))?.[0];
  if (!campaignId) return null;
  let view;
  try {
    view = await api('GET', `/api/analytics/campaigns/${campaignId}/trends?unit=${encodeURIComponent(unitId)}`);
  } catch {
    return null; // trends are an extra on this page; the results above stand on their own
  }
  const rounds = [...new Map(view.series.flatMap((s) => s.points).map((p) => [p.roundId, p])).values()]
    .sort((a, b) => a.sequence - b.sequence);
  if (!rounds.length) return null;
  return h('section', { class: 'card', id: 'trends' },
    h('h2', { id: 'trend-title' }, T.trends),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `${T.trends} ${view.unitPath}` },
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, T.dims),
          rounds.map((r) => h('th', { scope: 'col' }, `#${r.sequence} ${formatDay(r.closesAt)}`)))),
        h('tbody', {}, view.series.map((s) => h('tr', {},
          h('th', { scope: 'row' }, dimensionLabel(s.dimension)),
          rounds.map((r) => {
            const p = s.points.find((x) => x.roundId === r.roundId);
            if (!p) return h('td', {}, '–');
            return p.suppressed ? h('td', { class: 'cell sup' }, T.notShown)
              : h('td', { class: `cell ${colour(p.mean)}` }, formatNumber(p.mean));
          })))))));
}

function formatDay(iso) {
  return iso ? new Date(iso).toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB') : '';
}

function unitSection(u) {
  if (u.suppressed) {
    return h('section', { class: 'card' }, h('h2', {}, u.unitPath), h('p', { class: 'suppressed' }, T.notShown));
  }
  const rows = u.items.map((i) => h('tr', {},
    h('th', { scope: 'row' }, `${dimensionLabel(i.dimension)} · ${i.itemId}`),
    i.suppressed
      ? h('td', { colspan: '3', class: 'cell sup' }, T.notShown)
      : [h('td', { class: `cell ${colour(i.mean)}` }, formatNumber(i.mean), delta(i.delta)),
        h('td', {}, `${Math.round(Number(i.favourable) * 100)} %`), h('td', {}, i.n)]));
  return h('section', { class: 'card' },
    h('h2', {}, `${u.unitPath} · n=${u.n}`),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': u.unitPath },
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, T.item), h('th', { scope: 'col' }, T.mean),
          h('th', { scope: 'col' }, T.favourable), h('th', { scope: 'col' }, T.n))),
        h('tbody', {}, rows))));
}

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'round' && parts[1] && parts[2] === 'unit' && parts[3]) return unit(parts[1], parts[3]);
  if (parts[0] === 'round' && parts[1]) return round(parts[1]);
  return campaigns();
}

window.addEventListener('hashchange', route);
route();
