import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownView } from '../console/src/postmortems/markdown-view.tsx';

const render = (text: string) => renderToStaticMarkup(createElement(MarkdownView, { text }));

// The console's post-mortem preview: a Markdown subset rendered as React elements, so nothing a
// timeline message or an editor says can run in the browser.
describe('the post-mortem preview', () => {
  it('renders what drafts use: headings, list items with continuation lines, tables with escaped pipes, emphasis', () => {
    const html = render([
      '# Post-mortem: #7 Web is down', '', '_Draft generated._', '',
      '- **2026-03-10 10:20:00 UTC** · note · `token:ana` · Restarted.', '  Second line', '',
      '<!-- opsdeck:action-items -->', '| # | Action |', '|---|---|', '| 3 | Add a \\| replica |', '<!-- /opsdeck:action-items -->',
    ].join('\n'));
    expect(html).toContain('<h2>Post-mortem: #7 Web is down</h2>');
    expect(html).toContain('<p><em>Draft generated.</em></p>');
    expect(html).toContain('<li><strong>2026-03-10 10:20:00 UTC</strong> · note · <code>token:ana</code> · Restarted.<br/>Second line</li>');
    expect(html).toContain('<td>3</td><td>Add a | replica</td>');
    expect(html).not.toContain('opsdeck:action-items');
  });

  it('never interprets HTML and links only http(s), mailto and in-app paths', () => {
    const html = render([
      '<script>alert(1)</script> <img src=x onerror=alert(2)>',
      '[bad](javascript:alert(3)) [ok](https://example.com/pm) [mail](mailto:ops@example.com) [proto](//evil.example)',
    ].join('\n'));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('[bad](javascript:alert(3))');
    expect(html).toContain('<a href="https://example.com/pm" rel="noreferrer noopener" target="_blank">ok</a>');
    expect(html).toContain('href="mailto:ops@example.com"');
    expect(html).not.toContain('href="//evil.example"');
  });
});
