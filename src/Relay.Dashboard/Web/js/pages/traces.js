// Traces: the newest traces matching the filters, from the API's limit (never the whole store).
import { h, getJson, query, formatTime, formatDateTime, formatDuration, replace, setText, emptyRow, serviceChip, debounce, shortId } from '../dom.js';
import { refresher } from '../live.js';
import { keepScroll } from '../anchor.js';

export const title = 'Traces';

const PAGE = 100;
const MAX = 1000;

export function mount(main, { search, setQuery, navigate }) {
  const state = {
    service: search.get('service') || '',
    q: search.get('q') || '',
    minDuration: search.get('minDuration') || '',
  };
  let limit = PAGE;

  const serviceSelect = h('select', { id: 'filter-service', 'aria-label': 'Service' }, h('option', { value: '' }, 'All services'));
  const textInput = h('input', { id: 'filter-text', type: 'search', placeholder: 'Trace id, span name, attribute value…', value: state.q, autocomplete: 'off', spellcheck: 'false' });
  const minInput = h('input', { id: 'filter-min-duration', type: 'number', min: '0', step: 'any', inputmode: 'decimal', placeholder: '0', value: state.minDuration, class: 'narrow' });
  const summary = h('span', { class: 'muted' });
  const more = h('button', { type: 'button', class: 'button more', hidden: true }, 'Show more');
  const tbody = h('tbody');
  const table = h('table', { id: 'traces', class: 'grid selectable' },
    h('thead', null, h('tr', null,
      h('th', { class: 'col-time' }, 'Time'), h('th', null, 'Name'), h('th', null, 'Services'),
      h('th', { class: 'num' }, 'Spans'), h('th', { class: 'col-duration' }, 'Duration'))),
    tbody);
  const scroller = h('div', { class: 'card table-card scroll' }, table, h('div', { class: 'table-foot' }, more));

  main.classList.add('fill');
  main.append(
    h('div', { class: 'toolbar' },
      h('h1', null, 'Traces'),
      h('label', { class: 'field' }, h('span', null, 'Service'), serviceSelect),
      h('label', { class: 'field grow' }, h('span', null, 'Text'), textInput),
      h('label', { class: 'field' }, h('span', null, 'Min duration (ms)'), minInput),
      summary),
    scroller);

  function applyFilters() {
    limit = PAGE;
    setQuery({ service: state.service, q: state.q, minDuration: state.minDuration });
    refresh.now();
  }

  async function loadServices() {
    const list = await getJson('/api/services');
    const services = [...new Set(list.map((s) => s.service))];
    const options = [h('option', { value: '' }, 'All services'), ...services.map((s) => h('option', { value: s }, s))];
    if (state.service && !services.includes(state.service)) options.push(h('option', { value: state.service }, state.service));
    const signature = options.map((o) => o.value).join('\n');
    if (serviceSelect.dataset.signature !== signature) {
      serviceSelect.dataset.signature = signature;
      replace(serviceSelect, options);
    }
    serviceSelect.value = state.service;
  }

  function row(t, maxDuration) {
    const bar = h('span', { class: 'duration-bar' });
    bar.style.width = `${Math.max(1, (t.durationMs / maxDuration) * 100)}%`;
    const tr = h('tr', { class: t.hasError ? 'trace error' : 'trace', dataset: { traceId: t.traceId, key: t.traceId } },
      h('td', { class: 'time col-time mono', title: formatDateTime(t.startTime) }, formatTime(t.startTime)),
      h('td', { class: 'root' },
        serviceChip(t.rootService),
        h('a', { class: 'root-name', href: `/traces/${encodeURIComponent(t.traceId)}` }, t.rootName),
        h('span', { class: 'trace-id mono muted', title: t.traceId }, shortId(t.traceId)),
        t.hasError ? h('span', { class: 'error-flag badge error' }, 'error') : null),
      h('td', { class: 'services' }, [...t.services].sort().map((s) => serviceChip(s))),
      h('td', { class: 'spans num mono' }, t.spanCount),
      h('td', { class: 'duration col-duration mono' }, h('span', { class: 'duration-track' }, bar), h('span', { class: 'duration-text' }, formatDuration(t.durationMs))));
    return tr;
  }

  tbody.addEventListener('click', (event) => {
    if (event.target.closest('a')) return;
    const tr = event.target.closest('tr[data-trace-id]');
    if (tr) navigate(`/traces/${encodeURIComponent(tr.dataset.traceId)}`);
  });

  let controller = null;
  const refresh = refresher(async () => {
    controller?.abort();
    controller = new AbortController();
    const min = Number.parseFloat(state.minDuration);
    const [traces, stats] = await Promise.all([
      getJson(`/api/traces${query({ service: state.service, q: state.q, minDurationMs: Number.isFinite(min) && min > 0 ? min : '', limit })}`, controller.signal),
      getJson('/api/stats', controller.signal).catch(() => null),
    ]);
    const maxDuration = Math.max(1e-6, ...traces.map((t) => t.durationMs));
    keepScroll(scroller, 'tbody tr[data-key]', () => {
      const rows = traces.map((t) => row(t, maxDuration));
      const filtered = state.q || state.service || state.minDuration;
      if (rows.length === 0) rows.push(emptyRow(5, filtered ? 'No traces match the filters.' : 'No traces yet.'));
      tbody.replaceChildren(...rows);
    });
    more.hidden = traces.length < limit || limit >= MAX;
    const stored = stats ? ` of ${stats.traces.toLocaleString()} stored` : '';
    setText(summary, `${traces.length === limit ? 'newest ' : ''}${traces.length.toLocaleString()} trace${traces.length === 1 ? '' : 's'}${stored}`);
  }, 1000);

  more.addEventListener('click', () => {
    limit = Math.min(MAX, limit + PAGE);
    refresh.now();
  });
  serviceSelect.addEventListener('change', () => { state.service = serviceSelect.value; applyFilters(); });
  const onText = debounce(() => { state.q = textInput.value.trim(); applyFilters(); }, 250);
  textInput.addEventListener('input', onText);
  const onMin = debounce(() => { state.minDuration = minInput.value.trim(); applyFilters(); }, 300);
  minInput.addEventListener('input', onMin);

  // New services show up in the filter within a few seconds, without refetching the list per change event.
  const services = refresher(loadServices, 3000);
  services.now();
  refresh.now();

  return {
    onChange(kinds) {
      if (kinds.includes('traces')) refresh();
      if (kinds.includes('resources') || kinds.includes('traces')) services();
    },
    unmount() {
      refresh.stop();
      services.stop();
      onText.cancel();
      onMin.cancel();
      controller?.abort();
      main.classList.remove('fill');
    },
  };
}
