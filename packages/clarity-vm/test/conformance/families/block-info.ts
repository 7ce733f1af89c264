// Block and chain information: get-block-info?, get-stacks-block-info?, get-tenure-info?,
// get-burn-block-info?, at-block, and the chain keywords of each version. Heights, hashes and
// times are the oracle's own simnet model, so these cases check types, relations, absent blocks,
// constants of the genesis (chain id, network, liquid supply) and version gates, not exact heights.
import { ALL_COMBOS, C2, C3, C4, CaseBuilder, LATEST_COMBOS } from '../cases.ts';
import type { CorpusCase, VersionCombo } from '../cases.ts';

const FAR = 'u4000000000';

/** Builds the block-info family. */
export function blockInfoCases(): CorpusCase[] {
  const b = new CaseBuilder('block-info');
  const at = (name: string, expr: string, repr: string | undefined, combo: VersionCombo): void =>
    b.add(name, expr, 'ok', { fresh: true, combo, ...(repr === undefined ? {} : { repr }) });

  // get-block-info? (Clarity 1 and 2)
  for (const combo of [{ epoch: '2.05', clarity_version: 1 } as const, C2, { epoch: '3.3', clarity_version: 2 } as const]) {
    const tag = `${combo.epoch}-c${combo.clarity_version}`;
    at(`get-block-info/genesis-id-exists@${tag}`, '(is-some (get-block-info? id-header-hash u0))', 'true', combo);
    at(`get-block-info/future-is-none@${tag}`, `(get-block-info? id-header-hash ${FAR})`, 'none', combo);
    // (in epoch 3 a Clarity 1/2 `block-height` is the tenure height, whose block does exist)
    if (combo.epoch !== '3.3') at(`get-block-info/current-is-none@${tag}`, '(get-block-info? id-header-hash block-height)', 'none', combo);
    at(`get-block-info/future-time-none@${tag}`, `(get-block-info? time ${FAR})`, 'none', combo);
    at(`get-block-info/header-hash-len@${tag}`, '(len (default-to 0x (get-block-info? id-header-hash u0)))', 'u32', combo);
    at(`keywords/block-height-positive@${tag}`, '(> block-height u0)', 'true', combo);
    at(`keywords/burn-block-height-type@${tag}`, '(>= burn-block-height u0)', 'true', combo);
    for (const prop of ['header-hash', 'burnchain-header-hash', 'id-header-hash', 'miner-address', 'time', 'vrf-seed'])
      at(`get-block-info/prop-${prop}-future@${tag}`, `(is-none (get-block-info? ${prop} ${FAR}))`, 'true', combo);
  }
  for (const prop of ['block-reward', 'miner-spend-total', 'miner-spend-winner'])
    at(`get-block-info/prop-${prop}-future-c2`, `(is-none (get-block-info? ${prop} ${FAR}))`, 'true', C2);
  b.static('get-block-info/c2-property-in-c1', `(get-block-info? block-reward ${FAR})`, { combo: { epoch: '2.05', clarity_version: 1 } });
  b.static('get-block-info/unknown-property', '(get-block-info? nonce u0)', { combo: C2 });
  b.static('get-block-info/int-height', '(get-block-info? time 0)', { combo: C2 });
  b.static('get-block-info/property-not-a-name', '(get-block-info? "time" u0)', { combo: C2 });
  b.static('get-block-info/one-arg', '(get-block-info? time)', { combo: C2 });

  // get-stacks-block-info? / get-tenure-info? (Clarity 3)
  for (const combo of [C3, C4]) {
    const tag = `c${combo.clarity_version}`;
    at(`get-stacks-block-info/genesis-id-exists@${tag}`, '(is-some (get-stacks-block-info? id-header-hash u0))', 'true', combo);
    at(`get-stacks-block-info/future-is-none@${tag}`, `(get-stacks-block-info? id-header-hash ${FAR})`, 'none', combo);
    at(`get-stacks-block-info/current-is-none@${tag}`, '(get-stacks-block-info? id-header-hash stacks-block-height)', 'none', combo);
    for (const prop of ['id-header-hash', 'header-hash', 'time'])
      at(`get-stacks-block-info/prop-${prop}-future@${tag}`, `(is-none (get-stacks-block-info? ${prop} ${FAR}))`, 'true', combo);
    for (const prop of ['burnchain-header-hash', 'miner-address', 'time', 'vrf-seed', 'block-reward', 'miner-spend-total', 'miner-spend-winner'])
      at(`get-tenure-info/prop-${prop}-future@${tag}`, `(is-none (get-tenure-info? ${prop} ${FAR}))`, 'true', combo);
    at(`keywords/stacks-block-height-positive@${tag}`, '(> stacks-block-height u0)', 'true', combo);
    at(`keywords/tenure-not-above-stacks-height@${tag}`, '(<= tenure-height stacks-block-height)', 'true', combo);
    at(`keywords/burn-height-type@${tag}`, '(>= burn-block-height u0)', 'true', combo);
  }
  b.static('get-stacks-block-info/miner-address-not-a-property', '(get-stacks-block-info? miner-address u0)', { combo: C3 });
  b.static('get-stacks-block-info/vrf-seed-not-a-property', '(get-stacks-block-info? vrf-seed u0)', { combo: C3 });
  b.static('get-tenure-info/id-header-hash-not-a-property', '(get-tenure-info? id-header-hash u0)', { combo: C3 });
  b.static('get-tenure-info/header-hash-not-a-property', '(get-tenure-info? header-hash u0)', { combo: C3 });
  b.static('get-stacks-block-info/int-height', '(get-stacks-block-info? time 1)', { combo: C3 });

  // get-burn-block-info? (Clarity 2)
  for (const combo of [C2, C3, C4]) {
    const tag = `c${combo.clarity_version}`;
    at(`get-burn-block-info/future-header-none@${tag}`, `(get-burn-block-info? header-hash ${FAR})`, 'none', combo);
    at(`get-burn-block-info/future-pox-addrs-none@${tag}`, `(get-burn-block-info? pox-addrs ${FAR})`, 'none', combo);
    at(`get-burn-block-info/genesis-header-exists@${tag}`, '(is-some (get-burn-block-info? header-hash u0))', 'true', combo);
  }
  b.static('get-burn-block-info/unknown-property', '(get-burn-block-info? time u0)', { combo: C4 });
  b.static('get-burn-block-info/int-height', '(get-burn-block-info? header-hash 0)', { combo: C4 });

  // constants of the oracle's genesis: a testnet chain
  for (const combo of LATEST_COMBOS) {
    const tag = `${combo.epoch}-c${combo.clarity_version}`;
    at(`keywords/stx-liquid-supply@${tag}`, 'stx-liquid-supply', 'u300000000000000', combo);
    at(`keywords/is-in-regtest@${tag}`, 'is-in-regtest', 'false', combo);
    at(`keywords/tx-sender-is-deployer@${tag}`, 'tx-sender', 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM', combo);
    if (combo.clarity_version >= 2) {
      at(`keywords/chain-id@${tag}`, 'chain-id', 'u2147483648', combo);
      at(`keywords/is-in-mainnet@${tag}`, 'is-in-mainnet', 'false', combo);
      at(`keywords/tx-sponsor@${tag}`, 'tx-sponsor?', 'none', combo);
    }
  }
  at('keywords/stacks-block-time-positive', '(> stacks-block-time u0)', 'true', C4);
  at('keywords/current-contract', 'current-contract', 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.expr-0', C4);
  b.add('keywords/current-contract-in-contract', '(contract-call? .contract me)', 'ok', { contract: '(define-read-only (me) current-contract)', combo: C4, repr: 'ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.contract' });

  // at-block: evaluates read-only code against an earlier block (Clarity 1 to 4)
  at('at-block/genesis-pure-expression', '(at-block (unwrap-panic (get-stacks-block-info? id-header-hash u0)) (+ 1 2))', '3', C3);
  at('at-block/genesis-c2', '(at-block (unwrap-panic (get-block-info? id-header-hash u0)) (* 2 3))', '6', C2);
  b.static('at-block/body-writes', '(define-data-var v int 0) (at-block (unwrap-panic (get-stacks-block-info? id-header-hash u0)) (var-set v 1))', { combo: C3 });
  b.runtime('at-block/short-hash', '(at-block 0x00 1)', { combo: C3 });
  b.static('at-block/string-hash', '(at-block "abc" 1)', { combo: C3 });
  b.static('at-block/one-arg', '(at-block 0x0000000000000000000000000000000000000000000000000000000000000000)', { combo: C3 });

  // keyword gates: which names exist at which version
  const gates: readonly (readonly [string, string, (c: VersionCombo) => boolean])[] = [
    ['block-height', '(>= block-height u0)', (c) => c.clarity_version <= 2],
    ['burn-block-height', '(>= burn-block-height u0)', () => true],
    ['stacks-block-height', '(>= stacks-block-height u0)', (c) => c.clarity_version >= 3],
    ['tenure-height', '(>= tenure-height u0)', (c) => c.clarity_version >= 3],
    ['stacks-block-time', '(>= stacks-block-time u0)', (c) => c.clarity_version >= 4],
    ['current-contract', '(is-standard current-contract)', (c) => c.clarity_version >= 4],
    ['chain-id', '(> chain-id u0)', (c) => c.clarity_version >= 2],
    ['is-in-mainnet', '(not is-in-mainnet)', (c) => c.clarity_version >= 2],
    ['tx-sponsor', '(is-none tx-sponsor?)', (c) => c.clarity_version >= 2],
    ['is-in-regtest', '(not is-in-regtest)', () => true],
    ['stx-liquid-supply', '(> stx-liquid-supply u0)', () => true],
    ['get-block-info', '(is-some (get-block-info? time u0))', (c) => c.clarity_version <= 2],
    ['get-stacks-block-info', '(is-some (get-stacks-block-info? time u0))', (c) => c.clarity_version >= 3],
    ['get-tenure-info', `(is-none (get-tenure-info? time ${FAR}))`, (c) => c.clarity_version >= 3],
    ['get-burn-block-info', `(is-none (get-burn-block-info? header-hash ${FAR}))`, (c) => c.clarity_version >= 2],
  ];
  for (const [name, expr, exists] of gates)
    b.across(`gate/${name}`, expr, ALL_COMBOS, (c) => (exists(c) ? 'ok' : 'static'), { fresh: true, repr: 'true' });
  b.across('gate/at-block-c3', '(at-block (unwrap-panic (get-stacks-block-info? id-header-hash u0)) 1)', ALL_COMBOS.filter((c) => c.clarity_version >= 3), () => 'ok', { fresh: true, repr: '1' });
  b.across('gate/at-block-c1', '(at-block (unwrap-panic (get-block-info? id-header-hash u0)) 1)', ALL_COMBOS.filter((c) => c.clarity_version <= 2), () => 'ok', { fresh: true, repr: '1' });
  return b.cases;
}
