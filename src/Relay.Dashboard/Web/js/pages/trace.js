// Trace detail: a header and a waterfall of the spans, nested by parent, each bar placed by start and duration.
import { h, getJson, formatDateTime, formatDuration, replace, kvTable, serviceChip, colorFor, HttpError } from '../dom.js';
import { refresher } from '../live.js';

export const title = 'Trace';

export function mount(main, { params }) {
  const traceId = params[0];
  let selectedSpanId = null;
  let trace = null;
  let signature = '';

  const header = h('section', { class: 'card trace-header', id: 'trace-header' });
  const waterfall = h('div', { id: 'waterfall', class: 'waterfall', role: 'tree', 'aria-label': 'Spans' });
  const details = h('aside', { id: 'span-details', class: 'details card', hidden: true });
  const split = h('div', { class: 'split' }, h('div', { class: 'card waterfall-card scroll' }, waterfall), details);

  main.classList.add('fill');
  main.append(
    h('div', { class: 'toolbar' },
      h('a', { class: 'back', href: '/traces' }, '← Traces'),
      h('h1', null, 'Trace'),
      h('span', { class: 'mono muted' }, traceId)),
    header,
    split);

  function renderHeader(spans, services, errors) {
    const root = spans.find((s) => !s.parentSpanId) || spans[0];
    replace(header,
      h('div', { class: 'trace-title' },
        root ? serviceChip(root.service) : null,
        h('h2', { class: 'trace-name' }, root ? root.name : traceId),
        errors > 0 ? h('span', { class: 'badge error' }, `${errors} error${errors === 1 ? '' : 's'}`) : null),
      h('dl', { class: 'facts' },
        fact('Trace id', h('span', { class: 'mono', id: 'trace-id' }, trace.traceId)),
        fact('Started', h('span', { class: 'mono' }, formatDateTime(trace.startTime))),
        fact('Duration', h('span', { class: 'mono', id: 'trace-duration' }, formatDuration(trace.durationMs))),
        fact('Spans', h('span', { class: 'mono', id: 'trace-span-count' }, String(spans.length))),
        fact('Services', h('span', { class: 'chips', id: 'trace-services' }, services.map((s) => serviceChip(s)))),
        fact('Logs', h('a', { id: 'trace-logs', class: 'button small', href: `/logs?traceId=${encodeURIComponent(trace.traceId)}` }, 'View logs of this trace'))));
  }

  function renderWaterfall(ordered, start, total) {
    const ticks = h('div', { class: 'ruler-ticks' });
    ticks.total = total;
    const ruler = h('div', { class: 'ruler' }, h('div', { class: 'ruler-label' }, 'Name'), ticks, h('div', { class: 'ruler-duration' }, 'Duration'));

    const rows = ordered.map(({ span, depth, orphan }) => {
      const offset = new Date(span.startTime).getTime() - start;
      const left = total > 0 ? Math.min(100, Math.max(0, (offset / total) * 100)) : 0;
      const width = total > 0 ? Math.max(0.3, Math.min(100 - left, (span.durationMs / total) * 100)) : 100;
      const bar = h('span', { class: 'bar', title: `${span.name}: ${formatDuration(span.durationMs)} at +${formatDuration(offset)}` });
      bar.style.left = `${left}%`;
      bar.style.width = `${width}%`;
      bar.style.setProperty('--c', colorFor(span.service));
      const status = span.status?.code || 'unset';
      const label = h('div', { class: 'span-label' },
        h('span', { class: 'service', title: `${span.service} (${span.instance})` }, span.instance),
        h('span', { class: 'name', title: span.name }, span.name),
        h('span', { class: `kind kind-${span.kind}` }, span.kind),
        orphan ? h('span', { class: 'badge warn', title: 'Its parent span has not arrived, or belongs to another trace' }, 'no parent') : null);
      label.style.setProperty('--depth', depth);
      label.querySelector('.service').style.setProperty('--c', colorFor(span.service));
      const row = h('div', {
        class: `span status-${status}${span.spanId === selectedSpanId ? ' selected' : ''}`,
        role: 'treeitem',
        tabindex: '0',
        'aria-level': depth + 1,
        dataset: { spanId: span.spanId, parentSpanId: span.parentSpanId || '', service: span.service },
      },
      label,
      h('div', { class: 'timeline' }, bar),
      h('span', { class: 'duration mono' }, formatDuration(span.durationMs)));
      row.span = span;
      return row;
    });
    waterfall.replaceChildren(ruler, ...rows);
    drawTicks();
  }

  /** As many time ticks as fit the timeline's width; the row grid lines follow the same count. */
  function drawTicks() {
    const ticks = waterfall.querySelector('.ruler-ticks');
    if (!ticks) return;
    const count = Math.max(2, Math.min(8, Math.floor(ticks.clientWidth / 90)));
    ticks.replaceChildren();
    for (let i = 0; i <= count; i++) {
      const tick = h('span', { class: 'tick' }, i === 0 ? '0' : formatDuration((ticks.total * i) / count));
      tick.style.left = `${(i * 100) / count}%`;
      ticks.append(tick);
    }
    waterfall.style.setProperty('--grid', `${100 / count}%`);
  }

  function showDetails(span) {
    selectedSpanId = span.spanId;
    for (const el of waterfall.querySelectorAll('.span.selected')) el.classList.remove('selected');
    waterfall.querySelector(`.span[data-span-id="${CSS.escape(span.spanId)}"]`)?.classList.add('selected');
    const start = new Date(trace.startTime).getTime();
    const offset = new Date(span.startTime).getTime() - start;
    const status = span.status?.code || 'unset';
    details.hidden = false;
    split.classList.add('has-details');
    replace(details,
      h('div', { class: 'details-head' },
        h('h2', null, span.name),
        h('button', { type: 'button', class: 'icon-button', title: 'Close', 'aria-label': 'Close', onclick: closeDetails }, '×')),
      h('div', { class: 'chips' }, serviceChip(span.service, span.instance), h('span', { class: `kind kind-${span.kind}` }, span.kind),
        h('span', { class: `badge status status-${status}` }, status)),
      kvTable([
        ['Kind', span.kind],
        ['Status', span.status?.message ? `${status}: ${span.status.message}` : status],
        ['Service', span.service],
        ['Instance', span.instance],
        ['Start', `+${formatDuration(offset)} (${formatDateTime(span.startTime)})`],
        ['Duration', formatDuration(span.durationMs)],
        ['Span id', h('span', { class: 'mono' }, span.spanId)],
        ['Parent id', h('span', { class: 'mono' }, span.parentSpanId || '—')],
        ['Scope', span.scope || '—'],
      ]),
      h('h3', null, 'Attributes'),
      kvTable(Object.entries(span.attributes || {}), 'kv mono'),
      h('h3', null, `Events (${span.events.length})`),
      span.events.length === 0 ? h('p', { class: 'muted' }, 'None') : h('ul', { class: 'events' }, span.events.map((e) => h('li', null,
        h('div', { class: 'event-head' }, h('span', { class: 'name' }, e.name), h('span', { class: 'mono muted' }, `+${formatDuration(new Date(e.time).getTime() - start)}`)),
        Object.keys(e.attributes || {}).length ? kvTable(Object.entries(e.attributes), 'kv mono') : null))),
      h('h3', null, `Links (${span.links.length})`),
      span.links.length === 0 ? h('p', { class: 'muted' }, 'None') : h('ul', { class: 'links' }, span.links.map((l) => h('li', { class: 'mono' },
        h('a', { href: `/traces/${encodeURIComponent(l.traceId)}` }, l.traceId), ' / ', l.spanId))));
  }

  function closeDetails() {
    selectedSpanId = null;
    details.hidden = true;
    split.classList.remove('has-details');
    for (const el of waterfall.querySelectorAll('.span.selected')) el.classList.remove('selected');
  }

  waterfall.addEventListener('click', (event) => {
    const row = event.target.closest('.span[data-span-id]');
    if (row?.span) showDetails(row.span);
  });
  waterfall.addEventListener('keydown', (event) => {
    const row = event.target.closest('.span[data-span-id]');
    if (!row) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      showDetails(row.span);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      (event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling)?.focus?.();
    }
  });

  const resize = new ResizeObserver(() => drawTicks());
  resize.observe(waterfall);

  const refresh = refresher(async () => {
    try {
      trace = await getJson(`/api/traces/${encodeURIComponent(traceId)}`);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        replace(header, h('div', { class: 'page-error' }, `No trace ${traceId} is stored: it is unknown, or it was evicted.`));
        waterfall.replaceChildren();
        return;
      }
      throw error;
    }
    const spans = trace.spans;
    const next = `${spans.length}|${trace.durationMs}|${spans.map((s) => s.spanId).join(',')}`;
    if (next === signature) return;
    signature = next;
    const services = [...new Set(spans.map((s) => s.service))];
    const errors = spans.filter((s) => s.status?.code === 'error').length;
    const start = new Date(trace.startTime).getTime();
    const end = Math.max(...spans.map((s) => new Date(s.startTime).getTime() + s.durationMs));
    renderHeader(spans, services, errors);
    renderWaterfall(order(spans), start, Math.max(trace.durationMs, end - start));
    const selected = spans.find((s) => s.spanId === selectedSpanId);
    if (selected) showDetails(selected);
  }, 1500);
  refresh.now();

  return {
    onChange(kinds) {
      if (kinds.includes('traces')) refresh();
    },
    unmount() {
      refresh.stop();
      resize.disconnect();
      main.classList.remove('fill');
    },
  };
}

function fact(label, value) {
  return h('div', { class: 'fact' }, h('dt', null, label), h('dd', null, value));
}

/** Depth-first by parent, children by start time; a span whose parent is missing starts a subtree of its own. */
function order(spans) {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map();
  const roots = [];
  for (const span of spans) {
    if (span.parentSpanId && ids.has(span.parentSpanId) && span.parentSpanId !== span.spanId) {
      if (!children.has(span.parentSpanId)) children.set(span.parentSpanId, []);
      children.get(span.parentSpanId).push(span);
    } else {
      roots.push(span);
    }
  }
  const byStart = (a, b) => new Date(a.startTime) - new Date(b.startTime);
  roots.sort(byStart);
  const result = [];
  const visited = new Set();
  const visit = (span, depth, orphan) => {
    if (visited.has(span.spanId)) return;
    visited.add(span.spanId);
    result.push({ span, depth, orphan });
    for (const child of (children.get(span.spanId) || []).sort(byStart)) visit(child, depth + 1, false);
  };
  for (const root of roots) visit(root, 0, Boolean(root.parentSpanId));
  // Spans in a parent cycle are unreachable from any root: show them rather than lose them.
  for (const span of spans) visit(span, 0, true);
  return result;
}
