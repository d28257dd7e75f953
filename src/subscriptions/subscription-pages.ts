/**
 * The small pages behind the links in subscriber mail and the subscribe form's answer. Plain
 * HTML with one form at most, so they work with JavaScript off and in any mail client's browser.
 */

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}button{font:inherit;padding:.4rem 1rem}';

function page(organization: string, title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(title)} · ${escape(organization)} status</title><style>${STYLE}</style></head>`,
    `<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`,
  ].join('\n');
}

export function messagePage(organization: string, title: string, text: string, statusPath = '/status'): string {
  return page(organization, title, `<p>${escape(text)}</p><p><a href="${escape(statusPath)}">Back to the status page</a></p>`);
}

/** GET on an unsubscribe link only asks: link scanners in mail systems follow GETs, and must not unsubscribe anyone. */
export function unsubscribeFormPage(organization: string, address: string, action: string): string {
  return page(organization, 'Unsubscribe', [
    `<p>Stop sending ${escape(organization)} status updates to <strong>${escape(address)}</strong>?</p>`,
    `<form method="post" action="${escape(action)}"><button type="submit">Unsubscribe</button></form>`,
  ].join(''));
}
