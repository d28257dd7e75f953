import { useState, type FormEvent } from 'react';
import { apiPath } from '../api/client.ts';
import type { Action } from './use-action.ts';

/** A note for the timeline. The text is kept if posting fails, so nothing typed at 03:00 is lost. */
export function NoteForm({ incidentId, action }: { incidentId: number; action: Action }) {
  const [message, setMessage] = useState('');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const text = message.trim();
    if (!text) return;
    if (await action.run(apiPath(`/incidents/${incidentId}/notes`), { message: text })) setMessage('');
  };

  return (
    <form className="note-form" onSubmit={submit}>
      <label htmlFor="note">Note</label>
      <textarea
        id="note"
        rows={3}
        value={message}
        placeholder="What you found or did; it goes on the timeline."
        onChange={(e) => setMessage(e.target.value)}
        onKeyDown={(e) => {
          // Ctrl/Cmd+Enter posts, as in most chat and ticket tools.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
        }}
      />
      <button type="submit" disabled={action.busy || !message.trim()}>
        Add note
      </button>
    </form>
  );
}
