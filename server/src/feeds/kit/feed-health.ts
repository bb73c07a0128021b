// The mutable counters behind FeedAdapter.health(), shared by every adapter.

import type { FeedHealth, FeedStatus } from '../feed.ts';

export class HealthTracker {
  private readonly value: FeedHealth = {
    status: 'reconnecting',
    messages: 0,
    malformed: 0,
    reconnects: 0,
    resyncs: 0,
    lastMessageAt: null,
    lastError: null,
  };

  constructor(private readonly clock: () => number = Date.now) {}

  message(): void {
    this.value.messages++;
    this.value.lastMessageAt = this.clock();
  }

  malformed(error: string): void {
    this.value.malformed++;
    this.value.lastError = error;
  }

  reconnected(): void {
    this.value.reconnects++;
  }

  resynced(): void {
    this.value.resyncs++;
  }

  error(error: string): void {
    this.value.lastError = error;
  }

  status(status: FeedStatus): void {
    this.value.status = status;
  }

  snapshot(): FeedHealth {
    return { ...this.value };
  }
}
