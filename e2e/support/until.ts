// Waiting for a condition instead of sleeping a fixed time: the e2e tests' one poll.

/** Resolves when `check` holds, polling every `pollMs`; rejects naming `what` after `ms`. */
export async function until(check: () => boolean, ms: number, what: () => string, pollMs = 20): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
