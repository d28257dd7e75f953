import { useState, type FormEvent } from 'react';
import { apiPath } from '../api/client.ts';
import type { User } from '../api/types.ts';
import type { Mutation } from '../api/use-mutation.ts';
import { fromLocalInput, toLocalInput } from '../ui/zone-time.ts';

const HOUR = 3_600_000;

interface OverrideFormProps {
  scheduleId: string;
  zone: string;
  users: User[] | undefined;
  mutation: Mutation;
}

/**
 * "Someone covers from T1 to T2". The times are typed on the schedule's wall clock, the one the
 * page shows, and sent as exact instants, so a responder in another zone cannot be an hour off.
 */
export function OverrideForm({ scheduleId, zone, users, mutation }: OverrideFormProps) {
  const [user, setUser] = useState('');
  const [from, setFrom] = useState(() => toLocalInput(Math.ceil(Date.now() / HOUR) * HOUR, zone));
  const [to, setTo] = useState(() => toLocalInput(Math.ceil(Date.now() / HOUR) * HOUR + 8 * HOUR, zone));
  const [added, setAdded] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setAdded(undefined);
    const fromAt = fromLocalInput(from, zone);
    const toAt = fromLocalInput(to, zone);
    if (!user || fromAt === undefined || toAt === undefined) return;
    const body = { user, from: new Date(fromAt).toISOString(), to: new Date(toAt).toISOString() };
    const answer = await mutation.run(apiPath(`/schedules/${encodeURIComponent(scheduleId)}/overrides`), 'POST', body);
    if (answer) setAdded(users?.find((u) => u.id === user)?.name ?? user);
  };

  const invalid = (field: string): boolean => mutation.field === field;
  return (
    <form className="inline-form" onSubmit={submit} data-testid="override-form" aria-labelledby="override-form-title">
      <h2 id="override-form-title">Add an override</h2>
      <label>
        Who
        <select value={user} onChange={(e) => setUser(e.target.value)} required aria-invalid={invalid('user')} name="user">
          <option value="">Choose a person…</option>
          {users?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        From <span className="muted">({zone})</span>
        <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required aria-invalid={invalid('from')} name="from" />
      </label>
      <label>
        To <span className="muted">({zone})</span>
        <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required aria-invalid={invalid('to')} name="to" />
      </label>
      <button type="submit" className="primary" disabled={mutation.busy || !user}>
        Add override
      </button>
      {mutation.error && (
        <p className="error" role="alert" data-testid="override-error">
          {mutation.error}
        </p>
      )}
      {added && !mutation.error && (
        <p className="done" role="status">
          Override added for {added}.
        </p>
      )}
    </form>
  );
}
