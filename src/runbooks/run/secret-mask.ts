/** What a secret parameter's value becomes in stored and streamed output, the audit log and run params. */
export const MASK = '••••';

/**
 * Masks every occurrence of each secret in a stream of text chunks, also when a secret is split
 * across chunks. Rather than holding whole lines, it holds back only the shortest tail that could
 * still grow into a secret, so a prompt without a newline ("Continue? ") still shows live, and a
 * line of a megabyte is not held in memory. Longer secrets win over shorter ones they contain.
 */
export class SecretMasker {
  readonly #secrets: string[];
  readonly #longest: number;
  #held = '';

  constructor(secrets: readonly string[]) {
    // Empty values would match everywhere; they hide nothing.
    this.#secrets = [...new Set(secrets.filter((s) => s !== ''))].sort((a, b) => b.length - a.length);
    this.#longest = this.#secrets[0]?.length ?? 0;
  }

  /** The masked text that is safe to emit now; a possible secret's beginning is held for the next chunk. */
  push(chunk: string): string {
    return this.#scan(this.#held + chunk, false);
  }

  /** The end of the stream: whatever is held is emitted, masked. */
  flush(): string {
    return this.#scan(this.#held, true);
  }

  #scan(text: string, final: boolean): string {
    this.#held = '';
    if (this.#secrets.length === 0) return text;
    let out = '';
    let from = 0;
    let i = 0;
    while (i < text.length) {
      if (!final && this.#couldStart(text, i)) {
        this.#held = text.slice(i);
        return out + text.slice(from, i);
      }
      const secret = this.#secrets.find((s) => text.startsWith(s, i));
      if (secret) {
        out += text.slice(from, i) + MASK;
        i += secret.length;
        from = i;
      } else {
        i++;
      }
    }
    return out + text.slice(from);
  }

  /** The rest of the text from i is a proper beginning of some secret: more may follow. */
  #couldStart(text: string, i: number): boolean {
    const rest = text.length - i;
    if (rest >= this.#longest) return false;
    return this.#secrets.some((s) => s.length > rest && s.startsWith(text.slice(i)));
  }
}

/** One value with every secret replaced (for a whole string known at once). */
export function maskText(text: string, secrets: readonly string[]): string {
  const masker = new SecretMasker(secrets);
  return masker.push(text) + masker.flush();
}
