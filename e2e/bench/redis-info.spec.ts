// Redis's INFO reply as fields (pure parsing): numbers out, or an error naming a missing counter.

import { describe, expect, it } from 'vitest';
import { infoNumber, parseRedisInfo } from './redis-info.ts';

describe('Redis INFO parsing', () => {
  const info =
    '# Server\r\nredis_version:7.0.15\r\nprocess_id:5405\r\n\r\n# Stats\r\ntotal_net_output_bytes:123456\r\n';

  it('maps every field, ignoring section headers and blank lines', () => {
    const fields = parseRedisInfo(info);
    expect(fields.get('redis_version')).toBe('7.0.15');
    expect(infoNumber(fields, 'process_id')).toBe(5405);
    expect(infoNumber(fields, 'total_net_output_bytes')).toBe(123456);
    expect(fields.size).toBe(3);
  });

  it('names a missing counter instead of reading it as zero', () => {
    expect(() => infoNumber(parseRedisInfo(info), 'total_commands_processed')).toThrow(/total_commands_processed/);
  });
});
