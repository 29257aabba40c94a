// The model table and the offer detail panel.
import { clear, el } from './dom.js';
import { contextLabel, perMillion } from './format.js';

const CAPABILITY_LABELS = { tools: 'tools', vision: 'vision', structuredOutput: 'JSON', reasoning: 'reasoning' };

function cheapestOffer(model) {
  return model.offers.find((offer) => offer.cheapest) ?? model.offers[0];
}

export function modelRow(model, onOpen) {
  const offer = cheapestOffer(model);
  const capabilities = Object.entries(model.capabilities ?? {})
    .filter(([, on]) => on)
    .map(([name]) => el('span', { class: 'badge' }, CAPABILITY_LABELS[name] ?? name));
  const row = el(
    'tr',
    { tabindex: '0', 'data-testid': 'model-row', dataset: { canonicalId: model.canonicalId } },
    el('td', {}, el('div', { class: 'name' }, model.name), el('code', { class: 'id' }, model.canonicalId)),
    el('td', {}, model.kind ? el('span', { class: `kind kind-${model.kind}` }, model.kind) : '—'),
    el('td', { class: 'num' }, contextLabel(model.contextLength)),
    el('td', { class: 'num' }, perMillion(offer?.pricing?.prompt)),
    el('td', { class: 'num' }, perMillion(offer?.pricing?.completion)),
    el('td', {}, offer?.pricing?.prompt !== undefined ? offer.provider : '—'),
    el('td', { class: 'num' }, String(model.providers.length)),
    el('td', { class: 'caps' }, capabilities),
  );
  row.addEventListener('click', () => onOpen(model));
  row.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') onOpen(model);
  });
  return row;
}

function fact(term, value) {
  return value === undefined || value === null || value === '' ? [] : [el('dt', {}, term), el('dd', {}, value)];
}

function copyButton(text) {
  const button = el(
    'button',
    { type: 'button', class: 'copy', title: 'Copy id', 'aria-label': `Copy ${text}` },
    'copy',
  );
  button.addEventListener('click', async (event) => {
    event.stopPropagation();
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'copied';
      setTimeout(() => (button.textContent = 'copy'), 1200);
    } catch {
      button.textContent = 'copy failed';
    }
  });
  return button;
}

export function renderDetail(panel, model) {
  panel.querySelector('#detail-title').textContent = model.name;
  panel.querySelector('#detail-id').textContent = model.canonicalId;
  panel.querySelector('#detail-description').textContent = model.description ?? '';
  const facts = panel.querySelector('#detail-facts');
  clear(facts);
  facts.append(
    ...fact('Kind', model.kind),
    ...fact('Context', model.contextLength ? `${contextLabel(model.contextLength)} tokens` : undefined),
    ...fact('Max output', model.maxOutputTokens ? `${contextLabel(model.maxOutputTokens)} tokens` : undefined),
    ...fact('Input', model.inputModalities.join(', ')),
    ...fact('Output', model.outputModalities.join(', ')),
    ...fact('Released', model.created ? model.created.slice(0, 10) : undefined),
    ...fact('Providers', model.providers.join(', ')),
  );
  const rows = panel.querySelector('#offer-rows');
  clear(rows);
  for (const offer of model.offers) {
    rows.append(
      el(
        'tr',
        {
          class: offer.cheapest ? 'cheapest' : undefined,
          'data-testid': 'offer-row',
          dataset: { provider: offer.provider },
        },
        el(
          'td',
          {},
          offer.provider,
          offer.cheapest ? el('span', { class: 'badge good' }, 'cheapest') : null,
          offer.deprecatedAt
            ? el('span', { class: 'badge warn' }, `deprecated ${offer.deprecatedAt.slice(0, 10)}`)
            : null,
        ),
        el('td', {}, el('code', {}, offer.id), copyButton(offer.id)),
        el('td', { class: 'num' }, perMillion(offer.pricing?.prompt)),
        el('td', { class: 'num' }, perMillion(offer.pricing?.completion)),
        el('td', { class: 'num' }, perMillion(offer.pricing?.cacheRead)),
        el('td', { class: 'num' }, contextLabel(offer.contextLength)),
        el('td', { class: 'num' }, contextLabel(offer.maxOutputTokens)),
      ),
    );
  }
}
