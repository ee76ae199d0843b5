/**
 * Fills a gap the WebSocket would not replay (a `subscribed … recovered:false` in the page's own epoch, past its
 * position: the replay was too large for the replica, not gone from the history) from the history API, while the
 * channel's live messages wait behind it, so they are shown after the gap in offset order.
 *
 * All or nothing, as a replay is: the gap is shown only when every page of it came with recovered:true and
 * without a hole; otherwise `lost` is called and the live messages follow it.
 */

// limit=1000 (the history's largest page) at most 20 times: a gap of up to 20 000 messages.
const PAGE_SIZE = 1000;
const MAX_PAGES = 20;
const PAGE_TIMEOUT_MS = 5_000;
// Live messages held per channel while its gap is read; past this the fill gives up (the live ones are shown).
const MAX_HELD = 1000;

export class GapFill {
  #fills = new Map();
  #show;
  #filled;
  #lost;
  #keep;
  #headers;

  /**
   * show(message) shows one message frame (from the history or live); filled(channel, count) follows a complete
   * fill; lost(channel, offset, epoch) tells the gap up to offset was not recovered. keep: how many of a gap's
   * last messages are worth showing (the page drops older ones anyway). headers() gives the reads' headers
   * (the connection token).
   */
  constructor({ show, filled, lost, keep, headers }) {
    this.#headers = headers;
    this.#show = show;
    this.#filled = filled;
    this.#lost = lost;
    this.#keep = keep;
  }

  filling(channel) {
    return this.#fills.has(channel);
  }

  /** Reads the messages after `from` ({ offset, epoch }) up to offset `upTo` of the same epoch. */
  start(channel, from, upTo) {
    this.fail(channel);
    const fill = { controller: new AbortController(), held: [], epoch: from.epoch, upTo };
    this.#fills.set(channel, fill);
    void this.#run(channel, fill, from.offset);
  }

  /** Holds a live message of a channel being filled; false (not held) for any other channel. */
  hold(frame) {
    const channel = String(frame.channel);
    const fill = this.#fills.get(channel);
    if (!fill) return false;
    if (fill.held.length >= MAX_HELD) {
      this.fail(channel);
      return false;
    }
    fill.held.push(frame);
    return true;
  }

  /** Gives up a channel's fill, if any: the gap is announced lost and the held messages are shown. */
  fail(channel) {
    const fill = this.#end(channel);
    if (!fill) return;
    this.#lost(channel, fill.upTo, fill.epoch);
    for (const frame of fill.held) this.#show(frame);
  }

  /**
   * Drops a channel's fill and what it held, saying nothing: the position stays before the gap, so the next
   * subscribe (the channel removed, or the connection gone) asks for the gap and the held messages again.
   */
  discard(channel) {
    this.#end(channel);
  }

  discardAll() {
    for (const channel of [...this.#fills.keys()]) this.#end(channel);
  }

  #end(channel) {
    const fill = this.#fills.get(channel);
    if (!fill) return null;
    this.#fills.delete(channel);
    fill.controller.abort();
    return fill;
  }

  async #run(channel, fill, after) {
    const got = await readGap(channel, after, fill.upTo, fill.epoch, this.#keep, this.#headers(), fill.controller.signal);
    // Given up or discarded while it read.
    if (this.#fills.get(channel) !== fill) return;
    if (got === null) {
      this.fail(channel);
      return;
    }
    this.#fills.delete(channel);
    for (const message of got.tail) this.#show(message);
    this.#filled(channel, got.count, got.tail.length);
    for (const frame of fill.held) this.#show(frame);
  }
}

/**
 * The messages after offset `after` up to `upTo` of `epoch`, page by page: { count, tail } with the last `keep` of
 * them, oldest first; null when any page fails, is not recovered, or leaves a hole.
 */
async function readGap(channel, after, upTo, epoch, keep, headers, signal) {
  const tail = [];
  let next = after + 1;
  for (let page = 0; page < MAX_PAGES && next <= upTo; page++) {
    const body = await readPage(channel, next - 1, epoch, headers, signal);
    const messages = Array.isArray(body?.messages) ? body.messages : null;
    if (body?.recovered !== true || body.epoch !== epoch || messages === null || messages.length === 0) return null;
    for (const message of messages) {
      if (next > upTo) break;
      if (message?.offset !== next || message.epoch !== epoch || String(message.channel) !== channel) return null;
      tail.push(message);
      next++;
    }
    if (tail.length > keep) tail.splice(0, tail.length - keep);
  }
  return next > upTo ? { count: upTo - after, tail } : null;
}

async function readPage(channel, since, epoch, headers, signal) {
  const query = new URLSearchParams({ since: String(since), epoch, limit: String(PAGE_SIZE) });
  try {
    const response = await fetch(`/api/channels/${encodeURIComponent(channel)}/messages?${query}`, {
      headers,
      signal: AbortSignal.any([signal, AbortSignal.timeout(PAGE_TIMEOUT_MS)]),
    });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}
