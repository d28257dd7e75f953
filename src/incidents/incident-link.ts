/**
 * Where a person opens an incident in the console. The console routes by path (the server answers
 * every non-API path with the console), so this is a real, shareable URL: every notification,
 * reminder and feed links with it.
 */
export function incidentLink(consoleUrl: string, id: number): string {
  return `${consoleUrl.replace(/\/+$/, '')}/incidents/${id}`;
}
