import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARF_SENTINEL_BLOCK_ID, marfValueFromString, openMarf, verifyMarfProof } from '@stacks-ts/marf';
import { bytesToHex } from '@stacks-ts/common';

const blockId = (n: number) => new Uint8Array(32).fill(n);
const dir = mkdtempSync(join(tmpdir(), 'marf-example-'));

// A MARF on disk: one trie per block, each built copy-on-write over its parent.
const marf = openMarf({ path: dir });
const tx1 = marf.begin(MARF_SENTINEL_BLOCK_ID, blockId(1));
tx1.insert('balance::alice', marfValueFromString('100'));
tx1.commit();

// Two children of block 1: a fork. Siblings never see each other's writes.
const tx2 = marf.begin(blockId(1), blockId(2));
tx2.insert('balance::alice', marfValueFromString('90'));
tx2.commit();
const tx3 = marf.begin(blockId(1), blockId(3));
tx3.insert('balance::bob', marfValueFromString('10'));
tx3.commit();

console.log(marf.getBlockHeight(blockId(2)), marf.getBlockHeight(blockId(3))); // => 1 1
console.log(marf.get(blockId(2), 'balance::alice')!.every((b, i) => b === marfValueFromString('90')[i])); // => true
console.log(marf.get(blockId(3), 'balance::alice')!.every((b, i) => b === marfValueFromString('100')[i])); // => true
console.log(marf.get(blockId(2), 'balance::bob')); // => null

// A Merkle proof that alice's balance at block 3 is 100, checked against block 3's root hash.
const { value, proof, rootToBlock } = marf.getWithProof(blockId(3), 'balance::alice');
const root = marf.getRootHash(blockId(3));
console.log(verifyMarfProof(proof!, root, 'balance::alice', value!, rootToBlock)); // => true
console.log(verifyMarfProof(proof!, root, 'balance::alice', marfValueFromString('1000'), rootToBlock)); // => false
console.log(bytesToHex(root).length); // => 64
marf.close();

// Reopened, every committed block reads back with the same root hash.
const again = openMarf({ path: dir });
console.log(bytesToHex(again.getRootHash(blockId(3))) === bytesToHex(root)); // => true
again.close();
rmSync(dir, { recursive: true, force: true });
