/**
 * Behind a mandatory proxy, principals given by name (UPN) are looked up in Microsoft Graph through that
 * proxy, as the Fabric and Entra calls are: the Graph host here is reachable only through the proxy (its
 * direct address refuses connections), so a look-up that went around it fails the deploy.
 */
import net, { type AddressInfo } from 'node:net';
import { DEFAULTS, type RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { notebook, project, snapshot } from '../support/deploy';
import { testProxy, type TestProxy } from '../support/fabric';
import { clientSecretEnv, stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let proxy: TestProxy;
/** Where Graph is configured: a port nothing listens on; the proxy tunnels it to the simulator. */
let GRAPH: string;

/** A loopback port that refuses connections (one just closed; fetch refuses low "bad ports" like 1). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  sim = await withSimulator();
  GRAPH = `localhost:${await closedPort()}`;
  const tls = new URL(sim.tlsUrl);
  proxy = await testProxy((target) => (target === GRAPH ? `127.0.0.1:${tls.port}` : target));
});
afterAll(async () => {
  await proxy.close();
  await stopSimulator(sim);
});

test('a principal by UPN is resolved through HTTPS_PROXY and gets its role', async () => {
  const ws = 'graph-through-proxy';
  const dir = project(
    `version: 1\nworkspace:\n  name: ${ws}\n  principals:\n` +
      `    - { upn: ${DEFAULTS.viewerUser.userPrincipalName}, role: Viewer }\nitems:\n  directory: items\n`,
    [notebook('nb', 1)],
  );
  const r = await runBundle(
    ['deploy', '--config', `${dir}/fabric-deploy.yml`],
    clientSecretEnv(sim, { FABRIC_DEPLOY_GRAPH_URL: `https://${GRAPH}/graph/v1.0`, HTTPS_PROXY: proxy.url }),
  );
  expect({ code: r.code, stderr: r.stderr, log: r.stdout.slice(-1500) }).toMatchObject({
    code: 0,
    stderr: '',
  });
  expect(proxy.connects).toContain(GRAPH);
  expect(snapshot(sim, ws)!.roles).toContain(`${DEFAULTS.viewerUser.id}:Viewer`);
}, 60_000);
