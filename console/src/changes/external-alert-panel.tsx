import type { ExternalAlert } from '../api/types.ts';
import { TimeAgo } from '../ui/time-ago.tsx';
import { DetailsTable } from './details-table.tsx';
import { OutsideLink } from './outside-link.tsx';

const SOURCE_NAMES: Record<string, string> = { 'events-v2': 'Events API v2', alertmanager: 'Alertmanager', prometheus: 'Prometheus rule' };

/**
 * What the tool that raised the incident said beyond its summary. Images are links, not inline
 * pictures: loading them would fetch from wherever a sender pointed, every time someone opens the page.
 */
export function ExternalAlertPanel({ alert, now }: { alert: ExternalAlert; now: number }) {
  const d = alert.details;
  const facts: [string, string | null][] = [
    ['Source', d.source], ['Component', d.component], ['Group', d.group], ['Class', d.class], ['Client', d.client],
  ];
  return (
    <section className="external-alert" aria-labelledby="external-alert-title" data-testid="external-alert">
      <h2 id="external-alert-title">Alert from {SOURCE_NAMES[alert.source] ?? alert.source}</h2>
      <p>
        <span data-testid="external-alert-summary">{alert.summary}</span>{' '}
        <span className="muted">
          ({alert.status}, {alert.events === 1 ? '1 event' : `${alert.events} events`}, last <TimeAgo at={alert.lastEventAt} now={now} />)
        </span>
      </p>
      <dl className="facts">
        {facts.filter(([, v]) => v).map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd data-testid={`external-${label.toLowerCase()}`}>{value}</dd>
          </div>
        ))}
        {d.clientUrl && (
          <div className="fact">
            <dt>Client link</dt>
            <dd>
              <OutsideLink href={d.clientUrl} />
            </dd>
          </div>
        )}
        {d.generatorUrl && (
          <div className="fact">
            <dt>Generator</dt>
            <dd>
              <OutsideLink href={d.generatorUrl} />
            </dd>
          </div>
        )}
      </dl>
      {(d.links.length > 0 || d.images.length > 0) && (
        <ul className="alert-links">
          {d.links.map((link, i) => (
            <li key={`l${i}`}>
              <OutsideLink href={link.href} testId="external-link">{link.text || link.href}</OutsideLink>
            </li>
          ))}
          {d.images.map((image, i) => (
            <li key={`i${i}`}>
              image: <OutsideLink href={image.href ?? image.src} testId="external-image">{image.alt || image.src}</OutsideLink>
            </li>
          ))}
        </ul>
      )}
      <DetailsTable details={d.customDetails} caption="Custom details" />
      {Object.keys(d.annotations).length > 0 && <DetailsTable details={d.annotations} caption="Annotations" testId="annotations" />}
    </section>
  );
}
