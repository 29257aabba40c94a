// The catalog page: a model browser and a provider health dashboard over the JSON API.
import { getJson } from './api.js';
import { clear, el, show } from './dom.js';
import { perMillionToPerToken } from './format.js';
import { modelRow, renderDetail } from './models-view.js';
import { providerRow } from './providers-view.js';

const $ = (selector) => document.querySelector(selector);
const form = $('#filters');
const rows = $('#model-rows');
const loadMore = $('#load-more');
const detail = $('#detail');
const state = { cursor: undefined, loading: 0, tab: 'models', providersTimer: undefined };

/** The filters as API query parameters (and as the page's own query string). */
function filterParams() {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const name of ['q', 'provider', 'kind', 'minContext', 'sort']) {
    const value = String(data.get(name) ?? '').trim();
    if (value && !(name === 'sort' && value === 'id')) params.set(name, value);
  }
  const maxPrompt = perMillionToPerToken(data.get('maxPromptPerMillion'));
  if (maxPrompt !== undefined) params.set('maxPromptPrice', maxPrompt);
  for (const group of ['inputModality', 'capability']) {
    const on = [...form.querySelectorAll(`.chip[data-group="${group}"][aria-pressed="true"]`)].map(
      (b) => b.dataset.value,
    );
    if (on.length > 0) params.set(group, on.join(','));
  }
  return params;
}

function restoreFilters() {
  const params = new URLSearchParams(location.search);
  for (const name of ['q', 'provider', 'kind', 'minContext', 'sort']) {
    if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name);
  }
  const maxPrompt = params.get('maxPromptPrice');
  if (maxPrompt) form.elements.maxPromptPerMillion.value = String(Number(maxPrompt) * 1_000_000);
  for (const group of ['inputModality', 'capability']) {
    const on = new Set((params.get(group) ?? '').split(',').filter(Boolean));
    for (const chip of form.querySelectorAll(`.chip[data-group="${group}"]`))
      chip.setAttribute('aria-pressed', String(on.has(chip.dataset.value)));
  }
  if (params.get('tab') === 'providers') selectTab('providers', false);
}

function syncUrl() {
  const params = filterParams();
  if (state.tab === 'providers') params.set('tab', 'providers');
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

async function loadModels({ append = false } = {}) {
  const ticket = ++state.loading;
  const params = filterParams();
  params.set('limit', '50');
  if (append && state.cursor) params.set('cursor', state.cursor);
  loadMore.disabled = true;
  try {
    const page = await getJson(`/catalog/models?${params}`);
    if (ticket !== state.loading) return; // a newer query answered first
    show($('#models-error'), false);
    if (!append) clear(rows);
    for (const model of page.data) rows.append(modelRow(model, openDetail));
    state.cursor = page.nextCursor;
    show(loadMore, Boolean(page.nextCursor));
    $('#total-count').textContent =
      `${page.total.toLocaleString()} model${page.total === 1 ? '' : 's'}${page.data.length === 0 && !append ? ' match these filters' : ''}`;
    $('[data-testid="catalog-version"]').textContent = `v ${page.version.slice(0, 8)}`;
    const missing = page.missing.filter((m) => !m.reason.startsWith('not configured'));
    const notice = $('#missing');
    notice.textContent = missing.length
      ? `Answered without ${missing.length} provider${missing.length === 1 ? '' : 's'}: ${missing.map((m) => `${m.provider} (${m.reason})`).join('; ')}`
      : '';
    show(notice, missing.length > 0);
  } catch (error) {
    if (ticket !== state.loading) return;
    const box = $('#models-error');
    box.textContent = `Could not load models: ${error.message}`;
    show(box, true);
  } finally {
    loadMore.disabled = false;
  }
}

async function loadStats() {
  try {
    const stats = await getJson('/catalog/stats');
    $('#stat-models').textContent = stats.uniqueModels.toLocaleString();
    $('#stat-offers').textContent = stats.offers.toLocaleString();
    $('#stat-providers').textContent = String(Object.values(stats.providers).filter((n) => n > 0).length);
  } catch {
    // the header keeps its last numbers
  }
}

async function loadProviders() {
  try {
    const { data } = await getJson('/catalog/providers');
    show($('#providers-error'), false);
    const body = $('#provider-rows');
    clear(body);
    const order = { 'stale-error': 0, missing: 1, stale: 2, bundled: 3, fresh: 4, 'not-configured': 5 };
    data.sort((a, b) => (order[a.state] ?? 9) - (order[b.state] ?? 9) || a.provider.localeCompare(b.provider));
    for (const health of data) body.append(providerRow(health));
    const select = form.elements.provider;
    if (select.options.length <= 1) {
      for (const health of [...data].sort((a, b) => a.provider.localeCompare(b.provider))) {
        if (health.configured) select.append(el('option', { value: health.provider }, health.displayName));
      }
      select.value = new URLSearchParams(location.search).get('provider') ?? '';
    }
  } catch (error) {
    const box = $('#providers-error');
    box.textContent = `Could not load provider health: ${error.message}`;
    show(box, true);
  }
}

function openDetail(model) {
  renderDetail(detail, model);
  show(detail, true);
  $('#detail-close').focus();
}

function closeDetail() {
  show(detail, false);
}

function selectTab(tab, sync = true) {
  state.tab = tab;
  for (const name of ['models', 'providers']) {
    $(`#tab-${name}`).setAttribute('aria-selected', String(name === tab));
    show($(`#panel-${name}`), name === tab);
  }
  clearInterval(state.providersTimer);
  if (tab === 'providers') {
    void loadProviders();
    state.providersTimer = setInterval(loadProviders, 15_000);
  }
  if (sync) syncUrl();
}

let debounce;
function filtersChanged() {
  clearTimeout(debounce);
  debounce = setTimeout(() => {
    state.cursor = undefined;
    syncUrl();
    void loadModels();
  }, 250);
}

form.addEventListener('input', filtersChanged);
form.addEventListener('submit', (event) => event.preventDefault());
for (const chip of form.querySelectorAll('.chip')) {
  chip.setAttribute('aria-pressed', 'false');
  chip.addEventListener('click', () => {
    chip.setAttribute('aria-pressed', String(chip.getAttribute('aria-pressed') !== 'true'));
    filtersChanged();
  });
}
loadMore.addEventListener('click', () => void loadModels({ append: true }));
$('#detail-close').addEventListener('click', closeDetail);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') closeDetail();
});
$('#tab-models').addEventListener('click', () => selectTab('models'));
$('#tab-providers').addEventListener('click', () => selectTab('providers'));

restoreFilters();
void loadStats();
void loadProviders();
void loadModels();
