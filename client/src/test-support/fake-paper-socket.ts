// An in-memory stand-in for the socket as the paper link uses it: tests play the server, sending the private events
// and answering (or not answering) the requests.

import type { PaperAccount, PaperFill, PaperOrder } from '@tickline/shared';
import type { PaperEmitter, PaperSocket } from '../paper/paper-link.ts';

export interface SentPaperRequest {
  event: 'order:place' | 'order:cancel' | 'account:reset';
  request: unknown;
  /** Answers it as the server would. */
  answer(ack: unknown): void;
}

type Listener = (payload: never) => void;

export class FakePaperSocket implements PaperSocket {
  /** Every request sent, oldest first. */
  readonly sent: SentPaperRequest[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  timeout(ms: number): PaperEmitter {
    return {
      emitWithAck: (event: SentPaperRequest['event'], request: unknown) =>
        new Promise<unknown>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('operation has timed out')), ms);
          this.sent.push({
            event,
            request,
            answer: (ack) => {
              clearTimeout(timer);
              resolve(ack);
            },
          });
        }),
    } as PaperEmitter;
  }

  /** The newest request, which a test answers; throws when there is none. */
  last(): SentPaperRequest {
    const last = this.sent.at(-1);
    if (!last) throw new Error('no paper request was sent');
    return last;
  }

  sendAccount(account: PaperAccount): void {
    this.emit('account', account);
  }

  sendOrder(order: PaperOrder): void {
    this.emit('order', order);
  }

  sendFill(fill: PaperFill): void {
    this.emit('fill', fill);
  }

  drop(): void {
    this.emit('disconnect', 'transport close');
  }

  private emit(event: string, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload as never);
  }
}
