import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMarfedKV, verifyMarfedKVProof } from '@stacks-ts/marf';
import { ClarityDB } from '../../../src/db/clarity-db.ts';
import { MemoryBackend } from '../../../src/db/kv.ts';
import { MarfBackend, memoryMetadataStore } from '../../../src/db/marf-backend.ts';
import { ContractMetadata } from '../../../src/db/keys.ts';
import { parsePrincipal } from '@stacks-ts/codec';

const id = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const C = 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.c';

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
  return 'no error';
}

describe('MarfBackend: nested transactions over one open MARF block', () => {
  it('commits the bottom layer into the block, drops rolled-back layers', () => {
    const kv = openMarfedKV();
    const b = new MarfBackend(kv);
    b.beginBlock(null, id(1));
    b.begin();
    b.put('k', 'outer');
    b.begin();
    b.put('k', 'inner');
    b.put('gone', 'x');
    expect(b.get('k')).toBe('inner');
    b.rollback();
    expect(b.get('k')).toBe('outer');
    expect(b.get('gone')).toBeUndefined();
    b.begin();
    b.put('kept', 'y');
    b.commit();
    expect(b.depth()).toBe(1);
    expect(code(() => b.commitBlock())).toBe('STATE_BLOCK_OPEN');
    b.commit();
    b.commitBlock();
    expect(new TextDecoder().decode(kv.get(id(1), 'k')!)).toBe('outer');
    expect(kv.get(id(1), 'gone')).toBeNull();
    expect(new TextDecoder().decode(kv.get(id(1), 'kept')!)).toBe('y');
  });

  it('rejects misuse: no block open, two blocks, writes in a read-only view', () => {
    const b = new MarfBackend(openMarfedKV());
    expect(code(() => b.get('k'))).toBe('STATE_NO_OPEN_BLOCK');
    expect(code(() => b.commit())).toBe('STATE_NO_OPEN_BLOCK');
    expect(code(() => b.rollback())).toBe('STATE_NO_OPEN_BLOCK');
    b.beginBlock(null, id(1));
    expect(code(() => b.beginBlock(null, id(2)))).toBe('STATE_BLOCK_OPEN');
    b.put('k', 'v');
    b.commitBlock();
    expect(code(() => b.openReadOnly(id(9)))).toBe('STATE_UNKNOWN_BLOCK');
    b.openReadOnly(id(1));
    expect(b.get('k')).toBe('v');
    expect(b.currentBlockHeight()).toBe(0);
    expect(code(() => b.put('k', 'w'))).toBe('STATE_READ_ONLY');
  });

  it('setBlockHash serves reads from an ancestor only, without pending writes', () => {
    const kv = openMarfedKV();
    const b = new MarfBackend(kv);
    b.beginBlock(null, id(1));
    b.put('k', 'one');
    b.commitBlock();
    b.beginBlock(id(1), id(2));
    b.put('k', 'two');
    b.commitBlock();
    b.beginBlock(id(1), id(3)); // sibling of 2
    b.commitBlock();
    b.beginBlock(id(2), id(4));
    expect(b.currentBlockHeight()).toBe(2);
    b.begin();
    b.put('k', 'pending');
    const prev = b.setBlockHash(id(1));
    expect(b.get('k')).toBe('one');
    expect(b.currentBlockHeight()).toBe(0);
    b.restoreBlockHash(prev);
    expect(b.get('k')).toBe('pending');
    expect(code(() => b.setBlockHash(id(3)))).toBe('STATE_UNKNOWN_BLOCK');
    expect(code(() => b.setBlockHash(id(77)))).toBe('STATE_UNKNOWN_BLOCK');
    expect(Array.from(b.blockAtHeight(1)!)).toEqual(Array.from(id(2)));
    expect(Array.from(b.blockAtHeight(2)!)).toEqual(Array.from(id(4)));
    expect(b.blockAtHeight(3)).toBeUndefined();
    b.rollback();
    b.abortBlock();
    expect(kv.marf.hasBlock(id(4))).toBe(false);
  });

  it('metadata is found through the contract commitment, on the deploying fork only', () => {
    const kv = openMarfedKV();
    const b = new MarfBackend(kv, memoryMetadataStore());
    const db = new ClarityDB(b);
    b.beginBlock(null, id(1));
    b.commitBlock();
    b.beginBlock(id(1), id(2));
    db.begin();
    db.setContractCommitment(C, '(define-read-only (f) u1)', 1);
    db.insertMetadata(C, ContractMetadata.contractSrc, '(define-read-only (f) u1)');
    expect(db.getMetadata(C, ContractMetadata.contractSrc)).toBe('(define-read-only (f) u1)');
    expect(code(() => db.insertMetadata(C, ContractMetadata.contractSrc, 'again'))).toBe('STATE_METADATA_EXISTS');
    db.commit();
    // pending rows of the open block are visible in it
    expect(db.getMetadata(C, ContractMetadata.contractSrc)).toBe('(define-read-only (f) u1)');
    b.commitBlock();
    b.openReadOnly(id(2));
    expect(db.getMetadata(C, ContractMetadata.contractSrc)).toBe('(define-read-only (f) u1)');
    expect(db.getContractCommitment(C)?.blockHeight).toBe(1);
    b.openReadOnly(id(1));
    expect(db.getMetadata(C, ContractMetadata.contractSrc)).toBeUndefined();
    // a rolled-back deploy leaves no metadata
    b.beginBlock(id(2), id(3));
    db.begin();
    db.insertMetadata('ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.d', 'x', 'y');
    db.rollback();
    b.commitBlock();
    b.openReadOnly(id(3));
    expect(db.getMetadata('ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.d', 'x')).toBeUndefined();
  });

  it('keeps metadata rows in the MarfedKV side store by default: committed with the block, kept across a reopen, absent for an aborted block', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clarity-meta-'));
    try {
      const kv = openMarfedKV({ path: dir });
      const b = new MarfBackend(kv);
      b.beginBlock(null, id(1));
      b.setBlockMetadata('headers', 'h1');
      b.commitBlock();
      b.beginBlock(id(1), id(2));
      b.setBlockMetadata('headers', 'h2');
      b.abortBlock();
      expect(kv.getMetadata(id(1), 'headers')).toBe('h1');
      kv.close();
      const kv2 = openMarfedKV({ path: dir });
      const again = new MarfBackend(kv2);
      expect(again.getBlockMetadata(id(1), 'headers')).toBe('h1');
      expect(again.getBlockMetadata(id(2), 'headers')).toBeUndefined();
      kv2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ClarityDB typed entries over the in-memory backend', () => {
  const who = parsePrincipal('ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM');
  it('optional-wrapped entries: (some v) written, none on delete, both read as absent/present', () => {
    const db = new ClarityDB(new MemoryBackend());
    db.setSomeValue('m', { type: 'int', value: 5n });
    expect(db.getString('m')).toBe(`0a00${'0'.repeat(31)}5`);
    expect(db.getSomeValue('m')).toEqual({ type: 'int', value: 5n });
    db.setSomeValue('m', undefined);
    expect(db.getString('m')).toBe('09');
    expect(db.getSomeValue('m')).toBeUndefined();
    db.setString('bad', '01' + '0'.repeat(32));
    expect(code(() => db.getSomeValue('bad'))).toBe('STATE_BAD_ENCODING');
  });
  it('accounts, nonces, liquid supply, epoch, tenure height and block time', () => {
    const db = new ClarityDB();
    expect(db.getStxBalance(who)).toEqual({ kind: 'unlocked', amount: 0n });
    db.setStxBalance(who, { kind: 'unlocked', amount: 7n });
    expect(db.getString('vm-account::ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM::19')).toBe('0'.repeat(31) + '7' + '0'.repeat(48));
    db.setNonce(who, 3n);
    expect(db.getString('vm-account::ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM::18')).toBe('3');
    expect(db.getNonce(who)).toBe(3n);
    db.setLiquidSupply(10n);
    expect(db.getString('_stx-data::ustx_liquid_supply')).toBe('01' + '0'.repeat(31) + 'a');
    expect(db.getLiquidSupply()).toBe(10n);
    db.setEpochVersion(0x03003);
    expect(db.getString('vm-epoch::epoch-version')).toBe('00003003');
    db.setTenureHeight(12);
    expect(db.getTenureHeight()).toBe(12);
    db.setBlockTime(1_700_000_000n);
    expect(db.getString('_stx-data::clarity_storage::block_time')).toBe('1700000000');
    db.setString('_stx-data::ustx_liquid_supply', '00' + '0'.repeat(32));
    expect(code(() => db.getLiquidSupply())).toBe('STATE_BAD_ENCODING');
  });
});

describe('MarfBackend.getWithProof', () => {
  it('returns the committed value with a MARF proof that verifies against the block root', () => {
    const kv = openMarfedKV();
    const b = new MarfBackend(kv);
    b.beginBlock(null, id(1));
    b.put('vm::x::1::v', '0100000000000000000000000000000005');
    b.commitBlock();
    b.openReadOnly(id(1));
    const r = b.getWithProof('vm::x::1::v')!;
    expect(r.value).toBe('0100000000000000000000000000000005');
    const root = kv.marf.getRootHash(id(1));
    const bytes = new TextEncoder().encode(r.value!);
    expect(verifyMarfedKVProof(r.proof as never, root, 'vm::x::1::v', bytes, r.rootToBlock as never)).toBe(true);
    expect(verifyMarfedKVProof(r.proof as never, root, 'vm::x::1::v', new TextEncoder().encode('01'), r.rootToBlock as never)).toBe(false);
    expect(b.getWithProof('vm::x::1::absent')?.value).toBeNull();
  });
});
