import { useState, type FormEvent } from 'react';
import { api, apiPath } from '../api/client.ts';
import { explainFailure } from '../api/explain-failure.ts';
import type { Mutation } from '../api/use-mutation.ts';
import type { Role } from '../api/types.ts';
import { UPDATE_STATUSES, type CommsTemplate } from './update-types.ts';

interface Props {
  incidentId: number;
  resolved: boolean;
  templates: CommsTemplate[] | undefined;
  role: Role | undefined;
  mutation: Mutation;
}

/**
 * Choosing a template fills the text from the server's preview (the incident's values in place),
 * to be edited before posting; what is posted is the text as edited. Text is kept if posting fails.
 */
export function UpdateForm({ incidentId, resolved, templates, role, mutation }: Props) {
  const [template, setTemplate] = useState('');
  const [message, setMessage] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'public'>('internal');
  const [status, setStatus] = useState('');
  const [previewError, setPreviewError] = useState<string | undefined>(undefined);

  const choose = async (id: string): Promise<void> => {
    setTemplate(id);
    setPreviewError(undefined);
    const chosen = templates?.find((t) => t.id === id);
    if (!chosen) return;
    setVisibility(chosen.audience);
    try {
      const preview = await api<{ text: string }>(apiPath(`/incidents/${incidentId}/updates/preview`), { method: 'POST', body: { template: id } });
      setMessage(preview.text);
    } catch (e) {
      setPreviewError(explainFailure(e, role));
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const text = message.trim();
    if (!text) return;
    const body = { visibility, message: text, ...(template ? { template } : {}), ...(status ? { status } : {}) };
    if (await mutation.run(apiPath(`/incidents/${incidentId}/updates`), 'POST', body)) {
      setMessage('');
      setTemplate('');
      setStatus('');
    }
  };

  return (
    <form className="update-form" onSubmit={submit} aria-label="Post a status update">
      <div className="update-form-row">
        <label>
          Template{' '}
          <select value={template} onChange={(e) => void choose(e.target.value)} data-testid="update-template">
            <option value="">Free text</option>
            {templates?.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title} ({t.audience})
              </option>
            ))}
          </select>
        </label>
        <fieldset className="update-visibility">
          <legend>Visibility</legend>
          {(['internal', 'public'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="visibility" value={v} checked={visibility === v} onChange={() => setVisibility(v)} /> {v}
            </label>
          ))}
        </fieldset>
        {!resolved && (
          <label>
            Set status{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="update-status">
              <option value="">no change</option>
              {UPDATE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <label htmlFor="update-message">Message</label>
      <textarea id="update-message" rows={5} value={message} onChange={(e) => setMessage(e.target.value)} data-testid="update-message"
        placeholder="What is happening, what is being done, when the next update comes." />
      {visibility === 'public' && <p className="muted">Public: shown on status pages and sent to subscribers.</p>}
      {previewError && <p className="error" role="alert">{previewError}</p>}
      {mutation.error && <p className="error" role="alert" data-testid="update-error">{mutation.error}</p>}
      <button type="submit" disabled={mutation.busy || !message.trim()}>
        Post {visibility} update
      </button>
    </form>
  );
}
