import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecErrorCode, isCodecError } from '../../../src/errors.ts';
import type { PrincipalData } from '../../../src/clarity/types.ts';
import { parsePrincipal, principalToString } from '../../../src/address/principal.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(isCodecError(err), String(err)).toBe(true);
    return (err as { code: string }).code;
  }
  return undefined;
}

const hash = fc.uint8Array({ minLength: 20, maxLength: 20 });
const version = fc.integer({ min: 0, max: 31 });
const contractName = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/);

const principal: fc.Arbitrary<PrincipalData> = fc.oneof(
  fc.record({ type: fc.constant('standard' as const), version, hash160: hash }),
  fc.record({ type: fc.constant('contract' as const), version, hash160: hash, contractName }),
);

describe('principals as strings', () => {
  it('round trip', () => {
    fc.assert(
      fc.property(principal, (p) => {
        expect(parsePrincipal(principalToString(p))).toEqual(p);
        expect(parsePrincipal(`'${principalToString(p)}`)).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it('parses the boot contract principal', () => {
    expect(parsePrincipal('ST000000000000000000002AMW42H.pox-4')).toEqual({
      type: 'contract',
      version: 26,
      hash160: new Uint8Array(20),
      contractName: 'pox-4',
    });
    expect(principalToString({ type: 'standard', version: 22, hash160: new Uint8Array(20) })).toBe('SP000000000000000000002Q6VF78');
  });

  it('never throws anything but INVALID_ADDRESS / INVALID_NAME on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ maxLength: 30 }).map((n) => `SP000000000000000000002Q6VF78.${n}`)), (s) => {
        const code = codeOf(() => parsePrincipal(s));
        if (code !== undefined) expect([CodecErrorCode.InvalidAddress, CodecErrorCode.InvalidName]).toContain(code);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects bad addresses and bad contract names', () => {
    expect(codeOf(() => parsePrincipal('SP000000000000000000002Q6VF79'))).toBe(CodecErrorCode.InvalidAddress);
    expect(codeOf(() => parsePrincipal('.pox'))).toBe(CodecErrorCode.InvalidAddress);
    expect(codeOf(() => parsePrincipal(''))).toBe(CodecErrorCode.InvalidAddress);
    for (const name of ['', '1abc', 'a.b', 'a b', 'ä']) {
      expect(codeOf(() => parsePrincipal(`SP000000000000000000002Q6VF78.${name}`)), name).toBe(CodecErrorCode.InvalidName);
    }
  });
});
