import { ApiError, apiPath } from '../api/client.ts';
import { readToken } from '../api/token-store.ts';

/**
 * Downloads the Markdown export. The API needs the bearer token, which a plain link cannot send,
 * so the file is fetched and handed to the browser as a download.
 */
export async function downloadMarkdown(incidentId: number): Promise<void> {
  const token = readToken();
  const response = await fetch(apiPath(`/incidents/${incidentId}/postmortem.md`), {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    cache: 'no-store',
  });
  if (!response.ok) throw new ApiError(response.status, `the export failed (${response.status})`);
  const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/markdown' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `postmortem-incident-${incidentId}.md`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
