// An in-memory stand-in for the Socket.IO client socket: tests play the server by calling its driver methods.

import type { MarketUpdate, SubscribeAck, SubscribeRequest } from '@tickline/shared';
import type { MarketSocketPort } from '../market/connection.ts';

export interface SentSubscribe {
  symbols: string[];
  ack: (response: SubscribeAck) => void;
}

interface Listeners {
  connect: (() => void)[];
  disconnect: ((reason: string) => void)[];
  connect_error: ((error: Error) => void)[];
  'market:update': ((update: MarketUpdate) => void)[];
}

export class FakeSocket implements MarketSocketPort {
  connected = false;
  active = true;
  /** Every subscribe the client sent, oldest first; answer one with its `ack`. */
  readonly subscribes: SentSubscribe[] = [];
  private readonly listeners: Listeners = { connect: [], disconnect: [], connect_error: [], 'market:update': [] };

  on(event: 'connect', listener: () => void): this;
  on(event: 'disconnect', listener: (reason: string) => void): this;
  on(event: 'connect_error', listener: (error: Error) => void): this;
  on(event: 'market:update', listener: (update: MarketUpdate) => void): this;
  on(event: keyof Listeners, listener: (arg: never) => void): this {
    (this.listeners[event] as ((arg: never) => void)[]).push(listener);
    return this;
  }

  emit(event: 'subscribe', request: SubscribeRequest, ack: (response: SubscribeAck) => void): this {
    if (event === 'subscribe') this.subscribes.push({ symbols: request.symbols, ack });
    return this;
  }

  disconnect(): this {
    const wasConnected = this.connected;
    this.connected = false;
    this.active = false;
    if (wasConnected) for (const l of this.listeners.disconnect) l('io client disconnect');
    return this;
  }

  // --- the server's side ---

  acceptConnection(): void {
    this.connected = true;
    this.active = true;
    for (const l of this.listeners.connect) l();
  }

  /** The transport dropped; a real socket would now try to reconnect. */
  dropConnection(): void {
    this.connected = false;
    for (const l of this.listeners.disconnect) l('transport close');
  }

  refuseConnection(giveUp = false): void {
    if (giveUp) this.active = false;
    for (const l of this.listeners.connect_error) l(new Error('refused'));
  }

  send(update: MarketUpdate): void {
    for (const l of this.listeners['market:update']) l(update);
  }

  /** The newest subscribe request, which a test answers; throws when there is none. */
  lastSubscribe(): SentSubscribe {
    const last = this.subscribes.at(-1);
    if (!last) throw new Error('no subscribe was sent');
    return last;
  }
}
