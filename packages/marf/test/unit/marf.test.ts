import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha512_256 } from '@stacks-ts/codec';
import { bytesToHex } from '@stacks-ts/common';
import { isMarfError, MarfErrorCode } from '../../src/errors.ts';
import { createMemoryTrieStorage } from '../../src/memory-storage.ts';
import {
  BLOCK_HASH_TO_HEIGHT_MAPPING_KEY,
  MARF_SENTINEL_BLOCK_ID,
  OWN_BLOCK_HEIGHT_KEY,
  blockHeightEntries,
  marfKeyToPath,
  openMarf,
  type Marf,
} from '../../src/marf.ts';
import {
  marfValueFromBlockId,
  marfValueFromHash,
  marfValueFromString,
  marfValueFromU32,
  marfValueToBlockId,
  marfValueToHash,
  marfValueToU32,
} from '../../src/values.ts';

const SENTINEL = MARF_SENTINEL_BLOCK_ID;
const blk = (n: number): Uint8Array => {
  const b = new Uint8Array(32);
  new DataView(b.buffer).setUint32(0, n);
  b[31] = 0xab;
  return b;
};
const v = (n: number): Uint8Array => marfValueFromU32(n);
const hex = (b: Uint8Array | null): string | null => (b === null ? null : bytesToHex(b));

function expectCode(fn: () => unknown, code: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(isMarfError(err), String(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
}

const open: Marf[] = [];
function mem(): Marf {
  const m = openMarf();
  open.push(m);
  return m;
}
afterEach(() => {
  for (const m of open.splice(0)) m.close();
});

describe('MARFValue conversions', () => {
  it('match the reference layouts', () => {
    expect(hex(marfValueFromU32(0x01020304))).toBe(`04030201${'00'.repeat(36)}`);
    expect(marfValueToU32(marfValueFromU32(0xffffffff))).toBe(0xffffffff);
    const h = new Uint8Array(32).fill(7);
    expect(hex(marfValueFromHash(h))).toBe(`${'07'.repeat(32)}${'00'.repeat(8)}`);
    expect(hex(marfValueToHash(marfValueFromHash(h)))).toBe(hex(h));
    expect(hex(marfValueToBlockId(marfValueFromBlockId(h)))).toBe(hex(h));
    expect(hex(marfValueFromString('hello'))).toBe(hex(marfValueFromHash(sha512_256(new TextEncoder().encode('hello')))));
    expectCode(() => marfValueToU32(marfValueFromHash(h)), MarfErrorCode.InvalidArgument);
    expectCode(() => marfValueToBlockId(new Uint8Array(40).fill(1)), MarfErrorCode.InvalidArgument);
    expectCode(() => marfValueFromU32(-1), MarfErrorCode.InvalidArgument);
    expectCode(() => marfValueFromHash(new Uint8Array(31)), MarfErrorCode.InvalidArgument);
  });
});

describe('Marf transactions', () => {
  it('writes, commits and reads at the committed tip; absent keys are null', () => {
    const m = mem();
    const tx = m.begin(SENTINEL, blk(1));
    expect(tx.height).toBe(0);
    tx.insert('a', v(1));
    expect(hex(tx.get('a'))).toBe(hex(v(1)));
    expect(tx.get('b')).toBeNull();
    const root = tx.commit();
    expect(root).toHaveLength(32);
    expect(hex(m.getRootHash(blk(1)))).toBe(hex(root));
    expect(hex(m.get(blk(1), 'a'))).toBe(hex(v(1)));
    expect(m.get(blk(1), 'b')).toBeNull();
    expect(m.hasBlock(blk(1))).toBe(true);
    expect(m.hasBlock(blk(2))).toBe(false);
  });

  it('insert(k, v) is insertRaw(SHA-512/256(utf8(k)), v)', () => {
    const m1 = mem();
    const t1 = m1.begin(SENTINEL, blk(1));
    t1.insert('héllo', v(1));
    const m2 = mem();
    const t2 = m2.begin(SENTINEL, blk(1));
    t2.insertRaw(sha512_256(new TextEncoder().encode('héllo')), v(1));
    expect(hex(t2.get('héllo'))).toBe(hex(v(1)));
    expect(hex(t1.commit())).toBe(hex(t2.commit()));
    expect(hex(m1.getRaw(blk(1), marfKeyToPath('héllo')))).toBe(hex(v(1)));
  });

  it('overwrites, and reads see the newest value at each tip', () => {
    const m = mem();
    const t1 = m.begin(SENTINEL, blk(1));
    t1.insert('k', v(1));
    t1.insert('k', v(2));
    expect(hex(t1.get('k'))).toBe(hex(v(2)));
    t1.commit();
    const t2 = m.begin(blk(1), blk(2));
    expect(hex(t2.get('k'))).toBe(hex(v(2)));
    t2.insert('k', v(3));
    t2.commit();
    expect(hex(m.get(blk(1), 'k'))).toBe(hex(v(2)));
    expect(hex(m.get(blk(2), 'k'))).toBe(hex(v(3)));
  });

  it('returns copies of values', () => {
    const m = mem();
    const tx = m.begin(SENTINEL, blk(1));
    const val = v(9);
    tx.insert('k', val);
    val[0] = 0;
    tx.get('k')![1] = 0xff;
    tx.commit();
    const got = m.get(blk(1), 'k')!;
    expect(hex(got)).toBe(hex(v(9)));
    got[0] = 1;
    expect(hex(m.get(blk(1), 'k'))).toBe(hex(v(9)));
  });

  it('seal() gives the root hash commit() will return, and later writes change it', () => {
    const m = mem();
    const tx = m.begin(SENTINEL, blk(1));
    tx.insert('a', v(1));
    const s1 = tx.seal();
    expect(hex(tx.seal())).toBe(hex(s1));
    tx.insert('b', v(2));
    const s2 = tx.seal();
    expect(hex(s2)).not.toBe(hex(s1));
    expect(hex(tx.commit())).toBe(hex(s2));
  });

  it('allows one open transaction; a second begin throws MARF_IN_PROGRESS', () => {
    const m = mem();
    const tx = m.begin(SENTINEL, blk(1));
    expectCode(() => m.begin(SENTINEL, blk(2)), MarfErrorCode.InProgress);
    tx.commit();
    m.begin(blk(1), blk(2)).abort();
  });

  it('abort drops the writes; the block stays unknown and can be begun again', () => {
    const m = mem();
    m.begin(SENTINEL, blk(1)).commit();
    const tx = m.begin(blk(1), blk(2));
    tx.insert('x', v(1));
    tx.abort();
    tx.abort();
    expectCode(() => tx.insert('y', v(1)), MarfErrorCode.TxClosed);
    expectCode(() => tx.get('x'), MarfErrorCode.TxClosed);
    expectCode(() => tx.commit(), MarfErrorCode.TxClosed);
    expectCode(() => m.get(blk(2), 'x'), MarfErrorCode.BlockNotFound);
    expect(m.hasBlock(blk(2))).toBe(false);
    const again = m.begin(blk(1), blk(2));
    expect(again.get('x')).toBeNull();
    again.insert('x', v(2));
    again.commit();
    expect(hex(m.get(blk(2), 'x'))).toBe(hex(v(2)));
  });

  it('a committed transaction is closed', () => {
    const m = mem();
    const tx = m.begin(SENTINEL, blk(1));
    tx.commit();
    expectCode(() => tx.insert('a', v(1)), MarfErrorCode.TxClosed);
    expectCode(() => tx.commit(), MarfErrorCode.TxClosed);
  });

  it('a committed block cannot be begun again (MARF_BLOCK_EXISTS), on any parent', () => {
    const m = mem();
    m.begin(SENTINEL, blk(1)).commit();
    m.begin(blk(1), blk(2)).commit();
    expectCode(() => m.begin(SENTINEL, blk(1)), MarfErrorCode.BlockExists);
    expectCode(() => m.begin(blk(2), blk(1)), MarfErrorCode.BlockExists);
  });

  it('unknown tips and parents throw MARF_BLOCK_NOT_FOUND', () => {
    const m = mem();
    expectCode(() => m.begin(blk(5), blk(6)), MarfErrorCode.BlockNotFound);
    expectCode(() => m.get(blk(5), 'a'), MarfErrorCode.BlockNotFound);
    expectCode(() => m.getRootHash(blk(5)), MarfErrorCode.BlockNotFound);
    expectCode(() => m.getBlockHeight(blk(5)), MarfErrorCode.BlockNotFound);
    const tx = m.begin(SENTINEL, blk(1));
    expectCode(() => m.get(blk(1), 'a'), MarfErrorCode.BlockNotFound);
    tx.commit();
  });

  it('validates arguments', () => {
    const m = mem();
    expectCode(() => m.begin(SENTINEL, SENTINEL), MarfErrorCode.InvalidArgument);
    expectCode(() => m.begin(SENTINEL, new Uint8Array(31)), MarfErrorCode.InvalidArgument);
    expectCode(() => m.begin('zz', blk(1)), MarfErrorCode.InvalidArgument);
    const tx = m.begin(SENTINEL, blk(1));
    expectCode(() => tx.insert('a', new Uint8Array(32)), MarfErrorCode.InvalidArgument);
    expectCode(() => tx.insertRaw(new Uint8Array(31), v(1)), MarfErrorCode.InvalidArgument);
    expectCode(() => tx.getRaw(new Uint8Array(33)), MarfErrorCode.InvalidArgument);
    tx.commit();
    expectCode(() => m.getRaw(blk(1), new Uint8Array(3)), MarfErrorCode.InvalidArgument);
  });

  it('accepts block ids as 64-character hex strings', () => {
    const m = mem();
    m.begin(bytesToHex(SENTINEL), bytesToHex(blk(1))).commit();
    expect(m.getBlockHeight(bytesToHex(blk(1)))).toBe(0);
    expect(hex(m.getRootHash(bytesToHex(blk(1))))).toBe(hex(m.getRootHash(blk(1))));
  });

  it('close() aborts the open transaction; later calls throw MARF_CLOSED', () => {
    const m = openMarf();
    const tx = m.begin(SENTINEL, blk(1));
    m.close();
    m.close();
    expectCode(() => tx.insert('a', v(1)), MarfErrorCode.TxClosed);
    expectCode(() => m.get(blk(1), 'a'), MarfErrorCode.Closed);
    expectCode(() => m.begin(SENTINEL, blk(1)), MarfErrorCode.Closed);
  });
});

describe('heights', () => {
  it('the sentinel parent gives height 0, each child parent + 1, with the height keys stored', () => {
    const m = mem();
    m.begin(SENTINEL, blk(0)).commit();
    for (let i = 1; i <= 9; i++) m.begin(blk(i - 1), blk(i)).commit();
    for (let i = 0; i <= 9; i++) {
      expect(m.getBlockHeight(blk(i))).toBe(i);
      expect(marfValueToU32(m.get(blk(i), OWN_BLOCK_HEIGHT_KEY)!)).toBe(i);
      for (const [k, val] of blockHeightEntries(i === 0 ? SENTINEL : blk(i - 1), blk(i), i)) expect(hex(m.get(blk(i), k))).toBe(hex(val));
    }
    // every ancestor stays reachable through the height keys
    for (let h = 0; h <= 9; h++) expect(hex(m.getBlockAtHeight(blk(9), h))).toBe(hex(blk(h)));
    expect(m.getBlockAtHeight(blk(9), 10)).toBeNull();
    expect(m.getBlockAtHeight(blk(4), 5)).toBeNull();
    expect(m.get(blk(0), `${BLOCK_HASH_TO_HEIGHT_MAPPING_KEY}::${bytesToHex(SENTINEL)}`)).toBeNull();
  });

  it('a block on a fork has the height of its own chain', () => {
    const m = mem();
    m.begin(SENTINEL, blk(0)).commit();
    m.begin(blk(0), blk(1)).commit();
    m.begin(blk(1), blk(2)).commit();
    m.begin(blk(0), blk(10)).commit();
    expect(m.getBlockHeight(blk(10))).toBe(1);
    expect(hex(m.getBlockAtHeight(blk(10), 1))).toBe(hex(blk(10)));
    expect(hex(m.getBlockAtHeight(blk(2), 1))).toBe(hex(blk(1)));
  });

  it('the skip-list ties each root to its ancestors: same writes on a different history, different root', () => {
    const a = mem();
    const b = mem();
    a.begin(SENTINEL, blk(0)).commit();
    b.begin(SENTINEL, blk(100)).commit();
    for (const m of [a, b]) {
      const parent = m === a ? blk(0) : blk(100);
      const tx = m.begin(parent, blk(1));
      tx.insert('x', v(1));
      tx.commit();
    }
    expect(hex(a.getRootHash(blk(1)))).not.toBe(hex(b.getRootHash(blk(1))));
  });
});

describe('storage', () => {
  it('an injected storage is used and closed', () => {
    const storage = createMemoryTrieStorage();
    const m = openMarf({ storage });
    m.begin(SENTINEL, blk(1)).commit();
    expect(storage.getRecord(blk(1))?.height).toBe(0);
    m.close();
    expect(() => storage.getRecord(blk(1))).toThrow();
  });

  it('openMarf({ path }) is durable: reopened, every block reads the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marf-core-'));
    try {
      const roots: string[] = [];
      {
        const m = openMarf({ path: join(dir, 'm') });
        let parent = SENTINEL;
        for (let i = 0; i < 5; i++) {
          const tx = m.begin(parent, blk(i));
          tx.insert(`k${i}`, v(i));
          tx.insert('shared', v(100 + i));
          roots.push(hex(tx.commit())!);
          parent = blk(i);
        }
        m.close();
      }
      const m = openMarf({ path: join(dir, 'm') });
      try {
        for (let i = 0; i < 5; i++) {
          expect(hex(m.getRootHash(blk(i)))).toBe(roots[i]);
          expect(m.getBlockHeight(blk(i))).toBe(i);
          for (let j = 0; j < 5; j++) expect(hex(m.get(blk(i), `k${j}`))).toBe(j <= i ? hex(v(j)) : null);
          expect(hex(m.get(blk(i), 'shared'))).toBe(hex(v(100 + i)));
        }
        const tx = m.begin(blk(4), blk(5));
        tx.insert('k0', v(7));
        tx.commit();
        expect(hex(m.get(blk(5), 'k0'))).toBe(hex(v(7)));
        // the same history in memory gives the same roots
        const mm = mem();
        let parent = SENTINEL;
        for (let i = 0; i < 5; i++) {
          const t = mm.begin(parent, blk(i));
          t.insert(`k${i}`, v(i));
          t.insert('shared', v(100 + i));
          expect(hex(t.commit())).toBe(roots[i]);
          parent = blk(i);
        }
      } finally {
        m.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('proofs hook', () => {
  it('getWithProof checks the tip before delegating', () => {
    const m = mem();
    expectCode(() => m.getWithProof(blk(1), 'a'), MarfErrorCode.BlockNotFound);
  });
});
