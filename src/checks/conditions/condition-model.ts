/**
 * A condition after parsing. Everything that costs something (splitting the
 * text, classifying literals, compiling glob patterns, splitting JSON paths)
 * happened at load time; evaluation only walks these fields.
 */
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export const OPERATORS: readonly ComparisonOperator[] = ['==', '!=', '<', '<=', '>', '>='];

/** A value read from what the probe observed: `[BODY].items[0].id`, optionally wrapped: `len(...)`, `has(...)`. */
export interface ValueOperand {
  kind: 'value';
  /** Placeholder name without brackets: BODY. */
  placeholder: string;
  /** JSON path steps into the placeholder's value; empty when the whole value is meant. */
  path: readonly (string | number)[];
  fn: 'len' | 'has' | null;
  /** As written, for display: `len([BODY].items)`. */
  source: string;
}

export interface LiteralOperand {
  kind: 'literal';
  /** Durations hold milliseconds and make the other side display as a duration. */
  type: 'number' | 'duration' | 'boolean' | 'string';
  value: number | boolean | string;
  source: string;
}

export interface PatternOperand {
  kind: 'pattern';
  /** Compiled once from the glob; `*` is any run of characters, `?` one character. */
  regex: RegExp;
  source: string;
}

export type Operand = ValueOperand | LiteralOperand | PatternOperand;

export interface Condition {
  /** The condition exactly as configured. */
  text: string;
  left: ValueOperand;
  operator: ComparisonOperator;
  right: Operand;
}

/** Placeholders accepted when the caller does not say which ones its check type sets. */
export const STANDARD_PLACEHOLDERS: readonly string[] = [
  'STATUS',
  'RESPONSE_TIME',
  'BODY',
  'CONNECTED',
  'CERTIFICATE_EXPIRATION',
  'IP',
  'DNS_RCODE',
  'EXIT_CODE',
  'OUTPUT',
];
