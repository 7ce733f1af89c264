/**
 * The Clarity error model. Every failure of parsing, analysis or evaluation is a `ClarityError`
 * whose `kind` says which stage found it (`parse` and `check` are the oracle's "static" errors,
 * `runtime` is everything found while evaluating) and whose `code` is the name of the reference's
 * enum variant (`ParseErrorKind`, `LexerError`, `StaticCheckErrorKind`, `RuntimeCheckErrorKind`,
 * `RuntimeError`, `EarlyReturnError`, `VmInternalError`), so a reader of stacks-core finds the same
 * words. The variant's payload is kept, in the reference's order, in `args`.
 */
import { StacksError } from '@stacks-ts/common';
import type { ClarityValue } from '@stacks-ts/codec';
import type { Span } from './parser/ast.ts';

/** The stage that found an error: `parse` and `check` are static, `runtime` is evaluation. */
export const ClarityErrorKind = {
  Parse: 'parse',
  Check: 'check',
  Runtime: 'runtime',
} as const;
export type ClarityErrorKind = (typeof ClarityErrorKind)[keyof typeof ClarityErrorKind];

/**
 * The reference enum an error code comes from (the wrapper variant in the reference's
 * `VmExecutionError` for runtime errors: `Runtime(..)`, `RuntimeCheck(..)`, `EarlyReturn(..)`,
 * `Internal(..)`).
 */
export const ClarityErrorGroup = {
  /** `ParseErrorKind` (the parser and the AST passes). */
  Parse: 'Parse',
  /** `LexerError`, wrapped by the reference as `ParseErrorKind::Lexer(..)`. */
  Lexer: 'Lexer',
  /** `StaticCheckErrorKind` (type checker, read-only checker, trait checker, definitions). */
  StaticCheck: 'StaticCheck',
  /** `RuntimeCheckErrorKind`: a check failure found while evaluating. */
  RuntimeCheck: 'RuntimeCheck',
  /** `RuntimeError`: arithmetic, unwrap-panic, supply limits, ... */
  Runtime: 'Runtime',
  /** `EarlyReturnError`: a short return (`asserts!`, `unwrap!`, `try!`) that escaped to top level. */
  EarlyReturn: 'EarlyReturn',
  /** `VmInternalError`: a broken invariant of the VM itself. */
  Internal: 'Internal',
} as const;
export type ClarityErrorGroup = (typeof ClarityErrorGroup)[keyof typeof ClarityErrorGroup];

/** `ParseErrorKind` variant names (clarity/src/vm/ast/errors.rs). */
export const ParseErrorCode = {
  CostOverflow: 'CostOverflow',
  CostBalanceExceeded: 'CostBalanceExceeded',
  MemoryBalanceExceeded: 'MemoryBalanceExceeded',
  CostComputationFailed: 'CostComputationFailed',
  TooManyExpressions: 'TooManyExpressions',
  ExpressionStackDepthTooDeep: 'ExpressionStackDepthTooDeep',
  VaryExpressionStackDepthTooDeep: 'VaryExpressionStackDepthTooDeep',
  FailedParsingIntValue: 'FailedParsingIntValue',
  CircularReference: 'CircularReference',
  NameAlreadyUsed: 'NameAlreadyUsed',
  TraitReferenceNotAllowed: 'TraitReferenceNotAllowed',
  ImportTraitBadSignature: 'ImportTraitBadSignature',
  DefineTraitBadSignature: 'DefineTraitBadSignature',
  ImplTraitBadSignature: 'ImplTraitBadSignature',
  TraitReferenceUnknown: 'TraitReferenceUnknown',
  // v1 parser
  FailedCapturingInput: 'FailedCapturingInput',
  SeparatorExpected: 'SeparatorExpected',
  SeparatorExpectedAfterColon: 'SeparatorExpectedAfterColon',
  ProgramTooLarge: 'ProgramTooLarge',
  IllegalVariableName: 'IllegalVariableName',
  FailedParsingBuffer: 'FailedParsingBuffer',
  FailedParsingHexValue: 'FailedParsingHexValue',
  FailedParsingPrincipal: 'FailedParsingPrincipal',
  FailedParsingField: 'FailedParsingField',
  FailedParsingRemainder: 'FailedParsingRemainder',
  ClosingParenthesisUnexpected: 'ClosingParenthesisUnexpected',
  ClosingParenthesisExpected: 'ClosingParenthesisExpected',
  ClosingTupleLiteralUnexpected: 'ClosingTupleLiteralUnexpected',
  ClosingTupleLiteralExpected: 'ClosingTupleLiteralExpected',
  TupleColonExpected: 'TupleColonExpected',
  TupleCommaExpected: 'TupleCommaExpected',
  TupleItemExpected: 'TupleItemExpected',
  CommaSeparatorUnexpected: 'CommaSeparatorUnexpected',
  ColonSeparatorUnexpected: 'ColonSeparatorUnexpected',
  InvalidCharactersDetected: 'InvalidCharactersDetected',
  InvalidEscaping: 'InvalidEscaping',
  // v2 parser
  Lexer: 'Lexer',
  ContractNameTooLong: 'ContractNameTooLong',
  ExpectedClosing: 'ExpectedClosing',
  ExpectedContractIdentifier: 'ExpectedContractIdentifier',
  ExpectedTraitIdentifier: 'ExpectedTraitIdentifier',
  ExpectedWhitespace: 'ExpectedWhitespace',
  FailedParsingUIntValue: 'FailedParsingUIntValue',
  IllegalTraitName: 'IllegalTraitName',
  InvalidPrincipalLiteral: 'InvalidPrincipalLiteral',
  InvalidBuffer: 'InvalidBuffer',
  NameTooLong: 'NameTooLong',
  UnexpectedToken: 'UnexpectedToken',
  TupleColonExpectedv2: 'TupleColonExpectedv2',
  TupleCommaExpectedv2: 'TupleCommaExpectedv2',
  TupleValueExpected: 'TupleValueExpected',
  IllegalClarityName: 'IllegalClarityName',
  IllegalASCIIString: 'IllegalASCIIString',
  IllegalContractName: 'IllegalContractName',
  NoteToMatchThis: 'NoteToMatchThis',
  UnexpectedParserFailure: 'UnexpectedParserFailure',
  InterpreterFailure: 'InterpreterFailure',
} as const;
export type ParseErrorCode = (typeof ParseErrorCode)[keyof typeof ParseErrorCode];

/** `LexerError` variant names (clarity/src/vm/ast/parser/v2/lexer/error.rs). */
export const LexerErrorCode = {
  InvalidCharInt: 'InvalidCharInt',
  InvalidCharUint: 'InvalidCharUint',
  InvalidCharBuffer: 'InvalidCharBuffer',
  InvalidCharIdent: 'InvalidCharIdent',
  InvalidCharTraitIdent: 'InvalidCharTraitIdent',
  InvalidCharPrincipal: 'InvalidCharPrincipal',
  InvalidBufferLength: 'InvalidBufferLength',
  UnknownEscapeChar: 'UnknownEscapeChar',
  IllegalCharString: 'IllegalCharString',
  IllegalCharUTF8Encoding: 'IllegalCharUTF8Encoding',
  UnterminatedUTF8Encoding: 'UnterminatedUTF8Encoding',
  ExpectedClosing: 'ExpectedClosing',
  ExpectedSeparator: 'ExpectedSeparator',
  EmptyUTF8Encoding: 'EmptyUTF8Encoding',
  InvalidUTF8Encoding: 'InvalidUTF8Encoding',
  SingleSemiColon: 'SingleSemiColon',
  UnknownSymbol: 'UnknownSymbol',
  NonASCIIChar: 'NonASCIIChar',
  NoteToMatchThis: 'NoteToMatchThis',
  UnsupportedLineEnding: 'UnsupportedLineEnding',
  EditorCRLFMode: 'EditorCRLFMode',
} as const;
export type LexerErrorCode = (typeof LexerErrorCode)[keyof typeof LexerErrorCode];

/**
 * `StaticCheckErrorKind` variant names (clarity/src/vm/analysis/errors.rs), plus the
 * `CommonCheckErrorKind` ones that convert into them.
 */
export const CheckErrorCode = {
  CostOverflow: 'CostOverflow',
  CostBalanceExceeded: 'CostBalanceExceeded',
  MemoryBalanceExceeded: 'MemoryBalanceExceeded',
  CostComputationFailed: 'CostComputationFailed',
  AnalysisResourceBudgetExceeded: 'AnalysisResourceBudgetExceeded',
  ReadOnlyCheckerRecursionLimitExceeded: 'ReadOnlyCheckerRecursionLimitExceeded',
  ValueTooLarge: 'ValueTooLarge',
  ValueOutOfBounds: 'ValueOutOfBounds',
  TypeSignatureTooDeep: 'TypeSignatureTooDeep',
  TraitReferenceChainTooDeep: 'TraitReferenceChainTooDeep',
  ExpectedName: 'ExpectedName',
  SupertypeTooLarge: 'SupertypeTooLarge',
  Unreachable: 'Unreachable',
  BadMatchOptionSyntax: 'BadMatchOptionSyntax',
  BadMatchResponseSyntax: 'BadMatchResponseSyntax',
  BadMatchInput: 'BadMatchInput',
  ConstructedListTooLarge: 'ConstructedListTooLarge',
  TypeError: 'TypeError',
  InvalidTypeDescription: 'InvalidTypeDescription',
  UnknownTypeName: 'UnknownTypeName',
  UnionTypeError: 'UnionTypeError',
  ExpectedOptionalType: 'ExpectedOptionalType',
  ExpectedResponseType: 'ExpectedResponseType',
  ExpectedOptionalOrResponseType: 'ExpectedOptionalOrResponseType',
  CouldNotDetermineResponseOkType: 'CouldNotDetermineResponseOkType',
  CouldNotDetermineResponseErrType: 'CouldNotDetermineResponseErrType',
  CouldNotDetermineSerializationType: 'CouldNotDetermineSerializationType',
  UncheckedIntermediaryResponses: 'UncheckedIntermediaryResponses',
  CouldNotDetermineMatchTypes: 'CouldNotDetermineMatchTypes',
  CouldNotDetermineType: 'CouldNotDetermineType',
  TypeAlreadyAnnotatedFailure: 'TypeAlreadyAnnotatedFailure',
  CheckerImplementationFailure: 'CheckerImplementationFailure',
  BadTokenName: 'BadTokenName',
  DefineNFTBadSignature: 'DefineNFTBadSignature',
  NoSuchNFT: 'NoSuchNFT',
  NoSuchFT: 'NoSuchFT',
  BadTupleFieldName: 'BadTupleFieldName',
  ExpectedTuple: 'ExpectedTuple',
  NoSuchTupleField: 'NoSuchTupleField',
  EmptyTuplesNotAllowed: 'EmptyTuplesNotAllowed',
  BadTupleConstruction: 'BadTupleConstruction',
  NoSuchDataVariable: 'NoSuchDataVariable',
  BadMapName: 'BadMapName',
  NoSuchMap: 'NoSuchMap',
  DefineFunctionBadSignature: 'DefineFunctionBadSignature',
  BadFunctionName: 'BadFunctionName',
  BadMapTypeDefinition: 'BadMapTypeDefinition',
  PublicFunctionMustReturnResponse: 'PublicFunctionMustReturnResponse',
  DefineVariableBadSignature: 'DefineVariableBadSignature',
  ReturnTypesMustMatch: 'ReturnTypesMustMatch',
  NoSuchContract: 'NoSuchContract',
  NoSuchPublicFunction: 'NoSuchPublicFunction',
  ContractAlreadyExists: 'ContractAlreadyExists',
  ContractCallExpectName: 'ContractCallExpectName',
  ExpectedCallableType: 'ExpectedCallableType',
  NoSuchBlockInfoProperty: 'NoSuchBlockInfoProperty',
  NoSuchStacksBlockInfoProperty: 'NoSuchStacksBlockInfoProperty',
  NoSuchTenureInfoProperty: 'NoSuchTenureInfoProperty',
  GetBlockInfoExpectPropertyName: 'GetBlockInfoExpectPropertyName',
  GetBurnBlockInfoExpectPropertyName: 'GetBurnBlockInfoExpectPropertyName',
  GetStacksBlockInfoExpectPropertyName: 'GetStacksBlockInfoExpectPropertyName',
  GetTenureInfoExpectPropertyName: 'GetTenureInfoExpectPropertyName',
  NameAlreadyUsed: 'NameAlreadyUsed',
  ReservedWord: 'ReservedWord',
  NonFunctionApplication: 'NonFunctionApplication',
  ExpectedListApplication: 'ExpectedListApplication',
  ExpectedSequence: 'ExpectedSequence',
  MaxLengthOverflow: 'MaxLengthOverflow',
  BadLetSyntax: 'BadLetSyntax',
  BadSyntaxBinding: 'BadSyntaxBinding',
  MaxContextDepthReached: 'MaxContextDepthReached',
  UndefinedVariable: 'UndefinedVariable',
  RequiresAtLeastArguments: 'RequiresAtLeastArguments',
  RequiresAtMostArguments: 'RequiresAtMostArguments',
  IncorrectArgumentCount: 'IncorrectArgumentCount',
  IfArmsMustMatch: 'IfArmsMustMatch',
  MatchArmsMustMatch: 'MatchArmsMustMatch',
  DefaultTypesMustMatch: 'DefaultTypesMustMatch',
  IllegalOrUnknownFunctionApplication: 'IllegalOrUnknownFunctionApplication',
  UnknownFunction: 'UnknownFunction',
  TooManyFunctionParameters: 'TooManyFunctionParameters',
  NoSuchTrait: 'NoSuchTrait',
  TraitReferenceUnknown: 'TraitReferenceUnknown',
  TraitMethodUnknown: 'TraitMethodUnknown',
  ExpectedTraitIdentifier: 'ExpectedTraitIdentifier',
  BadTraitImplementation: 'BadTraitImplementation',
  DefineTraitBadSignature: 'DefineTraitBadSignature',
  DefineTraitDuplicateMethod: 'DefineTraitDuplicateMethod',
  UnexpectedTraitOrFieldReference: 'UnexpectedTraitOrFieldReference',
  ContractOfExpectsTrait: 'ContractOfExpectsTrait',
  IncompatibleTrait: 'IncompatibleTrait',
  TraitTooManyMethods: 'TraitTooManyMethods',
  WriteAttemptedInReadOnly: 'WriteAttemptedInReadOnly',
  AtBlockClosureMustBeReadOnly: 'AtBlockClosureMustBeReadOnly',
  AtBlockUnavailable: 'AtBlockUnavailable',
  ExpectedListOfAllowances: 'ExpectedListOfAllowances',
  AllowanceExprNotAllowed: 'AllowanceExprNotAllowed',
  ExpectedAllowanceExpr: 'ExpectedAllowanceExpr',
  WithAllAllowanceNotAllowed: 'WithAllAllowanceNotAllowed',
  WithAllAllowanceNotAlone: 'WithAllAllowanceNotAlone',
  WithNftExpectedListOfIdentifiers: 'WithNftExpectedListOfIdentifiers',
  MaxIdentifierLengthExceeded: 'MaxIdentifierLengthExceeded',
  TooManyAllowances: 'TooManyAllowances',
} as const;
export type CheckErrorCode = (typeof CheckErrorCode)[keyof typeof CheckErrorCode];

/** `RuntimeCheckErrorKind` variant names: check failures found while evaluating. */
export const RuntimeCheckErrorCode = {
  CostOverflow: 'CostOverflow',
  CostBalanceExceeded: 'CostBalanceExceeded',
  MemoryBalanceExceeded: 'MemoryBalanceExceeded',
  RestrictAssetsMemoryExceeded: 'RestrictAssetsMemoryExceeded',
  CostComputationFailed: 'CostComputationFailed',
  ExecutionResourceBudgetExceeded: 'ExecutionResourceBudgetExceeded',
  ValueTooLarge: 'ValueTooLarge',
  ValueOutOfBounds: 'ValueOutOfBounds',
  TypeSignatureTooDeep: 'TypeSignatureTooDeep',
  Unreachable: 'Unreachable',
  PoxStxAssetMapOverwrite: 'PoxStxAssetMapOverwrite',
  ListTypesMustMatch: 'ListTypesMustMatch',
  TypeError: 'TypeError',
  TypeValueError: 'TypeValueError',
  UnionTypeValueError: 'UnionTypeValueError',
  ExpectedContractPrincipalValue: 'ExpectedContractPrincipalValue',
  CouldNotDetermineType: 'CouldNotDetermineType',
  ReturnTypesMustMatch: 'ReturnTypesMustMatch',
  CircularReference: 'CircularReference',
  NoSuchContract: 'NoSuchContract',
  NoSuchPublicFunction: 'NoSuchPublicFunction',
  ContractCallExpectName: 'ContractCallExpectName',
  NameAlreadyUsed: 'NameAlreadyUsed',
  UndefinedFunction: 'UndefinedFunction',
  AtBlockUnavailable: 'AtBlockUnavailable',
  IncorrectArgumentCount: 'IncorrectArgumentCount',
  TraitReferenceUnknown: 'TraitReferenceUnknown',
  TraitMethodUnknown: 'TraitMethodUnknown',
  BadTraitImplementation: 'BadTraitImplementation',
  InvalidCharactersDetected: 'InvalidCharactersDetected',
  InvalidUTF8Encoding: 'InvalidUTF8Encoding',
} as const;
export type RuntimeCheckErrorCode = (typeof RuntimeCheckErrorCode)[keyof typeof RuntimeCheckErrorCode];

/** `RuntimeError` variant names (clarity/src/vm/errors.rs). */
export const RuntimeErrorCode = {
  Arithmetic: 'Arithmetic',
  ArithmeticOverflow: 'ArithmeticOverflow',
  ArithmeticUnderflow: 'ArithmeticUnderflow',
  SupplyOverflow: 'SupplyOverflow',
  SupplyUnderflow: 'SupplyUnderflow',
  DivisionByZero: 'DivisionByZero',
  MaxStackDepthReached: 'MaxStackDepthReached',
  MaxContextDepthReached: 'MaxContextDepthReached',
  BadBlockHeight: 'BadBlockHeight',
  NoSuchToken: 'NoSuchToken',
  NotImplemented: 'NotImplemented',
  NoCallerInContext: 'NoCallerInContext',
  NoSenderInContext: 'NoSenderInContext',
  UnknownBlockHeaderHash: 'UnknownBlockHeaderHash',
  BadBlockHash: 'BadBlockHash',
  UnwrapFailure: 'UnwrapFailure',
  DefunctPoxContract: 'DefunctPoxContract',
  PoxAlreadyLocked: 'PoxAlreadyLocked',
  BlockTimeNotAvailable: 'BlockTimeNotAvailable',
  BadTokenName: 'BadTokenName',
} as const;
export type RuntimeErrorCode = (typeof RuntimeErrorCode)[keyof typeof RuntimeErrorCode];

/** `EarlyReturnError` variant names. */
export const EarlyReturnCode = {
  /** `unwrap!`, `unwrap-err!`, `try!` on the failing branch. */
  UnwrapFailed: 'UnwrapFailed',
  /** `asserts!` with a false condition. */
  AssertionFailed: 'AssertionFailed',
} as const;
export type EarlyReturnCode = (typeof EarlyReturnCode)[keyof typeof EarlyReturnCode];

/** `VmInternalError` variant names. */
export const InternalErrorCode = {
  BadSymbolicRepresentation: 'BadSymbolicRepresentation',
  InvariantViolation: 'InvariantViolation',
  FailedToConstructAssetTable: 'FailedToConstructAssetTable',
  FailedToConstructEventBatch: 'FailedToConstructEventBatch',
  BadFileName: 'BadFileName',
  FailedToCreateDataDirectory: 'FailedToCreateDataDirectory',
  MarfFailure: 'MarfFailure',
  InsufficientBalance: 'InsufficientBalance',
  DBError: 'DBError',
  Expect: 'Expect',
} as const;
export type InternalErrorCode = (typeof InternalErrorCode)[keyof typeof InternalErrorCode];

/** Any code a `ClarityError` may carry. */
export type ClarityErrorCode =
  | ParseErrorCode
  | LexerErrorCode
  | CheckErrorCode
  | RuntimeCheckErrorCode
  | RuntimeErrorCode
  | EarlyReturnCode
  | InternalErrorCode;

/** Optional context of a `ClarityError`. */
export interface ClarityErrorOptions {
  /** The variant's payload in the reference's order (numbers as bigint, names as strings, ...). */
  readonly args?: readonly unknown[];
  /** Where in the source the error was found (parse and check errors). */
  readonly span?: Span;
  /** Any further structured context. */
  readonly meta?: Record<string, unknown>;
  /** The error this one wraps, if any. */
  readonly cause?: unknown;
}

/**
 * A Clarity error: a parse, check or runtime failure with the reference's variant name as `code`.
 * Thrown inside the VM and returned as a value at its boundary.
 */
export class ClarityError extends StacksError<ClarityErrorCode> {
  /** Which stage found the error. */
  readonly kind: ClarityErrorKind;
  /** Which reference enum `code` belongs to. */
  readonly group: ClarityErrorGroup;
  /** The variant's payload, in the reference's order. */
  readonly args: readonly unknown[];
  /** Source location, where known. */
  readonly span: Span | undefined;

  constructor(
    kind: ClarityErrorKind,
    group: ClarityErrorGroup,
    code: ClarityErrorCode,
    message: string,
    opts: ClarityErrorOptions = {},
  ) {
    super(code, message, opts.meta ?? {}, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ClarityError';
    this.kind = kind;
    this.group = group;
    this.args = opts.args ?? [];
    this.span = opts.span;
  }

  /** True for parse and check errors (the oracle's `static` error kind). */
  get isStatic(): boolean {
    return this.kind !== 'runtime';
  }
}

/**
 * The short-return signal: `asserts!`, `unwrap!`, `unwrap-err!` and `try!` throw it with the value
 * to return. A function call catches it and returns `value`; if it reaches the top level it is the
 * runtime error `EarlyReturn(UnwrapFailed(v))` / `EarlyReturn(AssertionFailed(v))`.
 */
export class ClarityEarlyReturn extends ClarityError {
  /** The value the enclosing function returns. */
  readonly value: ClarityValue;

  constructor(code: EarlyReturnCode, value: ClarityValue) {
    super('runtime', 'EarlyReturn', code, `EarlyReturn(${code})`, { args: [value] });
    this.name = 'ClarityEarlyReturn';
    this.value = value;
  }
}

/** True when `err` is a `ClarityError` (optionally of the given kind and code). */
export function isClarityError(err: unknown, kind?: ClarityErrorKind, code?: ClarityErrorCode): err is ClarityError {
  return (
    err instanceof ClarityError &&
    (kind === undefined || err.kind === kind) &&
    (code === undefined || err.code === code)
  );
}

/** True when `err` is a short return (`asserts!`, `unwrap!`, `try!`). */
export function isEarlyReturn(err: unknown): err is ClarityEarlyReturn {
  return err instanceof ClarityEarlyReturn;
}

/** A `ParseErrorKind` error (kind `parse`). */
export function parseError(code: ParseErrorCode, message: string, opts?: ClarityErrorOptions): ClarityError {
  return new ClarityError('parse', 'Parse', code, message, opts);
}

/** A `LexerError`, which the reference reports as `ParseErrorKind::Lexer(..)` (kind `parse`). */
export function lexerError(code: LexerErrorCode, message: string, opts?: ClarityErrorOptions): ClarityError {
  return new ClarityError('parse', 'Lexer', code, message, opts);
}

/** A `StaticCheckErrorKind` error (kind `check`). */
export function checkError(code: CheckErrorCode, message: string, opts?: ClarityErrorOptions): ClarityError {
  return new ClarityError('check', 'StaticCheck', code, message, opts);
}

/** A `RuntimeError` (kind `runtime`), for example `runtimeError('DivisionByZero', 'division by zero')`. */
export function runtimeError(code: RuntimeErrorCode, message?: string, opts?: ClarityErrorOptions): ClarityError {
  return new ClarityError('runtime', 'Runtime', code, message ?? code, opts);
}

/** A `RuntimeCheckErrorKind` error: a check failure found while evaluating (kind `runtime`). */
export function runtimeCheckError(
  code: RuntimeCheckErrorCode,
  message?: string,
  opts?: ClarityErrorOptions,
): ClarityError {
  return new ClarityError('runtime', 'RuntimeCheck', code, message ?? code, opts);
}

/** A `VmInternalError` (kind `runtime`): a broken VM invariant, never a contract's fault. */
export function internalError(code: InternalErrorCode, message?: string, opts?: ClarityErrorOptions): ClarityError {
  return new ClarityError('runtime', 'Internal', code, message ?? code, opts);
}

/** A short return carrying `value` (thrown by `asserts!`, `unwrap!`, `unwrap-err!`, `try!`). */
export function earlyReturn(code: EarlyReturnCode, value: ClarityValue): ClarityEarlyReturn {
  return new ClarityEarlyReturn(code, value);
}

/** The oracle's error kind of a Clarity error: `static` (parse and check) or `runtime`. */
export function clarityErrorStage(err: ClarityError): 'static' | 'runtime' {
  return err.kind === 'runtime' ? 'runtime' : 'static';
}
