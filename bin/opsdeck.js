#!/usr/bin/env node
// The `opsdeck` command. Plain JavaScript that any Node can read: where the
// running Node is too old for Opsdeck (Debian ships 20), it re-runs itself
// under the Node 24 that scripts/n24 fetches once from the npm registry.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [major, minor] = process.versions.node.split('.').map(Number);
// Type stripping is on by default from 22.18 and 23.6.
const strips = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);

if (strips) {
  await import(path.join(root, 'src/cli/main.ts'));
} else {
  const n24 = path.join(root, 'scripts/n24');
  const main = path.join(root, 'src/cli/main.ts');
  const child = spawn('sh', [n24, 'node', main, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}
