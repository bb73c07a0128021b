// What a client sent, made safe to put in a log line: ids, origins, user agents, payload fragments. Control
// characters and quotes are escaped (no forged lines, no broken terminal), anything long is cut, and the result is
// quoted so a reader sees where the untrusted part begins and ends.

/** Characters kept from an untrusted value by default: enough to recognize it, too few to flood a log. */
export const UNTRUSTED_MAX_CHARS = 80;

/**
 * `value` as a short, quoted, escaped string: `"abc"`, `"line\nfeed"`, `"aaaa…(+920 chars)"`. Non-strings are shown
 * as JSON where possible (a payload fragment), and never throw.
 */
export function untrusted(value: unknown, maxChars = UNTRUSTED_MAX_CHARS): string {
  const text = typeof value === 'string' ? value : describe(value);
  // Cut before escaping, on code points, so the budget is the sender's characters and no surrogate is split.
  const chars = Array.from(text.length > maxChars * 2 + 2 ? text.slice(0, maxChars * 2 + 2) : text);
  const kept = chars.length > maxChars ? chars.slice(0, maxChars) : chars;
  const cut = chars.length > maxChars ? `…(+${Array.from(text).length - maxChars} chars)` : '';
  return `"${kept.map(escapeChar).join('')}"${cut}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function escapeChar(ch: string): string {
  switch (ch) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
  }
  const code = ch.codePointAt(0)!;
  // C0 and C1 controls, DEL, and the invisible characters that reorder or hide text (bidi overrides, zero widths).
  if (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  ) {
    return `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return ch;
}
