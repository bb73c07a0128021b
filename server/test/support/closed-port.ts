// A loopback port with nothing listening: where a venue endpoint that cannot be reached points.

import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A port that was free a moment ago; the OS does not hand out a just-closed ephemeral port again at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
