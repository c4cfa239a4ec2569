/**
 * PGlite is a single Postgres backend. Every client connection of the wire server takes this
 * lock before a message reaches the backend and keeps it until the backend is idle again (end
 * of an extended-protocol batch, or of a whole transaction), so the messages of different
 * connections never interleave inside one query or one transaction.
 */
export class BackendLock<Owner> {
  private owner: Owner | null = null;
  private readonly waiters: Array<{ owner: Owner; grant: () => void }> = [];

  isHeldBy(owner: Owner): boolean {
    return this.owner === owner;
  }

  async acquire(owner: Owner): Promise<void> {
    if (this.owner === owner) return;
    if (this.owner === null) {
      this.owner = owner;
      return;
    }
    await new Promise<void>((grant) => this.waiters.push({ owner, grant }));
  }

  release(owner: Owner): void {
    if (this.owner !== owner) return;
    const next = this.waiters.shift();
    this.owner = next?.owner ?? null;
    next?.grant();
  }

  /** A closed connection gives up its place in the queue as well as the lock. */
  forget(owner: Owner): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i]?.owner === owner) this.waiters.splice(i, 1);
    }
    this.release(owner);
  }
}
