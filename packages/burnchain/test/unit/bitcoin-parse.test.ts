import { readFileSync } from 'node:fs';
import { Transaction } from '@scure/btc-signer';
import { describe, expect, it } from 'vitest';
import { addressFromString, addressToScript, addressToString, scriptToAddress } from '../../src/bitcoin/address.ts';
import { blockHeaderHash, checkProofOfWork, decodeBlock, decodeBlockHeader, encodeBlock, encodeBlockHeader, merkleRoot, targetFromBits } from '../../src/bitcoin/block.ts';
import { buildOpReturnScript, magicBytes, opReturnPayload, parseBitcoinBlock, parseBurnchainTransaction, parseOpReturnData } from '../../src/bitcoin/burn-tx.ts';
import { decodeTransaction, encodeTransaction } from '../../src/bitcoin/tx.ts';
import { reverseBytes } from '../../src/bitcoin/wire.ts';
import { isBurnchainError } from '../../src/errors.ts';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/reference-blocks.json', import.meta.url), 'utf8')) as {
  blocks: { block: string; header: string }[];
  txs: string[];
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const ID = magicBytes('id');

// Bitcoin's genesis block (mainnet), a fact every implementation agrees on.
const GENESIS_MAINNET_HEADER =
  '0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c';
const GENESIS_MAINNET_HASH = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';

function expectMalformed(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(isBurnchainError(e), String(e)).toBe(true);
    return;
  }
  throw new Error('expected a BurnchainError');
}

describe('block headers', () => {
  it('hashes the mainnet genesis header and checks its proof of work', () => {
    const h = decodeBlockHeader(unhex(GENESIS_MAINNET_HEADER));
    expect(hex(blockHeaderHash(h))).toBe(GENESIS_MAINNET_HASH);
    expect(h.time).toBe(1231006505);
    expect(h.bits).toBe(0x1d00ffff);
    expect(hex(h.merkleRoot)).toBe('4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b');
    expect(hex(encodeBlockHeader(h))).toBe(GENESIS_MAINNET_HEADER);
    expect(checkProofOfWork(h)).toBe(true);
    expect(checkProofOfWork({ ...h, nonce: h.nonce + 1 })).toBe(false);
  });

  it('decodes compact targets', () => {
    expect(targetFromBits(0x1d00ffff)).toBe(0xffffn << 208n);
    expect(targetFromBits(0x207fffff)).toBe(0x7fffffn << 232n);
    expect(targetFromBits(0x04123456)).toBe(0x12345600n);
    expect(targetFromBits(0x04923456)).toBe(null); // sign bit set
    expect(targetFromBits(0x01003456)).toBe(0n);
    expect(targetFromBits(0x04800000 | 0x123456)).toBe(null); // negative
  });

  it('rejects headers that are not 80 bytes', () => {
    expectMalformed(() => decodeBlockHeader(new Uint8Array(79)));
    expectMalformed(() => decodeBlockHeader(new Uint8Array(81)));
  });
});

describe('reference blocks (blocks.rs parse_block)', () => {
  it('parses the NAME_REGISTRATION block: one segwit-input burn tx at vtxindex 1', () => {
    const { block, header } = fixtures.blocks[0]!;
    const raw = decodeBlock(unhex(block));
    expect(hex(raw.hash)).toBe('7483b1104341d596c1d0d2499cb1821b0e078329deabc4e7504c016a5b393e08');
    expect(hex(blockHeaderHash(unhex(header)))).toBe(hex(raw.hash));
    const parsed = parseBitcoinBlock(block, 32, 'testnet', 'id');
    expect(parsed.blockHeight).toBe(32);
    expect(hex(parsed.parentBlockHash)).toBe('1dbc979696b7a853a962a6c0d42c41b47f57d9b6aa62c7d54d29f419cd4cef9c');
    expect(parsed.timestamp).toBe(1543267060);
    expect(parsed.txs).toHaveLength(1);
    const tx = parsed.txs[0]!;
    expect(hex(tx.txid)).toBe('b908952b30ccfdfa59985dc1ffdd2a22ef054d20fa253510d2af7797dddee459');
    expect(tx.vtxindex).toBe(1);
    expect(String.fromCharCode(tx.opcode)).toBe(':');
    expect(hex(tx.data)).toBe('666f6f2e74657374');
    expect(tx.dataAmt).toBe(0n);
    expect(hex(tx.inputs[0]!.txid)).toBe('9ec1e4c25610b96cc1afa2b00b2919ce31a7052081c069c586d72a72092befa7');
    expect(tx.inputs[0]!.vout).toBe(1);
    expect(tx.inputs[0]!.witness.map(hex)[1]).toBe('02d341f728783eb93e6fb5921a1ebe9d149e941de31e403cd69afa2f0f1e698e81');
    expect(tx.outputs.map((o) => o.units)).toEqual([5500n, 4993076500n]);
    expect(tx.outputs.map((o) => (o.address?.kind === 'legacy' ? [o.address.type, hex(o.address.hash160)] : null))).toEqual([
      ['p2sh', '4b85301ba8e42bf98472b8ed4939d5f76b98fcea'],
      ['p2sh', '31f8968eb1730c83fb58409a9a560a0a0835027f'],
    ]);
  });

  it('parses the TOKEN_TRANSFER block: five burn txs among fourteen', () => {
    const { block } = fixtures.blocks[1]!;
    const parsed = parseBitcoinBlock(unhex(block), 32, 'testnet', ID);
    expect(hex(parsed.blockHash)).toBe('4f3757bc236e58b87d6208aa795115002b739bf39268cf69640f0b092e8cdafe');
    expect(hex(parsed.parentBlockHash)).toBe('25af4b7151b77f6f8235bda83a8062fba621591beef57e18f4697c8b88a298ad');
    expect(parsed.timestamp).toBe(1543272755);
    expect(parsed.txs.map((t) => [hex(t.txid), t.vtxindex])).toEqual([
      ['13f2c54dbbe3d4d6ed6c9fd1a68fe3c4238ec5de50316d102a106553b57b8728', 2],
      ['7c7c60ae8617daeb351da01d0f683633e6778eb39b69e6e652b24ca0ce230291', 4],
      ['ae1cf8b812cf28ea96c7343dc7ee9ff2d8dfb2f441ab11c886dfcd56a0a1a2b4', 7],
      ['12fed1db482a35dba87535a13089692cea35a71bfb159b21d0a04be41219b2bd', 10],
      ['78035609a8733f214555cfec29e3eee1d24014863dc9f9d98092f6fbc5df63e8', 13],
    ]);
    for (const t of parsed.txs) {
      expect(String.fromCharCode(t.opcode)).toBe('$');
      expect(hex(t.data)).toBe('7c503a2e30a905cb515cfbc291766dfa00000000000000000000000000535441434b530000000000000064');
    }
    expect(hex(parsed.txs[0]!.inputs[0]!.txid)).toBe('f741c40e6ad746f96be5a483d45b874f37158302d4a5d71da4f874a349ff17c5');
    expect(parsed.txs[1]!.outputs.map((o) => o.units)).toEqual([5500n, 211500n]);
    // Round trip: re-encoding the decoded block reproduces the bytes.
    expect(hex(encodeBlock(decodeBlock(unhex(block))))).toBe(block);
  });

  it('rejects the block whose merkle root does not match', () => {
    const { block } = fixtures.blocks[2]!;
    // The reference's third fixture pairs a good block with a bad header; corrupt the block's own root instead.
    const bytes = unhex(block);
    bytes[40] = bytes[40]! ^ 1;
    expect(() => decodeBlock(bytes)).toThrowError(expect.objectContaining({ code: 'BURNCHAIN_MERKLE_MISMATCH' }));
  });
});

describe('reference transactions (blocks.rs parse_tx_test_2_1)', () => {
  const cases: [number, string, string, number, bigint[]][] = [
    [0, '185c112401590b11acdfea6bb26d2a8e37cb31f24a0c89dbb8cc14b3d6271fb1', '+', 3, [27500n, 70341n]],
    [3, 'eb2e84a45cf411e528185a98cd5fb45ed349843a83d39fd4dff2de47adad8c8f', '~', 2, [11000n, 1293677n]],
    [4, 'b908952b30ccfdfa59985dc1ffdd2a22ef054d20fa253510d2af7797dddee459', ':', 1, [5500n, 4993076500n]],
    [5, '16751ca54407b922e3072830cf4be58c5562a6dc350f6703192b673c4cc86182', '?', 1, [4993326000n, 6400000n]],
    [6, '8b8a12909d48fd86c06e92270133d320498fb36caa0fdcb3292a8bba99669ebd', '&', 1, [5500n, 4999444000n]],
  ];
  for (const [i, txid, op, nIn, units] of cases) {
    it(`parses ${txid.slice(0, 8)} (${op})`, () => {
      const raw = decodeTransaction(unhex(fixtures.txs[i]!));
      expect(hex(raw.txid)).toBe(txid);
      // Cross-check the txid against @scure/btc-signer.
      expect(Transaction.fromRaw(unhex(fixtures.txs[i]!), { allowUnknownOutputs: true, allowUnknownInputs: true, disableScriptCheck: true }).id).toBe(txid);
      expect(hex(encodeTransaction(raw))).toBe(fixtures.txs[i]);
      const t = parseBurnchainTransaction(raw, 4, 'mainnet', ID);
      expect(t).not.toBeNull();
      expect(String.fromCharCode(t!.opcode)).toBe(op);
      expect(t!.inputs).toHaveLength(nIn);
      expect(t!.outputs.map((o) => o.units)).toEqual(units);
    });
  }

  it('decodes the segwit p2wpkh output and its bech32 string as the reference does', () => {
    const t = parseBurnchainTransaction(decodeTransaction(unhex(fixtures.txs[6]!)), 4, 'mainnet', ID)!;
    expect(addressToString(t.outputs[0]!.address!)).toBe('bc1qsgynkc4rdxfg9kfxnqd76an9aquye2j4kdnk7c');
    expect(addressToString(t.outputs[1]!.address!)).toBe('1BaqZJqwt2dcdxt6oa3mwSK4DiEyfXCgnZ');
    // Before 2.1 the segwit output disqualifies the transaction.
    expect(parseBurnchainTransaction(decodeTransaction(unhex(fixtures.txs[6]!)), 4, 'mainnet', ID, { allowSegwitOutputs: false })).toBeNull();
  });

  it('rejects the wrong magic, a missing OP_RETURN and a coinbase', () => {
    for (const i of [1, 2, 7]) {
      expect(parseBurnchainTransaction(decodeTransaction(unhex(fixtures.txs[i]!)), 4, 'testnet', ID)).toBeNull();
    }
  });
});

describe('OP_RETURN recognition', () => {
  const m = magicBytes('X2');
  it('accepts one push of magic ‖ opcode ‖ data, minimal or not', () => {
    const script = buildOpReturnScript('X2', '[', Uint8Array.of(1, 2, 3));
    expect(hex(script)).toBe('6a0658325b010203');
    expect(parseOpReturnData(script, m)).toEqual({ opcode: 0x5b, data: Uint8Array.of(1, 2, 3) });
    expect(parseOpReturnData(unhex('6a4c0658325b010203'), m)?.opcode).toBe(0x5b);
    expect(parseOpReturnData(unhex('6a4d060058325b010203'), m)?.opcode).toBe(0x5b);
    expect(parseOpReturnData(unhex('6a4e0600000058325b010203'), m)?.opcode).toBe(0x5b);
    expect(parseOpReturnData(unhex('6a03583270'), m)).toEqual({ opcode: 0x70, data: new Uint8Array(0) });
    const long = buildOpReturnScript(m, 0x5b, new Uint8Array(80));
    expect(hex(long.subarray(0, 3))).toBe('6a4c53');
    expect(parseOpReturnData(long, m)?.data.length).toBe(80);
  });
  it('rejects everything else', () => {
    expect(parseOpReturnData(unhex('6a025832'), m)).toBeNull(); // magic only, no opcode
    expect(parseOpReturnData(unhex('6a03543270'), m)).toBeNull(); // other magic
    expect(parseOpReturnData(unhex('6a0358325b00'), m)).toBeNull(); // a second instruction
    expect(parseOpReturnData(unhex('6a0458325b'), m)).toBeNull(); // truncated push
    expect(parseOpReturnData(unhex('6a51'), m)).toBeNull(); // OP_1 is not a push
    expect(parseOpReturnData(unhex('6a'), m)).toBeNull();
    expect(parseOpReturnData(unhex('0003583270'), m)).toBeNull(); // not OP_RETURN
    expect(opReturnPayload(unhex('6a4c'))).toBeNull();
    expect(() => magicBytes('X')).toThrow();
    expect(() => buildOpReturnScript('X2', 256, new Uint8Array(0))).toThrow();
  });
});

describe('addresses', () => {
  const keyHash = unhex('395f3643cea07ec4eec73b4d9a973dcce56b9bf1');
  const prog32 = unhex('1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262');
  it('round-trips every standard type on every network against @scure/btc-signer', () => {
    for (const network of ['mainnet', 'testnet', 'regtest'] as const) {
      const addrs = [
        { kind: 'legacy', type: 'p2pkh', network, hash160: keyHash },
        { kind: 'legacy', type: 'p2sh', network, hash160: keyHash },
        { kind: 'segwit', network, version: 0, program: keyHash },
        { kind: 'segwit', network, version: 0, program: prog32 },
        { kind: 'segwit', network, version: 1, program: prog32 },
      ] as const;
      for (const a of addrs) {
        const script = addressToScript(a);
        expect(scriptToAddress(script, network)).toEqual(a);
        const s = addressToString(a);
        expect(addressFromString(s, network)).toEqual(a);
      }
    }
    expect(addressToString({ kind: 'segwit', network: 'regtest', version: 0, program: keyHash }).startsWith('bcrt1q')).toBe(true);
    expect(addressToString({ kind: 'legacy', type: 'p2pkh', network: 'testnet', hash160: keyHash })[0]).toMatch(/[mn]/);
    // BIP173/BIP350 test vectors.
    expect(addressFromString('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'mainnet')).toEqual({
      kind: 'segwit', network: 'mainnet', version: 0, program: unhex('751e76e8199196d454941c45d1b3a323f1433bd6'),
    });
  });
  it('rejects non-standard scripts and bad strings', () => {
    expect(scriptToAddress(unhex('76a914' + '00'.repeat(20) + '88ad'), 'mainnet')).toBeNull();
    expect(scriptToAddress(unhex('0014' + '00'.repeat(19)), 'mainnet')).toBeNull();
    expect(scriptToAddress(unhex('5220' + '00'.repeat(32)), 'mainnet')).toBeNull();
    expect(() => addressFromString('1BaqZJqwt2dcdxt6oa3mwSK4DiEyfXCgnZ', 'testnet')).toThrowError(expect.objectContaining({ code: 'BURNCHAIN_INVALID_ADDRESS' }));
    expect(() => addressFromString('nonsense', 'mainnet')).toThrowError(expect.objectContaining({ code: 'BURNCHAIN_INVALID_ADDRESS' }));
    expect(() => addressToScript({ kind: 'segwit', network: 'mainnet', version: 2, program: keyHash })).toThrow();
  });
});

describe('malformed bytes', () => {
  it('throws only BurnchainError on truncation, bad counts and trailing bytes', () => {
    const tx = unhex(fixtures.txs[0]!);
    for (let n = 0; n < tx.length; n += 7) expectMalformed(() => decodeTransaction(tx.subarray(0, n)));
    expectMalformed(() => decodeTransaction(Uint8Array.from([...tx, 0])));
    // An input count claiming more inputs than bytes remain is rejected before allocation.
    expectMalformed(() => decodeTransaction(unhex('01000000fe00ffffff')));
    expectMalformed(() => decodeTransaction(unhex('01000000ffffffffffffffffff')));
    // Non-canonical CompactSize.
    expectMalformed(() => decodeTransaction(unhex('01000000fd0100')));
    // Unknown segwit flag.
    expectMalformed(() => decodeTransaction(unhex('010000000002')));
    const block = unhex(fixtures.blocks[1]!.block);
    for (let n = 0; n < block.length; n += 97) expectMalformed(() => decodeBlock(block.subarray(0, n)));
    expectMalformed(() => parseBitcoinBlock('abc', 1, 'mainnet', 'X2'));
    expectMalformed(() => parseBitcoinBlock('zz', 1, 'mainnet', 'X2'));
  });

  it('survives random mutations with typed errors only', () => {
    const block = unhex(fixtures.blocks[0]!.block);
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    for (let k = 0; k < 300; k++) {
      const b = block.slice();
      for (let j = 0; j < 3; j++) b[rnd(b.length)] = rnd(256);
      try {
        decodeBlock(b);
      } catch (e) {
        expect(isBurnchainError(e), String(e)).toBe(true);
      }
    }
  });

  it('computes merkle roots with the odd-node rule', () => {
    const a = new Uint8Array(32).fill(1);
    expect(merkleRoot([a])).toEqual(a);
    expect(merkleRoot([a, a, a])).toEqual(merkleRoot([a, a, a, a]));
    expect(() => merkleRoot([])).toThrow();
  });
});

describe('burn-ops.json transactions (the envelope only; the ops themselves are @stacks-ts/sortition)', () => {
  const file = JSON.parse(readFileSync(new URL('../../../../test-vectors/burn-ops.json', import.meta.url), 'utf8')) as {
    vectors: { name: string; inputs?: { tx_hex?: string; vtxindex?: number }; expected?: { opstr_hex?: string; txid_be?: string; txid?: string } }[];
  };
  const withTx = file.vectors.filter((v) => v.inputs?.tx_hex !== undefined && v.expected?.opstr_hex !== undefined);
  it('has transactions to check', () => expect(withTx.length).toBeGreaterThanOrEqual(3));
  for (const v of withTx) {
    it(`${v.name}: magic ‖ opcode ‖ data is the vector's opstr`, () => {
      const raw = decodeTransaction(unhex(v.inputs!.tx_hex!));
      const t = parseBurnchainTransaction(raw, v.inputs!.vtxindex ?? 0, 'testnet', ID);
      expect(t).not.toBeNull();
      expect(hex(Uint8Array.from([...ID, t!.opcode, ...t!.data]))).toBe(v.expected!.opstr_hex);
      // `txid` is the display-order txid. `txid_be` is the argument the reference's fixture passes to
      // `Txid::from_bytes_be`, which reverses it (stacks-common macros.rs `from_vec_be`), so the
      // stored (display-order) txid is its reverse.
      if (v.expected!.txid !== undefined) expect(hex(t!.txid)).toBe(v.expected!.txid);
      if (v.expected!.txid_be !== undefined) expect(hex(reverseBytes(t!.txid))).toBe(v.expected!.txid_be);
    });
  }
});
