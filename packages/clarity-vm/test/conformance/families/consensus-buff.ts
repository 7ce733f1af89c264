// to-consensus-buff? and from-consensus-buff? (Clarity 2): SIP-005 bytes of every value type
// (checked against @stacks-ts/codec's encoder), typed decoding that rejects wrong types, trailing
// bytes, over-long sequences and invalid strings.
import { Cl, encodeClarityValue } from '@stacks-ts/codec';
import type { ClarityValue } from '@stacks-ts/codec';
import { ALL_COMBOS, CaseBuilder, DEPLOYER, INT_MAX, INT_MIN, UINT_MAX } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';
import { toHex } from '../fixtures.ts';

const hexOf = (v: ClarityValue): string => `0x${toHex(encodeClarityValue(v))}`;

/** Builds the consensus-buff family. */
export function consensusBuffCases(): CorpusCase[] {
  const b = new CaseBuilder('consensus-buff');

  // value source, codec value, its type (for the round trip)
  const values: readonly (readonly [string, string, ClarityValue, string])[] = [
    ['int-5', '5', Cl.int(5), 'int'],
    ['int--1', '-1', Cl.int(-1), 'int'],
    ['int-max', `${INT_MAX}`, Cl.int(INT_MAX), 'int'],
    ['int-min', `${INT_MIN}`, Cl.int(INT_MIN), 'int'],
    ['uint-0', 'u0', Cl.uint(0), 'uint'],
    ['uint-max', `u${UINT_MAX}`, Cl.uint(UINT_MAX), 'uint'],
    ['true', 'true', Cl.bool(true), 'bool'],
    ['false', 'false', Cl.bool(false), 'bool'],
    ['some-int', '(some 1)', Cl.some(Cl.int(1)), '(optional int)'],
    ['ok-uint', '(ok u1)', Cl.ok(Cl.uint(1)), '(response uint int)'],
    ['err-bool', '(err true)', Cl.err(Cl.bool(true)), '(response int bool)'],
    ['buff-empty', '0x', Cl.bufferFromHex(''), '(buff 1)'],
    ['buff-2', '0x0102', Cl.bufferFromHex('0102'), '(buff 2)'],
    ['ascii-empty', '""', Cl.stringAscii(''), '(string-ascii 1)'],
    ['ascii-abc', '"abc"', Cl.stringAscii('abc'), '(string-ascii 3)'],
    ['utf8-e-acute', 'u"\\u{e9}"', { type: 'string-utf8', value: '\u00e9' } as ClarityValue, '(string-utf8 1)'],
    ['utf8-emoji', 'u"a\\u{1F600}"', { type: 'string-utf8', value: 'a\u{1F600}' } as ClarityValue, '(string-utf8 2)'],
    ['list-ints', '(list 1 2)', Cl.list([Cl.int(1), Cl.int(2)]), '(list 2 int)'],
    ['tuple', '{a: 1, b: u2}', Cl.tuple({ a: Cl.int(1), b: Cl.uint(2) }), '{a: int, b: uint}'],
    ['tuple-sorted-keys', '{zz: 1, a: 2, m: 3}', Cl.tuple({ zz: Cl.int(1), a: Cl.int(2), m: Cl.int(3) }), '{zz: int, a: int, m: int}'],
    ['principal-standard', `'${DEPLOYER}`, Cl.standardPrincipal(DEPLOYER), 'principal'],
    ['principal-contract', `'${DEPLOYER}.token`, Cl.contractPrincipal(DEPLOYER, 'token'), 'principal'],
    ['nested', '(some (list {a: (ok none)}))', Cl.some(Cl.list([Cl.tuple({ a: Cl.ok(Cl.none()) })])), '(optional (list 1 {a: (response (optional int) int)}))'],
  ];
  for (const [name, src, value, type] of values) {
    const hex = hexOf(value);
    b.ok(`to/${name}`, `(to-consensus-buff? ${src})`, `(some ${hex})`);
    b.ok(`roundtrip/${name}`, `(is-eq (from-consensus-buff? ${type} (unwrap-panic (to-consensus-buff? ${src}))) (some ${src}))`, 'true');
    b.ok(`from/${name}`, `(from-consensus-buff? ${type} ${hex})`, undefined);
  }
  b.static('to/empty-list-indeterminate', '(to-consensus-buff? (list))');
  b.ok('to/empty-typed-list', '(to-consensus-buff? (unwrap-panic (slice? (list 1) u0 u0)))', '(some 0x0b00000000)');
  b.ok('to/none', '(to-consensus-buff? none)', '(some 0x09)');
  b.ok('to/err-none', '(to-consensus-buff? (err none))', '(some 0x0809)');
  b.ok('to/len-of-int', '(len (unwrap-panic (to-consensus-buff? 1)))', 'u17');

  // decoding with the wrong type, extra or missing bytes, or out-of-bounds contents gives none
  const rejects: readonly (readonly [string, string, string])[] = [
    ['int-as-uint', 'uint', hexOf(Cl.int(5))],
    ['uint-as-int', 'int', hexOf(Cl.uint(5))],
    ['trailing-byte', 'int', `${hexOf(Cl.int(5))}00`],
    ['truncated', 'int', hexOf(Cl.int(5)).slice(0, -2)],
    ['unknown-prefix', 'int', '0xff'],
    ['bool-bad-byte', 'bool', '0x05'],
    ['buff-too-long-for-type', '(buff 2)', hexOf(Cl.bufferFromHex('010203'))],
    ['ascii-too-long-for-type', '(string-ascii 2)', hexOf(Cl.stringAscii('abc'))],
    ['ascii-non-ascii-byte', '(string-ascii 2)', '0x0d00000001ff'],
    ['ascii-control-char', '(string-ascii 2)', '0x0d0000000107'],
    ['utf8-invalid', '(string-utf8 2)', '0x0e00000001ff'],
    ['utf8-too-long-for-type', '(string-utf8 1)', hexOf({ type: 'string-utf8', value: 'ab' } as ClarityValue)],
    ['list-too-long-for-type', '(list 2 int)', hexOf(Cl.list([Cl.int(1), Cl.int(2), Cl.int(3)]))],
    ['list-wrong-element', '(list 2 int)', hexOf(Cl.list([Cl.uint(1)]))],
    ['tuple-missing-field', '{a: int, b: int}', hexOf(Cl.tuple({ a: Cl.int(1) }))],
    ['tuple-wrong-field-type', '{a: int}', hexOf(Cl.tuple({ a: Cl.uint(1) }))],
    ['optional-wrong-inner', '(optional int)', hexOf(Cl.some(Cl.uint(1)))],
    ['response-wrong-err', '(response int int)', hexOf(Cl.err(Cl.uint(1)))],
    ['principal-as-buff', '(buff 30)', hexOf(Cl.standardPrincipal(DEPLOYER))],
    ['length-prefix-overflows', '(buff 10)', '0x02ffffffff00'],
  ];
  for (const [name, type, hex] of rejects) b.ok(`from-rejects/${name}`, `(from-consensus-buff? ${type} ${hex})`, 'none');
  // an empty buffer makes the cost function itself fail (log2 of 0 in cost_from_consensus_buff)
  b.across('from-empty-buffer-cost-error', '(from-consensus-buff? int 0x)', ALL_COMBOS.filter((c) => c.clarity_version >= 2), () => 'runtime');
  // a serialized tuple with a field the type lacks: the extra field is dropped (value sanitizing)
  b.across('from-tuple-extra-field', `(from-consensus-buff? {a: int} ${hexOf(Cl.tuple({ a: Cl.int(1), b: Cl.int(2) }))})`, ALL_COMBOS.filter((c) => c.clarity_version >= 2), () => 'ok');
  // accepted oddities worth pinning down
  b.ok('from/tuple-unsorted-keys', `(from-consensus-buff? {a: int, b: int} 0x0c0000000201620000000000000000000000000000000002016100000000000000000000000000000001)`, undefined);
  b.ok('from/buff-shorter-than-type', `(from-consensus-buff? (buff 10) ${hexOf(Cl.bufferFromHex('01'))})`, '(some 0x01)');
  b.ok('from/optional-none', '(from-consensus-buff? (optional int) 0x09)', '(some none)');
  b.ok('from/mainnet-principal', `(is-some (from-consensus-buff? principal 0x0516${'00'.repeat(20)}))`, 'true');
  b.ok('from/list-empty', '(from-consensus-buff? (list 5 int) 0x0b00000000)', '(some (list ))');
  b.ok('from/ascii-empty-into-larger-type', '(from-consensus-buff? (string-ascii 5) 0x0d00000000)', '(some "")');

  // static errors
  b.static('from/type-not-literal', '(from-consensus-buff? (+ 1 2) 0x00)');
  b.static('from/not-a-buffer', '(from-consensus-buff? int "abc")');
  b.static('from/unknown-type', '(from-consensus-buff? integer 0x00)');
  b.static('from/one-arg', '(from-consensus-buff? int)');
  b.static('to/two-args', '(to-consensus-buff? 1 2)');
  b.static('to/indeterminate', '(to-consensus-buff? (list))');

  b.across('gate/to', '(to-consensus-buff? u1)', ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: `(some ${hexOf(Cl.uint(1))})` });
  b.across('gate/from', `(from-consensus-buff? uint ${hexOf(Cl.uint(1))})`, ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: '(some u1)' });
  return b.cases;
}
