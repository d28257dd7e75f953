/** The parser: Markdown runbooks to RunbookDef, placeholders, risk rules and the lint plan. */
export { parseRunbook, SHELL_LANGS, DEFAULT_ROLES, DEFAULT_TIMEOUT_MS } from './runbook-parse.ts';
export type { RunbookParse } from './runbook-parse.ts';
export type { RunbookProblem } from './runbook-problem.ts';
export { formatPlan } from './runbook-plan.ts';
export { scanPlaceholders, WELL_KNOWN } from './shell-placeholders.ts';
export type { PlaceholderUse, PlaceholderScan } from './shell-placeholders.ts';
export { classifyShell, classifySql } from './risk-classify.ts';
export type { RiskVerdict } from './risk-classify.ts';
export { simpleCommands } from './shell-commands.ts';
export type { SimpleCommand } from './shell-commands.ts';
export { markdownBlocks, inlineText } from './markdown-blocks.ts';
export type { Block } from './markdown-blocks.ts';
