import { STATUS_LABELS, OVERALL_LABELS } from './component-status.ts';
import { esc } from './html-escape.ts';
import { layout } from './page-layout.ts';
import type { ComponentView, IncidentView, MaintenanceView, PageModel } from './page-model.ts';
import { dayLabel, formatInstant, isoInstant } from './time-format.ts';
import type { UptimeDay } from './uptime-days.ts';

const UPDATE_STATUS: Record<string, string> = {
  triggered: 'Investigating', acknowledged: 'Investigating', investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved',
};
export const statusWord = (status: string) => UPDATE_STATUS[status] ?? status;

export const timeTag = (ms: number, zone: string) => `<time datetime="${isoInstant(ms)}">${esc(formatInstant(ms, zone))}</time>`;

// Bytes count here: a page of 20 components carries 1,800 of these, so the common day has no class.
const BAR_CLASS: Record<UptimeDay['worst'], string> = { operational: '', partial: ' class="p"', major: ' class="m"', nodata: ' class="n"' };

function bar(day: UptimeDay): string {
  const label = dayLabel(day.date);
  if (day.worst === 'nodata') return `<li class="n">${label}: no data</li>`;
  if (day.percent === null) return `<li class="w">${label}: maintenance</li>`;
  // "3 Sep: 99.95%" in a list named "<component>, uptime by day": " up" on each of 1,800 bars would cost 5 KB.
  return `<li${BAR_CLASS[day.worst]}>${label}: ${day.percent}%${day.hadMaintenance ? ', maintenance' : ''}</li>`;
}

function component(c: ComponentView): string {
  const uptime = c.uptime && c.uptime.percent !== null
    ? `<p class="d">${c.uptime.percent}% uptime over the last 90 days</p><ol class="bars" aria-label="${esc(c.name)}, uptime by day">${c.uptime.days.map(bar).join('')}</ol>`
    : '';
  const description = c.description ? `<p class="d">${esc(c.description)}</p>` : '';
  return `<li><div class="row"><span>${esc(c.name)}</span><span class="st s-${c.status}">${STATUS_LABELS[c.status]}</span></div>${description}${uptime}</li>`;
}

export function updatesList(i: IncidentView, zone: string, limit = Infinity): string {
  if (i.updates.length === 0) return '<p>We are aware of the problem and are looking into it.</p>';
  return `<ol class="u">${i.updates.slice(0, limit).map((u) =>
    `<li><p><strong>${esc(statusWord(u.status))}</strong> · ${timeTag(u.at, zone)}</p><p>${esc(u.message)}</p></li>`).join('')}</ol>`;
}

function incidentCard(i: IncidentView, m: PageModel, level: 'h3', limit?: number): string {
  const affects = i.components.length ? `<p class="d">Affects ${esc(i.components.join(', '))}</p>` : '';
  const resolved = i.resolvedAt !== null ? `<p class="d">Resolved ${timeTag(i.resolvedAt, m.zone)}</p>` : '';
  return `<article class="card"><${level}><a href="${esc(m.page.path)}/incidents/${i.id}">${esc(i.title)}</a></${level}>${resolved}${affects}${updatesList(i, m.zone, limit)}</article>`;
}

function maintenanceCard(w: MaintenanceView, zone: string): string {
  const when = w.active ? `In progress until ${timeTag(w.end, zone)}` : `Scheduled ${timeTag(w.start, zone)} to ${timeTag(w.end, zone)}`;
  const affects = w.components.length ? `<p class="d">Affects ${esc(w.components.join(', '))}</p>` : '';
  const message = w.message ? `<p>${esc(w.message)}</p>` : '';
  return `<article class="card"><h3>${esc(w.title)}</h3><p>${when}</p>${affects}${message}</article>`;
}

function section(id: string, title: string, body: string): string {
  return `<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${body}</section>`;
}

/** The status page itself: banner, incidents, maintenance, components with their bars, history. */
export function pageHtml(m: PageModel, subscribeEmail: boolean): string {
  const parts = [
    `<section class="banner s-${m.overall}" aria-labelledby="overall"><h2 id="overall">${OVERALL_LABELS[m.overall]}</h2><p>As of ${timeTag(m.now, m.zone)}</p></section>`,
  ];
  if (m.active.length) parts.push(section('active', 'Active incidents', m.active.map((i) => incidentCard(i, m, 'h3')).join('')));
  if (m.maintenance.length) parts.push(section('maintenance', 'Maintenance', m.maintenance.map((w) => maintenanceCard(w, m.zone)).join('')));
  const groups = m.groups.map((g) => {
    const list = `<ul class="cs">${g.components.map(component).join('')}</ul>`;
    return g.name ? `<h3>${esc(g.name)}</h3>${list}` : list;
  });
  parts.push(section('components', 'Components', groups.join('')));
  parts.push(section('history', 'Past incidents', m.history.length
    ? m.history.map((i) => incidentCard(i, m, 'h3', 1)).join('')
    : '<p>No incidents in the last 90 days.</p>'));
  return layout({ page: m.page, title: m.page.title, main: parts.join(''), subscribeEmail });
}
