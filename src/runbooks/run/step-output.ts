import { SecretMasker } from './secret-mask.ts';

/** Stored and streamed output per step is capped; a runaway `tail -f` must not fill the database. */
export const STEP_OUTPUT_CAP_BYTES = 256 * 1024;

type Stream = 'stdout' | 'stderr';

/**
 * One step's output on its way out: each stream masked on its own (a secret split across two
 * chunks is still masked), then counted against the cap; past the cap a single note says so and
 * the rest is read and dropped, so the process never blocks on a full pipe.
 */
export class StepOutput {
  readonly #maskers: Record<Stream, SecretMasker>;
  readonly #emit: (stream: Stream, text: string) => void;
  readonly #cap: number;
  #bytes = 0;
  #truncated = false;

  constructor(secrets: readonly string[], emit: (stream: Stream, text: string) => void, cap = STEP_OUTPUT_CAP_BYTES) {
    this.#maskers = { stdout: new SecretMasker(secrets), stderr: new SecretMasker(secrets) };
    this.#emit = emit;
    this.#cap = cap;
  }

  write(stream: Stream, chunk: string): void {
    this.#send(stream, this.#maskers[stream].push(chunk));
  }

  /** The step ended: what the maskers held back goes out too. */
  end(): void {
    this.#send('stdout', this.#maskers.stdout.flush());
    this.#send('stderr', this.#maskers.stderr.flush());
  }

  #send(stream: Stream, text: string): void {
    if (text === '' || this.#truncated) return;
    const bytes = Buffer.byteLength(text);
    if (this.#bytes + bytes <= this.#cap) {
      this.#bytes += bytes;
      this.#emit(stream, text);
      return;
    }
    const room = this.#cap - this.#bytes;
    // Cut on a character, not inside one: the byte budget is approximate by at most one character.
    const head = Buffer.from(text).subarray(0, room).toString('utf8').replace(/\uFFFD$/, '');
    this.#truncated = true;
    this.#bytes = this.#cap;
    if (head) this.#emit(stream, head);
    this.#emit(stream, `\n[output truncated: this step wrote more than ${Math.round(this.#cap / 1024)} KB; the rest was not kept]\n`);
  }
}
