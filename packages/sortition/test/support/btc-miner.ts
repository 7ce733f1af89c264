/**
 * Stacks miners on a real Bitcoin chain (the regtest node or the embedded sim chain): key
 * registrations and chained block commits built by this package's payload builders, signed by
 * @stacks-ts/burnchain's wallet, sent and mined through a small chain adapter.
 */
import { decodeBlock, encodeTransaction, buildSignedTransaction, createKeyWallet, type KeyWallet, type BurnchainBlockSource } from '@stacks-ts/burnchain';
import { vrfPublicKeyFromSecret, sha256 } from '@stacks-ts/codec';
import { BurnMagic } from '../../src/constants.ts';
import { opReturnScript } from '../../src/operations/envelope.ts';
import { buildLeaderBlockCommitPayload, burnParentModulusFor, expectedChainedUtxo } from '../../src/operations/leader-block-commit.ts';
import { buildLeaderKeyRegisterPayload } from '../../src/operations/leader-key-register.ts';
import { poxAddressScriptPubKey, standardBurnAddress } from '../../src/pox-address.ts';

/** What the miners need from a Bitcoin chain. */
export interface ChainAdapter extends BurnchainBlockSource {
  send(raw: Uint8Array): Promise<void>;
  /** Mines `n` blocks paying `address`; returns their hashes (display order). */
  mine(n: number, address: string): Promise<Uint8Array[]>;
}

/** A spendable output the miner owns. */
interface Coin {
  txid: Uint8Array;
  vout: number;
  value: bigint;
  prevTx: Uint8Array;
}

const FEE = 2_000n;

/** One Stacks miner with its own Bitcoin key. */
export class BtcMiner {
  readonly wallet: KeyWallet;
  readonly vrfPublicKey: Uint8Array;
  key: { height: number; vtxindex: number } | null = null;
  #coin: Coin | null = null;
  /** Whether `#coin` is a commit's change (so the next commit chains). */
  #coinIsCommitChange = false;
  readonly name: string;

  constructor(name: string) {
    this.name = name;
    const seed = sha256(new TextEncoder().encode(`btc-miner:${name}`));
    this.wallet = createKeyWallet(seed, 'regtest');
    this.vrfPublicKey = vrfPublicKeyFromSecret(sha256(new TextEncoder().encode(`vrf:${name}`)));
  }

  /** Takes the coinbase of block `hash` as this miner's funds. */
  async fundFromCoinbase(chain: ChainAdapter, hash: Uint8Array): Promise<void> {
    const block = decodeBlock(await chain.getRawBlock(hash));
    const cb = block.txs[0]!;
    this.#coin = { txid: cb.txid, vout: 0, value: cb.outputs[0]!.value, prevTx: encodeTransaction(cb, false) };
    this.#coinIsCommitChange = false;
  }

  #spend(outputs: { script: Uint8Array; value: bigint }[]): { raw: Uint8Array; txid: Uint8Array; changeVout: number } {
    const coin = this.#coin;
    if (coin === null) throw new Error(`${this.name} has no funds`);
    const tx = buildSignedTransaction(this.wallet, [{ txid: coin.txid, vout: coin.vout, value: coin.value, prevTx: coin.prevTx }], outputs, { fee: FEE });
    const spent = outputs.reduce((s, o) => s + o.value, 0n);
    this.#coin = { txid: tx.txid, vout: outputs.length, value: coin.value - spent - FEE, prevTx: tx.raw };
    return { raw: tx.raw, txid: tx.txid, changeVout: outputs.length };
  }

  /** Sends a key registration; `key` is set once you tell it where it landed (`keyLanded`). */
  async registerKey(chain: ChainAdapter): Promise<Uint8Array> {
    const payload = buildLeaderKeyRegisterPayload({ consensusHash: new Uint8Array(20), publicKey: this.vrfPublicKey, memo: this.wallet.publicKey.subarray(1, 21) }, BurnMagic.regtest);
    const { raw, txid } = this.#spend([{ script: opReturnScript(payload), value: 0n }]);
    this.#coinIsCommitChange = false;
    await chain.send(raw);
    return txid;
  }

  /** Sends a block commit for the block at `height`, burning `burn` over two burn outputs; chains from its last commit. */
  async commit(chain: ChainAdapter, height: number, burn: bigint): Promise<{ txid: Uint8Array; chained: boolean }> {
    if (this.key === null) throw new Error(`${this.name} has no key`);
    const chained = this.#coinIsCommitChange;
    const payload = buildLeaderBlockCommitPayload(
      {
        blockHeaderHash: sha256(new TextEncoder().encode(`stacks-block:${this.name}:${height}`)),
        newSeed: sha256(new TextEncoder().encode(`seed:${this.name}:${height}`)),
        parentBlockPtr: 0,
        parentVtxindex: 0,
        keyBlockPtr: this.key.height,
        keyVtxindex: this.key.vtxindex,
        memo: 0x1f,
        burnParentModulus: burnParentModulusFor(height),
      },
      BurnMagic.regtest,
    );
    const burnScript = poxAddressScriptPubKey(standardBurnAddress(false));
    const { raw, txid, changeVout } = this.#spend([
      { script: opReturnScript(payload), value: 0n },
      { script: burnScript, value: burn / 2n },
      { script: burnScript, value: burn / 2n },
    ]);
    if (changeVout !== expectedChainedUtxo(false)) throw new Error('the change output must be the chained UTXO');
    this.#coinIsCommitChange = true;
    await chain.send(raw);
    return { txid, chained };
  }
}
