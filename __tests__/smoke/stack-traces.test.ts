/**
 * A stack trace printed by the bundle points at src/ (dist/ ships source maps of our code, read when a
 * stack is formatted), under Node 20 and Node 24: an internal error (an invalid proxy URL) with --verbose.
 */
import path from 'node:path';
import { NODES, requireNode24, runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';

beforeAll(() => requireNode24());

describe.each(NODES)('bundle under $name', ({ bin }) => {
  it('prints stack frames at src/ files and lines', async () => {
    const r = await runBundle(
      [
        'plan',
        '--config',
        path.join(ROOT, 'examples', 'fabric-deploy.yml'),
        '--environment',
        'dev',
        '--verbose',
      ],
      {
        HTTPS_PROXY: 'foo://proxy',
        FABRIC_DEPLOY_AUTH: 'token',
        FABRIC_DEPLOY_TOKEN: 'not-used',
        FABRIC_DEPLOY_FABRIC_API_URL: 'https://127.0.0.1:9/v1',
      },
      bin,
    );
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/invalid proxy URL/);
    const frames = out.split('\n').filter((l) => /^\s+at /.test(l));
    expect(frames.length).toBeGreaterThan(2);
    const src = path.join(ROOT, 'src') + path.sep;
    expect(frames.filter((l) => l.includes(src))).toEqual(
      expect.arrayContaining([expect.stringMatching(/src[\\/]main\.ts:\d+:\d+\)$/)]),
    );
  });
});
