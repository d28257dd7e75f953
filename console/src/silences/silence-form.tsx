import { useState, type FormEvent } from 'react';
import { apiPath } from '../api/client.ts';
import type { Mutation } from '../api/use-mutation.ts';
import { browserZone, fromLocalInput } from '../ui/zone-time.ts';

type EndKind = 'duration' | 'end';

/**
 * A new silence. Matchers are typed as the CLI and config write them ("service=payments",
 * "alertname=~down|latency"), one per line, and checked by the server, which names the bad one.
 */
export function SilenceForm({ mutation }: { mutation: Mutation }) {
  const [matchers, setMatchers] = useState('');
  const [endKind, setEndKind] = useState<EndKind>('duration');
  const [duration, setDuration] = useState('2h');
  const [endsAt, setEndsAt] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [comment, setComment] = useState('');
  const zone = browserZone();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const lines = matchers
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const body: Record<string, unknown> = { matchers: lines, comment: comment.trim() };
    const start = fromLocalInput(startsAt, zone);
    if (start !== undefined) body['startsAt'] = new Date(start).toISOString();
    if (endKind === 'duration') body['duration'] = duration.trim();
    else {
      const end = fromLocalInput(endsAt, zone);
      if (end !== undefined) body['endsAt'] = new Date(end).toISOString();
    }
    if (await mutation.run(apiPath('/silences'), 'POST', body)) {
      setMatchers('');
      setComment('');
    }
  };

  const invalid = (field: string): boolean => mutation.field !== undefined && mutation.field.startsWith(field);
  return (
    <form className="silence-form" onSubmit={submit} data-testid="silence-form" aria-labelledby="silence-form-title">
      <h2 id="silence-form-title">New silence</h2>
      <label htmlFor="silence-matchers">Matchers, one per line</label>
      <textarea
        id="silence-matchers"
        rows={3}
        value={matchers}
        required
        aria-invalid={invalid('matchers')}
        aria-describedby="silence-matchers-help"
        placeholder={'service=payments\nalertname=~down|latency'}
        onChange={(e) => setMatchers(e.target.value)}
      />
      <p id="silence-matchers-help" className="muted">
        <code>=</code> equals, <code>!=</code> differs, <code>=~</code> matches a regular expression (whole value), <code>!~</code> does not. An alert is muted when every line matches.
      </p>
      <fieldset>
        <legend>Ends</legend>
        <label>
          <input type="radio" name="silence-end" checked={endKind === 'duration'} onChange={() => setEndKind('duration')} /> after
        </label>{' '}
        <input
          type="text"
          aria-label="Duration"
          size={6}
          value={duration}
          disabled={endKind !== 'duration'}
          aria-invalid={invalid('duration')}
          onChange={(e) => setDuration(e.target.value)}
          placeholder="2h"
        />
        <label>
          <input type="radio" name="silence-end" checked={endKind === 'end'} onChange={() => setEndKind('end')} /> at
        </label>{' '}
        <input
          type="datetime-local"
          aria-label={`Ends at (${zone})`}
          value={endsAt}
          disabled={endKind !== 'end'}
          required={endKind === 'end'}
          aria-invalid={invalid('endsAt')}
          onChange={(e) => setEndsAt(e.target.value)}
        />
      </fieldset>
      <label>
        Starts <span className="muted">(empty: now; {zone})</span>{' '}
        <input type="datetime-local" value={startsAt} aria-invalid={invalid('startsAt')} onChange={(e) => setStartsAt(e.target.value)} />
      </label>
      <label htmlFor="silence-comment">Why</label>
      <input
        id="silence-comment"
        type="text"
        value={comment}
        required
        aria-invalid={invalid('comment')}
        placeholder="Payments failover test, ticket OPS-123"
        onChange={(e) => setComment(e.target.value)}
      />
      <button type="submit" className="primary" disabled={mutation.busy}>
        Create silence
      </button>
      {mutation.error && (
        <p className="error" role="alert" data-testid="silence-error">
          {mutation.error}
        </p>
      )}
    </form>
  );
}
