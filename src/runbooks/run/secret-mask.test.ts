import { describe, expect, it } from 'vitest';
import { MASK, maskText, SecretMasker } from './secret-mask.ts';

function streamed(secrets: string[], chunks: string[]): string {
  const masker = new SecretMasker(secrets);
  return chunks.map((c) => masker.push(c)).join('') + masker.flush();
}

describe('masking secrets in a stream', () => {
  it.each([
    ['whole in one chunk', ['hunter2'], ['pw=hunter2\n'], `pw=${MASK}\n`],
    ['split across chunks', ['hunter2'], ['pw=hun', 'ter', '2 ok\n'], `pw=${MASK} ok\n`],
    ['split one character per chunk', ['s3cr3t'], [...'a s3cr3t b s3cr3t'], `a ${MASK} b ${MASK}`],
    ['a false start is released', ['hunter2'], ['hunt', 'ing\n'], 'hunting\n'],
    ['the longer of two overlapping secrets wins', ['abc', 'abcdef'], ['x abc', 'def y abc z'], `x ${MASK} y ${MASK} z`],
    ['at the very end of the stream', ['tail'], ['the ', 'tail'], `the ${MASK}`],
    ['empty secrets mask nothing', ['', 'k'], ['ok'], `o${MASK}`],
    ['regex characters are literal', ['a.b*c'], ['a.b*c axbbc'], `${MASK} axbbc`],
  ])('%s', (_name, secrets, chunks, expected) => {
    expect(streamed(secrets, chunks)).toBe(expected);
  });

  it('emits at once what cannot be a secret (a prompt without a newline shows live)', () => {
    const masker = new SecretMasker(['hunter2']);
    expect(masker.push('Continue? ')).toBe('Continue? ');
    expect(masker.push('hu')).toBe('');
    expect(masker.push('x')).toBe('hux');
  });

  it('masks a whole string', () => {
    expect(maskText('a hunter2 b hunter', ['hunter2'])).toBe(`a ${MASK} b hunter`);
  });
});
