import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.ts';
import { collectedCounter, collectedGauge } from './collected-metrics.ts';
import { createMetrics, flushObserver } from './metrics.ts';
import { ThrottledLog } from './throttled-log.ts';

describe('createMetrics', () => {
  it("gives each server its own figures, and each scrape Node's defaults", async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.flushDuration.observe(0.002);
    const [textA, textB] = await Promise.all([a.scrape(), b.scrape()]);
    expect(textA.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(textA.body).toContain('tickline_flush_duration_seconds_count 1');
    expect(textB.body).toContain('tickline_flush_duration_seconds_count 0');
    for (const text of [textA.body, textB.body]) {
      expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
      expect(text).toContain('process_cpu_user_seconds_total');
    }
  });

  it('reads collected metrics at scrape time', async () => {
    const metrics = createMetrics();
    let total = 3;
    collectedCounter(metrics.registry, {
      name: 'test_things_total',
      help: 'things',
      labelNames: ['kind'],
      read: () => [[{ kind: 'a' }, total]],
    });
    collectedGauge(metrics.registry, { name: 'test_level', help: 'level', read: () => [[{}, total * 2]] });
    expect((await metrics.scrape()).body).toContain('test_things_total{kind="a"} 3');
    total = 5;
    const { body } = await metrics.scrape();
    expect(body).toContain('test_things_total{kind="a"} 5');
    expect(body).toContain('test_level 10');
  });
});

describe('flushObserver', () => {
  it('counts each failed flush and logs it through the throttle', async () => {
    const metrics = createMetrics();
    const lines: string[] = [];
    const log: Logger = { info: () => {}, warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    const observer = flushObserver(metrics, new ThrottledLog(log, () => 0, { perWindow: 1, windowMs: 1000 }));
    for (let i = 0; i < 3; i++) observer.failed(new Error(`bug ${i}`));
    expect((await metrics.scrape()).body).toContain('tickline_flush_errors_total 3');
    expect(lines).toEqual(['a flush failed; the next one runs as usual']);
  });
});
