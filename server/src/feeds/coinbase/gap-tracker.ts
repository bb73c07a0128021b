// Missed-message detection for one Coinbase product. level2_batch carries no sequence, so the book's continuity is
// judged by what does: trade ids rise by exactly one per match, and each heartbeat names the last trade id. A trade
// id we skipped means the stream lost messages, and with them, probably, book updates: the book must be rebuilt.
//
// Sequence numbers are per product but shared by channels we only partly receive, so they cannot show a gap; a
// sequence that goes backwards within one channel is a replay, and is ignored. Every match and ticker has its own
// sequence, so a repeated one is a duplicate; a heartbeat repeats the sequence while the product is quiet.

export type SequencedChannel = 'match' | 'ticker' | 'heartbeat';

/** What to do with a message: pass it on, drop it as already seen, or pass it on and resync the book. */
export type Verdict = 'new' | 'duplicate' | 'gap';

export class GapTracker {
  /** Highest trade id passed on as a trade. */
  private emitted: number | undefined;
  /** Highest trade id known to exist, from matches and heartbeats. */
  private known: number | undefined;
  /** After a (re)subscribe the first trade id seen is a new baseline, not a continuation. */
  private rebasing = true;
  private readonly sequences = new Map<SequencedChannel, number>();

  /** A fresh subscription is starting: whatever happened meanwhile is not a gap, but old trades stay duplicates. */
  rebase(): void {
    this.rebasing = true;
  }

  /** False when `sequence` was already passed on `channel` (a replay or duplicate); records it otherwise. */
  inOrder(channel: SequencedChannel, sequence: number): boolean {
    const last = this.sequences.get(channel);
    if (last !== undefined && (sequence < last || (sequence === last && channel !== 'heartbeat'))) return false;
    this.sequences.set(channel, sequence);
    return true;
  }

  /**
   * A match. `last` marks `last_match`, the venue's reminder of its latest trade on subscribe: it is new only if
   * we never passed it on, and it is a baseline, never evidence of a gap.
   */
  match(tradeId: number, last = false): Verdict {
    if (this.emitted !== undefined && tradeId <= this.emitted) return 'duplicate';
    const gap = !last && !this.rebasing && this.known !== undefined && tradeId > this.known + 1;
    this.emitted = tradeId;
    this.known = Math.max(this.known ?? tradeId, tradeId);
    this.rebasing = false;
    return gap ? 'gap' : 'new';
  }

  /** A heartbeat: naming a trade id beyond every match we saw means matches went missing. */
  heartbeat(lastTradeId: number): 'new' | 'gap' {
    const gap = !this.rebasing && this.known !== undefined && lastTradeId > this.known;
    this.known = Math.max(this.known ?? lastTradeId, lastTradeId);
    this.rebasing = false;
    return gap ? 'gap' : 'new';
  }
}
