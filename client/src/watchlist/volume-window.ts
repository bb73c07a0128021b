// What the volume column covers: a venue's rolling 24 hours, or the session since the feed started (SymbolSpec's
// statsWindow), so the header never calls a session's volume "24h".

import type { SymbolSpec } from '@tickline/shared';

export interface VolumeHeading {
  label: string;
  /** The longer explanation, for a tooltip. */
  title: string;
}

/** The volume column's heading for the symbols on the list. */
export function volumeHeading(specs: readonly Pick<SymbolSpec, 'statsWindow'>[]): VolumeHeading {
  const daily = specs.filter((s) => s.statsWindow === '24h').length;
  if (daily > 0 && daily === specs.length) return { label: '24h Vol', title: 'Volume over the venue’s last 24 hours' };
  if (daily === 0) return { label: 'Vol', title: 'Volume traded this session (since the feed started)' };
  return { label: 'Vol', title: 'Volume: the venue’s last 24 hours where it reports them, otherwise this session' };
}

/** The tooltip of one symbol's volume. */
export function volumeTitle(spec: Pick<SymbolSpec, 'statsWindow'>): string {
  return spec.statsWindow === '24h' ? 'Volume, last 24 hours' : 'Volume this session (since the feed started)';
}
