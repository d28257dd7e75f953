/**
 * What makes one command mutating. Each rule gets the words after the program
 * name and answers with the reason, or null for read-only. Unknown programs
 * are read-only: the list is of things known to change state, and a fence
 * attribute ({mutating}) covers what the list cannot know.
 */
export interface CommandIO {
  reads: string[];
  heredocs: string[];
}
type Nested = (words: string[] | string) => string | null;
type Rule = (args: string[], io: CommandIO, nested: Nested) => string | null;

const SQL_VERBS = /\b(DROP|DELETE|TRUNCATE|ALTER|UPDATE|INSERT|CREATE|GRANT|REVOKE|REINDEX|VACUUM|CLUSTER|COPY)\b/i;

export function sqlVerb(sql: string): string | null {
  const withoutComments = sql.replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''");
  return SQL_VERBS.exec(withoutComments)?.[1]?.toUpperCase() ?? null;
}

/** The first word that is not an option; options listed in `valued` take the next word. */
function subcommand(args: string[], valued: string[] = []): { word: string | undefined; rest: string[] } {
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a.startsWith('-')) {
      if (valued.includes(a)) k++;
      continue;
    }
    return { word: a, rest: args.slice(k + 1) };
  }
  return { word: undefined, rest: [] };
}

const oneOf = (word: string | undefined, list: string) => word !== undefined && list.split('|').includes(word);
const has = (args: string[], ...flags: string[]) => args.some((a) => flags.some((f) => a === f || a.startsWith(`${f}=`)));

const KUBECTL_VALUED = ['-n', '--namespace', '--context', '--kubeconfig', '-l', '--selector', '-c', '--container', '-o', '--output', '--cluster', '--user'];
const SQL_CLIENT: Rule = (args, io) => {
  const inline = args.flatMap((a, k) => (['-c', '--command', '-e', '--execute'].includes(args[k - 1] ?? '') || /^(-c|--command=|-e|--execute=)./.test(a) ? [a] : []));
  const verb = sqlVerb([...inline, ...io.heredocs].join('\n'));
  if (verb) return `SQL ${verb}`;
  if (io.reads.length > 0) return `runs SQL from ${io.reads[0]} (< redirect)`;
  const file = args.findIndex((a) => a === '-f' || a === '--file');
  return file >= 0 ? `runs SQL from ${args[file + 1] ?? 'a file'} (-f)` : null;
};

export const RULES: Record<string, Rule> = {
  kubectl: (args, _io, nested) => {
    const { word, rest } = subcommand(args, KUBECTL_VALUED);
    if (word === 'exec') {
      const dash = args.indexOf('--');
      return dash >= 0 ? nested(args.slice(dash + 1)) : null;
    }
    if (word === 'rollout') return oneOf(subcommand(rest, KUBECTL_VALUED).word, 'status|history') ? null : 'kubectl rollout';
    if (word === 'set' || word === 'create') return `kubectl ${word}${rest[0] ? ` ${rest[0]}` : ''}`;
    return oneOf(word, 'delete|apply|scale|drain|patch|edit|cordon|uncordon|replace|label|annotate|taint|expose|autoscale|run|cp')
      ? `kubectl ${word}` : null;
  },
  terraform: (args) => {
    const { word, rest } = subcommand(args);
    if (word === 'state') return oneOf(rest[0], 'rm|mv|push|replace-provider') ? `terraform state ${rest[0]}` : null;
    return oneOf(word, 'apply|destroy|import|taint|untaint') ? `terraform ${word}` : null;
  },
  helm: (args) => {
    const { word } = subcommand(args, ['-n', '--namespace', '--kube-context']);
    return oneOf(word, 'install|upgrade|uninstall|rollback|delete') ? `helm ${word}` : null;
  },
  dropdb: () => 'dropdb',
  createdb: () => 'createdb',
  pg_restore: () => 'pg_restore',
  psql: SQL_CLIENT,
  mysql: SQL_CLIENT,
  'redis-cli': (args) => {
    const { word, rest } = subcommand(args, ['-h', '-p', '-a', '-n', '-u', '--user', '--pass', '--pattern', '-i', '-r', '-d', '--tls', '--cacert']);
    const verb = word?.toLowerCase();
    if (verb === 'config') return rest[0]?.toLowerCase() === 'set' ? 'redis-cli config set' : null;
    return oneOf(verb, 'flushall|flushdb|del|unlink|set|mset|hset|expire|shutdown|rename') ? `redis-cli ${verb}` : null;
  },
  rm: (args) => (has(args, '-rf', '-fr', '-r', '-R', '--recursive') ? 'rm -rf' : 'rm'),
  mv: () => 'mv',
  dd: () => 'dd',
  shred: () => 'shred',
  systemctl: (args) => {
    const { word } = subcommand(args);
    return oneOf(word, 'start|stop|restart|reload|enable|disable|mask|kill|try-restart|reload-or-restart') ? `systemctl ${word}` : null;
  },
  service: (args) => (oneOf(args[1], 'start|stop|restart|reload|force-reload') ? `service ${args[0]} ${args[1]}` : null),
  docker: (args, _io, nested) => {
    const { word, rest } = subcommand(args, ['-H', '--host', '--context']);
    if (word === 'exec') {
      const inner = subcommand(rest, ['-u', '--user', '-w', '--workdir', '-e', '--env']);
      return inner.word !== undefined ? nested(inner.rest) : null;
    }
    if (word === 'compose') return oneOf(subcommand(rest, ['-f', '--file', '-p']).word, 'up|down|rm|stop|restart|kill|run') ? 'docker compose' : null;
    return oneOf(word, 'rm|rmi|stop|kill|restart|run|start|pause|prune|push') ? `docker ${word}` : null;
  },
  aws: (args) => {
    const { word: service, rest } = subcommand(args, ['--region', '--profile', '--output', '--endpoint-url']);
    const op = subcommand(rest, ['--region', '--profile']).word;
    if (service === 's3') return oneOf(op, 'cp|mv|rm|sync|mb|rb') ? `aws s3 ${op}` : null;
    return op !== undefined && /^(delete|restore|modify|update|create|put|terminate|reboot|stop|start|run|attach|detach|associate|disassociate|register|deregister|remove|add|tag|untag|import|copy|reset|revoke|authorize|failover|promote|invoke|send|publish|enable|disable)\b/.test(op)
      ? `aws ${service} ${op}` : null;
  },
  gcloud: (args) => {
    const verb = args.find((a) => /^(delete|create|update|deploy|set|add|remove|resize|reset|stop|start|patch|restore)$/.test(a));
    return verb ? `gcloud ... ${verb}` : null;
  },
  git: (args) => {
    const { word, rest } = subcommand(args, ['-C', '-c']);
    if (word === 'reset') return has(rest, '--hard') ? 'git reset --hard' : null;
    if (word === 'clean') return 'git clean';
    return oneOf(word, 'push|commit|merge|rebase|checkout|switch|pull|cherry-pick|revert') ? `git ${word}` : null;
  },
  curl: (args) => {
    const method = args.flatMap((a, k) => (a === '-X' || a === '--request' ? [args[k + 1] ?? ''] : /^-X./.test(a) ? [a.slice(2)] : a.startsWith('--request=') ? [a.slice(10)] : []))[0]?.toUpperCase();
    if (method && oneOf(method, 'POST|PUT|DELETE|PATCH')) return `curl -X ${method}`;
    if (has(args, '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-F', '--form', '-T', '--upload-file') || args.some((a) => /^-d./.test(a))) return 'curl sends data';
    return null;
  },
  wget: (args) => (has(args, '--post-data', '--post-file', '--method') ? 'wget posts' : null),
  shutdown: () => 'shutdown',
  reboot: () => 'reboot',
  halt: () => 'halt',
  poweroff: () => 'poweroff',
  crontab: (args) => (has(args, '-r', '-e') || subcommand(args, ['-u']).word !== undefined ? `crontab ${args.join(' ')}`.trim() : null),
  iptables: (args) => (has(args, '-L', '--list', '-S', '--list-rules') ? null : 'iptables'),
  kill: () => 'kill',
  pkill: () => 'pkill',
  killall: () => 'killall',
  cp: () => 'cp',
  mkdir: () => 'mkdir',
  touch: () => 'touch',
  chmod: () => 'chmod',
  chown: () => 'chown',
  ln: () => 'ln',
  truncate: () => 'truncate',
  tee: (args) => (subcommand(args).word !== undefined ? 'tee writes a file' : null),
  sed: (args) => (args.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place')) ? 'sed -i' : null),
  // With no file named, they filter stdin to stdout: a redirect, if any, is what writes.
  gunzip: (args) => (has(args, '-c', '--stdout', '-t', '-l') || subcommand(args).word === undefined ? null : 'gunzip'),
  gzip: (args) => (has(args, '-c', '--stdout', '-t', '-l') || subcommand(args).word === undefined ? null : 'gzip'),
  tar: (args) => (/^-?[a-z]*[xc]/.test(args[0] ?? '') ? `tar ${args[0]}` : null),
  openssl: (args) => (has(args, '-out') ? 'openssl writes a file (-out)' : null),
  certbot: (args) => (has(args, '--dry-run') ? null : oneOf(subcommand(args).word, 'renew|certonly|revoke|delete|run') ? `certbot ${subcommand(args).word}` : null),
  pip: (args) => (oneOf(subcommand(args).word, 'install|uninstall') ? `pip ${subcommand(args).word}` : null),
  pip3: (args) => (oneOf(subcommand(args).word, 'install|uninstall') ? `pip ${subcommand(args).word}` : null),
  npm: (args) => (oneOf(subcommand(args).word, 'install|i|ci|uninstall|publish|update') ? `npm ${subcommand(args).word}` : null),
  'apt-get': (args) => (oneOf(subcommand(args).word, 'install|remove|purge|upgrade|dist-upgrade|autoremove') ? `apt-get ${subcommand(args).word}` : null),
  apt: (args) => (oneOf(subcommand(args).word, 'install|remove|purge|upgrade|full-upgrade|autoremove') ? `apt ${subcommand(args).word}` : null),
  yum: (args) => (oneOf(subcommand(args).word, 'install|remove|erase|update|upgrade') ? `yum ${subcommand(args).word}` : null),
  dnf: (args) => (oneOf(subcommand(args).word, 'install|remove|erase|update|upgrade') ? `dnf ${subcommand(args).word}` : null),
  mysqladmin: (args) => (args.some((a) => oneOf(a, 'drop|create|shutdown|flush-tables|flush-logs|kill')) ? 'mysqladmin' : null),
  xargs: (args, _io, nested) => {
    const { word, rest } = subcommand(args, ['-L', '-n', '-I', '-P', '-d', '-E', '-s', '-a']);
    return word !== undefined ? nested([word, ...rest]) : null;
  },
  find: (args, _io, nested) => {
    if (args.includes('-delete')) return 'find -delete';
    const exec = args.findIndex((a) => a === '-exec' || a === '-execdir' || a === '-ok');
    if (exec < 0) return null;
    const end = args.findIndex((a, k) => k > exec && (a === ';' || a === '+'));
    return nested(args.slice(exec + 1, end < 0 ? undefined : end));
  },
  bash: (args, _io, nested) => shellDashC(args, nested),
  sh: (args, _io, nested) => shellDashC(args, nested),
};

function shellDashC(args: string[], nested: Nested): string | null {
  const c = args.indexOf('-c');
  if (c >= 0 && args[c + 1] !== undefined) return nested(args[c + 1]!);
  const script = args.find((a) => !a.startsWith('-'));
  return script !== undefined ? scriptRisk(script) : null;
}

const MUTATING_NAME = /(?:^|[^a-z])(update|deploy|backup|restore|rollback|roll-back|delete|remove|create|notify|apply|generate|install|migrate|restart|scale|clean|purge|drop|reset|rotate|provision|destroy|upgrade|fix|set|write|push|release|failover|promote|enable|disable|stop|start|kill)/i;
const READING_NAME = /(?:^|[^a-z])(check|health|smoke|test|scan|analy[sz]e|report|verify|list|show|get|status|describe|inspect|diagnos|lint|audit|review|monitor|dry-run)/i;

/** A local script (`./scripts/x.sh`): only its name to go on. A verb that changes things wins over one that reads. */
function scriptRisk(program: string): string | null {
  const name = program.split('/').pop() ?? program;
  if (MUTATING_NAME.test(name) || !READING_NAME.test(name)) return `runs ${program} (a script; mark the step {readonly} if it only reads)`;
  return null;
}

/** The rule for a command's program, or the script rule when it is a path; `words` start at the program. */
export function commandRisk(words: string[], io: CommandIO, nested: Nested): string | null {
  const [program, ...args] = words;
  if (program === undefined) return null;
  const verb = sqlVerb(program);
  // A SQL statement pasted into a shell block after `psql` opens a session: the statement is what matters.
  if (verb && /^[A-Z]+;?$/.test(program)) return `SQL ${verb}`;
  const base = program.split('/').pop()!;
  const rule = RULES[program] ?? (program.includes('/') ? RULES[base] : undefined) ?? (/^mkfs(\.|$)/.test(base) ? () => base : undefined);
  if (rule) return rule(args, io, nested);
  if (program.includes('/') || /\.(sh|py|rb|pl)$/.test(program)) return scriptRisk(program);
  return null;
}
