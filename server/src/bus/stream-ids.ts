// Redis stream entry ids ("<ms>-<n>") are ordered as pairs of integers; as strings they are not ("9-0" > "10-0").

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('-').map(Number);
  const [bm = 0, bn = 0] = b.split('-').map(Number);
  return am !== bm ? am - bm : an - bn;
}

export function isStreamId(value: string): boolean {
  return /^\d+-\d+$/.test(value);
}
