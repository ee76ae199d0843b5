// The shell: a client-side router over the page routes (the server answers every one with this shell),
// the nav, and the live indicator. Pages are modules with mount(main, context) → { onChange, unmount }.
import { getJson, seedColors, h, replace } from './dom.js';
import { connect, onChange } from './live.js';

const routes = [
  { pattern: /^\/resources\/?$/, page: 'resources', module: () => import('./pages/resources.js') },
  { pattern: /^\/console\/?$/, page: 'console', module: () => import('./pages/console.js') },
  { pattern: /^\/logs\/?$/, page: 'logs', module: () => import('./pages/logs.js') },
  { pattern: /^\/traces\/?$/, page: 'traces', module: () => import('./pages/traces.js') },
  { pattern: /^\/traces\/([^/]+)\/?$/, page: 'traces', module: () => import('./pages/trace.js') },
  { pattern: /^\/metrics\/?$/, page: 'metrics', module: () => import('./pages/metrics.js') },
  { pattern: /^\/flow\/?$/, page: 'flow', module: () => import('./pages/flow.js') },
];

const main = document.getElementById('main');
let current = null;
let generation = 0;

function match(pathname) {
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (m) return { route, params: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

export function navigate(url, { replace: replaceState = false } = {}) {
  const target = new URL(url, location.href);
  if (replaceState) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  render();
}

/** Updates the query string of the current page (its filters) without a new history entry. */
export function setQuery(params) {
  const url = new URL(location.href);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') url.searchParams.delete(k);
    else url.searchParams.set(k, String(v));
  }
  if (url.href !== location.href) history.replaceState(null, '', url);
}

async function render() {
  const mine = ++generation;
  const found = match(location.pathname);
  if (!found) {
    navigate('/resources', { replace: true });
    return;
  }

  for (const link of document.querySelectorAll('nav a[data-page]')) {
    const active = link.dataset.page === found.route.page;
    link.classList.toggle('active', active);
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  let module;
  try {
    module = await found.route.module();
  } catch (error) {
    if (mine !== generation) return;
    replace(main, h('div', { class: 'page-error' }, `This page failed to load: ${error.message}`));
    return;
  }
  if (mine !== generation) return;

  try {
    current?.unmount?.();
  } catch (error) {
    console.error(error);
  }
  current = null;
  main.replaceChildren();
  main.scrollTop = 0;
  document.getElementById('page-title').textContent = module.title || '';
  document.title = module.title ? `${module.title} · Relay dashboard` : 'Relay dashboard';
  current = module.mount(main, { params: found.params, search: new URLSearchParams(location.search), navigate, setQuery }) || {};
}

// Same-origin page links navigate in place: the live feed and the pages' state survive.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !match(url.pathname)) return;
  event.preventDefault();
  if (url.href !== location.href) navigate(url);
});

window.addEventListener('popstate', render);
onChange((kinds) => current?.onChange?.(kinds));

// Colours follow the sorted service list, so each service has the same colour on every page.
getJson('/api/services')
  .then((list) => seedColors(list.map((s) => s.service)))
  .catch(() => {})
  .finally(() => {
    render();
    connect();
  });
