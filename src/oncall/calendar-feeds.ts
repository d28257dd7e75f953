import { timingSafeEqual } from 'node:crypto';
import type { Clock } from '../time/index.ts';
import { feedToken, type OnCallDirectory } from './oncall-directory.ts';
import type { OverrideDef, ScheduleDef } from '../config/index.ts';
import { renderICalendar } from './icalendar.ts';
import { personEvents, scheduleEvents } from './shift-events.ts';

const DAY = 86_400_000;
/** What a feed shows: a week back (for "who had it last night") and three months ahead. */
const PAST_MS = 7 * DAY;
const AHEAD_MS = 90 * DAY;

export interface CalendarFeedsDeps {
  directory: OnCallDirectory;
  /** Generated once per installation and kept in the store. */
  secret: string;
  /** Where people reach Opsdeck (server.public_url, else the listen address). */
  baseUrl: () => string;
  clock: Clock;
}

/** iCalendar feeds per schedule and per person, at unguessable URLs that calendar apps can poll without a token. */
export class CalendarFeeds {
  private readonly deps: CalendarFeedsDeps;

  constructor(deps: CalendarFeedsDeps) {
    this.deps = deps;
  }

  url(kind: 'schedule' | 'user', id: string): string {
    return `${this.deps.baseUrl()}/calendar/${feedToken(this.deps.secret, kind, id)}.ics`;
  }

  /** The feed behind a token, or null when the token names nothing (any longer). */
  async render(token: string): Promise<string | null> {
    const directory = this.deps.directory;
    const now = this.deps.clock.now();
    const from = now - PAST_MS;
    const to = now + AHEAD_MS;
    const schedules = directory.allSchedules();
    const userName = (id: string) => directory.user(id)?.name;
    const schedule = schedules.find((s) => this.matches(token, 'schedule', s.id));
    if (schedule) {
      const extraOverrides = await directory.extraOverrides(schedule, from, to);
      return renderICalendar({ name: `On call: ${schedule.name}`, events: scheduleEvents(schedule, from, to, { userName, extraOverrides }), now });
    }
    const user = directory.allUsers().find((u) => this.matches(token, 'user', u.id));
    if (!user) return null;
    const extras = new Map<ScheduleDef, OverrideDef[]>();
    for (const s of schedules) extras.set(s, await directory.extraOverrides(s, from, to));
    const events = personEvents(user.id, schedules, from, to, { userName, extraOverridesOf: (s) => extras.get(s) ?? [] });
    return renderICalendar({ name: `On call: ${user.name}`, events, now });
  }

  private matches(token: string, kind: 'schedule' | 'user', id: string): boolean {
    const expected = Buffer.from(feedToken(this.deps.secret, kind, id));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
