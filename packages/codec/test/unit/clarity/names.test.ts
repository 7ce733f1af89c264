import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../../../src/bytes.ts';
import {
  CONTRACT_MAX_NAME_LENGTH,
  isDeployableContractName,
  isValidClarityName,
  isValidContractName,
  readClarityName,
  readContractName,
  writeClarityName,
  writeContractName,
} from '../../../src/clarity/names.ts';
import { CodecError, CodecErrorCode } from '../../../src/errors.ts';

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof CodecError ? e.code : `non-CodecError: ${String(e)}`;
  }
  return 'no error';
}

function encodedName(s: string): Uint8Array {
  return Uint8Array.of(s.length, ...Array.from(s, (c) => c.charCodeAt(0)));
}

describe('Clarity names', () => {
  it('follows CLARITY_NAME_REGEX', () => {
    for (const ok of ['a', 'abc-def', 'x1', 'is-ok?', 'set!', 'a_b', 'a+b', 'a<=b', 'a*', 'a/b', '+', '-', '*', '/', '=', '<', '>', '<=', '>=']) {
      expect(isValidClarityName(ok), ok).toBe(true);
    }
    for (const bad of ['', '1a', '_a', '-a', 'a b', 'a.b', 'a:b', '==', '<<', '=>', '+-', 'é', 'a\n', '__proto__', 'a#']) {
      expect(isValidClarityName(bad), bad).toBe(false);
    }
    expect(isValidClarityName('a'.repeat(128))).toBe(true);
    expect(isValidClarityName('a'.repeat(129))).toBe(false);
  });

  it('reads and writes u8 length + ASCII', () => {
    const w = new ByteWriter();
    writeClarityName(w, 'get-balance');
    expect(bytesToHex(w.toBytes())).toBe('0b6765742d62616c616e6365');
    expect(readClarityName(new ByteReader(w.toBytes()))).toBe('get-balance');
  });

  it('rejects bad names, over-long names and truncation with CodecError', () => {
    expect(codeOf(() => readClarityName(new ByteReader(encodedName('1x'))))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => readClarityName(new ByteReader(hexToBytes('01ff'))))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => readClarityName(new ByteReader(hexToBytes('81'))))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => readClarityName(new ByteReader(hexToBytes('0361'))))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => readClarityName(new ByteReader(new Uint8Array(0))))).toBe(CodecErrorCode.UnexpectedEof);
    expect(codeOf(() => writeClarityName(new ByteWriter(), 'no spaces'))).toBe(CodecErrorCode.InvalidName);
  });
});

describe('contract names', () => {
  it('follows CONTRACT_NAME_REGEX (up to 128 characters, or __transient)', () => {
    for (const ok of ['a', 'pox-4', 'SIP_010', '__transient', `a${'b'.repeat(127)}`]) expect(isValidContractName(ok), ok).toBe(true);
    for (const bad of ['', '1a', '-a', 'a.b', 'a?', 'a!', '__transient2', '_a', `a${'b'.repeat(128)}`]) {
      expect(isValidContractName(bad), bad).toBe(false);
    }
  });

  it('the stand-alone codec takes 1 to 40 characters, as ContractName::consensus_deserialize', () => {
    expect(CONTRACT_MAX_NAME_LENGTH).toBe(40);
    const forty = `a${'b'.repeat(39)}`;
    expect(isDeployableContractName(forty)).toBe(true);
    expect(isDeployableContractName(`${forty}c`)).toBe(false);
    expect(readContractName(new ByteReader(encodedName(forty)))).toBe(forty);
    expect(codeOf(() => readContractName(new ByteReader(encodedName(`${forty}c`))))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => readContractName(new ByteReader(hexToBytes('00'))))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => readContractName(new ByteReader(encodedName('a.b'))))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => writeContractName(new ByteWriter(), `${forty}c`))).toBe(CodecErrorCode.InvalidName);
    const w = new ByteWriter();
    writeContractName(w, 'pox-4');
    expect(bytesToHex(w.toBytes())).toBe('05706f782d34');
  });
});
