import { useState } from 'react';
import { api, apiPath } from '../api/client.ts';

/**
 * The iCalendar URL works without a token, so it is fetched only when asked for rather than
 * sitting on screen for every shoulder-surfer and screenshot.
 */
export function FeedLink({ scheduleId }: { scheduleId: string }) {
  const [url, setUrl] = useState<string | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>(undefined);

  const show = async (): Promise<void> => {
    try {
      const answer = await api<{ url: string }>(apiPath(`/schedules/${encodeURIComponent(scheduleId)}/feed`));
      // The server may answer with a path; a calendar app needs the whole address.
      setUrl(new URL(answer.url, window.location.origin).toString());
      setNote(undefined);
    } catch (e) {
      setNote(`Could not get the feed URL: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const copy = async (): Promise<void> => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setNote('Copied.');
    } catch {
      setNote('Copying was refused by the browser; select the address and copy it by hand.');
    }
  };

  return (
    <section className="feed" aria-labelledby="feed-title">
      <h2 id="feed-title">Calendar feed</h2>
      {url ? (
        <div className="inline-form">
          <label>
            iCalendar URL
            <input type="text" readOnly value={url} size={60} onFocus={(e) => e.target.select()} data-testid="feed-url" />
          </label>
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => void show()}>
          Show the feed URL
        </button>
      )}
      <p className="muted">Subscribe to it in a calendar app. Anyone with the URL can read this schedule, so share it like a password.</p>
      {note && <p role="status">{note}</p>}
    </section>
  );
}
