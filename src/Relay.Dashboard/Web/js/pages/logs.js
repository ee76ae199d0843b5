// Structured logs: filters by service, minimum level and text (and a trace id from ?traceId=), newest first.
import { h, getJson, query, formatTime, formatDateTime, replace, setText, kvTable, emptyRow, serviceChip, debounce, shortId } from '../dom.js';
import { refresher } from '../live.js';
import { keepScroll } from '../anchor.js';

export const title = 'Structured logs';

const LIMIT = 500;
const LEVELS = ['trace', 'debug', 'information', 'warning', 'error', 'critical'];
const LEVEL_LABELS = { trace: 'Trace', debug: 'Debug', information: 'Information', warning: 'Warning', error: 'Error', critical: 'Critical' };

export function mount(main, { search, setQuery }) {
  const state = {
    service: search.get('service') || '',
    level: LEVELS.includes(search.get('level')) ? search.get('level') : 'trace',
    q: search.get('q') || '',
    traceId: search.get('traceId') || '',
  };
  let selectedKey = null;
  let logs = [];

  const serviceSelect = h('select', { id: 'filter-service', 'aria-label': 'Service' }, h('option', { value: '' }, 'All services'));
  const levelSelect = h('select', { id: 'filter-level', 'aria-label': 'Minimum level' },
    LEVELS.map((l) => h('option', { value: l }, LEVEL_LABELS[l])));
  levelSelect.value = state.level;
  const textInput = h('input', { id: 'filter-text', type: 'search', placeholder: 'Filter message, category, attributes…', value: state.q, autocomplete: 'off', spellcheck: 'false' });
  const traceChip = h('span', { class: 'filter-chip', hidden: true });
  const summary = h('span', { class: 'muted' });
  const tbody = h('tbody');
  const table = h('table', { id: 'logs', class: 'grid selectable' },
    h('thead', null, h('tr', null,
      h('th', { class: 'col-time' }, 'Time'), h('th', { class: 'col-resource' }, 'Resource'), h('th', { class: 'col-level' }, 'Level'),
      h('th', { class: 'col-category' }, 'Category'), h('th', null, 'Message'), h('th', { class: 'col-trace' }, 'Trace'))),
    tbody);
  const scroller = h('div', { class: 'card table-card scroll' }, table);
  const details = h('aside', { id: 'log-details', class: 'details card', hidden: true });
  const split = h('div', { class: 'split' }, scroller, details);

  main.classList.add('fill');
  main.append(
    h('div', { class: 'toolbar' },
      h('h1', null, 'Structured logs'),
      h('label', { class: 'field' }, h('span', null, 'Service'), serviceSelect),
      h('label', { class: 'field' }, h('span', null, 'Min level'), levelSelect),
      h('label', { class: 'field grow' }, h('span', null, 'Text'), textInput),
      traceChip,
      summary),
    split);

  function renderTraceChip() {
    traceChip.hidden = !state.traceId;
    if (state.traceId) {
      replace(traceChip, 'Trace ', h('a', { class: 'mono', href: `/traces/${encodeURIComponent(state.traceId)}` }, shortId(state.traceId, 12)),
        h('button', { type: 'button', class: 'chip-close', title: 'Show logs of every trace', 'aria-label': 'Clear the trace filter', onclick: () => { state.traceId = ''; applyFilters(); } }, '×'));
    }
  }

  function applyFilters() {
    setQuery({ service: state.service, level: state.level === 'trace' ? '' : state.level, q: state.q, traceId: state.traceId });
    renderTraceChip();
    refresh.now();
  }

  async function loadServices() {
    const list = await getJson('/api/services');
    const byService = new Map();
    for (const { service, instance } of list) {
      if (!byService.has(service)) byService.set(service, []);
      byService.get(service).push(instance);
    }
    const options = [h('option', { value: '' }, 'All services')];
    for (const [service, instances] of byService) {
      options.push(h('option', { value: service }, service));
      if (instances.length > 1 || (instances.length === 1 && instances[0] !== service)) {
        for (const instance of instances) options.push(h('option', { value: instance }, `\u00a0\u00a0${instance}`));
      }
    }
    if (state.service && !list.some((s) => s.service === state.service || s.instance === state.service)) {
      options.push(h('option', { value: state.service }, state.service));
    }
    const signature = options.map((o) => o.value).join('\n');
    if (serviceSelect.dataset.signature !== signature) {
      serviceSelect.dataset.signature = signature;
      replace(serviceSelect, options);
    }
    serviceSelect.value = state.service;
  }

  function keyOf(log, counts) {
    const base = `${log.timestamp}|${log.instance}|${log.spanId ?? ''}|${log.category}|${log.body}`;
    const n = (counts.get(base) || 0) + 1;
    counts.set(base, n);
    return `${base}#${n}`;
  }

  function row(log, key) {
    const level = h('span', { class: `level-badge level-${log.level}` }, log.level);
    const traceCell = h('td', { class: 'col-trace mono' });
    if (log.traceId) {
      traceCell.append(h('a', { class: 'trace-link', href: `/traces/${encodeURIComponent(log.traceId)}`, title: log.traceId }, shortId(log.traceId)));
    }
    const tr = h('tr', { dataset: { key }, class: `log level-${log.level}${key === selectedKey ? ' selected' : ''}` },
      h('td', { class: 'col-time mono', title: formatDateTime(log.timestamp) }, formatTime(log.timestamp)),
      h('td', { class: 'col-resource' }, serviceChip(log.service, log.instance)),
      h('td', { class: 'col-level' }, level),
      h('td', { class: 'col-category', title: log.category }, shortCategory(log.category)),
      h('td', { class: 'message' }, log.body),
      traceCell);
    tr.log = log;
    return tr;
  }

  function showDetails(log, key) {
    selectedKey = key;
    for (const tr of tbody.querySelectorAll('tr.selected')) tr.classList.remove('selected');
    tbody.querySelector(`tr[data-key="${CSS.escape(key)}"]`)?.classList.add('selected');
    details.hidden = false;
    split.classList.add('has-details');
    const fields = [
      ['Time', formatDateTime(log.timestamp)],
      ['Service', log.service],
      ['Instance', log.instance],
      ['Level', `${log.level}${log.severityText ? ` (${log.severityText})` : ''}`],
      ['Category', log.category],
    ];
    const traceInfo = [];
    if (log.traceId) {
      traceInfo.push(['Trace', h('a', { class: 'trace-link mono', href: `/traces/${encodeURIComponent(log.traceId)}` }, log.traceId)]);
      if (log.spanId) traceInfo.push(['Span', h('span', { class: 'mono' }, log.spanId)]);
    }
    replace(details,
      h('div', { class: 'details-head' },
        h('h2', null, 'Log entry'),
        h('button', { type: 'button', class: 'icon-button', title: 'Close', 'aria-label': 'Close', onclick: closeDetails }, '×')),
      h('pre', { class: 'log-body' }, log.body),
      h('h3', null, 'Fields'),
      kvTable([...fields, ...traceInfo]),
      h('h3', null, 'Attributes'),
      kvTable(Object.entries(log.attributes || {}), 'kv mono'));
  }

  function closeDetails() {
    selectedKey = null;
    details.hidden = true;
    split.classList.remove('has-details');
    for (const tr of tbody.querySelectorAll('tr.selected')) tr.classList.remove('selected');
  }

  tbody.addEventListener('click', (event) => {
    if (event.target.closest('a')) return;
    const tr = event.target.closest('tr[data-key]');
    if (tr?.log) showDetails(tr.log, tr.dataset.key);
  });

  let controller = null;
  const refresh = refresher(async () => {
    controller?.abort();
    controller = new AbortController();
    const url = `/api/logs${query({ service: state.service, level: state.level === 'trace' ? '' : state.level, q: state.q, traceId: state.traceId, limit: LIMIT })}`;
    logs = await getJson(url, controller.signal);
    const counts = new Map();
    keepScroll(scroller, 'tbody tr[data-key]', () => {
      const rows = logs.map((log) => row(log, keyOf(log, counts)));
      if (rows.length === 0) rows.push(emptyRow(6, state.q || state.traceId || state.service || state.level !== 'trace' ? 'No log entries match the filters.' : 'No log entries yet.'));
      tbody.replaceChildren(...rows);
    });
    setText(summary, `${logs.length}${logs.length === LIMIT ? '+' : ''} entr${logs.length === 1 ? 'y' : 'ies'}`);
  }, 750);

  serviceSelect.addEventListener('change', () => { state.service = serviceSelect.value; applyFilters(); });
  levelSelect.addEventListener('change', () => { state.level = levelSelect.value; applyFilters(); });
  const onText = debounce(() => { state.q = textInput.value.trim(); applyFilters(); }, 250);
  textInput.addEventListener('input', onText);

  // New services show up in the filter within a few seconds, without refetching the list per change event.
  const services = refresher(loadServices, 3000);
  renderTraceChip();
  services.now();
  refresh.now();

  return {
    onChange(kinds) {
      if (kinds.includes('logs')) refresh();
      if (kinds.includes('resources') || kinds.includes('logs')) services();
    },
    unmount() {
      refresh.stop();
      services.stop();
      onText.cancel();
      controller?.abort();
      main.classList.remove('fill');
    },
  };
}

/** Microsoft.AspNetCore.Hosting.Diagnostics → M.A.Hosting.Diagnostics: the tail is what tells categories apart. */
function shortCategory(category) {
  if (!category) return '';
  const parts = category.split('.');
  if (parts.length <= 3) return category;
  return [...parts.slice(0, -2).map((p) => p[0]), ...parts.slice(-2)].join('.');
}
