// Round-trip time and server clock offset from ping samples. The offset comes from the sample with the lowest
// round trip among the recent ones: the less time a ping spent in flight, the less its midpoint can be wrong.

import { RingBuffer } from '@tickline/shared';

export interface PingSample {
  /** Receive minus send, on the client's clock (ms). */
  readonly rtt: number;
  /** Server clock minus client clock (ms), assuming the server answered halfway through the round trip. */
  readonly offset: number;
}

/** One ping's sample: sent and received on the client's clock, answered at `serverTime` on the server's. */
export function pingSample(sentAt: number, receivedAt: number, serverTime: number): PingSample {
  return { rtt: receivedAt - sentAt, offset: serverTime - (sentAt + receivedAt) / 2 };
}

export class ClockSync {
  private readonly samples: RingBuffer<PingSample>;

  /** `window`: how many recent samples the offset is chosen from. */
  constructor(window = 8) {
    this.samples = new RingBuffer<PingSample>(window);
  }

  add(sample: PingSample): void {
    this.samples.push(sample);
  }

  /** The newest round-trip time; null before the first sample. */
  get rtt(): number | null {
    return this.samples.last()?.rtt ?? null;
  }

  /** The offset of the fastest recent sample; null before the first sample. */
  get offset(): number | null {
    let best: PingSample | undefined;
    for (let i = 0; i < this.samples.size; i++) {
      const sample = this.samples.at(i);
      if (sample && (!best || sample.rtt < best.rtt)) best = sample;
    }
    return best?.offset ?? null;
  }

  get sampleCount(): number {
    return this.samples.size;
  }
}
