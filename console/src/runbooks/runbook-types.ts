// The wire format of the runbook API (/api/v1/runbooks, /api/v1/runbook-runs). Kept beside the
// pages that use it, as updates/ and postmortems/ do, so console/src/api/types.ts stays small.

export interface RunbookParam {
  /** An environment variable name: NAMESPACE, POD_NAME, ARG1. */
  name: string;
  type: 'string' | 'number' | 'boolean';
  default: string | null;
  required: boolean;
  /** Typed into a password input and shown masked ("••••") in runs. */
  secret: boolean;
  allowed: string[] | null;
  description: string | null;
  origin: 'front-matter' | 'placeholder';
}

export interface RunbookStepView {
  /** 0-based, in document order over every kind; runs report steps by this index. */
  index: number;
  /** Index into RunbookView.sections; -1 before the first heading. */
  section: number;
  /** shell: runs; manual: a task-list item someone confirms; shown: displayed, not run. */
  kind: 'shell' | 'manual' | 'shown';
  lang: string;
  text: string;
  risk: 'readonly' | 'mutating';
  riskReason: string | null;
  continueOnError: boolean;
  diagnostic: boolean;
}

export interface RunbookView {
  /** The file's path in the config directory, as alert rules name it: "runbooks/api-restart.md". */
  id: string;
  title: string;
  description: string | null;
  parameters: RunbookParam[];
  roles: ('viewer' | 'responder' | 'admin')[];
  sections: { title: string; level: number; line?: number }[];
  steps: RunbookStepView[];
}

export const RUN_STATUSES = ['running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type StepStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface Run {
  id: number;
  runbook: string;
  title: string;
  incidentId: number | null;
  /** The routine that started it, when a calendar did. */
  routine: string | null;
  /** Secret values arrive masked as "••••". */
  params: Record<string, string>;
  status: RunStatus;
  startedAt: number;
  endedAt: number | null;
  actor: string;
  dryRun: boolean;
}

export interface RunStep {
  index: number;
  kind: RunbookStepView['kind'];
  status: StepStatus;
  exitCode: number | null;
  startedAt: number | null;
  endedAt: number | null;
  /** Who confirmed a mutating step or ticked a manual item, and the note they left. */
  actor?: string | null;
  note?: string | null;
  /** Masked and capped by the server. */
  output: string;
}

export interface RunDetail {
  run: Run;
  steps: RunStep[];
}

export interface RunPage {
  items: Run[];
  total: number;
}

/** A run that can still change: the stream stays open and Cancel is offered. */
export function isLive(status: RunStatus): boolean {
  return status === 'running' || status === 'waiting';
}
