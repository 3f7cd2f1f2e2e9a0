// Employee app at "/": mobile first, one question per screen, skip, review, send.
import { api, ApiError, lang, dimensionLabel, formatDate, formatNumber } from '../shared/api.js';
import { h, show } from '../shared/dom.js';
import { store } from './store.js';
import { checkedKey, blindBallot, finalizeBallot, b64urlEncode, b64urlDecode, KeyCheckError } from './ballot.js';

const T = {
  en: {
    title: 'Your pulse', signInTitle: 'Pulse', signIn: 'Sign in',
    signInText: 'A few short questions about the changes at work. Sign in to see the open pulse.',
    none: 'No pulse is open for you right now. Thank you for looking in.',
    questions: (n) => `${n} questions, about one minute`,
    closes: (d) => `Open until ${d}`,
    start: 'Start', resume: 'Continue', sentAlready: 'Sent. Thank you!',
    elsewhere: 'You already took part in this round (perhaps on another device).',
    whyTitle: 'Why this is anonymous',
    why: 'Your phone gets a sealed, blank voting slip that the server signs without seeing it. '
      + 'Your answers go back with that slip and without your login, so nobody — not HR, not your manager, '
      + 'not the people running the servers — can tell they are yours. Results are only shown for groups of at least five.',
    details: 'How it works in detail',
    progress: (i, n) => `Question ${i} of ${n}`, skip: 'Skip this question', back: 'Back',
    reviewTitle: 'Check your answers', skipped: 'skipped', change: 'Change',
    reviewNote: 'Once sent, answers cannot be changed.', send: 'Send answers', sending: 'Sending…',
    sentTitle: 'Sent — thank you!',
    sentText: 'Your answers were sent anonymously. They count together with everyone else in your group.',
    resultsLater: (u, d) => `Results for ${u} appear here after the round closes (${d}).`,
    home: 'Back to start', preparing: 'Preparing your anonymous voting slip…',
    keyProblem: 'The server offered a voting slip that could identify you, so the app refused it. Please tell your works council.',
    notSent: 'Not sent yet — your answers are kept on this device. Check your connection and try again.',
    retry: 'Try again', error: 'Something went wrong', loading: 'Loading…',
    outcomeTitle: 'What came out', seeResults: (c) => `Results: ${c}`,
    resultsTitle: (u) => `What came out — ${u}`, stillOpen: 'The round is still open. Results follow when it closes.',
    notShown: 'not shown (fewer than 5 answers)', agree: (p) => `${p} % agree`,
    meanOf: (m) => `${m} of 5`, answers: (n) => `${n} people answered`,
    resultsNote: 'Higher is better. Talk about it in your team: what would help?',
    signOut: 'Sign out', dashboard: 'HR dashboard', ballotLost: 'Your voting slip could not be restored.',
  },
  de: {
    title: 'Ihr Puls', signInTitle: 'Pulse', signIn: 'Anmelden',
    signInText: 'Ein paar kurze Fragen zu den Veränderungen bei der Arbeit. Melden Sie sich an, um den offenen Puls zu sehen.',
    none: 'Gerade ist kein Puls für Sie offen. Danke fürs Vorbeischauen.',
    questions: (n) => `${n} Fragen, etwa eine Minute`,
    closes: (d) => `Offen bis ${d}`,
    start: 'Starten', resume: 'Weitermachen', sentAlready: 'Gesendet. Danke!',
    elsewhere: 'Sie haben in dieser Runde schon teilgenommen (vielleicht auf einem anderen Gerät).',
    whyTitle: 'Warum das anonym ist',
    why: 'Ihr Telefon bekommt einen versiegelten, leeren Stimmzettel, den der Server unterschreibt, ohne ihn zu sehen. '
      + 'Ihre Antworten gehen mit diesem Zettel und ohne Ihre Anmeldung zurück. So kann niemand – nicht die Personalabteilung, '
      + 'nicht Ihre Führungskraft, nicht der Betrieb der Server – sie Ihnen zuordnen. Ergebnisse gibt es nur für Gruppen ab fünf Personen.',
    details: 'So funktioniert es genau',
    progress: (i, n) => `Frage ${i} von ${n}`, skip: 'Frage überspringen', back: 'Zurück',
    reviewTitle: 'Antworten prüfen', skipped: 'übersprungen', change: 'Ändern',
    reviewNote: 'Nach dem Senden lassen sich die Antworten nicht mehr ändern.', send: 'Antworten senden', sending: 'Wird gesendet…',
    sentTitle: 'Gesendet – danke!',
    sentText: 'Ihre Antworten wurden anonym gesendet. Sie zählen zusammen mit allen anderen Ihrer Gruppe.',
    resultsLater: (u, d) => `Die Ergebnisse für ${u} erscheinen hier, wenn die Runde endet (${d}).`,
    home: 'Zur Startseite', preparing: 'Ihr anonymer Stimmzettel wird vorbereitet…',
    keyProblem: 'Der Server bot einen Stimmzettel an, der Sie erkennbar machen könnte; die App hat ihn abgelehnt. Bitte informieren Sie den Betriebsrat.',
    notSent: 'Noch nicht gesendet – Ihre Antworten bleiben auf diesem Gerät. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
    retry: 'Erneut versuchen', error: 'Etwas ist schiefgegangen', loading: 'Wird geladen…',
    outcomeTitle: 'Was herauskam', seeResults: (c) => `Ergebnisse: ${c}`,
    resultsTitle: (u) => `Was herauskam – ${u}`, stillOpen: 'Die Runde ist noch offen. Die Ergebnisse folgen, wenn sie endet.',
    notShown: 'nicht gezeigt (weniger als 5 Antworten)', agree: (p) => `${p} % stimmen zu`,
    meanOf: (m) => `${m} von 5`, answers: (n) => `${n} Personen haben geantwortet`,
    resultsNote: 'Höher ist besser. Sprechen Sie im Team darüber: Was würde helfen?',
    signOut: 'Abmelden', dashboard: 'HR-Dashboard', ballotLost: 'Ihr Stimmzettel konnte nicht wiederhergestellt werden.',
  },
}[lang];

const main = document.getElementById('main');
document.documentElement.lang = lang;
document.title = 'Pulse';

function footer() {
  return h('nav', { class: 'footer', 'aria-label': 'Pulse' },
    h('a', { href: '/about.html' }, T.details), ' · ',
    h('a', { href: '/hr' }, T.dashboard), ' · ',
    h('a', { href: '/logout' }, T.signOut));
}

function why() {
  return h('section', { class: 'why', 'aria-labelledby': 'why-title' },
    h('h2', { id: 'why-title' }, T.whyTitle),
    h('p', {}, T.why),
    h('p', {}, h('a', { href: '/about.html' }, T.details)));
}

function button(label, onclick, cls = 'primary', extra = {}) {
  return h('button', { type: 'button', class: `btn ${cls}`, onclick, ...extra }, label);
}

async function boot() {
  // After signing in, the gateway always lands on "/": return to the dashboard if that is where the
  // person came from (a fixed value, never a URL from the request).
  if (sessionStorage.getItem('pulse.after-login') === '/hr') {
    sessionStorage.removeItem('pulse.after-login');
    location.replace('/hr');
    return;
  }
  show(main, h('h1', {}, T.loading));
  let rounds;
  try {
    rounds = await api('GET', '/api/me/rounds');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return signIn();
    return failure(e, boot);
  }
  const local = new Map((await store.all()).map((r) => [r.roundId, r]));
  home(rounds, local);
}

function signIn() {
  show(main,
    h('h1', {}, T.signInTitle),
    h('p', {}, T.signInText),
    h('a', { class: 'btn primary', href: '/login' }, T.signIn),
    why());
}

function home(rounds, local) {
  const cards = rounds.map((r) => {
    const rec = local.get(r.roundId);
    let action;
    if (rec && rec.stage === 'sent') action = h('p', { class: 'done' }, T.sentAlready);
    else if (rec && rec.sig) action = button(`${T.resume}: ${r.campaign}`, () => question(rec, rec.index || 0));
    else if (r.ballotIssued) action = h('p', {}, T.elsewhere);
    else action = button(`${T.start}: ${r.campaign}`, () => start(r));
    return h('li', { class: 'card' },
      h('h2', {}, r.campaign),
      h('p', {}, T.questions(r.items.length), h('br'), T.closes(formatDate(r.closesAt))),
      action);
  });
  const openIds = new Set(rounds.map((r) => r.roundId));
  const past = [...local.values()].filter((rec) => rec.stage === 'sent' && !openIds.has(rec.roundId));
  show(main,
    h('h1', {}, T.title),
    cards.length ? h('ul', { class: 'cards' }, cards) : h('p', {}, T.none),
    past.length ? h('section', { 'aria-labelledby': 'outcome-title' },
      h('h2', { id: 'outcome-title' }, T.outcomeTitle),
      past.map((rec) => button(T.seeResults(rec.campaign), () => results(rec), 'secondary'))) : null,
    why(), footer());
}

async function start(round) {
  show(main, h('h1', {}, T.preparing), h('p', { class: 'spinner', role: 'status' }, T.loading));
  let rec;
  try {
    const keys = await api('GET', `/api/rounds/${round.roundId}/keys`, undefined, { anonymous: true });
    const key = await checkedKey(keys, round.keyId);
    const { prepared, blindedMsg, inv } = await blindBallot(key);
    rec = {
      roundId: round.roundId, campaign: round.campaign, unitId: round.unitId, unitPath: round.unitPath,
      keyId: round.keyId, closesAt: round.closesAt, items: round.items, scale: round.scale,
      publicKey: keys.find((k) => k.keyId === round.keyId).publicKey,
      prepared: b64urlEncode(prepared), inv: b64urlEncode(inv), answers: {}, index: 0, stage: 'ballot',
    };
    // Kept before asking, so the blinding factor survives a reload while the request is in flight.
    await store.put(rec);
    const ballot = await api('POST', `/api/rounds/${round.roundId}/ballots`, { blindedMsg: b64urlEncode(blindedMsg) });
    if (ballot.keyId !== round.keyId) throw new KeyCheckError('the ballot was signed with another key');
    const sig = await finalizeBallot(key, prepared, b64urlDecode(ballot.blindSig), inv);
    rec = { ...rec, sig: b64urlEncode(sig), inv: undefined, stage: 'answering' };
    await store.put(rec);
  } catch (e) {
    if (e instanceof KeyCheckError) return failure(new Error(T.keyProblem), boot);
    return failure(e, boot);
  }
  question(rec, 0);
}

async function question(rec, index) {
  rec.index = index;
  await store.put(rec);
  const items = rec.items;
  if (index >= items.length) return review(rec);
  const item = items[index];
  const chosen = rec.answers[item.id];
  const choose = async (value) => {
    rec.answers[item.id] = value;
    question(rec, index + 1);
  };
  const scale = rec.scale && rec.scale.length === 5 ? rec.scale : ['1', '2', '3', '4', '5'];
  show(main,
    h('p', { class: 'progress' }, T.progress(index + 1, items.length)),
    h('div', { class: 'bar', role: 'presentation' }, h('div', { class: `fill w${Math.round((index / items.length) * 10)}` })),
    h('h1', { class: 'question', id: 'q' }, item.text),
    h('div', { class: 'scale', role: 'group', 'aria-labelledby': 'q' },
      scale.map((label, i) => button(label, () => choose(i + 1), chosen === i + 1 ? 'choice chosen' : 'choice',
        { 'aria-pressed': String(chosen === i + 1), 'data-value': i + 1 }))),
    h('div', { class: 'row' },
      index > 0 ? button(T.back, () => question(rec, index - 1), 'secondary') : null,
      button(T.skip, () => { delete rec.answers[item.id]; question(rec, index + 1); }, 'secondary')));
}

function review(rec) {
  const scale = rec.scale && rec.scale.length === 5 ? rec.scale : ['1', '2', '3', '4', '5'];
  show(main,
    h('h1', {}, T.reviewTitle),
    h('ol', { class: 'review' }, rec.items.map((item, i) => h('li', {},
      h('p', { class: 'qtext' }, item.text),
      h('p', { class: 'answer' }, rec.answers[item.id] ? scale[rec.answers[item.id] - 1] : T.skipped),
      button(T.change, () => question(rec, i), 'secondary small', { 'aria-label': `${T.change}: ${item.text}` })))),
    h('p', {}, T.reviewNote),
    h('div', { id: 'send-status', role: 'status' }),
    button(T.send, () => send(rec), 'primary', { id: 'send' }));
}

async function send(rec) {
  const btn = document.getElementById('send');
  btn.disabled = true;
  btn.textContent = T.sending;
  try {
    await api('POST', '/api/responses', {
      roundId: rec.roundId, keyId: rec.keyId, token: { msg: rec.prepared, sig: rec.sig }, answers: rec.answers,
    }, { anonymous: true });
  } catch (e) {
    // 409: this token was already counted (e.g. the first send got through but its answer was lost).
    if (!(e instanceof ApiError && e.status === 409)) {
      btn.disabled = false;
      btn.textContent = T.send;
      document.getElementById('send-status').replaceChildren(h('p', { class: 'warn' }, T.notSent));
      return;
    }
  }
  const done = {
    roundId: rec.roundId, campaign: rec.campaign, unitId: rec.unitId, unitPath: rec.unitPath,
    closesAt: rec.closesAt, stage: 'sent',
  };
  await store.put(done);
  sent(done);
}

function sent(rec) {
  show(main,
    h('h1', { class: 'sent' }, T.sentTitle),
    h('p', {}, T.sentText),
    h('p', {}, T.resultsLater(rec.unitPath, formatDate(rec.closesAt))),
    button(T.home, boot, 'secondary'), why(), footer());
}

async function results(rec) {
  show(main, h('h1', {}, T.loading));
  let view;
  try {
    view = await api('GET', `/api/analytics/rounds/${rec.roundId}/results?unit=${encodeURIComponent(rec.unitId)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      return show(main, h('h1', {}, T.resultsTitle(rec.unitPath)), h('p', {}, T.stillOpen), button(T.home, boot, 'secondary'));
    }
    return failure(e, boot);
  }
  const unit = view.units.find((u) => u.unitId === rec.unitId) || view.units[0];
  const body = !unit || unit.suppressed
    ? [h('p', { class: 'suppressed' }, T.notShown)]
    : [h('p', {}, T.answers(unit.n)), h('ul', { class: 'dims' }, unit.dimensions.map((d) => h('li', {},
      h('h2', {}, dimensionLabel(d.dimension)),
      d.suppressed ? h('p', { class: 'suppressed' }, T.notShown)
        : h('p', {}, T.meanOf(formatNumber(d.mean)), ' · ', T.agree(Math.round(Number(d.favourable) * 100))))))];
  show(main, h('h1', {}, T.resultsTitle(unit ? unit.unitPath : rec.unitPath)), body,
    h('p', {}, T.resultsNote), button(T.home, boot, 'secondary'), footer());
}

function failure(e, retry) {
  show(main, h('h1', {}, T.error), h('p', { class: 'warn' }, e.message || String(e)), button(T.retry, retry));
}

boot();
