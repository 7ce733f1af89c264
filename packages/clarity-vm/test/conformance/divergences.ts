// Where the oracle (clarinet's WASM build of the interpreter) is known to answer differently from
// the reference node, with the node's answer. A case carrying one of these in its `divergence`
// field is compared against the node's answer (compare.ts `expectedAnswer`), never skipped, and
// corpus.test.ts fails if the oracle ever starts giving the node's answer (then drop the field).
import type { OracleDivergence } from './cases.ts';

/**
 * secp256k1-verify: the oracle's WASM build verifies with the pure-Rust `libsecp256k1` crate,
 * which accepts high-S signatures; the node's native build (`secp256k1` / libsecp256k1 C,
 * `verify_ecdsa`) rejects them, as the reference documents for `secp256k1-verify`: `false`.
 */
export const HIGH_S: OracleDivergence = {
  reason: 'secp256k1-verify: the WASM oracle accepts high-S signatures, the native node rejects them (false)',
  node: { ok: true, result_hex: '0x04' },
};

/**
 * Parser v1 at epoch 2.05: the oracle's SDK is built with clarinet's `devtools` feature, under
 * which `parse_in_epoch` / `build_ast_with_diagnostics` always run parser v2
 * (clarity/src/vm/ast/mod.rs lines 65-67 and 140-146). The node parses epoch 2.05 code with
 * parser v1 (same file, lines 72-76 and 149-160), whose lexer requires whitespace after a tuple
 * colon (clarity/src/vm/ast/parser/v1.rs line 241, `LexContext::ExpectClosingColon`, error
 * `SeparatorExpectedAfterColon`): the node rejects `{a:1}` statically, and so do we.
 */
export const ORACLE_PARSER_V2: OracleDivergence = {
  reason:
    'epoch 2.05 parsing: the oracle (clarinet devtools build) always uses parser v2; the node uses parser v1, ' +
    'which needs whitespace after a tuple colon (ast/parser/v1.rs ExpectClosingColon: SeparatorExpectedAfterColon)',
  node: { ok: false, error_kind: 'static' },
};
