/**
 * Alertmanager-style label matchers, shared by silences and inhibit rules.
 * A regex matcher is anchored (matches the whole value), as in Alertmanager;
 * a label that is absent has the value "".
 */
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

export type Labels = Readonly<Record<string, string>>;
