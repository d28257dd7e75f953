/** GET /api/v1/maintenance, as the console reads it. */
export interface MaintenanceOccurrence {
  window: string;
  start: number;
  end: number;
  scheduledEnd: number;
  noticeAt: number;
  state: 'upcoming' | 'active' | 'ended';
  changed: { kind: 'end-early' | 'extend'; by: string; at: number } | null;
}

export interface MaintenanceWindow {
  id: string;
  source: 'config' | 'api';
  title: string;
  timezone: string;
  schedule: string;
  services: string[];
  components: string[];
  message: string | null;
  occurrences: MaintenanceOccurrence[];
}

export interface MaintenanceList {
  from: number;
  to: number;
  windows: MaintenanceWindow[];
}
