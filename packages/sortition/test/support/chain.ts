/**
 * A hand-driven burnchain for tests: blocks of `BitcoinTransaction`s built with this package's
 * payload builders (so they go through the real parser), with forks on demand.
 */
import { concatBytes, uintToBytesBE } from '@stacks-ts/common';
import { sha256, vrfPublicKeyFromSecret } from '@stacks-ts/codec';
import type { BitcoinBlock, BitcoinTransaction } from '@stacks-ts/burnchain';
import { BurnMagic } from '../../src/constants.ts';
import { buildLeaderBlockCommitPayload, burnParentModulusFor } from '../../src/operations/leader-block-commit.ts';
import { buildLeaderKeyRegisterPayload } from '../../src/operations/leader-key-register.ts';
import { p2pkhOutput } from './btc.ts';

/** A deterministic 32-byte value from a label. */
export function h32(label: string): Uint8Array {
  return sha256(new TextEncoder().encode(label));
}

/** A miner: VRF key, and the UTXO its next commit spends. */
export interface TestMiner {
  readonly name: string;
  readonly vrfSecret: Uint8Array;
  readonly vrfPublicKey: Uint8Array;
  /** Where its key registration landed. */
  key: { height: number; vtxindex: number } | null;
  /** The last commit (txid) it sent, for UTXO chaining. */
  lastCommitTxid: Uint8Array | null;
}

/** A fresh miner. */
export function makeMiner(name: string): TestMiner {
  const vrfSecret = h32(`vrf:${name}`);
  return { name, vrfSecret, vrfPublicKey: vrfPublicKeyFromSecret(vrfSecret), key: null, lastCommitTxid: null };
}

/** A key-registration transaction for `miner` at `vtxindex`. */
export function keyRegisterTx(miner: TestMiner, vtxindex: number, salt = ''): BitcoinTransaction {
  const payload = buildLeaderKeyRegisterPayload({ consensusHash: new Uint8Array(20), publicKey: miner.vrfPublicKey, memo: h32(`signer:${miner.name}`).subarray(0, 20) }, BurnMagic.regtest);
  return {
    txid: h32(`key:${miner.name}:${vtxindex}:${salt}`),
    vtxindex,
    opcode: payload[2]!,
    data: payload.slice(3),
    dataAmt: 0n,
    inputs: [{ scriptSig: new Uint8Array(0), witness: [], txid: h32(`fund:${miner.name}`), vout: 0 }],
    outputs: [p2pkhOutput(h32(`change:${miner.name}`).subarray(0, 20), 10_000n, 'testnet')],
  };
}

/** A commit by `miner` at `height`/`vtxindex` burning `burn` sats to two burn outputs (reward phase, no reward set). */
export function commitTx(
  miner: TestMiner,
  height: number,
  vtxindex: number,
  burn: bigint,
  opts: { single?: boolean; salt?: string; stacksBlock?: Uint8Array; chain?: boolean } = {},
): BitcoinTransaction {
  if (miner.key === null) throw new Error(`${miner.name} has no key`);
  const payload = buildLeaderBlockCommitPayload(
    {
      blockHeaderHash: opts.stacksBlock ?? h32(`block:${miner.name}:${height}:${opts.salt ?? ''}`),
      newSeed: h32(`seed:${miner.name}:${height}:${opts.salt ?? ''}`),
      parentBlockPtr: 0,
      parentVtxindex: 0,
      keyBlockPtr: miner.key.height,
      keyVtxindex: miner.key.vtxindex,
      memo: 0x1f,
      burnParentModulus: burnParentModulusFor(height),
    },
    BurnMagic.regtest,
  );
  const burnOutput = (units: bigint) => p2pkhOutput(new Uint8Array(20), units, 'testnet');
  const outputs = opts.single ? [burnOutput(burn)] : [burnOutput(burn / 2n), burnOutput(burn / 2n)];
  const txid = h32(`commit:${miner.name}:${height}:${opts.salt ?? ''}`);
  const chained = opts.chain !== false && miner.lastCommitTxid !== null;
  const tx: BitcoinTransaction = {
    txid,
    vtxindex,
    opcode: payload[2]!,
    data: payload.slice(3),
    dataAmt: 0n,
    inputs: [{ scriptSig: new Uint8Array(0), witness: [], txid: chained ? miner.lastCommitTxid! : h32(`fund:${miner.name}`), vout: chained ? (opts.single ? 2 : 3) : 0 }],
    outputs: [...outputs, p2pkhOutput(h32(`change:${miner.name}`).subarray(0, 20), 10_000n, 'testnet')],
  };
  return tx;
}

/** A block on top of `parent` (hash/height) with the given txs; `salt` makes sibling blocks differ. */
export function makeBlock(parent: { blockHash: Uint8Array; blockHeight: number }, txs: BitcoinTransaction[], salt = ''): BitcoinBlock {
  const height = parent.blockHeight + 1;
  return {
    blockHeight: height,
    blockHash: sha256(concatBytes(parent.blockHash, uintToBytesBE(height, 8), new TextEncoder().encode(salt))),
    parentBlockHash: parent.blockHash,
    timestamp: 1_700_000_000 + height * 600,
    txs,
  };
}
