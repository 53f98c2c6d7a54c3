/* Generated from __tests__/fixtures/fabric-api-spec by __tests__/simulator/generated-schemas.test.ts (UPDATE_SIM_SCHEMAS=1). Do not edit. */
import type { GeneratedRequestSchema } from './validationTypes';

export const REQUEST_SCHEMAS: Record<string, GeneratedRequestSchema> = {
  'DELETE /deploymentPipelines/{deploymentPipelineId}': { bodyRequired: false, query: [] },
  'DELETE /deploymentPipelines/{deploymentPipelineId}/roleAssignments/{principalId}': {
    bodyRequired: false,
    query: [],
  },
  'DELETE /workspaces/{workspaceId}': { bodyRequired: false, query: [] },
  'DELETE /workspaces/{workspaceId}/dataPipelines/{dataPipelineId}': {
    bodyRequired: false,
    query: [{ name: 'hardDelete', type: 'boolean', required: false }],
  },
  'DELETE /workspaces/{workspaceId}/environments/{environmentId}': {
    bodyRequired: false,
    query: [{ name: 'hardDelete', type: 'boolean', required: false }],
  },
  'DELETE /workspaces/{workspaceId}/folders/{folderId}': { bodyRequired: false, query: [] },
  'DELETE /workspaces/{workspaceId}/items/{itemId}': {
    bodyRequired: false,
    query: [{ name: 'hardDelete', type: 'boolean', required: false }],
  },
  'DELETE /workspaces/{workspaceId}/items/{itemId}/shortcuts/{shortcutPath}/{shortcutName}': {
    bodyRequired: false,
    query: [],
  },
  'DELETE /workspaces/{workspaceId}/lakehouses/{lakehouseId}': {
    bodyRequired: false,
    query: [{ name: 'hardDelete', type: 'boolean', required: false }],
  },
  'DELETE /workspaces/{workspaceId}/notebooks/{notebookId}': {
    bodyRequired: false,
    query: [{ name: 'hardDelete', type: 'boolean', required: false }],
  },
  'DELETE /workspaces/{workspaceId}/reports/{reportId}': {
    bodyRequired: false,
    query: [{ name: 'hardDelete', type: 'boolean', required: false }],
  },
  'DELETE /workspaces/{workspaceId}/roleAssignments/{workspaceRoleAssignmentId}': {
    bodyRequired: false,
    query: [],
  },
  'DELETE /workspaces/{workspaceId}/semanticModels/{semanticModelId}': {
    bodyRequired: false,
    query: [{ name: 'hardDelete', type: 'boolean', required: false }],
  },
  'DELETE /workspaces/{workspaceId}/warehouses/{warehouseId}': {
    bodyRequired: false,
    query: [{ name: 'hardDelete', type: 'boolean', required: false }],
  },
  'GET /capacities': { bodyRequired: false, query: [] },
  'GET /capacities/{capacityId}': { bodyRequired: false, query: [] },
  'GET /connections': { bodyRequired: false, query: [] },
  'GET /connections/{connectionId}': { bodyRequired: false, query: [] },
  'GET /deploymentPipelines': { bodyRequired: false, query: [] },
  'GET /deploymentPipelines/{deploymentPipelineId}': { bodyRequired: false, query: [] },
  'GET /deploymentPipelines/{deploymentPipelineId}/operations': { bodyRequired: false, query: [] },
  'GET /deploymentPipelines/{deploymentPipelineId}/operations/{operationId}': {
    bodyRequired: false,
    query: [],
  },
  'GET /deploymentPipelines/{deploymentPipelineId}/roleAssignments': { bodyRequired: false, query: [] },
  'GET /deploymentPipelines/{deploymentPipelineId}/stages': { bodyRequired: false, query: [] },
  'GET /deploymentPipelines/{deploymentPipelineId}/stages/{stageId}': { bodyRequired: false, query: [] },
  'GET /deploymentPipelines/{deploymentPipelineId}/stages/{stageId}/items': {
    bodyRequired: false,
    query: [],
  },
  'GET /operations/{operationId}': { bodyRequired: false, query: [] },
  'GET /operations/{operationId}/result': { bodyRequired: false, query: [] },
  'GET /workspaces': {
    bodyRequired: false,
    query: [{ name: 'preferWorkspaceSpecificEndpoints', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}': {
    bodyRequired: false,
    query: [{ name: 'preferWorkspaceSpecificEndpoints', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}/dataPipelines': {
    bodyRequired: false,
    query: [{ name: 'recursive', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}/dataPipelines/{dataPipelineId}': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/environments': {
    bodyRequired: false,
    query: [{ name: 'recursive', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}/environments/{environmentId}': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/folders': {
    bodyRequired: false,
    query: [{ name: 'recursive', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}/folders/{folderId}': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/git/connection': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/git/myGitCredentials': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/git/status': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/items': {
    bodyRequired: false,
    query: [{ name: 'recursive', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}/items/{itemId}': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/items/{itemId}/connections': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/items/{itemId}/shortcuts': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/items/{itemId}/shortcuts/{shortcutPath}/{shortcutName}': {
    bodyRequired: false,
    query: [],
  },
  'GET /workspaces/{workspaceId}/lakehouses': {
    bodyRequired: false,
    query: [{ name: 'recursive', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}/lakehouses/{lakehouseId}': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/notebooks': {
    bodyRequired: false,
    query: [{ name: 'recursive', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}/notebooks/{notebookId}': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/reports': {
    bodyRequired: false,
    query: [{ name: 'recursive', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}/reports/{reportId}': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/roleAssignments': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/roleAssignments/{workspaceRoleAssignmentId}': {
    bodyRequired: false,
    query: [],
  },
  'GET /workspaces/{workspaceId}/semanticModels': {
    bodyRequired: false,
    query: [{ name: 'recursive', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}/semanticModels/{semanticModelId}': { bodyRequired: false, query: [] },
  'GET /workspaces/{workspaceId}/warehouses': {
    bodyRequired: false,
    query: [{ name: 'recursive', type: 'boolean', required: false }],
  },
  'GET /workspaces/{workspaceId}/warehouses/{warehouseId}': { bodyRequired: false, query: [] },
  'PATCH /deploymentPipelines/{deploymentPipelineId}': {
    body: { allOf: [{ type: 'object', properties: { displayName: { type: 'string', maxLength: 256 } } }] },
    bodyRequired: true,
    query: [],
  },
  'PATCH /deploymentPipelines/{deploymentPipelineId}/stages/{stageId}': {
    body: {
      type: 'object',
      required: ['displayName'],
      properties: { displayName: { type: 'string', maxLength: 256 }, isPublic: { type: 'boolean' } },
    },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}': {
    body: { properties: { displayName: { type: 'string' } } },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/dataPipelines/{dataPipelineId}': {
    body: { properties: { displayName: { type: 'string' } } },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/environments/{environmentId}': {
    body: { properties: { displayName: { type: 'string' } } },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/folders/{folderId}': {
    body: { required: ['displayName'], properties: { displayName: { type: 'string' } } },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/git/myGitCredentials': {
    body: {
      allOf: [
        {
          type: 'object',
          required: ['source'],
          properties: { source: { type: 'string', enum: ['ConfiguredConnection', 'Automatic', 'None'] } },
        },
        {
          if: { properties: { source: { const: 'ConfiguredConnection' } }, required: ['source'] },
          then: {
            type: 'object',
            required: ['connectionId'],
            properties: { connectionId: { type: 'string', format: 'uuid' } },
            allOf: [{}],
          },
        },
        {
          if: { properties: { source: { const: 'None' } }, required: ['source'] },
          then: { type: 'object', allOf: [{}] },
        },
        {
          if: { properties: { source: { const: 'Automatic' } }, required: ['source'] },
          then: { type: 'object', allOf: [{}] },
        },
      ],
    },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/items/{itemId}': {
    body: { properties: { displayName: { type: 'string' } } },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/lakehouses/{lakehouseId}': {
    body: { properties: { displayName: { type: 'string' } } },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/notebooks/{notebookId}': {
    body: { properties: { displayName: { type: 'string' } } },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/reports/{reportId}': {
    body: { properties: { displayName: { type: 'string' } } },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/roleAssignments/{workspaceRoleAssignmentId}': {
    body: {
      required: ['role'],
      properties: { role: { type: 'string', enum: ['Admin', 'Member', 'Contributor', 'Viewer'] } },
    },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/semanticModels/{semanticModelId}': {
    body: { properties: { displayName: { type: 'string' } } },
    bodyRequired: true,
    query: [],
  },
  'PATCH /workspaces/{workspaceId}/warehouses/{warehouseId}': {
    body: { properties: { displayName: { type: 'string' } } },
    bodyRequired: true,
    query: [],
  },
  'POST /deploymentPipelines': {
    body: {
      required: ['displayName', 'stages'],
      properties: {
        displayName: { type: 'string', maxLength: 256 },
        stages: {
          type: 'array',
          items: {
            type: 'object',
            required: ['displayName'],
            properties: { displayName: { type: 'string', maxLength: 256 }, isPublic: { type: 'boolean' } },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /deploymentPipelines/{deploymentPipelineId}/deploy': {
    body: {
      required: ['sourceStageId', 'targetStageId'],
      properties: {
        sourceStageId: { type: 'string', format: 'uuid' },
        targetStageId: { type: 'string', format: 'uuid' },
        createdWorkspaceDetails: {
          required: ['name'],
          type: 'object',
          properties: {
            name: { type: 'string', maxLength: 256 },
            capacityId: { type: 'string', format: 'uuid' },
          },
        },
        note: { type: 'string', maxLength: 1024 },
        items: {
          type: 'array',
          items: {
            required: ['sourceItemId', 'itemType'],
            type: 'object',
            properties: { sourceItemId: { type: 'string', format: 'uuid' }, itemType: { type: 'string' } },
          },
        },
        options: { type: 'object', properties: { allowCrossRegionDeployment: { type: 'boolean' } } },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /deploymentPipelines/{deploymentPipelineId}/roleAssignments': {
    body: {
      type: 'object',
      required: ['principal', 'role'],
      properties: {
        principal: {
          allOf: [
            {
              type: 'object',
              required: ['id', 'type'],
              properties: {
                id: { type: 'string', format: 'uuid' },
                displayName: {},
                type: {
                  type: 'string',
                  enum: ['User', 'ServicePrincipal', 'Group', 'ServicePrincipalProfile', 'EntireTenant'],
                },
              },
            },
            {
              if: { properties: { type: { const: 'User' } }, required: ['type'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['id', 'type'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      displayName: {},
                      type: {
                        type: 'string',
                        enum: [
                          'User',
                          'ServicePrincipal',
                          'Group',
                          'ServicePrincipalProfile',
                          'EntireTenant',
                        ],
                      },
                    },
                  },
                ],
                properties: { userDetails: {} },
              },
            },
            {
              if: { properties: { type: { const: 'ServicePrincipal' } }, required: ['type'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['id', 'type'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      displayName: {},
                      type: {
                        type: 'string',
                        enum: [
                          'User',
                          'ServicePrincipal',
                          'Group',
                          'ServicePrincipalProfile',
                          'EntireTenant',
                        ],
                      },
                    },
                  },
                ],
                properties: { servicePrincipalDetails: {} },
              },
            },
            {
              if: { properties: { type: { const: 'Group' } }, required: ['type'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['id', 'type'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      displayName: {},
                      type: {
                        type: 'string',
                        enum: [
                          'User',
                          'ServicePrincipal',
                          'Group',
                          'ServicePrincipalProfile',
                          'EntireTenant',
                        ],
                      },
                    },
                  },
                ],
                properties: {
                  groupDetails: {
                    type: 'object',
                    properties: {
                      groupType: { type: 'string', enum: ['Unknown', 'SecurityGroup', 'DistributionList'] },
                    },
                  },
                },
              },
            },
            {
              if: { properties: { type: { const: 'ServicePrincipalProfile' } }, required: ['type'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['id', 'type'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      displayName: {},
                      type: {
                        type: 'string',
                        enum: [
                          'User',
                          'ServicePrincipal',
                          'Group',
                          'ServicePrincipalProfile',
                          'EntireTenant',
                        ],
                      },
                    },
                  },
                ],
                properties: {
                  servicePrincipalProfileDetails: {
                    type: 'object',
                    properties: {
                      parentPrincipal: {
                        type: 'object',
                        required: ['id', 'type'],
                        properties: {
                          id: { type: 'string', format: 'uuid' },
                          displayName: {},
                          type: {
                            type: 'string',
                            enum: [
                              'User',
                              'ServicePrincipal',
                              'Group',
                              'ServicePrincipalProfile',
                              'EntireTenant',
                            ],
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            {
              if: { properties: { type: { const: 'EntireTenant' } }, required: ['type'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['id', 'type'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      displayName: {},
                      type: {
                        type: 'string',
                        enum: [
                          'User',
                          'ServicePrincipal',
                          'Group',
                          'ServicePrincipalProfile',
                          'EntireTenant',
                        ],
                      },
                    },
                  },
                ],
              },
            },
          ],
        },
        role: { type: 'string', enum: ['Admin'] },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /deploymentPipelines/{deploymentPipelineId}/stages/{stageId}/assignWorkspace': {
    body: { required: ['workspaceId'], properties: { workspaceId: { type: 'string', format: 'uuid' } } },
    bodyRequired: true,
    query: [],
  },
  'POST /deploymentPipelines/{deploymentPipelineId}/stages/{stageId}/unassignWorkspace': {
    bodyRequired: false,
    query: [],
  },
  'POST /workspaces': {
    body: {
      required: ['displayName'],
      properties: {
        displayName: { type: 'string' },
        capacityId: { type: 'string', format: 'uuid' },
        domainId: { type: 'string', format: 'uuid' },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/assignToCapacity': {
    body: {
      type: 'object',
      required: ['capacityId'],
      properties: { capacityId: { type: 'string', format: 'uuid' } },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/dataPipelines': {
    body: {
      required: ['displayName'],
      properties: {
        displayName: { type: 'string' },
        folderId: { type: 'string', format: 'uuid' },
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
        sensitivityLabelSettings: {
          type: 'object',
          required: ['labelId'],
          properties: {
            labelId: { type: 'string', format: 'uuid' },
            sensitivityLabelApplyStrategy: { type: 'string', enum: ['ApplyOrFail', 'Ignore'] },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/dataPipelines/{dataPipelineId}/getDefinition': {
    bodyRequired: false,
    query: [],
  },
  'POST /workspaces/{workspaceId}/dataPipelines/{dataPipelineId}/updateDefinition': {
    body: {
      required: ['definition'],
      properties: {
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
      },
    },
    bodyRequired: true,
    query: [{ name: 'updateMetadata', type: 'boolean', required: false }],
  },
  'POST /workspaces/{workspaceId}/environments': {
    body: {
      required: ['displayName'],
      properties: {
        displayName: { type: 'string' },
        folderId: { type: 'string', format: 'uuid' },
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
        sensitivityLabelSettings: {
          type: 'object',
          required: ['labelId'],
          properties: {
            labelId: { type: 'string', format: 'uuid' },
            sensitivityLabelApplyStrategy: { type: 'string', enum: ['ApplyOrFail', 'Ignore'] },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/environments/{environmentId}/getDefinition': {
    bodyRequired: false,
    query: [],
  },
  'POST /workspaces/{workspaceId}/environments/{environmentId}/staging/cancelPublish': {
    bodyRequired: false,
    query: [],
  },
  'POST /workspaces/{workspaceId}/environments/{environmentId}/staging/publish?beta=false': {
    bodyRequired: false,
    query: [{ name: 'beta', type: 'boolean', required: true }],
  },
  'POST /workspaces/{workspaceId}/environments/{environmentId}/staging/publish?beta=true': {
    bodyRequired: false,
    query: [{ name: 'beta', type: 'boolean', required: true }],
  },
  'POST /workspaces/{workspaceId}/environments/{environmentId}/updateDefinition': {
    body: {
      required: ['definition'],
      properties: {
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
      },
    },
    bodyRequired: true,
    query: [{ name: 'updateMetadata', type: 'boolean', required: false }],
  },
  'POST /workspaces/{workspaceId}/folders': {
    body: {
      required: ['displayName'],
      properties: { displayName: { type: 'string' }, parentFolderId: { type: 'string', format: 'uuid' } },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/folders/{folderId}/move': {
    body: { properties: { targetFolderId: { type: 'string', format: 'uuid' } } },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/git/commitToGit': {
    body: {
      type: 'object',
      required: ['mode'],
      properties: {
        mode: { type: 'string', enum: ['All', 'Selective'] },
        workspaceHead: { type: 'string' },
        comment: { type: 'string', maxLength: 300 },
        items: {
          type: 'array',
          items: {
            type: 'object',
            minProperties: 1,
            maxProperties: 2,
            properties: {
              objectId: { type: 'string', format: 'uuid' },
              logicalId: { type: 'string', format: 'uuid' },
            },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/git/connect': {
    body: {
      type: 'object',
      required: ['gitProviderDetails'],
      properties: {
        gitProviderDetails: {
          allOf: [
            {
              type: 'object',
              required: ['gitProviderType', 'repositoryName', 'branchName', 'directoryName'],
              properties: {
                gitProviderType: { type: 'string', enum: ['AzureDevOps', 'GitHub'] },
                repositoryName: { type: 'string', maxLength: 128 },
                branchName: { type: 'string', maxLength: 250 },
                directoryName: { type: 'string', maxLength: 256 },
              },
            },
            {
              if: {
                properties: { gitProviderType: { const: 'AzureDevOps' } },
                required: ['gitProviderType'],
              },
              then: {
                type: 'object',
                required: ['organizationName', 'projectName'],
                properties: {
                  organizationName: { type: 'string', maxLength: 100 },
                  projectName: { type: 'string', maxLength: 100 },
                },
                allOf: [{}],
              },
            },
            {
              if: { properties: { gitProviderType: { const: 'GitHub' } }, required: ['gitProviderType'] },
              then: {
                type: 'object',
                required: ['ownerName'],
                properties: {
                  ownerName: { type: 'string', maxLength: 100 },
                  customDomainName: { type: 'string', maxLength: 100 },
                },
                allOf: [{}],
              },
            },
          ],
        },
        myGitCredentials: {
          allOf: [
            {
              type: 'object',
              required: ['source'],
              properties: { source: { type: 'string', enum: ['ConfiguredConnection', 'Automatic', 'None'] } },
            },
            {
              if: { properties: { source: { const: 'ConfiguredConnection' } }, required: ['source'] },
              then: {
                type: 'object',
                required: ['connectionId'],
                properties: { connectionId: { type: 'string', format: 'uuid' } },
                allOf: [
                  {
                    type: 'object',
                    required: ['source'],
                    properties: {
                      source: { type: 'string', enum: ['ConfiguredConnection', 'Automatic', 'None'] },
                    },
                  },
                ],
              },
            },
            {
              if: { properties: { source: { const: 'Automatic' } }, required: ['source'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['source'],
                    properties: {
                      source: { type: 'string', enum: ['ConfiguredConnection', 'Automatic', 'None'] },
                    },
                  },
                ],
              },
            },
          ],
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/git/disconnect': { bodyRequired: false, query: [] },
  'POST /workspaces/{workspaceId}/git/initializeConnection': {
    body: {
      type: 'object',
      properties: {
        initializationStrategy: { type: 'string', enum: ['None', 'PreferRemote', 'PreferWorkspace'] },
      },
    },
    bodyRequired: false,
    query: [],
  },
  'POST /workspaces/{workspaceId}/git/updateFromGit': {
    body: {
      type: 'object',
      required: ['remoteCommitHash'],
      properties: {
        workspaceHead: { type: 'string' },
        remoteCommitHash: { type: 'string' },
        conflictResolution: {
          type: 'object',
          required: ['conflictResolutionType', 'conflictResolutionPolicy'],
          properties: {
            conflictResolutionType: { type: 'string', enum: ['Workspace'] },
            conflictResolutionPolicy: { type: 'string', enum: ['PreferRemote', 'PreferWorkspace'] },
          },
        },
        options: { type: 'object', properties: { allowOverrideItems: { type: 'boolean' } } },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/items': {
    body: {
      required: ['displayName', 'type'],
      properties: {
        displayName: { type: 'string' },
        type: { type: 'string' },
        folderId: { type: 'string', format: 'uuid' },
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'payload', 'payloadType'],
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
        creationPayload: { type: 'object' },
        sensitivityLabelSettings: {
          type: 'object',
          required: ['labelId'],
          properties: {
            labelId: { type: 'string', format: 'uuid' },
            sensitivityLabelApplyStrategy: { type: 'string', enum: ['ApplyOrFail', 'Ignore'] },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/items/{itemId}/getDefinition': { bodyRequired: false, query: [] },
  'POST /workspaces/{workspaceId}/items/{itemId}/move': {
    body: { properties: { targetFolderId: { type: 'string', format: 'uuid' } } },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/items/{itemId}/shortcuts': {
    body: {
      type: 'object',
      required: ['path', 'name', 'target'],
      properties: {
        path: { type: 'string' },
        name: { type: 'string' },
        target: {
          type: 'object',
          properties: {
            oneLake: {
              type: 'object',
              required: ['itemId', 'workspaceId', 'path'],
              properties: {
                itemId: { type: 'string', format: 'uuid' },
                workspaceId: { type: 'string', format: 'uuid' },
                path: { type: 'string' },
                connectionId: { type: 'string', format: 'uuid' },
              },
            },
            amazonS3: {
              type: 'object',
              required: ['location', 'connectionId'],
              properties: {
                location: { type: 'string', format: 'uri' },
                subpath: { type: 'string' },
                connectionId: { type: 'string', format: 'uuid' },
              },
            },
            adlsGen2: {
              type: 'object',
              required: ['location', 'subpath', 'connectionId'],
              properties: {
                location: { type: 'string', format: 'uri' },
                subpath: { type: 'string' },
                connectionId: { type: 'string', format: 'uuid' },
              },
            },
            googleCloudStorage: {
              type: 'object',
              required: ['location', 'subpath', 'connectionId'],
              properties: {
                location: { type: 'string', format: 'uri' },
                subpath: { type: 'string' },
                connectionId: { type: 'string', format: 'uuid' },
              },
            },
            s3Compatible: {
              type: 'object',
              required: ['location', 'subpath', 'bucket', 'connectionId'],
              properties: {
                location: { type: 'string', format: 'uri' },
                subpath: { type: 'string' },
                bucket: { type: 'string' },
                connectionId: { type: 'string', format: 'uuid' },
              },
            },
            dataverse: {
              type: 'object',
              required: ['environmentDomain', 'connectionId', 'deltaLakeFolder', 'tableName'],
              properties: {
                environmentDomain: { type: 'string', format: 'uri' },
                connectionId: { type: 'string', format: 'uuid' },
                deltaLakeFolder: { type: 'string' },
                tableName: { type: 'string' },
              },
            },
            azureBlobStorage: {
              type: 'object',
              required: ['location', 'subpath', 'connectionId'],
              properties: {
                location: { type: 'string', format: 'uri' },
                subpath: { type: 'string' },
                connectionId: { type: 'string', format: 'uuid' },
              },
            },
            oneDriveSharePoint: {
              type: 'object',
              required: ['location', 'subpath', 'connectionId'],
              properties: {
                location: { type: 'string', format: 'uri' },
                subpath: { type: 'string' },
                connectionId: { type: 'string', format: 'uuid' },
                updateFabricItemSensitivity: { type: 'boolean', default: false },
              },
            },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/items/{itemId}/updateDefinition': {
    body: {
      required: ['definition'],
      properties: {
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'payload', 'payloadType'],
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
      },
    },
    bodyRequired: true,
    query: [{ name: 'updateMetadata', type: 'boolean', required: false }],
  },
  'POST /workspaces/{workspaceId}/items/bulkExportDefinitions?beta=true': {
    body: {
      type: 'object',
      required: ['mode'],
      properties: {
        items: {
          type: 'array',
          items: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        },
        mode: { type: 'string', enum: ['All', 'Selective'] },
      },
    },
    bodyRequired: false,
    query: [{ name: 'beta', type: 'boolean', required: true }],
  },
  'POST /workspaces/{workspaceId}/items/bulkImportDefinitions?beta=true': {
    body: {
      type: 'object',
      required: ['definitionParts'],
      properties: {
        definitionParts: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'payload', 'payloadType'],
            properties: {
              path: { type: 'string' },
              payload: { type: 'string' },
              payloadType: { type: 'string', enum: ['InlineBase64'] },
            },
          },
        },
        options: { type: 'object', properties: { allowPairingByName: { type: 'boolean' } } },
      },
    },
    bodyRequired: false,
    query: [{ name: 'beta', type: 'boolean', required: true }],
  },
  'POST /workspaces/{workspaceId}/items/bulkMove': {
    body: {
      required: ['items'],
      properties: {
        targetFolderId: { type: 'string', format: 'uuid' },
        items: { type: 'array', items: { type: 'string', format: 'uuid' } },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/lakehouses': {
    body: {
      type: 'object',
      required: ['displayName'],
      properties: {
        displayName: { type: 'string' },
        folderId: { type: 'string', format: 'uuid' },
        creationPayload: {
          type: 'object',
          required: ['enableSchemas'],
          properties: { enableSchemas: { type: 'boolean' } },
        },
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
        sensitivityLabelSettings: {
          type: 'object',
          required: ['labelId'],
          properties: {
            labelId: { type: 'string', format: 'uuid' },
            sensitivityLabelApplyStrategy: { type: 'string', enum: ['ApplyOrFail', 'Ignore'] },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/lakehouses/{lakehouseId}/getDefinition': { bodyRequired: false, query: [] },
  'POST /workspaces/{workspaceId}/lakehouses/{lakehouseId}/updateDefinition': {
    body: {
      required: ['definition'],
      properties: {
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
      },
    },
    bodyRequired: true,
    query: [{ name: 'updateMetadata', type: 'boolean', required: false }],
  },
  'POST /workspaces/{workspaceId}/notebooks': {
    body: {
      required: ['displayName'],
      properties: {
        displayName: { type: 'string' },
        folderId: { type: 'string', format: 'uuid' },
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
        sensitivityLabelSettings: {
          type: 'object',
          required: ['labelId'],
          properties: {
            labelId: { type: 'string', format: 'uuid' },
            sensitivityLabelApplyStrategy: { type: 'string', enum: ['ApplyOrFail', 'Ignore'] },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/notebooks/{notebookId}/getDefinition': { bodyRequired: false, query: [] },
  'POST /workspaces/{workspaceId}/notebooks/{notebookId}/updateDefinition': {
    body: {
      required: ['definition'],
      properties: {
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
      },
    },
    bodyRequired: true,
    query: [{ name: 'updateMetadata', type: 'boolean', required: false }],
  },
  'POST /workspaces/{workspaceId}/reports': {
    body: {
      required: ['displayName', 'definition'],
      properties: {
        displayName: { type: 'string' },
        folderId: { type: 'string', format: 'uuid' },
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
        sensitivityLabelSettings: {
          type: 'object',
          required: ['labelId'],
          properties: {
            labelId: { type: 'string', format: 'uuid' },
            sensitivityLabelApplyStrategy: { type: 'string', enum: ['ApplyOrFail', 'Ignore'] },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/reports/{reportId}/getDefinition': { bodyRequired: false, query: [] },
  'POST /workspaces/{workspaceId}/reports/{reportId}/updateDefinition': {
    body: {
      required: ['definition'],
      properties: {
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
      },
    },
    bodyRequired: true,
    query: [{ name: 'updateMetadata', type: 'boolean', required: false }],
  },
  'POST /workspaces/{workspaceId}/roleAssignments': {
    body: {
      type: 'object',
      required: ['principal', 'role'],
      properties: {
        principal: {
          allOf: [
            {
              type: 'object',
              required: ['id', 'type'],
              properties: {
                id: { type: 'string', format: 'uuid' },
                displayName: {},
                type: {
                  type: 'string',
                  enum: ['User', 'ServicePrincipal', 'Group', 'ServicePrincipalProfile', 'EntireTenant'],
                },
              },
            },
            {
              if: { properties: { type: { const: 'User' } }, required: ['type'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['id', 'type'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      displayName: {},
                      type: {
                        type: 'string',
                        enum: [
                          'User',
                          'ServicePrincipal',
                          'Group',
                          'ServicePrincipalProfile',
                          'EntireTenant',
                        ],
                      },
                    },
                  },
                ],
                properties: { userDetails: {} },
              },
            },
            {
              if: { properties: { type: { const: 'ServicePrincipal' } }, required: ['type'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['id', 'type'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      displayName: {},
                      type: {
                        type: 'string',
                        enum: [
                          'User',
                          'ServicePrincipal',
                          'Group',
                          'ServicePrincipalProfile',
                          'EntireTenant',
                        ],
                      },
                    },
                  },
                ],
                properties: { servicePrincipalDetails: {} },
              },
            },
            {
              if: { properties: { type: { const: 'Group' } }, required: ['type'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['id', 'type'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      displayName: {},
                      type: {
                        type: 'string',
                        enum: [
                          'User',
                          'ServicePrincipal',
                          'Group',
                          'ServicePrincipalProfile',
                          'EntireTenant',
                        ],
                      },
                    },
                  },
                ],
                properties: {
                  groupDetails: {
                    type: 'object',
                    properties: {
                      groupType: { type: 'string', enum: ['Unknown', 'SecurityGroup', 'DistributionList'] },
                    },
                  },
                },
              },
            },
            {
              if: { properties: { type: { const: 'ServicePrincipalProfile' } }, required: ['type'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['id', 'type'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      displayName: {},
                      type: {
                        type: 'string',
                        enum: [
                          'User',
                          'ServicePrincipal',
                          'Group',
                          'ServicePrincipalProfile',
                          'EntireTenant',
                        ],
                      },
                    },
                  },
                ],
                properties: {
                  servicePrincipalProfileDetails: {
                    type: 'object',
                    properties: {
                      parentPrincipal: {
                        type: 'object',
                        required: ['id', 'type'],
                        properties: {
                          id: { type: 'string', format: 'uuid' },
                          displayName: {},
                          type: {
                            type: 'string',
                            enum: [
                              'User',
                              'ServicePrincipal',
                              'Group',
                              'ServicePrincipalProfile',
                              'EntireTenant',
                            ],
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            {
              if: { properties: { type: { const: 'EntireTenant' } }, required: ['type'] },
              then: {
                type: 'object',
                allOf: [
                  {
                    type: 'object',
                    required: ['id', 'type'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      displayName: {},
                      type: {
                        type: 'string',
                        enum: [
                          'User',
                          'ServicePrincipal',
                          'Group',
                          'ServicePrincipalProfile',
                          'EntireTenant',
                        ],
                      },
                    },
                  },
                ],
              },
            },
          ],
        },
        role: { type: 'string', enum: ['Admin', 'Member', 'Contributor', 'Viewer'] },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/semanticModels': {
    body: {
      required: ['displayName', 'definition'],
      properties: {
        displayName: { type: 'string' },
        folderId: { type: 'string', format: 'uuid' },
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
        sensitivityLabelSettings: {
          type: 'object',
          required: ['labelId'],
          properties: {
            labelId: { type: 'string', format: 'uuid' },
            sensitivityLabelApplyStrategy: { type: 'string', enum: ['ApplyOrFail', 'Ignore'] },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/semanticModels/{semanticModelId}/bindConnection': {
    body: {
      required: ['connectionBinding'],
      properties: {
        connectionBinding: {
          required: ['connectionDetails'],
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            connectivityType: {
              type: 'string',
              enum: [
                'ShareableCloud',
                'PersonalCloud',
                'OnPremisesGateway',
                'OnPremisesGatewayPersonal',
                'VirtualNetworkGateway',
                'StreamingVirtualNetworkGateway',
                'Automatic',
                'None',
              ],
            },
            connectionDetails: {
              required: ['path'],
              type: 'object',
              allOf: [{ required: ['type'], type: 'object', properties: { type: { type: 'string' } } }],
              properties: { path: { type: 'string' } },
            },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
  'POST /workspaces/{workspaceId}/semanticModels/{semanticModelId}/getDefinition': {
    bodyRequired: false,
    query: [],
  },
  'POST /workspaces/{workspaceId}/semanticModels/{semanticModelId}/updateDefinition': {
    body: {
      required: ['definition'],
      properties: {
        definition: {
          type: 'object',
          required: ['parts'],
          properties: {
            format: { type: 'string' },
            parts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  payload: { type: 'string' },
                  payloadType: { type: 'string', enum: ['InlineBase64'] },
                },
              },
            },
          },
        },
      },
    },
    bodyRequired: true,
    query: [{ name: 'updateMetadata', type: 'boolean', required: false }],
  },
  'POST /workspaces/{workspaceId}/unassignFromCapacity': { bodyRequired: false, query: [] },
  'POST /workspaces/{workspaceId}/warehouses': {
    body: {
      required: ['displayName'],
      properties: {
        displayName: { type: 'string' },
        folderId: { type: 'string', format: 'uuid' },
        creationPayload: {
          type: 'object',
          required: ['collationType'],
          properties: {
            collationType: {
              type: 'string',
              enum: ['Latin1_General_100_BIN2_UTF8', 'Latin1_General_100_CI_AS_KS_WS_SC_UTF8'],
            },
          },
        },
        sensitivityLabelSettings: {
          type: 'object',
          required: ['labelId'],
          properties: {
            labelId: { type: 'string', format: 'uuid' },
            sensitivityLabelApplyStrategy: { type: 'string', enum: ['ApplyOrFail', 'Ignore'] },
          },
        },
      },
    },
    bodyRequired: true,
    query: [],
  },
};
