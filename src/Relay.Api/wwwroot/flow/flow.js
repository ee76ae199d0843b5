// The Flow page: polls GET /api/flow every second and draws sender → api → redis → each WsBackend replica →
// receivers, every edge labelled with its rate. Node ids come from Redis: text is only ever set with textContent.
const SVG = 'http://www.w3.org/2000/svg';
const COLUMNS = ['sender', 'api', 'redis', 'wsbackend', 'receivers'];
const TITLES = { sender: 'Sender', api: 'Api', redis: 'Redis', receivers: 'Receivers' };
const SUBTITLES = { sender: 'page + server', api: 'publish API', redis: 'history + pub/sub', wsbackend: 'WsBackend replica', receivers: 'WebSocket clients' };
const WIDTH = 1200;
const NODE_W = 150;
const NODE_H = 96;
const ROW_GAP = 30;
const MARGIN = 12;

const svg = document.getElementById('flow');
const byId = (id) => document.getElementById(id);

let layoutKey = '';
let nodeViews = new Map();
let edgeViews = new Map();

function el(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

// Columns share the width; the replicas stack in theirs, the other nodes sit at mid-height.
function layout(flow) {
  const backends = flow.nodes.filter((n) => n.kind === 'wsbackend');
  const span = Math.max(1, backends.length) * (NODE_H + ROW_GAP) - ROW_GAP;
  const height = span + 2 * MARGIN;
  const gap = (WIDTH - 2 * MARGIN - COLUMNS.length * NODE_W) / (COLUMNS.length - 1);
  const place = new Map(flow.nodes.map((node) => {
    const x = MARGIN + COLUMNS.indexOf(node.kind) * (NODE_W + gap);
    const row = backends.indexOf(node);
    const y = row >= 0 ? MARGIN + row * (NODE_H + ROW_GAP) : height / 2 - NODE_H / 2;
    return [node.id, { x, y }];
  }));

  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto' });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }));
  const defs = el('defs');
  defs.append(marker);
  const edges = el('g');
  const labels = el('g');
  const nodes = el('g');
  edgeViews = new Map();
  nodeViews = new Map();

  for (const edge of flow.edges) {
    const a = place.get(edge.from);
    const b = place.get(edge.to);
    if (!a || !b) continue;
    const [x1, y1, x2, y2] = [a.x + NODE_W, a.y + NODE_H / 2, b.x - 3, b.y + NODE_H / 2];
    const d = `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
    const group = el('g', { class: 'edge idle', 'data-from': edge.from, 'data-to': edge.to });
    const line = el('path', { d, class: 'edge-line', 'marker-end': 'url(#arrow)' });
    group.append(line, el('path', { d, class: 'edge-flow' }));
    edges.append(group);
    const [lx, ly] = [(x1 + x2) / 2, (y1 + y2) / 2];
    const rate = el('text', { class: 'rate', x: lx, y: ly + 4, 'text-anchor': 'middle' });
    const background = el('rect', { class: 'rate-bg', y: ly - 10, height: 20, rx: 10 });
    labels.append(background, rate);
    edgeViews.set(`${edge.from}>${edge.to}`, { group, line, rate, background, lx });
  }

  for (const node of flow.nodes) {
    const { x, y } = place.get(node.id);
    const group = el('g', { class: 'node', 'data-node': node.id, 'data-kind': node.kind });
    const [figure, p50, p99] = [58, 74, 88].map((dy) => el('text', { class: 'node-figure', x: x + 16, y: y + dy }));
    group.append(
      el('rect', { class: 'node-box', x, y, width: NODE_W, height: NODE_H, rx: 10 }),
      el('rect', { class: 'node-stripe', x, y, width: 5, height: NODE_H, rx: 2 }),
      el('text', { class: 'node-title', x: x + 16, y: y + 22 }, TITLES[node.id] ?? node.id),
      el('text', { class: 'node-sub', x: x + 16, y: y + 38 }, SUBTITLES[node.kind] ?? ''),
      figure, p50, p99);
    nodes.append(group);
    nodeViews.set(node.id, { figure, p50, p99 });
  }

  svg.replaceChildren(defs, edges, nodes, labels);
}

function update(flow) {
  const key = flow.nodes.map((n) => n.id).join('|');
  if (key !== layoutKey) {
    layoutKey = key;
    layout(flow);
  }

  const maxRate = Math.max(1, ...flow.edges.map((e) => e.rate));
  for (const edge of flow.edges) {
    const view = edgeViews.get(`${edge.from}>${edge.to}`);
    if (!view) continue;
    const text = `${formatRate(edge.rate)} msg/s`;
    view.rate.textContent = text;
    const width = text.length * 7 + 14;
    view.background.setAttribute('x', view.lx - width / 2);
    view.background.setAttribute('width', width);
    view.group.dataset.rate = edge.rate.toFixed(3);
    view.group.classList.toggle('idle', edge.rate < 0.05);
    view.line.style.strokeWidth = `${1.5 + 4.5 * Math.sqrt(edge.rate / maxRate)}`;
  }

  for (const node of flow.nodes) {
    const view = nodeViews.get(node.id);
    if (!view) continue;
    view.figure.textContent = node.connections === null ? instances(node) : `${node.connections} connection${node.connections === 1 ? '' : 's'}`;
    const measured = node.latency?.samples > 0;
    view.p50.textContent = measured ? `p50 ${formatLatency(node.latency.p50Ms)}` : '';
    view.p99.textContent = measured ? `p99 ${formatLatency(node.latency.p99Ms)}` : '';
  }

  const totals = flow.totals;
  byId('published').textContent = formatRate(totals.publishedPerSecond);
  byId('delivered').textContent = formatRate(totals.deliveredPerSecond);
  byId('connections').textContent = String(totals.connections);
  byId('p50').textContent = formatLatency(flow.latency.p50Ms);
  byId('p99').textContent = formatLatency(flow.latency.p99Ms);
  byId('failures').textContent = formatRate(totals.publishFailuresPerSecond);
  byId('failures-stat').classList.toggle('alert', totals.publishFailuresPerSecond > 0);
  byId('updated').textContent = `updated ${new Date(flow.time).toLocaleTimeString()}`;
}

function instances(node) {
  return node.instances === null ? '' : `${node.instances} instance${node.instances === 1 ? '' : 's'}`;
}

function formatRate(rate) {
  return rate >= 1000 ? Math.round(rate).toLocaleString('en') : rate.toFixed(1);
}

function formatLatency(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

let busy = false;
async function tick() {
  if (busy) return;
  busy = true;
  const error = byId('error');
  try {
    const response = await fetch('/api/flow', { cache: 'no-store' });
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      throw new Error(`${response.status} ${problem?.title ?? response.statusText}`);
    }
    update(await response.json());
    error.hidden = true;
  } catch (e) {
    error.textContent = `Could not read the flow: ${e.message}`;
    error.hidden = false;
  } finally {
    busy = false;
  }
}

setInterval(tick, 1000);
tick();
