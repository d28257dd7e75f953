import { useState, type FormEvent } from 'react';
import { api, apiPath } from '../api/client.ts';
import { formatAbsolute } from '../ui/time-format.ts';
import type { ActionItem } from './postmortem-types.ts';

interface Props {
  incidentId: number;
  items: ActionItem[];
  canEdit: boolean;
  /** Runs one change and refetches; resolves false when it failed (the page shows why). */
  change: (request: () => Promise<unknown>) => Promise<boolean>;
}

/** The post-mortem's action items: done toggles, and a form to add one (due "2026-04-30" means by the end of that day). */
export function ActionItems({ incidentId, items, canEdit, change }: Props) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const now = Date.now();

  const toggle = (item: ActionItem) => change(() => api(apiPath(`/actions/${item.id}`), { method: 'PATCH', body: { done: item.doneAt === null } }));
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await change(() => api(apiPath(`/incidents/${incidentId}/actions`), {
      method: 'POST', body: { title: title.trim(), owner: owner.trim(), due: due.trim() === '' ? null : due.trim() },
    }));
    if (ok) {
      setTitle('');
      setOwner('');
      setDue('');
    }
  };

  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Action items</h2>
      <table className="list" data-testid="action-items">
        <thead>
          <tr><th>Done</th><th>Action</th><th>Owner</th><th>Due</th></tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr><td colSpan={4} className="empty">No action items yet.</td></tr>
          )}
          {items.map((item) => {
            const overdue = item.doneAt === null && item.dueAt !== null && item.dueAt < now;
            return (
              <tr key={item.id} className={overdue ? 'action-overdue' : undefined} data-testid={`action-${item.id}`}>
                <td>
                  <input type="checkbox" aria-label={`Done: ${item.title}`} checked={item.doneAt !== null} disabled={!canEdit} onChange={() => void toggle(item)} />
                </td>
                <td>{item.title}</td>
                <td>{item.owner}</td>
                <td>
                  {item.dueAt === null ? <span className="muted">—</span> : formatAbsolute(item.dueAt)}
                  {overdue && <span className="breach">overdue</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {canEdit && (
        <form className="action-form" onSubmit={add}>
          <label>Action <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Alert on pool saturation" required /></label>
          <label>Owner <input value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="user id or team" required /></label>
          <label>Due <input value={due} onChange={(e) => setDue(e.target.value)} placeholder="2026-04-30" /></label>
          <button type="submit" disabled={!title.trim() || !owner.trim()}>Add action item</button>
        </form>
      )}
    </section>
  );
}
