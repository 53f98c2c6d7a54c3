/**
 * The official Fabric ErrorResponse and the statuses the simulator uses for each
 * code (fabric-api-notes §5 and §15: the spec documents no 4xx per code).
 */

export interface MoreDetail {
  errorCode: string;
  message: string;
  relatedResource?: { resourceId: string; resourceType: string };
}

export class FabricError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly extra: {
      moreDetails?: MoreDetail[];
      isRetriable?: boolean;
      retryAfter?: number;
      relatedResource?: { resourceId: string; resourceType: string };
    } = {},
  ) {
    super(message);
  }
}

export const notFound = (
  code:
    | 'WorkspaceNotFound'
    | 'ItemNotFound'
    | 'FolderNotFound'
    | 'EntityNotFound'
    | 'OperationNotFound'
    | 'CapacityNotFound'
    | 'PrincipalNotFound'
    | string,
  what: string,
) => new FabricError(404, code, `The requested ${what} was not found.`);

export const insufficient = (
  message = 'The caller does not have sufficient permissions to perform this operation.',
) => new FabricError(403, 'InsufficientPrivileges', message);

export const badRequest = (code: string, message: string, moreDetails?: MoreDetail[]) =>
  new FabricError(400, code, message, moreDetails ? { moreDetails } : {});

export function errorBody(err: FabricError, requestId: string): Record<string, unknown> {
  const body: Record<string, unknown> = { requestId, errorCode: err.errorCode, message: err.message };
  if (err.extra.moreDetails?.length) body.moreDetails = err.extra.moreDetails;
  if (err.extra.relatedResource) body.relatedResource = err.extra.relatedResource;
  if (err.extra.isRetriable !== undefined) body.isRetriable = err.extra.isRetriable;
  return body;
}
