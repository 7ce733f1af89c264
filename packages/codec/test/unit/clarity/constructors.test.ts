import { describe, expect, it } from 'vitest';
import { Cl } from '../../../src/clarity/constructors.ts';
import { clarityValueEquals } from '../../../src/clarity/equals.ts';
import { clarityTypeOf, isValidClarityValue } from '../../../src/clarity/type-of.ts';
import { typeSignatureToString } from '../../../src/clarity/type-signature.ts';
import { CodecError, CodecErrorCode } from '../../../src/errors.ts';

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof CodecError ? e.code : `non-CodecError: ${String(e)}`;
  }
  return 'no error';
}

describe('Cl', () => {
  it('builds integers from bigints, safe numbers and strings', () => {
    expect(Cl.int(-5)).toEqual({ type: 'int', value: -5n });
    expect(Cl.int('-0x0a')).toEqual({ type: 'int', value: -10n });
    expect(Cl.uint('123')).toEqual({ type: 'uint', value: 123n });
    expect(codeOf(() => Cl.uint('12a'))).toBe(CodecErrorCode.InvalidArgument);
    expect(codeOf(() => Cl.int(1.5))).toBe(CodecErrorCode.InvalidArgument);
  });

  it('parses principals', () => {
    const p = Cl.contractPrincipal('SP2JXKMSH007NPYAQHKJPQMAQYAD90NQGTVJVQ02B', 'token');
    expect(p.value.type).toBe('contract');
    expect(p.value.version).toBe(22);
    expect(p.value.hash160.length).toBe(20);
    expect(Cl.principal("'SP2JXKMSH007NPYAQHKJPQMAQYAD90NQGTVJVQ02B").value.type).toBe('standard');
    expect(codeOf(() => Cl.standardPrincipal('SP2JXKMSH007NPYAQHKJPQMAQYAD90NQGTVJVQ02B.token'))).toBe(CodecErrorCode.InvalidAddress);
    expect(codeOf(() => Cl.contractPrincipal('SP2JXKMSH007NPYAQHKJPQMAQYAD90NQGTVJVQ02B', '1bad'))).toBe(CodecErrorCode.InvalidName);
    expect(codeOf(() => Cl.standardPrincipal('not-an-address'))).toBe(CodecErrorCode.InvalidAddress);
  });

  it('checks string-ascii characters and buffer hex', () => {
    expect(codeOf(() => Cl.stringAscii('\u0000'))).toBe(CodecErrorCode.InvalidString);
    expect(codeOf(() => Cl.bufferFromHex('abc'))).toBe(CodecErrorCode.InvalidArgument);
    expect(Cl.bufferFromUtf8('hi').value).toEqual(Uint8Array.of(0x68, 0x69));
  });
});

describe('clarityValueEquals', () => {
  it('compares structurally, ignoring tuple field order', () => {
    const a = Cl.tuple({ x: Cl.list([Cl.some(Cl.bufferFromHex('00'))]), y: Cl.ok(Cl.none()) });
    const b = Cl.tuple({ y: Cl.ok(Cl.none()), x: Cl.list([Cl.some(Cl.bufferFromHex('00'))]) });
    expect(clarityValueEquals(a, b)).toBe(true);
    expect(clarityValueEquals(a, Cl.tuple({ x: Cl.list([]), y: Cl.ok(Cl.none()) }))).toBe(false);
    expect(clarityValueEquals(Cl.ok(Cl.int(1)), Cl.err(Cl.int(1)))).toBe(false);
    expect(clarityValueEquals(Cl.int(1), Cl.uint(1))).toBe(false);
    expect(clarityValueEquals(Cl.tuple({ a: Cl.int(1) }), Cl.tuple({ b: Cl.int(1) }))).toBe(false);
  });
});

describe('clarityTypeOf', () => {
  it('computes the reference type signature', () => {
    const v = Cl.list([Cl.ok(Cl.int(1)), Cl.err(Cl.stringAscii('no')), Cl.ok(Cl.int(2))]);
    expect(typeSignatureToString(clarityTypeOf(v))).toBe('(list 3 (response int (string-ascii 2)))');
    expect(typeSignatureToString(clarityTypeOf(Cl.list([Cl.none(), Cl.some(Cl.bufferFromHex('0011'))])))).toBe(
      '(list 2 (optional (buff 2)))',
    );
    expect(typeSignatureToString(clarityTypeOf(Cl.stringUtf8('é🌾')))).toBe('(string-utf8 2)');
  });

  it('rejects what the reference cannot construct', () => {
    expect(isValidClarityValue(Cl.list([Cl.int(1), Cl.uint(1)]))).toBe(false);
    expect(codeOf(() => clarityTypeOf(Cl.list([Cl.int(1), Cl.uint(1)])))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => clarityTypeOf({ type: 'tuple', value: {} }))).toBe(CodecErrorCode.InvalidValue);
    expect(codeOf(() => clarityTypeOf(Cl.list(Array.from({ length: 65536 }, () => Cl.uint(0)))))).toBe(CodecErrorCode.TooLarge);
    let deep = Cl.some(Cl.int(0));
    for (let i = 0; i < 100; i++) deep = Cl.some(deep);
    expect(codeOf(() => clarityTypeOf(deep))).toBe(CodecErrorCode.DepthExceeded);
  });
});
