import { useState, type FormEvent } from 'react';
import { apiPath } from '../api/client.ts';
import type { User } from '../api/types.ts';
import type { Action } from './use-action.ts';

type Kind = 'user' | 'policy';

interface ReassignFormProps {
  incidentId: number;
  users: User[] | undefined;
  /** The policy in force, offered first when reassigning to a policy. */
  currentPolicy: string | null;
  action: Action;
}

/** Moves the escalation to one person, or restarts it under another policy. */
export function ReassignForm({ incidentId, users, currentPolicy, action }: ReassignFormProps) {
  const [kind, setKind] = useState<Kind>('user');
  const [user, setUser] = useState('');
  const [policy, setPolicy] = useState('');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const body = kind === 'user' ? { user } : { policy: policy.trim() };
    if (await action.run(apiPath(`/incidents/${incidentId}/reassign`), body)) {
      setUser('');
      setPolicy('');
    }
  };

  const ready = kind === 'user' ? user !== '' : policy.trim() !== '';
  return (
    <form className="inline-form" onSubmit={submit} data-testid="reassign-form" aria-label="Reassign">
      <label>
        Reassign to{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-label="Reassign to a">
          <option value="user">a person</option>
          <option value="policy">a policy</option>
        </select>
      </label>
      {kind === 'user' ? (
        <select value={user} onChange={(e) => setUser(e.target.value)} aria-label="Person">
          <option value="">Choose…</option>
          {users?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      ) : (
        <>
          <input type="text" value={policy} onChange={(e) => setPolicy(e.target.value)} aria-label="Policy id" placeholder="policy id" list="reassign-policies" />
          <datalist id="reassign-policies">{currentPolicy && <option value={currentPolicy} />}</datalist>
        </>
      )}
      <button type="submit" disabled={action.busy || !ready}>
        Reassign
      </button>
    </form>
  );
}
