/**
 * Escaping for the three places message text lands. Values come from alert labels and titles,
 * which anyone who can fire an alert controls, so they are escaped wherever markup is parsed.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML[ch] ?? ch);
}

/** Slack's mrkdwn treats only these three as control characters (`<url|label>` links, `<!here>` mentions). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Plain text to an HTML fragment: escaped, line breaks kept, and http(s) URLs made links so the
 * way back to the console is one click in a mail client.
 */
export function textToHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let html = '';
      let at = 0;
      for (const match of line.matchAll(URL_IN_TEXT)) {
        const url = escapeHtml(match[0]);
        html += `${escapeHtml(line.slice(at, match.index))}<a href="${url}">${url}</a>`;
        at = match.index + match[0].length;
      }
      return html + escapeHtml(line.slice(at));
    })
    .join('<br>\n');
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;
