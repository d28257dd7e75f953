import { useState, type FormEvent } from 'react';
import { apiPath } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useMutation } from '../api/use-mutation.ts';
import { navigate } from '../router/router.ts';
import type { Run, RunbookParam, RunbookView } from './runbook-types.ts';

const noop = (): void => {};

/** The server names a bad parameter as "NAME" or "params.NAME"; either points at its input. */
function blames(field: string | undefined, name: string): boolean {
  return field === name || field === `params.${name}`;
}

function ParamInput({ param, value, invalid, onChange }: { param: RunbookParam; value: string; invalid: boolean; onChange: (v: string) => void }) {
  const id = `param-${param.name}`;
  const common = {
    id,
    name: param.name,
    value,
    required: param.required,
    'aria-invalid': invalid || undefined,
    'aria-describedby': param.description ? `${id}-help` : undefined,
  };
  const choices = param.allowed ?? (param.type === 'boolean' ? ['true', 'false'] : null);
  return (
    <div className="param">
      <label htmlFor={id}>
        <code>{param.name}</code>
        {param.required && <span className="muted"> (required)</span>}
        {param.secret && <span className="muted"> (secret)</span>}
      </label>
      {choices ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {!param.required || value === '' ? <option value="">{param.default !== null ? `default (${param.default})` : '—'}</option> : null}
          {choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={param.secret ? 'password' : param.type === 'number' ? 'number' : 'text'}
          autoComplete={param.secret ? 'new-password' : 'off'}
          placeholder={param.default ?? ''}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {param.description && (
        <small id={`${id}-help`} className="muted">
          {param.description}
        </small>
      )}
    </div>
  );
}

/**
 * Parameters and Run / Dry run. Values go to the server as typed; the runner hands them to the
 * shell as environment variables, so nothing here needs quoting. Empty fields are left out so
 * the runbook's defaults apply and a missing required one is named by the server.
 */
export function RunForm({ runbook, me, incident }: { runbook: RunbookView; me: Me | undefined; incident: number | undefined }) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(runbook.parameters.map((p) => [p.name, p.secret || p.allowed || p.type === 'boolean' ? '' : (p.default ?? '')])),
  );
  const [incidentText, setIncidentText] = useState(incident !== undefined ? String(incident) : '');
  const [yes, setYes] = useState(false);
  const mutation = useMutation(me?.role, noop);
  const allowed = me === undefined || runbook.roles.includes(me.role);

  const start = async (dryRun: boolean): Promise<void> => {
    const params = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    const body: Record<string, unknown> = { runbook: runbook.id, params };
    const incidentId = Number(incidentText);
    if (incidentText.trim() !== '' && Number.isInteger(incidentId)) body['incident'] = incidentId;
    if (dryRun) body['dryRun'] = true;
    if (yes && !dryRun) body['yes'] = true;
    const answer = await mutation.run<{ run: Run }>(apiPath('/runbook-runs'), 'POST', body);
    if (answer) navigate(`/runbook-runs/${answer.run.id}`);
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void start(false);
  };

  if (!allowed) {
    return (
      <p className="muted" data-testid="run-not-allowed">
        Your role ({me?.role}) cannot run this runbook; it may be run by: {runbook.roles.join(', ')}.
      </p>
    );
  }
  return (
    <form className="run-form" onSubmit={submit} data-testid="run-form" aria-labelledby="run-form-title">
      <h2 id="run-form-title">Run</h2>
      {runbook.parameters.length === 0 && <p className="muted">No parameters.</p>}
      {runbook.parameters.map((p) => (
        <ParamInput
          key={p.name}
          param={p}
          value={values[p.name] ?? ''}
          invalid={blames(mutation.field, p.name)}
          onChange={(v) => setValues((old) => ({ ...old, [p.name]: v }))}
        />
      ))}
      <div className="param">
        <label htmlFor="run-incident">Incident</label>
        <input id="run-incident" inputMode="numeric" pattern="[0-9]*" value={incidentText} placeholder="none" onChange={(e) => setIncidentText(e.target.value)} />
        <small className="muted">The run goes on this incident's timeline.</small>
      </div>
      {me?.role === 'admin' && (
        <label className="run-yes">
          <input type="checkbox" checked={yes} onChange={(e) => setYes(e.target.checked)} /> Confirm every mutating step now (no pauses)
        </label>
      )}
      <div className="run-buttons">
        <button type="submit" className="primary" disabled={mutation.busy}>
          Run
        </button>
        <button type="button" disabled={mutation.busy} onClick={() => void start(true)}>
          Dry run
        </button>
        {!yes && <span className="muted">A mutating step waits for you to confirm it.</span>}
      </div>
      {mutation.error && (
        <p className="error" role="alert" data-testid="run-error">
          {mutation.error}
        </p>
      )}
    </form>
  );
}
