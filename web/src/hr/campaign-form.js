// The campaign form, for creating (POST) and editing (PUT, same body). The server validates; its
// problem+json names the offending field ("units[2]", "rotation.anchorItems", …) and the message is
// shown next to that field, which is marked invalid and receives the focus.
import { api, ApiError, dimensionLabel } from '../shared/api.js';
import { h } from '../shared/dom.js';
import { T } from './text.js';

const FIELDS = {
  name: 'c-name', schedule: 'c-schedule', timeZone: 'c-tz', roundDuration: 'c-duration', units: 'c-units',
  itemsPerRound: 'c-items', 'rotation.anchorItems': 'c-anchors', 'rotation.everyDimensionWithin': 'c-every',
  rotation: 'c-every',
};

/** Which form field a problem's field name points at ("units[1]" → the units field), or null. */
export function fieldFor(name) {
  const plain = String(name).replace(/\[\d+\]/g, '');
  if (FIELDS[plain]) return FIELDS[plain];
  const parent = Object.keys(FIELDS).filter((k) => plain.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
  return parent ? FIELDS[parent] : null;
}

function field(id, label, value, { hint, ...attrs } = {}) {
  const hintId = hint ? `${id}-hint` : null;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('input', { id, name: id, value: value ?? '', 'aria-describedby': hintId, ...attrs }),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
}

function rotationFields(rotation, catalogue) {
  // A new campaign shows the catalogue's anchors: what the server's default rule starts from.
  const anchors = new Set(rotation ? rotation.anchorItems || [] : catalogue.filter((i) => i.anchor).map((i) => i.id));
  return h('fieldset', { class: 'card rotation', id: 'c-anchors', 'aria-describedby': 'c-anchors-error' },
    h('legend', {}, T.rotation),
    h('p', { class: 'hint' }, T.anchors),
    h('ul', { class: 'checks' }, catalogue.map((item) => h('li', {},
      h('input', { type: 'checkbox', id: `c-anchor-${item.id}`, name: 'anchor', value: item.id, checked: anchors.has(item.id) }),
      h('label', { for: `c-anchor-${item.id}` }, item.text, ' ', h('span', { class: 'n block' }, dimensionLabel(item.dimension)))))),
    h('p', { class: 'field-error', id: 'c-anchors-error', hidden: true }),
    field('c-every', T.everyWithin, rotation && rotation.everyDimensionWithin,
      { type: 'number', min: '1', inputmode: 'numeric', hint: T.rotationHint }));
}

/**
 * @param campaign the campaign to edit, or null to create one
 * @param withRotation the server knows per-campaign rotation (its campaigns carry a "rotation" field)
 * @param catalogue items for the anchor choice ([] when rotation is off)
 * @param onSaved called with the saved campaign
 */
export function campaignForm({ campaign, withRotation, catalogue, onSaved, onCancel }) {
  const c = campaign || {
    name: '', schedule: '0 0 9 ? * MON', timeZone: 'Europe/Berlin', roundDuration: 'P5D',
    units: ['/production', '/logistics', '/it', '/administration'], itemsPerRound: 6, rotation: null,
  };
  const status = h('div', { role: 'status', id: 'form-status' });
  // Labelled by the page's heading (id "form-title"): the form is the whole page.
  const form = h('form', { class: 'card', id: campaign ? 'edit' : 'create', 'aria-labelledby': 'form-title', novalidate: true },
    field('c-name', T.name, c.name, { required: true, maxlength: '200' }),
    field('c-schedule', T.schedule, c.schedule, { required: true, hint: T.scheduleHint, spellcheck: 'false' }),
    field('c-tz', T.timeZone, c.timeZone, { required: true, spellcheck: 'false' }),
    field('c-duration', T.duration, c.roundDuration, { required: true, hint: T.durationHint, spellcheck: 'false' }),
    field('c-units', T.units, c.units.join(', '), { required: true, spellcheck: 'false' }),
    field('c-items', T.items, c.itemsPerRound, { type: 'number', min: '1', inputmode: 'numeric', required: true }),
    withRotation ? rotationFields(c.rotation, catalogue) : null,
    status,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary' }, campaign ? T.saveEdit : T.save),
      onCancel ? h('button', { type: 'button', class: 'btn secondary', onclick: onCancel }, T.cancel) : null));

  let rotationTouched = false;
  form.querySelector('fieldset.rotation')?.addEventListener('change', () => { rotationTouched = true; });

  const clearErrors = () => {
    for (const p of form.querySelectorAll('.field-error')) { p.hidden = true; p.textContent = ''; }
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of form.querySelectorAll('[data-error-described]')) {
      el.setAttribute('aria-describedby', el.dataset.errorDescribed);
      if (!el.dataset.errorDescribed) el.removeAttribute('aria-describedby');
      delete el.dataset.errorDescribed;
    }
    status.replaceChildren();
  };

  const showError = (id, message) => {
    const target = form.querySelector(`#${id}`);
    const slot = form.querySelector(`#${id}-error`);
    if (!target || !slot) return false;
    slot.textContent = slot.textContent ? `${slot.textContent}; ${message}` : message;
    slot.hidden = false;
    if (target.tagName === 'INPUT') {
      target.setAttribute('aria-invalid', 'true');
      if (!('errorDescribed' in target.dataset)) {
        const before = target.getAttribute('aria-describedby') || '';
        target.dataset.errorDescribed = before;
        target.setAttribute('aria-describedby', `${before} ${id}-error`.trim());
      }
    }
    return true;
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    const v = (id) => form.querySelector(`#${id}`).value.trim();
    const body = {
      name: v('c-name'), schedule: v('c-schedule'), timeZone: v('c-tz'), roundDuration: v('c-duration'),
      units: v('c-units').split(',').map((s) => s.trim()).filter(Boolean),
      itemsPerRound: v('c-items') === '' ? null : Number(v('c-items')),
    };
    if (withRotation) {
      // A new campaign whose rotation HR left alone gets the server's default rule (which fits its
      // questions per round); otherwise the rule as shown, an empty window meaning "the default".
      const anchorItems = [...form.querySelectorAll('input[name="anchor"]:checked')].map((x) => x.value);
      const every = v('c-every');
      body.rotation = campaign || rotationTouched
        ? { anchorItems, everyDimensionWithin: every === '' ? null : Number(every) } : null;
    }
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      const saved = campaign
        ? await api('PUT', `/api/campaigns/${campaign.id}`, body)
        : await api('POST', '/api/campaigns', body);
      onSaved(saved);
    } catch (e) {
      submit.disabled = false;
      const errors = (e instanceof ApiError && e.problem && e.problem.errors) || {};
      // The field map is what the survey service sends; a list of {field, message} is accepted too.
      const entries = Array.isArray(errors)
        ? errors.map((x) => [x.field || x.name || '', x.message || x.detail || String(x)])
        : Object.entries(errors);
      const placed = entries.filter(([name, message]) => {
        const id = fieldFor(name);
        return id && showError(id, String(message));
      });
      if (placed.length) {
        status.replaceChildren(h('p', { class: 'warn' }, T.fieldProblem));
        const first = form.querySelector('[aria-invalid="true"]') || form.querySelector('fieldset .field-error:not([hidden])')?.closest('fieldset')?.querySelector('input');
        if (first) first.focus();
      }
      const rest = entries.filter((x) => !placed.includes(x));
      if (!placed.length || rest.length) {
        status.append(h('p', { class: 'warn' }, e.message || String(e),
          rest.length ? `: ${rest.map(([n, m]) => `${n} ${m}`).join('; ')}` : ''));
      }
    }
  });
  return form;
}
