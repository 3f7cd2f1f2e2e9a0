// Same-origin calls to the gateway. Identity-bearing calls ride on the gateway's HttpOnly session
// cookie (the browser never sees a token); the anonymous submission sends no credentials at all.

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

async function parse(res) {
  const type = res.headers.get('content-type') || '';
  if (res.status === 204 || res.headers.get('content-length') === '0') return null;
  if (type.includes('json')) return res.json();
  const text = await res.text();
  return text ? { text } : null;
}

export async function api(method, path, body, { anonymous = false, accept = 'application/json' } = {}) {
  const init = {
    method,
    headers: { Accept: accept },
    // The anonymous route must not carry the session cookie: the submission is unlinkable only
    // if nothing in the request says who sends it.
    credentials: anonymous ? 'omit' : 'same-origin',
    cache: 'no-store',
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const data = await parse(res).catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const lang = (navigator.languages && navigator.languages[0] || navigator.language || 'en')
  .toLowerCase().startsWith('de') ? 'de' : 'en';

export function dimensionLabel(id) {
  return (DIMENSIONS[id] && DIMENSIONS[id][lang]) || id;
}

export const DIMENSIONS = {
  control: { en: 'Control over my work', de: 'Kontrolle über die eigene Arbeit' },
  security: { en: 'Job security', de: 'Sicherheit des Arbeitsplatzes' },
  opacity: { en: 'Understanding the systems', de: 'Systeme verstehen' },
  roles: { en: 'Role clarity', de: 'Klare Rollen' },
  decisions: { en: 'Decision paths', de: 'Entscheidungswege' },
  picture: { en: 'Shared picture of change', de: 'Gemeinsames Bild vom Wandel' },
  usage: { en: 'Real use of new tools', de: 'Neue Werkzeuge wirklich nutzen' },
  voice: { en: 'Involvement', de: 'Beteiligung' },
};

export function formatDate(iso) {
  try {
    return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })
      .format(new Date(iso));
  } catch {
    return iso;
  }
}

export function formatNumber(x, digits = 1) {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(Number(x));
}
