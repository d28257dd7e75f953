import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandCheck } from './index.ts';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'opsdeck-command-test-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const probe = (config: unknown, signal = new AbortController().signal) =>
  commandCheck.create(commandCheck.schema.parse(config))({ timeoutMs: 5000, signal });

/** Running, as opposed to gone or a zombie waiting for whichever process adopted it to reap it. */
function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('command check', () => {
  it('reports the exit code and stdout with stderr', async () => {
    const { values, error } = await probe({ run: 'echo hello; echo oops >&2; exit 3' });
    expect(error).toBeUndefined();
    expect(values).toMatchObject({ EXIT_CODE: 3 });
    expect((values.OUTPUT as string).split('\n').sort()).toEqual(['hello', 'oops']);
    expect(values.RESPONSE_TIME).toBeTypeOf('number');
  });

  it('runs argv without a shell, in cwd, with extra env', async () => {
    const script = 'process.stdout.write(`${process.env.GREETING} from ${process.cwd()} $HOME`)';
    const { values } = await probe({ argv: [process.execPath, '-e', script], cwd: dir, env: { GREETING: 'hi' } });
    expect(values).toMatchObject({ EXIT_CODE: 0, OUTPUT: `hi from ${dir} $HOME` });
  });

  it('keeps at most 64 KB of output', async () => {
    const { values } = await probe({ run: "head -c 200000 /dev/zero | tr '\\0' x" });
    expect(values).toMatchObject({ EXIT_CODE: 0 });
    expect((values.OUTPUT as string).length).toBe(64 * 1024);
  });

  it('reports a shell that cannot find the command through its exit code', async () => {
    const { values, error } = await probe({ run: 'no-such-command-opsdeck' });
    expect(error).toBeUndefined();
    expect(values.EXIT_CODE).toBe(127);
    expect(values.OUTPUT).toContain('not found');
  });

  it('says when the program or the working directory does not exist', async () => {
    expect((await probe({ argv: ['/nonexistent/opsdeck-probe'] })).error).toBe('command not found: /nonexistent/opsdeck-probe');
    expect((await probe({ run: 'true', cwd: join(dir, 'gone') })).error).toBe(`working directory ${join(dir, 'gone')} does not exist`);
  });

  it('says which signal killed the command', async () => {
    expect(await probe({ run: 'kill -TERM $$' })).toEqual({
      values: expect.objectContaining({ EXIT_CODE: 143 }),
      error: 'killed by SIGTERM',
    });
  });

  it('kills the whole process group when aborted', async () => {
    const pidFile = join(dir, 'background.pid');
    const controller = new AbortController();
    const outcome = probe({ run: `sleep 30 & echo $! > ${pidFile}; wait` }, controller.signal);
    await expect.poll(() => readFileSync(pidFile, 'utf8').trim(), { timeout: 2000 }).toMatch(/^\d+$/);
    const background = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(background)).toBe(true);
    controller.abort();
    expect((await outcome).error).toBe('aborted');
    await expect.poll(() => isAlive(background), { timeout: 2000 }).toBe(false);
  });

  it('kills what the command left running in the background once it exits', async () => {
    const { values } = await probe({ run: 'sleep 30 > /dev/null 2>&1 & echo $!' });
    const background = Number(values.OUTPUT);
    expect(background).toBeGreaterThan(0);
    await expect.poll(() => isAlive(background), { timeout: 2000 }).toBe(false);
  });

  it('takes exactly one of run or argv', () => {
    const message = 'expected exactly one of run (a shell command) or argv (a program and its arguments)';
    expect(commandCheck.schema.safeParse({}).error?.issues[0]?.message).toBe(message);
    expect(commandCheck.schema.safeParse({ run: 'x', argv: ['x'] }).error?.issues[0]?.message).toBe(message);
  });
});
