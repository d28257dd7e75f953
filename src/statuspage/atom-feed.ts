import { createHash } from 'node:crypto';
import { esc } from './html-escape.ts';
import type { PageModel } from './page-model.ts';
import { statusWord } from './page-html.ts';
import { formatInstant, isoInstant } from './time-format.ts';

/** Stable, globally unique entry ids (Atom wants an IRI that never changes): a name-based UUID. */
function urn(...parts: (string | number)[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

interface Entry { id: string; title: string; updated: number; href: string; text: string }

function entry(e: Entry): string {
  return `<entry><id>${e.id}</id><title>${esc(e.title)}</title><updated>${isoInstant(e.updated)}</updated>`
    + `<link rel="alternate" type="text/html" href="${esc(e.href)}"/><content type="text">${esc(e.text)}</content></entry>`;
}

/**
 * Atom 1.0: one entry per public update, one per incident shown without one, and one per
 * announced or running maintenance occurrence. `base` is the absolute URL of the site (ids and links must
 * be absolute to survive feed readers that copy entries around).
 */
export function atomFeed(m: PageModel, base: string): string {
  const pageUrl = `${base}${m.page.path}`;
  const entries: Entry[] = [];
  for (const i of [...m.active, ...m.history]) {
    const href = `${pageUrl}/incidents/${i.id}`;
    if (i.updates.length === 0) entries.push({ id: urn(m.organization, m.page.id, 'incident', i.id), title: i.title, updated: i.openedAt, href, text: `${statusWord(i.status)}: ${i.title}` });
    for (const u of i.updates) {
      entries.push({ id: urn(m.organization, m.page.id, 'update', u.id), title: `${i.title}: ${statusWord(u.status)}`, updated: u.at, href, text: u.message });
    }
  }
  for (const o of m.maintenance) {
    const when = `${formatInstant(o.start, m.zone)} to ${formatInstant(o.end, m.zone)}`;
    entries.push({
      id: urn(m.organization, m.page.id, 'maintenance', o.window, o.start), title: `Maintenance: ${o.title}`, updated: Math.min(o.noticeAt, o.start), href: pageUrl,
      text: o.message ? `${when}. ${o.message}` : when,
    });
  }
  entries.sort((a, b) => b.updated - a.updated);
  const updated = entries[0]?.updated ?? m.now;
  return '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
    + `<id>${urn(m.organization, m.page.id, 'feed')}</id><title>${esc(m.page.title)}</title><updated>${isoInstant(updated)}</updated>`
    + `<author><name>${esc(m.organization)}</name></author>`
    + `<link rel="self" type="application/atom+xml" href="${esc(pageUrl)}/feed.atom"/><link rel="alternate" type="text/html" href="${esc(pageUrl)}"/>`
    + entries.map(entry).join('') + '</feed>\n';
}
