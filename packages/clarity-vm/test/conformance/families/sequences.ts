// Sequence functions over lists, buffers, string-ascii and string-utf8: list, map, filter, fold,
// append, concat, as-max-len?, len, element-at?, index-of?, slice?, replace-at? (and the Clarity 1
// names element-at / index-of), with empty sequences, out-of-range indexes and max-length typing.
import { ALL_COMBOS, CaseBuilder, UINT_MAX } from '../cases.ts';
import type { CorpusCase } from '../cases.ts';

/** One sequence of each kind, with its elements as Clarity source and as stacks.js repr. */
interface SeqKind {
  readonly name: string;
  readonly lit: (items: readonly string[]) => string;
  readonly items: readonly string[];
  readonly repr: (items: readonly string[]) => string;
  readonly elemRepr: (item: string) => string;
  readonly elemLit: (item: string) => string;
  /** Length of each element in the sequence's unit (chars for utf8). */
}

const KINDS: readonly SeqKind[] = [
  {
    name: 'list',
    lit: (xs) => `(list ${xs.join(' ')})`,
    items: ['10', '20', '30', '40'],
    repr: (xs) => `(list ${xs.join(' ')})`,
    elemRepr: (x) => x,
    elemLit: (x) => x,
  },
  {
    name: 'buff',
    lit: (xs) => `0x${xs.join('')}`,
    items: ['0a', '14', '1e', '28'],
    repr: (xs) => `0x${xs.join('')}`,
    elemRepr: (x) => `0x${x}`,
    elemLit: (x) => `0x${x}`,
  },
  {
    name: 'ascii',
    lit: (xs) => `"${xs.join('')}"`,
    items: ['a', 'b', 'c', 'd'],
    repr: (xs) => `"${xs.join('')}"`,
    elemRepr: (x) => `"${x}"`,
    elemLit: (x) => `"${x}"`,
  },
  {
    name: 'utf8',
    lit: (xs) => `u"${xs.map((x) => `\\u{${x}}`).join('')}"`,
    items: ['61', 'e9', '1F600', '4E2D'],
    repr: (xs) => `u"${xs.map((x) => String.fromCodePoint(parseInt(x, 16))).join('')}"`,
    elemRepr: (x) => `u"${String.fromCodePoint(parseInt(x, 16))}"`,
    elemLit: (x) => `u"\\u{${x}}"`,
  },
];

/** Builds the sequences family. */
export function sequencesCases(): CorpusCase[] {
  const b = new CaseBuilder('sequences');

  // the same index/slice/replace behaviour for each sequence kind
  for (const k of KINDS) {
    const s = k.lit(k.items);
    const n = k.items.length;
    b.ok(`${k.name}/len`, `(len ${s})`, `u${n}`);
    b.ok(`${k.name}/len-empty`, `(len ${k.lit([])})`, 'u0');
    for (const i of [0, 1, n - 1]) b.ok(`${k.name}/element-at-${i}`, `(element-at? ${s} u${i})`, `(some ${k.elemRepr(k.items[i]!)})`);
    for (const [name, i] of [['len', `u${n}`], ['len+1', `u${n + 1}`], ['umax', `u${UINT_MAX}`]] as const)
      b.ok(`${k.name}/element-at-${name}`, `(element-at? ${s} ${i})`, 'none');
    b.ok(`${k.name}/element-at-empty`, `(element-at? ${k.lit([])} u0)`, 'none');
    b.ok(`${k.name}/index-of-first`, `(index-of? ${s} ${k.elemLit(k.items[0]!)})`, '(some u0)');
    b.ok(`${k.name}/index-of-last`, `(index-of? ${s} ${k.elemLit(k.items[n - 1]!)})`, `(some u${n - 1})`);
    b.ok(`${k.name}/index-of-dup-returns-first`, `(index-of? ${k.lit([...k.items, ...k.items])} ${k.elemLit(k.items[2]!)})`, '(some u2)');
    // slice? windows, including the empty ones and those that run off the end
    const windows: readonly (readonly [number, number])[] = [[0, n], [0, 0], [1, 3], [n - 1, n], [2, 2], [n, n], [0, n + 1], [3, 1], [n + 1, n + 2]];
    for (const [l, r] of windows) {
      const fits = l <= r && r <= n && l < n;
      const emptyOk = l === r && l < n;
      const repr = fits || emptyOk ? `(some ${k.repr(k.items.slice(l, r))})` : 'none';
      b.ok(`${k.name}/slice-${l}-${r}`, `(slice? ${s} u${l} u${r})`, repr === `(some ${k.repr([])})` && k.name === 'list' ? '(some (list ))' : repr);
    }
    b.ok(`${k.name}/slice-empty-seq`, `(slice? ${k.lit([])} u0 u0)`, 'none');
    b.ok(`${k.name}/slice-umax`, `(slice? ${s} u0 u${UINT_MAX})`, 'none');
    for (const i of [0, n - 1]) {
      const replaced = k.items.map((x, j) => (j === i ? k.items[(i + 1) % n]! : x));
      b.ok(`${k.name}/replace-at-${i}`, `(replace-at? ${s} u${i} ${k.elemLit(k.items[(i + 1) % n]!)})`, `(some ${k.repr(replaced)})`);
    }
    b.ok(`${k.name}/replace-at-len`, `(replace-at? ${s} u${n} ${k.elemLit(k.items[0]!)})`, 'none');
    b.ok(`${k.name}/replace-at-umax`, `(replace-at? ${s} u${UINT_MAX} ${k.elemLit(k.items[0]!)})`, 'none');
    b.ok(`${k.name}/concat`, `(concat ${k.lit(k.items.slice(0, 2))} ${k.lit(k.items.slice(2))})`, k.repr(k.items));
    b.ok(`${k.name}/concat-empty-left`, `(concat ${k.lit([])} ${s})`, k.repr(k.items));
    b.ok(`${k.name}/concat-empty-both`, `(len (concat ${k.lit([])} ${k.lit([])}))`, 'u0');
    b.ok(`${k.name}/as-max-len-fits`, `(as-max-len? ${s} u${n})`, `(some ${k.repr(k.items)})`);
    b.ok(`${k.name}/as-max-len-too-short`, `(as-max-len? ${s} u${n - 1})`, 'none');
    b.ok(`${k.name}/as-max-len-zero-of-empty`, `(is-some (as-max-len? ${k.lit([])} u0))`, 'true');
  }
  // index-of? of a missing element and of empty sequences
  b.ok('list/index-of-missing', '(index-of? (list 1 2 3) 4)', 'none');
  b.ok('buff/index-of-missing', '(index-of? 0x010203 0x04)', 'none');
  b.ok('ascii/index-of-missing', '(index-of? "abc" "z")', 'none');
  b.ok('utf8/index-of-missing', '(index-of? u"abc" u"\\u{e9}")', 'none');
  b.ok('buff/index-of-empty-seq', '(index-of? 0x 0x01)', 'none');
  b.ok('ascii/index-of-empty-seq', '(index-of? "" "a")', 'none');
  b.static('list/index-of-empty-list-indeterminate', '(index-of? (list) 1)');
  b.static('ascii/index-of-two-chars', '(index-of? "abc" "bc")');
  b.static('buff/index-of-two-bytes', '(index-of? 0x010203 0x0203)');
  b.ok('ascii/index-of-empty-needle', '(index-of? "abc" "")', 'none');
  b.ok('list/index-of-none-element', '(index-of? (list (some 1) none) none)', '(some u1)');
  b.ok('list/index-of-tuple', '(index-of? (list {a: 1} {a: 2}) {a: 2})', '(some u1)');
  b.ok('list/index-of-list', '(index-of? (list (list 1) (list 2 3)) (list 2 3))', '(some u1)');

  // list construction and typing
  b.ok('list/empty', '(list)', '(list )');
  b.ok('list/nested-empty', '(list (list) (list 1))', '(list (list ) (list 1))');
  b.ok('list/optional-mix', '(list none (some 1))', '(list none (some 1))');
  b.ok('list/response-mix', '(list (ok 1) (err u1))', '(list (ok 1) (err u1))');
  b.ok('list/tuples', '(list {a: 1} {a: 2})', '(list (tuple (a 1)) (tuple (a 2)))');
  b.ok('list/strings-of-different-lengths', '(list "a" "bcd" "")', '(list "a" "bcd" "")');
  b.ok('list/buffers-of-different-lengths', '(list 0x 0x01 0x0203)', '(list 0x 0x01 0x0203)');
  b.static('list/mixed-int-uint', '(list 1 u1)');
  b.static('list/mixed-ascii-utf8', '(list "a" u"a")');
  b.static('list/mixed-tuple-shapes', '(list {a: 1} {b: 1})');
  b.static('list/mixed-list-element-types', '(list (list 1) (list u1))');

  // append
  b.ok('append/int', '(append (list 1 2) 3)', '(list 1 2 3)');
  b.ok('append/to-empty', '(append (list) 1)', '(list 1)');
  b.ok('append/list-of-lists', '(append (list (list 1)) (list 2 3))', '(list (list 1) (list 2 3))');
  b.ok('append/optional', '(append (list none) (some 1))', '(list none (some 1))');
  b.static('append/wrong-type', '(append (list 1 2) u3)');
  b.static('append/to-buffer', '(append 0x01 0x02)');
  b.static('append/to-string', '(append "ab" "c")');
  b.static('append/three-args', '(append (list 1) 2 3)');

  // concat typing
  b.static('concat/list-and-buffer', '(concat (list 1) 0x01)');
  b.static('concat/ascii-and-utf8', '(concat "a" u"b")');
  b.static('concat/list-element-types', '(concat (list 1) (list u1))');
  b.static('concat/one-arg', '(concat (list 1))');
  b.static('concat/three-args', '(concat "a" "b" "c")');
  b.static('concat/int', '(concat 1 2)');
  b.ok('concat/empty-list-left', '(concat (list) (list 1 2))', '(list 1 2)');
  b.ok('concat/empty-list-right', '(concat (list 1 2) (list))', '(list 1 2)');
  b.ok('concat/lists-of-strings', '(concat (list "a") (list "bb"))', '(list "a" "bb")');
  b.ok('concat/utf8-multibyte', '(len (concat u"\\u{1F600}" u"\\u{e9}"))', 'u2');

  // map
  b.ok('map/unary-native', '(map - (list 1 2 3))', '(list -1 -2 -3)');
  b.ok('map/binary-native', '(map + (list 1 2 3) (list 10 20 30))', '(list 11 22 33)');
  b.ok('map/shortest-list-wins', '(map + (list 1 2 3) (list 10))', '(list 11)');
  b.ok('map/three-lists', '(map + (list 1 2) (list 10 20) (list 100 200))', '(list 111 222)');
  b.static('map/len-is-special', '(map len (list 0x01 0x0203))');
  b.ok('map/not', '(map not (list true false))', '(list false true)');
  b.static('map/is-eq-is-special', '(map is-eq "aba" "abb")');
  b.ok('map/over-string-chars', '(define-private (same (a (string-ascii 1)) (b (string-ascii 1))) (is-eq a b)) (map same "aba" "abb")', '(list true true false)');
  b.ok('map/over-buffer-bytes', '(define-private (same (a (buff 1)) (b (buff 1))) (is-eq a b)) (map same 0x0102 0x0103)', '(list true false)');
  b.ok('map/user-function', '(define-private (sq (x int)) (* x x)) (map sq (list 1 2 3))', '(list 1 4 9)');
  b.ok('map/user-function-two-args', '(define-private (pair (a int) (b uint)) {a: a, b: b}) (map pair (list 1 2) (list u3 u4))', '(list (tuple (a 1) (b u3)) (tuple (a 2) (b u4)))');
  b.static('map/some-is-special', '(map some (list 1 2))');
  b.ok('map/to-int', '(map to-int (list u1 u2))', '(list 1 2)');
  b.ok('map/over-utf8', '(define-private (is-e (c (string-utf8 1))) (is-eq c u"\\u{e9}")) (map is-e u"a\\u{e9}")', '(list false true)');
  b.runtime('map/error-in-element', '(map / (list 1 2) (list 1 0))');
  b.static('map/wrong-arity', '(map + )');
  b.static('map/special-form', '(map if (list true) (list 1) (list 2))');
  b.static('map/function-type-mismatch', '(map not (list 1 2))');
  b.static('map/unknown-function', '(map nope (list 1))');
  b.static('map/empty-list-indeterminate', '(map + (list) (list))');
  b.static('map/user-function-wrong-arg', '(define-private (sq (x int)) (* x x)) (map sq (list u1))');
  b.static('map/user-function-wrong-arity', '(define-private (sq (x int)) (* x x)) (map sq (list 1) (list 2))');

  // filter
  b.ok('filter/native-not', '(filter not (list true false true false))', '(list false false)');
  b.ok('filter/user', '(define-private (pos (x int)) (> x 0)) (filter pos (list -1 2 -3 4))', '(list 2 4)');
  b.ok('filter/buffer', '(define-private (big (x (buff 1))) (> (buff-to-uint-be x) u1)) (filter big 0x010203)', '0x0203');
  b.ok('filter/string', '(define-private (not-a (c (string-ascii 1))) (not (is-eq c "a"))) (filter not-a "banana")', '"bnn"');
  b.ok('filter/utf8', '(define-private (not-e (c (string-utf8 1))) (not (is-eq c u"\\u{e9}"))) (filter not-e u"\\u{e9}t\\u{e9}")', 'u"t"');
  b.ok('filter/all-removed', '(define-private (no (x int)) false) (filter no (list 1 2))', '(list )');
  b.static('filter/non-bool-function', '(filter - (list 1 2))');
  b.static('filter/empty-list', '(filter not (list))');
  b.static('filter/is-some-special', '(filter is-some (list none (some 1)))');
  b.static('filter/three-args', '(filter not (list true) (list false))');

  // fold
  b.ok('fold/sum', '(fold + (list 1 2 3 4) 0)', '10');
  b.ok('fold/order', '(fold - (list 1 2 3) 0)', '2');
  b.static('fold/empty-list-indeterminate', '(define-private (add (x int) (acc int)) (+ x acc)) (fold add (list) 7)');
  b.ok('fold/empty-typed-list', '(define-private (add (x int) (acc int)) (+ x acc)) (fold add (unwrap-panic (slice? (list 1) u0 u0)) 7)', '7');
  b.ok('fold/user-accumulates-list', '(define-private (push (x int) (acc (list 10 int))) (unwrap-panic (as-max-len? (append acc x) u10))) (fold push (list 1 2 3) (list))', '(list 1 2 3)');
  b.ok('fold/string-reverse', '(define-private (rev (c (string-ascii 1)) (acc (string-ascii 10))) (unwrap-panic (as-max-len? (concat c acc) u10))) (fold rev "abc" "")', '"cba"');
  b.ok('fold/buffer-count', '(define-private (cnt (b (buff 1)) (acc uint)) (+ acc u1)) (fold cnt 0x010203 u0)', 'u3');
  b.ok('fold/max', '(define-private (mx (x int) (acc int)) (if (> x acc) x acc)) (fold mx (list 3 9 2) 0)', '9');
  b.runtime('fold/overflow', '(fold * (list 170141183460469231731687303715884105727 2) 1)');
  b.static('fold/accumulator-type-mismatch', '(fold + (list 1 2) u0)');
  b.static('fold/special-form-concat', '(fold concat (list "a" "b") "")');
  b.static('fold/two-args', '(fold + (list 1))');
  b.static('fold/wrong-function-arity', '(define-private (one (x int)) x) (fold one (list 1) 0)');

  // as-max-len? typing: the length must be a uint literal
  b.static('as-max-len/non-literal', '(as-max-len? (list 1 2) (+ u1 u1))');
  b.static('as-max-len/int-literal', '(as-max-len? (list 1 2) 2)');
  b.static('as-max-len/not-a-sequence', '(as-max-len? 1 u1)');
  b.ok('as-max-len/widens-for-append', '(let ((l (unwrap-panic (as-max-len? (list 1 2) u5)))) (append l 3))', '(list 1 2 3)');
  b.ok('as-max-len/larger-than-input', '(as-max-len? 0x0102 u100)', '(some 0x0102)');
  b.static('as-max-len/too-large', `(as-max-len? (list 1) u${UINT_MAX})`);

  // element-at? / index-of? / slice? / replace-at? typing
  b.static('element-at/int-index', '(element-at? (list 1 2) 0)');
  b.static('element-at/not-sequence', '(element-at? 5 u0)');
  b.static('slice/int-bounds', '(slice? "abc" 0 1)');
  b.static('slice/three-bounds', '(slice? "abc" u0 u1 u2)');
  b.static('replace-at/wrong-element-type', '(replace-at? (list 1 2) u0 u5)');
  b.static('replace-at/two-chars', '(replace-at? "abc" u0 "xy")');
  b.static('replace-at/two-bytes', '(replace-at? 0x0102 u0 0xffff)');
  b.static('replace-at/empty-list-indeterminate', '(replace-at? (list) u0 1)');
  b.ok('replace-at/nested-list', '(replace-at? (list (list 1) (list 2)) u0 (list 33))', '(some (list (list 33) (list 2)))');
  b.ok('replace-at/longer-inner-list-ok', '(replace-at? (list (list 1) (list 2 3)) u0 (list 4 5))', '(some (list (list 4 5) (list 2 3)))');
  b.static('replace-at/inner-list-too-long', '(replace-at? (list (list 1) (list 2)) u0 (list 4 5))');
  b.ok('slice/then-len', '(len (unwrap-panic (slice? (list 1 2 3 4 5) u1 u4)))', 'u3');
  b.ok('slice/of-utf8-multibyte', '(slice? u"a\\u{1F600}b" u1 u2)', '(some u"\u{1F600}")');

  // len typing
  b.static('len/int', '(len 5)');
  b.static('len/two-args', '(len "a" "b")');
  b.ok('len/nested-list-counts-outer', '(len (list (list 1 2) (list 3)))', 'u2');

  // Clarity 1 names and the Clarity 2 aliases
  b.across('alias/element-at', '(element-at (list 1 2) u1)', ALL_COMBOS, () => 'ok', { repr: '(some 2)' });
  b.across('alias/element-at?', '(element-at? (list 1 2) u1)', ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: '(some 2)' });
  b.across('alias/index-of', '(index-of (list 1 2) 2)', ALL_COMBOS, () => 'ok', { repr: '(some u1)' });
  b.across('alias/index-of?', '(index-of? (list 1 2) 2)', ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: '(some u1)' });
  b.across('gate/slice?', '(slice? "abc" u1 u2)', ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: '(some "b")' });
  b.across('gate/replace-at?', '(replace-at? "abc" u1 "z")', ALL_COMBOS, (c) => (c.clarity_version >= 2 ? 'ok' : 'static'), { repr: '(some "azc")' });
  return b.cases;
}
