import { describe, expect, it } from 'vitest';
import { untrusted } from './untrusted.ts';

describe('untrusted', () => {
  it('quotes a harmless value as it is', () => {
    expect(untrusted('https://app.example')).toBe('"https://app.example"');
  });

  it('escapes what could forge a log line or break a terminal', () => {
    expect(untrusted('a\nINFO fake line\r\t"q"\\')).toBe('"a\\nINFO fake line\\r\\t\\"q\\"\\\\"');
    expect(untrusted('\u001b[31mred\u0000')).toBe('"\\u001b[31mred\\u0000"');
    expect(untrusted('admin\u202eexe.txt\u200b')).toBe('"admin\\u202eexe.txt\\u200b"');
  });

  it('cuts a long value and says how much was left out', () => {
    const shown = untrusted('x'.repeat(10_000), 8);
    expect(shown).toBe('"xxxxxxxx"…(+9992 chars)');
  });

  it('counts characters, not UTF-16 units, and never splits one', () => {
    expect(untrusted('😀😀😀', 2)).toBe('"😀😀"…(+1 chars)');
  });

  it('shows other values as JSON, and survives what JSON cannot show', () => {
    expect(untrusted({ symbols: ['A', 'B'] })).toBe('"{\\"symbols\\":[\\"A\\",\\"B\\"]}"');
    expect(untrusted(undefined)).toBe('"undefined"');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(untrusted(circular)).toBe('"[object Object]"');
    expect(untrusted(10n)).toBe('"[object BigInt]"');
  });
});
