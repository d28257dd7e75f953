import type { NotificationMessage } from '../notify-types.ts';
import { TEMPLATE_VARIABLES, isTemplateVariable, variableValue } from './template-variables.ts';

/** Applied to each variable's value (never to the template's own text), e.g. HTML or Slack escaping. */
export type ValueEscape = (value: string) => string;

export type CompiledTemplate =
  | { ok: true; render(message: NotificationMessage, escape?: ValueEscape): string }
  | {
      ok: false;
      message: string;
      /** 1-based line within the template text (multi-line YAML block scalars have several). */
      line: number;
      /** 1-based column within that line, where the offending `{{` or name starts. */
      column: number;
      /** The same place as a 0-based offset into the whole text (what the config loader's `params.column` takes). */
      offset: number;
    };

type Part = { literal: string } | { variable: string };

const NAME = /^[a-z_]+(\.[a-z_]+)*$/;

/**
 * Parses `{{name}}` placeholders once, at config load, so a typo is an error that points at its
 * column instead of a blank in a page at 03:00. Text outside placeholders is kept verbatim: a
 * Slack template may use mrkdwn on purpose.
 */
export function compileTemplate(text: string): CompiledTemplate {
  const parts: Part[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open === -1) {
      parts.push({ literal: text.slice(at) });
      break;
    }
    if (open > at) parts.push({ literal: text.slice(at, open) });
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      return failure(text, open, 'unclosed "{{": expected a variable name followed by "}}"');
    }
    const raw = text.slice(open + 2, close);
    const name = raw.trim();
    const nameAt = open + 2 + (raw.length - raw.trimStart().length);
    if (!NAME.test(name) || !isTemplateVariable(name)) {
      const found = name === '' ? 'an empty "{{}}"' : `"${name}"`;
      return failure(text, nameAt, `unknown template variable ${found}; expected one of ${TEMPLATE_VARIABLES.join(', ')}`);
    }
    parts.push({ variable: name });
    at = close + 2;
  }
  return {
    ok: true,
    render(message, escape = (value) => value) {
      let out = '';
      for (const part of parts) out += 'literal' in part ? part.literal : escape(variableValue(part.variable, message));
      return out;
    },
  };
}

function failure(text: string, index: number, message: string): CompiledTemplate {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - (before.lastIndexOf('\n') + 1) + 1;
  return { ok: false, message, line, column, offset: index };
}
