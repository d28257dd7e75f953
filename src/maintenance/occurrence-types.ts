/**
 * One occurrence of a maintenance window as it really runs: its scheduled start, and its end
 * after the changes people made (ended early, extended). A one-off window created through the
 * API is an occurrence too, of a window whose id is "api:<id>".
 */
export interface Occurrence {
  /** The config window's id, or "api:<id>". */
  window: string;
  source: 'config' | 'api';
  title: string;
  timezone: string;
  /** Alerts of these services are muted while it runs. */
  services: readonly string[];
  /** Shown "under maintenance" on status pages while it runs. */
  components: readonly string[];
  message: string | null;
  /** Scheduled start; with `window`, the occurrence's identity. */
  start: number;
  /** The end the schedule (or the create request) gave it. */
  scheduledEnd: number;
  /** The end after changes: earlier when ended early, later when extended. */
  end: number;
  /** When it is announced to the status page and subscribers (start minus the notice period). */
  noticeAt: number;
  /** The last change made to it, if any. */
  changed: { kind: 'end-early' | 'extend'; by: string; at: number } | null;
}

export type OccurrenceState = 'upcoming' | 'active' | 'ended';

/** What a one-off window made through the API keeps in its 'create' change. */
export interface CreatedWindowSpec {
  title: string;
  timezone: string;
  services: string[];
  components: string[];
  message: string | null;
  noticeMs: number;
}
