// Resources: one row per instance, updated in place so an expanded environment and the focus survive.
import { h, getJson, post, setText, toggleClass, formatTime, formatDateTime, formatAge, safeHref, kvTable, emptyRow, serviceChip, replace } from '../dom.js';
import { refresher } from '../live.js';
import { toast } from '../toast.js';

export const title = 'Resources';

const COLUMNS = 11;
const ACTIONS = [
  { action: 'start', label: 'Start', icon: 'M8 5v14l11-7z' },
  { action: 'stop', label: 'Stop', icon: 'M6 6h12v12H6z' },
  { action: 'restart', label: 'Restart', icon: 'M17.6 6.4A8 8 0 1 0 20 12h-2.2a5.8 5.8 0 1 1-1.7-4.1L13 11h7V4z' },
];

export function mount(main) {
  const expanded = new Set();
  const rows = new Map();
  const summary = h('span', { class: 'muted' });
  const tbody = h('tbody');
  const table = h('table', { id: 'resources', class: 'grid' },
    h('thead', null, h('tr', null,
      h('th', null, 'Name'), h('th', null, 'Type'), h('th', null, 'State'), h('th', null, 'Health'),
      h('th', null, 'Started'), h('th', { class: 'num', title: 'Restarts' }, 'Restarts'), h('th', { class: 'num', title: 'Exit code' }, 'Exit'),
      h('th', { class: 'num' }, 'PID'), h('th', null, 'Endpoints'), h('th', null, 'Environment'), h('th', { class: 'col-actions' }, 'Actions'))),
    tbody);
  main.append(
    h('div', { class: 'toolbar' }, h('h1', null, 'Resources'), summary),
    h('div', { class: 'card table-card' }, table));

  async function act(resource, action, button) {
    const url = `/api/resources/${encodeURIComponent(resource.name)}/${action}${resource.replica === null || resource.replica === undefined ? '' : `?replica=${resource.replica}`}`;
    button.disabled = true;
    button.classList.add('busy');
    try {
      await post(url);
      toast(`${capitalize(action)} ${resource.instance}: accepted`, 'ok');
      refresh.now();
    } catch (error) {
      toast(`${capitalize(action)} ${resource.instance} failed: ${error.message}`, 'error', 6000);
    } finally {
      button.disabled = false;
      button.classList.remove('busy');
    }
  }

  function createRow(resource) {
    const cells = {
      name: h('td', { class: 'name' }),
      type: h('td', { class: 'type' }),
      state: h('span', { class: 'state badge' }),
      health: h('span', { class: 'health badge' }),
      started: h('td', { class: 'started mono' }),
      restarts: h('td', { class: 'restarts num mono' }),
      exitCode: h('td', { class: 'exit-code num mono' }),
      pid: h('td', { class: 'pid num mono' }),
      endpoints: h('td', { class: 'endpoints' }),
      envToggle: h('button', { type: 'button', class: 'link-button env-toggle', 'aria-expanded': 'false' }),
    };
    const actions = h('td', { class: 'actions' }, ACTIONS.map(({ action, label, icon }) =>
      h('button', { type: 'button', class: `action ${action}`, dataset: { action }, title: `${label} ${resource.instance}`, 'aria-label': `${label} ${resource.instance}`, onclick: (e) => act(row.resource, action, e.currentTarget) },
        iconSvg(icon))));
    const row = h('tr', { dataset: { instance: resource.instance } },
      cells.name, cells.type, h('td', null, cells.state), h('td', null, cells.health), cells.started,
      cells.restarts, cells.exitCode, cells.pid, cells.endpoints, h('td', null, cells.envToggle), actions);
    const envCell = h('td', { colspan: COLUMNS });
    const envRow = h('tr', { class: 'env-row', hidden: true, dataset: { envFor: resource.instance } }, envCell);
    cells.envToggle.addEventListener('click', () => {
      if (expanded.has(row.resource.instance)) expanded.delete(row.resource.instance);
      else expanded.add(row.resource.instance);
      update(entry, row.resource);
    });
    const entry = { row, envRow, envCell, cells, lastEnv: '' };
    return entry;
  }

  function update(entry, r) {
    const { row, envRow, envCell, cells } = entry;
    row.resource = r;
    const nameKey = `${r.name}|${r.instance}`;
    if (cells.name.dataset.key !== nameKey) {
      cells.name.dataset.key = nameKey;
      // The instance names the resource and its replica (wsbackend-1), coloured like the resource everywhere.
      const chip = serviceChip(r.name, r.instance, 'chip strong');
      chip.title = r.replica === null || r.replica === undefined ? r.name : `${r.name}, replica ${r.replica}`;
      replace(cells.name, chip);
    }
    setText(cells.type, r.type);
    setText(cells.state, r.state);
    cells.state.dataset.state = r.state;
    setText(cells.health, r.health ?? '—');
    cells.health.dataset.health = r.health ?? 'none';
    setText(cells.started, r.startedAt ? formatTime(r.startedAt).slice(0, 8) : '—');
    cells.started.title = r.startedAt ? `${formatDateTime(r.startedAt)} (${formatAge(r.startedAt)})` : '';
    setText(cells.restarts, r.restartCount);
    toggleClass(cells.restarts, 'warn', r.restartCount > 0);
    setText(cells.exitCode, r.exitCode ?? '—');
    toggleClass(cells.exitCode, 'bad', r.exitCode !== null && r.exitCode !== undefined && r.exitCode !== 0);
    setText(cells.pid, r.processId ?? '—');

    const endpointKey = JSON.stringify(r.endpoints);
    if (cells.endpoints.dataset.key !== endpointKey) {
      cells.endpoints.dataset.key = endpointKey;
      replace(cells.endpoints, r.endpoints.length === 0 ? h('span', { class: 'muted' }, '—') : r.endpoints.map((e) => {
        const href = safeHref(e.url);
        return href
          ? h('a', { class: 'endpoint mono', href, target: '_blank', rel: 'noopener noreferrer', title: e.name }, e.url)
          : h('span', { class: 'endpoint mono', title: e.name }, e.url);
      }));
    }

    const env = Object.entries(r.environment || {});
    const open = expanded.has(r.instance);
    setText(cells.envToggle, `${open ? '▾' : '▸'} ${env.length} var${env.length === 1 ? '' : 's'}`);
    cells.envToggle.title = `${open ? 'Hide' : 'Show'} the environment of ${r.instance} (secrets masked)`;
    cells.envToggle.setAttribute('aria-expanded', String(open));
    envRow.hidden = !open;
    toggleClass(row, 'expanded', open);
    const envKey = JSON.stringify(env);
    if (open && entry.lastEnv !== envKey) {
      entry.lastEnv = envKey;
      replace(envCell, h('div', { class: 'env-panel' }, kvTable(env, 'kv env mono')));
    }
  }

  const refresh = refresher(async () => {
    const list = await getJson('/api/resources');
    const seen = new Set();
    let previous = null;
    for (const r of list) {
      seen.add(r.instance);
      let entry = rows.get(r.instance);
      if (!entry) {
        entry = createRow(r);
        rows.set(r.instance, entry);
      }
      update(entry, r);
      // Keep DOM order equal to the API's order, moving rows only when needed.
      const before = previous ? previous.envRow.nextSibling : tbody.firstChild;
      if (before !== entry.row) tbody.insertBefore(entry.row, before);
      if (entry.row.nextSibling !== entry.envRow) tbody.insertBefore(entry.envRow, entry.row.nextSibling);
      previous = entry;
    }
    for (const [instance, entry] of rows) {
      if (!seen.has(instance)) {
        entry.row.remove();
        entry.envRow.remove();
        rows.delete(instance);
      }
    }
    tbody.querySelector('tr.empty')?.remove();
    if (list.length === 0) tbody.append(emptyRow(COLUMNS, 'No resources.'));
    const running = list.filter((r) => r.state === 'Running').length;
    setText(summary, `${list.length} instance${list.length === 1 ? '' : 's'}, ${running} running`);
  }, 300);
  refresh.now();

  return {
    onChange(kinds) {
      if (kinds.includes('resources')) refresh();
    },
    unmount() {
      refresh.stop();
    },
  };
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function iconSvg(path) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  p.setAttribute('d', path);
  svg.append(p);
  return svg;
}
