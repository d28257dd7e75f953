import { useCallback, useEffect } from 'react';
import { ApiError, api, apiPath } from '../api/client.ts';
import type { Me, ScheduleOnCall, ScheduleShifts, UserList } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { useMutation } from '../api/use-mutation.ts';
import { Link } from '../router/link.tsx';
import { setQuery, useLocation } from '../router/router.ts';
import { LoadProblem } from '../ui/load-problem.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import { dayKey, formatInZone, instantOf, zoneDays } from '../ui/zone-time.ts';
import { FeedLink } from './feed-link.tsx';
import { OverrideForm } from './override-form.tsx';
import { OverrideList } from './override-list.tsx';
import { ShiftCalendar } from './shift-calendar.tsx';

const DAY = 86_400_000;
const DAYS = 28;

/** `?from=2026-12-24` read as noon that day: inside that local day in every zone from -12 to +14. */
function anchorFrom(query: URLSearchParams): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(query.get('from') ?? '');
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12) : undefined;
}

interface Loaded {
  shifts: ScheduleShifts;
  now: ScheduleOnCall;
}

const loadUsers = (signal: AbortSignal) => api<UserList>(apiPath('/users'), { signal });

export function SchedulePage({ id, me }: { id: string; me: Me | undefined }) {
  const { query } = useLocation();
  const anchor = anchorFrom(query);
  const base = `/schedules/${encodeURIComponent(id)}`;

  // The schedule's zone is only known from the answer, so ask from a day early and for two
  // extra days: whichever zone it is, its 28 local days are inside what comes back.
  const load = useCallback(
    async (signal: AbortSignal): Promise<Loaded> => {
      const from = new Date((anchor ?? Date.now()) - DAY).toISOString();
      const [shifts, now] = await Promise.all([
        api<ScheduleShifts>(apiPath(`${base}/shifts`, { from, days: DAYS + 2 }), { signal }),
        api<ScheduleOnCall>(apiPath(`${base}/oncall`), { signal }),
      ]);
      return { shifts, now };
    },
    [base, anchor],
  );
  const { data, error, loadedAt, refresh } = usePoll(`schedule:${id}:${anchor ?? 'now'}`, load, 30_000);
  const users = usePoll('users', loadUsers, 60_000);
  const adding = useMutation(me?.role, refresh);
  const removing = useMutation(me?.role, refresh);

  const name = data?.shifts.schedule.name;
  useEffect(() => {
    document.title = `${name ?? id} · On call · Opsdeck`;
  }, [id, name]);

  if (!data) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <main>
        <p>
          <Link href="/oncall">← On call</Link>
        </p>
        {notFound ? <p>There is no schedule called {id}.</p> : error ? <LoadProblem what={`schedule ${id}`} error={error} loadedAt={undefined} /> : <p className="muted">Loading…</p>}
      </main>
    );
  }

  const { shifts } = data;
  const zone = shifts.schedule.timezone;
  const now = Date.now();
  const start = anchor ?? now;
  const days = zoneDays(start, DAYS, zone);
  const onCall = data.now.onCall;
  const move = (weeks: number): void => {
    const first = days[0];
    if (!first) return;
    const [y, m, d] = first.key.split('-').map(Number) as [number, number, number];
    const target = instantOf(y, m, d + weeks * 7, 12, 0, zone);
    const key = dayKey(target, zone);
    setQuery({ from: key === dayKey(now, zone) ? undefined : key });
  };

  return (
    <main className="schedule">
      <p>
        <Link href="/oncall">← On call</Link>
      </p>
      <LoadProblem what={`schedule ${id}`} error={error} loadedAt={loadedAt} />
      <h1>{shifts.schedule.name}</h1>
      <p className="muted">All times in {zone}, the schedule's own time zone.</p>
      <p className="oncall-now" data-testid="oncall-now">
        On call now:{' '}
        {onCall ? (
          <>
            <strong data-testid="oncall-now-name">{onCall.name}</strong>
            {onCall.source === 'override' ? <span className="override-tag">override</span> : onCall.layer ? <span className="muted"> ({onCall.layer})</span> : null} until{' '}
            {formatInZone(onCall.to, zone, 'dayClock')}{' '}
            <span className="muted">
              (<TimeAgo at={onCall.to} now={now} />)
            </span>
          </>
        ) : (
          <span className="nobody">nobody</span>
        )}
      </p>

      <div className="toolbar">
        <h2>Next four weeks</h2>
        <span className="action-group" role="group" aria-label="Move through the calendar">
          <button type="button" onClick={() => move(-4)}>
            ← Four weeks earlier
          </button>
          <button type="button" onClick={() => setQuery({ from: undefined })} disabled={anchor === undefined}>
            Today
          </button>
          <button type="button" onClick={() => move(4)}>
            Four weeks later →
          </button>
        </span>
      </div>
      <ShiftCalendar data={shifts} days={days} now={now} />

      <h2>Overrides</h2>
      <OverrideList scheduleId={id} zone={zone} overrides={shifts.overrides} mutation={removing} />
      <OverrideForm key={zone} scheduleId={id} zone={zone} users={users.data?.items} mutation={adding} />
      <FeedLink scheduleId={id} />
    </main>
  );
}
