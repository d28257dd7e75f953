/** A value of custom_details as text: strings as they are, anything nested as compact JSON. */
function cell(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

/**
 * custom_details is whatever the sender chose: an object becomes a key/value table, a string a
 * paragraph, anything else its JSON. Rendered as text only, never as HTML.
 */
export function DetailsTable({ details, caption, testId = 'custom-details' }: { details: unknown; caption: string; testId?: string }) {
  if (details === null || details === undefined) return null;
  if (typeof details === 'object' && !Array.isArray(details)) {
    const entries = Object.entries(details as Record<string, unknown>);
    if (entries.length === 0) return null;
    return (
      <table className="list details" data-testid={testId}>
        <caption>{caption}</caption>
        <tbody>
          {entries.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>
                <code>{cell(value)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <p data-testid={testId}>
      <span className="muted">{caption}:</span> <code>{cell(details)}</code>
    </p>
  );
}
