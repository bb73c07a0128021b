// Redis's INFO reply as a map of its fields: the bench reads the server's process id, network bytes and command
// count from it (its CPU comes from /proc, like every other process's).

export function parseRedisInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/** A numeric field, or an error naming it: a missing counter must not pass as zero. */
export function infoNumber(fields: ReadonlyMap<string, string>, name: string): number {
  const value = Number(fields.get(name));
  if (!fields.has(name) || !Number.isFinite(value)) throw new Error(`Redis INFO has no numeric ${name}`);
  return value;
}
