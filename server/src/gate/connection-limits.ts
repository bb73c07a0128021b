// Open connections, in total and per client address: one host must not take every slot the process has.

export interface ConnectionLimitOptions {
  /** Connections this process holds at most. */
  maxConnections: number;
  /** Connections one client address holds at most. */
  maxPerAddress: number;
}

export class ConnectionLimits {
  private readonly byAddress = new Map<string, number>();
  private open = 0;

  constructor(private readonly limits: ConnectionLimitOptions) {}

  /** Why one more connection from `address` is refused now, or undefined when it fits. */
  refusal(address: string): string | undefined {
    if (this.open >= this.limits.maxConnections) {
      return `the server is full (${this.limits.maxConnections} connections); try again later`;
    }
    if (this.count(address) >= this.limits.maxPerAddress) {
      return `too many connections from one address (at most ${this.limits.maxPerAddress})`;
    }
    return undefined;
  }

  add(address: string): void {
    this.open++;
    this.byAddress.set(address, this.count(address) + 1);
  }

  remove(address: string): void {
    const held = this.count(address);
    if (held === 0) return;
    this.open--;
    // Addresses come and go; an idle one must not stay in the map forever.
    if (held === 1) this.byAddress.delete(address);
    else this.byAddress.set(address, held - 1);
  }

  count(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }

  get total(): number {
    return this.open;
  }

  /** Addresses holding at least one connection. */
  get addresses(): number {
    return this.byAddress.size;
  }
}
