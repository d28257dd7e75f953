import { describe, expect, it } from 'vitest';
import { triggeredMessage, noticeMessage } from '../channels/test-support/message-fixtures.ts';
import { compileTemplate } from './template-compile.ts';
import { escapeMrkdwn } from './text-escape.ts';

describe('compileTemplate', () => {
  it.each([
    ['{{incident.title}}', 'Payments down'],
    ['[{{ incident.severity }}] #{{incident.id}} {{incident.status}}', '[P1] #12 triggered'],
    ['{{recipient.name}} at level {{level}}, round {{round}}', 'Ana Ruiz at level 1, round 1'],
    ['{{incident.url}} / {{console.url}}', 'https://ops.example.test/incidents/12 / https://ops.example.test'],
    ['opened {{incident.opened_at}} in {{organization}}', 'opened 2026-03-01T10:00:00.000Z in Accelerapp'],
    ['no placeholders, a lone } and a { too', 'no placeholders, a lone } and a { too'],
    ['', ''],
  ])('renders %j', (source, expected) => {
    const compiled = compileTemplate(source);
    expect(compiled.ok && compiled.render(triggeredMessage())).toBe(expected);
  });

  it('renders values that do not apply as empty, not "null"', () => {
    const compiled = compileTemplate('[{{incident.title}}|{{recipient.name}}|{{level}}] {{text}}');
    expect(compiled.ok && compiled.render(noticeMessage('hello'))).toBe('[||] hello');
  });

  it('escapes values but not the template text', () => {
    const compiled = compileTemplate('*<{{incident.url}}|{{incident.title}}>*');
    const message = triggeredMessage();
    message.incident!.title = 'a <b> & c';
    expect(compiled.ok && compiled.render(message, escapeMrkdwn)).toBe('*<https://ops.example.test/incidents/12|a &lt;b&gt; &amp; c>*');
  });

  it('reports the place as a 0-based offset into the whole text too', () => {
    const compiled = compileTemplate('ab\ncd {{x}}');
    expect(compiled.ok === false && compiled.offset).toBe(8);
  });

  it.each([
    ['{{incident.titel}}', 1, 3, /unknown template variable "incident.titel"; expected one of kind, organization, /],
    ['Down: {{ nope }}', 1, 10, /unknown template variable "nope"/],
    ['a {{}} b', 1, 5, /empty "\{\{\}\}"/],
    ['Down: {{incident.title', 1, 7, /unclosed "\{\{": expected a variable name followed by "}}"/],
    ['{{level {{round}}', 1, 1, /unclosed/],
    ['line one\n  then {{recipient.nam}}', 2, 10, /"recipient.nam"/],
  ])('rejects %j at line %i column %i', (source, line, column, message) => {
    const compiled = compileTemplate(source);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect({ line: compiled.line, column: compiled.column }).toEqual({ line, column });
    expect(compiled.message).toMatch(message);
  });
});
