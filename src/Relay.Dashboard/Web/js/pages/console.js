// Console logs: a live tail of the engine's retained stdout/stderr lines, per instance or all.
import { h, getJson, query, formatTime, formatDateTime, stripAnsi, replace, setText, colorFor } from '../dom.js';
import { refresher } from '../live.js';

export const title = 'Console logs';

const FETCH_LIMIT = 2000;
const MAX_LINES = 5000;

export function mount(main, { search, setQuery }) {
  let instance = search.get('instance') || '';
  let lastKey = null;
  let count = 0;
  let follow = true;

  const select = h('select', { id: 'console-resource', 'aria-label': 'Resource' }, h('option', { value: '' }, 'All'));
  const download = h('a', { id: 'download', class: 'button', download: '' }, downloadIcon(), h('span', null, 'Download'));
  const status = h('span', { class: 'muted' });
  const jump = h('button', { type: 'button', class: 'jump', hidden: true }, '↓ Follow new lines');
  const output = h('div', { id: 'console', class: 'console mono', role: 'log', 'aria-live': 'off', tabindex: '0' });

  main.classList.add('fill');
  main.append(
    h('div', { class: 'toolbar' },
      h('h1', null, 'Console logs'),
      h('label', { class: 'field' }, h('span', null, 'Resource'), select),
      download,
      status),
    h('div', { class: 'console-wrap card' }, output, jump));

  function setDownload() {
    download.href = `/api/console/download${query({ instance })}`;
    download.title = instance ? `Download the retained lines of ${instance}` : 'Download the retained lines of every resource';
  }

  function atBottom() {
    return output.scrollHeight - output.scrollTop - output.clientHeight < 24;
  }

  output.addEventListener('scroll', () => {
    follow = atBottom();
    jump.hidden = follow;
  });
  jump.addEventListener('click', () => {
    follow = true;
    jump.hidden = true;
    output.scrollTop = output.scrollHeight;
  });

  const key = (l) => `${l.timestamp}|${l.instance}|${l.isError}|${l.text}`;

  function lineElement(l) {
    const text = stripAnsi(l.text);
    const instanceEl = h('span', { class: 'instance' }, l.instance);
    instanceEl.style.setProperty('--c', colorFor(l.instance.replace(/-\d+$/, '')));
    return h('div', { class: l.isError ? 'line error' : 'line', dataset: { instance: l.instance } },
      h('span', { class: 'ts', title: formatDateTime(l.timestamp) }, formatTime(l.timestamp)),
      instanceEl,
      h('span', { class: 'text' }, text));
  }

  async function loadInstances() {
    const resources = await getJson('/api/resources');
    const instances = [...new Set(resources.map((r) => r.instance))];
    const wanted = ['', ...instances];
    const have = [...select.options].map((o) => o.value);
    if (wanted.join('\n') !== have.join('\n')) {
      replace(select, h('option', { value: '' }, 'All'), instances.map((i) => h('option', { value: i }, i)));
      if (instance && !instances.includes(instance)) select.append(h('option', { value: instance }, instance));
    }
    select.value = instance;
  }

  const refresh = refresher(async () => {
    const lines = await getJson(`/api/console${query({ instance, limit: FETCH_LIMIT })}`);
    // Append only what is new since the last line shown; start over when it cannot be found.
    let start = 0;
    if (lastKey !== null) {
      let index = -1;
      for (let i = lines.length - 1; i >= 0; i--) {
        if (key(lines[i]) === lastKey) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        output.replaceChildren();
        count = 0;
      } else {
        start = index + 1;
      }
    }
    if (start < lines.length) {
      const fragment = document.createDocumentFragment();
      for (let i = start; i < lines.length; i++) fragment.append(lineElement(lines[i]));
      output.append(fragment);
      count += lines.length - start;
      while (count > MAX_LINES && output.firstChild) {
        output.firstChild.remove();
        count--;
      }
      lastKey = key(lines[lines.length - 1]);
    }
    if (lines.length === 0 && count === 0) {
      replace(output, h('div', { class: 'muted placeholder' }, instance ? `No console output from ${instance} yet.` : 'No console output yet.'));
      lastKey = null;
    } else {
      output.querySelector('.placeholder')?.remove();
    }
    setText(status, `${count} line${count === 1 ? '' : 's'}${instance ? ` from ${instance}` : ''}`);
    if (follow) output.scrollTop = output.scrollHeight;
  }, 250);

  select.addEventListener('change', () => {
    instance = select.value;
    setQuery({ instance });
    setDownload();
    lastKey = null;
    count = 0;
    follow = true;
    jump.hidden = true;
    output.replaceChildren();
    refresh.now();
  });

  setDownload();
  loadInstances().catch(() => {});
  refresh.now();

  return {
    onChange(kinds) {
      if (kinds.includes('console')) refresh();
      if (kinds.includes('resources')) loadInstances().catch(() => {});
    },
    unmount() {
      refresh.stop();
      main.classList.remove('fill');
    },
  };
}

function downloadIcon() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  p.setAttribute('d', 'M12 4v11m-5-5 5 5 5-5M5 20h14');
  svg.append(p);
  return svg;
}
