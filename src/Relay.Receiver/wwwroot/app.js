import { append, prependBounded } from './dom.js';
import { GapFill } from './gapfill.js';
import { renderMessage } from './messages.js';
import { Positions } from './positions.js';
import { Presence } from './presence.js';
import { ConnectionToken } from './token.js';

// Everything that comes from the server or the user is set with textContent, never parsed as HTML.
const CHANNEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const DEFAULT_CHANNEL = 'general';
const MAX_CHANNELS = 128;
const MAX_NAME_LENGTH = 64;
const MAX_MESSAGES = 500;
const MAX_ERRORS = 5;
const MAX_NOTICES = 20;
const NAME_KEY = 'relay.receiver.name';
const BACKOFF_START_MS = 250;
const BACKOFF_CAP_MS = 10_000;
// How long a connection must have lasted after its welcome frame for its close to start the backoff over.
const STABLE_AFTER_MS = 10_000;
// A later `subscribed` on a connection (a loss announced after Redis lost data) rereads who is online after
// 5–15 s: past one presence heartbeat (members lost with the data are written again by then), and spread so the
// pages of a channel don't all ask the Api at once.
const PRESENCE_REREAD_MIN_MS = 5_000;
const PRESENCE_REREAD_SPREAD_MS = 10_000;
const SLOW_CONSUMER = 4008;
const FETCH_TIMEOUT_MS = 3_000;
// Closes that mean the server refused something: worth telling the user before reconnecting.
const REFUSALS = {
  1003: 'unsupported data', 1008: 'policy violation', 1009: 'message too big',
  4001: 'token expired', 4003: 'forbidden', 4008: 'slow consumer', 4029: 'too many frames',
};

const stateEl = document.getElementById('state');
const replicaEl = document.getElementById('replica');
const countEl = document.getElementById('count');
const channelsEl = document.getElementById('channels');
const channelInput = document.getElementById('channel-input');
const nameInput = document.getElementById('name');
const errorsEl = document.getElementById('errors');
const noticesEl = document.getElementById('notices');
const messagesEl = document.getElementById('messages');
const privateChannelEl = document.getElementById('private-channel');

const channels = [];
const positions = new Positions();
const token = new ConnectionToken();
const presence = new Presence({
  headers: () => token.headers(),
  list: document.getElementById('presence'),
  title: document.getElementById('presence-channel'),
  channelItem,
  onError: showError,
});
const gapFill = new GapFill({
  show: showMessage,
  filled: (channel, count, shown) => {
    received += count - shown;
    countEl.textContent = String(received);
    notice(channel, 'recovered', `Recovered ${count} message${count === 1 ? '' : 's'} on ${channel} from the history`);
  },
  lost: (channel, offset, epoch) => {
    positions.subscribed(channel, offset, epoch, false);
    noticeLost(channel);
  },
  keep: MAX_MESSAGES,
  headers: () => token.headers(),
});
let socket = null;
let reconnectTimer = 0;
let refreshTimer = 0;
let connectGeneration = 0;
let firstAttempt = true;
let attempt = 0;
// When the current socket's welcome frame came (performance.now()), 0 before it.
let welcomedAt = 0;
// The channels whose presence this connection has read, and the rereads waiting for their time.
const presenceRead = new Set();
const presenceRereads = new Map();
let received = 0;
let name = localStorage.getItem(NAME_KEY) ?? '';
if (nameProblem(name)) name = '';

nameInput.value = name;
for (const channel of initialChannels()) addChannel(channel);
if (channels.length === 0) addChannel(DEFAULT_CHANNEL);
document.getElementById('subscribe-form').addEventListener('submit', event => {
  event.preventDefault();
  if (addChannel(channelInput.value.trim())) channelInput.value = '';
});
document.getElementById('name-form').addEventListener('submit', event => {
  event.preventDefault();
  applyName();
});
void connect();

function initialChannels() {
  const param = new URLSearchParams(location.search).get('channels');
  const names = (param ?? '').split(',').map(channel => channel.trim()).filter(Boolean);
  return names.length > 0 ? names : [DEFAULT_CHANNEL];
}

// ---- connection -------------------------------------------------------------------------

async function connect() {
  const generation = ++connectGeneration;
  setState(firstAttempt ? 'connecting' : 'reconnecting');
  firstAttempt = false;
  // A fresh token for every connection: the last one may have expired while the page was away.
  try {
    const granted = await token.fetch(name);
    const own = granted.channels.find(channel => channel.startsWith('private:'));
    privateChannelEl.textContent = own ? `Your private channel: ${own} (only you can follow it)` : '';
  } catch (error) {
    if (generation !== connectGeneration) return;
    showError(`Could not get a connection token: ${error.message}`);
    scheduleReconnect();
    return;
  }
  await resolveEmptyPositions();
  // Superseded while it waited (the name changed): the newer call connects.
  if (generation !== connectGeneration) return;

  let ws;
  try {
    ws = new WebSocket(socketUrl(), token.protocols());
  } catch (error) {
    showError(`Could not open the WebSocket: ${error.message}`);
    scheduleReconnect();
    return;
  }
  socket = ws;
  welcomedAt = 0;
  forgetPresenceReads();
  ws.onopen = () => {
    if (socket !== ws) return;
    setState('connected');
  };
  ws.onmessage = event => {
    if (socket === ws) handleFrame(event.data);
  };
  ws.onclose = event => {
    if (socket !== ws) return;
    socket = null;
    clearTimeout(refreshTimer);
    markDisconnected();
    // Only a connection that lasted starts the backoff over: one accepted and then closed at once (a replica
    // stopping, 1012) would otherwise be retried within 250 ms forever. Never after a slow-consumer close: a
    // quick reconnect asks for the same replay that was too much.
    const lasted = welcomedAt > 0 && performance.now() - welcomedAt >= STABLE_AFTER_MS;
    if (lasted && event.code !== SLOW_CONSUMER) attempt = 0;
    if (event.code in REFUSALS) {
      showError(`Connection closed ${event.code} (${event.reason || REFUSALS[event.code]}); reconnecting.`);
    }
    scheduleReconnect();
  };
}

// `since` and `epoch` go in the URL only with exactly one channel: when there is a position to resume, the
// first channel rides in the URL (with its position, if it has one) and the others follow as subscribe frames.
function socketUrl() {
  const params = new URLSearchParams();
  if (channels.some(channel => positions.resumeFrom(channel))) {
    params.append('channel', channels[0]);
    const since = positions.resumeFrom(channels[0]);
    if (since) {
      params.append('since', String(since.offset));
      params.append('epoch', since.epoch);
    }
  } else {
    for (const channel of channels) params.append('channel', channel);
  }
  if (name) params.append('name', name);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = params.toString();
  return `${scheme}://${location.host}/ws${query ? `?${query}` : ''}`;
}

// A channel that was empty when subscribed has no epoch to resume from; if it got messages since, the history
// names their epoch, and offset 0 of that epoch recovers all of them. Unread (the Api unreachable), the
// subscribe goes without a position and the `subscribed` frame tells whether anything was missed.
async function resolveEmptyPositions() {
  await Promise.all(positions.empty(channels).map(async channel => {
    try {
      const response = await fetch(`/api/channels/${encodeURIComponent(channel)}/messages?limit=1`, {
        headers: token.headers(),
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      const body = response.ok ? await response.json() : null;
      if (typeof body?.epoch === 'string') positions.resolveEmpty(channel, body.epoch);
    } catch {
      // Left without a position; see above.
    }
  }));
}

// Exponential backoff with full jitter, so reconnecting pages don't arrive all at once.
function scheduleReconnect() {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_START_MS * 2 ** Math.min(attempt, 16));
  attempt++;
  setState('reconnecting');
  clearTimeout(reconnectTimer);
  reconnectTimer = setTimeout(connect, Math.random() * ceiling);
}

// The name is part of the URL: a new name is a new connection (the old one leaves, the new one joins).
function reconnectNow() {
  clearTimeout(reconnectTimer);
  const previous = socket;
  socket = null;
  if (previous) {
    markDisconnected();
    previous.close(1000, 'name changed');
  }
  attempt = 0;
  firstAttempt = true;
  void connect();
}

function markDisconnected() {
  // A gap being read belongs to this connection: the next one asks for it again from the same position.
  gapFill.discardAll();
  replicaEl.textContent = '';
  for (const item of channelsEl.children) item.classList.add('pending');
}

// How many connections were welcomed and tokens refreshed on them, as attributes of the state (the tests read them).
function countOn(element, name) {
  element.dataset[name] = String(Number(element.dataset[name] ?? 0) + 1);
}

// The text stays one of connecting / connected / reconnecting; the attempt number is an attribute (shown by CSS).
function setState(state) {
  stateEl.textContent = state;
  stateEl.dataset.state = state;
  stateEl.dataset.attempt = String(state === 'reconnecting' ? Math.max(attempt, 1) : 0);
}

// Before the token ends, a new one goes over the same socket: the connection keeps its channels and positions.
function scheduleRefresh(expiresAt) {
  clearTimeout(refreshTimer);
  const end = Date.parse(expiresAt);
  if (Number.isNaN(end)) return;
  const ws = socket;
  refreshTimer = setTimeout(async () => {
    try {
      await token.fetch(name);
      if (socket === ws) sendFrame({ type: 'refresh', token: token.token });
    } catch (error) {
      // The server closes the connection with 4001 when the token ends; the reconnect asks again.
      showError(`Could not refresh the connection token: ${error.message}`);
    }
  }, token.refreshDelay(end));
}

function sendFrame(frame) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}

function subscribeFrame(channel) {
  const since = positions.resumeFrom(channel);
  return since
    ? { type: 'subscribe', channel, since: { offset: since.offset, epoch: since.epoch } }
    : { type: 'subscribe', channel };
}

// ---- frames -----------------------------------------------------------------------------

function handleFrame(data) {
  let frame;
  try {
    frame = JSON.parse(data);
  } catch {
    showError('Received a frame that is not JSON.');
    return;
  }
  switch (frame?.type) {
    case 'welcome':
      welcomedAt = performance.now();
      countOn(stateEl, 'welcomes');
      replicaEl.textContent = String(frame.replica ?? '');
      presence.setSelf(typeof frame.client === 'string' ? frame.client : null);
      reconcile(Array.isArray(frame.channels) ? frame.channels.map(String) : []);
      scheduleRefresh(frame.expiresAt);
      break;
    case 'refreshed':
      countOn(stateEl, 'refreshes');
      scheduleRefresh(frame.expiresAt);
      break;
    case 'subscribed':
      onSubscribed(frame);
      break;
    case 'message':
      onMessage(frame);
      break;
    case 'join':
    case 'leave':
      presence.apply(frame);
      break;
    case 'error':
      showError(String(frame.reason ?? 'The server refused a frame.'));
      break;
  }
}

// The list may have changed while disconnected, and a URL without channels follows the default: bring the
// server's set in line with the list. Channels stay pending until their `subscribed` frame.
function reconcile(serverChannels) {
  for (const channel of serverChannels) {
    if (!channels.includes(channel)) sendFrame({ type: 'unsubscribe', channel });
  }
  for (const channel of channels) {
    if (!serverChannels.includes(channel)) sendFrame(subscribeFrame(channel));
  }
}

function onSubscribed(frame) {
  const channel = String(frame.channel);
  if (!channels.includes(channel)) return;
  channelItem(channel)?.classList.remove('pending');

  const offset = Number.isSafeInteger(frame.offset) && frame.offset >= 0 ? frame.offset : 0;
  const epoch = typeof frame.epoch === 'string' ? frame.epoch : null;
  // Another `subscribed` (an epoch change) ends a fill still reading: what it had not shown is lost.
  gapFill.fail(channel);
  const from = positions.gap(channel, offset, epoch, frame.recovered);
  if (from) {
    gapFill.start(channel, from, offset);
    loadPresence(channel);
    return;
  }
  const { lost, replayed } = positions.subscribed(channel, offset, epoch, frame.recovered);
  if (lost) {
    noticeLost(channel);
  } else if (replayed > 0) {
    notice(channel, 'recovered', `Recovered ${replayed} message${replayed === 1 ? '' : 's'} on ${channel}`);
  }
  loadPresence(channel);
}

// The list is read once per connection and channel (join and leave frames keep it up to date); another
// `subscribed` on the same connection rereads it later, at a random moment (see PRESENCE_REREAD_MIN_MS).
function loadPresence(channel) {
  if (!presenceRead.has(channel)) {
    presenceRead.add(channel);
    clearTimeout(presenceRereads.get(channel));
    presenceRereads.delete(channel);
    void presence.load(channel);
    return;
  }
  if (presenceRereads.has(channel)) return;
  const delay = PRESENCE_REREAD_MIN_MS + Math.random() * PRESENCE_REREAD_SPREAD_MS;
  presenceRereads.set(channel, setTimeout(() => {
    presenceRereads.delete(channel);
    if (channels.includes(channel)) void presence.load(channel);
  }, delay));
}

function forgetPresenceReads() {
  for (const timer of presenceRereads.values()) clearTimeout(timer);
  presenceRereads.clear();
  presenceRead.clear();
}

function onMessage(frame) {
  const channel = String(frame.channel);
  // A message already on its way when its channel was removed.
  if (!channels.includes(channel) || gapFill.hold(frame)) return;
  showMessage(frame);
}

/** A message frame, live or from the history, unless its channel and epoch already showed its offset. */
function showMessage(frame) {
  const channel = String(frame.channel);
  const offset = Number.isSafeInteger(frame.offset) ? frame.offset : null;
  const epoch = typeof frame.epoch === 'string' ? frame.epoch : null;
  if (!positions.accept(channel, offset, epoch)) return;

  prependBounded(messagesEl, renderMessage(frame, offset, epoch), MAX_MESSAGES);
  countEl.textContent = String(++received);
}

function showError(text) {
  const item = document.createElement('li');
  append(item, 'span', 'when', new Date().toLocaleTimeString());
  append(item, 'span', 'reason', text);
  prependBounded(errorsEl, item, MAX_ERRORS);
}

function noticeLost(channel) {
  notice(channel, 'not-recovered', `Some messages on ${channel} could not be recovered (history no longer holds them)`);
}

// kind: "not-recovered" (messages were lost to this page) or "recovered" (a quiet note after a replay).
function notice(channel, kind, text) {
  const item = document.createElement('li');
  item.className = kind === 'recovered' ? 'notice quiet' : 'notice';
  item.dataset.channel = channel;
  item.dataset.kind = kind;
  append(item, 'span', 'when', new Date().toLocaleTimeString());
  append(item, 'span', 'reason', text);
  prependBounded(noticesEl, item, MAX_NOTICES);
}

// ---- channels and name --------------------------------------------------------------------

function addChannel(channel) {
  if (!channel) return false;
  if (!CHANNEL_PATTERN.test(channel)) {
    showError(`Invalid channel "${channel}": a letter or digit, then up to 63 letters, digits or _ . : -`);
    return false;
  }
  if (channels.includes(channel)) return true;
  if (channels.length >= MAX_CHANNELS) {
    showError(`A connection follows at most ${MAX_CHANNELS} channels.`);
    return false;
  }

  channels.push(channel);
  const item = document.createElement('li');
  item.dataset.channel = channel;
  item.className = 'pending';
  const select = append(item, 'button', 'name', channel);
  select.type = 'button';
  select.title = `Show who is online in ${channel}`;
  select.addEventListener('click', () => selectChannel(channel));
  append(item, 'span', 'online');
  const remove = append(item, 'button', 'remove', '×');
  remove.type = 'button';
  remove.title = `Stop following ${channel}`;
  remove.setAttribute('aria-label', remove.title);
  remove.addEventListener('click', () => removeChannel(channel));
  channelsEl.append(item);

  if (presence.selected === null) selectChannel(channel);
  sendFrame(subscribeFrame(channel));
  return true;
}

function removeChannel(channel) {
  const index = channels.indexOf(channel);
  if (index < 0) return;
  channels.splice(index, 1);
  channelItem(channel)?.remove();
  gapFill.discard(channel);
  positions.forget(channel);
  presence.forget(channel);
  presenceRead.delete(channel);
  clearTimeout(presenceRereads.get(channel));
  presenceRereads.delete(channel);
  if (presence.selected === null && channels.length > 0) selectChannel(channels[0]);
  sendFrame({ type: 'unsubscribe', channel });
}

function selectChannel(channel) {
  for (const item of channelsEl.children) {
    const selected = item.dataset.channel === channel;
    item.classList.toggle('selected', selected);
    item.querySelector('.name')?.setAttribute('aria-pressed', String(selected));
  }
  presence.select(channel);
}

function channelItem(channel) {
  return [...channelsEl.children].find(item => item.dataset.channel === channel);
}

function applyName() {
  const value = nameInput.value.trim();
  const problem = nameProblem(value);
  if (problem) {
    showError(problem);
    return;
  }
  nameInput.value = value;
  if (value === name) return;
  name = value;
  if (value) localStorage.setItem(NAME_KEY, value);
  else localStorage.removeItem(NAME_KEY);
  reconnectNow();
}

// The server's rule (it answers 400 otherwise, and the page would retry forever): empty for no name, else
// at most 64 characters without control characters.
function nameProblem(value) {
  if (value.length > MAX_NAME_LENGTH) return `A name is at most ${MAX_NAME_LENGTH} characters.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return 'A name cannot contain control characters.';
  return null;
}
