import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes one JSON object per line, with level, time and message', async () => {
    const out = capture();
    const log = await createLogger({ level: 'info', format: 'json', destination: out.stream });
    log.info('Tickline is live');
    log.warn('careful');
    await log.flush();
    const [info, warn] = out.lines();
    expect(info).toMatchObject({ level: 30, msg: 'Tickline is live', pid: process.pid });
    expect(typeof info?.time).toBe('number');
    expect(warn).toMatchObject({ level: 40, msg: 'careful' });
  });

  it('drops lines below its level', async () => {
    const out = capture();
    const log = await createLogger({ level: 'warn', format: 'json', destination: out.stream });
    log.debug('noise');
    log.info('noise');
    log.error('broken');
    expect(out.lines().map((l) => l.msg)).toEqual(['broken']);
  });

  it('serializes an error with its message and stack, and wraps a thrown non-error', async () => {
    const out = capture();
    const log = await createLogger({ level: 'info', format: 'json', destination: out.stream });
    log.error('handler failed', new TypeError('bad thing'));
    log.error('handler failed', { code: 7 });
    const [first, second] = out.lines();
    expect(first).toMatchObject({ level: 50, msg: 'handler failed', err: { type: 'TypeError', message: 'bad thing' } });
    expect((first?.err as { stack: string }).stack).toContain('logger.test.ts');
    expect(second).toMatchObject({ err: { message: '{ code: 7 }' } });
  });

  it('gives children their bindings on every line', async () => {
    const out = capture();
    const log = await createLogger({ level: 'info', format: 'json', destination: out.stream });
    log.child({ role: 'edge' }).info('loaded');
    expect(out.lines()[0]).toMatchObject({ role: 'edge', msg: 'loaded' });
  });
});
