// Who follows which symbol. The flush groups its updates per follower so each connection gets one message per
// flush, whatever number of symbols it follows: per-message costs (a frame, a write, a parse in the client) are
// paid once per client per flush instead of once per symbol.

export class SubscriberRegistry<S> {
  private readonly bySymbol = new Map<string, Set<S>>();
  private readonly bySubscriber = new Map<S, Set<string>>();

  add(subscriber: S, symbols: Iterable<string>): void {
    let mine = this.bySubscriber.get(subscriber);
    if (!mine) this.bySubscriber.set(subscriber, (mine = new Set()));
    for (const symbol of symbols) {
      mine.add(symbol);
      let followers = this.bySymbol.get(symbol);
      if (!followers) this.bySymbol.set(symbol, (followers = new Set()));
      followers.add(subscriber);
    }
  }

  remove(subscriber: S, symbols: Iterable<string>): void {
    const mine = this.bySubscriber.get(subscriber);
    if (!mine) return;
    for (const symbol of symbols) {
      mine.delete(symbol);
      const followers = this.bySymbol.get(symbol);
      followers?.delete(subscriber);
      if (followers?.size === 0) this.bySymbol.delete(symbol);
    }
    if (mine.size === 0) this.bySubscriber.delete(subscriber);
  }

  removeAll(subscriber: S): void {
    const mine = this.bySubscriber.get(subscriber);
    if (mine) this.remove(subscriber, [...mine]);
  }

  count(symbol: string): number {
    return this.bySymbol.get(symbol)?.size ?? 0;
  }

  /** How many symbols `subscriber` follows. */
  countOf(subscriber: S): number {
    return this.bySubscriber.get(subscriber)?.size ?? 0;
  }

  follows(subscriber: S, symbol: string): boolean {
    return this.bySubscriber.get(subscriber)?.has(symbol) ?? false;
  }

  symbolsOf(subscriber: S): string[] {
    return [...(this.bySubscriber.get(subscriber) ?? [])];
  }

  /**
   * Each subscriber with the items of the symbols it follows, in the order given; subscribers following none of
   * them are left out. The work is one step per (item, follower) pair: the fan-out itself, nothing more.
   */
  group<T>(items: readonly (readonly [symbol: string, item: T])[]): Map<S, T[]> {
    const out = new Map<S, T[]>();
    for (const [symbol, item] of items) {
      const followers = this.bySymbol.get(symbol);
      if (!followers) continue;
      for (const subscriber of followers) {
        const list = out.get(subscriber);
        if (list) list.push(item);
        else out.set(subscriber, [item]);
      }
    }
    return out;
  }
}
