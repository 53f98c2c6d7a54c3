import type { SourceLocation } from '../errors';
import { connectionBinding, type ParameterFile } from './parameters';

/**
 * What fabric-cicd does to an item after its definition is deployed, beyond the definition itself:
 * `POST /environments/{id}/staging/publish` for every Environment, and `semantic_model_binding`
 * (`POST /semanticModels/{id}/bindConnection`) for the semantic models parameter.yml binds.
 * Pure: it says what to do; the deploy engine does it.
 */

/** One connection to bind a deployed semantic model to. */
export interface ConnectionBindingStep {
  connectionId: string;
  /** The parameter.yml line that asked for it (for error messages). */
  at: SourceLocation;
}

export interface PostDeploySteps {
  /** Environment: publish its staged libraries and Spark settings once the definition is written. */
  publishEnvironment?: boolean;
  /** SemanticModel: connections from `semantic_model_binding` (the model's own entry, else `default`). */
  bindConnections?: ConnectionBindingStep[];
}

/**
 * Steps after deploying `item` (created or its definition updated) for `environment` (default: the one the
 * parameter file was loaded for). Empty object: nothing to do.
 */
export function postDeploySteps(
  item: { type: string; displayName: string },
  params?: ParameterFile,
  environment: string | undefined = params?.environment,
): PostDeploySteps {
  const out: PostDeploySteps = {};
  if (item.type === 'Environment') out.publishEnvironment = true;
  if (item.type === 'SemanticModel' && params) {
    const b = connectionBinding(params, item.displayName, environment);
    if (b?.connectionIds.length)
      out.bindConnections = b.connectionIds.map((connectionId) => ({ connectionId, at: b.at }));
  }
  return out;
}

/** A connection as `GET /v1/connections` (or `/connections/{id}`) returns it: the fields a binding repeats. */
export interface ConnectionInfo {
  /** Absent with connectivityType None (an unbind). */
  id?: string;
  connectivityType: string;
  connectionDetails: { type: string; path: string };
}

/**
 * Body of `POST /workspaces/{ws}/semanticModels/{id}/bindConnection`, as fabric-cicd builds it; connectivity
 * type None unbinds the data source (no id, as the spec's Unbind example).
 */
export function bindConnectionBody(connection: ConnectionInfo): {
  connectionBinding: ConnectionInfo;
} {
  return {
    connectionBinding: {
      ...(connection.connectivityType === 'None' ? {} : { id: connection.id }),
      connectivityType: connection.connectivityType,
      connectionDetails: {
        type: connection.connectionDetails.type,
        path: connection.connectionDetails.path,
      },
    },
  };
}
