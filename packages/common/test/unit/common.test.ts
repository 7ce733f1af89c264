import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CommonErrorCode,
  DEVNET,
  MAINNET,
  PEER_VERSION_EPOCH,
  StacksError,
  TESTNET,
  bytesToHex,
  bytesToUintBE,
  bytesToUtf8,
  compareBytes,
  concatBytes,
  createJsonLogger,
  createManualClock,
  createSeededRng,
  epochAtHeight,
  equalBytes,
  hexToBytes,
  isStacksError,
  networkParams,
  uintToBytesBE,
} from '../../src/index.ts';

describe('hex and bytes', () => {
  it('round-trips any bytes through hex', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => equalBytes(hexToBytes(bytesToHex(b)), b)));
  });
  it('accepts 0x and upper case, rejects odd length and bad digits with a typed error', () => {
    expect(bytesToHex(hexToBytes('0xABcd'))).toBe('abcd');
    for (const bad of ['abc', 'zz', '0x0g', 'é0']) {
      try {
        hexToBytes(bad);
        expect.unreachable(`accepted ${bad}`);
      } catch (err) {
        expect(isStacksError(err, CommonErrorCode.InvalidHex)).toBe(true);
      }
    }
  });
  it('compares like Rust slices and concatenates', () => {
    expect(compareBytes(hexToBytes('01'), hexToBytes('0100'))).toBe(-1);
    expect(compareBytes(hexToBytes('02'), hexToBytes('0100'))).toBe(1);
    expect(compareBytes(hexToBytes('0102'), hexToBytes('0102'))).toBe(0);
    expect(bytesToHex(concatBytes(hexToBytes('01'), new Uint8Array(0), hexToBytes('0203')))).toBe('010203');
  });
  it('decodes UTF-8 strictly', () => {
    expect(bytesToUtf8(hexToBytes('e282ac'))).toBe('€');
    expect(bytesToUtf8(hexToBytes('c3'))).toBeNull();
    expect(bytesToUtf8(hexToBytes('eda080'))).toBeNull(); // a lone surrogate is not UTF-8
    expect(bytesToUtf8(hexToBytes('efbbbf61'))).toBe('\ufeffa'); // a leading BOM is kept
  });
  it('converts big-endian integers and refuses ones that do not fit', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (v) => bytesToUintBE(uintToBytesBE(v, 8)) === v));
    expect(() => uintToBytesBE(256, 1)).toThrow(StacksError);
    expect(() => uintToBytesBE(-1, 4)).toThrow(StacksError);
  });
});

describe('StacksError', () => {
  it('carries a string code and metadata', () => {
    const e = new StacksError('X_CODE', 'msg', { a: 1 });
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('X_CODE');
    expect(e.meta).toEqual({ a: 1 });
    expect(isStacksError(e)).toBe(true);
    expect(isStacksError(e, 'OTHER')).toBe(false);
    expect(isStacksError(new Error('plain'))).toBe(false);
  });
});

describe('Rng and Clock', () => {
  it('a seeded rng is reproducible and in range', () => {
    const a = createSeededRng(42);
    const b = createSeededRng(42);
    const xs = Array.from({ length: 100 }, () => a.nextU32());
    expect(Array.from({ length: 100 }, () => b.nextU32())).toEqual(xs);
    expect(new Set(xs).size).toBeGreaterThan(95);
    const r = createSeededRng(7);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(10);
      expect(n >= 0 && n < 10).toBe(true);
      const f = r.next();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(createSeededRng(1).bytes(7)).toHaveLength(7);
    expect(bytesToHex(createSeededRng(1).bytes(16))).not.toBe(bytesToHex(createSeededRng(2).bytes(16)));
  });
  it('a manual clock fires timers in order and only when advanced', () => {
    const clock = createManualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 20);
    clock.setTimeout(() => fired.push('a'), 10);
    const cancel = clock.setTimeout(() => fired.push('never'), 15);
    cancel();
    clock.advance(5);
    expect(fired).toEqual([]);
    clock.advance(20);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(1025);
  });
});

describe('Logger', () => {
  it('writes structured JSON lines at or above its level', () => {
    const lines: string[] = [];
    const log = createJsonLogger({ level: 'info', write: (l) => lines.push(l) }).child({ component: 'test' });
    log.debug('hidden');
    log.info('shown', { height: 5n, hash: new Uint8Array([1, 2]) });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'shown', component: 'test', height: '5', hash: '0102' });
  });
});

describe('network parameters', () => {
  it('match the reference constants', () => {
    expect(MAINNET.chainId).toBe(1);
    expect(TESTNET.chainId).toBe(0x80000000);
    expect(MAINNET.peerNetworkId).toBe(0x17000000);
    expect(TESTNET.peerNetworkId).toBe(0xff000000);
    expect(MAINNET.peerVersion >>> 24).toBe(0x18);
    expect(TESTNET.peerVersion & 0xffffff00).toBe(0xfacade00 | 0);
    expect(DEVNET.chainId).toBe(TESTNET.chainId);
    expect(networkParams('devnet')).toBe(DEVNET);
    expect(() => networkParams('moon')).toThrow(StacksError);
  });
  it('mainnet epoch heights and peer bytes equal the mainnet_epochs vector in pox.json', () => {
    const pox = JSON.parse(readFileSync(new URL('../../../../test-vectors/pox.json', import.meta.url), 'utf8'));
    const expected = pox.vectors.find((v: { name: string }) => v.name === 'mainnet_epochs').expected as Record<string, [number | string, string]>;
    const ids: Record<string, string> = { '1.0': 'Epoch10', '2.0': 'Epoch20', '2.05': 'Epoch2_05', '2.1': 'Epoch21', '2.2': 'Epoch22', '2.3': 'Epoch23', '2.4': 'Epoch24', '2.5': 'Epoch25', '3.0': 'Epoch30', '3.1': 'Epoch31', '3.2': 'Epoch32', '3.3': 'Epoch33', '3.4': 'Epoch34', '4.0': 'Epoch40', '4.1': 'Epoch41' };
    for (const [name, [height, byte]] of Object.entries(expected)) {
      const id = ids[name]!;
      expect(PEER_VERSION_EPOCH[id as keyof typeof PEER_VERSION_EPOCH]).toBe(Number(byte));
      const epoch = MAINNET.epochs.find((e) => e.epochId === id);
      if (typeof height === 'number') expect(epoch?.startHeight).toBe(BigInt(height));
      else expect(epoch).toBeUndefined(); // 4.1 is unscheduled on mainnet
    }
  });
  it('finds the epoch at a height, epochs being contiguous', () => {
    expect(epochAtHeight(MAINNET, 867_867).epochId).toBe('Epoch30');
    expect(epochAtHeight(MAINNET, 867_866).epochId).toBe('Epoch25');
    expect(epochAtHeight(DEVNET, 10).epochId).toBe('Epoch33');
    for (const net of [MAINNET, TESTNET, DEVNET]) {
      const real = net.epochs.filter((e) => e.startHeight < e.endHeight);
      for (let i = 1; i < real.length; i++) expect(real[i]!.startHeight).toBe(real[i - 1]!.endHeight);
    }
  });
});
