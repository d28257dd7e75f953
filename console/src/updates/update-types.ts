/** The shapes of /api/v1/incidents/:id/updates and /api/v1/templates, as the console reads them. */
export interface StatusUpdate {
  id: number;
  incidentId: number;
  at: number;
  status: string;
  visibility: 'public' | 'internal';
  message: string;
  author: string;
  components: string[];
}

/** When the next public update is due; overdueSince is set once it is late. */
export interface UpdateCadence {
  everyMs: number;
  dueAt: number;
  overdueSince: number | null;
}

export interface UpdateList {
  items: StatusUpdate[];
  cadence: UpdateCadence | null;
}

export interface CommsTemplate {
  id: string;
  title: string;
  audience: 'internal' | 'public';
  text: string;
}

export const UPDATE_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
