// The bench's command line: `--key value`, `--key=value` or a bare `--flag`, read as names, numbers or lists, with
// an error that names the flag when a value does not fit.

export type BenchFlags = ReturnType<typeof parseFlags>;

export function parseFlags(argv: string[]) {
  const values = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) values.set(key, inline);
    else if (next !== undefined && !next.startsWith('--')) values.set(key, argv[++i]!);
    else values.set(key, true);
  }
  return {
    has: (key: string) => values.has(key),
    /** A comma-separated list of names: `--servers tickline,batched-ws`. */
    strings(key: string, fallback: string[]): string[] {
      const v = values.get(key);
      if (v === undefined) return fallback;
      if (v === true) throw new Error(`--${key} needs a value`);
      return v.split(',').filter((n) => n.length > 0);
    },
    /** A comma-separated list of numbers: `--cluster-ladder 500,1000,2000`. */
    list(key: string, fallback: number[]): number[] {
      const v = values.get(key);
      if (v === undefined) return fallback;
      const list = String(v).split(',').map(Number);
      if (list.some((n) => !Number.isFinite(n) || n < 0))
        throw new Error(`--${key} must be non-negative numbers joined by commas`);
      return list;
    },
    number(key: string, fallback: number): number {
      const v = values.get(key);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${key} must be a non-negative number, got ${String(v)}`);
      return n;
    },
  };
}
