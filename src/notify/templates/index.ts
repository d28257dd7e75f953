/** The only door into message rendering: default wording per kind, custom templates, escaping. */
export { compileTemplate } from './template-compile.ts';
export type { CompiledTemplate, ValueEscape } from './template-compile.ts';
export { TEMPLATE_VARIABLES } from './template-variables.ts';
export { defaultHeadline, defaultSubject, defaultText } from './message-defaults.ts';
export { messageRenderer, templateSchema } from './message-renderer.ts';
export type { MessageRenderer, MessageTemplate } from './message-renderer.ts';
export { escapeHtml, escapeMrkdwn, textToHtml } from './text-escape.ts';
