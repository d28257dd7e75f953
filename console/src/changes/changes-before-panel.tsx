import type { ChangeEvent, Incident } from '../api/types.ts';
import { ChangeList } from './change-list.tsx';

/**
 * "What changed just before this broke?" is the first question of most incidents: the changes of
 * the incident's service (and of none) from two hours before it opened, and while it is open.
 */
export function ChangesBeforePanel({ incident, changes, now }: { incident: Incident; changes: ChangeEvent[] | undefined; now: number }) {
  if (changes === undefined) return null;
  const until = incident.resolvedAt === null ? 'since' : 'until it resolved';
  return (
    <section className="changes-before" aria-labelledby="changes-before-title" data-testid="changes-before">
      <h2 id="changes-before-title">Changes in the two hours before</h2>
      <ChangeList changes={changes} now={now} empty={`No changes recorded for ${incident.service ?? 'any service'} in the two hours before it opened, or ${until}.`} />
    </section>
  );
}
