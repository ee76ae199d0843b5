/**
 * Per channel, { offset, epoch } of the last message shown, or of the `subscribed` frame before any: where to
 * resume after a reconnect, and what counts as a duplicate. epoch is null for a channel that had no message
 * when it was subscribed.
 */
export class Positions {
  #positions = new Map();

  /** The position to subscribe with, or null (none yet, or a channel that was empty: no epoch to name). */
  resumeFrom(channel) {
    const position = this.#positions.get(channel);
    return position?.epoch ? position : null;
  }

  /** The channels that were empty when subscribed and have shown nothing since. */
  empty(channels) {
    return channels.filter(channel => this.#positions.get(channel)?.epoch === null);
  }

  /** An empty channel's epoch, read from the history: every message of it came after the subscribe, so from 0. */
  resolveEmpty(channel, epoch) {
    if (this.#positions.get(channel)?.epoch === null) this.#positions.set(channel, { offset: 0, epoch });
  }

  forget(channel) {
    this.#positions.delete(channel);
  }

  /** Whether a message is new; if so it becomes the position. One offset is shown once per channel and epoch. */
  accept(channel, offset, epoch) {
    if (offset === null || epoch === null) return true;
    const known = this.#positions.get(channel);
    if (known?.epoch === epoch && offset <= known.offset) return false;
    this.#positions.set(channel, { offset, epoch });
    return true;
  }

  /**
   * The known position when a `subscribed` frame names a gap the history may still hold: not recovered, yet in the
   * page's own epoch and past its position (the server refused a replay that large). Else null.
   */
  gap(channel, offset, epoch, recovered) {
    const known = this.resumeFrom(channel);
    return recovered === false && epoch !== null && known?.epoch === epoch && offset > known.offset ? known : null;
  }

  /**
   * A `subscribed` frame. Returns what the page should say: { lost: true } when messages could not be recovered,
   * { replayed: n } when n messages are about to be replayed, else {}.
   */
  subscribed(channel, offset, epoch, recovered) {
    const known = this.#positions.get(channel);
    if (recovered === false) {
      // Without an epoch the server could not read the channel (Redis unreachable): it names no position to
      // move to, so the known one stays and the next reconnect asks for it again. With one, live delivery goes
      // on from its offset: in a new epoch from 0 (its messages 1.. follow), in the same epoch past what
      // could not be recovered, or below the known offset after Redis rolled back (those offsets come again).
      if (epoch !== null || !known) this.#positions.set(channel, { offset, epoch });
      return { lost: true };
    }
    if (recovered === true) {
      // The replay of (known, offset] follows this frame and moves the position on.
      return { replayed: known ? Math.max(0, offset - known.offset) : 0 };
    }
    if (known?.epoch) return {};
    // Subscribed without a position. Known but without an epoch: the channel was empty when last subscribed and
    // its epoch could not be read before this reconnect, so any message it has now was missed.
    this.#positions.set(channel, { offset, epoch });
    return { lost: known !== undefined && offset > 0 };
  }
}
