// The subscriber registry lives in one process's memory; a socket's `data` is what `io.fetchSockets()` brings back
// from every node of a cluster. This registry mirrors each socket's symbols into its data for the admin listing.

import { SubscriberRegistry } from '../hub/subscriber-registry.ts';
import type { TicklineSocket } from '../hub/socket-types.ts';

export class SocketDataRegistry extends SubscriberRegistry<TicklineSocket> {
  override add(subscriber: TicklineSocket, symbols: Iterable<string>): void {
    super.add(subscriber, symbols);
    subscriber.data.symbols = this.symbolsOf(subscriber);
  }

  override remove(subscriber: TicklineSocket, symbols: Iterable<string>): void {
    super.remove(subscriber, symbols);
    subscriber.data.symbols = this.symbolsOf(subscriber);
  }
}
