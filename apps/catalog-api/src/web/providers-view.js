// The provider health table.
import { el } from './dom.js';
import { percent, relativeAge } from './format.js';

const STATE_LABELS = {
  fresh: 'fresh',
  stale: 'stale',
  'stale-error': 'failing (serving last good)',
  bundled: 'bundled catalog',
  missing: 'no data',
  'not-configured': 'not configured',
};

export function providerRow(health) {
  const rate = health.hitRate;
  // Width through the CSSOM: the page's CSP allows no inline style attributes.
  const fill = el('span', { class: 'fill', 'data-testid': 'provider-hit-rate-fill' });
  fill.style.width = `${Math.round((rate ?? 0) * 100)}%`;
  return el(
    'tr',
    { 'data-testid': 'provider-row', dataset: { provider: health.provider } },
    el('td', {}, el('div', { class: 'name' }, health.displayName), el('code', { class: 'id' }, health.provider)),
    el('td', {}, el('span', { class: `tier tier-${health.tier}` }, health.tier)),
    el(
      'td',
      {},
      el(
        'span',
        { class: `pill state-${health.state}`, 'data-testid': 'provider-state' },
        STATE_LABELS[health.state] ?? health.state,
      ),
    ),
    el(
      'td',
      {},
      el('span', { class: `pill breaker-${health.breaker}`, 'data-testid': 'provider-breaker' }, health.breaker),
    ),
    el(
      'td',
      { class: 'num', 'data-testid': 'provider-models' },
      String(health.modelCount),
      health.zeroModels ? el('span', { class: 'badge warn', title: 'the last fetch returned no models' }, '0!') : null,
    ),
    el('td', { title: health.fetchedAt ?? '', 'data-testid': 'provider-updated' }, relativeAge(health.ageMs)),
    el(
      'td',
      {},
      el('span', { class: 'bar', role: 'img', 'aria-label': `hit rate ${percent(rate)}` }, fill),
      el('span', { class: 'rate', 'data-testid': 'provider-hit-rate' }, percent(rate)),
    ),
    el(
      'td',
      { class: 'err', 'data-testid': 'provider-error' },
      health.lastError
        ? el(
            'span',
            { title: health.lastError.message },
            `${health.lastError.reason} · ${health.lastError.message.slice(0, 80)}`,
          )
        : '—',
    ),
  );
}
