/**
 * The contract checker itself: it must catch what it is there to catch (a vacuous
 * checker would let every suite pass), tolerate what the spec's own examples do,
 * and work for other suites through SIM_CONTRACT_LOG.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContractChecker, checkContractLog } from '../support/contract';
import { startSimulator, type Exchange } from '../../src/simulator';
import { client } from '../support/sim-client';

let checker: ContractChecker;
beforeAll(async () => {
  checker = await ContractChecker.create();
});

const WS = '0b7c4d35-5a26-4e3c-8a8e-0f2a9e7a1c11';
const ok = (x: Partial<Exchange>): Exchange => ({
  method: 'GET',
  path: `/v1/workspaces/${WS}`,
  query: '',
  status: 200,
  responseHeaders: {},
  ...x,
});
const workspace = {
  id: WS,
  displayName: 'W',
  description: '',
  type: 'Workspace',
  capacityAssignmentProgress: 'Completed',
};

test('a conforming response passes; open enums, nulls and offset-less date-times are tolerated', () => {
  expect(checker.check(ok({ responseBody: workspace }))).toEqual([]);
  expect(
    checker.check(ok({ responseBody: { ...workspace, type: 'SomeFutureType', capacityId: null } })),
  ).toEqual([]);
  const op = {
    status: 'Running',
    createdTimeUtc: '2021-11-20T09:26:43.153',
    lastUpdatedTimeUtc: '2021-11-20T09:26:43.153Z',
    percentComplete: 5,
  };
  expect(checker.check(ok({ path: `/v1/operations/${WS}`, responseBody: op }))).toEqual([]);
});

test('catches wrong bodies, wrong statuses, missing LRO headers and bad error shapes', () => {
  expect(checker.check(ok({ responseBody: { displayName: 'no id' } })).join()).toMatch(
    /response body invalid/,
  );
  expect(checker.check(ok({ responseBody: { ...workspace, id: 42 } })).join()).toMatch(
    /response body invalid/,
  );
  expect(
    checker
      .check(
        ok({
          method: 'POST',
          path: '/v1/workspaces',
          status: 200,
          requestBody: { displayName: 'x' },
          responseBody: workspace,
        }),
      )
      .join(),
  ).toMatch(/status 200 not declared/);
  const lro = ok({
    method: 'POST',
    path: `/v1/workspaces/${WS}/items`,
    status: 202,
    requestBody: { displayName: 'x', type: 'Notebook' },
  });
  expect(checker.check(lro).join()).toMatch(/lacks location/);
  expect(
    checker
      .check({
        ...lro,
        responseHeaders: { Location: '/v1/operations/x', 'x-ms-operation-id': 'x', 'Retry-After': '1' },
      })
      .join(),
  ).toMatch(/not absolute/);
  const err = ok({
    status: 404,
    responseBody: { errorCode: 'WorkspaceNotFound', message: 'm', requestId: WS },
  });
  expect(checker.check(err).join()).toMatch(/x-ms-public-api-error-code/);
  expect(
    checker
      .check({ ...err, responseBody: { message: 'no code' }, responseHeaders: { RequestId: WS } })
      .join(),
  ).toMatch(/error body invalid/);
  const throttled = ok({
    status: 429,
    responseBody: { errorCode: 'RequestBlocked', message: 'm' },
    responseHeaders: { 'x-ms-public-api-error-code': 'RequestBlocked', RequestId: WS },
  });
  expect(checker.check(throttled).join()).toMatch(/429 without integer Retry-After/);
});

test('requests the simulator accepted are validated strictly (readOnly ignored, discriminated subtypes enforced)', () => {
  const connect = (details: Record<string, unknown>) =>
    checker.check(
      ok({
        method: 'POST',
        path: `/v1/workspaces/${WS}/git/connect`,
        requestBody: { gitProviderDetails: details },
      }),
    );
  const github = { gitProviderType: 'GitHub', repositoryName: 'r', branchName: 'b', directoryName: 'd' };
  expect(connect({ ...github, ownerName: 'o' })).toEqual([]);
  expect(connect(github).join()).toMatch(/ownerName/);
  expect(connect({ ...github, gitProviderType: 'AzureDevOps' }).join()).toMatch(/organizationName/);
  const create = (body: unknown) =>
    checker.check(
      ok({
        method: 'POST',
        path: '/v1/workspaces',
        status: 201,
        requestBody: body,
        responseBody: workspace,
        responseHeaders: {},
      }),
    );
  expect(create({ displayName: 'x', id: WS })).toEqual([]); // readOnly id: ignored
  expect(create({ description: 'no name' }).join()).toMatch(/request body accepted but invalid/);
});

test('SIM_CONTRACT_LOG: exchanges of any in-process simulator land in a file other suites can check', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sim-contract-')), 'exchanges.jsonl');
  process.env.SIM_CONTRACT_LOG = file;
  try {
    const sim = await startSimulator();
    const c = client(sim);
    const ws = (await c.call('POST', '/workspaces', { displayName: 'Logged' })).body;
    await c.lro(await c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'NB', type: 'Notebook' }));
    await c.call('GET', `/workspaces/${ws.id}/items`);
    await sim.close();
  } finally {
    delete process.env.SIM_CONTRACT_LOG;
  }
  expect(await checkContractLog(file)).toEqual([]);
});
