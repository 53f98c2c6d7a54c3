// `npm run demo`: a real deployment of examples/ into the embedded Fabric simulator, through the
// bundled entrypoint exactly as users run it, then the summary. Pass --twice to deploy again.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulatorProcess } from './sim-process.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const twice = process.argv.includes('--twice');
const environment = process.env.DEMO_ENVIRONMENT ?? 'dev';

// The realistic profile (latency, per-type operation durations, Retry-After, throttling), time-scaled so
// the demo takes seconds rather than the minutes a real tenant takes.
const sim = await startSimulatorProcess([
  '--profile',
  'realistic',
  '--time-scale',
  process.env.DEMO_TIME_SCALE ?? '0.1',
]);
console.log(`Fabric simulator listening on ${sim.url} (realistic profile)\n`);
let code = 0;
try {
  const runs = twice ? 2 : 1;
  for (let i = 0; i < runs && code === 0; i++) {
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'dist', 'index.js'),
        'deploy',
        '--config',
        path.join(root, 'examples', 'fabric-deploy.yml'),
        '--environment',
        environment,
      ],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          GITHUB_ACTIONS: '',
          TF_BUILD: '',
          AGENT_ID: '',
          FABRIC_DEPLOY_AUTH: 'token',
          FABRIC_DEPLOY_TOKEN: sim.token,
          FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
        },
      },
    );
    code = r.status ?? 1;
  }
} finally {
  await sim.stop();
}
process.exitCode = code;
