import { append } from './dom.js';

const FETCH_TIMEOUT_MS = 5_000;

/**
 * Who is online in each followed channel. Join and leave frames are at most once, so the list is read from
 * GET /api/channels/{channel}/presence when subscribed (app.js decides how often); frames that arrive while it
 * loads are kept and applied on top of it, in order (a join or leave applied twice changes nothing).
 */
export class Presence {
  #channels = new Map();
  #selected = null;
  #self = null;

  /**
   * @param {{ list: HTMLElement, title: HTMLElement, channelItem: (channel: string) => HTMLElement | undefined,
   *           onError: (text: string) => void, headers: () => Record<string, string> }} view (headers: the reads' headers, with the connection token)
   */
  constructor(view) {
    this.view = view;
  }

  get selected() {
    return this.#selected;
  }

  /** Starts (or restarts) tracking a channel: reads its members and applies the frames that come meanwhile. */
  async load(channel) {
    const state = this.#state(channel);
    const generation = ++state.generation;
    state.loading = true;
    state.buffered = [];
    let members = null;
    try {
      const response = await fetch(`/api/channels/${encodeURIComponent(channel)}/presence`, {
        headers: this.view.headers(),
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = await response.json();
      members = Array.isArray(body?.members) ? body.members : [];
    } catch (error) {
      if (this.#isCurrent(channel, state, generation)) {
        this.view.onError(`Could not read who is online in ${channel} (${error?.message ?? error}).`);
      }
    }
    // A newer load started, or the channel was dropped: its answer is the one that counts.
    if (!this.#isCurrent(channel, state, generation)) return;

    if (members !== null) {
      state.members = new Map(members.map(member => [String(member?.client ?? ''), memberOf(member)]));
      state.members.delete('');
    }
    state.known = members !== null;
    state.loading = false;
    for (const frame of state.buffered) applyFrame(state, frame);
    state.buffered = [];
    this.#render(channel);
  }

  /** A join or leave frame. */
  apply(frame) {
    const channel = String(frame.channel);
    const state = this.#channels.get(channel);
    if (!state) return;
    if (state.loading) {
      state.buffered.push(frame);
      return;
    }
    applyFrame(state, frame);
    this.#render(channel);
  }

  forget(channel) {
    this.#channels.delete(channel);
    if (this.#selected === channel) this.select(null);
  }

  /** Lists the members of this channel in the presence card. */
  select(channel) {
    this.#selected = channel;
    this.#renderList();
  }

  /** This page's own client id (from the welcome frame), marked "you" in the list. */
  setSelf(client) {
    this.#self = client;
    this.#renderList();
  }

  #state(channel) {
    let state = this.#channels.get(channel);
    if (!state) {
      state = { members: new Map(), loading: false, buffered: [], generation: 0, known: false };
      this.#channels.set(channel, state);
    }
    return state;
  }

  #isCurrent(channel, state, generation) {
    return this.#channels.get(channel) === state && state.generation === generation;
  }

  #render(channel) {
    const state = this.#channels.get(channel);
    const online = this.view.channelItem(channel)?.querySelector('.online');
    if (online && state) {
      online.textContent = state.known ? String(state.members.size) : '?';
      online.dataset.known = String(state.known);
      online.title = state.known ? `${state.members.size} online` : 'who is online could not be read';
    }
    if (channel === this.#selected) this.#renderList();
  }

  #renderList() {
    const { list, title } = this.view;
    title.textContent = this.#selected ?? '';
    const state = this.#selected === null ? undefined : this.#channels.get(this.#selected);
    const members = [...(state?.members ?? new Map())]
      .sort(([clientA, a], [clientB, b]) => a.name.localeCompare(b.name) || clientA.localeCompare(clientB));
    list.replaceChildren();
    list.dataset.channel = this.#selected ?? '';
    for (const [client, member] of members) {
      const item = append(list, 'li');
      item.dataset.client = client;
      if (client === this.#self) item.classList.add('self');
      append(item, 'span', 'name', member.name);
      append(item, 'span', 'replica', member.replica);
    }
  }
}

function applyFrame(state, frame) {
  const client = String(frame.client ?? '');
  if (!client) return;
  if (frame.type === 'join') state.members.set(client, memberOf(frame));
  else if (frame.type === 'leave') state.members.delete(client);
}

function memberOf(source) {
  return { name: String(source?.name ?? ''), replica: String(source?.replica ?? '') };
}
