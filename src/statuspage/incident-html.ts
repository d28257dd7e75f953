import { esc } from './html-escape.ts';
import { layout } from './page-layout.ts';
import type { IncidentView, PageModel } from './page-model.ts';
import { statusWord, timeTag, updatesList } from './page-html.ts';
import { formatSpan } from './time-format.ts';

/** One incident as the page's readers see it: its public updates, newest first, and how long it lasted. */
export function incidentHtml(m: PageModel, i: IncidentView, subscribeEmail: boolean): string {
  const lasted = i.resolvedAt !== null
    ? `<p>Resolved ${timeTag(i.resolvedAt, m.zone)}, after ${formatSpan(i.resolvedAt - i.openedAt)}.</p>`
    : `<p>${esc(statusWord(i.status))} since ${timeTag(i.openedAt, m.zone)}.</p>`;
  const affects = i.components.length ? `<p>Affects ${esc(i.components.join(', '))}.</p>` : '';
  const main = `<article><h2>${esc(i.title)}</h2>${lasted}${affects}<section aria-labelledby="updates"><h3 id="updates">Updates</h3>${updatesList(i, m.zone)}</section></article>`
    + `<p><a href="${esc(m.page.path)}">Back to ${esc(m.page.title)}</a></p>`;
  return layout({ page: m.page, title: `${i.title} · ${m.page.title}`, main, subscribeEmail });
}
