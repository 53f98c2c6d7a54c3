import path from 'node:path';
import { loadParameterFile } from '../../src/items/parameters';
import { bindConnectionBody, postDeploySteps } from '../../src/items/postdeploy';
import { makeRepo } from '../support/items';

const C1 = '11111111-aaaa-4aaa-8aaa-000000000001';
const C2 = '11111111-aaaa-4aaa-8aaa-000000000002';
const C3 = '11111111-aaaa-4aaa-8aaa-000000000003';

function params(environment: string | undefined) {
  const yaml = `semantic_model_binding:
  default:
    connection_id:
      PROD: ${C1}
  models:
    - semantic_model_name: [ABC, Sales]
      connection_id:
        PROD: [${C2}, ${C3}]
        PPE: ${C3}
`;
  const dir = makeRepo({ 'parameter.yml': yaml });
  return loadParameterFile(path.join(dir, 'parameter.yml'), { environment });
}

describe('postDeploySteps', () => {
  test('every Environment is published; other types without binding need nothing', () => {
    expect(postDeploySteps({ type: 'Environment', displayName: 'World' })).toEqual({
      publishEnvironment: true,
    });
    expect(postDeploySteps({ type: 'Environment', displayName: 'World' }, params('PROD'))).toEqual({
      publishEnvironment: true,
    });
    expect(postDeploySteps({ type: 'Notebook', displayName: 'ABC' }, params('PROD'))).toEqual({});
    expect(postDeploySteps({ type: 'SemanticModel', displayName: 'ABC' })).toEqual({});
  });

  test('semantic_model_binding: the model entry (one or several connections), else default, per environment', () => {
    const p = params('PROD');
    const abc = postDeploySteps({ type: 'SemanticModel', displayName: 'ABC' }, p);
    expect(abc.bindConnections?.map((b) => b.connectionId)).toEqual([C2, C3]);
    expect(abc.bindConnections![0]!.at.file).toBe(p.file);
    expect(abc.bindConnections![0]!.at.line).toBe(8);
    expect(abc.publishEnvironment).toBeUndefined();
    expect(
      postDeploySteps({ type: 'SemanticModel', displayName: 'Other' }, p).bindConnections?.map(
        (b) => b.connectionId,
      ),
    ).toEqual([C1]);
    // An explicit environment wins over the one the file was loaded for.
    expect(
      postDeploySteps({ type: 'SemanticModel', displayName: 'Sales' }, p, 'PPE').bindConnections?.map(
        (b) => b.connectionId,
      ),
    ).toEqual([C3]);
    // No value for the environment (no default for PPE): nothing to bind.
    expect(postDeploySteps({ type: 'SemanticModel', displayName: 'Other' }, params('PPE'))).toEqual({});
  });

  test('bindConnection body repeats the connection as fabric-cicd sends it', () => {
    expect(
      bindConnectionBody({
        id: C1,
        connectivityType: 'ShareableCloud',
        connectionDetails: { type: 'SQL', path: 'srv.database.windows.net;db' },
        displayName: 'ignored',
      } as Parameters<typeof bindConnectionBody>[0]),
    ).toEqual({
      connectionBinding: {
        id: C1,
        connectivityType: 'ShareableCloud',
        connectionDetails: { type: 'SQL', path: 'srv.database.windows.net;db' },
      },
    });
  });
});
