import { commsValue, COMMS_VARIABLES, isCommsVariable, type CommsContext } from './comms-variables.ts';

export type CompiledCommsTemplate =
  | { ok: true; render(context: CommsContext): string }
  | { ok: false; message: string; line: number; column: number; offset: number };

type Part = { literal: string } | { variable: string };

/**
 * Parses `{{name}}` placeholders once; an unknown name is an error with its line and column (the
 * config loader can point at it), not a blank in a customer's inbox.
 */
export function compileCommsTemplate(text: string): CompiledCommsTemplate {
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
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) return failure(text, open, 'unclosed "{{": expected a variable name followed by "}}"');
    const raw = text.slice(open + 2, close);
    const name = raw.trim();
    if (!isCommsVariable(name)) {
      const found = name === '' ? 'an empty "{{}}"' : `"${name}"`;
      return failure(text, open + 2 + (raw.length - raw.trimStart().length), `unknown template variable ${found}; expected one of ${COMMS_VARIABLES.join(', ')}`);
    }
    parts.push({ variable: name });
    at = close + 2;
  }
  return {
    ok: true,
    render: (context) => parts.map((part) => ('literal' in part ? part.literal : commsValue(part.variable, context))).join(''),
  };
}

function failure(text: string, index: number, message: string): CompiledCommsTemplate {
  const before = text.slice(0, index);
  return { ok: false, message, line: before.split('\n').length, column: index - (before.lastIndexOf('\n') + 1) + 1, offset: index };
}
