// The live-update feed: one EventSource on /api/stream for the whole app. Each "change" event names
// what changed (traces, logs, metrics, resources, console); the current page refetches what it shows.

const listeners = new Set();
let source = null;
let retryTimer = 0;

export const ALL_KINDS = ['traces', 'logs', 'metrics', 'resources', 'console'];

export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function dispatch(kinds) {
  for (const listener of [...listeners]) {
    try {
      listener(kinds);
    } catch (error) {
      console.error(error);
    }
  }
}

function setLive(connected) {
  const el = document.getElementById('live');
  if (!el) return;
  el.dataset.state = connected ? 'live' : 'offline';
  el.classList.toggle('is-live', connected);
  el.querySelector('.label').textContent = connected ? 'Live' : 'Offline';
  el.title = connected ? 'Live: pages update as telemetry arrives' : 'Offline: reconnecting to the dashboard…';
}

export function connect() {
  clearTimeout(retryTimer);
  source?.close();
  source = new EventSource('/api/stream');
  let wasOffline = true;
  source.onopen = () => {
    setLive(true);
    // Whatever happened while offline was missed: refetch everything once.
    if (wasOffline) dispatch(ALL_KINDS);
    wasOffline = false;
  };
  source.addEventListener('ready', () => setLive(true));
  source.addEventListener('change', (event) => {
    try {
      dispatch(JSON.parse(event.data).kinds || []);
    } catch {
      dispatch(ALL_KINDS);
    }
  });
  source.onerror = () => {
    setLive(false);
    wasOffline = true;
    // EventSource retries by itself unless the server refused it (e.g. 401 after a restart).
    if (source.readyState === EventSource.CLOSED) retryTimer = setTimeout(connect, 3000);
  };
}

/**
 * Runs `task` when asked, at most once per `interval` ms and never twice at once: a burst of change
 * events becomes one refetch, and a refetch asked for while one runs happens right after it.
 */
export function refresher(task, interval = 500) {
  let running = false;
  let pending = false;
  let last = 0;
  let timer = 0;
  let stopped = false;

  async function run() {
    timer = 0;
    if (stopped) return;
    running = true;
    pending = false;
    last = performance.now();
    try {
      await task();
    } catch (error) {
      if (error.name !== 'AbortError') console.error(error);
    } finally {
      running = false;
      if (pending) request();
    }
  }

  function request() {
    if (stopped) return;
    if (running) {
      pending = true;
      return;
    }
    if (timer) return;
    const wait = Math.max(0, interval - (performance.now() - last));
    timer = setTimeout(run, wait);
  }

  request.now = () => {
    clearTimeout(timer);
    timer = 0;
    if (running) pending = true;
    else run();
  };
  request.stop = () => {
    stopped = true;
    clearTimeout(timer);
  };
  return request;
}
