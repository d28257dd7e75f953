/**
 * Links and images come from other tools (CI, Events v2 senders): only http(s) becomes a link, so a
 * "javascript:" URL sent by anyone holding a routing key can never run in a responder's session.
 */
export function safeHref(url: string | undefined | null): string | null {
  if (!url) return null;
  return /^https?:\/\//i.test(url) ? url : null;
}
