import { readFileSync } from 'node:fs';
import path from 'node:path';
import { base64Variants, maskSecret } from '../../src/identity/masking';
import { FIXTURES, RecordingHost } from '../support/identity-hosts';

describe('maskSecret', () => {
  test('registers each line of a multi-line PEM', () => {
    const host = new RecordingHost();
    const pem = readFileSync(path.join(FIXTURES, 'client.pem'), 'utf8');
    maskSecret(host, pem);
    const body = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
    expect(body.filter((line) => !host.secrets.includes(line))).toEqual([]);
    host.log.info(`key line: ${body[3]}`);
    expect(host.allText()).not.toContain(body[3]);
  });

  test('ignores empty and very short values and is idempotent', () => {
    const host = new RecordingHost();
    maskSecret(host, undefined);
    maskSecret(host, '');
    maskSecret(host, '   ');
    maskSecret(host, 'abc');
    expect(host.secrets).toEqual([]);
    maskSecret(host, 'p@ss word/=+');
    const n = host.secrets.length;
    maskSecret(host, 'p@ss word/=+');
    expect(host.secrets.length).toBe(n);
  });

  test('registers URL-encoded, JSON-escaped and base64 forms', () => {
    const host = new RecordingHost();
    const secret = 'S3cr3t "quoted" value/with+chars\nsecond-line';
    maskSecret(host, secret);
    expect(host.secrets).toContain(encodeURIComponent(secret));
    expect(host.secrets).toContain(JSON.stringify(secret).slice(1, -1));
    expect(host.secrets).toContain(Buffer.from(secret).toString('base64'));
    // The secret inside a larger base64 blob (e.g. a Basic auth header) is hidden at any alignment.
    for (const prefix of ['', 'a', 'ab', 'user:']) {
      const blob = Buffer.from(`${prefix}${secret}!tail`).toString('base64');
      host.log.info(`header ${blob}`);
      const shown = host.lines.at(-1)!.message;
      expect(shown).toContain('***');
    }
  });

  test('base64Variants only keep characters that depend on the value alone', () => {
    const bytes = Buffer.from('correct horse battery staple');
    for (const [i, variant] of base64Variants(bytes).entries()) {
      if (i === 1 || i === 2) continue; // the padded / base64url whole-value forms
      for (const prefix of ['', 'x', 'xy', 'xyz', 'wxyz']) {
        for (const suffix of ['', 'q', 'qr']) {
          const enc = Buffer.concat([Buffer.from(prefix), bytes, Buffer.from(suffix)]).toString('base64');
          if (prefix.length % 3 === [0, 0, 0, 1, 2][i]) expect(enc).toContain(variant);
        }
      }
    }
  });
});
