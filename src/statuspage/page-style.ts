import type { StatusPageDef } from '../config/index.ts';

/**
 * One small inline block, no fonts to fetch, no script. Statuses are classes (s-major ...) whose
 * colour comes from the page's config; every coloured thing also carries its status in words.
 * Uptime bars get shorter the worse the day, so the bars read without colour too; their labels
 * are text in the list item, moved out of sight but read by screen readers.
 */
const RULES = [
  '*{box-sizing:border-box}',
  'body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f8fa}',
  'header,main,footer{max-width:52rem;margin:0 auto;padding:1rem}',
  'header{border-top:.4rem solid var(--brand)}',
  'h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:1rem 0 .25rem}',
  'a{color:#0550ae}header img{max-height:3rem;max-width:12rem}',
  'nav ul,.links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}',
  '.banner{color:#fff;background:var(--c);border-radius:.4rem;padding:.75rem 1rem}.banner h2{margin:0}.banner p{margin:0}',
  '.card{background:#fff;border:1px solid #d0d7de;border-radius:.4rem;padding:.75rem 1rem;margin:.5rem 0}',
  '.card>h3{margin-top:0}',
  '.cs{list-style:none;padding:0;margin:0;background:#fff;border:1px solid #d0d7de;border-radius:.4rem}',
  '.cs>li{padding:.75rem 1rem;border-top:1px solid #d0d7de}.cs>li:first-child{border-top:0}',
  '.row{display:flex;justify-content:space-between;gap:1rem;font-weight:600}',
  '.st{color:var(--c);white-space:nowrap}.st::before{content:"";display:inline-block;width:.7em;height:.7em;border-radius:50%;background:var(--c);margin-right:.4em}',
  '.d{margin:0;color:#57606a;font-size:.9rem}',
  '.bars{display:flex;align-items:flex-end;gap:1px;height:2rem;list-style:none;padding:0;margin:.4rem 0 .2rem}',
  '.bars li{flex:1;height:100%;background:var(--operational);overflow:hidden;white-space:nowrap;text-indent:100%;color:#fff;font-size:1px;border-radius:1px}',
  '.bars .p{height:75%;background:var(--partial)}.bars .m{height:50%;background:var(--major)}',
  '.bars .w{background:var(--maintenance)}.bars .n{height:25%;background:#6e7781}',
  'ol.u{list-style:none;padding:0;margin:0}ol.u>li{border-left:3px solid #d0d7de;padding-left:.75rem;margin:.5rem 0}ol.u p{margin:0}',
  'time{white-space:nowrap}',
  '.s-operational{--c:var(--operational)}.s-degraded{--c:var(--degraded)}.s-partial{--c:var(--partial)}.s-major{--c:var(--major)}.s-maintenance{--c:var(--maintenance)}',
  'footer{color:#57606a;font-size:.9rem}',
  'form{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}input{font:inherit;padding:.3rem}button{font:inherit;padding:.3rem .8rem}',
].join('');

export function pageStyle(page: StatusPageDef): string {
  // Colours are hex by the config's own check, so they go into the CSS as they are.
  const vars = Object.entries(page.colors).map(([name, value]) => `--${name}:${value}`).join(';');
  return `:root{${vars}}${RULES}`;
}
