import type { StatusPageDef } from '../config/index.ts';
import { esc } from './html-escape.ts';
import { pageStyle } from './page-style.ts';

export interface LayoutInput {
  page: StatusPageDef;
  /** The document title ("Checkout is slow · Demo Shop status"). */
  title: string;
  main: string;
  /** Subscriptions offered by the config: the email form goes in the footer. */
  subscribeEmail: boolean;
}

function header(page: StatusPageDef): string {
  const logo = page.logo ? `<a href="${esc(page.path)}"><img src="${esc(page.logo)}" alt="${esc(page.title)} home"></a>` : '';
  const description = page.description ? `<p>${esc(page.description)}</p>` : '';
  const links = page.links.length
    ? `<nav aria-label="Links"><ul>${page.links.map((l) => `<li><a href="${esc(l.href)}">${esc(l.text)}</a></li>`).join('')}</ul></nav>`
    : '';
  return `<header>${logo}<h1>${esc(page.title)}</h1>${description}${links}</header>`;
}

function footer(page: StatusPageDef, subscribeEmail: boolean): string {
  const form = subscribeEmail
    ? `<form method="post" action="/status/subscribe"><label for="sub-email">Get updates by email</label><input id="sub-email" name="email" type="email" autocomplete="email" required><button type="submit">Subscribe</button></form>`
    : '';
  return `<footer>${form}<ul class="links"><li><a href="${esc(page.path)}/feed.atom">Atom feed</a></li><li><a href="${esc(page.path)}/summary.json">JSON summary</a></li><li>Powered by Opsdeck</li></ul></footer>`;
}

/** The document around a page's main content: landmarks, one h1, the inline style, the feed link. */
export function layout(input: LayoutInput): string {
  const { page } = input;
  return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<title>${esc(input.title)}</title>`
    + `<link rel="alternate" type="application/atom+xml" title="${esc(page.title)}" href="${esc(page.path)}/feed.atom">`
    + `<style>${pageStyle(page)}</style></head><body>`
    + header(page) + `<main>${input.main}</main>` + footer(page, input.subscribeEmail)
    + '</body></html>';
}
