// Flow: Relay's own page. Where messages go right now: sender → api → redis → each wsbackend → receivers,
// each edge labelled with its rate over the last seconds (GET /api/flow, refreshed every second while visible).
import { h, s, getJson, setText, toggleClass, formatNumber, replace, emptyRow, colorFor } from '../dom.js';

export const title = 'Flow';

const NODE_W = 128;
const NODE_H = 64;
const ROW_GAP = 44;
const MARGIN = 16;
const COLUMN_ORDER = ['sender', 'api', 'redis', 'wsbackend', 'receivers'];
const LABELS = { sender: 'Sender', api: 'Api', redis: 'Redis', receivers: 'Receivers' };
const SUBTITLES = { sender: 'page + server', api: 'publish API', redis: 'pub/sub', receivers: 'WebSocket clients' };

export function mount(main) {
  const stat = (id, label, hint) => h('div', { class: 'card stat-card' },
    h('span', { class: 'stat-value mono', id }, '—'), h('span', { class: 'stat-label' }, label), hint ? h('span', { class: 'stat-hint muted' }, hint) : null);
  const svg = s('svg', { id: 'flow', class: 'flow', role: 'img', 'aria-label': 'Message flow', preserveAspectRatio: 'xMidYMin meet' });
  const updated = h('span', { class: 'muted', id: 'flow-updated' });
  const error = h('div', { class: 'page-error', hidden: true });
  const instances = h('tbody');

  main.append(
    h('div', { class: 'toolbar' }, h('h1', null, 'Flow'), h('span', { class: 'muted' }, 'Messages per second over the last 10 s'), updated),
    error,
    h('div', { class: 'stat-row' },
      stat('flow-published', 'published msg/s', 'Api → Redis'),
      stat('flow-delivered', 'delivered msg/s', 'frames written to sockets'),
      stat('flow-connections', 'open connections', 'across replicas'),
      stat('latency-p50', 'latency p50', 'publish → socket'),
      stat('latency-p99', 'latency p99', 'publish → socket'),
      stat('flow-failures', 'publish failures/s', 'Redis unreachable')),
    h('div', { class: 'card flow-card' }, svg),
    h('div', { class: 'card table-card' },
      h('table', { id: 'flow-instances', class: 'grid' },
        h('thead', null, h('tr', null, h('th', null, 'WsBackend replica'), h('th', null, 'State'),
          h('th', { class: 'num' }, 'Open connections'), h('th', { class: 'num' }, 'Received msg/s'), h('th', { class: 'num' }, 'Delivered msg/s'))),
        instances)));

  let layoutKey = '';
  let nodes = new Map();
  let edges = new Map();

  function build(flow) {
    const backends = flow.nodes.filter((n) => n.kind === 'wsbackend');
    const rows = Math.max(1, backends.length);
    // Drawn at the card's own width, so text keeps its size; the columns share the width evenly.
    const width = Math.max(860, Math.floor(svg.parentElement.clientWidth - 16));
    const gap = (width - 2 * MARGIN - COLUMN_ORDER.length * NODE_W) / (COLUMN_ORDER.length - 1);
    const columnX = (kind) => MARGIN + Math.max(0, COLUMN_ORDER.indexOf(kind)) * (NODE_W + gap);
    const height = Math.max(200, rows * (NODE_H + ROW_GAP) - ROW_GAP + 80);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.replaceChildren();
    nodes = new Map();
    edges = new Map();
    const middle = height / 2;
    const position = new Map();
    for (const node of flow.nodes) {
      if (node.kind === 'wsbackend') {
        const i = backends.indexOf(node);
        const span = rows * (NODE_H + ROW_GAP) - ROW_GAP;
        position.set(node.id, { x: columnX('wsbackend'), y: middle - span / 2 + i * (NODE_H + ROW_GAP) });
      } else {
        position.set(node.id, { x: columnX(COLUMN_ORDER.includes(node.id) ? node.id : 'receivers'), y: middle - NODE_H / 2 });
      }
    }

    svg.append(s('defs', null,
      s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '9', markerHeight: '9', markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }))));

    const edgeLayer = s('g', { class: 'edges' });
    const labelLayer = s('g', { class: 'edge-labels' });
    for (const edge of flow.edges) {
      const a = position.get(edge.from);
      const b = position.get(edge.to);
      if (!a || !b) continue;
      const x1 = a.x + NODE_W;
      const y1 = a.y + NODE_H / 2;
      const x2 = b.x - 4;
      const y2 = b.y + NODE_H / 2;
      const dx = (x2 - x1) / 2;
      const d = `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
      const line = s('path', { d, class: 'edge-line', 'marker-end': 'url(#arrow)' });
      const flowLine = s('path', { d, class: 'edge-flow' });
      const group = s('g', { class: 'edge', dataset: { from: edge.from, to: edge.to } }, line, flowLine);
      edgeLayer.append(group);
      const lx = bezier(x1, x1 + dx, x2 - dx, x2, 0.5);
      const ly = bezier(y1, y1, y2, y2, 0.5);
      const rate = s('text', { class: 'rate', x: lx, y: ly + 4, 'text-anchor': 'middle', dataset: { from: edge.from, to: edge.to } }, '0.0 msg/s');
      const bg = s('rect', { class: 'rate-bg', x: lx - 38, y: ly - 10, width: 76, height: 20, rx: 10 });
      labelLayer.append(s('g', { class: 'edge-label' }, bg, rate));
      edges.set(`${edge.from}>${edge.to}`, { group, line, flowLine, rate, bg, lx });
    }
    svg.append(edgeLayer);

    const nodeLayer = s('g', { class: 'nodes' });
    for (const node of flow.nodes) {
      const { x, y } = position.get(node.id);
      const accent = colorFor(node.kind === 'wsbackend' ? 'wsbackend' : node.kind);
      const box = s('rect', { class: 'node-box', x, y, width: NODE_W, height: NODE_H, rx: 10 });
      const stripe = s('rect', { class: 'node-stripe', x, y, width: 5, height: NODE_H, rx: 2 });
      stripe.style.fill = accent;
      const name = s('text', { class: 'node-title', x: x + 15, y: y + 22 }, node.kind === 'wsbackend' ? node.id : LABELS[node.id] ?? node.id);
      const sub = s('text', { class: 'node-sub', x: x + 15, y: y + 39 }, SUBTITLES[node.id] ?? 'replica');
      const third = s('text', { class: 'node-third', x: x + 26, y: y + 55 });
      if (node.connections !== null && node.connections !== undefined) third.dataset.connections = node.id;
      const dot = s('circle', { class: 'state-dot', cx: x + 19, cy: y + 51, r: 4 });
      const title = s('title', null, '');
      const group = s('g', { class: 'node', dataset: { node: node.id, kind: node.kind } }, title, box, stripe, name, sub, third, dot);
      nodeLayer.append(group);
      nodes.set(node.id, { group, third, dot, title, sub });
    }
    svg.append(nodeLayer, labelLayer);
  }

  function update(flow) {
    const key = flow.nodes.map((n) => n.id).join('|');
    if (key !== layoutKey) {
      layoutKey = key;
      build(flow);
    }
    const maxRate = Math.max(1, ...flow.edges.map((e) => e.rate));
    for (const edge of flow.edges) {
      const view = edges.get(`${edge.from}>${edge.to}`);
      if (!view) continue;
      const text = `${formatRate(edge.rate)} msg/s`;
      setText(view.rate, text);
      const width = Math.max(60, text.length * 6.6 + 14);
      view.bg.setAttribute('x', view.lx - width / 2);
      view.bg.setAttribute('width', width);
      const active = edge.rate > 0.05;
      toggleClass(view.group, 'idle', !active);
      view.group.dataset.rate = edge.rate.toFixed(3);
      view.line.style.strokeWidth = `${1.5 + 4.5 * Math.sqrt(edge.rate / maxRate)}`;
      // Faster dashes for more traffic, within what the eye can follow.
      view.flowLine.style.animationDuration = `${Math.max(0.35, 2.4 - Math.log10(edge.rate + 1) * 0.9).toFixed(2)}s`;
    }
    for (const node of flow.nodes) {
      const view = nodes.get(node.id);
      if (!view) continue;
      const state = node.state ?? 'Unknown';
      view.group.dataset.state = state;
      setText(view.title, `${node.id}: ${state}`);
      toggleClass(view.group, 'down', node.state !== null && node.state !== 'Running');
      if (node.connections !== null && node.connections !== undefined) {
        const n = Math.round(node.connections);
        setText(view.third, `${n} connection${n === 1 ? '' : 's'}`);
      } else {
        setText(view.third, node.state ?? '');
      }
    }

    setText(document.getElementById('flow-published'), formatRate(flow.publishedPerSecond));
    setText(document.getElementById('flow-delivered'), formatRate(flow.deliveredPerSecond));
    setText(document.getElementById('flow-connections'), String(Math.round(flow.openConnections)));
    setText(document.getElementById('latency-p50'), formatLatency(flow.latencyP50Ms));
    setText(document.getElementById('latency-p99'), formatLatency(flow.latencyP99Ms));
    setText(document.getElementById('flow-failures'), formatRate(flow.publishFailuresPerSecond));
    toggleClass(document.getElementById('flow-failures').parentElement, 'alert', flow.publishFailuresPerSecond > 0);
    setText(updated, `updated ${new Date(flow.time).toLocaleTimeString()}`);

    const backends = flow.nodes.filter((n) => n.kind === 'wsbackend');
    const rate = (from, to) => flow.edges.find((e) => e.from === from && e.to === to)?.rate ?? 0;
    replace(instances, backends.length === 0 ? emptyRow(5, 'No WsBackend replica has reported yet.') : backends.map((n) => h('tr', { dataset: { instance: n.id } },
      h('td', { class: 'mono' }, n.id),
      h('td', null, h('span', { class: 'state badge', dataset: { state: n.state ?? 'Unknown' } }, n.state ?? '—')),
      h('td', { class: 'num mono' }, String(Math.round(n.connections ?? 0))),
      h('td', { class: 'num mono' }, formatRate(rate('redis', n.id))),
      h('td', { class: 'num mono' }, formatRate(rate(n.id, 'receivers'))))));
  }

  let busy = false;
  async function tick() {
    if (busy || document.visibilityState !== 'visible') return;
    busy = true;
    try {
      const flow = await getJson('/api/flow');
      error.hidden = true;
      lastFlow = flow;
      lastWidth = svg.parentElement.clientWidth;
      update(flow);
    } catch (e) {
      error.hidden = false;
      setText(error, `Could not read the flow: ${e.message}`);
    } finally {
      busy = false;
    }
  }

  let lastFlow = null;
  let lastWidth = 0;
  const resize = new ResizeObserver(() => {
    const width = svg.parentElement.clientWidth;
    if (lastFlow && Math.abs(width - lastWidth) > 4) {
      lastWidth = width;
      layoutKey = '';
      update(lastFlow);
    }
  });
  resize.observe(svg.parentElement);

  const timer = setInterval(tick, 1000);
  const onVisible = () => { if (document.visibilityState === 'visible') tick(); };
  document.addEventListener('visibilitychange', onVisible);
  tick();

  return {
    unmount() {
      clearInterval(timer);
      resize.disconnect();
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}

function bezier(p0, p1, p2, p3, t) {
  const u = 1 - t;
  return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
}

function formatRate(rate) {
  if (!Number.isFinite(rate)) return '0.0';
  return rate >= 1000 ? formatNumber(rate) : rate.toFixed(1);
}

function formatLatency(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
