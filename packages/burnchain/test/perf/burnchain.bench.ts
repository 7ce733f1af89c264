// Bitcoin blocks parsed and indexed per second, blocks with 100 burn-op transactions each (a
// block-commit-sized OP_RETURN, 77 bytes of payload, plus two p2pkh outputs), mined by the
// simulated chain. The closest real alternative in the same run: @scure/btc-signer's
// `Transaction.fromRaw` over the same transactions (it decodes and hashes each tx; it neither
// checks the merkle root nor picks out burn ops, so it does strictly less work than our parser).
import { Transaction } from '@scure/btc-signer';
import { bench, describe } from 'vitest';
import { createManualClock } from '@stacks-ts/common';
import { decodeBlock } from '../../src/bitcoin/block.ts';
import { buildOpReturnScript, parseBitcoinBlock } from '../../src/bitcoin/burn-tx.ts';
import { encodeTransaction } from '../../src/bitcoin/tx.ts';
import { buildSignedTransaction, createKeyWallet } from '../../src/bitcoin/wallet.ts';
import { openBurnchainIndexer } from '../../src/indexer.ts';
import { COINBASE_MATURITY, openSimChain } from '../../src/sim/sim-chain.ts';

const BLOCKS = 20;
const OPS_PER_BLOCK = 100;

function buildChain() {
  const chain = openSimChain({ clock: createManualClock(1_700_000_000_000) });
  const w = createKeyWallet(Uint8Array.from(Buffer.from('33'.repeat(32), 'hex')), 'regtest');
  chain.mine(COINBASE_MATURITY + BLOCKS, { to: w.addressString });
  const coinbases = chain.listUnspent(w.addressString).sort((a, b) => a.height - b.height).slice(0, BLOCKS);
  // Fan out one coinbase per block into OPS_PER_BLOCK p2pkh outputs.
  const each = 1_000_000n;
  const fans = coinbases.map((cb) =>
    buildSignedTransaction(
      w,
      [{ txid: cb.txid, vout: cb.vout, value: cb.value, prevTx: chain.getRawTransaction(cb.txid)! }],
      Array.from({ length: OPS_PER_BLOCK }, () => ({ script: w.script, value: each })),
      { fee: 100_000n },
    ),
  );
  for (const f of fans) chain.sendRawTransaction(f.raw);
  chain.mine(1);
  const firstOpHeight = chain.tip().height + 1;
  const payload = new Uint8Array(77).fill(0x5a);
  const op = buildOpReturnScript('X2', '[', payload);
  const burn = { address: w.addressString, value: 10_000n };
  for (const fan of fans) {
    const txs: Uint8Array[] = [];
    for (let vout = 0; vout < OPS_PER_BLOCK; vout++) {
      txs.push(buildSignedTransaction(w, [{ txid: fan.txid, vout, value: each, prevTx: fan.raw }], [{ script: op, value: 0n }, burn], { fee: 5_000n }).raw);
    }
    chain.mine(1, { txs });
  }
  const raws: Uint8Array[] = [];
  for (let h = firstOpHeight; h <= chain.tip().height; h++) raws.push(chain.getRawBlockSync(chain.blockHashAt(h)!));
  return { chain, raws, firstOpHeight };
}

const { chain, raws, firstOpHeight } = buildChain();
const txRaws = raws.map((r) => decodeBlock(r).txs.map((t) => encodeTransaction(t)));
const check = parseBitcoinBlock(raws[0]!, firstOpHeight, 'regtest', 'X2');
if (check.txs.length !== OPS_PER_BLOCK) throw new Error(`bench setup: expected ${OPS_PER_BLOCK} ops, got ${check.txs.length}`);
const BYTES = raws.reduce((s, r) => s + r.length, 0);
console.log(`burnchain bench: ${BLOCKS} blocks, ${OPS_PER_BLOCK} burn ops each, ${(BYTES / BLOCKS / 1024).toFixed(1)} KiB a block`);

describe(`parse ${BLOCKS} blocks x ${OPS_PER_BLOCK} burn-op txs`, () => {
  bench('parseBitcoinBlock (decode, txids, merkle check, burn-op filter)', () => {
    raws.forEach((r, i) => parseBitcoinBlock(r, firstOpHeight + i, 'regtest', 'X2'));
  });
  bench('@scure/btc-signer Transaction.fromRaw over the same txs', () => {
    for (const block of txRaws) for (const t of block) Transaction.fromRaw(t, { allowUnknownOutputs: true, allowUnknownInputs: true, disableScriptCheck: true }).id;
  });
});

describe(`index ${BLOCKS} blocks x ${OPS_PER_BLOCK} burn-op txs from the simulated chain`, () => {
  bench('indexer.sync (in-memory headers)', async () => {
    let ops = 0;
    const ix = openBurnchainIndexer({ source: chain, network: 'regtest', magic: 'X2', firstBlockHeight: firstOpHeight, onBlock: (b) => void (ops += b.txs.length) });
    await ix.sync();
    ix.close();
    if (ops !== BLOCKS * OPS_PER_BLOCK) throw new Error(`indexed ${ops} ops`);
  });
});
