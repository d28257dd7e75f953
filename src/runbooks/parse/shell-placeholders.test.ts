import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPlaceholders } from './shell-placeholders.ts';

describe('scanPlaceholders: what becomes a parameter', () => {
  it.each([
    ['kubectl logs ${POD_NAME} -n ${NAMESPACE}', ['POD_NAME', 'NAMESPACE']],
    ['kubectl get pods -n $NAMESPACE', ['NAMESPACE']],
    ['echo ${REGION:-eu-west-1}', ['REGION']],
    ['kubectl describe pod <pod-name> -n accelerapp', ['POD_NAME']],
    ['terraform plan -var-file=environments/[environment].tfvars', ['ENVIRONMENT']],
    ['terraform apply -target=[affected_resource]', ['AFFECTED_RESOURCE']],
    ['VERSION=$1\nTARGET=${2}', ['ARG1', 'ARG2']],
    // Set by the shell or login: not asked for.
    ['echo $HOME $PATH $USER $PWD "$REPLY"', []],
    // Assigned earlier in the script: the script's own variable.
    ['BACKUP_DIR="/backups/$(date +%Y-%m-%d)"\nmkdir -p $BACKUP_DIR', []],
    ['export KUBECONFIG=/etc/k\nkubectl --kubeconfig $KUBECONFIG get pods', []],
    ['read -r ANSWER\necho $ANSWER', []],
    ['for NODE in a b; do echo $NODE; done', []],
    // Used before it is assigned: a parameter.
    ['echo $TARGET\nTARGET=x', ['TARGET']],
    // Lower case is a local variable, not a parameter (conservative).
    ['for f in *.log; do gzip "$f"; done', []],
    // Not shell expansion: single quotes, comments, quoted here-documents.
    ["awk '{print $1}' file", []],
    ["echo '$NAMESPACE'", []],
    ['# kubectl logs <pod-name> -n $NAMESPACE', []],
    ["cat <<'EOF'\n$NAMESPACE <pod-name>\nEOF", []],
    ['cat <<EOF\nnamespace: $NAMESPACE\nEOF', ['NAMESPACE']],
    // Brackets that are shell or Markdown syntax.
    ['if [ -f x ]; then echo ok; fi', []],
    ['[[ $REPLY =~ ^yes$ ]] && echo y', []],
    ['echo ${arr[idx]} files[ab] [a-z]', []],
    ['grep -E "[[:space:]]" x', []],
    ['echo see [the docs](https://example.com)', []],
    ['curl "http://prometheus:9090/api/v1/query?query=rate(x[5m])"', []],
    // `echo "Usage: $0 <version>"` beside VERSION=$1 documents the script's own variable.
    ['VERSION=$1\necho "Usage: $0 <version>"', ['ARG1']],
  ])('%s', (script, names) => {
    expect(scanPlaceholders(script).uses.map((u) => u.name)).toEqual(names);
  });

  it('says where each placeholder was written', () => {
    expect(scanPlaceholders('kubectl get pods\nkubectl logs <pod-name> -n ${NAMESPACE}').uses).toEqual([
      { name: 'POD_NAME', written: '<pod-name>', form: 'angle', line: 2, column: 14 },
      { name: 'NAMESPACE', written: '${NAMESPACE}', form: 'variable', line: 2, column: 28 },
    ]);
  });
});

describe('scanPlaceholders: rewriting to environment references', () => {
  it.each([
    // Alone as a word: quoted whole.
    ['kubectl logs <pod-name> -n x', 'kubectl logs "$POD_NAME" -n x'],
    // Inside a word: quoted where it stands.
    ['terraform plan -var-file=environments/[environment].tfvars', 'terraform plan -var-file=environments/"${ENVIRONMENT}".tfvars'],
    // Inside double quotes or an unquoted here-document: already quoted.
    ['echo "pod <pod-name> is down"', 'echo "pod ${POD_NAME} is down"'],
    ['cat <<EOF\npod: <pod-name>\nEOF', 'cat <<EOF\npod: ${POD_NAME}\nEOF'],
    // Inside single quotes: close them, expand in double quotes, reopen.
    ["kubectl patch x -p '{\"name\":\"<pod-name>\"}'", "kubectl patch x -p '{\"name\":\"'\"${POD_NAME}\"'\"}'"],
    // Positional parameters become names, quoted where they were not: a value with spaces stays one word.
    ['VERSION=$1 && echo "$2" && ls $3', 'VERSION="${ARG1}" && echo "${ARG2}" && ls "${ARG3}"'],
    // Shell syntax stays as written.
    ['kubectl logs ${POD_NAME} -n $NAMESPACE', 'kubectl logs ${POD_NAME} -n $NAMESPACE'],
  ])('%s', (script, rewritten) => {
    expect(scanPlaceholders(script).script).toBe(rewritten);
  });
});

/**
 * Rewriting is only safe if the shell takes the value as data. Every form, in
 * every context, is run by bash with hostile values; each must come back
 * literally and no file may appear.
 */
describe('rewritten placeholders reach the command literally', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdeck-placeholders-'));
  const marker = path.join(dir, 'x');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const hostile = [`; touch ${marker}`, `$(touch ${marker})`, `\`touch ${marker}\``, `"; touch ${marker}; echo "`, `' ; touch ${marker} ; '`, '*'];

  it.each([
    ['alone', "printf '<%s>\\n' <value>", (v: string) => `<${v}>`],
    ['inside a word', "printf '<%s>\\n' pre-[value]-post", (v: string) => `<pre-${v}-post>`],
    ['in double quotes', 'printf \'<%s>\\n\' "a <value> b"', (v: string) => `<a ${v} b>`],
    ['in single quotes', "printf '<%s>\\n' 'a <value> b'", (v: string) => `<a ${v} b>`],
    ['in a here-document', 'cat <<EOF\n<value>\nEOF', (v: string) => v],
    ['positional', 'printf \'<%s>\\n\' "$1"', (v: string) => `<${v}>`],
    ['positional unquoted in an assignment', 'X=$1\nprintf \'<%s>\\n\' "$X"', (v: string) => `<${v}>`],
  ])('%s', (_name, script, expected) => {
    const scan = scanPlaceholders(script);
    const name = scan.uses[0]!.name;
    expect(scan.uses).toHaveLength(1);
    expect(scan.script).not.toMatch(/<value>|\[value\]|\$1/);
    for (const value of hostile) {
      const out = execFileSync('bash', ['-c', scan.script], { env: { PATH: process.env.PATH, [name]: value }, encoding: 'utf8' });
      expect(out.trimEnd()).toBe(expected(value));
      expect(existsSync(marker)).toBe(false);
    }
  });
});
