// DOM and formatting helpers. Everything the server sends is user text: it is only ever set with
// textContent or as an attribute value, never parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** h('div', { class: 'x', dataset: { id } , onclick }, 'text', child) */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** Like h, in the SVG namespace. */
export function s(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(el, props, children) {
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.setAttribute('class', value);
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'text') el.textContent = value;
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key in el && !(el instanceof SVGElement) && typeof value !== 'string') el[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Sets textContent only when it changed (keeps selections and avoids layout work). */
export function setText(el, text) {
  const value = text === null || text === undefined ? '' : String(text);
  if (el.textContent !== value) el.textContent = value;
}

export function toggleClass(el, name, on) {
  if (el.classList.contains(name) !== !!on) el.classList.toggle(name, !!on);
}

// ---------- fetch ----------

export class HttpError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

async function errorOf(response) {
  let detail = `${response.status} ${response.statusText}`;
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || detail;
  } catch { /* not ProblemDetails */ }
  return new HttpError(response.status, detail);
}

export async function getJson(url, signal) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  if (!response.ok) throw await errorOf(response);
  return response.json();
}

export async function post(url) {
  const response = await fetch(url, { method: 'POST', credentials: 'same-origin' });
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** A query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

// ---------- formatting ----------

const pad = (n, width = 2) => String(n).padStart(width, '0');

export function formatTime(value) {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatDateTime(value) {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatTime(d)}`;
}

/** "3m 12s ago" style age of a timestamp. */
export function formatAge(value) {
  if (!value) return '';
  const seconds = Math.max(0, Math.round((Date.now() - new Date(value).getTime()) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m ago`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h ago`;
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1) return `${Math.round(ms * 1000)} μs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60000)}m ${((ms % 60000) / 1000).toFixed(1)}s`;
}

export function formatNumber(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  if (digits === undefined) digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  if (abs >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  return value.toFixed(digits);
}

/** OTel units as people read them: "{message}" → "message", "By" → "bytes", "s" stays. */
export function formatUnit(unit) {
  if (!unit) return '';
  const names = { By: 'bytes', KiBy: 'KiB', MiBy: 'MiB', '1': '', ms: 'ms', s: 's', '%': '%' };
  if (unit in names) return names[unit];
  return unit.replace(/\{([^}]*)\}/g, '$1');
}

export function shortId(id, length = 8) {
  return id ? id.slice(0, length) : '';
}

// ---------- colours ----------

// One colour per service, assigned in order of first use so the services of a page differ.
// Ordered so that the first five (Relay's resources) are far apart.
const PALETTE = ['#2f6fde', '#e8590c', '#2b8a3e', '#9c36b5', '#0b7285', '#c2255c', '#e67700', '#5f3dc4', '#5c940d', '#1864ab', '#a61e4d', '#862e9c'];
const assigned = new Map();

export function colorFor(service) {
  const key = service || '';
  if (!assigned.has(key)) assigned.set(key, PALETTE[assigned.size % PALETTE.length]);
  return assigned.get(key);
}

/** Pre-assigns colours in a stable (sorted) order, so a service keeps its colour on every page. */
export function seedColors(services) {
  for (const name of [...new Set(services)].sort()) colorFor(name);
}

/** A small coloured chip with the service (or instance) name. */
export function serviceChip(service, label, className = 'chip') {
  const chip = h('span', { class: className, title: label || service }, label || service);
  chip.style.setProperty('--c', colorFor(service));
  return chip;
}

// ---------- misc ----------

export function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/** Strips terminal colour codes from console output. */
export function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

/** Only http(s) links: an endpoint URL must never become a javascript: link. */
export function safeHref(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A key/value table (attributes, environment). */
export function kvTable(entries, className = 'kv') {
  const rows = entries.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v)));
  return h('table', { class: className }, h('tbody', null, rows.length ? rows : h('tr', null, h('td', { class: 'muted', colspan: 2 }, 'None'))));
}

/** An empty-state message inside a table body. */
export function emptyRow(columns, text) {
  return h('tr', { class: 'empty' }, h('td', { colspan: columns }, text));
}
