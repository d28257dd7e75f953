import { z } from 'zod';
import type { CheckType, Probe, ProbeValues } from '../../check-type.ts';
import { runProcess } from './process-run.ts';

export const MAX_OUTPUT_BYTES = 64 * 1024;

const schema = z
  .strictObject({
    /** A shell command line, run with /bin/sh -c. */
    run: z.string().min(1).optional(),
    /** A program and its arguments, run without a shell. */
    argv: z.array(z.string()).min(1).optional(),
    cwd: z.string().min(1).optional(),
    /** Added to Opsdeck's own environment. */
    env: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((value, ctx) => {
    if ((value.run === undefined) === (value.argv === undefined)) {
      const message = 'expected exactly one of run (a shell command) or argv (a program and its arguments)';
      ctx.addIssue({ code: 'custom', message, path: [] });
    }
  });

export type CommandCheckConfig = z.output<typeof schema>;

export const commandCheck: CheckType<CommandCheckConfig> = {
  name: 'command',
  schema,
  defaultExpect: ['[EXIT_CODE] == 0'],
  placeholders: ['EXIT_CODE', 'OUTPUT', 'RESPONSE_TIME'],
  create(config): Probe {
    const [file, ...args] = config.run !== undefined ? ['/bin/sh', '-c', config.run] : config.argv!;
    const spec = { file: file!, args, cwd: config.cwd, env: { ...process.env, ...config.env }, maxOutputBytes: MAX_OUTPUT_BYTES };
    return async ({ signal }) => {
      const started = performance.now();
      const { exitCode, output, error } = await runProcess(spec, signal);
      const values: ProbeValues = { OUTPUT: output, RESPONSE_TIME: Math.round(performance.now() - started) };
      if (exitCode !== null) values.EXIT_CODE = exitCode;
      return error === undefined ? { values } : { values, error };
    };
  },
};
