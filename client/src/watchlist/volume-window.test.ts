import { describe, expect, it } from 'vitest';
import { volumeHeading, volumeTitle } from './volume-window.ts';

describe('the volume heading', () => {
  it('says 24h only when every listed symbol reports a rolling day', () => {
    expect(volumeHeading([{ statsWindow: '24h' }, { statsWindow: '24h' }]).label).toBe('24h Vol');
    expect(volumeHeading([{ statsWindow: '24h' }, {}]).label).toBe('Vol');
    expect(volumeHeading([{ statsWindow: '24h' }, { statsWindow: 'session' }]).title).toMatch(/24 hours.*session/);
  });

  it('calls a session’s volume a session’s, the default when a spec says nothing', () => {
    expect(volumeHeading([{}, { statsWindow: 'session' }])).toMatchObject({ label: 'Vol' });
    expect(volumeHeading([{}]).title).toMatch(/session/);
    expect(volumeTitle({})).toMatch(/session/);
    expect(volumeTitle({ statsWindow: '24h' })).toMatch(/24 hours/);
  });
});
