/**
 * The ATC-C null miner (reference: stackslib/src/chainstate/burn/atc.rs and sortition.rs).
 * `AtcRational` is a 64.64 fixed-point number held in a 256-bit integer; here a bigint whose value
 * is the rational times 2^64.
 */
import { ATC_LOOKUP } from './atc-table.ts';
import { U256_MAX } from './uint256.ts';

/** A 64.64 fixed-point rational, as its inner integer (rational * 2^64). */
export type AtcRational = bigint;

const FRAC_BITS = 64n;
/** 1.0 */
export const ATC_ONE: AtcRational = 1n << FRAC_BITS;
/** 0.0 */
export const ATC_ZERO: AtcRational = 0n;
/** The largest representable value: u64::MAX + (1 - 2^-64). */
export const ATC_MAX: AtcRational = (((1n << 64n) - 1n) << 64n) | ((1n << 64n) - 1n);

/** num / den in 64.64 fixed point, rounded down (`AtcRational::frac`). */
export function atcFrac(num: bigint, den: bigint): AtcRational {
  return (num << FRAC_BITS) / den;
}

/** a * b, or null on overflow past `ATC_MAX` (`AtcRational::mul`). */
export function atcMul(a: AtcRational, b: AtcRational): AtcRational | null {
  // The reference multiplies in 256 bits (wrapping), then shifts.
  const prod = ((a * b) & U256_MAX) >> FRAC_BITS;
  return prod > ATC_MAX ? null : prod;
}

/** a + b, or null on overflow (`AtcRational::add`). */
export function atcAdd(a: AtcRational, b: AtcRational): AtcRational | null {
  const sum = (a + b) & U256_MAX;
  return sum > ATC_MAX ? null : sum;
}

/** a - b, or null when b > a (`AtcRational::sub`). */
export function atcSub(a: AtcRational, b: AtcRational): AtcRational | null {
  return a < b ? null : a - b;
}

/** The integer part (`ipart`). */
export function atcIpart(a: AtcRational): bigint {
  return (a >> FRAC_BITS) & ((1n << 64n) - 1n);
}

/** The ATC and whether the null miner is active (`get_miner_commit_carryover`). `null` inputs stand for an overflowed sum. */
export function minerCommitCarryover(totalBurns: bigint | null, windowedMedianBurns: bigint | null): { atc: AtcRational; nullMinerActive: boolean } {
  if (totalBurns === null || windowedMedianBurns === null) return { atc: ATC_ZERO, nullMinerActive: false };
  if (windowedMedianBurns === 0n) return { atc: ATC_ZERO, nullMinerActive: true };
  if (totalBurns >= windowedMedianBurns) return { atc: ATC_ONE, nullMinerActive: false };
  return { atc: atcFrac(totalBurns, windowedMedianBurns), nullMinerActive: true };
}

/** The null miner's advantage adv(atc) from the lookup table (`null_miner_logistic`). */
export function nullMinerLogistic(atc: AtcRational): AtcRational {
  const clamped = atc < ATC_ONE ? atc : ATC_ONE;
  const maxIndex = BigInt(ATC_LOOKUP.length - 1);
  const scaled = atcMul(clamped, atcFrac(1024n, 1n));
  let index = scaled === null ? maxIndex : atcIpart(scaled);
  if (index > maxIndex) index = maxIndex;
  return ATC_LOOKUP[Number(index)]!;
}

/** p_null = min(1, (1 - atc) + atc * adv(atc)) (`null_miner_probability`). */
export function nullMinerProbability(atc: AtcRational): AtcRational {
  const adv = nullMinerLogistic(atc);
  const oneMinus = atcSub(ATC_ONE, atc);
  if (oneMinus === null) return ATC_ZERO;
  const prod = atcMul(atc, adv);
  if (prod === null) return ATC_ONE;
  const sum = atcAdd(oneMinus, prod);
  if (sum === null) return ATC_ONE;
  return sum < ATC_ONE ? sum : ATC_ONE;
}

/** The point in [0, 2^256) where the null miner's range ends (`into_sortition_probability`). */
export function atcToSortitionProbability(p: AtcRational): bigint {
  const v = p >= ATC_ONE ? ATC_ONE - 1n : p;
  return (v << 192n) & U256_MAX;
}
