// Metrics: pick a resource, pick an instrument, see its live chart. Counters chart their rate per second,
// gauges and up-down counters their value, histograms their p50/p95/p99 per export interval.
import { h, getJson, query, replace, setText, formatNumber, formatUnit, formatTime } from '../dom.js';
import { refresher } from '../live.js';
import { drawChart } from '../chart.js';

export const title = 'Metrics';

const POINTS = 120;
const COLORS = { value: '#2f6fde', rate: '#2f6fde', p50: '#2b8a3e', p95: '#e67700', p99: '#c92a2a' };

export function mount(main, { search, setQuery }) {
  let resource = search.get('resource') || '';
  let selected = search.get('instrument') || '';
  let instruments = [];

  const select = h('select', { id: 'metrics-resource', 'aria-label': 'Resource' });
  const list = h('ul', { id: 'instruments', class: 'instrument-list', role: 'listbox', 'aria-label': 'Instruments' });
  const chartTitle = h('h2', { id: 'chart-title' });
  const chartMeta = h('div', { class: 'chart-meta muted' });
  const values = h('div', { id: 'metric-values', class: 'metric-values' });
  const legend = h('div', { class: 'legend' });
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.id = 'chart';
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  const tooltip = h('div', { class: 'chart-tooltip', hidden: true });
  const chartPanel = h('section', { class: 'card chart-card' },
    chartTitle, chartMeta, values, h('div', { class: 'chart-wrap' }, svg, tooltip), legend);
  const empty = h('div', { class: 'card empty-state' });

  main.classList.add('fill');
  main.append(
    h('div', { class: 'toolbar' },
      h('h1', null, 'Metrics'),
      h('label', { class: 'field' }, h('span', null, 'Resource'), select)),
    h('div', { class: 'metrics-layout' },
      h('div', { class: 'card instrument-card scroll' }, list),
      h('div', { class: 'chart-column' }, chartPanel, empty)));

  async function loadResources() {
    const all = await getJson('/api/metrics?points=1');
    const options = all.map((r) => h('option', { value: r.instance }, r.instance.startsWith(r.service) ? r.instance : `${r.service} · ${r.instance}`));
    if (resource && !all.some((r) => r.instance === resource)) options.push(h('option', { value: resource }, resource));
    const signature = options.map((o) => o.value).join('\n');
    if (select.dataset.signature !== signature) {
      select.dataset.signature = signature;
      replace(select, options.length ? options : h('option', { value: '' }, 'No metrics yet'));
    }
    if (!resource && all.length) {
      resource = all[0].instance;
      setQuery({ resource });
      refresh.now();
    }
    select.value = resource;
  }

  function renderList() {
    const byScope = new Map();
    for (const instrument of instruments) {
      if (!byScope.has(instrument.scope)) byScope.set(instrument.scope, []);
      byScope.get(instrument.scope).push(instrument);
    }
    const signature = instruments.map((i) => `${i.scope}/${i.name}`).join('\n');
    if (list.dataset.signature !== signature) {
      list.dataset.signature = signature;
      const items = [];
      for (const [scope, members] of [...byScope].sort((a, b) => a[0].localeCompare(b[0]))) {
        items.push(h('li', { class: 'scope', role: 'presentation', title: scope }, scope || '(no scope)'));
        for (const instrument of members) {
          items.push(h('li', {
            role: 'option', tabindex: '0', title: instrument.description || instrument.name,
            dataset: { name: instrument.name, scope: instrument.scope },
          }, h('span', { class: 'instrument-name' }, instrument.name),
          h('span', { class: 'kind-tag' }, [kindLabel(instrument), formatUnit(instrument.unit)].filter(Boolean).join(' · '))));
        }
      }
      replace(list, items.length ? items : h('li', { class: 'muted empty-item' }, resource ? 'No instruments.' : 'Pick a resource.'));
    }
    for (const li of list.querySelectorAll('li[data-name]')) {
      const on = li.dataset.name === selected;
      li.classList.toggle('selected', on);
      li.setAttribute('aria-selected', String(on));
    }
  }

  function renderChart() {
    const instrument = instruments.find((i) => i.name === selected);
    chartPanel.hidden = !instrument;
    empty.hidden = !!instrument;
    if (!instrument) {
      setText(empty, instruments.length ? 'Pick an instrument on the left.' : 'No metrics for this resource yet.');
      return;
    }
    const unit = formatUnit(instrument.unit);
    setText(chartTitle, instrument.name);
    setText(chartMeta, [kindLabel(instrument), instrument.unit ? `unit ${instrument.unit}` : null, instrument.description].filter(Boolean).join(' · '));
    let series;
    let yLabel;
    const facts = [];
    if (instrument.kind === 'histogram') {
      const points = instrument.percentiles || [];
      series = ['p50', 'p95', 'p99'].map((p) => ({ name: p, color: COLORS[p], points: points.map((x) => ({ t: Date.parse(x.time), v: x[p] })) }));
      yLabel = unit ? `${unit} (per interval percentiles)` : 'value';
      facts.push(['p50', instrument.p50], ['p95', instrument.p95], ['p99', instrument.p99], ['count', instrument.count]);
    } else if (instrument.kind === 'sum' && instrument.isMonotonic) {
      series = [{ name: 'rate', color: COLORS.rate, points: instrument.series.map((x) => ({ t: Date.parse(x.time), v: x.value })) }];
      yLabel = `${unit || 'count'}/s`;
      facts.push(['rate /s', instrument.rate], ['total', instrument.value]);
    } else {
      series = [{ name: 'value', color: COLORS.value, points: instrument.series.map((x) => ({ t: Date.parse(x.time), v: x.value })) }];
      yLabel = unit || 'value';
      facts.push(['value', instrument.value]);
    }
    replace(values, facts.map(([label, v]) => h('div', { class: 'stat' },
      h('span', { class: 'stat-value mono', dataset: { stat: label } }, formatNumber(v ?? null)),
      h('span', { class: 'stat-label' }, label === 'count' || label === 'total' || label === 'rate /s' ? label : `${label}${unit ? ` (${unit})` : ''}`))),
    h('div', { class: 'stat muted' }, h('span', { class: 'stat-value small mono' }, instrument.lastUpdated ? formatTime(instrument.lastUpdated) : '—'), h('span', { class: 'stat-label' }, 'last update')));
    svg.setAttribute('aria-label', `${instrument.name} chart`);
    svg.dataset.kind = instrument.kind;
    drawChart(svg, tooltip, { series, yLabel });
    replace(legend, series.length > 1 ? series.map((x) => {
      const swatch = h('span', { class: 'swatch' });
      swatch.style.background = x.color;
      return h('span', { class: 'legend-item' }, swatch, x.name);
    }) : null);
  }

  let controller = null;
  const refresh = refresher(async () => {
    if (!resource) {
      instruments = [];
      renderList();
      renderChart();
      return;
    }
    controller?.abort();
    controller = new AbortController();
    const data = await getJson(`/api/metrics${query({ service: resource, points: POINTS })}`, controller.signal);
    const mine = data.find((r) => r.instance === resource) || data[0];
    instruments = mine ? mine.instruments : [];
    if (!selected && instruments.length) {
      selected = (instruments.find((i) => i.name.startsWith('relay.')) || instruments[0]).name;
      setQuery({ instrument: selected });
    }
    renderList();
    renderChart();
  }, 1000);

  function pick(li) {
    if (!li?.dataset.name) return;
    selected = li.dataset.name;
    setQuery({ instrument: selected });
    renderList();
    renderChart();
  }

  list.addEventListener('click', (event) => pick(event.target.closest('li[data-name]')));
  list.addEventListener('keydown', (event) => {
    const li = event.target.closest('li[data-name]');
    if (!li) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick(li);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      let next = event.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling;
      while (next && !next.dataset.name) next = event.key === 'ArrowDown' ? next.nextElementSibling : next.previousElementSibling;
      if (next) {
        next.focus();
        pick(next);
      }
    }
  });
  select.addEventListener('change', () => {
    resource = select.value;
    selected = '';
    setQuery({ resource, instrument: '' });
    list.dataset.signature = '';
    refresh.now();
  });

  const resize = new ResizeObserver(() => renderChartSoon());
  resize.observe(chartPanel);
  let resizeTimer = 0;
  function renderChartSoon() {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(renderChart, 100);
  }

  const resources = refresher(loadResources, 5000);
  resources.now();
  refresh.now();

  return {
    onChange(kinds) {
      if (kinds.includes('metrics')) {
        refresh();
        resources();
      }
    },
    unmount() {
      refresh.stop();
      resources.stop();
      resize.disconnect();
      clearTimeout(resizeTimer);
      controller?.abort();
      main.classList.remove('fill');
    },
  };
}

function kindLabel(instrument) {
  if (instrument.kind === 'histogram') return 'histogram';
  if (instrument.kind === 'sum') return instrument.isMonotonic ? 'counter' : 'up-down counter';
  return 'gauge';
}
