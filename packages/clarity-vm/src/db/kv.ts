/**
 * The key-value backend under `ClarityDB`: string keys to string values, with nested
 * transactions (begin / commit / rollback), and the in-memory implementation.
 */

/** A key-value store with nested transactions. */
export interface KeyValueBackend {
  /** The value of `key` in the innermost open transaction, or undefined. */
  get(key: string): string | undefined;
  /** Writes `key` in the innermost open transaction. */
  put(key: string, value: string): void;
  /** Opens a nested transaction. */
  begin(): void;
  /** Merges the innermost transaction into its parent. */
  commit(): void;
  /** Drops the innermost transaction's writes. */
  rollback(): void;
  /** Number of open nested transactions. */
  depth(): number;
}

/** An in-memory backend: a base map and a stack of write overlays. */
export class MemoryBackend implements KeyValueBackend {
  private readonly base = new Map<string, string>();
  private readonly overlays: Map<string, string>[] = [];

  get(key: string): string | undefined {
    for (let i = this.overlays.length - 1; i >= 0; i--) {
      const v = this.overlays[i]!.get(key);
      if (v !== undefined) return v;
    }
    return this.base.get(key);
  }

  put(key: string, value: string): void {
    const top = this.overlays[this.overlays.length - 1];
    (top ?? this.base).set(key, value);
  }

  begin(): void {
    this.overlays.push(new Map());
  }

  commit(): void {
    const top = this.overlays.pop();
    if (top === undefined) throw new Error('commit without an open transaction');
    const parent = this.overlays[this.overlays.length - 1] ?? this.base;
    for (const [k, v] of top) parent.set(k, v);
  }

  rollback(): void {
    if (this.overlays.pop() === undefined) throw new Error('rollback without an open transaction');
  }

  depth(): number {
    return this.overlays.length;
  }
}
