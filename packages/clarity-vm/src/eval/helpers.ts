/**
 * Small helpers shared by the evaluator's special forms: value constructors, operand checks and
 * the reference's error-code responses.
 */
import { bytesToHex } from '@stacks-ts/common';
import { clarityValueEquals, encodeClarityValue, typeSignatureToString } from '@stacks-ts/codec';
import type { ClarityValue, PrincipalData, TypeSignature } from '@stacks-ts/codec';
import { runtimeCheckError } from '../errors.ts';
import type { SymbolicExpression } from '../parser/ast.ts';
import { boolValue } from '../natives/arithmetic.ts';
import { incorrectArgumentCount, typeValueError } from '../natives/check.ts';
import { admitsValue, errValue, okValue } from '../natives/value-types.ts';
import type { Env, Locals } from './context.ts';

/** A special form: gets its operands unevaluated. */
export type SpecialForm = (args: readonly SymbolicExpression[], env: Env, locals: Locals) => ClarityValue;

/** A principal as a Clarity value. */
export function principalValue(p: PrincipalData): ClarityValue {
  return { type: 'principal', value: p };
}

/** A `uint` value. */
export function uint(n: bigint | number): ClarityValue {
  return { type: 'uint', value: BigInt(n) };
}

/** The block model's time of a block (synthetic, increasing). */
export function blockTime(height: number): bigint {
  return 1_700_000_000n + BigInt(height) * 600n;
}

/** A type as error payloads print it. */
export function typeName(t: TypeSignature): string {
  return typeSignatureToString(t);
}

/** `check_argument_count`: exactly `n` operands, else `IncorrectArgumentCount`. */
export function arity(args: readonly unknown[], n: number): void {
  if (args.length !== n) throw incorrectArgumentCount(n, args.length);
}

/** At least `n` operands, else `IncorrectArgumentCount`. */
export function atLeast(args: readonly unknown[], n: number): void {
  if (args.length < n) throw incorrectArgumentCount(n, args.length);
}

/** The name an operand spells (token, variable, function or binding names). */
export function atomName(e: SymbolicExpression | undefined): string {
  if (e === undefined || e.type !== 'atom') throw runtimeCheckError('Unreachable', 'ExpectedName');
  return e.name;
}

/** The value must be admitted by the type, else `TypeValueError`. */
export function expectAdmits(t: TypeSignature, v: ClarityValue): void {
  if (!admitsValue(t, v)) throw typeValueError(typeName(t), v);
}

/** Writes are not allowed in read-only code. */
export function noWrite(env: Env, what: string): void {
  if (env.readOnly) throw runtimeCheckError('Unreachable', `WriteAttemptedInReadOnly: ${what}`);
}

/** The principal inside a value, else `TypeValueError`. */
export function expectPrincipal(v: ClarityValue): PrincipalData {
  if (v.type !== 'principal') throw typeValueError('principal', v);
  return v.value;
}

/** The integer inside a `uint` value, else `TypeValueError`. */
export function expectUint(v: ClarityValue): bigint {
  if (v.type !== 'uint') throw typeValueError('uint', v);
  return v.value;
}

/** Principal equality (version, hash and contract name). */
export function principalsEqual(a: PrincipalData, b: PrincipalData): boolean {
  return clarityValueEquals(principalValue(a), principalValue(b));
}

/** The largest `uint`. */
export const U128_MAX = (1n << 128n) - 1n;

/** `(err uN)`: the error codes of the asset functions. */
export function errCode(n: number): ClarityValue {
  return errValue(uint(n));
}

/** `(ok true)`. */
export function okTrue(): ClarityValue {
  return okValue(boolValue(true));
}

/** SIP-005 hex of a value with the `0x` prefix, as events record it. */
export function hex(v: ClarityValue): string {
  return `0x${bytesToHex(encodeClarityValue(v))}`;
}
