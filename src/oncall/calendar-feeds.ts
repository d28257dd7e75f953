import { timingSafeEqual } from 'node:crypto';
import type { Clock } from '../time/index.ts';
import { feedToken, type OnCallDirectory } from './oncall-directory.ts';
import { finalShifts } from './final-shifts.ts';
import { renderICalendar } from './icalendar.ts';

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
    const config = this.deps.directory;
    const now = this.deps.clock.now();
    const from = now - PAST_MS;
    const to = now + AHEAD_MS;
    const schedules = this.schedules();
    const schedule = schedules.find((s) => this.matches(token, 'schedule', s.id));
    if (schedule) {
      const extra = await config.extraOverrides(schedule, from, to);
      const events = finalShifts(schedule, from, to, extra).flatMap((shift) =>
        shift.user === null ? [] : [{ uid: `${schedule.id}-${shift.from}@opsdeck`, summary: `On call: ${this.name(shift.user)} (${schedule.name})`, from: shift.from, to: shift.to }]);
      return renderICalendar({ name: `On call: ${schedule.name}`, events, now });
    }
    const user = this.users().find((u) => this.matches(token, 'user', u));
    if (!user) return null;
    const events = [];
    for (const s of schedules) {
      const extra = await config.extraOverrides(s, from, to);
      for (const shift of finalShifts(s, from, to, extra)) {
        if (shift.user === user) events.push({ uid: `${s.id}-${user}-${shift.from}@opsdeck`, summary: `On call: ${s.name}`, from: shift.from, to: shift.to });
      }
    }
    return renderICalendar({ name: `On call: ${this.name(user)}`, events: events.sort((a, b) => a.from - b.from), now });
  }

  private matches(token: string, kind: 'schedule' | 'user', id: string): boolean {
    const expected = Buffer.from(feedToken(this.deps.secret, kind, id));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private schedules() {
    return this.deps.directory.allSchedules();
  }

  private users(): string[] {
    return this.deps.directory.allUsers().map((u) => u.id);
  }

  private name(user: string): string {
    return this.deps.directory.user(user)?.name ?? user;
  }
}
