import { hexToBytes } from '@stacks-ts/common';
import { describe, expect, it } from 'vitest';
import { decodeClarityValue } from '../../../src/clarity/codec.ts';
import { Cl } from '../../../src/clarity/constructors.ts';
import { clarityValueToDisplayString, clarityValueToRepr } from '../../../src/clarity/repr.ts';

const ADDRESS = 'SP2JXKMSH007NPYAQHKJPQMAQYAD90NQGTVJVQ02B';

describe('clarityValueToRepr', () => {
  it('prints every kind of value', () => {
    const v = Cl.tuple({
      a: Cl.int(-1),
      b: Cl.uint(1),
      c: Cl.bufferFromHex('74657374'),
      d: Cl.bool(true),
      e: Cl.some(Cl.bool(true)),
      f: Cl.none(),
      g: Cl.standardPrincipal(ADDRESS),
      h: Cl.contractPrincipal(ADDRESS, 'test'),
      i: Cl.ok(Cl.bool(true)),
      j: Cl.err(Cl.bool(false)),
      k: Cl.list([Cl.bool(true), Cl.bool(false)]),
      l: Cl.tuple({ b: Cl.bool(false), a: Cl.bool(true) }),
      m: Cl.stringAscii('hello world'),
      n: Cl.stringUtf8('hello \u{1234}'),
      o: Cl.list([]),
    });
    expect(clarityValueToRepr(v)).toBe(
      `(tuple (a -1) (b u1) (c 0x74657374) (d true) (e (some true)) (f none) (g '${ADDRESS}) (h '${ADDRESS}.test) ` +
        '(i (ok true)) (j (err false)) (k (list true false)) (l (tuple (a true) (b false))) (m "hello world") ' +
        '(n u"hello \\u{e188b4}") (o (list)))',
    );
    expect(clarityValueToDisplayString(v)).toBe(
      `(tuple (a -1) (b u1) (c 0x74657374) (d true) (e (some true)) (f none) (g ${ADDRESS}) (h ${ADDRESS}.test) ` +
        '(i (ok true)) (j (err false)) (k (true false)) (l (tuple (a true) (b false))) (m "hello world") ' +
        '(n u"hello \\u{e188b4}") (o ()))',
    );
  });

  it('escapes strings like Rust ascii::escape_default', () => {
    expect(clarityValueToRepr(Cl.stringAscii('a\tb\nc\rd\'e"f\\g\fh'))).toBe('"a\\tb\\nc\\rd\\\'e\\"f\\\\g\\x0ch"');
    expect(clarityValueToRepr(Cl.stringUtf8('é🌾\n"'))).toBe('u"\\u{c3a9}\\u{f09f8cbe}\\n\\""');
    expect(clarityValueToRepr(Cl.stringUtf8(''))).toBe('u""');
  });

  it('matches the stacks-encoding-native-js repr of a decoded value', () => {
    expect(clarityValueToRepr(decodeClarityValue(hexToBytes('0a010000000000000000000000116c7a7446')))).toBe('(some u74834408518)');
  });
});
