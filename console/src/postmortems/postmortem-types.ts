/** What /api/v1 answers for post-mortems and action items (see docs/api.md). */
export interface Postmortem {
  incidentId: number;
  body: string;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
  state: 'draft' | 'published';
}

export interface ActionItem {
  id: number;
  incidentId: number;
  title: string;
  owner: string;
  dueAt: number | null;
  doneAt: number | null;
  remindedAt: number | null;
  createdAt: number;
}

export interface PostmortemAnswer {
  postmortem: Postmortem;
  actions: ActionItem[];
  markdown: string;
}
