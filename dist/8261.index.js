export const id = 8261;
export const ids = [8261];
export const modules = {

/***/ 68261:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rollback: () => (/* binding */ rollback),
  run: () => (/* binding */ run),
  serveHealthCommand: () => (/* binding */ serveHealthCommand)
});

// UNUSED EXPORTS: clientResilience

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/fabric/errors.ts
/** Statuses worth another attempt: the request may succeed unchanged a moment later. */
const RETRIABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Error codes worth another attempt whatever their status (a name still reserved after a delete). */
const RETRIABLE_ERROR_CODES = new Set(['ItemDisplayNameNotAvailableYet']);
/**
 * A Fabric (or Graph / Key Vault) error answer, or a failed long-running operation.
 * Callers branch on `errorCode`, never on the text of `message`.
 */
class FabricApiError extends Error {
    status;
    errorCode;
    /** The service's own message (the Error `message` is the full user-facing sentence). */
    serviceMessage;
    requestId;
    moreDetails;
    relatedResource;
    operation;
    method;
    url;
    operationId;
    retryAfterSeconds;
    /** What the service said (`isRetriable`), if anything. */
    isRetriable;
    /** Whether this client retries it (status/code based; see RETRIABLE_*). */
    retriable;
    hint;
    constructor(init) {
        const body = normalizeErrorBody(init.body);
        const code = body?.errorCode ?? init.headerErrorCode ?? defaultCode(init.status);
        const serviceMessage = body?.message ?? `HTTP ${init.status}`;
        const requestId = body?.requestId ?? init.requestId;
        const hint = init.hint ?? hintFor(code, init.status, init.requiredRole);
        super(`${init.operation} failed: ${code}${init.status ? ` (HTTP ${init.status})` : ''}: ${serviceMessage}` +
            (requestId ? ` [requestId ${requestId}]` : '') +
            (hint ? `. Hint: ${hint}` : ''));
        this.name = 'FabricApiError';
        this.operation = init.operation;
        this.status = init.status;
        this.errorCode = code;
        this.serviceMessage = serviceMessage;
        this.requestId = requestId;
        this.moreDetails = body?.moreDetails ?? [];
        this.relatedResource = body?.relatedResource;
        this.method = init.method;
        this.url = init.url;
        this.operationId = init.operationId;
        this.retryAfterSeconds = init.retryAfterSeconds;
        this.isRetriable = body?.isRetriable;
        this.retriable = RETRIABLE_STATUSES.has(init.status) || RETRIABLE_ERROR_CODES.has(code);
        this.hint = hint;
    }
    /** Multi-line text for logs and the step summary: operation, code, request id, details, hint. */
    describe() {
        const lines = [
            `${this.operation} failed: ${this.errorCode}${this.status ? ` (HTTP ${this.status})` : ''}`,
        ];
        lines.push(`  message: ${this.serviceMessage}`);
        if (this.method && this.url)
            lines.push(`  request: ${this.method} ${this.url}`);
        if (this.requestId)
            lines.push(`  requestId: ${this.requestId}`);
        if (this.operationId)
            lines.push(`  operationId: ${this.operationId}`);
        for (const d of this.moreDetails) {
            const rel = d.relatedResource
                ? ` (${d.relatedResource.resourceType} ${d.relatedResource.resourceId})`
                : '';
            lines.push(`  detail: ${d.errorCode}: ${d.message}${rel}`);
        }
        if (this.hint)
            lines.push(`  hint: ${this.hint}`);
        return lines.join('\n');
    }
}
/** The request never got an HTTP answer: reset, refused, timed out, DNS, TLS. */
class FabricNetworkError extends Error {
    /** `ECONNRESET`, `ETIMEDOUT`, `UND_ERR_SOCKET`, … */
    code;
    operation;
    method;
    url;
    retriable = true;
    /** True when the request certainly never reached the server (refused, DNS): safe to resend even a create. */
    notSent;
    constructor(init) {
        const what = init.code === 'ETIMEDOUT' ? 'timed out' : `network error ${init.code}`;
        super(`${init.operation} failed: ${what}${init.message ? `: ${init.message}` : ''}${init.url ? ` (${init.method ?? ''} ${init.url})` : ''}`, {
            cause: init.cause,
        });
        this.name = 'FabricNetworkError';
        this.code = init.code;
        this.operation = init.operation;
        this.method = init.method;
        this.url = init.url;
        this.notSent = NOT_SENT_CODES.has(init.code);
    }
}
const NOT_SENT_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'UND_ERR_CONNECT_TIMEOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
]);
/** A circuit is open: the call was not attempted. */
class CircuitOpenError extends Error {
    group;
    retryAt;
    operation;
    retriable = false;
    constructor(init) {
        const inSeconds = Math.max(0, Math.ceil((init.retryAt.getTime() - Date.now()) / 1000));
        super(`${init.operation} not attempted: the '${init.group}' circuit is open after ${init.failures} consecutive failures` +
            (init.lastError ? ` (last: ${init.lastError})` : '') +
            `; it will let a trial call through at ${init.retryAt.toISOString()} (in ${inSeconds} s).` +
            ` The Fabric '${init.group}' endpoints look unavailable: check https://support.fabric.microsoft.com/support and re-run.`);
        this.name = 'CircuitOpenError';
        this.group = init.group;
        this.retryAt = init.retryAt;
        this.operation = init.operation;
    }
}
/** The client refused to make a call (bad URL, untrusted host, deadline). */
class FabricClientError extends Error {
    code;
    constructor(code, message, options) {
        super(message, options);
        this.name = 'FabricClientError';
        this.code = code;
    }
}
/** True when this client would retry the error (see RETRIABLE_STATUSES, network errors). */
function isRetriableError(err) {
    if (err instanceof FabricApiError || err instanceof FabricNetworkError)
        return err.retriable;
    return false;
}
/**
 * A failure after which a create may or may not have been applied by the service:
 * an answer was lost (reset, timeout) or a gateway failed (5xx, 408). A 429 or a 4xx was refused outright.
 */
function isAmbiguousFailure(err) {
    if (err instanceof FabricNetworkError)
        return !err.notSent;
    if (err instanceof FabricApiError)
        return err.status === 408 || err.status >= 500;
    return false;
}
const ambiguousEarlier = new WeakSet();
/**
 * Marks an error thrown after an earlier attempt of the same call failed ambiguously (its answer was
 * lost, it timed out, a gateway failed): the change may have been applied by that attempt, so this
 * error (even a 4xx) proves nothing about the outcome. Set by the retry policy.
 */
function markAmbiguousEarlier(err) {
    if (err && typeof err === 'object')
        ambiguousEarlier.add(err);
}
/** True when an earlier attempt of the call that threw `err` may have applied the change. */
function hadAmbiguousAttempt(err) {
    return !!err && typeof err === 'object' && ambiguousEarlier.has(err);
}
/**
 * The failure proves nothing was changed: a 4xx answer (other than 408) to the only attempt, or to every
 * attempt. Network errors, 5xx, 408, failed or timed-out operations, and any error after an ambiguous
 * earlier attempt leave the outcome unknown.
 */
function isDefiniteFailure(err) {
    return (err instanceof FabricApiError &&
        err.status >= 400 &&
        err.status < 500 &&
        err.status !== 408 &&
        !hadAmbiguousAttempt(err));
}
/** Accepts the Fabric shape `{errorCode, message}` and the Graph / Key Vault shape `{error: {code, message}}`. */
function normalizeErrorBody(body) {
    if (!body || typeof body !== 'object')
        return undefined;
    const b = body;
    if (typeof b.errorCode === 'string' || typeof b.message === 'string')
        return b;
    const inner = b.error;
    if (inner && typeof inner === 'object') {
        const e = inner;
        const innerError = e.innerError;
        return {
            errorCode: typeof e.code === 'string' ? e.code : typeof e.errorCode === 'string' ? e.errorCode : undefined,
            message: typeof e.message === 'string' ? e.message : undefined,
            requestId: typeof innerError?.['request-id'] === 'string' ? innerError['request-id'] : undefined,
        };
    }
    return undefined;
}
function defaultCode(status) {
    switch (status) {
        case 400:
            return 'BadRequest';
        case 401:
            return 'Unauthorized';
        case 403:
            return 'Forbidden';
        case 404:
            return 'NotFound';
        case 408:
            return 'RequestTimeout';
        case 409:
            return 'Conflict';
        case 429:
            return 'TooManyRequests';
        case 500:
            return 'InternalServerError';
        case 502:
            return 'BadGateway';
        case 503:
            return 'ServiceUnavailable';
        case 504:
            return 'GatewayTimeout';
        default:
            return status ? `Http${status}` : 'Unknown';
    }
}
const PERMISSION_CODES = new Set([
    'InsufficientPrivileges',
    'InsufficientWorkspaceRole',
    'PrincipalNotWorkspaceAdmin',
    'Forbidden',
    'InsufficientScopes',
]);
/** One sentence telling the user what to do about an error code. */
function hintFor(code, status, requiredRole) {
    if (PERMISSION_CODES.has(code)) {
        const role = requiredRole ? `This call needs ${requiredRole}` : 'This call needs a higher workspace role';
        if (code === 'InsufficientScopes') {
            return 'the delegated token lacks a Fabric scope (e.g. Workspace.ReadWrite.All, Item.ReadWrite.All); request https://api.fabric.microsoft.com/.default';
        }
        return `${role}: grant the deploying identity that role in the workspace (Manage access), then re-run`;
    }
    switch (code) {
        case 'CapacityNotInActiveState':
            return 'the capacity is paused or inactive: resume it (Azure portal → Microsoft Fabric capacity → Resume) or pick an active capacity, then re-run';
        case 'CapacityNotFound':
        case 'InsufficientPermissionsOverCapacity':
            return 'check the capacity id and give the deploying identity Contributor or Admin on the capacity (Admin portal → Capacity settings → Contributor permissions)';
        case 'WorkspaceHasNoCapacityAssigned':
            return 'Fabric items need the workspace on a Fabric capacity: set workspace.capacity in the config';
        case 'TokenExpired':
            return 'the access token expired and a fresh one was refused: check the credential (secret or certificate expiry, federated credential subject) and the runner clock';
        case 'Unauthorized':
        case 'InvalidToken':
        case 'TokenIsMissing':
            return "check that the token's audience is https://api.fabric.microsoft.com and that the tenant setting 'Service principals can use Fabric APIs' includes this identity";
        case 'ItemDisplayNameAlreadyInUse':
            return 'an item of this name already exists in the workspace (perhaps created by hand or soft-deleted): rename the item, remove the other one, or let the deploy adopt it';
        case 'ItemDisplayNameNotAvailableYet':
            return 'the name was freed by a recent delete and stays reserved for a few minutes: re-run shortly';
        case 'WorkspaceNameAlreadyExists':
            return 'workspace names are unique across the tenant and another workspace (maybe one you cannot see) uses it: choose another name or give workspace.id';
        case 'PrincipalAlreadyHasWorkspaceRolePermissions':
            return 'the principal already has a role in this workspace (the creator is Admin automatically): update the assignment instead';
        case 'PrincipalNotFound':
        case 'InvalidPrincipalType':
            return "use the principal's Entra object id (for a service principal the enterprise application's object id, not the appId)";
        case 'PrincipalTypeNotSupported':
            return 'this operation or item type does not support service principals: deploy it with a user identity or exclude it';
        case 'FeatureNotAvailable':
        case 'TenantSwitchDisabled':
            return 'a Fabric tenant setting blocks this (e.g. service principal access, workspace creation): ask a Fabric admin to enable it';
        case 'WorkspaceItemsLimitExceeded':
            return 'the workspace holds too many items (soft-deleted items count too): delete unused items';
        case 'FolderNotEmpty':
            return 'only empty folders can be deleted: move or delete its items first';
        case 'WorkspaceHeadMismatch':
            return 'the workspace changed since the Git status was read: read the status again and retry';
        case 'WorkspacePreviousOperationInProgress':
            return 'another Git operation is running on this workspace: wait for it to finish and re-run';
        case 'OperationDeadlineExceeded':
            return 'the operation may still finish in Fabric; raise the deadline (lro.deadlineMs) for slow items such as environments, or re-run: the deploy is idempotent';
        case 'TooManyRequests':
        case 'RequestBlocked':
            return 'Fabric throttled this identity (200 calls/min): lower max-parallel or the client rate limit, or re-run later';
    }
    if (status >= 500)
        return 'the Fabric service failed or is unavailable; it was retried; check https://support.fabric.microsoft.com/support and re-run';
    return undefined;
}
/** Workspace role the notes (fabric-api-notes §7–§10) say a call needs; for the permission hint. */
function requiredRoleFor(method, path) {
    const m = method.toUpperCase();
    const p = path.replace(/\?.*$/, '');
    if (/\/workspaces\/[^/]+\/(assignToCapacity|unassignFromCapacity)$/.test(p)) {
        return 'workspace Admin (and Contributor or Admin on the capacity)';
    }
    if (/\/workspaces$/.test(p) && m === 'POST') {
        return "the tenant permission to create workspaces (for a service principal: 'Service principals can create workspaces…') and Contributor on the capacity";
    }
    if (/\/workspaces\/[^/]+$/.test(p) && (m === 'PATCH' || m === 'DELETE'))
        return 'workspace Admin';
    if (/\/roleAssignments/.test(p))
        return m === 'POST' || m === 'GET' ? 'workspace Member or Admin' : 'workspace Admin';
    if (/\/git\/(connect|disconnect|initializeConnection)$/.test(p))
        return 'workspace Admin';
    if (/\/git\//.test(p))
        return 'workspace Contributor or higher';
    if (m === 'DELETE' && /hardDelete=true/i.test(path))
        return 'workspace Admin';
    if (/\/workspaces\/[^/]+\//.test(p) && m !== 'GET')
        return 'workspace Contributor or higher';
    if (/\/workspaces\/[^/]+\//.test(p))
        return 'workspace Viewer or higher';
    return undefined;
}

;// CONCATENATED MODULE: ./src/deploy/timing.ts
/**
 * Typical server-side durations of a create/update per item type, from a recorded real deployment
 * (shared/README.md). Used only to order work: the scheduler starts the longest remaining chain first.
 */
const TYPICAL_MS = {
    Notebook: 1000,
    Report: 1200,
    MLExperiment: 1900,
    Environment: 3300,
    Map: 3600,
    VariableLibrary: 4400,
    SparkJobDefinition: 10100,
    Warehouse: 12300,
    SemanticModel: 13100,
    SQLDatabase: 18500,
    Eventstream: 19800,
    KQLDatabase: 30000,
    Ontology: 61000,
};
const MEDIAN_MS = 9700;
function expectedItemMs(type) {
    return TYPICAL_MS[type] ?? MEDIAN_MS;
}

;// CONCATENATED MODULE: ./src/deploy/api.ts


function isNotFound(err) {
    return (err instanceof FabricApiError &&
        (err.status === 404 || /NotFound$/.test(err.errorCode) || err.errorCode === 'WorkspaceNotConnectedToGit'));
}
function errorCode(err) {
    return err instanceof FabricApiError ? err.errorCode : undefined;
}
/** Workspace path segment. */
const ws = (id) => `/workspaces/${encodeURIComponent(id)}`;
class FabricOps {
    client;
    /** How long a create waits for a display name a recent delete still reserves (ItemDisplayNameNotAvailableYet). */
    nameWaitMs = 5 * 60_000;
    /**
     * How long a create keeps trying a name the service says is in use (ItemDisplayNameAlreadyInUse)
     * while no item of that name and type can be listed: a name stays reserved for a while after a
     * delete (fabric-cicd retries it too). ms, default 60 s; 0 = fail at once.
     */
    nameInUseWaitMs = 60_000;
    /** Poll long-running calls around the type's typical duration (else the client's default cadence). */
    pacing = true;
    /**
     * How long an undo refused by an open circuit breaker keeps waiting for the circuit's trial call
     * (ms, default 3 min: three trials at the default 60 s half-open time).
     */
    undoCircuitWaitMs = 3 * 60_000;
    constructor(client) {
        this.client = client;
    }
    // ---- workspaces
    listWorkspaces() {
        return this.client.listWorkspaces();
    }
    getWorkspace(id) {
        return this.client.getWorkspace(id);
    }
    createWorkspace(req) {
        return this.client.createWorkspace(req);
    }
    async updateWorkspace(id, req) {
        await this.client.updateWorkspace(id, req);
    }
    deleteWorkspace(id) {
        return this.client.deleteWorkspace(id);
    }
    /** Assigns (or, without an id, unassigns) the capacity and waits until the assignment settles. */
    async assignCapacity(workspaceId, capacityId) {
        if (capacityId)
            await this.client.assignToCapacity(workspaceId, capacityId);
        else
            await this.client.unassignFromCapacity(workspaceId);
    }
    // ---- capacities
    listCapacities() {
        return this.client.listCapacities();
    }
    // ---- role assignments
    listRoleAssignments(workspaceId) {
        return this.client.listRoleAssignments(workspaceId);
    }
    addRoleAssignment(workspaceId, principal, role) {
        return this.client.addRoleAssignment(workspaceId, { principal, role });
    }
    async updateRoleAssignment(workspaceId, assignmentId, role) {
        await this.client.updateRoleAssignment(workspaceId, assignmentId, role);
    }
    deleteRoleAssignment(workspaceId, assignmentId) {
        return this.client.deleteRoleAssignment(workspaceId, assignmentId);
    }
    // ---- items
    listItems(workspaceId) {
        return this.client.listItems(workspaceId);
    }
    /**
     * Creates an item. A name freed by a recent delete (a rollback, an orphan removal) stays reserved
     * for a while: the service says ItemDisplayNameNotAvailableYet (retriable) or, for a while after a
     * delete, ItemDisplayNameAlreadyInUse. Both are waited out (`nameWaitMs`, `nameInUseWaitMs`); an
     * "in use" is only tried again while no item of that name and type can be listed, so a real clash
     * fails at once and a create is never sent next to an item that holds the name.
     */
    async createItem(workspaceId, req) {
        const started = Date.now();
        const op = `create ${req.type} '${req.displayName}'`;
        const holder = async () => (await this.client.listItems(workspaceId, req.type)).find((i) => i.type === req.type && i.displayName.toLowerCase() === req.displayName.toLowerCase());
        // Set once an attempt may have been applied without our knowing (its answer was lost).
        let ambiguous = false;
        for (let attempt = 0;; attempt++) {
            try {
                const item = await this.paced(op, 'POST', `${ws(workspaceId)}/items`, req, expectedItemMs(req.type));
                if (item && typeof item === 'object' && 'id' in item)
                    return item;
                // An operation without a result: find what it made.
                const found = await holder();
                if (!found)
                    throw new Error(`${op} succeeded but the item is not in the workspace`);
                return found;
            }
            catch (err) {
                if (hadAmbiguousAttempt(err) || isAmbiguousFailure(err))
                    ambiguous = true;
                const code = errorCode(err);
                const elapsed = Date.now() - started;
                let limit;
                if (code === 'ItemDisplayNameNotAvailableYet')
                    limit = this.nameWaitMs;
                else if (code === 'ItemDisplayNameAlreadyInUse') {
                    const found = await holder();
                    // An earlier attempt of ours was applied after all: that is the item (no second create).
                    if (found && ambiguous)
                        return found;
                    // Another item holds the name: a real clash, not a reservation.
                    if (found)
                        throw err;
                    limit = this.nameInUseWaitMs;
                }
                else
                    throw err;
                if (elapsed >= limit)
                    throw err;
                const delay = Math.min(30_000, 250 * 2 ** attempt, Math.max(0, limit - elapsed));
                await new Promise((r) => setTimeout(r, delay));
            }
        }
    }
    async updateItem(workspaceId, itemId, req) {
        await this.client.updateItem(workspaceId, itemId, req);
    }
    deleteItem(workspaceId, itemId, hardDelete = false) {
        return this.client.deleteItem(workspaceId, itemId, { hardDelete });
    }
    async getItemDefinition(workspaceId, item, format) {
        const op = `get definition of ${item.type} '${item.displayName}'`;
        const q = format ? `?format=${encodeURIComponent(format)}` : '';
        const res = await this.paced(op, 'POST', `${ws(workspaceId)}/items/${item.id}/getDefinition${q}`, undefined, expectedItemMs(item.type) / 4);
        if (!res?.definition)
            throw new Error(`${op} returned no definition`);
        return res.definition;
    }
    async updateItemDefinition(workspaceId, item, definition) {
        await this.paced(`update definition of ${item.type} '${item.displayName}'`, 'POST', `${ws(workspaceId)}/items/${item.id}/updateDefinition?updateMetadata=true`, { definition }, expectedItemMs(item.type));
    }
    /**
     * A long-running call polled around when it is expected to finish: the first poll at 80 % of
     * the type's typical duration, then every 10 % (growing to 30 %). The default doubling cadence
     * (1, 2, 4, 8, 16, 20 s…) sees a 30 s operation only at 31 s and a 20 s one at 31 s too, which
     * adds up along a dependency chain. Durations are in units of the client's own cadence (its
     * first poll delay over 1 s), so a client configured for a time-scaled simulator scales with it.
     */
    async paced(operation, method, path, body, expectedMs) {
        if (!this.pacing)
            return this.client.lro(operation, method, path, body);
        const lro = this.client.options.lro ?? {};
        const unit = (lro.initialDelayMs ?? 1000) / 1000;
        const floor = lro.minIntervalMs ?? 500 * unit;
        const step = Math.max(floor, 0.1 * expectedMs * unit);
        // The first poll at 80 % of the typical duration, but never later than the service's Retry-After
        // (0 → the client's minimum interval) nor the deadline; the wait is the poller's, so it is abortable.
        const poller = await this.client.beginLro(operation, method, path, body, {
            initialDelayMs: step,
            maxIntervalMs: Math.max(step, 3 * step),
            firstPollDelayMs: Math.max(step, 0.8 * expectedMs * unit),
        });
        return poller.pollUntilDone();
    }
    async moveItem(workspaceId, itemId, targetFolderId) {
        await this.client.moveItem(workspaceId, itemId, targetFolderId);
    }
    // ---- folders
    listFolders(workspaceId) {
        return this.client.listFolders(workspaceId);
    }
    createFolder(workspaceId, displayName, parentFolderId) {
        return this.client.createFolder(workspaceId, parentFolderId ? { displayName, parentFolderId } : { displayName });
    }
    deleteFolder(workspaceId, folderId) {
        return this.client.deleteFolder(workspaceId, folderId);
    }
    async renameFolder(workspaceId, folderId, displayName) {
        await this.client.updateFolder(workspaceId, folderId, displayName);
    }
    // ---- git
    getGitConnection(workspaceId) {
        return this.client.getGitConnection(workspaceId);
    }
    connectGit(workspaceId, req) {
        return this.client.connectGit(workspaceId, req);
    }
    disconnectGit(workspaceId) {
        return this.client.disconnectGit(workspaceId);
    }
    initializeGit(workspaceId, initializationStrategy) {
        return this.client.initializeGitConnection(workspaceId, initializationStrategy ? { initializationStrategy } : {});
    }
    gitStatus(workspaceId) {
        return this.client.getGitStatus(workspaceId);
    }
    updateFromGit(workspaceId, req) {
        return this.client.updateFromGit(workspaceId, req);
    }
}

// EXTERNAL MODULE: ./node_modules/jsonpath-plus/dist/index-node-esm.js
var index_node_esm = __webpack_require__(96229);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/settings/yaml.ts



function readYamlFile(file, what) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (err) {
        const code = err.code;
        throw new src_errors/* ConfigError */.xL(code === 'ENOENT' ? `${what} not found` : `${what} cannot be read (${code})`, {
            location: { file },
            fix: code === 'ENOENT' ? `create ${file} or point to it with the 'config' input` : undefined,
        });
    }
    return parseYaml(text, file);
}
function parseYaml(text, file) {
    const lineCounter = new dist.LineCounter();
    const doc = (0,dist.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const at = (offset) => {
        const p = lineCounter.linePos(offset);
        return { file, line: p.line, col: p.col };
    };
    if (doc.errors.length > 0) {
        const e = doc.errors[0];
        throw new src_errors/* ConfigError */.xL(`YAML syntax error: ${e.message.split('\n')[0]}`, {
            location: at(e.pos[0]),
            fix: 'fix the YAML syntax at that line (indentation, quotes, colons)',
        });
    }
    return {
        file,
        data: doc.toJS() ?? {},
        locate: (path, key = false) => at(offsetOf(doc, path, key)),
    };
}
function offsetOf(doc, path, key) {
    let node = doc.contents;
    let best = rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
        const seg = path[i];
        if (!(0,dist.isMap)(node) && !(node && typeof node === 'object' && 'items' in node))
            break;
        const items = node.items;
        let next;
        if ((0,dist.isMap)(node)) {
            const pair = items.find((p) => (0,dist.isPair)(p) && (0,dist.isScalar)(p.key) && String(p.key.value) === String(seg));
            if (!pair || !(0,dist.isPair)(pair))
                break;
            if (key && i === path.length - 1)
                return rangeStart(pair.key) ?? best;
            best = rangeStart(pair.key) ?? best;
            next = pair.value;
        }
        else {
            next = items[Number(seg)];
        }
        if (next === undefined || next === null)
            break;
        best = rangeStart(next) ?? best;
        node = next;
    }
    return best;
}
function rangeStart(node) {
    const r = node?.range;
    return r ? r[0] : undefined;
}

;// CONCATENATED MODULE: ./src/items/types.ts
/**
 * The 29 item types of the fabric-cicd repository format and how each one is deployed.
 * Facts from fabric-cicd 1.3.0 (see ../shared/design/fabric-cicd-notes.md §1.2); the service's type enum is open,
 * so a type missing here is deployed like a plain definition type (with a warning from the repository reader).
 */
const ITEM_ATTRIBUTES = [
    'id',
    'sqlendpoint',
    'sqlendpointid',
    'queryserviceuri',
];
const def = (order, extra = {}) => ({
    order,
    shell: false,
    excludes: [],
    rewriteIds: true,
    attributes: {},
    ...extra,
});
const SQL_ENDPOINT = {
    sqlendpoint: 'properties.sqlEndpointProperties.connectionString',
    sqlendpointid: 'properties.sqlEndpointProperties.id',
};
const ITEM_TYPES = {
    VariableLibrary: def(1, { rewriteIds: false }),
    Warehouse: def(2, { shell: true, attributes: { sqlendpoint: 'properties.connectionString' } }),
    MirroredDatabase: def(3, { attributes: SQL_ENDPOINT }),
    Lakehouse: def(4, { shell: true, attributes: SQL_ENDPOINT }),
    SQLDatabase: def(5, { shell: true, attributes: { sqlendpoint: 'properties.serverFqdn' } }),
    Environment: def(6),
    UserDataFunction: def(7),
    Eventhouse: def(8, {
        excludes: ['.children/'],
        attributes: { queryserviceuri: 'properties.queryServiceUri' },
    }),
    SparkJobDefinition: def(9, { format: () => 'SparkJobDefinitionV2' }),
    Notebook: def(10, {
        format: (paths) => (paths.some((p) => p.toLowerCase().endsWith('.ipynb')) ? 'ipynb' : undefined),
    }),
    SemanticModel: def(11, { excludes: ['.pbi/'] }),
    Report: def(12, { excludes: ['.pbi/'] }),
    PaginatedReport: def(13),
    CopyJob: def(14),
    DataBuildToolJob: def(15),
    // Not an $items attribute in fabric-cicd; used here to fill an empty KQL clusterUri.
    KQLDatabase: def(16, {
        parentType: 'Eventhouse',
        attributes: { queryserviceuri: 'properties.queryServiceUri' },
    }),
    KQLQueryset: def(17),
    Dataflow: def(18),
    DataPipeline: def(19),
    Reflex: def(20),
    Eventstream: def(21),
    KQLDashboard: def(22),
    GraphQLApi: def(23),
    ApacheAirflowJob: def(24),
    MountedDataFactory: def(25),
    Ontology: def(26),
    DataAgent: def(27, { excludes: ['.pbi/'] }),
    MLExperiment: def(28, { shell: true }),
    Map: def(29),
};
const UNKNOWN = def(1000);
function isKnownType(type) {
    return Object.prototype.hasOwnProperty.call(ITEM_TYPES, type);
}
/** Deploy rules of a type; an unknown type is a plain definition type. */
function itemTypeInfo(type) {
    return isKnownType(type) ? ITEM_TYPES[type] : UNKNOWN;
}
/** The known type spelled like `type` apart from case (for "did you mean" hints). */
function typeLike(type) {
    const lower = type.toLowerCase();
    return Object.keys(ITEM_TYPES).find((t) => t.toLowerCase() === lower);
}
/** GUID-shaped (8-4-4-4-12 hex); logical ids are not always RFC 4122 versions, so no version check. */
const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

;// CONCATENATED MODULE: ./src/items/parameters.ts








const TOP_KEYS = [
    'find_replace',
    'key_value_replace',
    'spark_pool',
    'semantic_model_binding',
    'gateway_binding',
    'extend',
];
const FIND_REPLACE_KEYS = [
    'find_value',
    'replace_value',
    'is_regex',
    'ignore_case',
    'item_type',
    'item_name',
    'file_path',
];
const KEY_VALUE_KEYS = ['find_key', 'replace_value', 'item_type', 'item_name', 'file_path'];
const SPARK_POOL_KEYS = ['instance_pool_id', 'replace_value', 'item_name'];
/** Reads a parameter file and the files it extends; every problem is a ConfigError at its file:line. */
function loadParameterFile(file, options = {}) {
    const abs = external_node_path_default().resolve(file);
    const out = {
        file: abs,
        files: [],
        environment: options.environment,
        findReplace: [],
        keyValueReplace: [],
        sparkPool: [],
        warnings: [],
    };
    const ctx = { options, out, extraTypes: new Set(options.extraTypes ?? []) };
    loadSource(ctx, abs, [], undefined);
    if (options.environment === undefined) {
        const all = [...out.findReplace, ...out.keyValueReplace, ...out.sparkPool];
        if (all.some((e) => !e.values.all)) {
            out.warnings.push(`${abs}: no environment given, so only _ALL_ values of the parameter file apply`);
        }
    }
    return out;
}
function loadSource(ctx, file, chain, from) {
    if (chain.includes(file)) {
        throw new src_errors/* ConfigError */.xL(`parameter files extend each other in a loop: ${[...chain, file].map((f) => external_node_path_default().basename(f)).join(' → ')}`, {
            location: from,
            field: 'extend',
            fix: 'remove one of the extend entries',
        });
    }
    let src;
    try {
        src = readYamlFile(file, from ? 'extended parameter file' : 'parameter file');
    }
    catch (err) {
        // A missing extended file is reported at the extend line that names it.
        if (from && err instanceof src_errors/* ConfigError */.xL && !err.location?.line) {
            throw new src_errors/* ConfigError */.xL(`extended parameter file '${file}' not found`, {
                location: from,
                field: 'extend',
                fix: 'paths in extend are relative to the file that lists them',
            });
        }
        throw err;
    }
    ctx.out.files.push(file);
    const r = new Reader(src);
    const data = src.data;
    if (data === null ||
        data === undefined ||
        (typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0)) {
        ctx.out.warnings.push(`${file}: the parameter file is empty`);
        return;
    }
    if (typeof data !== 'object' || Array.isArray(data))
        r.fail([], 'a parameter file must be a YAML mapping (find_replace:, key_value_replace:, …)');
    const top = data;
    for (const key of Object.keys(top)) {
        if (!TOP_KEYS.includes(key))
            r.fail([key], `unknown key '${key}' in the parameter file`, `use one of: ${TOP_KEYS.filter((k) => k !== 'gateway_binding').join(', ')}`, true);
    }
    list(r, top, 'find_replace').forEach((raw, i) => ctx.out.findReplace.push(parseFindReplace(ctx, r, i, raw)));
    list(r, top, 'key_value_replace').forEach((raw, i) => ctx.out.keyValueReplace.push(parseKeyValue(ctx, r, i, raw)));
    list(r, top, 'spark_pool').forEach((raw, i) => ctx.out.sparkPool.push(parseSparkPool(ctx, r, i, raw)));
    if (top.semantic_model_binding !== undefined && top.semantic_model_binding !== null)
        parseBinding(ctx, r, top.semantic_model_binding);
    if (top.gateway_binding !== undefined && top.gateway_binding !== null)
        parseGatewayBinding(ctx, r, top.gateway_binding);
    if (top.extend !== undefined && top.extend !== null) {
        const ext = top.extend;
        const paths = typeof ext === 'string' ? [ext] : ext;
        if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string'))
            r.fail(['extend'], 'extend must be a list of parameter file paths', 'e.g. extend: ["./templates/common.yml"]');
        paths.forEach((p, i) => {
            const at = r.at(typeof ext === 'string' ? ['extend'] : ['extend', i]);
            loadSource(ctx, external_node_path_default().resolve(external_node_path_default().dirname(file), p), [...chain, file], at);
        });
    }
}
function list(r, top, key) {
    const v = top[key];
    if (v === undefined || v === null)
        return [];
    if (!Array.isArray(v))
        r.fail([key], `${key} must be a list of entries (each starting with '-')`);
    return v;
}
class Reader {
    src;
    constructor(src) {
        this.src = src;
    }
    at(p, key = false) {
        return this.src.locate(p, key);
    }
    fail(p, message, fix, key = false) {
        throw new src_errors/* ConfigError */.xL(message, { location: this.at(p, key), field: fieldName(p) || undefined, fix });
    }
}
function fieldName(p) {
    return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
function mapping(r, p, raw, what, allowed) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        r.fail(p, `${fieldName(p)} must be a mapping (${what})`);
    const obj = raw;
    for (const k of Object.keys(obj)) {
        if (!allowed.includes(k))
            r.fail([...p, k], `unknown key '${k}' in ${fieldName(p)}`, `use one of: ${allowed.join(', ')}`, true);
    }
    return obj;
}
function parseFindReplace(ctx, r, i, raw) {
    const p = ['find_replace', i];
    const obj = mapping(r, p, raw, 'find_value, replace_value and optional filters', FIND_REPLACE_KEYS);
    const label = fieldName(p);
    const fv = obj.find_value;
    if (fv === undefined || fv === null || fv === '' || typeof fv === 'object') {
        r.fail(fv === undefined ? p : [...p, 'find_value'], `${label} needs a find_value (the text or regex to find)`);
    }
    const find = String(fv);
    const findAt = r.at([...p, 'find_value']);
    const isRegex = bool(r, [...p, 'is_regex'], obj.is_regex);
    const ignoreCase = bool(r, [...p, 'ignore_case'], obj.ignore_case);
    let findRef;
    let regex;
    if (find.startsWith('$items.')) {
        r.fail([...p, 'find_value'], `${label}: $items variables cannot be a find_value (they resolve to ids of the target workspace, which never appear in the repository)`, 'find the value as it is written in the repository and put the $items variable in replace_value');
    }
    if (find.startsWith('$workspace.')) {
        if (isRegex)
            r.fail([...p, 'find_value'], `${label}: a $workspace variable cannot be a regex find_value`, 'drop is_regex or write the pattern itself');
        findRef = dynamic(r, [...p, 'find_value'], find);
    }
    if (isRegex) {
        try {
            regex = compileFindRegex(find, ignoreCase);
        }
        catch (err) {
            r.fail([...p, 'find_value'], `${label}: invalid regex: ${err.message}`, 'fix the pattern; it needs a capturing group (…) around the value to replace');
        }
    }
    if (obj.replace_value === undefined)
        r.fail(p, `${label} needs a replace_value (environment → value)`);
    const values = envMap(r, [...p, 'replace_value'], obj.replace_value, (v, vp) => {
        if (v === null || v === undefined)
            r.fail(vp, `${fieldName(vp)} has no value`, 'write the value, or remove the environment');
        if (typeof v === 'object')
            r.fail(vp, `${fieldName(vp)} must be a text (find_replace replaces text)`);
        const s = String(v);
        return s.startsWith('$') ? { ref: dynamic(r, vp, s), raw: s } : { literal: s };
    });
    const entry = {
        kind: 'find_replace',
        label,
        at: r.at(p),
        filters: filters(ctx, r, p, obj),
        find,
        findAt,
        isRegex,
        ignoreCase,
        values,
    };
    if (findRef)
        entry.findRef = findRef;
    if (regex)
        entry.regex = regex;
    noteMissingEnv(ctx, entry.values, label);
    noteEmptyValue(ctx, entry.values, label);
    return entry;
}
function parseKeyValue(ctx, r, i, raw) {
    const p = ['key_value_replace', i];
    const obj = mapping(r, p, raw, 'find_key, replace_value and optional filters', KEY_VALUE_KEYS);
    const label = fieldName(p);
    if (typeof obj.find_key !== 'string' || obj.find_key.trim() === '')
        r.fail(obj.find_key === undefined ? p : [...p, 'find_key'], `${label} needs a find_key (a JSONPath such as $.variables[?(@.name=="X")].value)`);
    const findKey = obj.find_key.trim();
    const bad = jsonPathError(findKey);
    if (bad)
        r.fail([...p, 'find_key'], `${label}: bad JSONPath '${findKey}': ${bad}`, 'write a JSONPath starting at $, e.g. $.schedules[?(@.jobType=="Execute")].enabled');
    if (obj.replace_value === undefined)
        r.fail(p, `${label} needs a replace_value (environment → value)`);
    const values = envMap(r, [...p, 'replace_value'], obj.replace_value, (v, vp) => typeof v === 'string' && v.startsWith('$') ? { ref: dynamic(r, vp, v), raw: v } : { literal: v });
    const entry = {
        kind: 'key_value_replace',
        label,
        at: r.at(p),
        filters: filters(ctx, r, p, obj),
        findKey,
        keyAt: r.at([...p, 'find_key']),
        values,
    };
    noteMissingEnv(ctx, entry.values, label);
    return entry;
}
function parseSparkPool(ctx, r, i, raw) {
    const p = ['spark_pool', i];
    const obj = mapping(r, p, raw, 'instance_pool_id, replace_value and optional item_name', SPARK_POOL_KEYS);
    const label = fieldName(p);
    if (typeof obj.instance_pool_id !== 'string' || !obj.instance_pool_id)
        r.fail(obj.instance_pool_id === undefined ? p : [...p, 'instance_pool_id'], `${label} needs an instance_pool_id (the pool id written in Setting/Sparkcompute.yml)`);
    if (obj.replace_value === undefined)
        r.fail(p, `${label} needs a replace_value (environment → {type, name})`);
    const values = envMap(r, [...p, 'replace_value'], obj.replace_value, (v, vp) => {
        const m = mapping(r, vp, v, 'type: Capacity|Workspace and name', ['type', 'name']);
        if (m.type !== 'Capacity' && m.type !== 'Workspace')
            r.fail(m.type === undefined ? vp : [...vp, 'type'], `${fieldName(vp)}.type must be Capacity or Workspace`);
        if (typeof m.name !== 'string' || !m.name)
            r.fail(m.name === undefined ? vp : [...vp, 'name'], `${fieldName(vp)}.name must be the pool's name`);
        return { type: m.type, name: m.name };
    });
    const entry = {
        kind: 'spark_pool',
        label,
        at: r.at(p),
        instancePoolId: obj.instance_pool_id,
        values,
    };
    const names = strings(r, [...p, 'item_name'], obj.item_name);
    if (names)
        entry.itemName = names;
    noteMissingEnv(ctx, entry.values, label);
    return entry;
}
function parseBinding(ctx, r, raw) {
    const p = ['semantic_model_binding'];
    const b = (ctx.out.semanticModelBinding ??= { models: [] });
    if (Array.isArray(raw)) {
        ctx.out.warnings.push(`${(0,src_errors/* formatLocation */.j$)(r.at(p))}: semantic_model_binding as a list is the legacy format; use default: and models:`);
        raw.forEach((m, i) => b.models.push(parseModelBinding(r, [...p, i], m)));
        return;
    }
    const obj = mapping(r, p, raw, 'default and models', ['default', 'models']);
    if (obj.default !== undefined && obj.default !== null) {
        if (b.default)
            r.fail([...p, 'default'], 'semantic_model_binding.default is set twice (in this file and in a file it extends or that extends it)', 'keep one default');
        const d = mapping(r, [...p, 'default'], obj.default, 'connection_id', ['connection_id']);
        b.default = connectionIds(r, [...p, 'default', 'connection_id'], d.connection_id);
    }
    if (obj.models !== undefined && obj.models !== null) {
        if (!Array.isArray(obj.models))
            r.fail([...p, 'models'], 'semantic_model_binding.models must be a list');
        obj.models.forEach((m, i) => b.models.push(parseModelBinding(r, [...p, 'models', i], m)));
    }
}
function parseModelBinding(r, p, raw) {
    const m = mapping(r, p, raw, 'semantic_model_name and connection_id', [
        'semantic_model_name',
        'connection_id',
    ]);
    const names = strings(r, [...p, 'semantic_model_name'], m.semantic_model_name);
    if (!names?.length)
        r.fail(p, `${fieldName(p)} needs a semantic_model_name`);
    return { names, connectionIds: connectionIds(r, [...p, 'connection_id'], m.connection_id), at: r.at(p) };
}
function parseGatewayBinding(ctx, r, raw) {
    const p = ['gateway_binding'];
    ctx.out.warnings.push(`${(0,src_errors/* formatLocation */.j$)(r.at(p, true))}: gateway_binding is deprecated; it is read as semantic_model_binding models`);
    if (!Array.isArray(raw))
        r.fail(p, 'gateway_binding must be a list of {gateway_id, dataset_name}');
    const b = (ctx.out.semanticModelBinding ??= { models: [] });
    raw.forEach((e, i) => {
        const m = mapping(r, [...p, i], e, 'gateway_id and dataset_name', ['gateway_id', 'dataset_name']);
        const names = strings(r, [...p, i, 'dataset_name'], m.dataset_name);
        if (!names?.length)
            r.fail([...p, i], `${fieldName([...p, i])} needs a dataset_name`);
        b.models.push({
            names,
            connectionIds: connectionIds(r, [...p, i, 'gateway_id'], m.gateway_id),
            at: r.at([...p, i]),
        });
    });
}
function connectionIds(r, p, raw) {
    if (raw === undefined || raw === null)
        r.fail(p, `${fieldName(p)} is required (environment → connection GUID)`);
    return envMap(r, p, raw, (v, vp) => {
        const ids = typeof v === 'string' ? [v] : v;
        if (!Array.isArray(ids) || ids.length === 0)
            r.fail(vp, `${fieldName(vp)} must be a connection GUID or a list of them`);
        ids.forEach((id, i) => {
            if (typeof id !== 'string' || !GUID_RE.test(id))
                r.fail(typeof v === 'string' ? vp : [...vp, i], `${fieldName(vp)}: '${String(id)}' is not a connection GUID`, 'copy the connection id from Fabric (Settings → Manage connections and gateways)');
        });
        return ids;
    });
}
function envMap(r, p, raw, parse) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).length === 0) {
        r.fail(p, `${fieldName(p)} must map environment names to values`, 'e.g. { PPE: "value for PPE", PROD: "value for PROD" } or { _ALL_: "value for every environment" }');
    }
    const obj = raw;
    const keys = Object.keys(obj);
    const allKey = keys.find((k) => k.toLowerCase() === '_all_');
    if (allKey && keys.length > 1) {
        r.fail([...p, allKey], `${fieldName(p)}: ${allKey} must be the only environment (it applies to all of them), but ${keys.filter((k) => k !== allKey).join(', ')} ${keys.length > 2 ? 'are' : 'is'} also given`, `keep either ${allKey} alone or one key per environment`, true);
    }
    const out = { byEnv: new Map(), at: r.at(p) };
    for (const k of keys) {
        const v = { value: parse(obj[k], [...p, k]), at: r.at([...p, k]) };
        if (k === allKey)
            out.all = v;
        else
            out.byEnv.set(k, v);
    }
    return out;
}
function noteMissingEnv(ctx, m, label) {
    const env = ctx.options.environment;
    if (env === undefined || m.all || m.byEnv.has(env))
        return;
    ctx.out.warnings.push(`${(0,src_errors/* formatLocation */.j$)(m.at)}: ${label} has no value for environment '${env}' (only ${[...m.byEnv.keys()].join(', ')}); it is not applied`);
}
/** fabric-cicd applies a find_replace only `if replace_value:`: an empty value for the environment skips it. */
function noteEmptyValue(ctx, m, label) {
    const v = valueFor(m, ctx.options.environment);
    if (!v || !isEmptyValue(v.value))
        return;
    ctx.out.warnings.push(`${(0,src_errors/* formatLocation */.j$)(v.at)}: ${label} has an empty replace_value for ${m.all ? 'every environment' : `environment '${ctx.options.environment}'`}; it is skipped (as fabric-cicd does), not replaced by an empty text`);
}
/** An empty literal `replace_value` of a find_replace: the entry is not applied (fabric-cicd `if replace_value:`). */
function isEmptyValue(v) {
    return 'literal' in v && v.literal === '';
}
function bool(r, p, v) {
    if (v === undefined || v === null)
        return false;
    if (typeof v === 'boolean')
        return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim()))
        return v.trim().toLowerCase() === 'true';
    return r.fail(p, `${fieldName(p)} must be "true" or "false"`);
}
function strings(r, p, v) {
    if (v === undefined || v === null)
        return undefined;
    if (typeof v === 'string')
        return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
        return v;
    return r.fail(p, `${fieldName(p)} must be a text or a list of texts`);
}
function filters(ctx, r, p, obj) {
    const f = {};
    const types = strings(r, [...p, 'item_type'], obj.item_type);
    if (types) {
        types.forEach((t, i) => {
            if (isKnownType(t) || ctx.extraTypes.has(t))
                return;
            const like = typeLike(t);
            r.fail(typeof obj.item_type === 'string' ? [...p, 'item_type'] : [...p, 'item_type', i], `unknown item type '${t}' in ${fieldName(p)}.item_type`, like
                ? `write '${like}' (item types are case-sensitive)`
                : `use one of: ${Object.keys(ITEM_TYPES).join(', ')}`);
        });
        f.itemType = types;
    }
    const names = strings(r, [...p, 'item_name'], obj.item_name);
    if (names)
        f.itemName = names;
    const fp = strings(r, [...p, 'file_path'], obj.file_path);
    if (fp)
        f.filePath = fp.map((raw, i) => pathFilter(ctx, r, typeof obj.file_path === 'string' ? [...p, 'file_path'] : [...p, 'file_path', i], raw));
    return f;
}
function pathFilter(ctx, r, p, raw) {
    const at = r.at(p);
    const repo = ctx.options.repositoryDir
        ? external_node_path_default().resolve(ctx.options.repositoryDir).split((external_node_path_default()).sep).join('/')
        : undefined;
    let s = raw.trim().replace(/\\/g, '/');
    if (!s)
        r.fail(p, `${fieldName(p)} is empty`);
    if (repo && (s === repo || s.startsWith(repo + '/')))
        s = s.slice(repo.length + 1);
    else if (/^[A-Za-z]:\//.test(s))
        r.fail(p, `file_path '${raw}' is outside the items directory${repo ? ` ${repo}` : ''}`, 'use a path relative to the items directory');
    // Like fabric-cicd, a leading slash means "from the items directory", not the file-system root.
    s = external_node_path_default().posix.normalize(s.replace(/^\/+/, ''));
    if (s === '..' || s.startsWith('../'))
        r.fail(p, `file_path '${raw}' leads outside the items directory`, 'use a path relative to the items directory');
    // An existing file wins over glob syntax: `My [old].Notebook/…` is a file name, not a character class.
    if (repo && isFile(external_node_path_default().join(ctx.options.repositoryDir, s)))
        return { raw, at, rel: s };
    if (picomatch_default().scan(s).isGlob)
        return { raw, at, glob: picomatch_default()(s, { dot: true }) };
    if (repo) {
        r.fail(p, `file_path '${raw}' is not a file of the items directory`, 'write the path relative to the items directory, e.g. "/My.Notebook/notebook-content.py", or use a glob such as "**/.schedules"');
    }
    return { raw, at, rel: s };
}
function isFile(p) {
    try {
        return (0,external_node_fs_.statSync)(p).isFile();
    }
    catch {
        return false;
    }
}
/** Parses `$workspace.…` / `$items.…`; anything else starting with `$` is refused like fabric-cicd does. */
function dynamic(r, p, s) {
    const parsed = parseDynamicVariable(s);
    if (typeof parsed === 'string') {
        r.fail(p, `${fieldName(p)}: ${parsed}`, 'use $items.<type>.<name>.$id|$sqlendpoint|$sqlendpointid|$queryserviceuri, $workspace.$id, $workspace.$name, $workspace.$name_encoded or $workspace.<name>.$id');
    }
    return parsed;
}
/** The variable `s`, or an error message. Types and names are case-sensitive, as in fabric-cicd. */
function parseDynamicVariable(s) {
    if (s === '$workspace.id' || s === '$workspace.$id')
        return { kind: 'workspaceId' };
    if (s === '$workspace.$name')
        return { kind: 'workspaceName', encoded: false };
    if (s === '$workspace.$name_encoded')
        return { kind: 'workspaceName', encoded: true };
    if (s.startsWith('$workspace.')) {
        const rest = s.slice('$workspace.'.length);
        const at = rest.indexOf('.$items.');
        if (at >= 0) {
            const ws = rest.slice(0, at).trim();
            const item = parseItemVariable(rest.slice(at + 1));
            if (typeof item === 'string')
                return item;
            if (!ws)
                return `'${s}' names no workspace`;
            if (!/\.\$[a-z]+$/i.test(s))
                return `'${s}' must end with .$<attribute> (e.g. .$id)`;
            return { ...item, workspace: ws };
        }
        const name = rest.replace(/\.\$id$/, '').trim();
        if (!name || name.startsWith('$'))
            return `unknown $workspace variable '${s}'`;
        return { kind: 'workspace', name };
    }
    if (s.startsWith('$items.'))
        return parseItemVariable(s);
    return `'${s}' is not a variable (values starting with $ must be $items.… or $workspace.…)`;
}
function parseItemVariable(s) {
    const rest = s.slice('$items.'.length);
    const dot = rest.indexOf('.');
    if (dot <= 0)
        return `'${s}' must look like $items.<type>.<name>.$<attribute>`;
    const type = rest.slice(0, dot);
    const tail = rest.slice(dot + 1);
    // `.$attr` (current) or `.attr` (legacy); names may contain dots, types never do.
    const cut = tail.lastIndexOf('.$') >= 0 ? tail.lastIndexOf('.$') : tail.lastIndexOf('.');
    if (cut <= 0)
        return `'${s}' must look like $items.<type>.<name>.$<attribute>`;
    const name = tail.slice(0, cut);
    const attribute = tail
        .slice(cut + 1)
        .replace(/^\$/, '')
        .toLowerCase();
    if (!isKnownType(type)) {
        const like = typeLike(type);
        return `unknown item type '${type}' in '${s}'${like ? ` (did you mean '${like}'?)` : ''}`;
    }
    if (!ITEM_ATTRIBUTES.includes(attribute))
        return `unknown attribute '${attribute}' in '${s}' (use ${ITEM_ATTRIBUTES.map((a) => '$' + a).join(', ')})`;
    if (attribute !== 'id' && !(attribute in itemTypeInfo(type).attributes)) {
        const types = Object.entries(ITEM_TYPES)
            .filter(([, i]) => attribute in i.attributes)
            .map(([t]) => t);
        return `a ${type} has no ${attribute} (only ${types.join(', ')} have one) in '${s}'`;
    }
    return { kind: 'item', type, name, attribute: attribute };
}
// ---------------------------------------------------------------------------------------------------------------
// Regexes
/**
 * A find_value regex. Patterns are written for Python's `re`; the differences that matter in practice are
 * translated: named groups `(?P<n>…)`/`(?P=n)` and leading inline flags `(?i)`, `(?m)`, `(?s)`. No `u` flag, so
 * Python escapes like `\#` stay literal characters.
 */
function compileFindRegex(pattern, ignoreCase) {
    let src = pattern;
    let flags = 'gd' + (ignoreCase ? 'i' : '');
    const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
    if (inline) {
        if (inline[1].includes('x'))
            throw new Error('the verbose flag (?x) is not supported');
        for (const f of inline[1])
            if ('ims'.includes(f) && !flags.includes(f))
                flags += f;
        src = src.slice(inline[0].length);
    }
    src = src
        .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
        .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
        .replace(/\\A/g, '^')
        .replace(/\\Z/g, '$');
    const re = new RegExp(src, flags);
    const groups = new RegExp(`${src}|`, flags.replace('g', '')).exec('').length - 1;
    if (groups < 1)
        throw new Error('it has no capturing group: put (…) around the part to replace (the value of group 1 is replaced)');
    return re;
}
/** Occurrences of the entry in `text` and the text with them replaced (when `replacement` is given). */
function applyFindReplace(entry, text, replacement, find = entry.find) {
    if (entry.regex) {
        let out = '';
        let last = 0;
        let count = 0;
        let first = true;
        for (const m of text.matchAll(entry.regex)) {
            const span = m.indices?.[1];
            const empty = !span || span[0] === span[1];
            // Like fabric-cicd, only the first match must capture something; later empty captures are skipped.
            if (empty && !first)
                continue;
            first = false;
            if (empty) {
                throw new src_errors/* ConfigError */.xL(`${entry.label}: the regex matched '${m[0].slice(0, 80)}' but captured an empty value`, {
                    location: entry.findAt,
                    field: `${entry.label}.find_value`,
                    fix: 'make capture group 1 match the value to replace (at least one character)',
                });
            }
            count++;
            if (replacement !== undefined) {
                out += text.slice(last, span[0]) + replacement;
                last = span[1];
            }
        }
        return { text: replacement === undefined || count === 0 ? text : out + text.slice(last), count };
    }
    if (!find)
        return { text, count: 0 };
    if (entry.ignoreCase) {
        const re = new RegExp(find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
        let count = 0;
        const replaced = text.replace(re, (m) => {
            count++;
            return replacement ?? m;
        });
        return { text: replaced, count };
    }
    const pieces = text.split(find);
    return { text: replacement === undefined ? text : pieces.join(replacement), count: pieces.length - 1 };
}
// ---------------------------------------------------------------------------------------------------------------
// JSONPath
/**
 * Why `expr` is not a usable JSONPath, or undefined. jsonpath-plus accepts almost anything (and then matches
 * nothing or everything), so the syntax is checked here and filter expressions are compiled on a probe.
 */
function jsonPathError(expr) {
    if (!expr.startsWith('$'))
        return "it must start with '$' (the document root)";
    let i = 1;
    while (i < expr.length) {
        const c = expr[i];
        if (c === '.') {
            let j = i + 1;
            if (expr[j] === '.')
                j++;
            if (expr[j] === '[') {
                i = j;
                continue;
            }
            const m = /^(\*|[^.[\]\s()'"?]+)/.exec(expr.slice(j));
            if (!m)
                return `a property name is missing after '.' at character ${j + 1}`;
            i = j + m[0].length;
            continue;
        }
        if (c === '[') {
            const end = closingBracket(expr, i);
            if (end < 0)
                return `'[' at character ${i + 1} is never closed`;
            const bad = selectorError(expr.slice(i + 1, end).trim());
            if (bad)
                return bad;
            i = end + 1;
            continue;
        }
        return `unexpected '${c}' at character ${i + 1}`;
    }
    return undefined;
}
function closingBracket(s, open) {
    let depth = 0;
    let quote;
    for (let i = open; i < s.length; i++) {
        const c = s[i];
        if (quote) {
            if (c === '\\')
                i++;
            else if (c === quote)
                quote = undefined;
        }
        else if (c === '"' || c === "'")
            quote = c;
        else if (c === '[' || c === '(')
            depth++;
        else if (c === ']' || c === ')') {
            depth--;
            if (depth === 0)
                return c === ']' ? i : -1;
            if (depth < 0)
                return -1;
        }
    }
    return -1;
}
const QUOTED = `(?:'(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*")`;
const QUOTED_LIST = new RegExp(`^${QUOTED}(?:\\s*,\\s*${QUOTED})*$`);
function selectorError(inner) {
    if (inner === '*')
        return undefined;
    if (/^-?\d+(\s*,\s*-?\d+)*$/.test(inner) || /^-?\d*:-?\d*(:-?\d*)?$/.test(inner))
        return undefined;
    if (QUOTED_LIST.test(inner))
        return undefined;
    if ((inner.startsWith('?(') || inner.startsWith('(')) && inner.endsWith(')')) {
        try {
            (0,index_node_esm/* JSONPath */.E)({ path: `$[${inner}]`, json: [{}], ignoreEvalErrors: true, wrap: true });
            return undefined;
        }
        catch (err) {
            return `invalid expression [${inner}]: ${err.message}`;
        }
    }
    return `invalid selector [${inner}] (use a quoted name, an index, *, a slice or a filter ?(…))`;
}
/** Segments (property names and array indexes) of every node `expr` selects in `doc`. */
function jsonPathNodes(expr, doc) {
    if (doc === null || typeof doc !== 'object')
        return [];
    const pointers = (0,index_node_esm/* JSONPath */.E)({
        path: expr,
        json: doc,
        resultType: 'pointer',
        ignoreEvalErrors: true,
        wrap: true,
    });
    return pointers.map((ptr) => {
        const segs = [];
        let node = doc;
        for (const raw of ptr.split('/').slice(1)) {
            const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
            const seg = Array.isArray(node) ? Number(key) : key;
            segs.push(seg);
            node = node?.[seg];
        }
        return segs;
    });
}
/**
 * Sets every node `entry.findKey` selects to `value`. JSON files are re-serialised with their own indentation;
 * anything else is tried as YAML (e.g. `.schedules`) and edited in place, keeping comments.
 */
function applyKeyValue(entry, text, value, replace) {
    const body = text.replace(/^\uFEFF/, '');
    let json;
    let isJson = true;
    try {
        json = JSON.parse(body);
    }
    catch {
        isJson = false;
    }
    if (isJson) {
        const nodes = jsonPathNodes(entry.findKey, json);
        if (!replace || nodes.length === 0)
            return { text, count: nodes.length };
        let changed = false;
        for (const segs of nodes) {
            if (segs.length === 0)
                return { text: JSON.stringify(value, null, indentOf(body)), count: 1 };
            const parent = segs.slice(0, -1).reduce((n, s) => n[s], json);
            const last = segs[segs.length - 1];
            if (JSON.stringify(parent[last]) !== JSON.stringify(value)) {
                parent[last] = value;
                changed = true;
            }
        }
        if (!changed)
            return { text, count: nodes.length };
        return {
            text: JSON.stringify(json, null, indentOf(body)) + (body.endsWith('\n') ? '\n' : ''),
            count: nodes.length,
        };
    }
    const doc = (0,dist.parseDocument)(body);
    if (doc.errors.length)
        return { text, count: 0 };
    const nodes = jsonPathNodes(entry.findKey, doc.toJS());
    if (!replace || nodes.length === 0)
        return { text, count: nodes.length };
    for (const segs of nodes)
        doc.setIn(segs, value);
    return { text: doc.toString(), count: nodes.length };
}
function indentOf(text) {
    const m = /\n([ \t]+)\S/.exec(text);
    return m ? m[1] : text.includes('\n') ? 2 : 0;
}
// ---------------------------------------------------------------------------------------------------------------
// Selection
/** The value of `m` for `environment`: `_ALL_` first, then the environment's own key. */
function valueFor(m, environment) {
    return m.all ?? (environment === undefined ? undefined : m.byEnv.get(environment));
}
/** Whether an entry's filters select file `filePath` (relative to the item folder) of `item`. */
function entryApplies(f, item, filePath) {
    if (f.itemType && !f.itemType.includes(item.type))
        return false;
    if (f.itemName && !f.itemName.includes(item.displayName))
        return false;
    if (f.filePath) {
        const rel = item.relDir ? `${item.relDir}/${filePath}` : filePath;
        if (!f.filePath.some((pf) => (pf.rel !== undefined ? pf.rel === rel : pf.glob(rel))))
            return false;
    }
    return true;
}
/** The spark_pool entry for an Environment's `instance_pool_id`, if any. */
function sparkPoolEntry(params, item, poolId) {
    return params.sparkPool.find((e) => e.instancePoolId === poolId && (!e.itemName || e.itemName.includes(item.displayName)));
}
/** semantic_model_binding: the connection ids for a semantic model in `environment` (model entry, else default). */
function connectionBinding(params, modelName, environment = params.environment) {
    const b = params.semanticModelBinding;
    if (!b)
        return undefined;
    const m = b.models.find((x) => x.names.includes(modelName));
    const v = valueFor(m ? m.connectionIds : (b.default ?? { byEnv: new Map(), at: { file: params.file } }), environment);
    return v ? { connectionIds: v.value, at: v.at } : undefined;
}

;// CONCATENATED MODULE: ./src/items/repository.ts




const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
/** Reads every item folder under `dir`. Pure reading and validation: nothing is sent anywhere. */
async function readRepository(dir, options = {}) {
    return (await scanRepository(dir, options)).items;
}
/** `readRepository` plus the workspace folders and the warnings. */
async function scanRepository(dir, options = {}) {
    const root = external_node_path_default().resolve(dir);
    const stat = await external_node_fs_.promises.stat(root).catch(() => undefined);
    if (!stat?.isDirectory()) {
        throw new src_errors/* ConfigError */.xL(`items directory '${dir}' does not exist`, {
            location: options.configLocation,
            field: 'items.directory',
            fix: 'point items.directory (or the items-directory input) at the folder holding your <Name>.<Type> item folders',
        });
    }
    const excludes = (options.exclude ?? []).map((r) => {
        try {
            return new RegExp(r);
        }
        catch (err) {
            throw new src_errors/* ConfigError */.xL(`items.exclude '${r}' is not a valid regular expression: ${err.message}`, {
                location: options.configLocation,
                field: 'items.exclude',
                fix: 'escape special characters (e.g. \\. for a dot) or fix the pattern',
            });
        }
    });
    const st = {
        root,
        rootReal: await external_node_fs_.promises.realpath(root),
        maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
        found: [],
        warnings: [],
        visited: new Set(),
        pendingByPath: new Map(),
    };
    await walk(st, root, [], undefined);
    const sorted = [...st.found].sort((a, b) => byCodePoint(a.relDir, b.relDir));
    const wanted = (i) => (!options.types || options.types.includes(i.type)) && !excludes.some((r) => r.test(i.displayName));
    const inScope = sorted.filter(wanted);
    const outOfScope = sorted.filter((i) => !wanted(i));
    checkUnique(inScope);
    for (const item of inScope)
        resolveByPath(st, item);
    return {
        root,
        items: inScope,
        outOfScope,
        folders: workspaceFolders(root, inScope),
        warnings: st.warnings,
    };
}
/** `Name.Type` with a known type: a folder that must be an item folder. */
function looksLikeItemFolder(name) {
    const dot = name.lastIndexOf('.');
    return dot > 0 && isKnownType(name.slice(dot + 1));
}
/** `segs`: the path of `dir` below the items directory; an item's workspace folder is its parent directory. */
async function walk(st, dir, segs, parent) {
    const real = await external_node_fs_.promises.realpath(dir);
    if (st.visited.has(real))
        return;
    st.visited.add(real);
    const entries = await external_node_fs_.promises.readdir(dir, { withFileTypes: true });
    const platform = entries.find((e) => e.name === '.platform');
    if (platform && (await entryKind(st, dir, platform)) === 'file') {
        const folderPath = parent ? parent.folderPath : segs.length > 1 ? '/' + segs.slice(0, -1).join('/') : '';
        const item = await readItem(st, dir, folderPath, parent);
        st.found.push(item);
        // An Eventhouse's KQL databases are items of their own, in the Eventhouse's workspace folder.
        if (itemTypeInfo(item.type).excludes.includes('.children/')) {
            const children = entries.find((e) => e.name === '.children');
            if (children && (await entryKind(st, dir, children)) === 'dir')
                await walk(st, external_node_path_default().join(dir, '.children'), [], item);
        }
        return;
    }
    for (const e of entries.sort((a, b) => byCodePoint(a.name, b.name))) {
        if (e.name === '.git' || e.name === 'node_modules')
            continue;
        if ((await entryKind(st, dir, e)) !== 'dir')
            continue;
        const child = external_node_path_default().join(dir, e.name);
        if (looksLikeItemFolder(e.name) && !(await repository_isFile(external_node_path_default().join(child, '.platform')))) {
            throw new src_errors/* ConfigError */.xL(`item folder '${rel(st.root, child)}' has no .platform file`, {
                location: { file: child },
                fix: 'add a .platform file with metadata.type, metadata.displayName and config.logicalId (export it from Fabric Git integration), or rename the folder',
            });
        }
        await walk(st, child, [...segs, e.name], parent);
    }
}
/**
 * What a directory entry is, following symbolic links only while they stay inside the items directory:
 * a link leading outside would deploy content nobody reviewed in this repository.
 */
async function entryKind(st, dir, e) {
    if (e.isFile())
        return 'file';
    if (e.isDirectory())
        return 'dir';
    if (!e.isSymbolicLink())
        return 'other';
    const abs = external_node_path_default().join(dir, e.name);
    const target = await external_node_fs_.promises.realpath(abs).catch(() => undefined);
    if (!target) {
        throw new src_errors/* ConfigError */.xL(`'${rel(st.root, abs)}' is a broken symbolic link`, {
            location: { file: abs },
            fix: 'remove the link or make it point at a file inside the items directory',
        });
    }
    if (target !== st.rootReal && !target.startsWith(st.rootReal + (external_node_path_default()).sep)) {
        throw new src_errors/* ConfigError */.xL(`'${rel(st.root, abs)}' is a symbolic link to '${target}', outside the items directory`, {
            location: { file: abs },
            fix: 'copy the content into the repository instead of linking to it; only links inside the items directory are followed',
        });
    }
    const s = await external_node_fs_.promises.stat(target);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
}
async function readItem(st, dir, folderPath, parent) {
    const platformFile = external_node_path_default().join(dir, '.platform');
    const text = (await readChecked(st, platformFile)).toString('utf8');
    const platform = parseJson(text, platformFile, 'repair the JSON of .platform (a trailing comma or a missing quote is the usual cause)');
    if (!platform || typeof platform !== 'object' || Array.isArray(platform)) {
        throw new src_errors/* ConfigError */.xL('.platform must be a JSON object with metadata and config', {
            location: { file: platformFile, line: 1 },
        });
    }
    const meta = platform.metadata ?? {};
    const config = platform.config ?? {};
    const need = (field, value) => {
        if (typeof value !== 'string' || value.trim() === '') {
            throw new src_errors/* ConfigError */.xL(`.platform has no ${field}`, {
                // Missing key: point at its parent object.
                location: {
                    file: platformFile,
                    line: lineOf(text, field.split('.')[1]) ?? lineOf(text, field.split('.')[0]) ?? 1,
                },
                field,
                fix: `set ${field} in ${rel(st.root, platformFile)} (Fabric Git integration writes it on export)`,
            });
        }
    };
    need('metadata.type', meta.type);
    need('metadata.displayName', meta.displayName);
    need('config.logicalId', config.logicalId);
    if (!GUID_RE.test(config.logicalId)) {
        throw new src_errors/* ConfigError */.xL(`config.logicalId '${config.logicalId}' is not a GUID`, {
            location: { file: platformFile, line: lineOf(text, 'logicalId') },
            field: 'config.logicalId',
            fix: 'use a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301 (any new GUID will do for a new item)',
        });
    }
    const type = meta.type;
    if (!isKnownType(type)) {
        const like = typeLike(type);
        if (like) {
            throw new src_errors/* ConfigError */.xL(`unknown item type '${type}'`, {
                location: { file: platformFile, line: lineOf(text, 'type') },
                field: 'metadata.type',
                fix: `spell it '${like}' (item types are case-sensitive)`,
            });
        }
        st.warnings.push(`${rel(st.root, platformFile)}: item type '${type}' is not one of the ${Object.keys(ITEM_TYPES).length} known types; ` +
            'it is deployed with its full definition like a plain definition item');
    }
    const info = itemTypeInfo(type);
    const files = [];
    await collectFiles(st, dir, dir, info.excludes, files);
    const relDir = rel(st.root, dir);
    const logicalId = config.logicalId;
    const item = {
        type,
        displayName: meta.displayName,
        description: typeof meta.description === 'string' ? meta.description : undefined,
        logicalId,
        key: logicalId === ZERO_GUID ? `${type}:${meta.displayName}` : logicalId.toLowerCase(),
        dir,
        relDir,
        folderPath,
        files: files.sort((a, b) => byCodePoint(a.path, b.path)),
        platform: platform,
        platformFile,
        platformText: text,
    };
    if (parent)
        item.parentLogicalId = parent.logicalId;
    if (type === 'Report')
        noteByPath(st, item);
    return item;
}
async function collectFiles(st, itemDir, dir, excludes, out) {
    for (const e of await external_node_fs_.promises.readdir(dir, { withFileTypes: true })) {
        const abs = external_node_path_default().join(dir, e.name);
        const relPath = rel(itemDir, abs);
        const kind = await entryKind(st, dir, e);
        if (kind === 'dir') {
            // Excluded parts are not even read: `.pbi/cache.abf` can be hundreds of megabytes.
            if (excludes.includes(relPath + '/'))
                continue;
            // A link to a directory above this one would repeat forever.
            const [real, here] = await Promise.all([external_node_fs_.promises.realpath(abs), external_node_fs_.promises.realpath(dir)]);
            if (here === real || here.startsWith(real + (external_node_path_default()).sep)) {
                st.warnings.push(`${rel(st.root, abs)}: a link to a folder above it, not followed`);
                continue;
            }
            await collectFiles(st, itemDir, abs, excludes, out);
        }
        else if (kind === 'file' && !(dir === itemDir && e.name === '.platform')) {
            const bytes = await readChecked(st, abs);
            out.push({ path: relPath, absPath: abs, bytes, binary: isBinary(relPath, bytes) });
        }
    }
}
async function readChecked(st, file) {
    const { size } = await external_node_fs_.promises.stat(file);
    if (size > st.maxFileBytes) {
        throw new src_errors/* ConfigError */.xL(`'${rel(st.root, file)}' is ${size} bytes, over the limit of ${st.maxFileBytes} bytes for one file`, {
            location: { file },
            field: 'items.maxFileBytes',
            fix: 'keep large data out of item folders (Fabric rejects oversized definition parts), or raise items.maxFileBytes',
        });
    }
    return external_node_fs_.promises.readFile(file);
}
function noteByPath(st, item) {
    const pbir = item.files.find((f) => f.path === 'definition.pbir');
    if (!pbir)
        return;
    const text = pbir.bytes.toString('utf8');
    const json = parseJson(text, pbir.absPath, 'repair the JSON of definition.pbir');
    const byPath = json?.datasetReference?.byPath;
    if (byPath && typeof byPath.path === 'string') {
        st.pendingByPath.set(item, { path: byPath.path, file: pbir.absPath, line: lineOf(text, 'path') });
    }
}
function resolveByPath(st, item) {
    const ref = st.pendingByPath.get(item);
    if (!ref)
        return;
    const target = external_node_path_default().resolve(item.dir, ref.path.replace(/\\/g, '/'));
    const where = { file: ref.file, line: ref.line };
    if (target !== st.root && !target.startsWith(st.root + (external_node_path_default()).sep)) {
        throw new src_errors/* ConfigError */.xL(`report '${item.displayName}' refers to '${ref.path}', outside the items directory`, {
            location: where,
            field: 'datasetReference.byPath.path',
            fix: 'keep the semantic model in the repository next to the report, or use a byConnection reference',
        });
    }
    const model = st.found.find((i) => i.dir === target);
    if (!model || model.type !== 'SemanticModel') {
        throw new src_errors/* ConfigError */.xL(`report '${item.displayName}' refers to semantic model '${ref.path}', which is ${model ? `a ${model.type}` : 'not an item folder of the repository'}`, {
            location: where,
            field: 'datasetReference.byPath.path',
            fix: 'point byPath.path at the <Name>.SemanticModel folder (relative to the report folder), or use a byConnection reference',
        });
    }
    item.datasetByPath = {
        path: ref.path,
        file: ref.file,
        line: ref.line,
        model: { logicalId: model.logicalId, displayName: model.displayName, relDir: model.relDir },
    };
}
/** Characters Fabric refuses in a folder name (fabric-cicd INVALID_FOLDER_CHAR_REGEX). */
const INVALID_FOLDER_CHARS = /[~"#.%&*:<>?/\\{|}]/;
function workspaceFolders(root, items) {
    const folders = new Set();
    for (const item of items) {
        if (!item.folderPath)
            continue;
        const segs = item.folderPath.slice(1).split('/');
        for (let i = 1; i <= segs.length; i++) {
            const folder = '/' + segs.slice(0, i).join('/');
            if (folders.has(folder))
                continue;
            const name = segs[i - 1];
            const bad = INVALID_FOLDER_CHARS.exec(name);
            if (bad || name.trim() !== name) {
                throw new src_errors/* ConfigError */.xL(bad
                    ? `folder '${folder.slice(1)}' cannot become a workspace folder: '${bad[0]}' is not allowed in folder names`
                    : `folder '${folder.slice(1)}' cannot become a workspace folder: it starts or ends with a space`, {
                    location: { file: external_node_path_default().join(root, ...segs.slice(0, i)) },
                    fix: 'rename the folder without ~ " # . % & * : < > ? / \\ { | } and without leading or trailing spaces',
                });
            }
            folders.add(folder);
        }
    }
    return [...folders].sort((a, b) => a.split('/').length - b.split('/').length || byCodePoint(a, b));
}
function checkUnique(items) {
    const byLogical = new Map();
    const byName = new Map();
    for (const item of items) {
        const id = item.logicalId.toLowerCase();
        const dup = byLogical.get(id);
        if (dup && id !== ZERO_GUID) {
            throw new src_errors/* ConfigError */.xL(`two items have the same logicalId ${item.logicalId}: '${dup.relDir}' and '${item.relDir}'`, {
                location: { file: item.platformFile, line: lineOf(item.platformText, 'logicalId') },
                field: 'config.logicalId',
                fix: 'give one of them a new GUID as config.logicalId (a copied item folder keeps the original id)',
            });
        }
        byLogical.set(id, item);
        const key = `${item.type}/${item.displayName.toLowerCase()}`;
        const twin = byName.get(key);
        if (twin) {
            throw new src_errors/* ConfigError */.xL(`two ${item.type} items are named '${item.displayName}': '${twin.relDir}' and '${item.relDir}'`, {
                location: { file: item.platformFile, line: lineOf(item.platformText, 'displayName') },
                field: 'metadata.displayName',
                fix: 'rename one of them (Fabric keeps names unique per type in a workspace, whatever the folder)',
            });
        }
        byName.set(key, item);
    }
}
/** JSON.parse with the error's line (Node reports a position or, newer, a line and column). */
function parseJson(text, file, fix) {
    try {
        return JSON.parse(text.replace(/^\uFEFF/, ''));
    }
    catch (err) {
        const msg = String(err.message);
        const lc = /line (\d+) column (\d+)/.exec(msg);
        const pos = /position (\d+)/.exec(msg);
        const location = lc
            ? { file, line: Number(lc[1]), col: Number(lc[2]) }
            : { file, line: pos ? text.slice(0, Number(pos[1])).split('\n').length : 1 };
        throw new src_errors/* ConfigError */.xL(`${external_node_path_default().basename(file)} is not valid JSON: ${msg}`, { location, fix });
    }
}
/** Line of the first `"key"` in a JSON text. */
function lineOf(text, key) {
    const idx = text.indexOf(`"${key}"`);
    return idx < 0 ? undefined : text.slice(0, idx).split('\n').length;
}
const BINARY_EXT = new Set([
    'png',
    'jpg',
    'jpeg',
    'gif',
    'bmp',
    'tif',
    'tiff',
    'ico',
    'webp',
    'zip',
    'whl',
    'jar',
    'gz',
    'tgz',
    'pdf',
    'abf',
    'pbix',
    'xlsx',
    'docx',
    'pptx',
    'parquet',
    'avro',
    'orc',
    'exe',
    'dll',
    'so',
    'bin',
]);
/** Binary parts are sent byte for byte: known binary extensions, NUL bytes or invalid UTF-8. */
function isBinary(file, bytes) {
    const dot = file.lastIndexOf('.');
    if (dot >= 0 && BINARY_EXT.has(file.slice(dot + 1).toLowerCase()))
        return true;
    if (bytes.includes(0))
        return true;
    return !Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}
/** Locale-independent order, so that the same repository reads the same everywhere. */
function byCodePoint(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function rel(root, p) {
    return external_node_path_default().relative(root, p).split((external_node_path_default()).sep).join('/');
}
async function repository_isFile(p) {
    return external_node_fs_.promises.stat(p).then((s) => s.isFile(), () => false);
}

;// CONCATENATED MODULE: ./src/items/transform.ts





/** Thrown by a real run for a variable it has no value for yet; the caller resolves it and runs again. */
class NeedValue extends Error {
    key;
    ref;
    at;
    raw;
    logicalId;
    constructor(key, ref, at, raw, 
    /** Set when the value is the deployed id of an out-of-scope repository item referenced by logical id. */
    logicalId) {
        super(`value needed for ${raw}`);
        this.key = key;
        this.ref = ref;
        this.at = at;
        this.raw = raw;
        this.logicalId = logicalId;
    }
}
function refKey(ref) {
    return JSON.stringify(ref);
}
/** A deploy tried to send a reference to a repository item that has no deployed id (ordering bug or excluded item). */
class UnresolvedReferenceError extends Error {
    logicalId;
    constructor(message, logicalId) {
        super(message);
        this.logicalId = logicalId;
        this.name = 'UnresolvedReferenceError';
    }
}
const lowerMaps = new WeakMap();
const repoMaps = new WeakMap();
function lowerMap(m) {
    let out = lowerMaps.get(m);
    if (!out) {
        out = new Map([...m].map(([k, v]) => [k.toLowerCase(), v]));
        lowerMaps.set(m, out);
    }
    return out;
}
function repoByLogicalId(items) {
    let out = repoMaps.get(items);
    if (!out) {
        out = new Map(items.filter((i) => i.logicalId !== ZERO_GUID).map((i) => [i.logicalId.toLowerCase(), i]));
        repoMaps.set(items, out);
    }
    return out;
}
function transformItem(item, ctx, h) {
    const info = itemTypeInfo(item.type);
    const warnings = [];
    if (info.shell && !ctx.definitionForShell)
        return { creationPayload: creationPayload(item), warnings };
    const env = ctx.environment ?? ctx.parameters?.environment;
    const run = { item, ctx, h, env, warnings, selfWarned: false };
    const parts = [
        {
            path: '.platform',
            payload: Buffer.from(item.platformText, 'utf8').toString('base64'),
            payloadType: 'InlineBase64',
        },
    ];
    for (const f of item.type === 'Notebook' ? notebookOrder(item.files) : item.files) {
        let bytes = f.bytes;
        if (!f.binary) {
            const original = f.bytes.toString('utf8');
            let text = original;
            if (info.rewriteIds)
                text = itemSpecific(run, f, text);
            if (ctx.parameters)
                text = applyParameters(run, f, text, ctx.parameters);
            if (info.rewriteIds)
                text = rewriteWorkspaceIds(rewriteLogicalIds(run, f, text), ctx.workspaceId);
            h.onText?.(f, text);
            if (text !== original)
                bytes = Buffer.from(text, 'utf8');
        }
        parts.push({ path: f.path, payload: bytes.toString('base64'), payloadType: 'InlineBase64' });
    }
    const format = info.format?.(item.files.map((f) => f.path));
    const result = { definition: format ? { format, parts } : { parts }, warnings };
    if (item.type === 'VariableLibrary')
        result.activeValueSetName = activeValueSet(item, env, warnings);
    return result;
}
/** JSON.parse tolerating a BOM; undefined when the text is not JSON. */
function tryJson(text) {
    try {
        return JSON.parse(text.replace(/^\uFEFF/, ''));
    }
    catch {
        return undefined;
    }
}
/** Lakehouse `{enableSchemas: true}` when its metadata has a default schema; Warehouse from `.platform`. */
function creationPayload(item) {
    if (item.type === 'Lakehouse') {
        const meta = item.files.find((f) => f.path === 'lakehouse.metadata.json');
        if (!meta)
            return undefined;
        const text = meta.bytes.toString('utf8');
        const json = tryJson(text);
        const hasSchema = json === undefined
            ? text.includes('defaultSchema')
            : !!json && typeof json === 'object' && 'defaultSchema' in json;
        return hasSchema ? { enableSchemas: true } : undefined;
    }
    const fromPlatform = item.platform?.metadata?.creationPayload;
    if (item.type === 'Warehouse' && fromPlatform && typeof fromPlatform === 'object')
        return { ...fromPlatform };
    return undefined;
}
/** fabric-cicd's part order for notebooks: `.platform`, the content (.py/.ipynb), other files, `.json` settings. */
function notebookOrder(files) {
    const rank = (f) => {
        const base = f.path.slice(f.path.lastIndexOf('/') + 1).toLowerCase();
        const ext = base.slice(base.lastIndexOf('.'));
        return ext === '.py' || ext === '.ipynb' ? 1 : ext === '.json' ? 3 : 2;
    };
    return [...files].sort((a, b) => rank(a) - rank(b) || byCodePoint(a.path, b.path));
}
function activeValueSet(item, env, warnings) {
    const settings = item.files.find((f) => f.path === 'settings.json');
    const sets = settings ? tryJson(settings.bytes.toString('utf8'))?.valueSetsOrder : undefined;
    if (env !== undefined && Array.isArray(sets) && sets.includes(env))
        return env;
    warnings.push(`VariableLibrary '${item.displayName}': no value set named '${env ?? ''}' in settings.json; 'Default value set' stays active`);
    return 'Default value set';
}
// ---------------------------------------------------------------------------------------------------------------
function itemSpecific(run, f, text) {
    const { item } = run;
    if (item.type === 'Report' && f.path === 'definition.pbir' && item.datasetByPath)
        return byPathToByConnection(run, text);
    if (item.type === 'KQLQueryset' || item.type === 'KQLDashboard')
        return fillClusterUri(run, f, text);
    if (item.type === 'Environment' && f.path === 'Setting/Sparkcompute.yml')
        return replacePool(run, f, text);
    return text;
}
/**
 * A report bound by relative path cannot be created in a workspace: fabric-cicd rewrites it to a live
 * connection to the model (`pbiModelDatabaseName`), here with the model's logical id, which the logical-id
 * step then turns into the deployed id.
 */
function byPathToByConnection(run, text) {
    const json = tryJson(text); // parsed once already when the repository was read
    json.$schema =
        'https://developer.microsoft.com/json-schemas/fabric/item/report/definitionProperties/1.0.0/schema.json';
    json.datasetReference = {
        byConnection: {
            connectionString: null,
            pbiServiceModelId: null,
            pbiModelVirtualServerName: 'sobe_wowvirtualserver',
            pbiModelDatabaseName: run.item.datasetByPath.model.logicalId,
            name: 'EntityDataSource',
            connectionType: 'pbiServiceXmlaStyleLive',
        },
    };
    return JSON.stringify(json, null, 4);
}
/** An empty `clusterUri` of a KQL data source gets the query URI of the KQL database it names. */
function fillClusterUri(run, f, text) {
    const json = tryJson(text);
    const sources = run.item.type === 'KQLQueryset' ? json?.queryset?.dataSources : json?.dataSources;
    if (!Array.isArray(sources))
        return text;
    let changed = false;
    for (const ds of sources) {
        if (!ds || ds.clusterUri !== '')
            continue;
        const name = run.item.type === 'KQLQueryset' ? ds.databaseItemName : ds.name;
        if (typeof name !== 'string' || !name)
            continue;
        const uri = run.h.resolved({ kind: 'item', type: 'KQLDatabase', name, attribute: 'queryserviceuri' }, { file: f.absPath }, `clusterUri of KQL database '${name}'`);
        if (uri === undefined) {
            run.warnings.push(`${run.item.type} '${run.item.displayName}': empty clusterUri for KQL database '${name}' left empty (no resolver)`);
            continue;
        }
        ds.clusterUri = uri;
        changed = true;
    }
    return changed ? JSON.stringify(json, null, 2) : text;
}
/** spark_pool: the `instance_pool_id` of the source workspace becomes the id of the named pool of the target. */
function replacePool(run, f, text) {
    const doc = (0,dist.parseDocument)(text);
    const poolId = doc.errors.length ? undefined : doc.get('instance_pool_id');
    if (typeof poolId !== 'string' || !poolId)
        return text;
    const entry = run.ctx.parameters ? sparkPoolEntry(run.ctx.parameters, run.item, poolId) : undefined;
    if (!entry) {
        run.warnings.push(`Environment '${run.item.displayName}': instance_pool_id ${poolId} has no spark_pool entry in the parameter file; deployed unchanged`);
        return text;
    }
    const v = valueFor(entry.values, run.env);
    if (!v)
        return text;
    const id = run.h.resolved({ kind: 'sparkPool', poolType: v.value.type, name: v.value.name }, v.at, `spark_pool ${v.value.type} pool '${v.value.name}'`);
    if (id === undefined)
        return text;
    doc.set('instance_pool_id', id);
    return doc.toString();
}
// ---------------------------------------------------------------------------------------------------------------
function applyParameters(run, f, text, params) {
    const { item, h, env } = run;
    for (const e of params.keyValueReplace) {
        if (!entryApplies(e.filters, item, f.path))
            continue;
        const v = valueFor(e.values, env);
        const counted = applyKeyValue(e, text, undefined, false);
        h.onMatch?.(e, counted.count);
        if (!v || counted.count === 0)
            continue;
        text = applyKeyValue(e, text, paramValue(run, v), true).text;
    }
    for (const e of params.findReplace) {
        if (!entryApplies(e.filters, item, f.path))
            continue;
        const find = e.findRef ? contextValue(run, e.findRef, e.findAt, e.find) : e.find;
        const counted = applyFindReplace(e, text, undefined, find);
        h.onMatch?.(e, counted.count);
        const v = valueFor(e.values, env);
        if (!v || counted.count === 0 || isEmptyValue(v.value))
            continue;
        text = applyFindReplace(e, text, String(paramValue(run, v)), find).text;
    }
    return text;
}
function paramValue(run, v) {
    return 'literal' in v.value ? v.value.literal : contextValue(run, v.value.ref, v.at, v.value.raw);
}
function contextValue(run, ref, at, raw) {
    if (ref.kind === 'workspaceId')
        return run.ctx.workspaceId;
    if (ref.kind === 'workspaceName') {
        const name = run.ctx.workspaceName;
        if (name === undefined)
            throw new Error(`${raw} needs the workspace name in the deploy context`);
        return ref.encoded ? pyQuote(name) : name;
    }
    const v = run.h.resolved(ref, at, raw);
    if (v === undefined)
        throw new Error(`${raw} needs a resolver in the deploy context`);
    return v;
}
/** Python's `urllib.parse.quote(s, safe="")`, which `$workspace.$name_encoded` follows. */
function pyQuote(s) {
    return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
// ---------------------------------------------------------------------------------------------------------------
/**
 * GUID-shaped tokens (not inside a longer run of hex digits), each looked up once: O(text) per file whatever the
 * number of items, unlike a substring search per item.
 */
const GUID_TOKEN = /(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f])/g;
function rewriteLogicalIds(run, f, text) {
    const { item, ctx, h } = run;
    const deployed = lowerMap(ctx.logicalIds);
    const repo = ctx.items ? repoByLogicalId(ctx.items) : undefined;
    const outOfScope = ctx.outOfScope?.length ? repoByLogicalId(ctx.outOfScope) : undefined;
    const self = item.logicalId.toLowerCase();
    const model = item.datasetByPath?.model.logicalId.toLowerCase();
    return text.replace(GUID_TOKEN, (token) => {
        const id = token.toLowerCase();
        if (id === ZERO_GUID)
            return token;
        const target = repo?.get(id);
        if ((target || id === model) && id !== self)
            h.onLogicalId?.(id, f);
        const to = deployed.get(id);
        if (to !== undefined)
            return to;
        const outside = !target && id !== self ? outOfScope?.get(id) : undefined;
        if (outside) {
            // Not deployed by this run, but fabric-cicd maps it too: the workspace's item of that type and name.
            const v = h.resolved({ kind: 'item', type: outside.type, name: outside.displayName, attribute: 'id' }, { file: f.absPath }, outsideLabel(outside), id);
            return v ?? token;
        }
        if (h.dry)
            return token;
        if (id === self) {
            if (!run.selfWarned)
                run.warnings.push(`${item.type} '${item.displayName}' refers to its own logical id; left as is until it has been deployed`);
            run.selfWarned = true;
            return token;
        }
        if (target || id === model) {
            const what = target
                ? `${target.type} '${target.displayName}'`
                : `semantic model '${item.datasetByPath.path}'`;
            throw new UnresolvedReferenceError(`${item.type} '${item.displayName}' refers to ${what} (logical id ${id}), which has no deployed id yet`, id);
        }
        return token;
    });
}
/** How an out-of-scope item referenced by logical id is named in messages. */
function outsideLabel(item) {
    return `${item.type} '${item.displayName}' (logical id ${item.logicalId.toLowerCase()}, outside the deploy's items.types / items.exclude)`;
}
const WORKSPACE_REF = /("?(?:default_lakehouse_workspace_id|workspaceId|workspace)"?\s*[:=]\s*")(.*?)(")/g;
/** The zero GUID in a workspace reference means "this workspace" in Fabric's Git format. */
function rewriteWorkspaceIds(text, workspaceId) {
    return text.replace(WORKSPACE_REF, (m, head, value, tail) => value === ZERO_GUID ? head + workspaceId + tail : m);
}
/** A ConfigError for a variable the resolver could not answer. */
function unresolvedVariable(ref, at, raw) {
    const what = ref.kind === 'item'
        ? `no ${ref.type} named '${ref.name}'${ref.attribute === 'id' ? '' : ` with a ${ref.attribute}`} in ${ref.workspace ? `workspace '${ref.workspace}'` : 'the target workspace'}`
        : ref.kind === 'workspace'
            ? `no workspace named '${ref.name}' is visible to this identity`
            : `no ${ref.poolType} Spark pool named '${ref.name}' in the target workspace`;
    return new src_errors/* ConfigError */.xL(`${raw}: ${what}`, {
        location: at,
        fix: ref.kind === 'item'
            ? 'check the spelling (types and names are case-sensitive) and that the item is in the repository or already in the workspace'
            : ref.kind === 'workspace'
                ? 'check the name and give the deploy identity access to that workspace'
                : 'create the pool or fix its name and type in spark_pool',
    });
}

;// CONCATENATED MODULE: ./src/items/normalise.ts


/** path → canonical content (`sha256:<hex>` for binary parts). */
function normalisedParts(def, options = {}) {
    const out = new Map();
    for (const part of def.parts) {
        const p = part.path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
        if (p === '.platform' && options.platform === 'ignore')
            continue;
        const bytes = Buffer.from(part.payload, 'base64');
        out.set(p, p === '.platform' ? platformCanonical(bytes) : canonical(p, bytes));
    }
    return new Map([...out].sort(([a], [b]) => byCodePoint(a, b)));
}
/** A stable digest (SHA-256 hex) of a definition: equal digests mean nothing to update. */
function normaliseDefinition(def, options = {}) {
    const h = createHash('sha256');
    for (const [p, content] of normalisedParts(def, options))
        h.update(`${p.length}:${p}${content.length}:${content}`);
    return h.digest('hex');
}
/** Paths whose content differs between two definitions (added, removed or changed), sorted. */
function definitionDiff(a, b, options = {}) {
    const pa = normalisedParts(a, options);
    const pb = normalisedParts(b, options);
    return [...new Set([...pa.keys(), ...pb.keys()])].filter((p) => pa.get(p) !== pb.get(p)).sort();
}
function canonical(p, bytes) {
    if (isBinary(p, bytes))
        return 'sha256:' + (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
    const clean = bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .replace(/\r\n?/g, '\n')
        .replace(/\s+$/, '');
    if (/^[[{]/.test(clean)) {
        try {
            return stableJson(JSON.parse(clean));
        }
        catch {
            // Not JSON after all: compare as text.
        }
    }
    return clean;
}
function platformCanonical(bytes) {
    try {
        const meta = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''))?.metadata ?? {};
        return stableJson({
            type: meta.type,
            displayName: meta.displayName,
            description: meta.description || undefined,
        });
    }
    catch {
        return canonical('.platform', bytes);
    }
}
/** JSON with object keys sorted at every level. */
function stableJson(value) {
    if (Array.isArray(value))
        return `[${value.map(stableJson).join(',')}]`;
    if (value && typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => byCodePoint(a, b));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}

;// CONCATENATED MODULE: ./src/items/payload.ts





/**
 * What to send for `item`: parameters, logical-id and workspace-id rewrites, Report byPath → byConnection, KQL
 * clusterUri, spark pools. Variables are resolved through `ctx.resolve` (in parallel where they are independent).
 */
async function buildItemPayload(item, ctx) {
    const values = new Map();
    const ask = async (ref, at, raw, logicalId) => {
        if (!ctx.resolve)
            throw new Error(`${raw} needs a resolver in the deploy context`);
        const v = await ctx.resolve(ref);
        if (v === undefined && logicalId !== undefined && ref.kind === 'item') {
            throw new UnresolvedReferenceError(`${item.type} '${item.displayName}' refers to ${raw}, which is not in the target workspace: deploy it first or add it to the scope`, logicalId);
        }
        if (v === undefined)
            throw unresolvedVariable(ref, at, raw);
        values.set(refKey(ref), v);
    };
    // A first, recording pass finds what the item needs so that the look-ups run together.
    const wanted = new Map();
    transformItem(item, ctx, {
        dry: true,
        resolved: (ref, at, raw, logicalId) => {
            const key = refKey(ref);
            // A `$items` variable and a logical id may ask for the same id: the logical id names the error better.
            if (!wanted.has(key) || logicalId !== undefined)
                wanted.set(key, { ref, at, raw, logicalId });
            return placeholder(ref);
        },
    });
    await Promise.all([...wanted.values()].map((w) => ask(w.ref, w.at, w.raw, w.logicalId)));
    const hooks = {
        dry: false,
        resolved: (ref, at, raw, logicalId) => {
            const v = values.get(refKey(ref));
            if (v === undefined)
                throw new NeedValue(refKey(ref), ref, at, raw, logicalId);
            return v;
        },
    };
    // Real values can make later replacements match differently from placeholders: ask for what was missed.
    for (;;) {
        try {
            const r = transformItem(item, ctx, hooks);
            const out = { warnings: r.warnings };
            if (r.definition)
                out.definition = r.definition;
            if (r.creationPayload)
                out.creationPayload = r.creationPayload;
            if (r.activeValueSetName !== undefined)
                out.activeValueSetName = r.activeValueSetName;
            return out;
        }
        catch (err) {
            if (!(err instanceof NeedValue) || values.has(err.key))
                throw err;
            await ask(err.ref, err.at, err.raw, err.logicalId);
        }
    }
}
function placeholder(ref) {
    return ref.kind === 'item' && ref.attribute === 'id' ? ZERO_GUID.replace(/0/g, 'f') : `<${refKey(ref)}>`;
}
/** A context for dry runs: no ids, placeholders for everything the target workspace would answer. */
function dryContext(items, parameters, environment) {
    return {
        logicalIds: new Map(),
        workspaceId: ZERO_GUID,
        workspaceName: 'workspace',
        environment,
        parameters,
        items,
    };
}
/**
 * Runs the parameters over every item of the repository without deploying anything.
 *
 * A regex (`is_regex`) that matches nothing in any file it applies to, in the whole repository (items in scope
 * and `outOfScope`), is refused with the entry's file:line: it can never do anything, so it is a typo or a stale
 * entry that would otherwise leave a source value in the target unnoticed. Less than that is a warning, since
 * fabric-cicd deploys it and skips the file: a regex that matches only in items outside the scope, or that matches
 * nothing in an item its `item_name` / `file_path` filters select. Entries that select no file, or a literal /
 * JSONPath that finds nothing, are warnings too.
 */
function validateParameters(params, items, environment = params.environment, outOfScope = []) {
    const usage = new Map();
    for (const e of [...params.keyValueReplace, ...params.findReplace])
        usage.set(e, { files: 0, matches: 0, missed: [], outside: { files: 0, matches: 0 } });
    const ctx = dryContext(items, params, environment);
    let inScope = true;
    let perItem = new Map();
    const hooks = {
        dry: true,
        resolved: (ref) => placeholder(ref),
        onMatch: (e, count) => {
            const u = usage.get(e);
            const c = inScope ? u : u.outside;
            c.files++;
            c.matches += count;
            perItem.set(e, (perItem.get(e) ?? 0) + count);
        },
    };
    for (const item of items) {
        perItem = new Map();
        transformItem(item, ctx, hooks);
        for (const [e, n] of perItem)
            if (n === 0)
                usage.get(e).missed.push(item);
    }
    inScope = false;
    for (const item of outOfScope) {
        try {
            transformItem(item, ctx, hooks);
        }
        catch {
            // Not deployed: what matters is only whether the entry matches there.
        }
    }
    const warnings = [...params.warnings];
    for (const [e, u] of usage) {
        const where = (0,src_errors/* formatLocation */.j$)(e.kind === 'find_replace' ? e.findAt : e.keyAt);
        const what = e.kind === 'find_replace' ? (e.isRegex ? 'regex' : 'find_value') : 'find_key';
        const regex = e.kind === 'find_replace' && e.isRegex;
        const files = u.files + u.outside.files;
        if (regex && files > 0 && u.matches + u.outside.matches === 0) {
            throw new src_errors/* ConfigError */.xL(`${e.label}: the regex matches nothing in the ${files} file${files === 1 ? '' : 's'} it applies to in the repository`, {
                location: e.findAt,
                field: `${e.label}.find_value`,
                fix: 'check the pattern against the file (escaping, spaces, quotes) or narrow/fix its filters, or remove the stale entry; a regex that finds nothing would leave a source value in the target',
            });
        }
        if (u.files === 0) {
            warnings.push(`${where}: ${e.label} applies to no file of the items in scope (check item_type, item_name and file_path)`);
        }
        else if (u.matches === 0 && regex) {
            warnings.push(`${where}: ${e.label} regex matches nothing in the ${u.files} file${u.files === 1 ? '' : 's'} of the items in scope (only in items outside items.types / items.exclude); nothing is replaced`);
        }
        else if (u.matches === 0) {
            warnings.push(`${where}: ${e.label} ${what} '${e.kind === 'find_replace' ? e.find : e.findKey}' is found in none of the ${u.files} files it applies to`);
        }
        else if (regex && u.missed.length && (e.filters.itemName || e.filters.filePath)) {
            const names = u.missed.map((i) => `${i.type} '${i.displayName}'`);
            warnings.push(`${where}: ${e.label} regex matches nothing in ${names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ')}, which its filters select; ${names.length === 1 ? 'that item is' : 'they are'} deployed without this replacement (fabric-cicd skips such files too)`);
        }
    }
    return { warnings, usage };
}

;// CONCATENATED MODULE: ./src/items/references.ts




/**
 * What each item depends on, found by running its files through the same pipeline as a deploy (with
 * placeholders): logical ids of other items in its files, `$items.<type>.<name>` values of parameters that
 * match in its files, a KQL database's Eventhouse, a report's semantic model (byPath, or byConnection
 * `initial catalog`), KQL data sources by database name, a notebook's default lakehouse by name.
 * Shell items (Lakehouse, Warehouse, …) send no files, so only their structure counts.
 */
function analyseDependencies(items, params) {
    const graph = new Map(items.map((i) => [i.key, new Set()]));
    const reasons = new Map();
    const byLogical = repoByLogicalId(items);
    const byName = new Map(items.map((i) => [`${i.type}\u0000${i.displayName}`, i]));
    const ctx = dryContext(items, params);
    for (const item of items) {
        const add = (to, why) => {
            if (!to || to.key === item.key)
                return;
            graph.get(item.key).add(to.key);
            const r = reasons.get(item.key) ?? new Map();
            if (!r.has(to.key))
                r.set(to.key, why);
            reasons.set(item.key, r);
        };
        if (item.parentLogicalId)
            add(byLogical.get(item.parentLogicalId.toLowerCase()), 'lives in its .children folder');
        if (item.datasetByPath)
            add(byLogical.get(item.datasetByPath.model.logicalId.toLowerCase()), `definition.pbir byPath ${item.datasetByPath.path}`);
        transformItem(item, ctx, {
            dry: true,
            resolved: (ref, at) => {
                if (ref.kind === 'item' && !ref.workspace)
                    add(byName.get(`${ref.type}\u0000${ref.name}`), `$items.${ref.type}.${ref.name} (${(0,src_errors/* formatLocation */.j$)(at)})`);
                return placeholder(ref);
            },
            onLogicalId: (id, f) => add(byLogical.get(id), `its logical id in ${f.path}`),
            onText: (f, text) => {
                for (const [type, name] of namedReferences(item, f.path, text))
                    add(byName.get(`${type}\u0000${name}`), `${type} '${name}' named in ${f.path}`);
            },
        });
    }
    return { graph, reasons };
}
/**
 * Dependencies of every item; a cycle is a ConfigError naming its members and their folders.
 * `params` should be loaded for the deploy's environment (its values decide which `$items` apply).
 */
function dependencyGraph(items, params) {
    const { graph, reasons } = analyseDependencies(items, params);
    const cycle = findCycle(graph);
    if (cycle) {
        const byKey = new Map(items.map((i) => [i.key, i]));
        const steps = cycle.map((k, n) => {
            const item = byKey.get(k);
            const next = cycle[(n + 1) % cycle.length];
            return `${item.type} '${item.displayName}' (${item.relDir}) needs ${describe(byKey.get(next))}: ${reasons.get(k)?.get(next) ?? 'reference'}`;
        });
        const first = byKey.get(cycle[0]);
        throw new src_errors/* ConfigError */.xL(`items depend on each other in a cycle:\n  ${steps.join('\n  ')}`, {
            location: { file: first.platformFile },
            fix: 'remove one of these references (or parameterize it) so that one item can be deployed before the other',
        });
    }
    return graph;
}
function describe(i) {
    return `${i.type} '${i.displayName}'`;
}
/** References by name that Fabric's Git format uses besides logical ids. */
function namedReferences(item, file, text) {
    const out = [];
    if (item.type === 'Notebook') {
        for (const m of text.matchAll(/"default_lakehouse_name"\s*:\s*"([^"]+)"/g))
            out.push(['Lakehouse', m[1]]);
    }
    else if (item.type === 'Report' && file === 'definition.pbir') {
        for (const m of text.matchAll(/initial catalog=([^;"]+)/gi))
            out.push(['SemanticModel', m[1].trim()]);
    }
    else if (item.type === 'KQLQueryset' || item.type === 'KQLDashboard') {
        const key = item.type === 'KQLQueryset' ? 'databaseItemName' : 'name';
        const json = tryJson(text);
        const sources = item.type === 'KQLQueryset' ? json?.queryset?.dataSources : json?.dataSources;
        if (Array.isArray(sources))
            for (const ds of sources)
                if (typeof ds?.[key] === 'string')
                    out.push(['KQLDatabase', ds[key]]);
    }
    return out;
}
/** One cycle of `graph` (its members in order, each depending on the next, the last on the first), if any. */
function findCycle(graph) {
    const state = new Map(); // 1: on the current path, 2: done
    for (const start of graph.keys()) {
        if (state.has(start))
            continue;
        // Iterative depth-first search: a chain of thousands of items must not overflow the stack.
        const path = [start];
        const iters = [(graph.get(start) ?? new Set()).values()];
        state.set(start, 1);
        while (path.length) {
            const next = iters[iters.length - 1].next();
            if (next.done) {
                state.set(path.pop(), 2);
                iters.pop();
                continue;
            }
            const dep = next.value;
            if (!graph.has(dep))
                continue;
            const s = state.get(dep);
            if (s === 1)
                return path.slice(path.indexOf(dep));
            if (s === 2)
                continue;
            state.set(dep, 1);
            path.push(dep);
            iters.push((graph.get(dep) ?? new Set()).values());
        }
    }
    return undefined;
}
/** Keys in waves: each wave depends only on earlier waves (what can run in parallel). Assumes no cycle. */
function dependencyLevels(graph) {
    const level = new Map();
    const depth = (k) => {
        const known = level.get(k);
        if (known !== undefined)
            return known;
        // Iterative post-order, again for long chains.
        const stack = [k];
        while (stack.length) {
            const top = stack[stack.length - 1];
            const deps = [...(graph.get(top) ?? [])].filter((d) => graph.has(d) && !level.has(d));
            if (deps.length) {
                stack.push(...deps);
                continue;
            }
            stack.pop();
            if (level.has(top))
                continue;
            let l = 0;
            for (const d of graph.get(top) ?? [])
                if (graph.has(d))
                    l = Math.max(l, level.get(d) + 1);
            level.set(top, l);
        }
        return level.get(k);
    };
    const out = [];
    for (const k of graph.keys())
        (out[depth(k)] ??= []).push(k);
    return out;
}
/**
 * `$items.<type>.<name>` values that apply to the environment must name an item of the repository or of the
 * target workspace (`deployed`: the workspace's items; empty or absent for a new workspace).
 */
function validateItemReferences(params, items, deployed = [], environment = params.environment) {
    const known = new Set([...items, ...deployed].map((i) => `${i.type}\u0000${i.displayName}`));
    for (const entry of [...params.findReplace, ...params.keyValueReplace]) {
        const v = valueFor(entry.values, environment);
        if (!v || !('ref' in v.value) || v.value.ref.kind !== 'item')
            continue;
        const ref = v.value.ref;
        if (ref.workspace)
            continue; // another workspace: only the resolver can tell
        if (known.has(`${ref.type}\u0000${ref.name}`))
            continue;
        const like = [...items, ...deployed].find((i) => i.type === ref.type && i.displayName.toLowerCase() === ref.name.toLowerCase());
        throw new src_errors/* ConfigError */.xL(`${v.value.raw}: no ${ref.type} named '${ref.name}' in the repository or the target workspace`, {
            location: v.at,
            field: `${entry.label}.replace_value`,
            fix: like
                ? `write '${like.displayName}' (names are case-sensitive)`
                : 'check the type and name, or add the item to the repository',
        });
    }
}

;// CONCATENATED MODULE: ./src/settings/naming.ts



/**
 * Refuses items whose display name breaks the rule of their type, before any write. The error points at the
 * first offender's `.platform` (displayName line) and lists the others. Returns warnings (rules for types that are
 * neither known nor present).
 */
function checkNaming(items, rules, options = {}) {
    const warnings = [];
    if (!rules)
        return warnings;
    const present = new Set(items.map((i) => i.type));
    const compiled = new Map();
    for (const [type, pattern] of Object.entries(rules)) {
        try {
            compiled.set(type, new RegExp(pattern));
        }
        catch (err) {
            throw new src_errors/* ConfigError */.xL(`naming rule for ${type} is not a valid regular expression: ${err.message}`, {
                location: options.locate?.(['naming', type]),
                field: `naming.${type}`,
                fix: 'fix the pattern (JavaScript regular expression syntax)',
            });
        }
        if (!isKnownType(type) && !present.has(type))
            warnings.push(`naming rule for unknown item type '${type}' matches no item`);
    }
    const bad = items.filter((i) => compiled.get(i.type) && !compiled.get(i.type).test(i.displayName));
    if (bad.length === 0)
        return warnings;
    const first = bad[0];
    const rule = options.locate?.(['naming', first.type]);
    const others = bad.slice(1, 11).map((i) => `${i.type} '${i.displayName}' (${i.relDir})`);
    const more = bad.length > 11 ? `, and ${bad.length - 11} more` : '';
    throw new src_errors/* ConfigError */.xL(`${first.type} '${first.displayName}' does not follow the naming rule ${rules[first.type]}` +
        (others.length ? `; nor do ${others.join(', ')}${more}` : ''), {
        location: { file: first.platformFile, line: lineOf(first.platformText, 'displayName') },
        field: `naming.${first.type}`,
        fix: `rename the item (metadata.displayName in its .platform) or change the rule${rule ? ` at ${(0,src_errors/* formatLocation */.j$)(rule)}` : ''}`,
    });
}

;// CONCATENATED MODULE: ./src/deploy/desired.ts








function itemKey(type, displayName) {
    return `${type}/${displayName.toLowerCase()}`;
}
/**
 * Type rules on top of explicit references: an item of the key type waits for every repository
 * item of the listed types (notebooks and Spark jobs attach lakehouses, reports bind to models,
 * KQL querysets read their database's URI). Lakehouses are created at once (201), so the rule costs
 * little; environments are left to explicit references, as they take minutes to publish.
 */
const TYPE_RULES = {
    Notebook: ['Lakehouse'],
    SparkJobDefinition: ['Lakehouse'],
    Report: ['SemanticModel'],
    KQLDatabase: ['Eventhouse'],
    KQLQueryset: ['KQLDatabase'],
    KQLDashboard: ['KQLDatabase'],
};
/** Reads the repository and the parameter file into desired items. Pure reading and validation: nothing is sent. */
async function loadDesired(ctx) {
    const s = ctx.settings;
    const scan = await scanRepository(s.itemsDirectory, {
        types: s.config.items?.types,
        exclude: s.config.items?.exclude,
        configLocation: s.loaded.locate(['items', 'directory']),
        maxFileBytes: s.config.items?.maxFileBytes,
    });
    const warnings = [
        ...scan.warnings,
        ...checkNaming(scan.items, s.config.naming, { locate: s.loaded.locate }),
    ];
    let parameters;
    if (s.parameterFile) {
        parameters = loadParameterFile(s.parameterFile, {
            environment: s.environment,
            repositoryDir: scan.root,
            extraTypes: scan.items.map((i) => i.type),
        });
        warnings.push(...validateParameters(parameters, scan.items, s.environment, scan.outOfScope).warnings);
    }
    const items = fromRepoItems(scan.items, {
        folders: s.config.items?.folders !== false,
        parameters,
        environment: s.environment,
        outOfScope: scan.outOfScope,
    });
    const folders = s.config.items?.folders === false ? [] : scan.folders;
    const checkAgainst = (deployed) => {
        if (parameters)
            validateItemReferences(parameters, scan.items, deployed, s.environment);
    };
    return { items, folders, warnings, parameters, checkAgainst };
}
function fromRepoItems(repo, opts) {
    const keyOf = new Map(repo.map((r) => [r, itemKey(r.type, r.displayName)]));
    const byRepoKey = new Map(repo.map((r) => [r.key, r]));
    // References (logical ids, $items, names Fabric's format uses) come from src/items, which also
    // refuses a cycle among them with the reason for each edge.
    const graph = dependencyGraph(repo, opts.parameters);
    const deps = new Map();
    for (const r of repo)
        deps.set(r, new Set([...(graph.get(r.key) ?? [])].map((k) => keyOf.get(byRepoKey.get(k))).filter(Boolean)));
    // Type rules, unless the other item already (directly) depends on this one.
    const byType = new Map();
    for (const r of repo)
        (byType.get(r.type) ?? byType.set(r.type, []).get(r.type)).push(r);
    for (const r of repo) {
        for (const t of TYPE_RULES[r.type] ?? []) {
            for (const o of byType.get(t) ?? [])
                if (o !== r && !deps.get(o).has(keyOf.get(r)))
                    deps.get(r).add(keyOf.get(o));
        }
    }
    return repo.map((r) => {
        const info = itemTypeInfo(r.type);
        const item = {
            key: keyOf.get(r),
            type: r.type,
            displayName: r.displayName,
            description: r.description,
            logicalId: r.logicalId,
            folderPath: opts.folders ? r.folderPath : undefined,
            shell: info.shell,
            dependsOn: [...deps.get(r)],
            location: { file: r.platformFile },
            payload: (b) => payloadOf(r, repo, b, opts),
        };
        return item;
    });
}
async function payloadOf(r, repo, b, opts) {
    // A copy: the payload builder caches per map object, and the live map grows during the run.
    let logicalIds = new Map(b.logicalIds);
    if (b.planning) {
        // Items this run will create have no id yet: a stand-in makes the comparison say "changes".
        const filled = new Map(logicalIds);
        for (const o of repo)
            if (o.logicalId !== ZERO_GUID && !filled.has(o.logicalId))
                filled.set(o.logicalId, STAND_IN);
        logicalIds = filled;
    }
    const out = await buildItemPayload(r, {
        logicalIds,
        workspaceId: b.workspaceId,
        workspaceName: b.workspaceName,
        environment: opts.environment,
        parameters: opts.parameters,
        items: repo,
        outOfScope: opts.outOfScope,
        resolve: async (ref) => {
            const v = await resolveRef(ref, b);
            if (v === undefined &&
                b.planning &&
                ref.kind === 'item' &&
                !ref.workspace &&
                repo.some((o) => itemKey(o.type, o.displayName) === itemKey(ref.type, ref.name))) {
                return placeholder(ref);
            }
            return v;
        },
    });
    return {
        definition: out.definition,
        creationPayload: out.creationPayload,
        activeValueSetName: out.activeValueSetName,
        warnings: out.warnings,
    };
}
const STAND_IN = 'eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee';
// ---------------------------------------------------------------- deploy-time answers
/** Collection path of a type's typed endpoints: KQLDatabase → kqlDatabases, Lakehouse → lakehouses. */
function collectionOf(type) {
    const m = /^([A-Z]+)([A-Z][a-z].*)$/.exec(type);
    const camel = m ? m[1].toLowerCase() + m[2] : type[0].toLowerCase() + type.slice(1);
    return `${camel}s`;
}
function pick(obj, dotted) {
    let v = obj;
    for (const k of dotted.split('.'))
        v = v?.[k];
    return typeof v === 'string' && v ? v : undefined;
}
/** `$items…`, `$workspace.<name>` and spark pools; undefined = no such thing (a ConfigError at the parameter's line). */
async function resolveRef(ref, b) {
    const client = b.client;
    if (ref.kind === 'workspace')
        return (await client.findWorkspaceByName(ref.name))?.id;
    if (ref.kind === 'sparkPool') {
        const pools = await client
            .listAll('list spark pools', `/workspaces/${b.workspaceId}/spark/pools`)
            .catch((e) => {
            if (isNotFound(e))
                return [];
            throw e;
        });
        return pools.find((p) => p.name === ref.name && p.type === ref.poolType)?.id;
    }
    let wsId = b.workspaceId;
    let id;
    if (ref.workspace) {
        const ws = await client.findWorkspaceByName(ref.workspace);
        if (!ws)
            return undefined;
        wsId = ws.id;
    }
    else {
        id = b.idsByName.get(itemKey(ref.type, ref.name));
    }
    if (!id) {
        const found = (await client.listItems(wsId, ref.type)).find((i) => i.displayName.toLowerCase() === ref.name.toLowerCase());
        id = found?.id;
    }
    if (!id || ref.attribute === 'id')
        return id;
    const prop = itemTypeInfo(ref.type).attributes[ref.attribute];
    if (!prop) {
        throw new src_errors/* ConfigError */.xL(`$items.${ref.type}.${ref.name}.$${ref.attribute}: a ${ref.type} has no ${ref.attribute}`, {
            fix: `use $id, or an attribute this type has`,
        });
    }
    // A new lakehouse's SQL endpoint is provisioned after the create: wait for it rather than read an empty value.
    const typed = ref.type === 'Lakehouse' && ref.attribute !== 'queryserviceuri'
        ? await client.waitForLakehouseSqlEndpoint(wsId, id)
        : await client.getTypedItem(wsId, collectionOf(ref.type), id);
    return pick(typed, prop);
}

;// CONCATENATED MODULE: ./src/deploy/graph.ts


/** Throws a ConfigError naming every member of a cycle, in reference order (one cycle finder: items/references). */
function assertAcyclic(nodes) {
    const cycle = findCycle(new Map(nodes.map((n) => [n.key, new Set(n.dependsOn)])));
    if (!cycle)
        return;
    const byKey = new Map(nodes.map((n) => [n.key, n]));
    const names = cycle.map((k) => byKey.get(k)?.label ?? k);
    throw new src_errors/* ConfigError */.xL(`items reference each other in a cycle: ${[...names, names[0]].join(' → ')}`, {
        location: byKey.get(cycle[0])?.location,
        fix: 'remove one of these references (logical id or $items) so the items can be deployed in order',
    });
}
/** Dependencies first, ties in input order. Assumes no cycle. */
function topologicalOrder(nodes) {
    const keys = new Set(nodes.map((n) => n.key));
    const indeg = new Map();
    const dependents = new Map();
    for (const n of nodes) {
        const deps = [...new Set(n.dependsOn)].filter((d) => keys.has(d) && d !== n.key);
        indeg.set(n.key, deps.length);
        for (const d of deps)
            (dependents.get(d) ?? dependents.set(d, []).get(d)).push(n.key);
    }
    const ready = nodes.filter((n) => indeg.get(n.key) === 0).map((n) => n.key);
    const out = [];
    for (let i = 0; i < ready.length; i++) {
        const k = ready[i];
        out.push(k);
        for (const d of dependents.get(k) ?? []) {
            const left = indeg.get(d) - 1;
            indeg.set(d, left);
            if (left === 0)
                ready.push(d);
        }
    }
    return out;
}
/** Weight of the heaviest path from each node down to a node nothing else waits on (its own weight included). */
function bottomLevels(nodes) {
    const byKey = new Map(nodes.map((n) => [n.key, n]));
    const order = topologicalOrder(nodes);
    const level = new Map();
    const dependents = new Map();
    for (const n of nodes)
        for (const d of n.dependsOn)
            if (byKey.has(d))
                (dependents.get(d) ?? dependents.set(d, []).get(d)).push(n.key);
    for (let i = order.length - 1; i >= 0; i--) {
        const k = order[i];
        const below = Math.max(0, ...(dependents.get(k) ?? []).map((d) => level.get(d) ?? 0));
        level.set(k, (byKey.get(k)?.weight ?? 1) + below);
    }
    return level;
}
/** The heaviest dependency chain (sum of weights) and its members, dependencies first. */
function longestChain(nodes) {
    const byKey = new Map(nodes.map((n) => [n.key, n]));
    const best = new Map();
    for (const k of topologicalOrder(nodes)) {
        const n = byKey.get(k);
        let prev;
        let w = 0;
        for (const d of n.dependsOn) {
            const b = best.get(d);
            if (b && b.weight > w) {
                w = b.weight;
                prev = d;
            }
        }
        best.set(k, { weight: w + (n.weight ?? 1), prev });
    }
    let end;
    for (const [k, v] of best)
        if (!end || v.weight > best.get(end).weight)
            end = k;
    const path = [];
    for (let k = end; k; k = best.get(k).prev)
        path.unshift(k);
    return { weight: end ? best.get(end).weight : 0, path };
}
/**
 * Runs every node as soon as all its dependencies are done, at most `maxParallel` at a time, the
 * heaviest remaining chain first. After the first failure nothing new starts; what is running
 * finishes (so the journal knows exactly what was applied) and the rest is reported as skipped.
 */
async function runGraph(nodes, run, options) {
    const keys = new Set(nodes.map((n) => n.key));
    const waitingOn = new Map();
    const dependents = new Map();
    for (const n of nodes) {
        const deps = [...new Set(n.dependsOn)].filter((d) => keys.has(d) && d !== n.key);
        waitingOn.set(n.key, deps.length);
        for (const d of deps)
            (dependents.get(d) ?? dependents.set(d, []).get(d)).push(n.key);
    }
    const priority = bottomLevels(nodes);
    const order = new Map(nodes.map((n, i) => [n.key, i]));
    const ready = nodes.filter((n) => waitingOn.get(n.key) === 0).map((n) => n.key);
    const result = { done: [], failed: [], skipped: [] };
    const blocked = new Set();
    let running = 0;
    let stop = false;
    const limit = Math.max(1, options.maxParallel);
    return new Promise((resolve) => {
        const pick = () => {
            if (ready.length === 0)
                return undefined;
            let bi = 0;
            for (let i = 1; i < ready.length; i++) {
                const a = ready[i];
                const b = ready[bi];
                const pa = priority.get(a) ?? 0;
                const pb = priority.get(b) ?? 0;
                if (pa > pb || (pa === pb && order.get(a) < order.get(b)))
                    bi = i;
            }
            return ready.splice(bi, 1)[0];
        };
        const block = (key) => {
            for (const d of dependents.get(key) ?? []) {
                if (blocked.has(d))
                    continue;
                blocked.add(d);
                block(d);
            }
        };
        const finish = () => {
            if (running > 0)
                return;
            if (ready.length > 0 && !stop)
                return;
            const finished = new Set([...result.done, ...result.failed.map((f) => f.key)]);
            result.skipped = nodes.map((n) => n.key).filter((k) => !finished.has(k));
            resolve(result);
        };
        const pump = () => {
            while (!stop && running < limit) {
                const key = pick();
                if (key === undefined)
                    break;
                running++;
                Promise.resolve()
                    .then(() => run(key))
                    .then(() => {
                    result.done.push(key);
                    for (const d of dependents.get(key) ?? []) {
                        const left = waitingOn.get(d) - 1;
                        waitingOn.set(d, left);
                        if (left === 0 && !blocked.has(d))
                            ready.push(d);
                    }
                }, (error) => {
                    result.failed.push({ key, error });
                    if (options.continueOnError)
                        block(key);
                    else
                        stop = true;
                })
                    .finally(() => {
                    running--;
                    pump();
                    finish();
                });
            }
            finish();
        };
        pump();
    });
}

;// CONCATENATED MODULE: ./src/deploy/lock.ts
/**
 * Workspace lock: two deploys to one workspace must not interleave. The Fabric API has no lease or
 * ETag on a workspace, so the lock is something every deploy can see and create atomically: an
 * empty workspace folder named `fabric-deploy-lock <UTC time> <deployment id>`.
 *
 * Protocol (mutual exclusion needs only read-after-write consistency of create/list folders):
 *   1. list folders; a live lock of another deployment → wait or fail, naming it;
 *   2. create our lock folder;
 *   3. list again; if any other live lock exists, delete ours, pause a random moment and go back
 *      to 1 (a few times: two runs that started together both back off, and whoever looks first
 *      next wins; the other then sees a held lock and waits or fails).
 * A run that proceeds saw no other lock after creating its own, so any competitor created its
 * folder later and will see ours in its step 3.
 *
 * Releasing renames the lock to `fabric-deploy-done <time> <id>` (and removes older such markers),
 * so one empty marker folder stays in the workspace. It is what makes planning before locking
 * safe: a deploy plans without writing anything (an unchanged repository writes nothing at all),
 * then locks, and re-plans only if a lock was seen while planning or the marker changed, i.e.
 * another deploy ran in between.
 *
 * Locks older than `staleAfterMs` (a killed run) are ignored with a warning: the killed run's
 * journal still tells what to undo.
 */



const LOCK_PREFIX = 'fabric-deploy-lock';
const DONE_PREFIX = 'fabric-deploy-done';
const LOCK_RE = /^fabric-deploy-(?:lock|done) (\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ) ([0-9a-f-]{8,36})$/i;
const DEFAULT_LOCK = { waitMs: 0, staleAfterMs: 6 * 60 * 60_000, pollMs: 5000 };
/** Folder names allow no ':' or '.', so the time uses '-' (2025-01-31T10-00-00Z). */
function lockName(deploymentId, at = new Date()) {
    return `${LOCK_PREFIX} ${at
        .toISOString()
        .replace(/\.\d+Z$/, 'Z')
        .replace(/:/g, '-')} ${deploymentId}`;
}
/** Lock and done-marker folders: never planned, moved or deleted as content. */
function isLockFolder(f) {
    return f.displayName.startsWith(LOCK_PREFIX) || f.displayName.startsWith(DONE_PREFIX);
}
function doneName(lockFolderName) {
    return lockFolderName.startsWith(LOCK_PREFIX)
        ? DONE_PREFIX + lockFolderName.slice(LOCK_PREFIX.length)
        : lockFolderName;
}
function parseLock(f) {
    const m = LOCK_RE.exec(f.displayName);
    if (!m)
        return undefined;
    const iso = m[1].replace(/T(\d\d)-(\d\d)-(\d\d)Z$/, 'T$1:$2:$3Z');
    return { folderId: f.id, name: f.displayName, deploymentId: m[2], since: new Date(iso) };
}
/** Locks and the done-marker, from a folder list (the planner reads folders anyway). */
function lockStateOf(folders, deploymentId, opts) {
    const out = { locks: [] };
    let newest;
    for (const f of folders) {
        if (f.displayName.startsWith(DONE_PREFIX)) {
            const since = parseLock(f)?.since ?? new Date(0);
            if (!newest || since >= newest) {
                newest = since;
                out.marker = f.displayName;
            }
            continue;
        }
        if (!f.displayName.startsWith(LOCK_PREFIX))
            continue;
        const info = parseLock(f) ?? {
            folderId: f.id,
            name: f.displayName,
            deploymentId: '?',
            since: new Date(0),
        };
        if (info.deploymentId === deploymentId)
            continue;
        if (Date.now() - info.since.getTime() > opts.staleAfterMs) {
            opts.log?.warn(`ignoring a stale lock '${f.displayName}' (deployment ${info.deploymentId}, ${ageText(info.since)} old): that run probably died; ` +
                `undo what it left with 'fabric-deploy rollback --journal <its journal>' and delete the folder`);
            continue;
        }
        out.locks.push(info);
    }
    return out;
}
async function readLockState(ops, workspaceId, deploymentId, opts) {
    return lockStateOf(await ops.listFolders(workspaceId), deploymentId, opts);
}
class WorkspaceLockedError extends src_errors/* UserError */.yo {
    holders;
    constructor(holders, waitedMs) {
        const h = holders[0];
        super(`workspace is locked by deployment ${h.deploymentId} (started ${h.since.toISOString()}, ${ageText(h.since)} ago)` +
            (waitedMs > 0 ? ` — waited ${Math.round(waitedMs / 1000)} s` : ''), {
            field: 'workspace',
            fix: 'wait for that deployment to finish (or serialise runs with a CI concurrency group); if it was killed, run ' +
                `'fabric-deploy rollback --journal <its journal>' or delete the workspace folder '${h.name}'`,
        });
        this.holders = holders;
        this.name = 'WorkspaceLockedError';
    }
}
/**
 * Takes the lock, creating the folder through `create` (so the caller can journal it) and backing
 * off through `release`. Throws WorkspaceLockedError when another deployment holds it past `waitMs`.
 */
async function acquireLock(ops, workspaceId, deploymentId, create, release, options) {
    const o = { ...DEFAULT_LOCK, ...stripUndefined(options) };
    const started = Date.now();
    let waited = false;
    let collisions = 0;
    for (let attempt = 0;; attempt++) {
        let state = await readLockState(ops, workspaceId, deploymentId, {
            staleAfterMs: o.staleAfterMs,
            log: attempt === 0 ? options.log : undefined,
        });
        if (state.locks.length === 0) {
            const mine = await create(lockName(deploymentId));
            state = await readLockState(ops, workspaceId, deploymentId, { staleAfterMs: o.staleAfterMs });
            if (state.locks.length === 0)
                return { folder: mine, waited, marker: state.marker };
            // Someone created theirs between our two looks: back off so at most one proceeds.
            await release(mine);
            // Both may have backed off: a collision is not a held lock, so retry after a random pause
            // (whoever looks first next time wins) before treating it as one.
            if (collisions++ < 5) {
                await new Promise((r) => setTimeout(r, 50 + (0,external_node_crypto_.randomInt)(500)));
                continue;
            }
        }
        const spent = Date.now() - started;
        if (spent >= o.waitMs)
            throw new WorkspaceLockedError(state.locks, spent);
        if (!waited)
            options.log.info(`workspace is locked by deployment ${state.locks[0].deploymentId}; waiting up to ${Math.round(o.waitMs / 1000)} s`);
        waited = true;
        await new Promise((r) => setTimeout(r, Math.min(o.waitMs - spent, o.pollMs / 2 + (0,external_node_crypto_.randomInt)(Math.max(1, o.pollMs)))));
    }
}
/**
 * Ends our hold: the lock folder becomes the done-marker (older markers are removed). `backOff`
 * (losing a race in acquireLock) deletes it instead: nothing was done under it.
 */
async function releaseLock(ops, workspaceId, folderId, name, backOff = false) {
    const ignoreGone = (err) => {
        if (!isNotFound(err))
            throw err;
    };
    if (backOff) {
        await ops.deleteFolder(workspaceId, folderId).catch(ignoreGone);
        return;
    }
    const marker = doneName(name);
    try {
        await ops.renameFolder(workspaceId, folderId, marker);
    }
    catch (err) {
        if (isNotFound(err))
            return;
        // A marker that cannot be written must not leave the lock held.
        await ops.deleteFolder(workspaceId, folderId).catch(ignoreGone);
        return;
    }
    const folders = await ops.listFolders(workspaceId).catch(() => []);
    for (const f of folders) {
        if (f.id !== folderId && f.displayName.startsWith(DONE_PREFIX))
            await ops.deleteFolder(workspaceId, f.id).catch(() => undefined);
    }
}
function ageText(since) {
    const s = Math.max(0, Math.round((Date.now() - since.getTime()) / 1000));
    if (s < 120)
        return `${s} s`;
    if (s < 7200)
        return `${Math.round(s / 60)} min`;
    return `${Math.round(s / 3600)} h`;
}
function stripUndefined(o) {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
/** Validates lock options given in config or inputs. */
function checkLockOptions(o) {
    if (o.waitMs !== undefined && (!Number.isFinite(o.waitMs) || o.waitMs < 0)) {
        throw new src_errors/* ConfigError */.xL(`lock wait must be a number of seconds ≥ 0`, { field: 'lock-wait' });
    }
}

;// CONCATENATED MODULE: ./src/deploy/journal.ts
/**
 * The transaction journal: every write is recorded *before* it is sent (with the way to undo it) and
 * marked applied after, in a JSON-lines file that is fsync'd per record. A run killed at any point
 * leaves a journal from which `rollbackFromJournal` can undo exactly what was applied.
 */






/** Default journal location: one file per deployment in the host's temp dir. */
function journalPath(tempDir, deploymentId) {
    return external_node_path_default().join(tempDir, `fabric-deploy-journal-${deploymentId}.jsonl`);
}
class Transaction {
    options;
    handle;
    records = [];
    seq = 0;
    committed = false;
    constructor(options, handle) {
        this.options = options;
        this.handle = handle;
    }
    get file() {
        return this.options.file;
    }
    static async begin(options) {
        await external_node_fs_.promises.mkdir(external_node_path_default().dirname(options.file), { recursive: true });
        const handle = await external_node_fs_.promises.open(options.file, 'a', 0o600);
        const tx = new Transaction(options, handle);
        await tx.write({
            rec: 'begin',
            journal: 'fabric-deploy',
            version: 1,
            deploymentId: options.deploymentId,
            command: options.command,
            workspace: options.workspace,
            startedAt: new Date().toISOString(),
            pid: process.pid,
        });
        return tx;
    }
    queued = [];
    flushing = false;
    /**
     * Appends one line; resolves once it is on disk (fsync'd). Lines written while a flush runs are
     * committed together by the next one (group commit): parallel steps share an fsync instead of
     * queueing one each, and every step's intent is still durable before its request goes out.
     */
    write(line) {
        return new Promise((done, fail) => {
            this.queued.push({ line: JSON.stringify(line) + '\n', done, fail });
            if (!this.flushing)
                void this.flush();
        });
    }
    async flush() {
        this.flushing = true;
        while (this.queued.length) {
            const batch = this.queued.splice(0);
            try {
                await this.handle.appendFile(batch.map((b) => b.line).join(''));
                await this.handle.datasync();
                for (const b of batch)
                    b.done();
            }
            catch (err) {
                for (const b of batch)
                    b.fail(err);
            }
        }
        this.flushing = false;
    }
    /** Steps in the order they were started. */
    steps() {
        return this.records;
    }
    /** True when anything besides the lock was (or may have been) changed. */
    hasEffects() {
        return this.records.some(possiblyApplied);
    }
    /** Applied (or possibly applied) steps that a rollback would undo. */
    appliedSteps() {
        return this.records.filter((r) => r.status === 'applied' || (r.status === 'pending' && r.undo.kind !== 'none'));
    }
    /**
     * Records the intent, runs `apply`, records the outcome. `refine` turns the result into the final
     * undo (e.g. the id of a created item) and the audit `after`.
     */
    async step(desc, apply, refine) {
        if (this.committed && desc.undo.kind !== 'none' && desc.undo.kind !== 'release-lock')
            throw new Error('transaction already committed');
        const rec = {
            seq: ++this.seq,
            action: desc.action,
            target: { ...desc.target },
            undo: desc.undo,
            status: 'pending',
            before: desc.before,
            after: desc.after,
        };
        this.records.push(rec);
        await this.write({
            rec: 'step',
            seq: rec.seq,
            time: now(),
            action: rec.action,
            target: rec.target,
            undo: rec.undo,
            before: rec.before,
            after: rec.after,
        });
        let result;
        try {
            result = await apply();
        }
        catch (err) {
            rec.status = 'failed';
            rec.error = (0,src_errors/* errorMessage */.gJ)(err);
            rec.definite = isDefiniteFailure(err);
            await this.write({
                rec: 'failed',
                seq: rec.seq,
                time: now(),
                error: rec.error,
                definite: rec.definite,
            });
            this.audit(rec, 'failed');
            throw err;
        }
        const r = refine?.(result);
        if (r?.target)
            rec.target = { ...rec.target, ...r.target };
        if (r?.undo)
            rec.undo = r.undo;
        if (r?.after)
            rec.after = { ...(rec.after ?? {}), ...r.after };
        rec.status = 'applied';
        await this.write({
            rec: 'applied',
            seq: rec.seq,
            time: now(),
            target: r?.target ? rec.target : undefined,
            undo: r?.undo,
            after: r?.after,
        });
        this.audit(rec, 'succeeded');
        return result;
    }
    /** A change that cannot be undone (orphan deletion after commit, Git update): journalled and audited only. */
    async record(desc, apply) {
        return this.step({ action: desc.action, target: desc.target, undo: { kind: 'none', reason: desc.reason } }, apply);
    }
    audit(rec, result) {
        this.options.audit.record({
            time: now(),
            deploymentId: this.options.deploymentId,
            action: rec.action,
            target: rec.target,
            before: rec.before,
            after: rec.after,
            result,
            error: rec.error,
            identity: this.options.identity,
        });
    }
    /** Marks the deploy as complete: a later `rollback --journal` of this file will undo nothing. */
    async commit() {
        await this.write({ rec: 'commit', time: now() });
        this.committed = true;
    }
    /** Undoes every applied step, newest first, continuing past failures. */
    async rollback(ops, opts = {}) {
        const outcomes = await undoSteps(ops, this.records, {
            log: this.options.log,
            keepWorkspace: opts.keepWorkspace,
            onOutcome: async (rec, o) => {
                if (o.result === 'undone')
                    await this.write({ rec: 'undone', seq: rec.seq, time: now() });
                else if (o.result === 'failed')
                    await this.write({ rec: 'undo-failed', seq: rec.seq, time: now(), error: o.error ?? '' });
                else
                    await this.write({ rec: 'undo-skipped', seq: rec.seq, time: now(), reason: o.error ?? '' });
                auditUndo(this.options.audit, this.options.deploymentId, rec, o, this.options.identity);
            },
        });
        return outcomes;
    }
    /** Undoes one step now (releasing the lock at the end of a run) and journals it as undone. */
    async undoNow(ops, rec, apply = () => applyUndo(ops, rec.undo)) {
        await apply();
        rec.status = 'undone';
        await this.write({ rec: 'undone', seq: rec.seq, time: now() });
    }
    get isCommitted() {
        return this.committed;
    }
    async end(result) {
        await this.write({ rec: 'end', time: now(), result }).catch(() => undefined);
        await this.handle.close().catch(() => undefined);
    }
}
function now() {
    return new Date().toISOString();
}
function auditUndo(audit, deploymentId, rec, o, identity) {
    audit.record({
        time: now(),
        deploymentId,
        action: `rollback.${rec.action}`,
        target: rec.target,
        result: o.result === 'undone' ? 'succeeded' : o.result === 'failed' ? 'failed' : 'skipped',
        error: o.error,
        identity,
    });
}
/**
 * Runs the undo of each step that was applied (or may have been: a create whose answer never came
 * back), newest first. A failing undo is reported and the rest still run.
 */
async function undoSteps(ops, records, opts) {
    const outcomes = [];
    const todo = [...records].filter((r) => needsUndo(r)).sort((a, b) => b.seq - a.seq);
    const finish = async (rec, o) => {
        rec.status = o.result === 'undone' ? 'undone' : o.result === 'failed' ? 'undo-failed' : 'undo-skipped';
        if (o.result === 'failed')
            rec.undoError = o.error;
        outcomes.push(o);
        await opts.onOutcome?.(rec, o);
    };
    const base = (rec) => ({
        seq: rec.seq,
        action: rec.action,
        target: rec.target,
        undo: rec.undo.kind,
    });
    const runOne = async (rec) => {
        if (rec.undo.kind === 'none')
            return { ...base(rec), result: 'skipped', error: `cannot be undone: ${rec.undo.reason}` };
        if (isWorkspaceDelete(rec.undo) && opts.keepWorkspace) {
            return {
                ...base(rec),
                result: 'skipped',
                error: 'another deployment holds the workspace; it was left in place',
            };
        }
        try {
            // A complete rollback restores the workspace exactly, so the lock just goes; after a failed
            // undo it becomes the done-marker, telling other planners that the workspace changed.
            const r = await applyUndo(ops, rec.undo, {
                lockAsMarker: outcomes.some((o) => o.result === 'failed'),
                log: opts.log,
            });
            if (r === 'absent' && rec.status !== 'applied')
                return { ...base(rec), result: 'skipped', error: 'nothing to undo: it was never created' };
            if (rec.undo.kind !== 'release-lock')
                opts.log.info(`undid ${describeStep(rec)}`);
            return { ...base(rec), result: 'undone' };
        }
        catch (err) {
            const o = { ...base(rec), result: 'failed', error: (0,src_errors/* errorMessage */.gJ)(err) };
            opts.log.error(`could not undo ${describeStep(rec)}: ${o.error}`);
            return o;
        }
    };
    // A workspace this run created takes everything in it along when deleted: one call instead of
    // hundreds. Only when that delete fails are the finer undos run one by one.
    const wsRec = opts.keepWorkspace ? undefined : todo.find((r) => isWorkspaceDelete(r.undo));
    if (wsRec) {
        const o = await runOne(wsRec);
        if (o.result === 'undone') {
            for (const rec of todo) {
                if (rec === wsRec)
                    continue;
                await finish(rec, {
                    ...base(rec),
                    result: rec.undo.kind === 'none' ? 'skipped' : 'undone',
                    error: 'removed with the workspace',
                });
            }
            await finish(wsRec, o);
            return outcomes;
        }
        opts.log.warn(`the workspace could not be deleted; undoing its changes one by one`);
    }
    for (const rec of todo) {
        if (rec === wsRec)
            continue;
        await finish(rec, await runOne(rec));
    }
    if (wsRec)
        await finish(wsRec, await runOne(wsRec));
    return outcomes;
}
const isWorkspaceDelete = (u) => u.kind === 'delete-workspace' || u.kind === 'delete-workspace-by-name';
function needsUndo(r) {
    if (r.status === 'applied' || r.status === 'undo-failed')
        return true;
    // A refusal (a 4xx to every attempt) proves nothing changed.
    if (r.status === 'failed' && r.definite)
        return false;
    // The request went out but its outcome is unknown (killed run, lost answer, per-attempt timeout, 5xx
    // after retries, an operation that failed or outlived its deadline): it may have been applied. Every
    // undo is safe to run blind: deletes look the resource up first (absent → nothing to undo), and the
    // restores set an absolute state (the one the plan saw), which is a no-op when nothing changed.
    if (r.status === 'pending' || r.status === 'failed')
        return r.undo.kind !== 'none';
    return false;
}
/** A step that changed, or may have changed, the workspace (lock steps left out). */
function possiblyApplied(r) {
    if (r.action === 'lock.acquire' || r.undo.kind === 'release-lock')
        return false;
    if (r.status === 'applied')
        return true;
    return r.undo.kind !== 'none' && ((r.status === 'failed' && !r.definite) || r.status === 'pending');
}
function describeStep(rec) {
    const t = rec.target;
    return `${rec.action} ${t.type}${t.name ? ` '${t.name}'` : ''}${t.id ? ` (${t.id})` : ''}`;
}
/**
 * Each undo is idempotent: a resource already gone counts as undone. A rollback usually follows the very
 * failures that opened a circuit breaker; an undo refused because a circuit is open waits for the
 * circuit's trial (half-open) time and tries again, for at most `ops.undoCircuitWaitMs` in all.
 */
async function applyUndo(ops, u, opts = { lockAsMarker: true }) {
    const deadline = Date.now() + ops.undoCircuitWaitMs;
    for (;;) {
        try {
            return await applyUndoOnce(ops, u, opts);
        }
        catch (err) {
            if (!(err instanceof CircuitOpenError))
                throw err;
            // Just after the trial time; undos run one at a time, so each trial is the only call in flight.
            const wait = Math.max(10, err.retryAt.getTime() - Date.now() + 25);
            if (Date.now() + wait > deadline)
                throw err;
            await new Promise((r) => setTimeout(r, wait));
        }
    }
}
async function applyUndoOnce(ops, u, opts) {
    const gone = (err) => {
        if (!isNotFound(err))
            throw err;
    };
    switch (u.kind) {
        case 'delete-item': {
            let id = u.itemId;
            if (!id) {
                const found = (await ops.listItems(u.workspaceId).catch((e) => (isNotFound(e) ? [] : Promise.reject(e)))).find((i) => i.type === u.type && i.displayName.toLowerCase() === u.name.toLowerCase());
                if (!found)
                    return 'absent';
                id = found.id;
            }
            // Every delete-item undo is of an item this run created (or took over from its own parent): a
            // hard delete, so its name is not left reserved by the recycle bin for the next deploy. That
            // needs the Admin role; with less, a soft delete still removes it (with a warning).
            try {
                await ops.deleteItem(u.workspaceId, id, true);
            }
            catch (err) {
                if (!(err instanceof FabricApiError && err.status === 403)) {
                    gone(err);
                    return 'done';
                }
                opts.log?.warn(`hard delete of ${u.type} '${u.name}' refused (${err.errorCode}: needs the workspace Admin role); ` +
                    `deleted it softly instead: it stays in the recycle bin and its name may stay reserved for a while`);
                await ops.deleteItem(u.workspaceId, id).catch(gone);
            }
            return 'done';
        }
        case 'restore-definition':
            await ops.updateItemDefinition(u.workspaceId, { id: u.itemId, type: u.type, displayName: u.name }, u.definition);
            return 'done';
        case 'restore-item-metadata':
            await ops.updateItem(u.workspaceId, u.itemId, {
                displayName: u.displayName ?? u.name,
                description: u.description,
            });
            return 'done';
        case 'move-item':
            await ops.moveItem(u.workspaceId, u.itemId, u.folderId);
            return 'done';
        case 'delete-folder':
        case 'release-lock': {
            let id = u.folderId;
            if (!id) {
                const found = (await ops.listFolders(u.workspaceId).catch((e) => (isNotFound(e) ? [] : Promise.reject(e)))).find((f) => f.displayName === u.name &&
                    (u.kind === 'release-lock' || (f.parentFolderId ?? undefined) === u.parentFolderId));
                if (!found)
                    return 'absent';
                id = found.id;
            }
            if (u.kind === 'release-lock')
                await releaseLock(ops, u.workspaceId, id, u.name, !opts.lockAsMarker);
            else
                await ops.deleteFolder(u.workspaceId, id).catch(gone);
            return 'done';
        }
        case 'remove-role':
            await ops.deleteRoleAssignment(u.workspaceId, u.principalId).catch(gone);
            return 'done';
        case 'restore-role':
            await ops.updateRoleAssignment(u.workspaceId, u.principalId, u.role);
            return 'done';
        case 'disconnect-git':
            await ops.disconnectGit(u.workspaceId).catch(gone);
            return 'done';
        case 'restore-capacity':
            await ops.assignCapacity(u.workspaceId, u.capacityId);
            return 'done';
        case 'restore-value-set':
            await ops.client.send('restore value set', 'PATCH', `/workspaces/${u.workspaceId}/variableLibraries/${u.itemId}`, { properties: { activeValueSetName: u.valueSet } });
            return 'done';
        case 'restore-workspace':
            await ops.updateWorkspace(u.workspaceId, { description: u.description });
            return 'done';
        case 'delete-workspace':
            await ops.deleteWorkspace(u.workspaceId).catch(gone);
            return 'done';
        case 'delete-workspace-by-name': {
            const found = (await ops.listWorkspaces()).find((w) => w.displayName === u.name);
            if (!found)
                return 'absent';
            await ops.deleteWorkspace(found.id).catch(gone);
            return 'done';
        }
        case 'none':
            return 'absent';
    }
}
/** Folds the journal's lines back into step states. */
function parseJournal(text) {
    const out = { steps: [], committed: false, badLines: 0 };
    const bySeq = new Map();
    for (const raw of text.split('\n')) {
        if (!raw.trim())
            continue;
        let line;
        try {
            line = JSON.parse(raw);
        }
        catch {
            out.badLines++;
            continue;
        }
        switch (line.rec) {
            case 'begin':
                out.header = line;
                break;
            case 'step': {
                const rec = {
                    seq: line.seq,
                    action: line.action,
                    target: line.target,
                    undo: line.undo,
                    status: 'pending',
                    before: line.before,
                    after: line.after,
                };
                bySeq.set(line.seq, rec);
                out.steps.push(rec);
                break;
            }
            case 'applied': {
                const rec = bySeq.get(line.seq);
                if (!rec)
                    break;
                rec.status = 'applied';
                if (line.target)
                    rec.target = line.target;
                if (line.undo)
                    rec.undo = line.undo;
                break;
            }
            case 'failed': {
                const rec = bySeq.get(line.seq);
                if (rec) {
                    rec.status = 'failed';
                    rec.error = line.error;
                    rec.definite = line.definite;
                }
                break;
            }
            case 'undone':
            case 'undo-failed':
            case 'undo-skipped': {
                const rec = bySeq.get(line.seq);
                if (rec)
                    rec.status = line.rec;
                break;
            }
            case 'commit':
                out.committed = true;
                break;
            case 'end':
                out.ended = line.result;
                break;
        }
    }
    return out;
}
/** Re-opens a journal to append undo outcomes to it. */
async function appendToJournal(file, lines) {
    const h = await external_node_fs_.promises.open(file, 'a');
    try {
        for (const l of lines)
            await h.appendFile(JSON.stringify(l) + '\n');
        await h.datasync();
    }
    finally {
        await h.close();
    }
}
/**
 * Takes the workspace lock as a journalled step (its undo releases it, so a killed run's journal frees
 * the workspace too); backing off from a collision undoes that step at once. Returns the lock and its step.
 */
async function takeJournalledLock(tx, ops, workspaceId, deploymentId, options) {
    const acquired = await acquireLock(ops, workspaceId, deploymentId, (name) => tx.step({
        action: 'lock.acquire',
        target: { type: 'Lock', name },
        undo: { kind: 'release-lock', workspaceId, name },
    }, () => ops.createFolder(workspaceId, name), (f) => ({
        target: { id: f.id },
        undo: { kind: 'release-lock', workspaceId, folderId: f.id, name },
    })), async (f) => {
        const rec = tx.steps().find((r) => r.action === 'lock.acquire' && r.target.id === f.id);
        if (rec)
            await tx.undoNow(ops, rec, () => releaseLock(ops, workspaceId, f.id, f.displayName, true));
    }, options);
    const step = [...tx.steps()].reverse().find((r) => r.action === 'lock.acquire' && r.status === 'applied');
    return { acquired, step };
}

;// CONCATENATED MODULE: ./src/deploy/pool.ts
/** Maps with at most `limit` calls in flight; results keep the input order. Rejects with the first error after all settle. */
async function mapLimit(items, limit, fn) {
    const out = new Array(items.length);
    let next = 0;
    let firstError;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            try {
                out[i] = await fn(items[i], i);
            }
            catch (error) {
                firstError ??= { error };
                next = items.length; // stop handing out work
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    if (firstError)
        throw firstError.error;
    return out;
}

;// CONCATENATED MODULE: ./src/deploy/workspace.ts
/**
 * Workspace-level desired state: the workspace itself, its capacity, its principals and its Git
 * connection. Everything here only reads (Fabric GETs and Graph look-ups) and refuses bad input
 * with a ConfigError before the first write.
 */

/** Finds the target workspace by id or (case-insensitive) name; undefined when a named one does not exist. */
async function findWorkspace(ops, target) {
    if (target.id)
        return ops.getWorkspace(target.id);
    const name = target.name.toLowerCase();
    const all = await ops.listWorkspaces();
    const matches = all.filter((w) => w.displayName.toLowerCase() === name);
    if (matches.length > 1) {
        throw new src_errors/* ConfigError */.xL(`more than one workspace is named '${target.name}'`, {
            field: 'workspace.name',
            fix: 'give the workspace id instead of its name',
        });
    }
    // List answers may omit capacityAssignmentProgress and other details: read the workspace itself.
    return matches[0] ? ops.getWorkspace(matches[0].id) : undefined;
}
// ---------------------------------------------------------------- capacity
/** Resolves `workspace.capacity` (id or name) to an active capacity, or throws before any write. */
async function resolveCapacity(ops, settings) {
    const want = settings.config.workspace.capacity;
    if (!want || (!want.id && !want.name))
        return undefined;
    const byId = Boolean(want.id);
    const location = settings.loaded.locate(['workspace', 'capacity', byId ? 'id' : 'name']);
    const field = `workspace.capacity.${byId ? 'id' : 'name'}`;
    const all = await ops.listCapacities();
    let cap;
    if (want.id) {
        cap = all.find((c) => c.id.toLowerCase() === want.id.toLowerCase());
    }
    else {
        const matches = all.filter((c) => c.displayName.toLowerCase() === want.name.toLowerCase());
        if (matches.length > 1) {
            throw new src_errors/* ConfigError */.xL(`more than one capacity is named '${want.name}'`, {
                location,
                field,
                fix: 'give the capacity id instead of its name',
            });
        }
        cap = matches[0];
    }
    if (!cap) {
        const known = all
            .map((c) => `'${c.displayName}'`)
            .slice(0, 10)
            .join(', ');
        throw new src_errors/* ConfigError */.xL(`capacity ${byId ? want.id : `'${want.name}'`} was not found (or the identity has no admin or contributor rights on it)`, {
            location,
            field,
            fix: known
                ? `use one of the capacities this identity can see: ${known}`
                : 'grant the deploying identity contributor rights on the capacity',
        });
    }
    if (cap.state !== 'Active') {
        throw new src_errors/* ConfigError */.xL(`capacity '${cap.displayName}' is ${cap.state} (CapacityNotInActiveState): workspaces cannot be assigned to it`, {
            location,
            field,
            fix: 'resume the capacity in the Azure portal (or choose an active one) and run again',
        });
    }
    return cap;
}
/** The config's principals, each with its line. */
function configPrincipals(settings) {
    return (settings.config.workspace.principals ?? []).map((p, i) => ({
        ...p,
        source: 'config',
        location: settings.loaded.locate(['workspace', 'principals', i]),
    }));
}
/**
 * Resolves every entry to an object id and type (UPNs, group names and appIds through Graph) and
 * merges duplicates (the same principal twice with different roles is an error).
 */
async function resolvePrincipals(entries, directory) {
    const out = new Map();
    const lookups = entries.map(async (e) => {
        const field = e.source === 'config' ? 'workspace.principals' : 'workspace.principalsFile';
        const need = (what) => {
            if (!directory) {
                throw new src_errors/* ConfigError */.xL(`principal ${what} needs a Microsoft Graph look-up, but no directory is available`, {
                    location: e.location,
                    field,
                    fix: 'give the object id (id: <guid>, type: User|Group|ServicePrincipal) instead, or run with an identity that can read the directory',
                });
            }
            return directory;
        };
        const resolved = async (what, find) => {
            let hit;
            try {
                hit = await find();
            }
            catch (err) {
                if (err instanceof src_errors/* UserError */.yo) {
                    throw new src_errors/* ConfigError */.xL(`principal ${what} could not be resolved: ${err.message}`, {
                        location: e.location,
                        field,
                        fix: err.fix,
                        cause: err,
                    });
                }
                throw new src_errors/* ConfigError */.xL(`principal ${what} could not be resolved through Microsoft Graph: ${(0,src_errors/* errorMessage */.gJ)(err)}`, {
                    location: e.location,
                    field,
                    fix: 'check the name, and that the identity may read the directory (User.ReadBasic.All, GroupMember.Read.All, Application.Read.All)',
                    cause: err,
                });
            }
            if (!hit) {
                throw new src_errors/* ConfigError */.xL(`principal ${what} was not found in the directory`, {
                    location: e.location,
                    field,
                    fix: 'check the spelling (UPN, group display name or application id), or give the object id instead',
                });
            }
            return hit.id;
        };
        const base = {
            role: e.role,
            source: e.source,
            location: e.location,
            parentPrincipalId: e.parentPrincipalId,
        };
        if (e.id) {
            if (!e.type) {
                throw new src_errors/* ConfigError */.xL(`principal ${e.id} has no type`, {
                    location: e.location,
                    field,
                    fix: 'add type: User, Group, ServicePrincipal or ServicePrincipalProfile',
                });
            }
            if (e.type === 'ServicePrincipalProfile' && !e.parentPrincipalId) {
                throw new src_errors/* ConfigError */.xL(`service principal profile ${e.id} has no parentPrincipalId`, {
                    location: e.location,
                    field,
                    fix: 'add parentPrincipalId: <object id of the service principal that owns the profile>',
                });
            }
            return {
                ...base,
                id: e.id.toLowerCase(),
                type: e.type,
                label: e.description ? `${e.description} (${e.id})` : e.id,
            };
        }
        if (e.upn) {
            const dir = need(`'${e.upn}'`);
            return {
                ...base,
                id: (await resolved(`'${e.upn}'`, () => dir.userByUpn(e.upn))).toLowerCase(),
                type: 'User',
                label: e.upn,
            };
        }
        if (e.group) {
            const dir = need(`group '${e.group}'`);
            return {
                ...base,
                id: (await resolved(`group '${e.group}'`, () => dir.groupByName(e.group))).toLowerCase(),
                type: 'Group',
                label: e.group,
            };
        }
        if (e.appId) {
            const dir = need(`app ${e.appId}`);
            const id = await resolved(`app ${e.appId}`, () => dir.servicePrincipalByAppId(e.appId));
            return { ...base, id: id.toLowerCase(), type: 'ServicePrincipal', label: `app ${e.appId}` };
        }
        throw new src_errors/* ConfigError */.xL('principal needs one of id, upn, group or appId', {
            location: e.location,
            field,
            fix: 'add id: <object id> with its type, or upn:, group: or appId:',
        });
    });
    const settled = await Promise.allSettled(lookups);
    const firstError = settled.find((r) => r.status === 'rejected');
    if (firstError)
        throw firstError.reason;
    for (const r of settled) {
        const p = r.value;
        const twin = out.get(p.id);
        if (twin && twin.role !== p.role) {
            throw new src_errors/* ConfigError */.xL(`principal ${p.label} is listed twice with different roles (${twin.role} and ${p.role})`, {
                location: p.location,
                field: p.source === 'config' ? 'workspace.principals' : 'workspace.principalsFile',
                fix: 'keep one entry per principal',
            });
        }
        out.set(p.id, p);
    }
    return [...out.values()];
}
/** Validates `workspace.git` and builds the connect request, before any write. */
function desiredGit(settings) {
    const g = settings.config.workspace.git;
    if (!g)
        return undefined;
    const loc = (k) => settings.loaded.locate(['workspace', 'git', k]);
    if (g.provider === 'GitHub' && !g.owner) {
        throw new src_errors/* ConfigError */.xL('a GitHub connection needs the repository owner', {
            location: loc('provider'),
            field: 'workspace.git.owner',
            fix: 'add owner: <GitHub organisation or user>',
        });
    }
    if (g.provider === 'GitHub' && !g.connectionId) {
        throw new src_errors/* ConfigError */.xL('a GitHub connection needs a Fabric connection id holding the credentials', {
            location: loc('provider'),
            field: 'workspace.git.connectionId',
            fix: 'create a GitHub source-control connection in Fabric (Manage connections) and set connectionId: <its id>',
        });
    }
    if (g.provider === 'AzureDevOps' && (!g.organization || !g.project)) {
        throw new src_errors/* ConfigError */.xL('an Azure DevOps connection needs organization and project', {
            location: loc('provider'),
            field: g.organization ? 'workspace.git.project' : 'workspace.git.organization',
            fix: 'add organization: <org> and project: <project>',
        });
    }
    const directoryName = (g.directory ?? '/').replace(/^\/+/, '') || '/';
    const details = {
        gitProviderType: g.provider,
        repositoryName: g.repository,
        branchName: g.branch,
        directoryName,
    };
    if (g.provider === 'GitHub')
        details.ownerName = g.owner;
    else {
        details.organizationName = g.organization;
        details.projectName = g.project;
    }
    const body = { gitProviderDetails: details };
    if (g.connectionId)
        body.myGitCredentials = { source: 'ConfiguredConnection', connectionId: g.connectionId };
    const owner = g.provider === 'GitHub' ? g.owner : `${g.organization}/${g.project}`;
    return {
        config: g,
        connectBody: body,
        label: `${g.provider} ${owner}/${g.repository}@${g.branch}:/${directoryName === '/' ? '' : directoryName}`,
    };
}
/** True when the workspace's connection points at the same repository, branch and folder. */
function sameGit(conn, want) {
    const d = conn.gitProviderDetails;
    if (!d)
        return false;
    const w = want.connectBody.gitProviderDetails;
    const norm = (s) => (s ?? '').replace(/^\/+|\/+$/g, '').toLowerCase();
    return (d.gitProviderType === w.gitProviderType &&
        norm(d.repositoryName) === norm(w.repositoryName) &&
        d.branchName === w.branchName &&
        norm(d.directoryName) === norm(w.directoryName) &&
        norm(d.ownerName) === norm(w.ownerName) &&
        norm(d.organizationName) === norm(w.organizationName) &&
        norm(d.projectName) === norm(w.projectName));
}

;// CONCATENATED MODULE: ./src/deploy/plan.ts
/**
 * The plan: desired state against what the workspace holds, for every resource. Building it only
 * reads (GETs and getDefinition); the result is plain data that `plan` prints and `deploy` executes.
 */









/** Created by the service next to another item; never an orphan. */
const SYSTEM_TYPES = new Set(['SQLEndpoint', 'MirroredWarehouse', 'Dashboard', 'Datamart']);
/** Orphans of these types hold data: deleting them loses it, so they are kept and listed (fabric-cicd asks for a flag too). */
const DATA_TYPES = new Set([
    'Lakehouse',
    'Warehouse',
    'SQLDatabase',
    'Eventhouse',
    'KQLDatabase',
    'MirroredDatabase',
]);
/** Folder path of a folder id, from the flat list the API returns. */
function folderPaths(folders) {
    const byId = new Map(folders.map((f) => [f.id, f]));
    const cache = new Map();
    const pathOf = (id, depth = 0) => {
        const hit = cache.get(id);
        if (hit !== undefined)
            return hit;
        const f = byId.get(id);
        if (!f || depth > 64)
            return '';
        const p = (f.parentFolderId ? pathOf(f.parentFolderId, depth + 1) : '') + '/' + f.displayName;
        cache.set(id, p);
        return p;
    };
    const out = new Map();
    for (const f of folders)
        out.set(f.id, pathOf(f.id));
    return out;
}
/** Every folder the desired items need, parents before children. */
function neededFolders(items) {
    const set = new Set();
    for (const i of items) {
        if (!i.folderPath)
            continue;
        const segs = i.folderPath.split('/').filter(Boolean);
        for (let n = 1; n <= segs.length; n++)
            set.add('/' + segs.slice(0, n).join('/'));
    }
    return [...set].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}
function buildContextFrom(ops, ws, desired, ids) {
    const logicalIds = new Map();
    for (const d of desired) {
        const id = ids.get(d.key);
        if (id)
            logicalIds.set(d.logicalId, id);
    }
    return {
        workspaceId: ws.id,
        workspaceName: ws.displayName,
        logicalIds,
        idsByName: ids,
        client: ops.client,
    };
}
/** Reads the workspace and compares; writes nothing. */
async function buildPlan(ops, ws, input) {
    const warnings = [...(input.warnings ?? [])];
    const desired = new Map(input.items.map((i) => [i.key, i]));
    let items = [];
    let folders = [];
    let roles = [];
    let git;
    if (ws) {
        [items, folders, roles, git] = await Promise.all([
            ops.listItems(ws.id),
            ops.listFolders(ws.id).catch((e) => (isNotFound(e) ? [] : Promise.reject(e))),
            input.principals.length ? ops.listRoleAssignments(ws.id) : Promise.resolve([]),
            input.git
                ? ops.getGitConnection(ws.id).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)))
                : Promise.resolve(undefined),
        ]);
    }
    const lockState = lockStateOf(folders, input.deploymentId, {
        staleAfterMs: DEFAULT_LOCK.staleAfterMs,
        log: input.log,
    });
    input.checkAgainst?.(items);
    const realFolders = folders.filter((f) => !isLockFolder(f));
    const pathById = folderPaths(realFolders);
    const folderIds = new Map();
    for (const [id, p] of pathById)
        folderIds.set(p, id);
    // ---- items: match by (type, name), then compare definitions of the matches
    const byKey = new Map();
    for (const it of items)
        byKey.set(itemKey(it.type, it.displayName), it);
    const existing = new Map();
    for (const d of input.items) {
        const found = byKey.get(d.key);
        if (found)
            existing.set(d.key, found);
    }
    const ids = new Map();
    for (const [k, it] of existing)
        ids.set(k, it.id);
    const bctx = ws ? { ...buildContextFrom(ops, ws, input.items, ids), planning: true } : undefined;
    const captured = new Map();
    const planned = new Map();
    // Longest reads first, so the slowest definition is not fetched last.
    const readOrder = [...input.items].sort((a, b) => expectedItemMs(b.type) - expectedItemMs(a.type));
    await mapLimit(readOrder, input.maxParallel, async (d) => {
        const found = existing.get(d.key);
        let folder = d.folderPath ?? '';
        const p = {
            key: d.key,
            type: d.type,
            name: d.displayName,
            logicalId: d.logicalId,
            action: 'create',
            folder,
            dependsOn: d.dependsOn,
        };
        planned.set(d.key, p);
        if (!found || !ws || !bctx)
            return;
        p.id = found.id;
        const actualFolder = found.folderId ? (pathById.get(found.folderId) ?? '') : '';
        if (d.folderPath === undefined)
            p.folder = folder = actualFolder;
        const moved = actualFolder !== folder;
        if (moved)
            p.fromFolder = actualFolder;
        const reasons = [];
        if (found.displayName !== d.displayName)
            reasons.push(`renamed from '${found.displayName}'`);
        if ((found.description ?? '') !== (d.description ?? ''))
            reasons.push('description');
        if (!d.shell) {
            const want = (await d.payload(bctx)).definition;
            if (want) {
                const have = await ops.getItemDefinition(ws.id, found, want.format);
                captured.set(d.key, have);
                const diff = definitionDiff(want, have).filter((p) => p !== '.platform' || !reasons.length);
                if (diff.length)
                    reasons.push(`${describePaths(diff)}${d.dependsOn.some((k) => !ids.has(k)) ? ' (refers to items this run creates)' : ''}`);
            }
        }
        if (reasons.length) {
            p.action = 'update';
            p.reason = reasons.join('; ');
        }
        else
            p.action = moved ? 'move' : 'unchanged';
        if (moved)
            p.reason = [p.reason, `folder ${actualFolder || '/'} → ${folder || '/'}`].filter(Boolean).join('; ');
    });
    const order = topologicalOrder(input.items.map((d) => ({ key: d.key, dependsOn: d.dependsOn })));
    const planItems = order.map((k) => planned.get(k));
    // ---- orphans
    const orphans = [];
    const unmanaged = [];
    const excludes = (input.exclude ?? []).map((r) => new RegExp(r));
    const managedTypes = input.types ? new Set(input.types) : undefined;
    for (const it of items) {
        const k = itemKey(it.type, it.displayName);
        if (desired.has(k) || SYSTEM_TYPES.has(it.type))
            continue;
        if (managedTypes && !managedTypes.has(it.type))
            continue;
        if (excludes.some((r) => r.test(it.displayName)))
            continue;
        const folder = it.folderId ? (pathById.get(it.folderId) ?? '') : '';
        if (!input.deleteOrphans) {
            unmanaged.push({
                type: it.type,
                name: it.displayName,
                id: it.id,
                reason: 'not in the repository (orphan deletion is off)',
            });
        }
        else if (DATA_TYPES.has(it.type)) {
            unmanaged.push({
                type: it.type,
                name: it.displayName,
                id: it.id,
                reason: `kept: a ${it.type} holds data; delete it by hand if it is no longer needed`,
            });
        }
        else {
            orphans.push(it);
            planItems.push({
                key: k,
                type: it.type,
                name: it.displayName,
                action: 'delete',
                id: it.id,
                folder,
                dependsOn: [],
                reason: 'not in the repository',
            });
        }
    }
    // ---- folders
    const planFolders = neededFolders(input.items).map((p) => ({
        path: p,
        action: folderIds.has(p) ? 'unchanged' : 'create',
        id: folderIds.get(p),
    }));
    // ---- principals
    const roleById = new Map(roles.map((r) => [r.principal.id.toLowerCase(), r]));
    const principals = input.principals.map((p) => {
        const have = roleById.get(p.id);
        const self = !ws && input.selfId && p.id === input.selfId.toLowerCase();
        const base = { id: p.id, type: p.type, label: p.label, role: p.role, source: p.source };
        if (self)
            return p.role === 'Admin'
                ? { ...base, action: 'unchanged', fromRole: 'Admin' }
                : { ...base, action: 'update', fromRole: 'Admin' };
        if (!have)
            return { ...base, action: 'add' };
        if (have.role !== p.role)
            return { ...base, action: 'update', fromRole: have.role };
        return { ...base, action: 'unchanged' };
    });
    // ---- capacity
    let capacity;
    if (input.capacity) {
        const same = ws?.capacityId?.toLowerCase() === input.capacity.id.toLowerCase();
        capacity = {
            action: same || !ws ? 'unchanged' : 'assign',
            id: input.capacity.id,
            name: input.capacity.displayName,
            fromId: ws?.capacityId,
        };
        // A new workspace is created on its capacity: one call, shown as part of 'create'.
        if (!ws)
            capacity.action = 'assign';
    }
    // ---- git
    let gitPlan;
    if (input.git && !input.capacity && !ws?.capacityId) {
        // Fabric refuses Git integration without a capacity (WorkspaceHasNoCapacityAssigned): say so before any write.
        throw new src_errors/* ConfigError */.xL('Git integration needs the workspace on a Fabric capacity, and it has none', {
            location: input.gitLocation,
            field: 'workspace.capacity',
            fix: 'set workspace.capacity (name or id) in the config',
        });
    }
    if (input.git) {
        const connected = git && git.gitConnectionState !== 'NotConnected';
        if (connected && !sameGit(git, input.git)) {
            const d = git.gitProviderDetails;
            const now = `${d?.gitProviderType} ${d?.ownerName ?? `${d?.organizationName}/${d?.projectName}`}/${d?.repositoryName}@${d?.branchName}:/${d?.directoryName ?? ''}`;
            throw new src_errors/* ConfigError */.xL(`the workspace is connected to ${now}, not to ${input.git.label}`, {
                location: input.gitLocation,
                field: 'workspace.git',
                fix: 'disconnect the workspace from Git first (Workspace settings → Git integration), or make workspace.git match it',
            });
        }
        const init = input.git.config.initialize;
        // An initialized connection whose head is the remote's has nothing to update: say so, so that
        // an unchanged re-deploy stays write-free (git/status is a read, possibly long-running).
        let update = Boolean(input.git.config.updateFromGit);
        if (update && ws && git?.gitConnectionState === 'ConnectedAndInitialized') {
            const st = await ops.gitStatus(ws.id);
            update = !st.workspaceHead || st.workspaceHead !== st.remoteCommitHash;
        }
        gitPlan = {
            action: connected ? 'unchanged' : 'connect',
            label: input.git.label,
            initialize: init && init !== 'None' && (!connected || git?.gitConnectionState === 'Connected') ? init : undefined,
            updateFromGit: update,
            state: git?.gitConnectionState,
        };
    }
    // ---- the deploying identity keeps Admin while Admin-only steps need it
    if (ws && input.selfId) {
        const selfId = input.selfId.toLowerCase();
        const selfAt = input.principals.findIndex((p) => p.id === selfId);
        const entry = input.principals[selfAt];
        const current = roleById.get(selfId)?.role;
        if (entry && entry.role !== 'Admin' && current === 'Admin') {
            const needAdmin = [];
            if (gitPlan?.action === 'connect')
                needAdmin.push(`connecting the workspace to Git (${gitPlan.label}; undone by a disconnect)`);
            else if (gitPlan?.initialize)
                needAdmin.push('initializing the Git connection');
            const others = principals.filter((p, i) => i !== selfAt && p.action !== 'unchanged');
            if (others.length)
                needAdmin.push(`${others.length === 1 ? 'the role change' : `${others.length} role changes`} of ${others
                    .slice(0, 3)
                    .map((p) => p.label)
                    .join(', ')}${others.length > 3 ? ', …' : ''} (and their undo on rollback)`);
            if (needAdmin.length) {
                const where = entry.source === 'file' ? 'the principals file' : 'workspace.principals in the config';
                throw new src_errors/* ConfigError */.xL(`the principals would demote the deploying identity (${entry.label}) from Admin to ${entry.role} on workspace '${ws.displayName}', ` +
                    `but later steps need Admin: ${needAdmin.join('; ')}`, {
                    location: entry.location,
                    field: entry.source === 'file' ? 'principals' : 'workspace.principals',
                    fix: `give ${entry.label} the role Admin in ${where} (or remove that entry, keeping its current Admin role); demote it in a separate deploy with no Git or role changes, or let another Admin change its role`,
                });
            }
        }
    }
    // ---- workspace
    const wsPlan = ws
        ? {
            action: input.workspaceTarget.description !== undefined &&
                (ws.description ?? '') !== input.workspaceTarget.description
                ? 'update'
                : 'unchanged',
            id: ws.id,
            name: ws.displayName,
            description: input.workspaceTarget.description,
            fromDescription: ws.description,
        }
        : { action: 'create', name: input.workspaceTarget.name, description: input.workspaceTarget.description };
    const holder = lockState.locks[0];
    if (holder)
        warnings.push(`deployment ${holder.deploymentId} holds the workspace lock (since ${holder.since.toISOString()}); a deploy now would wait or fail`);
    const counts = {};
    for (const i of planItems)
        counts[i.action] = (counts[i.action] ?? 0) + 1;
    const hasChanges = wsPlan.action !== 'unchanged' ||
        (capacity?.action ?? 'unchanged') !== 'unchanged' ||
        principals.some((p) => p.action !== 'unchanged') ||
        (gitPlan !== undefined &&
            (gitPlan.action !== 'unchanged' || Boolean(gitPlan.initialize) || gitPlan.updateFromGit)) ||
        planFolders.some((f) => f.action !== 'unchanged') ||
        planItems.some((i) => i.action !== 'unchanged');
    const plan = {
        version: 1,
        deploymentId: input.deploymentId,
        createdAt: new Date().toISOString(),
        environment: input.environment,
        workspace: wsPlan,
        capacity,
        principals,
        git: gitPlan,
        folders: planFolders,
        items: planItems,
        unmanaged,
        lockedBy: holder ? { deploymentId: holder.deploymentId, since: holder.since.toISOString() } : undefined,
        hasChanges,
        counts,
        warnings,
    };
    return {
        plan,
        workspace: ws,
        desired,
        existing,
        captured,
        folderIds,
        roles,
        git,
        capacity: input.capacity,
        principals: input.principals,
        desiredGit: input.git,
        orphans,
        lockState,
    };
}
function describePaths(paths) {
    const shown = paths.slice(0, 3).join(', ');
    return `changed ${shown}${paths.length > 3 ? ` +${paths.length - 3}` : ''}`;
}
// ---------------------------------------------------------------- rendering
const esc = (s) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
/** The plan as markdown: workspace-level resources, then item changes with their reasons. */
function renderPlan(plan) {
    const rows = ['| Resource | Name | Action | Details |', '|---|---|---|---|'];
    const ws = plan.workspace;
    rows.push(`| Workspace | ${esc(ws.name)} | ${ws.action} | ${ws.action === 'update' ? `description: '${esc(ws.fromDescription ?? '')}' → '${esc(ws.description ?? '')}'` : (ws.id ?? '')} |`);
    if (plan.capacity) {
        const c = plan.capacity;
        rows.push(`| Capacity | ${esc(c.name)} | ${c.action} | ${c.action === 'assign' ? (c.fromId ? `from ${c.fromId}` : ws.action === 'create' ? 'on creation' : 'from none') : c.id} |`);
    }
    for (const p of plan.principals) {
        rows.push(`| Principal | ${esc(p.label)} (${p.type}) | ${p.action} | ${p.action === 'update' ? `${p.fromRole} → ${p.role}` : p.role}${p.source === 'file' ? ' · principals file' : ''} |`);
    }
    if (plan.git) {
        const g = plan.git;
        const extra = [
            g.initialize ? `initialize (${g.initialize})` : '',
            g.updateFromGit ? 'update from Git' : '',
            g.state && g.action === 'unchanged' ? g.state : '',
        ]
            .filter(Boolean)
            .join(', ');
        rows.push(`| Git | ${esc(g.label)} | ${g.action} | ${extra} |`);
    }
    for (const f of plan.folders)
        if (f.action !== 'unchanged')
            rows.push(`| Folder | ${esc(f.path)} | ${f.action} | |`);
    const changed = plan.items.filter((i) => i.action !== 'unchanged');
    for (const i of changed.slice(0, 500)) {
        rows.push(`| ${i.type} | ${esc(i.folder ? `${i.folder}/${i.name}` : i.name)} | ${i.action} | ${esc(i.reason ?? '')} |`);
    }
    if (changed.length > 500)
        rows.push(`| … | ${changed.length - 500} more item changes | | see the plan JSON |`);
    const out = [rows.join('\n')];
    const unchanged = plan.items.length - changed.length;
    if (unchanged > 0)
        out.push(`${unchanged} item${unchanged === 1 ? '' : 's'} unchanged.`);
    if (plan.unmanaged.length) {
        out.push(`Not managed by this repository (${plan.unmanaged.length}): ` +
            plan.unmanaged
                .slice(0, 20)
                .map((u) => `${u.type} '${esc(u.name)}'`)
                .join(', ') +
            (plan.unmanaged.length > 20 ? ', …' : '') +
            `. ${plan.unmanaged[0].reason.startsWith('kept') ? '' : 'Turn on deleteOrphans to delete them.'}`.trim());
    }
    if (plan.lockedBy)
        out.push(`> Another deployment (${plan.lockedBy.deploymentId}) holds the workspace lock since ${plan.lockedBy.since}.`);
    return out.join('\n\n');
}

;// CONCATENATED MODULE: ./src/deploy/destroy.ts








/** Created by the service with another item; deleted with it. */
const destroy_SYSTEM_TYPES = new Set(['SQLEndpoint', 'MirroredWarehouse', 'Dashboard', 'Datamart']);
async function destroy(ctx, options) {
    const s = ctx.settings;
    const ops = opsFor(ctx, options);
    const prepared = await prepare(ctx, ops, 'items');
    const ws = await findWorkspace(ops, s.workspace);
    const report = {
        command: 'destroy',
        deploymentId: ctx.deploymentId,
        environment: s.environment,
        result: 'succeeded',
        workspace: { id: ws?.id, name: ws?.displayName ?? s.workspace.name },
        items: [],
        startedAt: ctx.startedAt,
        durationMs: 0,
        warnings: [],
        hasChanges: false,
    };
    const done = () => {
        report.durationMs = Date.now() - ctx.startedAt.getTime();
        return report;
    };
    if (!ws) {
        ctx.log.info(`workspace '${s.workspace.name ?? s.workspace.id}' does not exist: nothing to destroy`);
        return done();
    }
    const desired = new Map(prepared.items.map((d) => [d.key, d]));
    const items = await ops.listItems(ws.id);
    const managed = items.filter((i) => desired.has(itemKey(i.type, i.displayName)));
    const folders = (await ops.listFolders(ws.id)).filter((f) => !isLockFolder(f));
    const pathById = folderPaths(folders);
    const emptyable = new Set(neededFolders(prepared.items));
    const deleteWs = Boolean(options.destroyWorkspace);
    if (managed.length === 0 && !deleteWs) {
        ctx.log.info('none of the items this configuration manages is in the workspace: nothing to destroy');
        return done();
    }
    report.hasChanges = true;
    const tx = await Transaction.begin({
        file: journalPath(ctx.host.tempDir(), ctx.deploymentId),
        deploymentId: ctx.deploymentId,
        command: 'destroy',
        workspace: { id: ws.id, name: ws.displayName },
        log: ctx.log,
        audit: ctx.audit,
    });
    report.journalFile = tx.file;
    let lock;
    const outcomes = [];
    let workspaceDeleted = false;
    try {
        lock = (await takeJournalledLock(tx, ops, ws.id, ctx.deploymentId, { ...options.lock, log: ctx.log }))
            .step;
        // Reverse graph: an item goes once everything that depends on it is gone.
        const keyOf = (i) => itemKey(i.type, i.displayName);
        const present = new Set(managed.map(keyOf));
        const dependents = new Map();
        for (const d of prepared.items) {
            if (!present.has(d.key))
                continue;
            for (const dep of d.dependsOn)
                if (present.has(dep))
                    (dependents.get(dep) ?? dependents.set(dep, []).get(dep)).push(d.key);
        }
        const byKey = new Map(managed.map((i) => [keyOf(i), i]));
        const nodes = managed.map((i) => ({ key: keyOf(i), dependsOn: dependents.get(keyOf(i)) ?? [] }));
        const run = await ctx.log.group('Destroy', () => runGraph(nodes, async (key) => {
            const it = byKey.get(key);
            const started = performance.now();
            const o = {
                name: it.displayName,
                type: it.type,
                id: it.id,
                action: 'delete',
                status: 'done',
                folder: it.folderId ? pathById.get(it.folderId) : undefined,
            };
            outcomes.push(o);
            try {
                await tx.record({
                    action: 'item.delete',
                    target: { type: it.type, name: it.displayName, id: it.id },
                    reason: 'a deleted item cannot be restored',
                }, () => ops.deleteItem(ws.id, it.id));
                ctx.log.info(`deleted ${it.type} '${it.displayName}'`);
            }
            catch (err) {
                o.status = 'failed';
                o.error = (0,src_errors/* errorMessage */.gJ)(err);
                throw err;
            }
            finally {
                o.durationMs = performance.now() - started;
            }
        }, { maxParallel: s.maxParallel, continueOnError: true }));
        for (const k of run.skipped) {
            const it = byKey.get(k);
            outcomes.push({
                name: it.displayName,
                type: it.type,
                id: it.id,
                action: 'delete',
                status: 'skipped',
                error: 'an item that depends on it could not be deleted',
            });
        }
        const failed = outcomes.filter((o) => o.status !== 'done');
        if (failed.length) {
            report.result = 'failed';
            report.error = `${failed.length} item${failed.length === 1 ? '' : 's'} could not be deleted: ${failed.map((o) => `${o.type} '${o.name}'`).join(', ')}`;
        }
        // Folders of the repository that are empty now, deepest first.
        const after = await ops.listItems(ws.id);
        const used = new Set(after.map((i) => i.folderId).filter(Boolean));
        const foldersNow = (await ops.listFolders(ws.id)).filter((f) => !isLockFolder(f));
        const parents = new Set(foldersNow.map((f) => f.parentFolderId).filter(Boolean));
        const candidates = foldersNow
            .filter((f) => emptyable.has(pathById.get(f.id) ?? ''))
            .sort((a, b) => (pathById.get(b.id) ?? '').split('/').length - (pathById.get(a.id) ?? '').split('/').length);
        const gone = new Set();
        for (const f of candidates) {
            const hasChildFolder = foldersNow.some((c) => c.parentFolderId === f.id && !gone.has(c.id));
            if (used.has(f.id) || (parents.has(f.id) && hasChildFolder))
                continue;
            try {
                await tx.record({
                    action: 'folder.delete',
                    target: { type: 'Folder', name: pathById.get(f.id), id: f.id },
                    reason: 'an empty folder',
                }, () => ops.deleteFolder(ws.id, f.id));
                gone.add(f.id);
            }
            catch (err) {
                report.warnings.push(`folder ${pathById.get(f.id)} not deleted: ${(0,src_errors/* errorMessage */.gJ)(err)}`);
            }
        }
        if (deleteWs && !failed.length) {
            const left = after.filter((i) => !destroy_SYSTEM_TYPES.has(i.type));
            if (left.length) {
                report.result = 'failed';
                report.error = `the workspace was not deleted: it still holds ${left.length} item${left.length === 1 ? '' : 's'} this configuration does not manage (${left
                    .slice(0, 10)
                    .map((i) => `${i.type} '${i.displayName}'`)
                    .join(', ')}${left.length > 10 ? ', …' : ''})`;
            }
            else {
                await tx.record({
                    action: 'workspace.delete',
                    target: { type: 'Workspace', name: ws.displayName, id: ws.id },
                    reason: 'a deleted workspace cannot be restored',
                }, () => ops.deleteWorkspace(ws.id));
                workspaceDeleted = true;
                report.workspace = { id: ws.id, name: ws.displayName };
                ctx.log.info(`deleted workspace '${ws.displayName}'`);
            }
        }
    }
    catch (err) {
        report.result = 'failed';
        report.error = (0,src_errors/* errorMessage */.gJ)(err);
    }
    finally {
        if (lock && !workspaceDeleted && lock.status === 'applied')
            await tx
                .undoNow(ops, lock)
                .catch((err) => ctx.log.warn(`could not release the workspace lock: ${(0,src_errors/* errorMessage */.gJ)(err)}`));
        await tx.end(report.result);
    }
    report.items = outcomes;
    report.sections = [
        {
            title: 'Destroy',
            markdown: `${outcomes.filter((o) => o.status === 'done').length} of ${managed.length} managed item${managed.length === 1 ? '' : 's'} deleted` +
                (workspaceDeleted
                    ? '; the workspace was deleted.'
                    : deleteWs
                        ? '; the workspace was kept.'
                        : '; the workspace was kept (set destroy-workspace: true to delete it too).'),
        },
    ];
    return done();
}

;// CONCATENATED MODULE: ./src/items/postdeploy.ts

/**
 * Steps after deploying `item` (created or its definition updated) for `environment` (default: the one the
 * parameter file was loaded for). Empty object: nothing to do.
 */
function postDeploySteps(item, params, environment = params?.environment) {
    const out = {};
    if (item.type === 'Environment')
        out.publishEnvironment = true;
    if (item.type === 'SemanticModel' && params) {
        const b = connectionBinding(params, item.displayName, environment);
        if (b?.connectionIds.length)
            out.bindConnections = b.connectionIds.map((connectionId) => ({ connectionId, at: b.at }));
    }
    return out;
}
/** Body of `POST /workspaces/{ws}/semanticModels/{id}/bindConnection`, as fabric-cicd builds it. */
function bindConnectionBody(connection) {
    return {
        connectionBinding: {
            id: connection.id,
            connectivityType: connection.connectivityType,
            connectionDetails: {
                type: connection.connectionDetails.type,
                path: connection.connectionDetails.path,
            },
        },
    };
}

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(16698);
;// CONCATENATED MODULE: ./src/deploy/item-scope.ts

/**
 * The item whose deploy is running in the current async context, so client events (retries) can be
 * counted per item for the summary without threading an id through every call.
 */
const scope = new external_node_async_hooks_.AsyncLocalStorage();
function inItemScope(outcome, fn) {
    return scope.run(outcome, fn);
}
/** A client event listener that counts retries against the item being deployed, if any. */
function countItemRetries(event) {
    if (event.type !== 'retry')
        return;
    const outcome = scope.getStore();
    if (outcome)
        outcome.retries = (outcome.retries ?? 0) + 1;
}

;// CONCATENATED MODULE: ./src/deploy/execute.ts
/**
 * Executes a plan inside a transaction: workspace → capacity → principals → folders → items (as a
 * dependency graph, in parallel) → Git. Every write is a journalled step with its undo; the first
 * failure stops new work and is thrown after what was running has settled.
 */







/** Thrown when item nodes failed: carries every failure, not just the first. */
/** The job was cancelled: nothing new starts, and the run fails (and rolls back) like any other failure. */
class CancelledError extends Error {
    constructor() {
        super('the job was cancelled: no further item was started');
        this.name = 'CancelledError';
    }
}
class ItemsFailedError extends Error {
    failures;
    constructor(failures) {
        super(failures.length === 1
            ? (0,src_errors/* errorMessage */.gJ)(failures[0].error)
            : `${failures.length} items failed; first: ${(0,src_errors/* errorMessage */.gJ)(failures[0].error)}`);
        this.failures = failures;
        this.name = 'ItemsFailedError';
    }
}
async function executePlan(env, state) {
    const { plan } = state;
    const outcomes = new Map();
    for (const p of plan.items) {
        if (p.action === 'delete')
            continue;
        outcomes.set(p.key, {
            name: p.name,
            type: p.type,
            id: p.id,
            action: p.action,
            status: 'skipped',
            folder: p.folder || undefined,
        });
    }
    const result = { workspace: state.workspace, created: false, outcomes, warnings: [] };
    try {
        const ws = await ensureWorkspace(env, state, result);
        await reconcileCapacity(env, state, ws);
        await reconcilePrincipals(env, state, ws, result.created);
        await ensureFolders(env, state, ws);
        await deployItems(env, state, ws, outcomes, result.warnings);
        await reconcileGit(env, state, ws);
    }
    catch (err) {
        result.error = err;
    }
    return result;
}
async function ensureWorkspace(env, state, result) {
    const { tx, ops, log } = env;
    const w = state.plan.workspace;
    if (state.workspace) {
        const ws = state.workspace;
        if (w.action === 'update') {
            await tx.step({
                action: 'workspace.update',
                target: { type: 'Workspace', name: ws.displayName, id: ws.id },
                undo: { kind: 'restore-workspace', workspaceId: ws.id, description: ws.description ?? '' },
                before: { description: ws.description },
                after: { description: w.description },
            }, () => ops.updateWorkspace(ws.id, { description: w.description }));
            log.info(`updated the description of workspace '${ws.displayName}'`);
        }
        return ws;
    }
    const ws = await tx.step({
        action: 'workspace.create',
        target: { type: 'Workspace', name: w.name },
        // Until the answer arrives the id is unknown; a killed run is undone by name (unique in the
        // tenant, and the plan saw no workspace of that name).
        undo: { kind: 'delete-workspace-by-name', name: w.name },
        after: { capacityId: state.capacity?.id },
    }, () => ops.createWorkspace({
        displayName: w.name,
        description: w.description,
        capacityId: state.capacity?.id,
    }), (made) => ({
        target: { id: made.id },
        undo: { kind: 'delete-workspace', workspaceId: made.id, name: made.displayName },
    }));
    result.workspace = ws;
    result.created = true;
    log.info(`created workspace '${ws.displayName}' (${ws.id})${state.capacity ? ` on capacity '${state.capacity.displayName}'` : ''}`);
    await env.onWorkspaceCreated?.(ws);
    return ws;
}
async function reconcileCapacity(env, state, ws) {
    const c = state.plan.capacity;
    if (!c || c.action !== 'assign' || !state.workspace)
        return; // a new workspace was created on it
    await env.tx.step({
        action: 'capacity.assign',
        target: { type: 'Workspace', name: ws.displayName, id: ws.id },
        undo: { kind: 'restore-capacity', workspaceId: ws.id, capacityId: c.fromId },
        before: { capacityId: c.fromId },
        after: { capacityId: c.id },
    }, () => env.ops.assignCapacity(ws.id, c.id));
    env.log.info(`assigned workspace '${ws.displayName}' to capacity '${c.name}'`);
}
async function reconcilePrincipals(env, state, ws, created) {
    if (state.principals.length === 0)
        return;
    const { tx, ops, log } = env;
    // A new workspace already has its creator as Admin: read what is really there before adding.
    const roles = created ? await ops.listRoleAssignments(ws.id) : state.roles;
    const have = new Map(roles.map((r) => [r.principal.id.toLowerCase(), r]));
    for (const p of state.principals) {
        const cur = have.get(p.id);
        const target = { type: 'Principal', name: p.label, id: p.id };
        if (!cur) {
            await tx.step({
                action: 'role.add',
                target,
                undo: { kind: 'remove-role', workspaceId: ws.id, principalId: p.id, principal: p.label },
                after: { role: p.role, principalType: p.type },
            }, () => ops.addRoleAssignment(ws.id, {
                id: p.id,
                type: p.type,
                ...(p.type === 'ServicePrincipalProfile' && p.parentPrincipalId
                    ? {
                        servicePrincipalProfileDetails: {
                            parentPrincipal: { id: p.parentPrincipalId, type: 'ServicePrincipal' },
                        },
                    }
                    : {}),
            }, p.role));
            log.info(`added ${p.type} ${p.label} as ${p.role}`);
        }
        else if (cur.role !== p.role) {
            await tx.step({
                action: 'role.update',
                target,
                undo: {
                    kind: 'restore-role',
                    workspaceId: ws.id,
                    principalId: cur.id,
                    principal: p.label,
                    role: cur.role,
                },
                before: { role: cur.role },
                after: { role: p.role },
            }, () => ops.updateRoleAssignment(ws.id, cur.id, p.role));
            log.info(`changed ${p.type} ${p.label} from ${cur.role} to ${p.role}`);
        }
    }
}
async function ensureFolders(env, state, ws) {
    for (const f of state.plan.folders) {
        if (state.folderIds.has(f.path))
            continue;
        const segs = f.path.split('/').filter(Boolean);
        const name = segs[segs.length - 1];
        const parentPath = segs.length > 1 ? '/' + segs.slice(0, -1).join('/') : '';
        const parentFolderId = parentPath ? state.folderIds.get(parentPath) : undefined;
        const made = await env.tx.step({
            action: 'folder.create',
            target: { type: 'Folder', name: f.path },
            undo: { kind: 'delete-folder', workspaceId: ws.id, name, parentFolderId },
        }, () => env.ops.createFolder(ws.id, name, parentFolderId), (folder) => ({
            target: { id: folder.id },
            undo: { kind: 'delete-folder', workspaceId: ws.id, folderId: folder.id, name, parentFolderId },
        }));
        state.folderIds.set(f.path, made.id);
        env.log.info(`created folder ${f.path}`);
    }
}
async function deployItems(env, state, ws, outcomes, warnings) {
    const desired = [...state.desired.values()];
    const planned = new Map(state.plan.items.map((p) => [p.key, p]));
    const ids = new Map();
    for (const [k, it] of state.existing)
        ids.set(k, it.id);
    // One live context: ids of items created during the run appear in it as they land.
    const bctx = buildContextFrom(env.ops, ws, desired, ids);
    const logicalIds = bctx.logicalIds;
    const nodes = desired.map((d) => ({
        key: d.key,
        dependsOn: d.dependsOn,
        label: `${d.type} '${d.displayName}'`,
        weight: planned.get(d.key)?.action === 'unchanged' ? 0 : expectedItemMs(d.type),
    }));
    const background = [];
    const run = await runGraph(nodes, async (key) => {
        const d = state.desired.get(key);
        const p = planned.get(key);
        const outcome = outcomes.get(key);
        if (env.signal?.aborted)
            throw new CancelledError();
        const started = performance.now();
        try {
            const id = await inItemScope(outcome, () => deployItem(env, state, ws, d, p, bctx, warnings));
            if (id && (p.action === 'create' || p.action === 'update')) {
                // Items that reference an Environment need it to exist, not to be published (fabric-cicd does
                // not wait either): the publish runs beside the rest and is awaited before the deploy commits.
                const after = afterDefinition(env, ws, d, id, warnings);
                background.push(after.catch((error) => {
                    outcome.status = 'failed';
                    outcome.error = (0,src_errors/* errorMessage */.gJ)(error);
                    throw error;
                }));
                after.catch(() => undefined);
            }
            if (id) {
                ids.set(key, id);
                logicalIds.set(d.logicalId, id);
                outcome.id = id;
            }
            outcome.status = 'done';
        }
        catch (err) {
            outcome.status = 'failed';
            outcome.error = (0,src_errors/* errorMessage */.gJ)(err);
            throw err;
        }
        finally {
            outcome.durationMs = performance.now() - started;
        }
    }, { maxParallel: env.maxParallel });
    const settled = await Promise.allSettled(background);
    const failed = [...run.failed];
    settled.forEach((r) => {
        if (r.status === 'rejected')
            failed.push({ key: 'post-deploy', error: r.reason });
    });
    if (failed.length)
        throw new ItemsFailedError(failed);
}
async function deployItem(env, state, ws, d, p, bctx, warnings) {
    const { tx, ops, log } = env;
    const target = { type: d.type, name: d.displayName, id: p.id };
    const folderId = d.folderPath ? state.folderIds.get(d.folderPath) : undefined;
    if (p.action === 'unchanged')
        return p.id;
    const payload = p.action === 'move' ? undefined : await d.payload(bctx);
    if (payload)
        warnings.push(...payload.warnings);
    if (p.action === 'create') {
        const definition = payload?.definition;
        let made;
        try {
            made = await tx.step({
                action: 'item.create',
                target,
                undo: { kind: 'delete-item', workspaceId: ws.id, type: d.type, name: d.displayName },
                after: { folder: d.folderPath || undefined, logicalId: d.logicalId },
            }, () => ops.createItem(ws.id, {
                displayName: d.displayName,
                type: d.type,
                description: d.description,
                folderId,
                ...(definition
                    ? { definition }
                    : payload?.creationPayload
                        ? { creationPayload: payload.creationPayload }
                        : {}),
            }), (it) => ({
                target: { id: it.id },
                undo: { kind: 'delete-item', workspaceId: ws.id, itemId: it.id, type: d.type, name: d.displayName },
            }));
        }
        catch (err) {
            // Only an item that something created in this run can have made (its parent) is taken over;
            // anything else of that name belongs to someone and must not be touched.
            const parentMadeNow = d.dependsOn.some((k) => state.plan.items.find((i) => i.key === k)?.action === 'create');
            const adopted = parentMadeNow ? await adoptSideEffect(env, ws, d, definition, err) : undefined;
            if (!adopted)
                throw err;
            made = adopted;
        }
        log.info(`created ${d.type} '${d.displayName}' (${made.id})`);
        await activateValueSet(env, ws, d, made.id, payload?.activeValueSetName, true, warnings);
        return made.id;
    }
    const existing = state.existing.get(d.key);
    if (p.action === 'update') {
        if (d.shell) {
            await tx.step({
                action: 'item.update',
                target,
                undo: {
                    kind: 'restore-item-metadata',
                    workspaceId: ws.id,
                    itemId: existing.id,
                    type: d.type,
                    name: existing.displayName,
                    displayName: existing.displayName,
                    description: existing.description ?? '',
                },
                before: { displayName: existing.displayName, description: existing.description },
                after: { displayName: d.displayName, description: d.description },
            }, () => ops.updateItem(ws.id, existing.id, {
                displayName: d.displayName,
                description: d.description ?? '',
            }));
        }
        else {
            const definition = payload?.definition;
            const before = state.captured.get(d.key);
            if (definition && before) {
                await tx.step({
                    action: 'item.update',
                    target,
                    undo: {
                        kind: 'restore-definition',
                        workspaceId: ws.id,
                        itemId: existing.id,
                        type: d.type,
                        name: existing.displayName,
                        definition: before,
                    },
                    after: { reason: p.reason },
                }, () => ops.updateItemDefinition(ws.id, existing, definition));
            }
            else if (!definition) {
                log.warn(`${d.type} '${d.displayName}' has no definition to update`);
            }
        }
        log.info(`updated ${d.type} '${d.displayName}'${p.reason ? ` (${p.reason})` : ''}`);
    }
    if (p.fromFolder !== undefined) {
        const fromId = existing.folderId;
        await tx.step({
            action: 'item.move',
            target,
            undo: {
                kind: 'move-item',
                workspaceId: ws.id,
                itemId: existing.id,
                type: d.type,
                name: d.displayName,
                folderId: fromId,
            },
            before: { folder: p.fromFolder || '/' },
            after: { folder: d.folderPath || '/' },
        }, () => ops.moveItem(ws.id, existing.id, folderId));
        log.info(`moved ${d.type} '${d.displayName}' to ${d.folderPath || '/'}`);
    }
    if (p.action === 'update')
        await activateValueSet(env, ws, d, existing.id, payload?.activeValueSetName, false, warnings);
    return existing.id;
}
/**
 * Some creates make a second item as a side effect (an Eventhouse makes its KQL database of the
 * same name). The plan saw no such item and the workspace is locked, so an item of that name that
 * now exists came from this run: take it over (update its definition) and undo it by deleting it.
 */
async function adoptSideEffect(env, ws, d, definition, err) {
    if (errorCode(err) !== 'ItemDisplayNameAlreadyInUse')
        return undefined;
    const found = (await env.ops.client.listItems(ws.id, d.type)).find((i) => i.displayName.toLowerCase() === d.displayName.toLowerCase());
    if (!found)
        return undefined;
    await env.tx.step({
        action: 'item.adopt',
        target: { type: d.type, name: d.displayName, id: found.id },
        undo: { kind: 'delete-item', workspaceId: ws.id, itemId: found.id, type: d.type, name: d.displayName },
        after: { reason: 'created by the service along with another item of this run' },
    }, async () => {
        if (definition)
            await env.ops.updateItemDefinition(ws.id, found, definition);
    });
    env.log.info(`took over ${d.type} '${d.displayName}' (${found.id}), created along with its parent`);
    return found;
}
/**
 * A VariableLibrary's active value set (fabric-cicd activates the environment's set after each
 * deploy). A setting, not content: when it cannot be written the deploy goes on with a warning.
 */
async function activateValueSet(env, ws, d, itemId, name, created, warnings) {
    if (d.type !== 'VariableLibrary' || !name)
        return;
    const path = `/workspaces/${ws.id}/variableLibraries/${itemId}`;
    try {
        let before;
        if (!created) {
            const cur = await env.ops.client.send('get variable library', 'GET', path);
            before = cur.body?.properties?.activeValueSetName;
            if (before === name)
                return;
        }
        await env.tx.step({
            action: 'item.activate-value-set',
            target: { type: d.type, name: d.displayName, id: itemId },
            undo: created || before === undefined
                ? { kind: 'none', reason: created ? 'undone with the item' : 'the previous value set is unknown' }
                : { kind: 'restore-value-set', workspaceId: ws.id, itemId, valueSet: before },
            before: { activeValueSetName: before },
            after: { activeValueSetName: name },
        }, () => env.ops.client
            .send('activate value set', 'PATCH', path, { properties: { activeValueSetName: name } })
            .then(() => undefined));
    }
    catch (err) {
        const w = `VariableLibrary '${d.displayName}': value set '${name}' not activated: ${(0,src_errors/* errorMessage */.gJ)(err)}`;
        env.log.warn(w);
        warnings.push(w);
    }
}
async function reconcileGit(env, state, ws) {
    const g = state.plan.git;
    const want = state.desiredGit;
    if (!g || !want)
        return;
    const { tx, ops, log } = env;
    const target = { type: 'Git', name: g.label, id: ws.id };
    let connectedNow = false;
    if (g.action === 'connect') {
        await tx.step({
            action: 'git.connect',
            target,
            undo: { kind: 'disconnect-git', workspaceId: ws.id },
            after: { label: g.label },
        }, () => ops.connectGit(ws.id, want.connectBody));
        connectedNow = true;
        log.info(`connected the workspace to ${g.label}`);
    }
    let heads;
    if (g.initialize) {
        // Disconnecting (the undo of connect) also drops the initialisation; on an older connection it stays.
        heads = await tx.step({
            action: 'git.initialize',
            target,
            undo: {
                kind: 'none',
                reason: connectedNow ? 'undone by the disconnect' : 'the connection existed before this run',
            },
            after: { strategy: g.initialize },
        }, async () => (await ops.initializeGit(ws.id, g.initialize)) ?? {});
        log.info(`initialized the Git connection (${g.initialize}); required action: ${heads?.requiredAction ?? 'None'}`);
    }
    if (g.updateFromGit) {
        if (heads?.requiredAction === 'None' || heads?.requiredAction === 'CommitToGit') {
            log.info(`the workspace is already up to date with Git (${heads.requiredAction})`);
            return;
        }
        const st = heads?.remoteCommitHash ? heads : await ops.gitStatus(ws.id);
        const remoteCommitHash = st?.remoteCommitHash;
        if (!st || !remoteCommitHash)
            return;
        if (st.workspaceHead && st.workspaceHead === st.remoteCommitHash)
            return;
        await tx.step({
            action: 'git.update',
            target,
            undo: {
                kind: 'none',
                reason: 'items updated from Git are not restored; disconnecting does not revert them',
            },
            after: { remoteCommitHash: st.remoteCommitHash },
        }, () => ops.updateFromGit(ws.id, {
            remoteCommitHash,
            workspaceHead: st.workspaceHead ?? undefined,
            conflictResolution: {
                conflictResolutionType: 'Workspace',
                conflictResolutionPolicy: 'PreferRemote',
            },
            options: { allowOverrideItems: true },
        }));
        log.info(`updated the workspace from Git (${st.remoteCommitHash})`);
    }
}
/** Deletes orphans (after commit), dependents' types first; failures are collected, not thrown. */
async function deleteOrphans(env, ws, orphans) {
    const rank = (t) => ORPHAN_ORDER.indexOf(t);
    const groups = new Map();
    for (const o of orphans) {
        const r = rank(o.type);
        (groups.get(r) ?? groups.set(r, []).get(r)).push(o);
    }
    const out = [];
    // Unknown types (rank -1) first: nothing is known to depend on them being gone later.
    for (const r of [...groups.keys()].sort((a, b) => (a === -1 ? -1 : b === -1 ? 1 : b - a))) {
        const group = groups.get(r);
        await Promise.all(chunk(group, env.maxParallel).map(async (batch) => {
            for (const o of batch) {
                const started = performance.now();
                const outcome = {
                    name: o.displayName,
                    type: o.type,
                    id: o.id,
                    action: 'delete',
                    status: 'done',
                };
                try {
                    await env.tx.record({
                        action: 'item.delete',
                        target: { type: o.type, name: o.displayName, id: o.id },
                        reason: 'orphan deletion runs after the deployment committed',
                    }, () => env.ops.deleteItem(ws.id, o.id));
                    env.log.info(`deleted orphan ${o.type} '${o.displayName}'`);
                }
                catch (err) {
                    outcome.status = 'failed';
                    outcome.error = (0,src_errors/* errorMessage */.gJ)(err);
                    env.log.warn(`could not delete orphan ${o.type} '${o.displayName}': ${outcome.error}`);
                }
                outcome.durationMs = performance.now() - started;
                out.push(outcome);
            }
        }));
    }
    return out;
}
/** fabric-cicd's publish order; orphans are deleted in reverse (reports before models, pipelines before notebooks). */
const ORPHAN_ORDER = [
    'VariableLibrary',
    'Warehouse',
    'MirroredDatabase',
    'Lakehouse',
    'SQLDatabase',
    'Environment',
    'UserDataFunction',
    'Eventhouse',
    'SparkJobDefinition',
    'Notebook',
    'SemanticModel',
    'Report',
    'PaginatedReport',
    'CopyJob',
    'DataBuildToolJob',
    'KQLDatabase',
    'KQLQueryset',
    'Dataflow',
    'DataPipeline',
    'Reflex',
    'Eventstream',
    'KQLDashboard',
    'GraphQLApi',
    'ApacheAirflowJob',
    'MountedDataFactory',
    'Ontology',
    'DataAgent',
    'MLExperiment',
    'Map',
];
function chunk(xs, n) {
    const lanes = Array.from({ length: Math.max(1, Math.min(n, xs.length)) }, () => []);
    xs.forEach((x, i) => lanes[i % lanes.length].push(x));
    return lanes;
}
/**
 * What fabric-cicd does after an item's definition is written: an Environment's staged libraries and
 * Spark settings take effect only once published; parameter.yml's semantic_model_binding binds models to
 * connections. A publish is journalled as irreversible (Fabric has no "unpublish").
 */
async function afterDefinition(env, ws, d, id, warnings) {
    const steps = postDeploySteps({ type: d.type, displayName: d.displayName }, env.parameters, env.environment);
    if (steps.publishEnvironment) {
        await env.tx.step({
            action: 'environment.publish',
            target: { type: d.type, name: d.displayName, id },
            undo: {
                kind: 'none',
                reason: 'a publish cannot be undone; the restored definition is staged until the next publish',
            },
        }, () => env.ops.client.publishEnvironment(ws.id, id));
        env.log.info(`published Environment '${d.displayName}'`);
    }
    for (const b of steps.bindConnections ?? []) {
        // The Connections API is not wired yet: say so at the parameter's line rather than skip silently.
        warnings.push(`${d.type} '${d.displayName}': semantic_model_binding to connection ${b.connectionId} (${b.at.file}:${b.at.line ?? '?'}) is not applied: binding connections is not supported yet; bind it in Fabric`);
    }
}

;// CONCATENATED MODULE: ./src/settings/principals.ts



/**
 * The seeds' principals file: one principal a line, `principal_id,role,description,type`, `#` comments and blank
 * lines ignored, an optional header line. A description containing commas may be quoted ("a, b") or left bare:
 * id, role and type never contain commas, so everything between the role and the last field is the description.
 */
const ROLES = ['Admin', 'Member', 'Contributor', 'Viewer'];
const TYPES = ['User', 'Group', 'ServicePrincipal', 'ServicePrincipalProfile'];
const UPN = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;
/** Reads a principals file; `from` is where the config names it (for a missing file). */
function readPrincipalsFile(file, from) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (err) {
        const code = err.code;
        throw new src_errors/* ConfigError */.xL(`principals file '${file}' ${code === 'ENOENT' ? 'not found' : `cannot be read (${code})`}`, {
            location: from ?? { file },
            field: 'workspace.principalsFile',
            fix: 'point workspace.principalsFile at a file relative to the config file',
        });
    }
    return parsePrincipals(text, file);
}
function parsePrincipals(text, file) {
    const out = [];
    const seen = new Map();
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((raw, i) => {
        const line = i + 1;
        const trimmed = raw.trim();
        if (!trimmed || trimmed.startsWith('#'))
            return;
        const fields = splitFields(raw, file, line);
        if (out.length === 0 && seen.size === 0 && fields[0].text.toLowerCase() === 'principal_id')
            return; // header
        const at = (n) => ({ file, line, col: fields[n]?.col ?? 1 });
        if (fields.length < 4) {
            throw new src_errors/* ConfigError */.xL(`principals line ${line} has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected principal_id,role,description,type`, {
                location: { file, line, col: 1 },
                fix: 'write e.g. 9f0c2a4e-1b2c-4d5e-8f90-123456789abc,Admin,Data platform admins,Group (the description may be empty)',
            });
        }
        // A bare description with commas: id and role first, type last, the rest is the description.
        const [idF, roleF] = fields;
        const typeF = fields[fields.length - 1];
        const description = fields.length === 4
            ? fields[2].text
            : raw.slice(fields[2].col - 1, raw.lastIndexOf(',', typeF.col - 1)).trim();
        const id = idF.text;
        const role = ROLES.find((r) => r.toLowerCase() === roleF.text.toLowerCase());
        const type = TYPES.find((t) => t.toLowerCase() === typeF.text.toLowerCase());
        if (!role) {
            throw new src_errors/* ConfigError */.xL(`principals line ${line}: '${roleF.text}' is not a workspace role`, {
                location: at(1),
                field: 'role',
                fix: `use one of: ${ROLES.join(', ')}`,
            });
        }
        if (!type) {
            throw new src_errors/* ConfigError */.xL(`principals line ${line}: '${typeF.text}' is not a principal type`, {
                location: at(fields.length - 1),
                field: 'type',
                fix: `use one of: ${TYPES.join(', ')}`,
            });
        }
        const isGuid = GUID_RE.test(id);
        if (!isGuid && !(type === 'User' && UPN.test(id))) {
            throw new src_errors/* ConfigError */.xL(`principals line ${line}: principal_id '${id}' is not a GUID`, {
                location: at(0),
                field: 'principal_id',
                fix: type === 'User'
                    ? "use the user's object id (GUID) or user principal name (name@domain)"
                    : `use the ${type}'s object id (a GUID such as 9f0c2a4e-1b2c-4d5e-8f90-123456789abc)`,
            });
        }
        const key = id.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) {
            throw new src_errors/* ConfigError */.xL(`principals line ${line}: '${id}' is already given on line ${first}`, {
                location: at(0),
                fix: 'keep one line per principal (a principal has one role in a workspace)',
            });
        }
        seen.set(key, line);
        const p = isGuid ? { id, type, role } : { upn: id, type, role };
        if (description)
            p.description = description;
        out.push(p);
    });
    return out;
}
/** Comma-separated fields with optional double quotes ("" inside quotes is a quote); 1-based columns. */
function splitFields(line, file, lineNo) {
    const out = [];
    let i = 0;
    for (;;) {
        while (line[i] === ' ' || line[i] === '\t')
            i++;
        const col = i + 1;
        let text = '';
        if (line[i] === '"') {
            i++;
            for (;;) {
                if (i >= line.length)
                    throw new src_errors/* ConfigError */.xL(`principals line ${lineNo}: unterminated quote`, {
                        location: { file, line: lineNo, col },
                        fix: 'close the quoted description with "',
                    });
                if (line[i] === '"' && line[i + 1] === '"') {
                    text += '"';
                    i += 2;
                }
                else if (line[i] === '"') {
                    i++;
                    break;
                }
                else
                    text += line[i++];
            }
            while (i < line.length && line[i] !== ',')
                i++;
        }
        else {
            const end = line.indexOf(',', i);
            text = (end < 0 ? line.slice(i) : line.slice(i, end)).trim();
            i = end < 0 ? line.length : end;
        }
        out.push({ text, col });
        if (i >= line.length)
            return out;
        i++; // the comma
    }
}

;// CONCATENATED MODULE: ./src/deploy/principals-file.ts
/**
 * Principals from `workspace.principalsFile` (the seeds' `principal_id,role,description,type` file).
 * Parsing and line-numbered validation are src/settings/principals.ts; this adds where each entry
 * was written, so a failed Graph look-up points at its line.
 */



async function filePrincipals(s) {
    const rel = s.config.workspace.principalsFile;
    if (!rel)
        return [];
    const file = external_node_path_default().resolve(s.loaded.dir, rel);
    const entries = readPrincipalsFile(file, s.loaded.locate(['workspace', 'principalsFile']));
    const lines = (0,external_node_fs_.readFileSync)(file, 'utf8').split(/\r?\n/);
    return entries.map((p) => {
        const key = (p.id ?? p.upn ?? '').toLowerCase();
        const i = lines.findIndex((l) => l.trim().toLowerCase().startsWith(key) || l.toLowerCase().includes(`"${key}"`));
        return { ...p, source: 'file', location: { file, line: i >= 0 ? i + 1 : undefined } };
    });
}

;// CONCATENATED MODULE: ./src/deploy/command.ts
/**
 * `plan`, `deploy` and `destroy`. All three start from the same validated desired state; `plan`
 * only reads, `deploy` executes the plan inside a journalled transaction holding the workspace
 * lock, `destroy` deletes what this configuration manages. Each returns one DeploymentReport.
 */












/** Runs `deploy` / `plan` / `destroy` and describes what happened; `main` publishes the report. */
async function executeCommand(ctx, options = {}) {
    const fromInputs = optionsFromInputs(ctx);
    const opts = { ...fromInputs, ...options, lock: { ...fromInputs.lock, ...options.lock } };
    switch (ctx.settings.command) {
        case 'plan':
            return runPlan(ctx, opts);
        case 'deploy':
            return runDeploy(ctx, opts);
        case 'destroy':
            return destroy(ctx, opts);
        default:
            throw new src_errors/* ConfigError */.xL(`command '${ctx.settings.command}' is not a deploy command`, {
                field: 'command',
                fix: 'use deploy, plan or destroy',
            });
    }
}
/** The deploy-only inputs `lock-wait-seconds` and `destroy-workspace`, read and checked here. */
function optionsFromInputs(ctx) {
    const out = {};
    const wait = ctx.host.getInput('lock-wait-seconds');
    if (wait !== undefined && wait !== '') {
        const n = Number(wait);
        if (!Number.isFinite(n) || n < 0) {
            throw new src_errors/* ConfigError */.xL(`input 'lock-wait-seconds' must be a number of seconds ≥ 0, not '${wait}'`, {
                field: 'lock-wait-seconds',
                fix: 'e.g. lock-wait-seconds: 600',
            });
        }
        out.lock = { waitMs: n * 1000 };
    }
    const dw = ctx.host.getInput('destroy-workspace');
    if (dw !== undefined && dw !== '')
        out.destroyWorkspace = /^(true|yes|1|on)$/i.test(dw.trim());
    return out;
}
// ---------------------------------------------------------------- shared preparation
function opsFor(ctx, options = {}) {
    const ops = new FabricOps(ctx.client);
    if (options.lroPacing === false)
        ops.pacing = false;
    if (options.nameInUseWaitMs !== undefined)
        ops.nameInUseWaitMs = options.nameInUseWaitMs;
    return ops;
}
/** The Graph directory, when the run context carries one (`ctx.directory`). */
function directoryOf(ctx) {
    return ctx.directory;
}
/** Desired state, validated in full before the first write: repository, graph, capacity, principals, Git. */
async function prepare(ctx, ops, scope = 'all') {
    const s = ctx.settings;
    const desired = await ctx.log.group('Repository', async () => {
        const d = await loadDesired(ctx);
        ctx.log.info(`${d.items.length} items in ${s.itemsDirectory}`);
        return d;
    });
    assertAcyclic(desired.items.map((d) => ({
        key: d.key,
        dependsOn: d.dependsOn,
        label: `${d.type} '${d.displayName}'`,
        location: d.location,
    })));
    if (scope === 'items')
        return { items: desired.items, warnings: desired.warnings, principals: [] };
    // Read the principals file first: an await inside the array below would leave resolveCapacity's
    // promise running unobserved, and its rejection unhandled, when the file is refused.
    const fromFile = await filePrincipals(s);
    const [capacity, principals, selfId] = await Promise.all([
        resolveCapacity(ops, s),
        resolvePrincipals([...configPrincipals(s), ...fromFile], directoryOf(ctx)),
        ctx.tokens
            .identity?.()
            .then((i) => i.objectId)
            .catch(() => undefined),
    ]);
    return {
        items: desired.items,
        parameters: desired.parameters,
        warnings: desired.warnings,
        capacity,
        principals,
        git: desiredGit(s),
        selfId,
        checkAgainst: desired.checkAgainst,
    };
}
async function planFor(ctx, ops, prepared, ws) {
    const s = ctx.settings;
    return ctx.log.group('Plan', () => buildPlan(ops, ws, {
        deploymentId: ctx.deploymentId,
        environment: s.environment,
        workspaceTarget: s.workspace,
        items: prepared.items,
        capacity: prepared.capacity,
        principals: prepared.principals,
        git: prepared.git,
        deleteOrphans: s.deleteOrphans,
        types: s.config.items?.types,
        exclude: s.config.items?.exclude,
        maxParallel: s.maxParallel,
        selfId: prepared.selfId,
        log: ctx.log,
        warnings: prepared.warnings,
        gitLocation: s.config.workspace.git ? s.loaded.locate(['workspace', 'git']) : undefined,
        checkAgainst: prepared.checkAgainst,
    }));
}
async function writePlanFile(ctx, plan) {
    const file = external_node_path_default().join(ctx.host.tempDir(), `fabric-deploy-plan-${ctx.deploymentId}.json`);
    try {
        await external_node_fs_.promises.mkdir(external_node_path_default().dirname(file), { recursive: true });
        await external_node_fs_.promises.writeFile(file, JSON.stringify(plan, null, 2) + '\n');
        return file;
    }
    catch (err) {
        ctx.log.warn(`could not write the plan file ${file}: ${(0,src_errors/* errorMessage */.gJ)(err)}`);
        return undefined;
    }
}
function baseReport(ctx, plan) {
    return {
        command: ctx.settings.command,
        deploymentId: ctx.deploymentId,
        environment: ctx.settings.environment,
        result: 'succeeded',
        workspace: { id: plan?.workspace.id, name: plan?.workspace.name ?? ctx.settings.workspace.name },
        items: [],
        startedAt: ctx.startedAt,
        durationMs: 0,
        warnings: [...(plan?.warnings ?? [])],
        hasChanges: plan?.hasChanges ?? false,
        plan,
    };
}
function finish(ctx, r) {
    r.durationMs = Date.now() - ctx.startedAt.getTime();
    if (r.workspace.id && !r.workspace.url)
        r.workspace.url = `https://app.fabric.microsoft.com/groups/${r.workspace.id}`;
    return r;
}
// ---------------------------------------------------------------- plan
async function runPlan(ctx, options) {
    const ops = opsFor(ctx, options);
    const prepared = await prepare(ctx, ops);
    const ws = await findWorkspace(ops, ctx.settings.workspace);
    const state = await planFor(ctx, ops, prepared, ws);
    const plan = state.plan;
    const report = baseReport(ctx, plan);
    report.items = plan.items.map((p) => ({
        name: p.name,
        type: p.type,
        id: p.id,
        action: p.action,
        status: 'planned',
        folder: p.folder || undefined,
    }));
    report.planFile = await writePlanFile(ctx, plan);
    report.sections = [planSection(plan, report.planFile)];
    ctx.log.info(plan.hasChanges ? `plan has changes: ${countText(plan.counts)}` : 'no changes');
    if (report.planFile)
        ctx.log.info(`plan written to ${report.planFile}`);
    return finish(ctx, report);
}
function planSection(plan, file) {
    return { title: 'Plan', markdown: renderPlan(plan) + (file ? `\n\nPlan JSON: \`${file}\`` : '') };
}
function countText(counts) {
    return Object.entries(counts)
        .map(([a, n]) => `${n} ${a}`)
        .join(', ');
}
// ---------------------------------------------------------------- deploy
async function runDeploy(ctx, options) {
    const s = ctx.settings;
    const ops = opsFor(ctx, options);
    // Everything that can be refused is refused here, before anything is written.
    // (Lifecycle telemetry — started, succeeded / rolled back / failed, counts — is sent by main from the report.)
    const prepared = await prepare(ctx, ops);
    const found = await findWorkspace(ops, s.workspace);
    // Planning writes nothing, so an unchanged repository costs reads only (no lock, no journal).
    let state = await planFor(ctx, ops, prepared, found);
    const report = baseReport(ctx, state.plan);
    report.planFile = await writePlanFile(ctx, state.plan);
    // "No changes" is only true when no other deployment is halfway through changing the workspace:
    // with another live lock seen, take the lock (wait or fail as configured) and plan again under it.
    const lockSeen = state.lockState.locks.length > 0 || state.plan.lockedBy !== undefined;
    if (!state.plan.hasChanges && !lockSeen) {
        ctx.log.info('nothing to change: the workspace matches the repository');
        report.items = state.plan.items.map((p) => ({
            name: p.name,
            type: p.type,
            id: p.id,
            action: p.action,
            status: 'done',
            folder: p.folder || undefined,
        }));
        report.sections = [planSection(state.plan, report.planFile)];
        return finish(ctx, report);
    }
    const identity = await ctx.tokens.identity?.().catch(() => undefined);
    const tx = await Transaction.begin({
        file: journalPath(ctx.host.tempDir(), ctx.deploymentId),
        deploymentId: ctx.deploymentId,
        command: 'deploy',
        workspace: { id: found?.id, name: found?.displayName ?? s.workspace.name },
        log: ctx.log,
        audit: ctx.audit,
        identity: identity
            ? { objectId: identity.objectId, appId: identity.appId, tenantId: identity.tenantId }
            : undefined,
    });
    report.journalFile = tx.file;
    ctx.log.info(`journal: ${tx.file}`);
    let lockStep;
    let lostLock = false;
    const takeLock = async (ws) => {
        try {
            const { acquired, step } = await takeJournalledLock(tx, ops, ws.id, ctx.deploymentId, {
                ...options.lock,
                log: ctx.log,
            });
            lockStep = step;
            return acquired;
        }
        catch (err) {
            lostLock = true;
            throw err;
        }
    };
    let outcomes = new Map();
    let failure;
    try {
        if (found) {
            const got = await ctx.log.group('Lock', () => takeLock(found));
            // Someone deployed between our plan and our lock (a lock was seen, we waited, or the done-marker moved): plan again.
            if (got.waited || state.lockState.locks.length > 0 || got.marker !== state.lockState.marker) {
                ctx.log.info('another deployment ran since this plan was made: planning again under the lock');
                state = await planFor(ctx, ops, prepared, await ops.getWorkspace(found.id));
                report.plan = state.plan;
                report.planFile = await writePlanFile(ctx, state.plan);
            }
        }
        report.hasChanges = state.plan.hasChanges;
        const exec = await ctx.log.group('Deploy', () => executePlan({
            ops,
            tx,
            log: ctx.log,
            maxParallel: s.maxParallel,
            parameters: prepared.parameters,
            environment: s.environment,
            signal: ctx.signal,
            onWorkspaceCreated: (ws) => takeLock(ws).then(() => undefined),
        }, state));
        outcomes = exec.outcomes;
        report.warnings.push(...exec.warnings);
        report.workspace = {
            id: exec.workspace?.id,
            name: exec.workspace?.displayName ?? s.workspace.name,
            created: exec.created,
        };
        if (exec.error)
            throw exec.error;
        await tx.commit();
    }
    catch (err) {
        failure = err;
    }
    const items = () => state.plan.items
        .filter((p) => p.action !== 'delete')
        .map((p) => outcomes.get(p.key))
        .filter(Boolean);
    if (failure === undefined) {
        // Committed. Orphans go only now, so a failed deploy never deleted anything.
        const wsRef = { id: report.workspace.id, displayName: report.workspace.name ?? '', description: '' };
        const deleted = s.deleteOrphans && state.orphans.length > 0
            ? await ctx.log.group('Orphans', () => deleteOrphans({ ops, tx, log: ctx.log, maxParallel: s.maxParallel }, wsRef, state.orphans))
            : [];
        await releaseHeldLock();
        report.items = [...items(), ...deleted];
        const orphanFailures = deleted.filter((d) => d.status === 'failed');
        if (orphanFailures.length) {
            report.result = 'failed';
            report.error = `the deployment committed, but ${orphanFailures.length} orphan${orphanFailures.length === 1 ? '' : 's'} could not be deleted: ${orphanFailures.map((o) => `${o.type} '${o.name}'`).join(', ')}`;
        }
    }
    else {
        report.error = (0,src_errors/* errorMessage */.gJ)(failure);
        if (!tx.hasEffects()) {
            // Nothing but (maybe) our lock was written.
            await releaseHeldLock();
            await tx.end('failed');
            if (failure instanceof src_errors/* UserError */.yo)
                throw failure;
            report.result = 'failed';
            report.items = items();
        }
        else if (s.features.rollback) {
            ctx.log.error(`deployment failed: ${report.error}; rolling back`);
            const undo = await ctx.log.group('Rollback', () => tx.rollback(ops, { keepWorkspace: lostLock }));
            report.result = 'rolled-back';
            report.rollback = undo.map(toReportUndo);
            markRolledBack(outcomes, tx.steps());
            report.items = items();
            const failedUndo = undo.filter((u) => u.result === 'failed');
            if (failedUndo.length) {
                report.error += ` — rollback incomplete: ${failedUndo.length} undo${failedUndo.length === 1 ? '' : 's'} failed`;
                report.warnings.push(...failedUndo.map((u) => `not undone: ${describeStep(u)}: ${u.error}`));
            }
        }
        else {
            await releaseHeldLock();
            // Applied steps, and failed ones whose outcome is unknown (they may have been applied).
            const applied = tx.steps().filter(possiblyApplied);
            report.result = 'failed';
            report.leftInPlace = applied.map((r) => r.status === 'applied'
                ? describeStep(r)
                : `${describeStep(r)} (outcome unknown: ${r.error ?? 'no answer'})`);
            report.items = items();
            report.sections = [
                {
                    title: 'Left in place (rollback is off)',
                    markdown: report.leftInPlace.map((l) => `- ${l}`).join('\n') +
                        `\n\nUndo them later with \`fabric-deploy rollback --journal ${tx.file}\`.`,
                },
            ];
            ctx.log.warn(`rollback is off: ${applied.length} applied change${applied.length === 1 ? '' : 's'} left in place (journal: ${tx.file})`);
        }
    }
    report.sections = [planSection(state.plan, report.planFile), ...(report.sections ?? [])];
    await tx.end(report.result);
    return finish(ctx, report);
    async function releaseHeldLock() {
        if (!lockStep || lockStep.status !== 'applied')
            return;
        try {
            await tx.undoNow(ops, lockStep);
        }
        catch (err) {
            ctx.log.warn(`could not release the workspace lock '${lockStep.target.name}': ${(0,src_errors/* errorMessage */.gJ)(err)}; delete that folder by hand`);
        }
    }
}
function markRolledBack(outcomes, steps) {
    const byId = new Map();
    for (const r of steps)
        if (r.target.id)
            (byId.get(r.target.id) ?? byId.set(r.target.id, []).get(r.target.id)).push(r);
    for (const o of outcomes.values()) {
        if (o.status !== 'done' || !o.id)
            continue;
        const recs = byId.get(o.id) ?? [];
        if (recs.some((r) => r.status === 'undone'))
            o.status = 'rolled-back';
        else if (recs.some((r) => r.status === 'undo-failed'))
            o.error = 'rollback failed: ' + (recs.find((r) => r.undoError)?.undoError ?? '');
    }
}
function toReportUndo(u) {
    return { action: u.undo, target: describeStep(u), result: u.result, error: u.error };
}

// EXTERNAL MODULE: ./node_modules/opossum/index.js
var opossum = __webpack_require__(16195);
var opossum_default = /*#__PURE__*/__webpack_require__.n(opossum);
;// CONCATENATED MODULE: ./src/fabric/breaker.ts
/**
 * Circuit breakers (opossum) per endpoint group. opossum opens on an error *percentage*; the design
 * asks for N *consecutive* failures, so we count them ourselves and open the breaker by hand.
 * opossum still does the rest: fail fast while open, half-open after `resetTimeout`, one trial call,
 * close on success, re-open on failure.
 */


const BREAKER_DEFAULTS = { failureThreshold: 5, resetTimeoutMs: 60_000 };
/** Failures that say the endpoint is unwell. A 4xx (or a 429, handled by Retry-After) proves it answers. */
function countsAsFailure(err) {
    if (err instanceof FabricNetworkError)
        return true;
    if (err instanceof FabricApiError)
        return err.status === 408 || err.status >= 500;
    return false;
}
class CircuitBreakers {
    emit;
    circuits = new Map();
    failureThreshold;
    resetTimeoutMs;
    constructor(opts = {}, emit = () => undefined) {
        this.emit = emit;
        this.failureThreshold = opts.failureThreshold ?? BREAKER_DEFAULTS.failureThreshold;
        this.resetTimeoutMs = opts.resetTimeoutMs ?? BREAKER_DEFAULTS.resetTimeoutMs;
    }
    state(group) {
        const c = this.circuits.get(group);
        if (!c)
            return 'closed';
        return c.breaker.opened ? 'open' : c.breaker.halfOpen ? 'halfOpen' : 'closed';
    }
    /** Every circuit's state, for health checks and the report. */
    states() {
        return Object.fromEntries([...this.circuits.keys()].map((g) => [g, this.state(g)]));
    }
    /** Runs `action` under the group's circuit; throws CircuitOpenError without running it when open. */
    async run(group, operation, action) {
        const c = this.circuit(group);
        try {
            return await c.breaker.fire(action);
        }
        catch (err) {
            if (err?.code === 'EOPENBREAKER') {
                throw new CircuitOpenError({
                    operation,
                    group,
                    retryAt: new Date((c.openedAt ?? Date.now()) + this.resetTimeoutMs),
                    failures: Math.max(c.consecutive, this.failureThreshold),
                    lastError: c.lastError,
                });
            }
            throw err;
        }
    }
    /** Stops the reset timers. */
    shutdown() {
        for (const c of this.circuits.values())
            c.breaker.shutdown();
        this.circuits.clear();
    }
    circuit(group) {
        const existing = this.circuits.get(group);
        if (existing)
            return existing;
        const breaker = new (opossum_default())((action) => action(), {
            name: group,
            // Timeouts are the pipeline's job (per attempt); a retried call may legitimately take long.
            timeout: false,
            resetTimeout: this.resetTimeoutMs,
            // Never open on a percentage: only our consecutive count opens the circuit.
            errorThresholdPercentage: 100,
            errorFilter: (err) => !countsAsFailure(err),
            // No rolling stats buckets are needed.
            rollingPercentilesEnabled: false,
            enableSnapshots: false,
        });
        const circuit = { breaker, consecutive: 0 };
        breaker.on('failure', (err) => {
            circuit.consecutive++;
            circuit.lastError = err instanceof Error ? err.message.slice(0, 300) : String(err);
            if (breaker.closed && circuit.consecutive >= this.failureThreshold)
                breaker.open();
        });
        breaker.on('success', () => {
            circuit.consecutive = 0;
        });
        breaker.on('open', () => {
            circuit.openedAt = Date.now();
            this.emit({
                type: 'circuit',
                group,
                state: 'open',
                retryAt: new Date(circuit.openedAt + this.resetTimeoutMs).toISOString(),
                failures: circuit.consecutive,
            });
        });
        breaker.on('halfOpen', () => this.emit({ type: 'circuit', group, state: 'halfOpen' }));
        breaker.on('close', () => {
            circuit.consecutive = 0;
            this.emit({ type: 'circuit', group, state: 'closed' });
        });
        this.circuits.set(group, circuit);
        return circuit;
    }
}
/** Wraps the retried call, as in the original design: a call that still fails after its retries is one failure. */
function breakerPolicy(breakers) {
    return {
        name: 'circuitBreaker',
        send(req, next) {
            return breakers.run(req.group, req.operation, () => next(req));
        },
    };
}
const ITEM_COLLECTIONS = new Set([
    'items',
    'lakehouses',
    'notebooks',
    'semanticModels',
    'reports',
    'dataPipelines',
    'environments',
    'warehouses',
    'sqlEndpoints',
    'kqlDatabases',
    'eventhouses',
    'eventstreams',
    'variableLibraries',
    'mirroredDatabases',
    'sqlDatabases',
    'sparkJobDefinitions',
]);
/** The endpoint group of a URL: workspaces, items, git, roles, folders, capacities, operations, graph, keyvault, identity. */
function endpointGroup(url) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        return 'fabric';
    }
    const host = u.hostname.toLowerCase();
    if (host.startsWith('graph.') || host.includes('graph.microsoft'))
        return 'graph';
    if (host.includes('.vault.'))
        return 'keyvault';
    if (host.startsWith('login.') || /\/oauth2\//.test(u.pathname))
        return 'identity';
    const segs = u.pathname.split('/').filter(Boolean);
    const v1 = segs.indexOf('v1');
    const rest = v1 >= 0 ? segs.slice(v1 + 1) : segs;
    const [first, , sub] = rest;
    switch (first) {
        case 'operations':
            return 'operations';
        case 'capacities':
            return 'capacities';
        case 'workspaces':
            if (sub === undefined)
                return 'workspaces';
            if (sub === 'git')
                return 'git';
            if (sub === 'roleAssignments')
                return 'roles';
            if (sub === 'folders')
                return 'folders';
            if (ITEM_COLLECTIONS.has(sub))
                return 'items';
            return 'workspaces';
        case undefined:
            return 'fabric';
        default:
            // Graph / Key Vault behind a simulator keep their names in the path.
            if (first === 'v1.0' || first === 'beta')
                return 'graph';
            if (first === 'secrets')
                return 'keyvault';
            return first;
    }
}

;// CONCATENATED MODULE: ./src/fabric/events.ts
/** Calls the listener, never letting its failure break a request. */
function emitter(listener) {
    if (!listener)
        return () => undefined;
    return (event) => {
        try {
            listener(event);
        }
        catch {
            // A logging hook must never fail a deployment.
        }
    };
}
/** One log line for an event. */
function describeEvent(e) {
    switch (e.type) {
        case 'request':
            return `${e.method} ${e.url} → ${e.status || 'no answer'}${e.errorCode ? ` ${e.errorCode}` : ''} in ${Math.round(e.durationMs)} ms (${e.operation}${e.attempt > 1 ? `, attempt ${e.attempt}` : ''})`;
        case 'retry':
            return `retrying ${e.operation} in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt}): ${e.reason}`;
        case 'throttled':
            return `${e.operation}: throttled by Fabric, Retry-After ${e.retryAfter} s`;
        case 'rateLimited':
            return `${e.operation}: held ${Math.round(e.waitMs)} ms by the client rate limiter (${e.bucket})`;
        case 'circuit':
            return `circuit '${e.group}' ${e.state}${e.retryAt ? ` until ${e.retryAt}` : ''}`;
        case 'tokenRefresh':
            return `${e.operation}: token expired, refreshed and retried`;
        case 'lro':
            return `${e.operation}: operation ${e.operationId ?? ''} ${e.status}${e.percentComplete != null ? ` ${e.percentComplete}%` : ''}`;
        case 'duplicateAvoided':
            return `${e.operation}: ${e.reason}`;
    }
}
/** How loud an event is in the host log: retries, throttling and open circuits are warnings. */
function logLevel(e) {
    switch (e.type) {
        case 'retry':
        case 'throttled':
        case 'duplicateAvoided':
            return 'warn';
        case 'circuit':
            return e.state === 'open' ? 'warn' : 'info';
        case 'tokenRefresh':
            return 'info';
        default:
            return 'debug';
    }
}
function newStats() {
    return {
        requests: 0,
        failedRequests: 0,
        retries: 0,
        throttled: 0,
        tokenRefreshes: 0,
        circuitsOpened: 0,
        duplicatesAvoided: 0,
        lroPolls: 0,
        rateLimitedMs: 0,
        httpMs: 0,
    };
}
function count(stats, e) {
    switch (e.type) {
        case 'request':
            stats.requests++;
            stats.httpMs += e.durationMs;
            if (!e.success)
                stats.failedRequests++;
            break;
        case 'retry':
            stats.retries++;
            break;
        case 'throttled':
            stats.throttled++;
            break;
        case 'tokenRefresh':
            stats.tokenRefreshes++;
            break;
        case 'circuit':
            if (e.state === 'open')
                stats.circuitsOpened++;
            break;
        case 'duplicateAvoided':
            stats.duplicatesAvoided++;
            break;
        case 'lro':
            stats.lroPolls++;
            break;
        case 'rateLimited':
            stats.rateLimitedMs += e.waitMs;
            break;
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(24371);
;// CONCATENATED MODULE: ./src/fabric/http.ts



/** One keep-alive connection pool for every call of a client, honouring the proxy settings. */
function createDispatcher(opts = {}) {
    const ca = opts.caCertificates === undefined ? undefined : [].concat(opts.caCertificates);
    const tls = ca ? { ca } : undefined;
    const agentOpts = {
        keepAliveTimeout: opts.keepAliveTimeoutMs ?? 30_000,
        keepAliveMaxTimeout: 10 * 60_000,
        connect: tls,
        // ProxyAgent takes the target's TLS settings here when tunnelling.
        requestTls: tls,
    };
    if (opts.proxy === false)
        return new undici.Agent(agentOpts);
    if (opts.proxy !== undefined) {
        const p = typeof opts.proxy === 'string' ? { url: opts.proxy } : opts.proxy;
        assertProxyUrl(p.url);
        const extra = p.noProxy === undefined ? [] : [].concat(p.noProxy).flatMap((s) => s.split(/[,\s]+/));
        const noProxy = extra.filter(Boolean).join(',');
        return new undici.EnvHttpProxyAgent({ ...agentOpts, httpProxy: p.url, httpsProxy: p.url, noProxy });
    }
    const envProxy = process.env.https_proxy ?? process.env.HTTPS_PROXY ?? process.env.http_proxy ?? process.env.HTTP_PROXY;
    if (!envProxy)
        return new undici.Agent(agentOpts);
    assertProxyUrl(envProxy);
    const envNoProxy = process.env.no_proxy ?? process.env.NO_PROXY ?? '';
    return new undici.EnvHttpProxyAgent({ ...agentOpts, noProxy: envNoProxy });
}
function assertProxyUrl(url) {
    try {
        const u = new URL(url);
        if (!/^(https?|socks5?):$/.test(u.protocol))
            throw new Error(u.protocol);
    }
    catch {
        throw new FabricClientError('InvalidProxy', `invalid proxy URL '${redactUserInfo(url)}': expected http(s)://host:port`);
    }
}
function redactUserInfo(url) {
    return url.replace(/\/\/[^@/]*@/, '//***@');
}
/** 127.0.0.0/8, ::1 and localhost. */
function isLoopbackHost(hostname) {
    const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (h === 'localhost' || h.endsWith('.localhost'))
        return true;
    if ((0,external_node_net_.isIP)(h) === 4)
        return h.startsWith('127.');
    if ((0,external_node_net_.isIP)(h) === 6)
        return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
    return false;
}
/** Refuses anything but https, except on loopback (the simulator). A bearer token never travels in clear text. */
function assertSafeUrl(url, what = 'URL') {
    let u;
    try {
        u = typeof url === 'string' ? new URL(url) : url;
    }
    catch {
        throw new FabricClientError('InvalidUrl', `invalid ${what} '${String(url)}'`);
    }
    if (u.protocol === 'https:')
        return u;
    if (u.protocol === 'http:' && isLoopbackHost(u.hostname))
        return u;
    throw new FabricClientError('InsecureUrl', `refusing ${what} '${u.origin}': only https is allowed (plain http only to loopback: 127.0.0.0/8, localhost, ::1)`);
}
/**
 * Host suffixes the Fabric service hands out in `Location` / `continuationUri` (regional clusters,
 * private-link and sovereign-cloud endpoints). Our bearer token is only sent to these, the base URL's
 * host, loopback and any `trustedHosts` the caller adds.
 */
const DEFAULT_TRUSTED_HOST_SUFFIXES = [
    'fabric.microsoft.com',
    'powerbi.com',
    'analysis.windows.net',
    'pbidedicated.windows.net',
    'fabric.microsoft.us',
    'powerbigov.us',
    'analysis.usgovcloudapi.net',
    'powerbi.cn',
    'analysis.chinacloudapi.cn',
    'graph.microsoft.com',
    'graph.microsoft.us',
    'microsoftgraph.chinacloudapi.cn',
    'vault.azure.net',
    'vault.usgovcloudapi.net',
    'vault.azure.cn',
];
function isTrustedHost(hostname, trusted) {
    const h = hostname.toLowerCase().replace(/\.$/, '');
    if (isLoopbackHost(h))
        return true;
    return trusted.some((t) => {
        const s = t.toLowerCase().replace(/^\*?\./, '');
        return h === s || h.endsWith('.' + s);
    });
}
const SECRET_QUERY_KEY = /(sig|token|secret|key|code|password|assertion|credential)/i;
/** URL for logs: query values of sensitive-looking keys replaced by `***`, user info dropped. */
function redactUrl(url) {
    try {
        const u = new URL(String(url));
        u.username = '';
        u.password = '';
        for (const k of [...u.searchParams.keys()]) {
            if (SECRET_QUERY_KEY.test(k))
                u.searchParams.set(k, '***');
        }
        return u.toString().replace(/%2A%2A%2A/g, '***');
    }
    catch {
        return String(url).replace(/\?.*$/, '?…');
    }
}

;// CONCATENATED MODULE: ./src/fabric/pipeline.ts
/**
 * The request pipeline: every HTTP call is a `PipelineRequest` passed through small named policies
 * `(request, next) => response`, outermost first, down to the transport (undici, keep-alive).
 */



/** Composes policies (outermost first) over a transport. */
class Pipeline {
    policies;
    transport;
    chain;
    constructor(policies, transport) {
        this.policies = policies;
        this.transport = transport;
        let next = transport;
        for (const policy of [...policies].reverse()) {
            const inner = next;
            next = (req) => policy.send(req, inner);
        }
        this.chain = next;
    }
    send(request) {
        return this.chain(request);
    }
    /** The policy names in order, for diagnostics and tests. */
    get names() {
        return this.policies.map((p) => p.name);
    }
}
/** The last step: one HTTP exchange over the shared keep-alive dispatcher; the body is read in full. */
function undiciTransport(dispatcher) {
    return async (req) => {
        try {
            const res = await (0,undici.request)(req.url, {
                method: req.method,
                headers: req.headers,
                body: req.body,
                dispatcher,
                signal: req.signal,
                // Our own timeout policy bounds the whole exchange; undici's defaults (300 s) would only be later.
                headersTimeout: 0,
                bodyTimeout: 0,
            });
            const text = await res.body.text();
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) {
                if (v === undefined)
                    continue;
                if (Array.isArray(v))
                    for (const x of v)
                        headers.append(k, x);
                else
                    headers.set(k, v);
            }
            return { status: res.statusCode, headers, text, body: parseBody(text, headers), request: req };
        }
        catch (err) {
            if (req.signal?.aborted)
                throw req.signal.reason ?? err;
            throw toNetworkError(req, err);
        }
    };
}
function parseBody(text, headers) {
    if (!text)
        return undefined;
    const type = headers?.get('content-type') ?? '';
    const looksJson = /json/i.test(type) || /^\s*[[{"]/.test(text);
    if (!looksJson)
        return text;
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
/** Maps undici/Node socket errors onto FabricNetworkError with a stable code. */
function toNetworkError(req, err) {
    const e = err;
    const code = e?.code ?? e?.cause?.code ?? 'ENETWORK';
    const message = e?.message && e.message !== 'fetch failed' ? e.message : e?.cause?.message;
    return new FabricNetworkError({
        operation: req.operation,
        code,
        message,
        method: req.method,
        url: redactUrl(req.url),
        cause: err,
    });
}

;// CONCATENATED MODULE: ./src/fabric/policies.ts


/** User agent, correlation id and content negotiation headers, set once per logical call. */
function headersPolicy(opts) {
    return {
        name: 'headers',
        send(req, next) {
            const headers = {
                accept: 'application/json',
                'user-agent': opts.userAgent,
                ...req.headers,
            };
            if (opts.correlationId && !headers['x-ms-correlation-id'])
                headers['x-ms-correlation-id'] = opts.correlationId;
            if (req.body !== undefined && !headers['content-type'])
                headers['content-type'] = 'application/json';
            return next({ ...req, headers });
        },
    };
}
/**
 * Bearer token on every attempt. A `401` with `TokenExpired` refreshes the token once (forced) and
 * resends; any other 401 is final. The token is only ever sent over https (or loopback) to a trusted host.
 */
function authPolicy(opts) {
    // Calls in flight when the token expires all get a 401 together: they share one forced refresh.
    let refresh;
    const refreshed = (expired, operation) => {
        if (refresh?.from !== expired) {
            opts.emit({ type: 'tokenRefresh', operation });
            const promise = opts.tokens.getToken(true);
            const current = { from: expired, promise };
            refresh = current;
            // A failed refresh must not be reused by the next expiry.
            promise.catch(() => {
                if (refresh === current)
                    refresh = undefined;
            });
        }
        return refresh.promise;
    };
    return {
        name: 'auth',
        async send(req, next) {
            if (req.anonymous)
                return next(req);
            const url = assertSafeUrl(req.url);
            if (!isTrustedHost(url.hostname, opts.trustedHosts)) {
                throw new FabricClientError('UntrustedHost', `${req.operation}: refusing to send the access token to '${url.host}' (not a Fabric, Graph or Key Vault host); ` +
                    `add it to the client's trustedHosts if it is legitimate`);
            }
            const token = await opts.tokens.getToken();
            try {
                return await next({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
            }
            catch (err) {
                if (!(err instanceof FabricApiError) || err.status !== 401 || err.errorCode !== 'TokenExpired')
                    throw err;
                const fresh = await refreshed(token, req.operation);
                return next({ ...req, headers: { ...req.headers, authorization: `Bearer ${fresh}` } });
            }
        },
    };
}
/**
 * Concurrency slot first, then a token from the right bucket, then send at once: taking the token
 * first and queueing for a slot would let calls bunch up after their tokens were counted.
 */
function rateLimitPolicy(opts) {
    return {
        name: 'rateLimit',
        async send(req, next) {
            const release = opts.concurrency ? await opts.concurrency.acquire(req.signal) : undefined;
            try {
                if (opts.limiter) {
                    const waitMs = await opts.limiter.take(req.bucket, req.signal);
                    if (waitMs >= 1)
                        opts.emit({ type: 'rateLimited', operation: req.operation, bucket: req.bucket, waitMs });
                }
                return await next(req);
            }
            finally {
                release?.();
            }
        },
    };
}
/** Turns an HTTP error answer into a FabricApiError (status, errorCode, requestId, Retry-After). */
function errorPolicy() {
    return {
        name: 'errors',
        async send(req, next) {
            const res = await next(req);
            if (res.status < 400)
                return res;
            const path = safePath(req.url);
            throw new FabricApiError({
                operation: req.operation,
                status: res.status,
                body: res.body && typeof res.body === 'object' ? res.body : undefined,
                headerErrorCode: res.headers.get('x-ms-public-api-error-code') ?? undefined,
                requestId: res.headers.get('requestid') ??
                    res.headers.get('x-ms-request-id') ??
                    res.headers.get('request-id') ??
                    undefined,
                retryAfterSeconds: parseRetryAfter(res.headers.get('retry-after')),
                method: req.method,
                url: redactUrl(req.url),
                requiredRole: req.requiredRole ?? requiredRoleFor(req.method, path),
            });
        },
    };
}
/** Bounds one attempt (headers and body) and reports it as a network error `ETIMEDOUT`, which is retried. */
function timeoutPolicy() {
    return {
        name: 'timeout',
        async send(req, next) {
            if (!req.timeoutMs)
                return next(req);
            const timer = new AbortController();
            const handle = setTimeout(() => timer.abort(new Error('timeout')), req.timeoutMs);
            const signal = req.signal ? AbortSignal.any([req.signal, timer.signal]) : timer.signal;
            try {
                return await next({ ...req, signal });
            }
            catch (err) {
                if (timer.signal.aborted && !req.signal?.aborted) {
                    throw new FabricNetworkError({
                        operation: req.operation,
                        code: 'ETIMEDOUT',
                        message: `no complete answer within ${req.timeoutMs} ms`,
                        method: req.method,
                        url: redactUrl(req.url),
                        cause: err,
                    });
                }
                throw err;
            }
            finally {
                clearTimeout(handle);
            }
        },
    };
}
/** One `request` event per HTTP attempt, success or not. */
function loggingPolicy(opts) {
    return {
        name: 'logging',
        async send(req, next) {
            const start = performance.now();
            const base = {
                type: 'request',
                operation: req.operation,
                method: req.method,
                url: redactUrl(req.url),
                attempt: req.attempt,
                group: req.group,
            };
            try {
                const res = await next(req);
                opts.emit({
                    ...base,
                    status: res.status,
                    durationMs: performance.now() - start,
                    success: res.status < 400,
                    requestId: res.headers.get('requestid') ?? res.headers.get('x-ms-request-id') ?? undefined,
                    errorCode: res.status >= 400 ? (res.headers.get('x-ms-public-api-error-code') ?? undefined) : undefined,
                });
                return res;
            }
            catch (err) {
                const code = err?.code;
                opts.emit({
                    ...base,
                    status: 0,
                    durationMs: performance.now() - start,
                    success: false,
                    errorCode: code,
                });
                throw err;
            }
        },
    };
}
/** `Retry-After` as seconds: an integer, or an HTTP date. */
function parseRetryAfter(value, now = Date.now()) {
    if (value === null || value === undefined || value.trim() === '')
        return undefined;
    const n = Number(value);
    if (Number.isFinite(n))
        return Math.max(0, n);
    const date = Date.parse(value);
    if (Number.isFinite(date))
        return Math.max(0, Math.ceil((date - now) / 1000));
    return undefined;
}
function safePath(url) {
    try {
        const u = new URL(url);
        return u.pathname + u.search;
    }
    catch {
        return url;
    }
}

;// CONCATENATED MODULE: ./src/fabric/rate-limit.ts
/**
 * Client-side throttling: a token bucket per quota bucket (platform calls, LRO polls) and a
 * concurrency limit, so a large deploy stays under Fabric's per-identity quota instead of
 * provoking 429 storms.
 */
const systemClock = {
    now: () => performance.now(),
    sleep: (ms, signal) => abortableSleep(ms, signal),
};
function abortableSleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, Math.max(0, ms));
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/**
 * A token bucket with a FIFO queue of waiters. `take()` resolves when a token is available.
 * Over any span of T ms it lets through at most `capacity + refillPerMs·T` calls.
 */
class TokenBucket {
    capacity;
    refillPerMs;
    tokens;
    last;
    clock;
    queue = Promise.resolve();
    constructor(opts) {
        if (!(opts.capacity >= 1))
            throw new RangeError('token bucket capacity must be at least 1');
        if (!(opts.refillPerMs > 0))
            throw new RangeError('token bucket refill rate must be positive');
        this.capacity = opts.capacity;
        this.refillPerMs = opts.refillPerMs;
        this.clock = opts.clock ?? systemClock;
        this.tokens = opts.capacity;
        this.last = this.clock.now();
    }
    /** Tokens available now (fractional). */
    available() {
        this.refill();
        return this.tokens;
    }
    /** Takes a token if one is available now; returns the wait in ms otherwise (0 = taken). */
    tryTake() {
        this.refill();
        if (this.tokens >= 1) {
            this.tokens -= 1;
            return 0;
        }
        return Math.ceil((1 - this.tokens) / this.refillPerMs);
    }
    /** Waits for a token, in arrival order. Returns how long it waited (ms). */
    take(signal) {
        const start = this.clock.now();
        // Chain on the previous waiter so tokens go out first come, first served.
        const turn = this.queue.then(async () => {
            for (;;) {
                const wait = this.tryTake();
                if (wait === 0)
                    return;
                await this.clock.sleep(wait, signal);
            }
        });
        this.queue = turn.catch(() => undefined);
        return turn.then(() => this.clock.now() - start);
    }
    refill() {
        const now = this.clock.now();
        const elapsed = now - this.last;
        if (elapsed > 0) {
            this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerMs);
            this.last = now;
        }
    }
}
/** A counting semaphore with a FIFO queue. */
class ConcurrencyLimiter {
    limit;
    active = 0;
    waiters = [];
    constructor(limit) {
        this.limit = limit;
        if (!(limit >= 1))
            throw new RangeError('concurrency limit must be at least 1');
    }
    get inFlight() {
        return this.active;
    }
    get queued() {
        return this.waiters.length;
    }
    async acquire(signal) {
        if (this.active < this.limit) {
            this.active++;
            return this.releaser();
        }
        await new Promise((resolve, reject) => {
            const grant = () => {
                signal?.removeEventListener('abort', onAbort);
                resolve();
            };
            const onAbort = () => {
                const i = this.waiters.indexOf(grant);
                if (i >= 0)
                    this.waiters.splice(i, 1);
                reject(signal.reason);
            };
            if (signal?.aborted)
                return reject(signal.reason);
            signal?.addEventListener('abort', onAbort, { once: true });
            this.waiters.push(grant);
        });
        // The releaser handed its slot over: `active` was not decremented.
        return this.releaser();
    }
    releaser() {
        let done = false;
        return () => {
            if (done)
                return;
            done = true;
            const next = this.waiters.shift();
            if (next)
                next();
            else
                this.active--;
        };
    }
}
const RATE_LIMIT_DEFAULTS = { quota: 200, windowMs: 60_000, utilization: 0.9 };
/**
 * Token-bucket parameters that keep any window of `windowMs` at or below `utilization·quota`:
 * burst + refill·window ≤ utilization·quota. That holds whether the service counts with a
 * fixed window, a sliding window or its own token bucket.
 */
function bucketFor(quota, windowMs, utilization, burst) {
    const budget = Math.max(1, Math.floor(quota * utilization));
    const capacity = Math.max(1, Math.min(budget - 1 || 1, burst ?? Math.min(10, Math.floor(quota * 0.05))));
    const perWindow = Math.max(1, budget - capacity);
    return { capacity, refillPerMs: perWindow / windowMs };
}
/** The client-side limiter: one bucket per Fabric quota bucket. Share one instance across clients of one identity. */
class RateLimiter {
    buckets;
    constructor(opts = {}) {
        const quota = opts.quota ?? RATE_LIMIT_DEFAULTS.quota;
        const windowMs = opts.windowMs ?? RATE_LIMIT_DEFAULTS.windowMs;
        const utilization = opts.utilization ?? RATE_LIMIT_DEFAULTS.utilization;
        if (!(quota >= 1))
            throw new RangeError('rateLimit.quota must be at least 1');
        if (!(utilization > 0 && utilization <= 1))
            throw new RangeError('rateLimit.utilization must be in (0, 1]');
        this.buckets = {
            platform: new TokenBucket({
                ...bucketFor(quota, windowMs, utilization, opts.burst),
                clock: opts.clock,
            }),
            lro: new TokenBucket({
                ...bucketFor(opts.lroQuota ?? quota, windowMs, utilization, opts.burst),
                clock: opts.clock,
            }),
        };
    }
    bucket(name) {
        return this.buckets[name];
    }
    /** Waits for a token in `bucket`; resolves to the wait in ms. */
    take(bucket, signal) {
        return this.buckets[bucket].take(signal);
    }
}

// EXTERNAL MODULE: ./node_modules/p-retry/index.js + 1 modules
var p_retry = __webpack_require__(74995);
;// CONCATENATED MODULE: ./src/fabric/retry.ts
/**
 * Retry with p-retry: 408, 429, 5xx (500/502/503/504), ItemDisplayNameNotAvailableYet and network
 * errors; exponential backoff (2 s, 4 s, 8 s by default); never sooner than `Retry-After`; creates
 * are checked for before they are sent again.
 */



const RETRY_DEFAULTS = {
    retries: 3,
    baseDelayMs: 2000,
    factor: 2,
    maxDelayMs: 60_000,
    jitter: 0,
};
/** Backoff before retry number `retry` (1-based), never shorter than `retryAfterMs`. */
function computeRetryDelay(retry, opts = {}, retryAfterMs, random = Math.random) {
    const base = opts.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
    const factor = opts.factor ?? RETRY_DEFAULTS.factor;
    const max = opts.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
    const jitter = opts.jitter ?? RETRY_DEFAULTS.jitter;
    let delay = Math.min(max, base * factor ** Math.max(0, retry - 1));
    if (jitter > 0)
        delay += delay * jitter * random();
    return Math.round(Math.max(delay, retryAfterMs ?? 0));
}
/** A short reason for the retry event and logs. */
function retryReason(err) {
    if (err instanceof FabricApiError)
        return `${err.status} ${err.errorCode}`;
    if (err instanceof FabricNetworkError)
        return err.code;
    return err instanceof Error ? err.message : String(err);
}
const CONFLICT_CODES = new Set([
    'ItemDisplayNameAlreadyInUse',
    'WorkspaceNameAlreadyExists',
    'FolderDisplayNameAlreadyInUse',
    'PrincipalAlreadyHasWorkspaceRolePermissions',
    'WorkspaceAlreadyConnectedToGit',
    'WorkspaceGitConnectionAlreadyInitialized',
    'WorkspaceHeadMismatch',
]);
function retryPolicy(opts) {
    const clock = opts.clock ?? systemClock;
    const retries = opts.retry.retries ?? RETRY_DEFAULTS.retries;
    return {
        name: 'retry',
        async send(req, next) {
            // Set once an attempt failed in a way that may have applied a create.
            let ambiguous = false;
            const recovered = async (why) => {
                const found = await req.findCreated();
                if (found === undefined)
                    return undefined;
                opts.emit({ type: 'duplicateAvoided', operation: req.operation, reason: why });
                return syntheticCreated(req, found);
            };
            return (0,p_retry/* default */.Ay)(async (attemptNumber) => {
                if (attemptNumber > 1 && ambiguous && req.findCreated) {
                    const r = await recovered('an earlier attempt was applied before its answer was lost; not sending the create again');
                    if (r)
                        return r;
                }
                try {
                    return await next({ ...req, attempt: attemptNumber });
                }
                catch (err) {
                    // An earlier attempt may have applied the change: whatever this one says, the outcome is unknown.
                    if (ambiguous)
                        markAmbiguousEarlier(err);
                    // The resend collided with what the lost attempt created: that is the result.
                    if (ambiguous &&
                        req.findCreated &&
                        err instanceof FabricApiError &&
                        CONFLICT_CODES.has(err.errorCode)) {
                        const why = `the resent create met ${err.errorCode}: the first attempt had been applied`;
                        const deadline = clock.now() + (opts.retry.createRecoveryWaitMs ?? 60_000);
                        for (let k = 0;; k++) {
                            const r = await recovered(why);
                            if (r)
                                return r;
                            const left = deadline - clock.now();
                            if (left <= 0)
                                break;
                            await clock.sleep(Math.min(left, 250 * 2 ** k, 10_000), req.signal);
                        }
                        // Still nothing: a different item holds the name. Not retriable.
                        throw err;
                    }
                    // A resent DELETE that finds nothing: the lost attempt did the delete.
                    if (ambiguous && req.method === 'DELETE' && err instanceof FabricApiError && err.status === 404) {
                        opts.emit({
                            type: 'duplicateAvoided',
                            operation: req.operation,
                            reason: 'the resent delete found nothing: the first attempt had been applied',
                        });
                        return { status: 200, headers: new Headers(), text: '', body: undefined, request: req };
                    }
                    if (isAmbiguousFailure(err))
                        ambiguous = true;
                    throw err;
                }
            }, {
                retries,
                // The delay is computed and slept in shouldRetry so Retry-After can stretch it.
                minTimeout: 0,
                factor: 1,
                maxRetryTime: opts.retry.maxRetryTimeMs,
                signal: req.signal,
                shouldRetry: async ({ error, retriesConsumed }) => {
                    if (!isRetriableError(error))
                        return false;
                    const retryAfterSeconds = error instanceof FabricApiError ? error.retryAfterSeconds : undefined;
                    if (error instanceof FabricApiError && error.status === 429) {
                        opts.emit({
                            type: 'throttled',
                            operation: req.operation,
                            group: req.group,
                            retryAfter: retryAfterSeconds ?? 0,
                        });
                    }
                    if (retryAfterSeconds !== undefined &&
                        retryAfterSeconds * 1000 > (opts.retry.maxRetryAfterMs ?? 300_000)) {
                        return false;
                    }
                    const delayMs = computeRetryDelay(retriesConsumed + 1, opts.retry, retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000);
                    opts.emit({
                        type: 'retry',
                        operation: req.operation,
                        group: req.group,
                        attempt: retriesConsumed + 2,
                        delayMs,
                        reason: retryReason(error),
                    });
                    await clock.sleep(delayMs, req.signal);
                    return true;
                },
            });
        },
    };
}
function syntheticCreated(req, found) {
    const text = JSON.stringify(found);
    return {
        status: 201,
        headers: new Headers({ 'content-type': 'application/json', 'x-fabric-deploy-recovered': 'true' }),
        text,
        body: found,
        request: req,
    };
}

;// CONCATENATED MODULE: ./src/fabric/http-client.ts







const CLIENT_VERSION = '0.1.0';
function detectHostName(env = process.env) {
    if (env.GITHUB_ACTIONS === 'true')
        return 'github-actions';
    if (env.TF_BUILD || env.AGENT_ID)
        return 'azure-devops';
    return 'cli';
}
function defaultUserAgent(version = CLIENT_VERSION, hostName = detectHostName()) {
    return `fabric-deploy/${version} (${hostName})`;
}
class HttpClient {
    options;
    pipeline;
    breakers;
    limiter;
    concurrency;
    userAgent;
    trustedHosts;
    dispatcher;
    ownsDispatcher;
    timeoutMs;
    defaultGroup;
    emit;
    /** Counters since the client was made (requests, retries, throttled, circuits opened, …). */
    stats = newStats();
    constructor(options, extraTrustedHosts = []) {
        this.options = options;
        const listener = emitter(options.onEvent);
        const log = options.onLog ? emitter((e) => options.onLog(logLevel(e), describeEvent(e))) : undefined;
        this.emit = (e) => {
            count(this.stats, e);
            listener(e);
            log?.(e);
        };
        this.userAgent = options.userAgent ?? defaultUserAgent(options.version, options.hostName);
        this.timeoutMs = options.timeoutMs ?? 60_000;
        this.defaultGroup = options.defaultGroup;
        this.trustedHosts = [
            ...DEFAULT_TRUSTED_HOST_SUFFIXES,
            ...extraTrustedHosts,
            ...(options.trustedHosts ?? []),
        ];
        this.breakers =
            options.circuitBreaker === false
                ? undefined
                : new CircuitBreakers(options.circuitBreaker ?? {}, this.emit);
        this.limiter =
            options.rateLimiter ??
                (options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? {}));
        const maxConcurrency = options.maxConcurrency ?? 10;
        this.concurrency = maxConcurrency === false ? undefined : new ConcurrencyLimiter(maxConcurrency);
        let transport = options.transport;
        if (!transport) {
            this.dispatcher =
                options.dispatcher ??
                    createDispatcher({ proxy: options.proxy, caCertificates: options.caCertificates });
            transport = undiciTransport(this.dispatcher);
        }
        this.ownsDispatcher = !options.dispatcher && !options.transport;
        const policies = [
            headersPolicy({ userAgent: this.userAgent, correlationId: options.correlationId }),
        ];
        policies.push(...(options.policies ?? []));
        if (this.breakers)
            policies.push(breakerPolicy(this.breakers));
        if (options.retry !== false)
            policies.push(retryPolicy({ retry: options.retry ?? {}, emit: this.emit }));
        policies.push(...(options.tokens
            ? [authPolicy({ tokens: options.tokens, trustedHosts: this.trustedHosts, emit: this.emit })]
            : []), rateLimitPolicy({ limiter: this.limiter, concurrency: this.concurrency, emit: this.emit }), errorPolicy(), timeoutPolicy(), loggingPolicy({ emit: this.emit }));
        this.pipeline = new Pipeline(policies, transport);
    }
    /** Sends one logical call (with its retries) to an absolute URL. Throws FabricApiError on an error answer. */
    request(operation, method, url, opts = {}) {
        assertSafeUrl(url);
        const body = opts.body === undefined
            ? undefined
            : typeof opts.body === 'string'
                ? opts.body
                : JSON.stringify(opts.body);
        const req = {
            operation,
            method: method.toUpperCase(),
            url,
            headers: { ...(opts.headers ?? {}) },
            body,
            group: opts.group ?? this.defaultGroup ?? endpointGroup(url),
            bucket: opts.bucket ?? (isOperationsUrl(url) ? 'lro' : 'platform'),
            timeoutMs: opts.timeoutMs ?? this.timeoutMs,
            signal: opts.signal,
            attempt: 1,
            findCreated: opts.findCreated,
            requiredRole: opts.requiredRole,
            anonymous: opts.anonymous,
        };
        return this.pipeline.send(req);
    }
    /** Closes idle keep-alive sockets and the breakers' timers. */
    async close() {
        this.breakers?.shutdown();
        if (this.ownsDispatcher && this.dispatcher)
            await this.dispatcher.close();
    }
}
/** LRO polling endpoints have their own quota bucket in Fabric. */
function isOperationsUrl(url) {
    try {
        return /\/operations\/[^/]+(\/result)?\/?$/.test(new URL(url).pathname);
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/fabric/lro.ts
/**
 * Long-running operations (fabric-api-notes §2): a 202 carries `Location` (absolute, possibly another
 * host) and `x-ms-operation-id`; polling returns an OperationState; a Succeeded state that has a result
 * points `Location` at `/operations/{id}/result`; a Failed state carries the service's error.
 */



const LRO_DEFAULTS = {
    initialDelayMs: 1000,
    minIntervalMs: 500,
    maxIntervalMs: 30_000,
    deadlineMs: 20 * 60_000,
};
/**
 * Interval before poll number `poll` (0-based): short early polls doubling from `initialDelayMs`,
 * with `Retry-After` as the upper bound (not the floor) and `minIntervalMs` as the floor.
 */
function pollDelay(poll, opts = {}, retryAfterMs) {
    const initial = opts.initialDelayMs ?? LRO_DEFAULTS.initialDelayMs;
    const min = opts.minIntervalMs ?? LRO_DEFAULTS.minIntervalMs;
    const max = opts.maxIntervalMs ?? LRO_DEFAULTS.maxIntervalMs;
    const upper = retryAfterMs === undefined ? max : Math.min(retryAfterMs, max);
    const early = initial * 2 ** Math.min(poll, 30);
    return Math.max(min, Math.min(early, upper));
}
/** A poller with inspectable state (in the style of Azure core-lro). */
class LroPoller {
    host;
    operation;
    opts;
    state;
    retryAfterMs;
    startedAt = Date.now();
    constructor(host, operation, initial, opts = {}) {
        this.host = host;
        this.operation = operation;
        this.opts = opts;
        this.state = { status: 'NotStarted', polls: 0 };
        if (initial.status !== 202) {
            // Finished in-line (200/201): the body is the result.
            this.state.status = 'Succeeded';
            this.state.result = initial.body;
            return;
        }
        const operationId = initial.headers.get('x-ms-operation-id') ?? undefined;
        const location = initial.headers.get('location');
        this.state.operationId = operationId;
        this.state.pollUrl = location
            ? new URL(location, initial.request.url).toString()
            : operationId
                ? `${host.baseUrl.replace(/\/$/, '')}/operations/${encodeURIComponent(operationId)}`
                : undefined;
        this.retryAfterMs = secondsToMs(parseRetryAfter(initial.headers.get('retry-after')));
        // A 202 with neither header (assignToCapacity style) has nothing to poll.
        if (!this.state.pollUrl)
            this.state.status = 'Succeeded';
    }
    get isDone() {
        return (this.state.status === 'Succeeded' || this.state.status === 'Failed' || this.state.status === 'Undefined');
    }
    /** The wait before the next poll. */
    nextDelayMs() {
        const first = this.opts.firstPollDelayMs;
        if (this.state.polls > 0 || first === undefined)
            return pollDelay(this.state.polls, this.opts, this.retryAfterMs);
        const min = this.opts.minIntervalMs ?? LRO_DEFAULTS.minIntervalMs;
        return Math.max(min, this.retryAfterMs === undefined ? first : Math.min(first, this.retryAfterMs));
    }
    /**
     * Waits the next interval (never past the deadline), polls once and updates `state`. At the deadline
     * it looks once more before giving up: an operation that finished in the meantime is not reported
     * as failed.
     */
    async poll() {
        if (this.isDone)
            return;
        const deadlineMs = this.opts.deadlineMs ?? LRO_DEFAULTS.deadlineMs;
        const deadline = this.startedAt + deadlineMs;
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
            if (this.lastPollAt >= deadline)
                throw this.deadlineError(deadlineMs);
            await this.pollOnce();
            if (!this.isDone)
                throw this.deadlineError(deadlineMs);
            return;
        }
        await abortableSleep(Math.min(this.nextDelayMs(), remaining), this.opts.signal);
        await this.pollOnce();
    }
    lastPollAt = 0;
    async pollOnce() {
        const pollUrl = this.state.pollUrl;
        this.lastPollAt = Date.now();
        const res = await this.host.get(this.operation, pollUrl, this.opts.signal);
        this.state.polls++;
        this.retryAfterMs = secondsToMs(parseRetryAfter(res.headers.get('retry-after'))) ?? this.retryAfterMs;
        const body = (res.body ?? {});
        this.state.status = body.status ?? 'Undefined';
        this.state.percentComplete = body.percentComplete;
        this.state.operationId ??= res.headers.get('x-ms-operation-id') ?? undefined;
        this.host.emit({
            type: 'lro',
            operation: this.operation,
            operationId: this.state.operationId,
            status: this.state.status,
            percentComplete: body.percentComplete,
        });
        if (this.state.status === 'Succeeded') {
            const next = res.headers.get('location');
            const resultUrl = next ? new URL(next, pollUrl).toString() : undefined;
            // Only fetch a result the service points at; no Location means the operation has none.
            if (resultUrl && resultUrl !== pollUrl) {
                const result = await this.host.get(`${this.operation} (result)`, resultUrl, this.opts.signal);
                this.state.result = result.body;
            }
            return;
        }
        if (this.state.status === 'Failed' || this.state.status === 'Undefined') {
            const error = body.error ?? {
                errorCode: 'OperationFailed',
                message: `the operation ended ${this.state.status} without an error`,
            };
            this.state.error = new FabricApiError({
                operation: this.operation,
                status: 0,
                body: error,
                requestId: res.headers.get('requestid') ?? undefined,
                operationId: this.state.operationId,
            });
            return;
        }
    }
    /** Polls until Succeeded (returns the result, if any) or Failed (throws the service's error). */
    async pollUntilDone() {
        while (!this.isDone)
            await this.poll();
        if (this.state.error)
            throw this.state.error;
        return this.state.result;
    }
    deadlineError(deadlineMs) {
        const pct = this.state.percentComplete != null ? `, ${this.state.percentComplete}%` : '';
        return new FabricApiError({
            operation: this.operation,
            status: 0,
            body: {
                errorCode: 'OperationDeadlineExceeded',
                message: `still ${this.state.status}${pct} after ${Math.round(deadlineMs / 1000)} s (${this.state.polls} polls)`,
            },
            operationId: this.state.operationId,
        });
    }
}
function secondsToMs(s) {
    return s === undefined ? undefined : s * 1000;
}

;// CONCATENATED MODULE: ./src/fabric/paging.ts
/**
 * Pagination (fabric-api-notes §4): follow `continuationUri` exactly as given, or, when only
 * `continuationToken` is there, resend the first request with `?continuationToken=`. The last page has
 * neither. (fabric-cicd reads these from the headers and so never pages; they are in the body.)
 */

/** Next page URL, or undefined on the last page. */
function nextPageUrl(firstUrl, currentUrl, page) {
    if (!page)
        return undefined;
    if (page.continuationUri)
        return new URL(page.continuationUri, currentUrl).toString();
    if (page.continuationToken) {
        const u = new URL(firstUrl);
        // The service hands tokens out already percent-encoded; decode so URLSearchParams encodes once.
        u.searchParams.set('continuationToken', safeDecode(page.continuationToken));
        return u.toString();
    }
    return undefined;
}
function safeDecode(s) {
    if (!/%[0-9a-f]{2}/i.test(s))
        return s;
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
/** Yields each page's response, first to last. */
async function* pages(get, firstUrl, opts = {}) {
    const max = opts.maxPages ?? 10_000;
    const seen = new Set();
    let url = firstUrl;
    for (let n = 0; url; n++) {
        if (n >= max)
            throw new FabricClientError('TooManyPages', `stopped after ${max} pages of ${firstUrl}`);
        if (seen.has(url))
            throw new FabricClientError('PaginationLoop', `the service returned the same page link twice: ${url}`);
        seen.add(url);
        opts.signal?.throwIfAborted();
        const res = await get(url);
        yield res;
        url = nextPageUrl(firstUrl, url, res.body);
    }
}

;// CONCATENATED MODULE: ./src/fabric/client.ts






const seg = encodeURIComponent;
class FabricClient {
    options;
    http;
    baseUrl;
    lroDefaults;
    constructor(options) {
        this.options = options;
        const base = assertSafeUrl(options.baseUrl, 'Fabric API base URL');
        this.baseUrl = base.toString().replace(/\/$/, '');
        this.http = new HttpClient(options, [base.hostname]);
        this.lroDefaults = { ...options.lro, deadlineMs: options.lro?.deadlineMs ?? options.lroTimeoutMs };
    }
    /** Closes keep-alive sockets and breaker timers. */
    close() {
        return this.http.close();
    }
    /** Absolute URL for a path under the base URL (absolute URLs pass through). */
    url(pathOrUrl) {
        return /^https?:\/\//i.test(pathOrUrl)
            ? pathOrUrl
            : this.baseUrl + (pathOrUrl.startsWith('/') ? '' : '/') + pathOrUrl;
    }
    /** One call through the pipeline. A POST that creates something is guarded against duplicates automatically. */
    async send(operation, method, pathOrUrl, body, opts = {}) {
        const url = this.url(pathOrUrl);
        const findCreated = opts.findCreated ?? (method.toUpperCase() === 'POST' ? this.createFinder(url, body) : undefined);
        const res = await this.http.request(operation, method, url, { ...opts, body, findCreated });
        return { status: res.status, headers: res.headers, body: res.body };
    }
    // ------------------------------------------------------------------ LRO
    /** Starts a call that may answer 202 and returns its poller (state inspectable, `pollUntilDone()`). */
    async beginLro(operation, method, path, body, opts = {}) {
        const url = this.url(path);
        const findCreated = opts.findCreated ?? (method.toUpperCase() === 'POST' ? this.createFinder(url, body) : undefined);
        const first = await this.http.request(operation, method, url, { ...opts, body, findCreated });
        const lroOpts = {
            initialDelayMs: opts.initialDelayMs ?? this.lroDefaults.initialDelayMs,
            minIntervalMs: opts.minIntervalMs ?? this.lroDefaults.minIntervalMs,
            maxIntervalMs: opts.maxIntervalMs ?? this.lroDefaults.maxIntervalMs,
            deadlineMs: opts.deadlineMs ?? this.lroDefaults.deadlineMs,
            firstPollDelayMs: opts.firstPollDelayMs,
            signal: opts.signal,
        };
        return new LroPoller({
            baseUrl: this.baseUrl,
            emit: this.http.emit,
            get: (op, pollUrl, signal) => this.http.request(op, 'GET', pollUrl, { signal, timeoutMs: opts.timeoutMs }),
        }, operation, first, lroOpts);
    }
    /** Runs a call that may answer 202: polls `Location` until done and returns the result, if any. */
    async lro(operation, method, path, body, opts = {}) {
        const poller = await this.beginLro(operation, method, path, body, opts);
        return poller.pollUntilDone();
    }
    // ------------------------------------------------------------------ paging
    /** Every item of a paged list, following continuationUri / continuationToken to the last page. */
    async *paginate(operation, path, opts = {}) {
        const get = (url) => this.http.request(operation, 'GET', url, opts);
        for await (const page of pages(get, this.url(path), opts)) {
            for (const v of page.body?.value ?? [])
                yield v;
        }
    }
    async listAll(operation, path, opts = {}) {
        const out = [];
        for await (const v of this.paginate(operation, path, opts))
            out.push(v);
        return out;
    }
    // ------------------------------------------------------------------ workspaces
    listWorkspaces(opts = {}) {
        const q = opts.roles?.length ? `?roles=${seg(opts.roles.join(','))}` : '';
        return this.listAll('list workspaces', `/workspaces${q}`);
    }
    async getWorkspace(id) {
        return (await this.send('get workspace', 'GET', `/workspaces/${seg(id)}`)).body;
    }
    /** The workspace with this display name (case-insensitive), if the caller can see it. */
    async findWorkspaceByName(displayName) {
        const want = displayName.toLowerCase();
        for await (const w of this.paginate('find workspace', '/workspaces')) {
            if (w.displayName.toLowerCase() === want)
                return w;
        }
        return undefined;
    }
    async createWorkspace(req) {
        return (await this.send(`create workspace '${req.displayName}'`, 'POST', '/workspaces', req))
            .body;
    }
    async updateWorkspace(id, req) {
        return (await this.send('update workspace', 'PATCH', `/workspaces/${seg(id)}`, req)).body;
    }
    async deleteWorkspace(id) {
        await this.send('delete workspace', 'DELETE', `/workspaces/${seg(id)}`);
    }
    /**
     * Assigns the workspace to a capacity (202, not an LRO) and, unless `wait: false`, polls the workspace
     * until `capacityAssignmentProgress` leaves InProgress.
     */
    async assignToCapacity(workspaceId, capacityId, opts = {}) {
        await this.send('assign workspace to capacity', 'POST', `/workspaces/${seg(workspaceId)}/assignToCapacity`, { capacityId });
        if (opts.wait === false)
            return undefined;
        return this.waitForCapacityAssignment(workspaceId, opts, (w) => w.capacityId?.toLowerCase() === capacityId.toLowerCase());
    }
    async unassignFromCapacity(workspaceId, opts = {}) {
        await this.send('unassign workspace from capacity', 'POST', `/workspaces/${seg(workspaceId)}/unassignFromCapacity`);
        if (opts.wait === false)
            return undefined;
        return this.waitForCapacityAssignment(workspaceId, opts, (w) => !w.capacityId);
    }
    /** Polls `GET /workspaces/{id}` until the capacity assignment completes (or fails). */
    async waitForCapacityAssignment(workspaceId, opts = {}, isTarget = () => true) {
        return this.waitFor('capacity assignment', () => this.getWorkspace(workspaceId), (w) => {
            const p = w.capacityAssignmentProgress;
            if (p === 'Failed') {
                throw new FabricApiError({
                    operation: 'assign workspace to capacity',
                    status: 0,
                    body: {
                        errorCode: 'AssignWorkspaceToCapacityFailed',
                        message: `capacity assignment of workspace ${workspaceId} failed`,
                    },
                });
            }
            // Absent progress means the service has nothing in flight.
            return (p === undefined || p === 'Completed') && isTarget(w);
        }, { timeoutMs: 5 * 60_000, ...opts });
    }
    // ------------------------------------------------------------------ capacities
    listCapacities() {
        return this.listAll('list capacities', '/capacities');
    }
    async getCapacity(id) {
        return (await this.send('get capacity', 'GET', `/capacities/${seg(id)}`)).body;
    }
    // ------------------------------------------------------------------ role assignments
    listRoleAssignments(workspaceId) {
        return this.listAll('list role assignments', `/workspaces/${seg(workspaceId)}/roleAssignments`);
    }
    async getRoleAssignment(workspaceId, id) {
        return (await this.send('get role assignment', 'GET', `/workspaces/${seg(workspaceId)}/roleAssignments/${seg(id)}`)).body;
    }
    async addRoleAssignment(workspaceId, req) {
        const op = `add ${req.role} role for ${req.principal.type} ${req.principal.id}`;
        return (await this.send(op, 'POST', `/workspaces/${seg(workspaceId)}/roleAssignments`, req)).body;
    }
    async updateRoleAssignment(workspaceId, id, role) {
        return (await this.send(`set role ${role} for ${id}`, 'PATCH', `/workspaces/${seg(workspaceId)}/roleAssignments/${seg(id)}`, { role })).body;
    }
    async deleteRoleAssignment(workspaceId, id) {
        await this.send(`remove role assignment ${id}`, 'DELETE', `/workspaces/${seg(workspaceId)}/roleAssignments/${seg(id)}`);
    }
    // ------------------------------------------------------------------ items
    listItems(workspaceId, type, opts = {}) {
        const q = new URLSearchParams();
        if (type)
            q.set('type', type);
        if (opts.recursive !== undefined)
            q.set('recursive', String(opts.recursive));
        if (opts.rootFolderId)
            q.set('rootFolderId', opts.rootFolderId);
        const qs = q.toString();
        return this.listAll(type ? `list ${type} items` : 'list items', `/workspaces/${seg(workspaceId)}/items${qs ? `?${qs}` : ''}`);
    }
    async getItem(workspaceId, itemId) {
        return (await this.send('get item', 'GET', `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}`))
            .body;
    }
    /** Creates an item (201, or 202 → poll → result). Never creates it twice, even when an answer is lost. */
    async createItem(workspaceId, req, opts = {}) {
        const op = `create ${req.type} '${req.displayName}'`;
        const item = await this.lro(op, 'POST', `/workspaces/${seg(workspaceId)}/items`, req, opts);
        if (item && typeof item === 'object' && 'id' in item)
            return item;
        // An operation without a result: find what it made.
        const found = (await this.listItems(workspaceId, req.type)).find((i) => sameName(i.displayName, req.displayName));
        if (!found)
            throw new Error(`${op} succeeded but the item is not in the workspace`);
        return found;
    }
    async updateItem(workspaceId, itemId, req) {
        return (await this.send(`update item ${req.displayName ?? itemId}`, 'PATCH', `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}`, req)).body;
    }
    /** Deletes an item: soft where the type supports it, hard (`hardDelete=true`, needs Admin) on request. */
    async deleteItem(workspaceId, itemId, opts = {}) {
        const q = opts.hardDelete ? '?hardDelete=true' : '';
        await this.send(opts.operation ?? `delete item ${itemId}`, 'DELETE', `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}${q}`);
    }
    /** The item's definition (LRO; result fetched from `/result`). */
    async getItemDefinition(workspaceId, itemId, opts = {}) {
        const q = opts.format ? `?format=${seg(opts.format)}` : '';
        const op = opts.operation ?? `get definition of item ${itemId}`;
        const res = await this.lro(op, 'POST', `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}/getDefinition${q}`, undefined, opts);
        if (!res?.definition)
            throw new Error(`${op} returned no definition`);
        return res.definition;
    }
    async updateItemDefinition(workspaceId, item, definition, opts = {}) {
        const q = opts.updateMetadata === false ? '' : '?updateMetadata=true';
        await this.lro(`update definition of ${item.type} '${item.displayName}'`, 'POST', `/workspaces/${seg(workspaceId)}/items/${seg(item.id)}/updateDefinition${q}`, { definition }, opts);
    }
    /** Moves an item (and its children) to a folder, or to the workspace root when `targetFolderId` is undefined. */
    async moveItem(workspaceId, itemId, targetFolderId) {
        const body = targetFolderId ? { targetFolderId } : {};
        const res = await this.send(`move item ${itemId}`, 'POST', `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}/move`, body);
        return res.body?.value ?? [];
    }
    async bulkMoveItems(workspaceId, itemIds, targetFolderId) {
        const res = await this.send(`move ${itemIds.length} items`, 'POST', `/workspaces/${seg(workspaceId)}/items/bulkMove`, {
            items: itemIds,
            ...(targetFolderId ? { targetFolderId } : {}),
        });
        return res.body?.value ?? [];
    }
    // ------------------------------------------------------------------ typed item endpoints
    /** `GET /workspaces/{ws}/{collection}/{id}` (e.g. `lakehouses`); a 202 (provisioning warehouse) is polled. */
    async getTypedItem(workspaceId, collection, itemId, opts = {}) {
        const res = await this.lro(`get ${collection} ${itemId}`, 'GET', `/workspaces/${seg(workspaceId)}/${collection}/${seg(itemId)}`, undefined, opts);
        return res;
    }
    getLakehouse(workspaceId, id) {
        return this.getTypedItem(workspaceId, 'lakehouses', id);
    }
    getWarehouse(workspaceId, id) {
        return this.getTypedItem(workspaceId, 'warehouses', id);
    }
    getEnvironment(workspaceId, id) {
        return this.getTypedItem(workspaceId, 'environments', id);
    }
    /** Polls a lakehouse until its SQL endpoint is provisioned (bounded; fabric-cicd's loop is not). */
    async waitForLakehouseSqlEndpoint(workspaceId, lakehouseId, opts = {}) {
        return this.waitFor(`SQL endpoint of lakehouse ${lakehouseId}`, () => this.getLakehouse(workspaceId, lakehouseId), (lh) => {
            const status = lh.properties?.sqlEndpointProperties?.provisioningStatus;
            if (status === 'Failed') {
                throw new FabricApiError({
                    operation: `provision SQL endpoint of lakehouse '${lh.displayName}'`,
                    status: 0,
                    body: { errorCode: 'SqlEndpointProvisioningFailed', message: 'provisioningStatus is Failed' },
                });
            }
            return status === 'Success';
        }, { timeoutMs: 5 * 60_000, ...opts });
    }
    /**
     * Publishes an environment's staged changes (`staging/publish?beta=false`, LRO with a long deadline).
     * When the service gives nothing to poll, waits on `publishDetails.state` instead.
     */
    async publishEnvironment(workspaceId, environmentId, opts = {}) {
        const deadlineMs = opts.deadlineMs ?? this.options.environmentPublishDeadlineMs ?? 60 * 60_000;
        const poller = await this.beginLro(`publish environment ${environmentId}`, 'POST', `/workspaces/${seg(workspaceId)}/environments/${seg(environmentId)}/staging/publish?beta=false`, undefined, { ...opts, deadlineMs });
        const hadOperation = !!poller.state.pollUrl;
        await poller.pollUntilDone();
        const env = () => this.getEnvironment(workspaceId, environmentId);
        if (hadOperation)
            return env();
        return this.waitFor(`publish of environment ${environmentId}`, env, (e) => {
            const state = e.properties?.publishDetails?.state;
            if (state === 'Failed' || state === 'Cancelled') {
                throw new FabricApiError({
                    operation: `publish environment '${e.displayName}'`,
                    status: 0,
                    body: { errorCode: `EnvironmentPublish${state}`, message: `publishDetails.state is ${state}` },
                });
            }
            return state === undefined || state === 'Success';
        }, {
            timeoutMs: deadlineMs,
            initialDelayMs: opts.initialDelayMs,
            maxIntervalMs: opts.maxIntervalMs,
            signal: opts.signal,
        });
    }
    // ------------------------------------------------------------------ folders
    listFolders(workspaceId, opts = {}) {
        const q = new URLSearchParams();
        if (opts.rootFolderId)
            q.set('rootFolderId', opts.rootFolderId);
        if (opts.recursive !== undefined)
            q.set('recursive', String(opts.recursive));
        const qs = q.toString();
        return this.listAll('list folders', `/workspaces/${seg(workspaceId)}/folders${qs ? `?${qs}` : ''}`);
    }
    async getFolder(workspaceId, folderId) {
        return (await this.send('get folder', 'GET', `/workspaces/${seg(workspaceId)}/folders/${seg(folderId)}`)).body;
    }
    async createFolder(workspaceId, req) {
        return (await this.send(`create folder '${req.displayName}'`, 'POST', `/workspaces/${seg(workspaceId)}/folders`, req)).body;
    }
    async updateFolder(workspaceId, folderId, displayName) {
        return (await this.send(`rename folder to '${displayName}'`, 'PATCH', `/workspaces/${seg(workspaceId)}/folders/${seg(folderId)}`, { displayName })).body;
    }
    async deleteFolder(workspaceId, folderId) {
        await this.send(`delete folder ${folderId}`, 'DELETE', `/workspaces/${seg(workspaceId)}/folders/${seg(folderId)}`);
    }
    async moveFolder(workspaceId, folderId, targetFolderId) {
        const body = targetFolderId ? { targetFolderId } : {};
        return (await this.send(`move folder ${folderId}`, 'POST', `/workspaces/${seg(workspaceId)}/folders/${seg(folderId)}/move`, body)).body;
    }
    // ------------------------------------------------------------------ git
    async getGitConnection(workspaceId) {
        return (await this.send('get Git connection', 'GET', `/workspaces/${seg(workspaceId)}/git/connection`)).body;
    }
    /**
     * Connects the workspace to Git. After a lost answer the resend is not blind: a connection that
     * matches the request is the first attempt's doing, and counts as done.
     */
    async connectGit(workspaceId, req) {
        await this.send('connect workspace to Git', 'POST', `/workspaces/${seg(workspaceId)}/git/connect`, req, {
            findCreated: async () => {
                const conn = await this.getGitConnection(workspaceId);
                return conn.gitConnectionState !== 'NotConnected' && sameGitProvider(conn, req) ? conn : undefined;
            },
        });
    }
    async disconnectGit(workspaceId) {
        await this.send('disconnect workspace from Git', 'POST', `/workspaces/${seg(workspaceId)}/git/disconnect`);
    }
    async initializeGitConnection(workspaceId, req, opts = {}) {
        // After a lost answer: a connection already initialized is the first attempt's doing; what it
        // would have answered is rebuilt from the heads in the Git status.
        const findCreated = async () => {
            const conn = await this.getGitConnection(workspaceId);
            if (conn.gitConnectionState !== 'ConnectedAndInitialized')
                return undefined;
            const st = await this.getGitStatus(workspaceId);
            const remote = st.remoteCommitHash ?? undefined;
            const head = st.workspaceHead ?? undefined;
            return {
                requiredAction: remote && remote !== head ? 'UpdateFromGit' : 'None',
                remoteCommitHash: remote,
                workspaceHead: head,
            };
        };
        return this.lro('initialize Git connection', 'POST', `/workspaces/${seg(workspaceId)}/git/initializeConnection`, req, { ...opts, findCreated });
    }
    /** Git status (a GET that may answer 202 and be polled). */
    async getGitStatus(workspaceId, opts = {}) {
        const res = await this.lro('get Git status', 'GET', `/workspaces/${seg(workspaceId)}/git/status`, undefined, opts);
        if (!res)
            throw new Error('get Git status returned no status');
        return res;
    }
    async updateFromGit(workspaceId, req, opts = {}) {
        // After a lost answer: a workspace whose head is already the requested remote commit was updated.
        const findCreated = async () => {
            const st = await this.getGitStatus(workspaceId);
            return req.remoteCommitHash && st.workspaceHead === req.remoteCommitHash ? {} : undefined;
        };
        await this.lro('update workspace from Git', 'POST', `/workspaces/${seg(workspaceId)}/git/updateFromGit`, req, { ...opts, findCreated });
    }
    async commitToGit(workspaceId, req, opts = {}) {
        await this.lro('commit workspace to Git', 'POST', `/workspaces/${seg(workspaceId)}/git/commitToGit`, req, opts);
    }
    async getMyGitCredentials(workspaceId) {
        return (await this.send('get my Git credentials', 'GET', `/workspaces/${seg(workspaceId)}/git/myGitCredentials`)).body;
    }
    async updateMyGitCredentials(workspaceId, req) {
        return (await this.send('set my Git credentials', 'PATCH', `/workspaces/${seg(workspaceId)}/git/myGitCredentials`, req)).body;
    }
    // ------------------------------------------------------------------ operations
    async getOperationState(operationId) {
        return (await this.send('get operation state', 'GET', `/operations/${seg(operationId)}`))
            .body;
    }
    async getOperationResult(operationId) {
        return (await this.send('get operation result', 'GET', `/operations/${seg(operationId)}/result`)).body;
    }
    // ------------------------------------------------------------------ internals
    /** Polls `get` until `done` says so (or throws), doubling the interval, bounded by `timeoutMs`. */
    async waitFor(what, get, done, opts) {
        const timeoutMs = opts.timeoutMs ?? LRO_DEFAULTS.deadlineMs;
        const start = Date.now();
        const schedule = {
            initialDelayMs: opts.initialDelayMs ?? 1000,
            minIntervalMs: 0,
            maxIntervalMs: opts.maxIntervalMs ?? 10_000,
        };
        for (let n = 0;; n++) {
            const v = await get();
            if (done(v))
                return v;
            const remaining = start + timeoutMs - Date.now();
            if (remaining <= 0) {
                throw new FabricApiError({
                    operation: `wait for ${what}`,
                    status: 0,
                    body: {
                        errorCode: 'OperationDeadlineExceeded',
                        message: `not done after ${Math.round(timeoutMs / 1000)} s`,
                    },
                });
            }
            await abortableSleep(Math.min(pollDelay(n, schedule), remaining), opts.signal);
        }
    }
    /**
     * For a POST that creates something, a function that looks for it (list/get by name). The retry policy
     * calls it before sending the create again after a lost answer: no duplicates, ever.
     */
    createFinder(url, body) {
        if (!body || typeof body !== 'object')
            return undefined;
        const b = body;
        const u = new URL(url);
        const base = new URL(this.baseUrl);
        if (u.origin !== base.origin || !u.pathname.startsWith(base.pathname))
            return undefined;
        const rel = u.pathname.slice(base.pathname.replace(/\/$/, '').length);
        const name = typeof b.displayName === 'string' ? b.displayName : undefined;
        if (rel === '/workspaces' && name) {
            return () => this.findWorkspaceByName(name);
        }
        let m = /^\/workspaces\/([^/]+)\/items$/.exec(rel);
        if (m && name) {
            const ws = decodeURIComponent(m[1]);
            const type = typeof b.type === 'string' ? b.type : undefined;
            return async () => (await this.listItems(ws, type)).find((i) => sameName(i.displayName, name) && (!type || i.type === type));
        }
        m =
            /^\/workspaces\/([^/]+)\/(lakehouses|notebooks|semanticModels|reports|dataPipelines|environments|warehouses|[A-Za-z]+s)$/.exec(rel);
        if (m && name && !['folders', 'roleAssignments'].includes(m[2])) {
            const path = `/workspaces/${m[1]}/${m[2]}`;
            return async () => (await this.listAll('look for created item', path)).find((i) => sameName(i.displayName, name));
        }
        m = /^\/workspaces\/([^/]+)\/folders$/.exec(rel);
        if (m && name) {
            const ws = decodeURIComponent(m[1]);
            const parent = typeof b.parentFolderId === 'string' && b.parentFolderId ? b.parentFolderId : undefined;
            return async () => (await this.listFolders(ws)).find((f) => sameName(f.displayName, name) && (f.parentFolderId || undefined) === parent);
        }
        m = /^\/workspaces\/([^/]+)\/roleAssignments$/.exec(rel);
        const principal = b.principal;
        if (m && principal?.id) {
            const ws = decodeURIComponent(m[1]);
            const role = b.role;
            return async () => (await this.listRoleAssignments(ws)).find((r) => r.principal.id.toLowerCase() === principal.id.toLowerCase() && r.role === role);
        }
        return undefined;
    }
}
/** The connection points at the repository, branch and folder the connect request asked for. */
function sameGitProvider(conn, req) {
    const have = (conn.gitProviderDetails ?? {});
    const want = req.gitProviderDetails;
    const norm = (v) => (typeof v === 'string' ? v.replace(/^\/+|\/+$/g, '').toLowerCase() : v);
    return Object.keys(want).every((k) => want[k] === undefined || norm(have[k]) === norm(want[k]));
}
/** Fabric's name comparison is undocumented; case-insensitive is the safe assumption. */
function sameName(a, b) {
    return (a ?? '').toLowerCase() === b.toLowerCase();
}

;// CONCATENATED MODULE: ./src/identity/clouds.ts

const CLOUDS = {
    public: {
        name: 'public',
        authorityHost: 'https://login.microsoftonline.com',
        fabricApiUrl: 'https://api.fabric.microsoft.com/v1',
        fabricScope: 'https://api.fabric.microsoft.com/.default',
        oidcAudience: 'api://AzureADTokenExchange',
        graphUrl: 'https://graph.microsoft.com/v1.0',
        graphScope: 'https://graph.microsoft.com/.default',
        keyVaultScope: 'https://vault.azure.net/.default',
    },
    usgov: {
        name: 'usgov',
        authorityHost: 'https://login.microsoftonline.us',
        fabricApiUrl: 'https://api.fabric.microsoft.us/v1',
        fabricScope: 'https://api.fabric.microsoft.us/.default',
        oidcAudience: 'api://AzureADTokenExchangeUSGov',
        graphUrl: 'https://graph.microsoft.us/v1.0',
        graphScope: 'https://graph.microsoft.us/.default',
        keyVaultScope: 'https://vault.usgovcloudapi.net/.default',
    },
    china: {
        name: 'china',
        authorityHost: 'https://login.chinacloudapi.cn',
        fabricApiUrl: 'https://api.fabric.microsoft.cn/v1',
        fabricScope: 'https://api.fabric.microsoft.cn/.default',
        oidcAudience: 'api://AzureADTokenExchangeChina',
        graphUrl: 'https://microsoftgraph.chinacloudapi.cn/v1.0',
        graphScope: 'https://microsoftgraph.chinacloudapi.cn/.default',
        keyVaultScope: 'https://vault.azure.cn/.default',
    },
};
/** Azure DevOps service connections name clouds their own way. */
const ADO_ENVIRONMENTS = {
    azurecloud: 'public',
    azureusgovernment: 'usgov',
    azurechinacloud: 'china',
};
function cloudFromAdoEnvironment(environment) {
    return environment ? ADO_ENVIRONMENTS[environment.toLowerCase()] : undefined;
}
function clouds_isLoopbackHost(hostname) {
    const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
function isLoopbackUrl(url) {
    try {
        return clouds_isLoopbackHost(new URL(url).hostname);
    }
    catch {
        return false;
    }
}
/**
 * Parses an endpoint URL given by the user and refuses anything but https, except on loopback
 * (the simulator), so a typo can never send a bearer token or secret over plain http.
 */
function requireSecureUrl(value, field) {
    let url;
    try {
        url = new URL(value.trim());
    }
    catch {
        throw new src_errors/* ConfigError */.xL(`${field} is not a valid URL: ${value}`, {
            field,
            fix: `Give an absolute https:// URL.`,
        });
    }
    if (url.protocol === 'https:')
        return url;
    if (url.protocol === 'http:' && clouds_isLoopbackHost(url.hostname))
        return url;
    throw new src_errors/* ConfigError */.xL(`${field} must use https (got ${url.protocol}//${url.host}); plain http is accepted only for loopback addresses.`, {
        field,
        fix: `Use the https:// endpoint.`,
    });
}
function stripSlash(s) {
    return s.replace(/\/+$/, '');
}
/** Resolves the cloud and applies the `fabric-api-url` / `authority-host` overrides. Pure; throws ConfigError. */
function resolveCloud(opts) {
    const name = (opts.cloud?.trim() || 'public').toLowerCase();
    const base = CLOUDS[name];
    if (!base) {
        throw new src_errors/* ConfigError */.xL(`Unknown cloud "${opts.cloud}".`, {
            field: 'cloud',
            fix: `Use one of: ${Object.keys(CLOUDS).join(', ')}.`,
        });
    }
    const cloud = { ...base };
    if (opts.fabricApiUrl?.trim()) {
        const url = requireSecureUrl(opts.fabricApiUrl, 'fabric-api-url');
        url.search = '';
        url.hash = '';
        // The client appends /workspaces etc.; accept the bare host as a convenience.
        cloud.fabricApiUrl = stripSlash(url.pathname === '/' ? url.origin + '/v1' : url.toString());
    }
    if (opts.authorityHost?.trim()) {
        const url = requireSecureUrl(opts.authorityHost, 'authority-host');
        url.search = '';
        url.hash = '';
        // A path is kept: the tenant is appended to it (simulators may mount Entra under a prefix).
        cloud.authorityHost = stripSlash(url.toString());
    }
    if (opts.graphUrl?.trim()) {
        // Graph calls carry a bearer token: the same https-or-loopback rule as the other endpoints.
        const url = requireSecureUrl(opts.graphUrl, 'graph-url');
        url.search = '';
        url.hash = '';
        cloud.graphUrl = stripSlash(url.toString());
    }
    return cloud;
}

// EXTERNAL MODULE: ./src/hosts/inputs.ts
var inputs = __webpack_require__(31618);
;// CONCATENATED MODULE: ./src/identity/aadsts.ts
const HINTS = {
    '700016': {
        field: 'client-id',
        meaning: 'the application (client-id) was not found in the tenant',
        fix: 'Check client-id and tenant-id: the app registration must exist in (or be consented to) that tenant, and in the same cloud.',
    },
    '700024': {
        meaning: 'the client assertion is not within its valid time range',
        fix: 'The OIDC token had expired or the runner clock is off; re-run the job (each sign-in requests a fresh token).',
    },
    '70021': {
        meaning: 'no federated identity credential matches the presented assertion',
        fix: 'Add a federated credential to the app registration whose issuer, subject and audience equal the values printed above.',
    },
    '700211': {
        meaning: 'no federated identity credential matches the assertion issuer',
        fix: 'Set the federated credential issuer to the `iss` printed above (GitHub: https://token.actions.githubusercontent.com).',
    },
    '700212': {
        field: 'audience',
        meaning: 'no federated identity credential matches the assertion audience',
        fix: 'Make the federated credential audience and the `audience` input equal (default api://AzureADTokenExchange).',
    },
    '700213': {
        meaning: 'no federated identity credential matches the assertion subject',
        fix: 'Set the federated credential subject to the `sub` printed above (e.g. repo:OWNER/REPO:environment:NAME or repo:OWNER/REPO:ref:refs/heads/main).',
    },
    '7000215': {
        field: 'client-secret',
        meaning: 'the client secret is invalid',
        fix: "Use the secret's Value (not its Secret ID) from Certificates & secrets, and check it belongs to this client-id.",
    },
    '7000222': {
        field: 'client-secret',
        meaning: 'the client secret has expired',
        fix: 'Create a new client secret (or switch to OIDC, which needs none) and update the pipeline secret.',
    },
    '700027': {
        field: 'certificate',
        meaning: 'the client assertion failed signature validation',
        fix: 'Upload this certificate (public part) to the app registration under Certificates & secrets; the thumbprint must match.',
    },
    '50034': {
        field: 'tenant-id',
        meaning: 'the account does not exist in the directory',
        fix: 'Check tenant-id: the identity belongs to another tenant.',
    },
    '90002': {
        field: 'tenant-id',
        meaning: 'the tenant was not found',
        fix: 'Check tenant-id and cloud: the tenant must exist in the chosen cloud.',
    },
    '900023': {
        field: 'tenant-id',
        meaning: 'the tenant identifier is neither a valid directory id nor a domain',
        fix: 'Set tenant-id to the Directory (tenant) ID GUID.',
    },
    '500011': {
        meaning: 'the resource principal (Fabric) was not found in the tenant',
        fix: 'Check cloud / fabric-api-url: the token scope must match a service available in the tenant.',
    },
    '7000229': {
        meaning: 'the client application has no service principal in the tenant',
        fix: 'Create the enterprise application (service principal) for the app in this tenant, e.g. az ad sp create --id <client-id>.',
    },
    '7000112': {
        meaning: 'the application is disabled',
        fix: 'Enable the enterprise application in the tenant.',
    },
    '70011': {
        meaning: 'the requested scope is invalid',
        fix: 'Check cloud / fabric-api-url; the scope is derived from the cloud.',
    },
    '53003': {
        meaning: 'access was blocked by Conditional Access',
        fix: 'Ask a tenant admin to exclude this workload identity from the Conditional Access policy, or allow the runner locations.',
    },
};
/** The first AADSTS code in a message, with its fix when known. */
function aadstsHint(message) {
    const m = /AADSTS(\d{5,7})/.exec(message);
    if (!m)
        return undefined;
    const code = m[1];
    const hint = HINTS[code];
    return hint
        ? { code, ...hint }
        : {
            code,
            meaning: 'Entra ID refused the sign-in',
            fix: `Look up AADSTS${code} at https://login.microsoftonline.com/error?code=${code}.`,
        };
}

;// CONCATENATED MODULE: ./src/identity/der.ts
class DerError extends Error {
}
const TAG = {
    INTEGER: 0x02,
    OCTET_STRING: 0x04,
    NULL: 0x05,
    OID: 0x06,
    SEQUENCE: 0x30,
    SET: 0x31,
    CONTEXT_0: 0xa0,
};
function readTlv(buf, offset = 0) {
    if (offset + 2 > buf.length)
        throw new DerError('truncated element');
    const tag = buf[offset];
    if ((tag & 0x1f) === 0x1f)
        throw new DerError('high tag numbers are not used by PKCS#12');
    const constructed = (tag & 0x20) !== 0;
    let pos = offset + 1;
    const first = buf[pos++];
    if (first === 0x80) {
        if (!constructed)
            throw new DerError('indefinite length on a primitive element');
        const start = pos;
        while (!(buf[pos] === 0 && buf[pos + 1] === 0)) {
            if (pos >= buf.length)
                throw new DerError('unterminated indefinite length');
            pos = readTlv(buf, pos).end;
        }
        return { tag, constructed, value: buf.subarray(start, pos), end: pos + 2 };
    }
    let len = first;
    if (first & 0x80) {
        const n = first & 0x7f;
        if (n > 4 || pos + n > buf.length)
            throw new DerError('bad length');
        len = 0;
        for (let i = 0; i < n; i++)
            len = len * 256 + buf[pos++];
    }
    if (pos + len > buf.length)
        throw new DerError('element runs past the end of its container');
    return { tag, constructed, value: buf.subarray(pos, pos + len), end: pos + len };
}
function children(tlv) {
    const out = [];
    for (let pos = 0; pos < tlv.value.length;) {
        const child = readTlv(tlv.value, pos);
        out.push(child);
        pos = child.end;
    }
    return out;
}
function want(tlv, tag, what) {
    if (!tlv || tlv.tag !== tag)
        throw new DerError(`expected ${what}`);
    return tlv;
}
/** An OCTET STRING's bytes, joining the segments of a constructed (BER) one. */
function octets(tlv) {
    if (!tlv.constructed)
        return tlv.value;
    return Buffer.concat(children(tlv).map(octets));
}
function oid(tlv) {
    const b = want(tlv, TAG.OID, 'an object identifier').value;
    const parts = [];
    let n = 0;
    for (const byte of b) {
        n = n * 128 + (byte & 0x7f);
        if (!(byte & 0x80)) {
            if (parts.length === 0)
                parts.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
            else
                parts.push(n);
            n = 0;
        }
    }
    return parts.join('.');
}
function integer(tlv) {
    const b = want(tlv, TAG.INTEGER, 'an integer').value;
    let n = 0;
    for (const byte of b)
        n = n * 256 + byte;
    return n;
}

;// CONCATENATED MODULE: ./src/identity/rc2.ts
/**
 * RC2-CBC decryption (RFC 2268). Windows and older OpenSSL still encrypt the certificate part of a
 * PFX with 40-bit RC2, which Node's OpenSSL 3 only offers through the legacy provider; the cipher is
 * small enough to carry here. Decryption only: we never produce RC2 output.
 */
// RFC 2268 §2: the "PITABLE", a permutation of 0..255 derived from the digits of pi.
const PITABLE = Buffer.from('d978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb6266fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
    '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad', 'hex');
function expandKey(key, effectiveBits) {
    const L = new Uint8Array(128);
    L.set(key);
    const T = key.length;
    for (let i = T; i < 128; i++)
        L[i] = PITABLE[(L[i - 1] + L[i - T]) & 0xff];
    const T8 = Math.ceil(effectiveBits / 8);
    const TM = 0xff % 2 ** (8 + effectiveBits - 8 * T8);
    L[128 - T8] = PITABLE[L[128 - T8] & TM];
    for (let i = 127 - T8; i >= 0; i--)
        L[i] = PITABLE[L[i + 1] ^ L[i + T8]];
    const K = new Uint16Array(64);
    for (let i = 0; i < 64; i++)
        K[i] = L[2 * i] | (L[2 * i + 1] << 8);
    return K;
}
const SHIFTS = [1, 2, 3, 5];
function decryptBlock(K, block) {
    const R = [block.readUInt16LE(0), block.readUInt16LE(2), block.readUInt16LE(4), block.readUInt16LE(6)];
    let j = 63;
    const mix = () => {
        for (let i = 3; i >= 0; i--) {
            const s = SHIFTS[i];
            let r = R[i];
            r = ((r >>> s) | (r << (16 - s))) & 0xffff;
            const a = R[(i + 3) % 4];
            const b = R[(i + 2) % 4];
            const c = R[(i + 1) % 4];
            R[i] = (r - K[j--] - (a & b) - (~a & c)) & 0xffff;
        }
    };
    const mash = () => {
        for (let i = 3; i >= 0; i--)
            R[i] = (R[i] - K[R[(i + 3) % 4] & 63]) & 0xffff;
    };
    for (let n = 0; n < 5; n++)
        mix();
    mash();
    for (let n = 0; n < 6; n++)
        mix();
    mash();
    for (let n = 0; n < 5; n++)
        mix();
    const out = Buffer.alloc(8);
    R.forEach((w, i) => out.writeUInt16LE(w, 2 * i));
    return out;
}
/** RC2-CBC with PKCS#7 padding removed; throws on bad padding (usually a wrong password). */
function rc2CbcDecrypt(key, effectiveBits, iv, data) {
    if (data.length === 0 || data.length % 8 !== 0)
        throw new Error('RC2 ciphertext is not a whole number of blocks');
    const K = expandKey(key, effectiveBits);
    const out = Buffer.alloc(data.length);
    let prev = iv;
    for (let off = 0; off < data.length; off += 8) {
        const block = data.subarray(off, off + 8);
        const plain = decryptBlock(K, block);
        for (let i = 0; i < 8; i++)
            out[off + i] = plain[i] ^ prev[i];
        prev = block;
    }
    const pad = out[out.length - 1];
    if (pad < 1 || pad > 8 || !out.subarray(out.length - pad).every((b) => b === pad))
        throw new Error('bad decrypt');
    return out.subarray(0, out.length - pad);
}

;// CONCATENATED MODULE: ./src/identity/pkcs12.ts
/**
 * Reads a PFX (PKCS#12, RFC 7292) into the PEM private key and certificates that @azure/identity
 * needs: it accepts PEM only, and Node has no PKCS#12 reader. Supports what OpenSSL 1.x/3.x, Windows
 * and Key Vault write: PBES2 (PBKDF2 + AES/3DES), and the PKCS#12 PBEs with 3DES or RC2.
 * Public-key (enveloped) PFX content is not supported.
 */



class Pkcs12Error extends Error {
    reason;
    constructor(message, reason) {
        super(message);
        this.reason = reason;
    }
}
const OID = {
    data: '1.2.840.113549.1.7.1',
    encryptedData: '1.2.840.113549.1.7.6',
    keyBag: '1.2.840.113549.1.12.10.1.1',
    shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
    certBag: '1.2.840.113549.1.12.10.1.3',
    x509Certificate: '1.2.840.113549.1.9.22.1',
    pbes2: '1.2.840.113549.1.5.13',
    pbkdf2: '1.2.840.113549.1.5.12',
};
/** PKCS#12 PBE algorithms (RFC 7292 Appendix C): key length, cipher. */
const PKCS12_PBE = {
    '1.2.840.113549.1.12.1.3': { keyLen: 24, cipher: 'des-ede3-cbc' },
    '1.2.840.113549.1.12.1.5': { keyLen: 16, cipher: 'rc2', rc2Bits: 128 },
    '1.2.840.113549.1.12.1.6': { keyLen: 5, cipher: 'rc2', rc2Bits: 40 },
};
const PBES2_CIPHERS = {
    '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLen: 16 },
    '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLen: 24 },
    '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLen: 32 },
    '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLen: 24 },
};
const HMAC_PRF = {
    '1.2.840.113549.2.7': 'sha1',
    '1.2.840.113549.2.9': 'sha256',
    '1.2.840.113549.2.10': 'sha384',
    '1.2.840.113549.2.11': 'sha512',
};
const DIGESTS = {
    '1.3.14.3.2.26': 'sha1',
    '2.16.840.1.101.3.4.2.1': 'sha256',
    '2.16.840.1.101.3.4.2.2': 'sha384',
    '2.16.840.1.101.3.4.2.3': 'sha512',
};
const BLOCK_SIZE = { sha1: 64, sha256: 64, sha384: 128, sha512: 128 };
/** Cheap test used to tell PFX from other binary input before trying a full parse. */
function looksLikePkcs12(buf) {
    try {
        const top = readTlv(buf);
        if (top.tag !== TAG.SEQUENCE)
            return false;
        const [version, authSafe] = children(top);
        return !!version && integer(version) === 3 && !!authSafe && oid(children(authSafe)[0]) === OID.data;
    }
    catch {
        return false;
    }
}
/** The PKCS#12 password encoding: UTF-16BE with a two-byte terminator (RFC 7292 B.1). */
function bmpPassword(password) {
    if (password === undefined)
        return Buffer.alloc(0);
    const b = Buffer.from(password + '\0', 'utf16le');
    return b.swap16();
}
/** RFC 7292 Appendix B.2 key derivation. */
function pkcs12Kdf(hash, password, salt, id, iterations, n) {
    const v = BLOCK_SIZE[hash];
    const fill = (src) => {
        if (src.length === 0)
            return Buffer.alloc(0);
        const out = Buffer.alloc(v * Math.ceil(src.length / v));
        for (let i = 0; i < out.length; i++)
            out[i] = src[i % src.length];
        return out;
    };
    const D = Buffer.alloc(v, id);
    const I = Buffer.concat([fill(salt), fill(password)]);
    const result = [];
    let produced = 0;
    while (produced < n) {
        let A = (0,external_node_crypto_.createHash)(hash).update(D).update(I).digest();
        for (let r = 1; r < iterations; r++)
            A = (0,external_node_crypto_.createHash)(hash).update(A).digest();
        result.push(A);
        produced += A.length;
        if (produced >= n)
            break;
        const B = Buffer.alloc(v);
        for (let i = 0; i < v; i++)
            B[i] = A[i % A.length];
        for (let off = 0; off < I.length; off += v) {
            // I_j = (I_j + B + 1) mod 2^(8v), big-endian addition
            let carry = 1;
            for (let k = v - 1; k >= 0; k--) {
                const sum = I[off + k] + B[k] + carry;
                I[off + k] = sum & 0xff;
                carry = sum >> 8;
            }
        }
    }
    return Buffer.concat(result).subarray(0, n);
}
/** Decrypts content protected by a PKCS#5/PKCS#12 password-based algorithm. */
function pbeDecrypt(algorithm, data, password) {
    const [algOid, params] = children(algorithm);
    const alg = oid(algOid);
    try {
        if (alg === OID.pbes2) {
            const [kdf, scheme] = children(params);
            const [kdfOid, kdfParams] = children(kdf);
            if (oid(kdfOid) !== OID.pbkdf2)
                throw new Pkcs12Error('unsupported key derivation in PFX', 'unsupported');
            const kp = children(kdfParams);
            const salt = want(kp[0], TAG.OCTET_STRING, 'a PBKDF2 salt').value;
            const iterations = integer(kp[1]);
            let prf = 'sha1';
            for (const extra of kp.slice(2)) {
                if (extra.tag === TAG.SEQUENCE)
                    prf = HMAC_PRF[oid(children(extra)[0])] ?? '';
            }
            const [schemeOid, ivTlv] = children(scheme);
            const cipher = PBES2_CIPHERS[oid(schemeOid)];
            if (!cipher || !prf)
                throw new Pkcs12Error('unsupported cipher in PFX', 'unsupported');
            const key = (0,external_node_crypto_.pbkdf2Sync)(Buffer.from(password ?? '', 'utf8'), salt, iterations, cipher.keyLen, prf);
            const d = (0,external_node_crypto_.createDecipheriv)(cipher.name, key, want(ivTlv, TAG.OCTET_STRING, 'an IV').value);
            return Buffer.concat([d.update(data), d.final()]);
        }
        const pbe = PKCS12_PBE[alg];
        if (!pbe)
            throw new Pkcs12Error(`unsupported PFX encryption algorithm ${alg}`, 'unsupported');
        const [saltTlv, iterTlv] = children(params);
        const salt = want(saltTlv, TAG.OCTET_STRING, 'a salt').value;
        const iterations = integer(iterTlv);
        const pw = bmpPassword(password);
        const key = pkcs12Kdf('sha1', pw, salt, 1, iterations, pbe.keyLen);
        const iv = pkcs12Kdf('sha1', pw, salt, 2, iterations, 8);
        if (pbe.cipher === 'rc2')
            return rc2CbcDecrypt(key, pbe.rc2Bits, iv, data);
        const d = (0,external_node_crypto_.createDecipheriv)(pbe.cipher, key, iv);
        return Buffer.concat([d.update(data), d.final()]);
    }
    catch (err) {
        if (err instanceof Pkcs12Error)
            throw err;
        // Bad padding after decryption is what a wrong password looks like.
        throw new Pkcs12Error('the PFX could not be decrypted: wrong password', 'password');
    }
}
function verifyMac(macData, authSafe, password) {
    const [digestInfo, saltTlv, iterTlv] = children(macData);
    const [algId, digestTlv] = children(digestInfo);
    const hash = DIGESTS[oid(children(algId)[0])];
    if (!hash)
        return undefined; // e.g. PBMAC1: leave the check to decryption
    const salt = want(saltTlv, TAG.OCTET_STRING, 'a MAC salt').value;
    const iterations = iterTlv ? integer(iterTlv) : 1;
    const expected = want(digestTlv, TAG.OCTET_STRING, 'a MAC').value;
    const size = (0,external_node_crypto_.createHash)(hash).digest().length;
    const key = pkcs12Kdf(hash, bmpPassword(password), salt, 3, iterations, size);
    const actual = (0,external_node_crypto_.createHmac)(hash, key).update(authSafe).digest();
    return actual.length === expected.length && (0,external_node_crypto_.timingSafeEqual)(actual, expected);
}
function contentOf(contentInfo, password) {
    const [typeTlv, explicit] = children(contentInfo);
    const type = oid(typeTlv);
    if (type === OID.data)
        return octets(children(want(explicit, TAG.CONTEXT_0, 'content'))[0]);
    if (type === OID.encryptedData) {
        const encryptedData = children(want(explicit, TAG.CONTEXT_0, 'content'))[0];
        const [, eci] = children(encryptedData);
        const [, algorithm, encrypted] = children(eci);
        if (!encrypted)
            return Buffer.alloc(0);
        return pbeDecrypt(algorithm, octets(encrypted), password);
    }
    throw new Pkcs12Error('PFX content protected with a public key (enveloped data) is not supported', 'unsupported');
}
/**
 * Decodes a PFX. `password` undefined means "no password"; both the absent and the empty password
 * encodings are tried, since exporters disagree on which one "no password" means.
 */
function readPkcs12(pfx, password) {
    let top;
    let authSafeBytes;
    let macData;
    try {
        top = readTlv(pfx);
        const [version, authSafe, mac] = children(want(top, TAG.SEQUENCE, 'a PFX'));
        if (integer(version) !== 3)
            throw new Error('not version 3');
        const [typeTlv, explicit] = children(authSafe);
        if (oid(typeTlv) !== OID.data)
            throw new Pkcs12Error('PFX signed with a public key is not supported', 'unsupported');
        authSafeBytes = octets(children(want(explicit, TAG.CONTEXT_0, 'content'))[0]);
        macData = mac;
    }
    catch (err) {
        if (err instanceof Pkcs12Error)
            throw err;
        throw new Pkcs12Error('not a PFX (PKCS#12) file', 'format');
    }
    const candidates = password ? [password] : [undefined, ''];
    let pw = candidates[0];
    if (macData) {
        const results = candidates.map((c) => verifyMac(macData, authSafeBytes, c));
        // An unknown MAC algorithm (undefined) leaves wrong-password detection to decryption.
        if (!results.includes(undefined)) {
            const i = results.indexOf(true);
            if (i < 0) {
                throw new Pkcs12Error(password ? 'the PFX password is wrong (integrity check failed)' : 'the PFX is password-protected', 'password');
            }
            pw = candidates[i];
        }
    }
    let keyDer;
    const certificates = [];
    try {
        for (const contentInfo of children(readTlv(authSafeBytes))) {
            const safeContents = contentOf(contentInfo, pw);
            if (safeContents.length === 0)
                continue;
            for (const bag of children(readTlv(safeContents))) {
                const [bagIdTlv, bagValue] = children(bag);
                const bagId = oid(bagIdTlv);
                const inner = children(want(bagValue, TAG.CONTEXT_0, 'a bag value'))[0];
                if (bagId === OID.keyBag && !keyDer) {
                    keyDer = reencode(inner);
                }
                else if (bagId === OID.shroudedKeyBag && !keyDer) {
                    const [algorithm, encrypted] = children(inner);
                    keyDer = pbeDecrypt(algorithm, octets(encrypted), pw);
                }
                else if (bagId === OID.certBag) {
                    const [certType, certValue] = children(inner);
                    if (oid(certType) !== OID.x509Certificate)
                        continue;
                    certificates.push(octets(children(want(certValue, TAG.CONTEXT_0, 'a certificate'))[0]));
                }
            }
        }
    }
    catch (err) {
        if (err instanceof Pkcs12Error)
            throw err;
        throw new Pkcs12Error('the PFX is damaged or uses an unsupported layout', 'format');
    }
    if (!keyDer)
        throw new Pkcs12Error('the PFX contains no private key', 'format');
    let privateKey;
    try {
        privateKey = (0,external_node_crypto_.createPrivateKey)({ key: keyDer, format: 'der', type: 'pkcs8' });
    }
    catch {
        throw new Pkcs12Error('the PFX private key could not be read (wrong password?)', 'password');
    }
    return { privateKey, certificates };
}
/** Rebuilds the DER of a parsed element (its value plus a definite-length header). */
function reencode(tlv) {
    const len = tlv.value.length;
    const header = len < 0x80
        ? Buffer.from([tlv.tag, len])
        : (() => {
            const bytes = [];
            for (let n = len; n > 0; n = Math.floor(n / 256))
                bytes.unshift(n & 0xff);
            return Buffer.from([tlv.tag, 0x80 | bytes.length, ...bytes]);
        })();
    return Buffer.concat([header, tlv.value]);
}

;// CONCATENATED MODULE: ./src/identity/certificate.ts





const FIX = 'Give the path to a PEM file holding the private key and certificate, or to a PFX (PKCS#12) file with certificate-password, or the PEM text itself.';
function fail(message, field = 'certificate', fix = FIX) {
    throw new src_errors/* ConfigError */.xL(message, { field, fix });
}
function pemBlocks(text, label) {
    const re = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
    return [...text.matchAll(re)].filter((m) => label.test(m[1])).map((m) => m[0]);
}
function derToPem(der) {
    const b64 = der
        .toString('base64')
        .replace(/(.{64})/g, '$1\n')
        .replace(/\n$/, '');
    return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----`;
}
/**
 * Reads the `certificate` input: the PEM text itself, a path to a PEM or PFX file, or (as CI secrets
 * often hold it) a base64-encoded PFX. Synchronous so validation can run before any network call.
 * Messages never quote the input, which may be the key itself.
 */
function loadCertificate(input, password, cwd = process.cwd()) {
    const value = input.trim();
    let bytes;
    let where = 'the certificate input';
    if (value.includes('-----BEGIN')) {
        bytes = Buffer.from(value, 'utf8');
    }
    else {
        const path = (0,external_node_path_.resolve)(cwd, value);
        if ((0,external_node_fs_.existsSync)(path) && (0,external_node_fs_.statSync)(path).isFile()) {
            bytes = (0,external_node_fs_.readFileSync)(path);
            where = `certificate file ${value}`;
        }
        else if (value.length > 200 && /^[A-Za-z0-9+/=\s]+$/.test(value)) {
            bytes = Buffer.from(value.replace(/\s+/g, ''), 'base64');
        }
        else {
            fail(`Certificate file not found: ${value.length > 200 ? '(value omitted)' : value}`);
        }
    }
    const text = bytes.toString('utf8');
    const fromFile = where !== 'the certificate input';
    if (text.includes('-----BEGIN'))
        return { ...fromPem(text, password, where), fromFile };
    if (looksLikePkcs12(bytes))
        return { ...fromPfx(bytes, password, where), fromFile };
    return fail(`${capitalize(where)} is neither a PEM certificate with its private key nor a PFX (PKCS#12) file.`);
}
function fromPem(text, password, where) {
    const keys = pemBlocks(text, /PRIVATE KEY$/);
    const certs = pemBlocks(text, /^CERTIFICATE$/);
    if (certs.length === 0)
        fail(`${capitalize(where)} contains no certificate (-----BEGIN CERTIFICATE-----).`);
    if (keys.length === 0)
        fail(`${capitalize(where)} contains no private key; the PEM must hold the private key and the certificate.`);
    let key;
    try {
        key = (0,external_node_crypto_.createPrivateKey)({ key: keys[0], format: 'pem', passphrase: password });
    }
    catch (err) {
        const encrypted = /ENCRYPTED/.test(keys[0]) || /Proc-Type: 4,ENCRYPTED/.test(text);
        if (encrypted) {
            fail(password
                ? `The private key in ${where} could not be decrypted: wrong certificate-password.`
                : `The private key in ${where} is encrypted.`, 'certificate-password', "Give the key's password with certificate-password.");
        }
        fail(`The private key in ${where} could not be read (${err.message}).`);
    }
    return assemble(key, certs.map((c) => new external_node_crypto_.X509Certificate(c)), 'pem', where);
}
function fromPfx(bytes, password, where) {
    try {
        const { privateKey, certificates } = readPkcs12(bytes, password);
        if (certificates.length === 0)
            fail(`${capitalize(where)} (PFX) contains no certificate.`);
        return assemble(privateKey, certificates.map((c) => new external_node_crypto_.X509Certificate(c)), 'pfx', where);
    }
    catch (err) {
        if (!(err instanceof Pkcs12Error))
            throw err;
        if (err.reason === 'password') {
            fail(`Cannot open ${where} (PFX): ${err.message}.`, 'certificate-password', 'Give the PFX password with certificate-password (masked).');
        }
        if (err.reason === 'unsupported') {
            fail(`Cannot open ${where} (PFX): ${err.message}.`, 'certificate', 'Re-export it as PEM (openssl pkcs12 -in cert.pfx -nodes -out cert.pem) or as a PFX with AES-256 encryption.');
        }
        fail(`${capitalize(where)} is neither a PEM certificate with its private key nor a PFX (PKCS#12) file (${err.message}).`);
    }
}
function assemble(key, certs, format, where) {
    // Entra identifies the credential by the leaf's thumbprint, and @azure/identity takes the first
    // certificate in the PEM as the leaf, so the one matching the key goes first.
    const leaf = certs.find((c) => c.checkPrivateKey(key));
    if (!leaf)
        fail(`The private key in ${where} does not belong to any certificate in it.`);
    const chain = [leaf, ...certs.filter((c) => c !== leaf)];
    const keyPem = key.export({ format: 'pem', type: 'pkcs8' }).toString().trim();
    const pem = [keyPem, ...chain.map((c) => derToPem(c.raw))].join('\n') + '\n';
    return {
        pem,
        thumbprint: leaf.fingerprint.replace(/:/g, '').toUpperCase(),
        subject: leaf.subject.replace(/\n/g, ', '),
        notAfter: new Date(leaf.validTo),
        format,
    };
}
function capitalize(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

;// CONCATENATED MODULE: ./src/identity/masking.ts
/**
 * Shorter values are not registered: masking "abc" would scramble every log line containing it
 * while protecting nothing an attacker could not guess.
 */
const MIN_MASK_LENGTH = 4;
/** Encoded variants shorter than this are skipped: they would match by accident too often. */
const MIN_ENCODED_LENGTH = 8;
const PEM_ARMOR = /^-----(BEGIN|END) [A-Z0-9 ]+-----$/;
// Per host, so two hosts in one process (tests) each get every value, and re-registering is free.
const registered = new WeakMap();
function register(host, seen, value) {
    if (value.length < MIN_MASK_LENGTH || seen.has(value))
        return;
    seen.add(value);
    host.setSecret(value);
}
/**
 * Base64 of `bytes` as it appears when the value sits at each of the three byte alignments inside a
 * larger encoded blob (e.g. a Basic auth header or a JSON payload that was base64-encoded whole):
 * only the characters that depend on the value alone are kept.
 */
function base64Variants(bytes) {
    const out = [];
    for (let shift = 0; shift < 3; shift++) {
        const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
        let b64 = padded.toString('base64').replace(/=+$/, '');
        // Characters mixing the zero prefix with the value depend on what precedes it in real data.
        const lead = shift === 0 ? 0 : shift === 1 ? 2 : 3;
        // The last character may mix in bits of whatever follows the value.
        const trail = padded.length % 3 === 0 ? 0 : 1;
        b64 = b64.slice(lead, b64.length - trail);
        out.push(b64);
        if (shift === 0)
            out.push(padded.toString('base64'), padded.toString('base64url'));
    }
    return out;
}
/**
 * Registers a secret with the host before anything can log it: the value, each line of a multi-line
 * value (CI masks line by line), and the encoded forms a secret commonly takes in logs (URL-encoded,
 * JSON-escaped, base64). Empty and very short values are ignored.
 */
function maskSecret(host, value) {
    if (value === undefined || value === null)
        return;
    const trimmed = String(value).trim();
    if (trimmed.length < MIN_MASK_LENGTH)
        return;
    let state = registered.get(host);
    if (!state)
        registered.set(host, (state = { values: new Set(), masked: new Set() }));
    if (state.values.has(trimmed))
        return;
    state.values.add(trimmed);
    const candidates = new Set([trimmed]);
    const lines = trimmed.split(/\r?\n/).map((l) => l.trim());
    if (lines.length > 1) {
        for (const line of lines) {
            // PEM armor lines are public boilerplate; masking them only hides harmless log text.
            if (!PEM_ARMOR.test(line))
                candidates.add(line);
        }
    }
    const encoded = new Set();
    encoded.add(encodeURIComponent(trimmed));
    encoded.add(JSON.stringify(trimmed).slice(1, -1));
    for (const v of base64Variants(Buffer.from(trimmed, 'utf8')))
        encoded.add(v);
    for (const e of encoded)
        if (e !== trimmed && e.length >= MIN_ENCODED_LENGTH)
            candidates.add(e);
    for (const c of candidates)
        register(host, state.masked, c);
}

;// CONCATENATED MODULE: ./src/identity/network.ts
function azureClientOptions(net = {}) {
    const out = {};
    if (net.ca)
        out.tlsOptions = { ca: net.ca };
    if (net.proxyUrl) {
        const u = new URL(net.proxyUrl);
        out.proxyOptions = {
            host: `${u.protocol}//${u.hostname}`,
            port: Number(u.port) || (u.protocol === 'https:' ? 443 : 80),
            username: u.username ? decodeURIComponent(u.username) : undefined,
            password: u.password ? decodeURIComponent(u.password) : undefined,
        };
    }
    return out;
}
/**
 * `fetch` honouring the CA and proxy. Plain global fetch when neither is set, so undici is only
 * loaded when needed (start-up time matters for the action).
 */
async function networkFetch(net = {}) {
    if (!net.ca && !net.proxyUrl)
        return fetch;
    const undici = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 24371, 19));
    const tls = net.ca ? { ca: net.ca } : undefined;
    const dispatcher = net.proxyUrl
        ? new undici.ProxyAgent({ uri: net.proxyUrl, requestTls: tls, proxyTls: tls })
        : new undici.Agent({ connect: tls });
    return ((input, init) => undici.fetch(input, { ...init, dispatcher }));
}

;// CONCATENATED MODULE: ./src/identity/token.ts
/** Decodes a JWT's claims without verifying it (the service verifies); undefined when not a JWT. */
function decodeJwtClaims(token) {
    const parts = token.split('.');
    if (parts.length < 2)
        return undefined;
    try {
        return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    }
    catch {
        return undefined;
    }
}
function identityFromToken(token) {
    const c = decodeJwtClaims(token) ?? {};
    const str = (v) => (typeof v === 'string' ? v : undefined);
    return {
        tenantId: str(c.tid),
        objectId: str(c.oid),
        appId: str(c.appid ?? c.azp),
        upn: str(c.upn ?? c.preferred_username),
    };
}
/** A fixed token (auth: token). */
function staticTokenProvider(token) {
    return { getToken: async () => token, identity: async () => identityFromToken(token) };
}

;// CONCATENATED MODULE: ./src/identity/oidc.ts





/** Why GitHub OIDC cannot be used here, or undefined when it can. */
function githubOidcUnavailable(host, env) {
    if (host.kind !== 'github')
        return `the ${host.kind === 'cli' ? 'command line' : 'Azure DevOps'} host has no GitHub OIDC provider`;
    const reason = host.oidcUnavailableReason?.();
    if (reason)
        return reason;
    if (!host.getIdToken)
        return 'this host offers no OIDC token';
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL)
        return 'the job has no `permissions: id-token: write` (ACTIONS_ID_TOKEN_REQUEST_URL is not set)';
    return undefined;
}
/** iss / sub / aud of an OIDC token: what the federated credential must match. Never the token. */
function describeAssertion(token) {
    if (!token)
        return undefined;
    const c = decodeJwtClaims(token);
    if (!c)
        return undefined;
    const aud = Array.isArray(c.aud) ? c.aud.join(' ') : c.aud;
    return `iss=${String(c.iss)}, sub=${String(c.sub)}, aud=${String(aud)}`;
}
/** Seconds until a JWT expires; undefined when it is not a JWT or has no `exp`. */
function secondsToExpiry(token, now = Date.now()) {
    const exp = decodeJwtClaims(token)?.exp;
    return typeof exp === 'number' ? exp - now / 1000 : undefined;
}
function assertionSource(label, host, fetchToken) {
    let last;
    let failure;
    return {
        label,
        last: () => last,
        failure: () => failure,
        async get() {
            failure = undefined;
            try {
                const token = await fetchToken();
                maskSecret(host, token);
                last = token;
                return token;
            }
            catch (err) {
                failure = err;
                throw err;
            }
        },
    };
}
/** GitHub: a fresh ID token on every call, so assertions never expire during long deploys. */
function githubAssertion(host, audience) {
    return assertionSource('GitHub OIDC', host, async () => {
        try {
            return await host.getIdToken(audience);
        }
        catch (err) {
            throw new src_errors/* UserError */.yo(`Could not get an OIDC token from GitHub: ${err.message}`, {
                field: 'auth',
                fix: 'Give the job `permissions: id-token: write` (and keep `contents: read`), or use another auth kind.',
                cause: err,
            });
        }
    });
}
/**
 * Azure DevOps workload identity federation. The late-bound `idToken` of the service connection is
 * used while it is fresh; after that a new one is requested from the pipeline's OIDC endpoint
 * (`POST {SYSTEM_OIDCREQUESTURI}?api-version=7.1&serviceConnectionId={id}`), authorised by the job's
 * System.AccessToken.
 */
function azureDevOpsAssertion(host, conn, env, net) {
    let fetcher;
    return assertionSource('Azure DevOps workload identity federation', host, async () => {
        const lateBound = conn.idToken;
        // Two minutes of slack: Entra refuses assertions that expire mid-request (AADSTS700024).
        if (lateBound && (secondsToExpiry(lateBound) ?? Infinity) > 120)
            return lateBound;
        const requestUri = env.SYSTEM_OIDCREQUESTURI;
        const accessToken = env.SYSTEM_ACCESSTOKEN;
        if (!requestUri || !accessToken) {
            if (lateBound)
                return lateBound;
            throw new src_errors/* UserError */.yo(`The service connection uses workload identity federation, but the agent offers no OIDC token (${!requestUri ? 'SYSTEM_OIDCREQUESTURI' : 'System.AccessToken'} is missing).`, {
                field: 'connected-service-name',
                fix: 'Run on an agent that supports workload identity federation (agent 3.227+), and make System.AccessToken available to the task (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)).',
            });
        }
        maskSecret(host, accessToken);
        const url = requireSecureUrl(requestUri, 'SYSTEM_OIDCREQUESTURI');
        url.searchParams.set('api-version', '7.1');
        url.searchParams.set('serviceConnectionId', conn.id);
        // One dispatcher for the whole run, not one per sign-in.
        const doFetch = await (fetcher ??= networkFetch(net));
        let res;
        try {
            res = await doFetch(url, {
                method: 'POST',
                headers: {
                    authorization: `Bearer ${accessToken}`,
                    'content-type': 'application/json',
                    accept: 'application/json',
                },
            });
        }
        catch (err) {
            throw new src_errors/* UserError */.yo(`Could not reach the Azure DevOps OIDC endpoint ${url.origin}: ${err.message}`, {
                field: 'connected-service-name',
                fix: 'Check the agent can reach Azure DevOps (proxy settings).',
                cause: err,
            });
        }
        const text = await res.text();
        let body = {};
        try {
            body = text ? JSON.parse(text) : {};
        }
        catch { }
        if (!res.ok || !body.oidcToken) {
            throw new src_errors/* UserError */.yo(`Azure DevOps refused the OIDC token request for service connection ${conn.id} (HTTP ${res.status}${body.message ? `: ${body.message}` : ''}).`, {
                field: 'connected-service-name',
                fix: 'Authorise this pipeline to use the service connection (Project settings > Service connections > Security), and check System.AccessToken is passed to the task.',
            });
        }
        return body.oidcToken;
    });
}

;// CONCATENATED MODULE: ./src/identity/credentials.ts
/**
 * Turns the `auth` inputs into a token provider. Everything is validated before the first network
 * call; @azure/identity is imported only for the kinds that need it (not for `auth: token`).
 */











const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const KNOWN_AUTHORITIES = new Set([
    'https://login.microsoftonline.com',
    'https://login.microsoftonline.us',
    'https://login.chinacloudapi.cn',
]);
/** Kinds an Azure DevOps service connection can stand for. */
const CONNECTION_KINDS = new Set([
    'auto',
    'oidc',
    'client-secret',
    'certificate',
    'managed-identity',
]);
/** Refresh this long before expiry so a token never expires mid-request. */
const REFRESH_MARGIN_MS = 5 * 60_000;
function envOf(o) {
    return o.env ?? process.env;
}
function given(v) {
    return v !== undefined && v.trim() !== '';
}
/** Is `cmd` an executable on PATH? A file check only: spawning `az` would cost a second at start-up. */
function onPath(cmd, env) {
    const dirs = (env.PATH ?? env.Path ?? '').split(external_node_path_.delimiter).filter(Boolean);
    const names = process.platform === 'win32' ? [`${cmd}.cmd`, `${cmd}.exe`, `${cmd}.bat`] : [cmd];
    return dirs.some((d) => names.some((n) => {
        try {
            return (0,external_node_fs_.existsSync)((0,external_node_path_.join)(d, n)) && (0,external_node_fs_.statSync)((0,external_node_path_.join)(d, n)).isFile();
        }
        catch {
            return false;
        }
    }));
}
function usesServiceConnection(o, host) {
    return host.kind === 'azure-devops' && given(o.connectedServiceName) && CONNECTION_KINDS.has(o.kind);
}
/**
 * The `auto` order (docs/identity.md): Azure DevOps service connection → GitHub OIDC → client secret →
 * certificate → token → managed identity → Azure CLI. Inputs the user gave win over what the machine
 * happens to offer, so `token` sits before the environment-detected kinds.
 */
function choose(o, host) {
    const env = envOf(o);
    if (!inputs/* AUTH_KINDS */.nc.includes(o.kind)) {
        throw new src_errors/* ConfigError */.xL(`Unknown auth kind "${o.kind}".`, {
            field: 'auth',
            fix: `Use one of: ${inputs/* AUTH_KINDS */.nc.join(', ')}.`,
        });
    }
    const kind = o.kind;
    if (usesServiceConnection(o, host)) {
        if (!host.getServiceConnection) {
            throw new src_errors/* ConfigError */.xL('This host cannot read Azure DevOps service connections.', {
                field: 'connected-service-name',
                fix: 'Give tenant-id, client-id and a credential instead.',
            });
        }
        return { kind: 'service-connection', requested: kind };
    }
    if (kind === 'oidc') {
        if (host.kind === 'azure-devops') {
            throw new src_errors/* ConfigError */.xL('auth is oidc but no service connection is given.', {
                field: 'connected-service-name',
                fix: 'Set connectedServiceName to an Azure Resource Manager service connection that uses workload identity federation.',
            });
        }
        const reason = githubOidcUnavailable(host, env);
        if (reason) {
            throw new src_errors/* ConfigError */.xL(`auth is oidc, but OIDC is not available: ${reason}.`, {
                field: 'auth',
                fix: host.kind === 'github'
                    ? 'Add `permissions: { id-token: write, contents: read }` to the job (or workflow).'
                    : 'Use client-secret, certificate, managed-identity, azure-cli or token on this host.',
            });
        }
        return { kind: 'oidc' };
    }
    if (kind !== 'auto')
        return { kind };
    if (host.kind === 'github' && !githubOidcUnavailable(host, env) && given(o.tenantId) && given(o.clientId)) {
        return { kind: 'oidc' };
    }
    if (given(o.clientSecret))
        return { kind: 'client-secret' };
    if (given(o.certificate))
        return { kind: 'certificate' };
    if (given(o.token))
        return { kind: 'token' };
    if (given(env.IDENTITY_ENDPOINT) || given(env.MSI_ENDPOINT))
        return { kind: 'managed-identity' };
    if (onPath('az', env))
        return { kind: 'azure-cli' };
    throw new src_errors/* ConfigError */.xL('No credentials found for auth: auto.', {
        field: 'auth',
        fix: host.kind === 'github'
            ? 'Use OIDC: give tenant-id and client-id and add `permissions: id-token: write` to the job; or give client-secret, certificate or token.'
            : host.kind === 'azure-devops'
                ? 'Set connectedServiceName to an Azure Resource Manager service connection, or give tenant-id, client-id and client-secret.'
                : 'Run `az login`, or give tenant-id and client-id with client-secret or certificate, or a token.',
    });
}
function requireInputs(kind, o, names) {
    const missing = names.filter(([, v]) => !given(v)).map(([n]) => n);
    if (missing.length) {
        throw new src_errors/* ConfigError */.xL(`auth ${kind} needs ${missing.join(', ')}${o.kind === 'auto' ? ' (chosen by auth: auto)' : ''}.`, {
            field: missing[0],
            fix: `Give ${missing.join(' and ')} (as inputs, or FABRIC_DEPLOY_${missing[0].toUpperCase().replace(/-/g, '_')} on the command line).`,
        });
    }
}
function checkIds(o) {
    if (given(o.tenantId) && !TENANT.test(o.tenantId.trim())) {
        throw new src_errors/* ConfigError */.xL(`tenant-id "${o.tenantId}" is not a tenant id or domain.`, {
            field: 'tenant-id',
            fix: 'Use the Directory (tenant) ID GUID from the app registration overview.',
        });
    }
    if (given(o.clientId) && !GUID.test(o.clientId.trim())) {
        throw new src_errors/* ConfigError */.xL(`client-id "${o.clientId}" is not a GUID.`, {
            field: 'client-id',
            fix: 'Use the Application (client) ID GUID, not the app name or object id.',
        });
    }
}
/**
 * Checks the auth inputs without any network call; throws ConfigError naming the input and the fix.
 * Reads a certificate file (local) to prove it is PEM or PFX and that the password opens it.
 */
function validateAuthOptions(o, host) {
    credentials_prepare(o, host);
}
function credentials_prepare(o, host) {
    const plan = choose(o, host);
    checkIds(o);
    let cert;
    switch (plan.kind) {
        case 'client-secret':
            requireInputs(plan.kind, o, [
                ['tenant-id', o.tenantId],
                ['client-id', o.clientId],
                ['client-secret', o.clientSecret],
            ]);
            break;
        case 'certificate':
            requireInputs(plan.kind, o, [
                ['tenant-id', o.tenantId],
                ['client-id', o.clientId],
                ['certificate', o.certificate],
            ]);
            cert = loadCertificate(o.certificate, o.certificatePassword || undefined, o.cwd);
            break;
        case 'oidc':
            requireInputs('oidc', o, [
                ['tenant-id', o.tenantId],
                ['client-id', o.clientId],
            ]);
            break;
        case 'token': {
            requireInputs(plan.kind, o, [['token', o.token]]);
            const left = secondsToExpiry(o.token.trim());
            if (left !== undefined && left <= 0) {
                throw new src_errors/* ConfigError */.xL(`The token expired ${Math.round(-left / 60)} minute(s) ago.`, {
                    field: 'token',
                    fix: 'Get a new token (tokens live about an hour), or use a credential that can refresh itself.',
                });
            }
            break;
        }
        case 'azure-cli':
            if (!onPath('az', envOf(o))) {
                throw new src_errors/* ConfigError */.xL('auth is azure-cli but `az` is not on PATH.', {
                    field: 'auth',
                    fix: 'Install the Azure CLI and run `az login`, or choose another auth kind.',
                });
            }
            break;
        case 'managed-identity':
        case 'service-connection':
            break;
    }
    return { plan, cert };
}
function orNone(id) {
    return id ? id.trim() : '(none)';
}
function entraOptions(o, net) {
    const authorityHost = o.cloud.authorityHost;
    return {
        authorityHost,
        // Instance discovery asks the public cloud about the authority; a custom host (the simulator,
        // a private endpoint) is unknown there and would be refused.
        disableInstanceDiscovery: !KNOWN_AUTHORITIES.has(authorityHost),
        ...azureClientOptions(net),
    };
}
/** The @azure/identity credentials we build, with the options every one of them shares. */
function credentials(id, o, net) {
    const entra = () => entraOptions(o, net);
    const client = azureClientOptions(net);
    return {
        secret: (tenantId, clientId, secret) => () => new id.ClientSecretCredential(tenantId, clientId, secret, entra()),
        certificate: (tenantId, clientId, cert) => () => new id.ClientCertificateCredential(tenantId, clientId, { certificate: cert.pem }, entra()),
        assertion: (tenantId, clientId, source) => () => new id.ClientAssertionCredential(tenantId, clientId, () => source.get(), entra()),
        managedIdentity: (clientId) => () => clientId
            ? new id.ManagedIdentityCredential({ clientId, ...client })
            : new id.ManagedIdentityCredential(client),
        azureCli: (tenantId) => () => new id.AzureCliCredential(tenantId ? { tenantId } : {}),
    };
}
/** Masks the key material and warns about expiry before the certificate is used. */
function useCertificate(host, cert) {
    maskSecret(host, cert.pem);
    const days = (cert.notAfter.getTime() - Date.now()) / 86_400_000;
    const date = cert.notAfter.toISOString().slice(0, 10);
    if (days < 0)
        host.log.warn(`Certificate ${cert.thumbprint} expired on ${date}; Entra ID may refuse it.`);
    else if (days < 30)
        host.log.warn(`Certificate ${cert.thumbprint} expires in ${Math.floor(days)} day(s) (${date}).`);
    return cert;
}
async function buildFromInputs({ plan, cert: loaded }, o, host, net) {
    const tenantId = o.tenantId?.trim();
    const clientId = o.clientId?.trim();
    const who = `client ${orNone(clientId)} in tenant ${orNone(tenantId)}`;
    if (plan.kind === 'token') {
        return {
            kind: 'token',
            description: 'a bearer token given as input',
            staticToken: o.token.trim(),
            field: 'token',
        };
    }
    const make = credentials(await Promise.all(/* import() */[__webpack_require__.e(6725), __webpack_require__.e(1818), __webpack_require__.e(8650), __webpack_require__.e(9907)]).then(__webpack_require__.bind(__webpack_require__, 39907)), o, net);
    switch (plan.kind) {
        case 'client-secret':
            return {
                kind: 'client-secret',
                description: `client secret as ${who}`,
                field: 'client-secret',
                make: make.secret(tenantId, clientId, o.clientSecret.trim()),
            };
        case 'certificate': {
            const cert = useCertificate(host, loaded);
            return {
                kind: 'certificate',
                description: `certificate ${cert.thumbprint} (${cert.subject}) as ${who}`,
                field: 'certificate',
                make: make.certificate(tenantId, clientId, cert),
            };
        }
        case 'oidc': {
            const audience = o.audience?.trim() || o.cloud.oidcAudience;
            const assertion = githubAssertion(host, audience);
            return {
                kind: 'oidc',
                description: `GitHub OIDC (audience ${audience}) as ${who}`,
                field: 'auth',
                assertion,
                make: make.assertion(tenantId, clientId, assertion),
            };
        }
        case 'managed-identity':
            return {
                kind: 'managed-identity',
                description: clientId
                    ? `user-assigned managed identity ${clientId}`
                    : 'system-assigned managed identity',
                field: 'auth',
                make: make.managedIdentity(clientId),
            };
        case 'azure-cli':
            return {
                kind: 'azure-cli',
                description: `Azure CLI login${tenantId ? ` (tenant ${tenantId})` : ''}`,
                field: 'auth',
                make: make.azureCli(tenantId),
            };
        case 'service-connection':
            throw new Error('unreachable: service connections are built by buildFromConnection');
    }
}
/** What each Azure Resource Manager connection scheme stands for. */
const SCHEMES = {
    workloadidentityfederation: 'oidc',
    serviceprincipal: 'service-principal',
    managedserviceidentity: 'managed-identity',
};
async function buildFromConnection(requested, o, host, net) {
    const name = o.connectedServiceName.trim();
    const conn = await host.getServiceConnection(name);
    if (!conn) {
        throw new src_errors/* ConfigError */.xL(`Service connection "${name}" was not found or this pipeline may not use it.`, {
            field: 'connected-service-name',
            fix: 'Check the name and authorise the pipeline to use the connection (Project settings > Service connections > Security).',
        });
    }
    maskSecret(host, conn.clientSecret);
    maskSecret(host, conn.certificate);
    maskSecret(host, conn.idToken);
    const scheme = SCHEMES[conn.scheme.toLowerCase()];
    if (!scheme) {
        throw new src_errors/* ConfigError */.xL(`Service connection "${name}" uses the ${conn.scheme} scheme, which is not supported.`, {
            field: 'connected-service-name',
            fix: 'Use an Azure Resource Manager connection with workload identity federation, a service principal or a managed identity.',
        });
    }
    const connCloud = cloudFromAdoEnvironment(conn.environment);
    if (connCloud && connCloud !== o.cloud.name) {
        host.log.warn(`Service connection "${name}" is for the ${conn.environment} environment but cloud is ${o.cloud.name}; set the cloud input to ${connCloud}.`);
    }
    const tenantId = conn.tenantId?.trim();
    const clientId = conn.clientId?.trim();
    const needIds = () => {
        if (!tenantId || !clientId) {
            throw new src_errors/* ConfigError */.xL(`Service connection "${name}" has no ${!tenantId ? 'tenant id' : 'service principal (client) id'}.`, {
                field: 'connected-service-name',
                fix: 'Edit the service connection and complete its details, or recreate it.',
            });
        }
    };
    const from = `service connection "${name}"`;
    const who = `client ${orNone(clientId)} in tenant ${orNone(tenantId)}`;
    const make = credentials(await Promise.all(/* import() */[__webpack_require__.e(6725), __webpack_require__.e(1818), __webpack_require__.e(8650), __webpack_require__.e(9907)]).then(__webpack_require__.bind(__webpack_require__, 39907)), o, net);
    let built;
    if (scheme === 'oidc') {
        needIds();
        const assertion = azureDevOpsAssertion(host, conn, envOf(o), net);
        built = {
            kind: 'oidc',
            description: `workload identity federation (${from}) as ${who}`,
            field: 'connected-service-name',
            assertion,
            make: make.assertion(tenantId, clientId, assertion),
        };
    }
    else if (scheme === 'managed-identity') {
        built = {
            kind: 'managed-identity',
            description: `managed identity (${from})`,
            field: 'connected-service-name',
            make: make.managedIdentity(clientId),
        };
    }
    else if (given(conn.clientSecret)) {
        needIds();
        built = {
            kind: 'client-secret',
            description: `client secret (${from}) as ${who}`,
            field: 'connected-service-name',
            make: make.secret(tenantId, clientId, conn.clientSecret.trim()),
        };
    }
    else if (given(conn.certificate)) {
        needIds();
        let cert;
        try {
            cert = useCertificate(host, loadCertificate(conn.certificate));
        }
        catch (err) {
            throw new src_errors/* ConfigError */.xL(`The certificate of ${from} cannot be used: ${err.message}`, {
                field: 'connected-service-name',
                fix: 'Upload a PEM with the private key and certificate to the service connection.',
            });
        }
        built = {
            kind: 'certificate',
            description: `certificate ${cert.thumbprint} (${from}) as ${who}`,
            field: 'connected-service-name',
            make: make.certificate(tenantId, clientId, cert),
        };
    }
    else {
        throw new src_errors/* ConfigError */.xL(`Service connection "${name}" has neither a client secret nor a certificate.`, {
            field: 'connected-service-name',
            fix: 'Edit the service connection, or switch it to workload identity federation.',
        });
    }
    if (requested !== 'auto' && requested !== built.kind) {
        throw new src_errors/* ConfigError */.xL(`auth is ${requested} but service connection "${name}" provides ${built.kind} (${conn.scheme}).`, {
            field: 'auth',
            fix: 'Set auth to auto (the service connection decides), or use a connection of the matching kind.',
        });
    }
    return built;
}
/** Turns a failed sign-in into a UserError with the AADSTS fix and, for OIDC, the assertion's claims. */
function signInError(err, built, scope) {
    // Our own errors (e.g. from the assertion callback) may come back wrapped by MSAL / @azure/identity.
    const failure = built.assertion?.failure();
    if (failure instanceof src_errors/* UserError */.yo)
        return failure;
    for (let e = err; e instanceof Error; e = e.cause)
        if (e instanceof src_errors/* UserError */.yo)
            return e;
    const raw = err instanceof Error ? err.message : String(err);
    // MSAL messages run to many lines (trace ids, timestamps); the first meaningful one is enough.
    const firstLine = raw
        .split(/\r?\n/)
        .map((l) => l.trim())
        .find((l) => l) ?? raw;
    const hint = aadstsHint(raw);
    const lines = [
        `Sign-in failed (${built.description}) for ${scope}: ${hint ? `AADSTS${hint.code}: ${hint.meaning}` : firstLine}`,
    ];
    const claims = describeAssertion(built.assertion?.last());
    if (claims)
        lines.push(`  ${built.assertion.label} token presented: ${claims}`);
    if (hint)
        lines.push(`  Entra ID said: ${firstLine}`);
    const field = hint?.field ?? built.field;
    let fix = hint?.fix;
    if (!fix) {
        if (built.kind === 'azure-cli') {
            fix = /could not be found|not installed|not recognized/i.test(raw)
                ? 'Install the Azure CLI (https://aka.ms/azure-cli) and run `az login`, or choose another auth kind.'
                : /az login/i.test(raw)
                    ? 'Run `az login` (with --tenant if needed) and try again.'
                    : 'Check that the Azure CLI is logged in (`az account show`).';
        }
        else if (built.kind === 'managed-identity')
            fix =
                'Run where a managed identity is assigned (Azure VM, App Service, Container Apps, self-hosted agent on Azure), or choose another auth kind.';
        else
            fix = 'Check network access to the authority host (proxy, firewall) and the cloud setting.';
    }
    return new src_errors/* UserError */.yo(lines.join('\n'), { field, fix, cause: err });
}
/**
 * Creates the token provider for the resolved auth kind. Validates first (no network; sign-in happens on
 * the first getToken), and masks every secret, assertion and token before it could be logged.
 */
async function createTokenProvider(o, host) {
    const prepared = credentials_prepare(o, host);
    const { plan } = prepared;
    // A certificate given as a path stays readable in messages; given inline it is the key itself.
    const inlineCertificate = o.certificate && !prepared.cert?.fromFile ? o.certificate : undefined;
    for (const s of [o.clientSecret, inlineCertificate, o.certificatePassword, o.token])
        maskSecret(host, s);
    const net = { ...o.network, proxyUrl: o.network?.proxyUrl ?? host.proxyUrl?.() };
    if (net.proxyUrl)
        maskSecret(host, new URL(net.proxyUrl).password || undefined);
    const built = plan.kind === 'service-connection'
        ? await buildFromConnection(plan.requested, o, host, net)
        : await buildFromInputs(prepared, o, host, net);
    if (o.kind === 'auto' && plan.kind === 'oidc' && (given(o.clientSecret) || given(o.certificate))) {
        host.log.warn('auth auto uses OIDC because the job can request an ID token; the client-secret/certificate inputs are ignored (set auth to use them).');
    }
    // Debug only: the caller prints `description` once it has signed in.
    host.log.debug(`Authenticating with ${built.description}${o.kind === 'auto' ? ` (auth auto chose ${built.kind})` : ''}.`);
    return makeProvider(built, o.cloud, host);
}
function makeProvider(built, cloud, host) {
    if (built.staticToken !== undefined) {
        const token = built.staticToken;
        const tokenFor = async (scope) => {
            if (scope === cloud.fabricScope)
                return token;
            throw new src_errors/* UserError */.yo(`auth: token only carries a Fabric token; ${scope} needs a credential.`, {
                field: 'auth',
                fix: 'Use object ids instead of names/UPNs for principals and no Key Vault, or choose an auth kind that can sign in (oidc, client-secret, certificate, …).',
            });
        };
        return {
            kind: 'token',
            description: built.description,
            getToken: async () => token,
            identity: async () => identityFromToken(token),
            tokenFor,
        };
    }
    let credential = built.make();
    const cache = new Map();
    const inflight = new Map();
    const fetchToken = async (scope, options, force) => {
        const key = `${options?.tenantId ?? ''}|${options?.claims ?? ''}|${scope}`;
        const hit = cache.get(key);
        if (!force && hit && Date.now() < hit.refreshAt)
            return hit;
        if (!force) {
            const pending = inflight.get(key);
            if (pending)
                return pending;
        }
        if (force) {
            // A new credential has an empty MSAL cache, so the token really is new (and so is the assertion).
            credential = built.make();
            cache.clear();
        }
        const p = (async () => {
            let t;
            try {
                t = await credential.getToken(scope, options);
            }
            catch (err) {
                throw signInError(err, built, scope);
            }
            if (!t?.token)
                throw signInError(new Error('no token was returned'), built, scope);
            maskSecret(host, t.token);
            const refreshAt = Math.min(t.refreshAfterTimestamp ?? Infinity, t.expiresOnTimestamp - REFRESH_MARGIN_MS);
            cache.set(key, { ...t, refreshAt });
            return t;
        })();
        inflight.set(key, p);
        try {
            return await p;
        }
        finally {
            inflight.delete(key);
        }
    };
    const wrapped = {
        getToken: async (scopes, options) => fetchToken(Array.isArray(scopes) ? scopes[0] : scopes, options, false),
    };
    const tokenFor = async (scope) => (await fetchToken(scope, undefined, false)).token;
    return {
        kind: built.kind,
        description: built.description,
        credential: wrapped,
        tokenFor,
        getToken: async (forceRefresh) => (await fetchToken(cloud.fabricScope, undefined, !!forceRefresh)).token,
        identity: async () => identityFromToken((await fetchToken(cloud.fabricScope, undefined, false)).token),
    };
}

;// CONCATENATED MODULE: ./src/identity/directory.ts
/**
 * Microsoft Graph look-ups that turn the names in fabric-deploy.yml (UPNs, group names, app ids)
 * into the object ids Fabric role assignments need. See fabric-api-notes.md §13.
 */

const GRAPH_HOSTS = new Set([
    'https://graph.microsoft.com',
    'https://graph.microsoft.us',
    'https://dod-graph.microsoft.us',
    'https://microsoftgraph.chinacloudapi.cn',
]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** OData string literal: single quotes doubled. */
function odataString(s) {
    return `'${s.replace(/'/g, "''")}'`;
}
class Directory {
    opts;
    base;
    scope;
    fetchImpl;
    cache = new Map();
    constructor(opts) {
        this.opts = opts;
        const url = new URL(opts.graphUrl);
        const path = url.pathname.replace(/\/+$/, '');
        this.base = url.origin + (path === '' ? '/v1.0' : path);
        this.scope =
            opts.scope ??
                (GRAPH_HOSTS.has(url.origin) ? `${url.origin}/.default` : 'https://graph.microsoft.com/.default');
        this.fetchImpl = opts.fetchImpl ?? fetch;
    }
    /** A user by UPN (guest UPNs with #EXT# work). 404 → UserError. */
    userByUpn(upn) {
        const u = upn.trim();
        // A UPN starting with $ would be read as an OData system query segment; the key syntax avoids that.
        const segment = u.startsWith('$')
            ? `users(${encodeURIComponent(odataString(u))})`
            : `users/${encodeURIComponent(u).replace(/%40/g, '@')}`;
        return this.once(`user:${u.toLowerCase()}`, async () => {
            const res = await this.get(`/${segment}?$select=id,userPrincipalName,displayName`, {
                notFound: `User "${u}" was not found in the directory.`,
                what: 'users',
                fix: 'Check the UPN (for guests it is the #EXT# form), or give the object id instead.',
            });
            return { id: res.id, displayName: res.displayName, userPrincipalName: res.userPrincipalName };
        });
    }
    /** A group by display name; display names are not unique, so 0 or >1 matches is an error. */
    groupByName(name) {
        const n = name.trim();
        return this.once(`group:${n}`, async () => {
            const filter = encodeURIComponent(`displayName eq ${odataString(n)}`);
            const res = await this.get(`/groups?$filter=${filter}&$select=id,displayName,securityEnabled,mailEnabled`, { what: 'groups' });
            const found = res.value ?? [];
            if (found.length === 0) {
                throw new src_errors/* UserError */.yo(`Group "${n}" was not found in the directory.`, {
                    fix: 'Check the display name (exact match), or give the group object id.',
                });
            }
            if (found.length > 1) {
                throw new src_errors/* UserError */.yo(`${found.length} groups are named "${n}" (${found.map((g) => g.id).join(', ')}).`, {
                    fix: 'Display names are not unique: give the object id of the intended group instead of its name.',
                });
            }
            return { id: found[0].id, displayName: found[0].displayName };
        });
    }
    /** The service principal (enterprise app) of an application id; `id` is what Fabric needs. */
    servicePrincipalByAppId(appId) {
        const a = appId.trim();
        return this.once(`sp:${a.toLowerCase()}`, async () => {
            const res = await this.get(`/servicePrincipals(appId=${encodeURIComponent(odataString(a))})?$select=id,appId,displayName`, {
                notFound: `No service principal with application id ${a} exists in the tenant.`,
                what: 'service principals',
                fix: 'Check the application (client) id, and create the enterprise app in this tenant if it is missing.',
            });
            return { id: res.id, appId: res.appId, displayName: res.displayName };
        });
    }
    once(key, fn) {
        let p = this.cache.get(key);
        if (!p) {
            p = fn();
            this.cache.set(key, p);
            // Failures are not cached: a retry of the run step should look again.
            p.catch(() => this.cache.delete(key));
        }
        return p;
    }
    async get(path, ctx) {
        const url = this.base + path;
        const attempts = this.opts.maxAttempts ?? 4;
        for (let attempt = 1;; attempt++) {
            const token = await this.opts.tokenFor(this.scope);
            let res;
            try {
                res = await this.fetchImpl(url, {
                    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
                });
            }
            catch (err) {
                if (attempt < attempts) {
                    await sleep(1000 * 2 ** (attempt - 1));
                    continue;
                }
                throw new src_errors/* UserError */.yo(`Microsoft Graph is unreachable (${new URL(url).origin}): ${err.message}`, {
                    fix: 'Check network access to Graph, or give object ids so no look-up is needed.',
                    cause: err,
                });
            }
            const text = await res.text();
            let body;
            try {
                body = text ? JSON.parse(text) : undefined;
            }
            catch {
                body = undefined;
            }
            if (res.ok)
                return body;
            if ((res.status === 429 || res.status === 503 || res.status === 504) && attempt < attempts) {
                const retryAfter = Number(res.headers.get('retry-after') ?? NaN);
                await sleep(Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 1000 * 2 ** (attempt - 1));
                continue;
            }
            const err = body?.error;
            if (res.status === 404 && ctx.notFound)
                throw new src_errors/* UserError */.yo(ctx.notFound, { fix: ctx.fix });
            if (res.status === 401 || res.status === 403) {
                const permission = {
                    users: 'User.ReadBasic.All',
                    groups: 'GroupMember.Read.All',
                    'service principals': 'Application.Read.All',
                }[ctx.what];
                throw new src_errors/* UserError */.yo(`Microsoft Graph refused to read ${ctx.what} (HTTP ${res.status}${err?.code ? ` ${err.code}` : ''}).`, {
                    fix: `Grant the deploying identity the ${permission} application permission (admin consent), or give object ids instead of names.`,
                });
            }
            throw new src_errors/* UserError */.yo(`Microsoft Graph failed reading ${ctx.what}: HTTP ${res.status}${err?.code ? ` ${err.code}` : ''}${err?.message ? `: ${err.message}` : ''}`, {
                fix: ctx.fix ?? 'Try again later, or give object ids instead of names.',
            });
        }
    }
}

;// CONCATENATED MODULE: ./src/identity/secrets.ts
/**
 * The seeds' SecretManager: `${secret:NAME}` resolves from Key Vault (cached for an hour), then
 * environment variables, then a `.env` file (CLI only). @azure/keyvault-secrets is imported only
 * when Key Vault is actually used.
 */





const SECRET_REFERENCE = /\$\{secret:([^}]*)\}/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const HOUR = 60 * 60_000;
/** Key Vault secret names allow only letters, digits and dashes; `DB_PASSWORD` is looked up as `DB-PASSWORD`. */
function keyVaultName(name) {
    return name.replace(/[_.]/g, '-');
}
/** Environment names tried for a reference: as written, then upper-case with `-`/`.` as `_`. */
function envNames(name) {
    const alt = name.toUpperCase().replace(/[-.]/g, '_');
    return alt === name ? [name] : [name, alt];
}
/** Minimal `.env` reader: KEY=VALUE, `export ` prefix, # comments, single/double quotes (\n in double). */
function parseDotenv(text) {
    const out = {};
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
        if (!m)
            continue;
        let value = m[2];
        if (value.startsWith('"') && value.lastIndexOf('"') > 0) {
            value = value.slice(1, value.lastIndexOf('"')).replace(/\\n/g, '\n').replace(/\\"/g, '"');
        }
        else if (value.startsWith("'") && value.lastIndexOf("'") > 0) {
            value = value.slice(1, value.lastIndexOf("'"));
        }
        else {
            value = value.replace(/\s+#.*$/, '').trim();
        }
        out[m[1]] = value;
    }
    return out;
}
class SecretManager {
    opts;
    vaultUrl;
    ttlMs;
    cache = new Map();
    inflight = new Map();
    client;
    /** Why Key Vault is not used (after a failure, or because it is off); shown when a secret is missing. */
    vaultDown;
    dotenv;
    /** Validates the configuration (no network); throws ConfigError. */
    constructor(opts) {
        this.opts = opts;
        this.ttlMs = opts.ttlMs ?? HOUR;
        const url = opts.keyVaultUrl?.trim();
        if (url) {
            const parsed = requireSecureUrl(url, 'key-vault-url');
            if (opts.enabled)
                this.vaultUrl = parsed;
            else
                opts.host.log.debug('key-vault-url is set but the key-vault feature is off; secrets come from the environment.');
        }
        if (opts.required && !opts.enabled) {
            throw new src_errors/* ConfigError */.xL('The production profile requires Key Vault, but the key-vault feature is off.', {
                field: 'features',
                fix: 'Remove "-key-vault" from features / FEATURE_USE_KEY_VAULT=false; production always uses Key Vault.',
            });
        }
        if (opts.enabled && !this.vaultUrl) {
            if (opts.required) {
                throw new src_errors/* ConfigError */.xL('The production profile requires Key Vault, but no vault is configured.', {
                    field: 'key-vault-url',
                    fix: 'Set secrets.keyVault in fabric-deploy.yml or the key-vault-url input (https://<name>.vault.azure.net).',
                });
            }
            this.vaultDown = 'not configured';
            opts.host.log.warn('The key-vault feature is on but no vault is configured; secrets come from the environment.');
        }
        if (this.vaultUrl && !opts.credential) {
            throw new src_errors/* ConfigError */.xL('Key Vault needs a credential that can sign in, but auth is token.', {
                field: 'auth',
                fix: 'Use oidc, client-secret, certificate, managed-identity or azure-cli, or turn the key-vault feature off.',
            });
        }
    }
    /** The secret's value; throws ConfigError naming every source tried when none has it. */
    async get(name, context = {}) {
        const trimmed = name.trim();
        if (!ENV_NAME.test(trimmed)) {
            throw new src_errors/* ConfigError */.xL(`"${name}" is not a valid secret name.`, {
                field: context.field,
                location: context.location,
                fix: 'Use letters, digits, "-", "_" or "." and start with a letter or "_", e.g. ${secret:SQL_PASSWORD}.',
            });
        }
        const cached = this.cache.get(trimmed);
        if (cached && Date.now() < cached.expiresAt)
            return cached.value;
        const pending = this.inflight.get(trimmed);
        if (pending)
            return pending;
        const p = this.lookup(trimmed, context).finally(() => this.inflight.delete(trimmed));
        this.inflight.set(trimmed, p);
        return p;
    }
    /** Replaces every `${secret:NAME}` in `text`. */
    async resolveReferences(text, context = {}) {
        const names = [...new Set([...text.matchAll(SECRET_REFERENCE)].map((m) => m[1]))];
        if (names.length === 0)
            return text;
        const values = new Map();
        for (const n of names)
            values.set(n, await this.get(n, context));
        return text.replace(SECRET_REFERENCE, (_m, n) => values.get(n));
    }
    async lookup(name, context) {
        const tried = [];
        if (this.vaultUrl && !this.vaultDown) {
            const kvName = keyVaultName(name);
            const value = await this.fromVault(kvName);
            if (value !== undefined) {
                maskSecret(this.opts.host, value);
                this.cache.set(name, { value, expiresAt: Date.now() + this.ttlMs });
                return value;
            }
            tried.push(`Key Vault ${this.vaultUrl.origin} (secret "${kvName}"${this.vaultDown ? `: ${this.vaultDown}` : ' not found'})`);
        }
        else if (this.opts.enabled) {
            tried.push(this.vaultUrl
                ? `Key Vault ${this.vaultUrl.origin} (skipped: ${this.vaultDown})`
                : `Key Vault (${this.vaultDown})`);
        }
        const names = envNames(name);
        for (const n of names) {
            const v = this.opts.env[n];
            if (v !== undefined && v !== '')
                return this.accept(v);
        }
        tried.push(`environment variable${names.length > 1 ? 's' : ''} ${names.join(', ')}`);
        const dotenvPath = this.opts.host.kind === 'cli' ? this.opts.dotenvPath : undefined;
        if (dotenvPath) {
            const file = this.readDotenv(dotenvPath);
            for (const n of names) {
                const v = file?.[n];
                if (v !== undefined && v !== '')
                    return this.accept(v);
            }
            tried.push(`${dotenvPath}${file ? '' : ' (not found)'}`);
        }
        throw new src_errors/* ConfigError */.xL(`Secret "${name}" was not found. Tried: ${tried.join('; ')}.`, {
            field: context.field,
            location: context.location,
            fix: this.vaultUrl
                ? `Add secret "${keyVaultName(name)}" to the vault (the identity needs "Key Vault Secrets User"), or set environment variable ${names.at(-1)}.`
                : `Set environment variable ${names.at(-1)} (a pipeline secret), or configure Key Vault (key-vault-url + features: key-vault).`,
        });
    }
    accept(value) {
        maskSecret(this.opts.host, value);
        return value;
    }
    readDotenv(path) {
        if (this.dotenv === undefined) {
            this.dotenv = (0,external_node_fs_.existsSync)(path) ? parseDotenv((0,external_node_fs_.readFileSync)(path, 'utf8')) : null;
            for (const v of Object.values(this.dotenv ?? {}))
                maskSecret(this.opts.host, v);
        }
        return this.dotenv;
    }
    secretClient() {
        this.client ??= (async () => {
            const { SecretClient } = await Promise.all(/* import() */[__webpack_require__.e(6725), __webpack_require__.e(1818), __webpack_require__.e(9336)]).then(__webpack_require__.bind(__webpack_require__, 79336));
            const url = this.vaultUrl.toString();
            return new SecretClient(url, this.opts.credential, {
                // The simulator's vault lives on loopback, not on *.vault.azure.net.
                disableChallengeResourceVerification: isLoopbackUrl(url),
                retryOptions: { maxRetries: 2 },
                ...azureClientOptions({
                    ...this.opts.network,
                    proxyUrl: this.opts.network?.proxyUrl ?? this.opts.host.proxyUrl?.(),
                }),
            });
        })();
        return this.client;
    }
    /** The value, or undefined when the vault has no such secret; other failures fall back or fail. */
    async fromVault(kvName) {
        try {
            const secret = await (await this.secretClient()).getSecret(kvName);
            return secret.value ?? '';
        }
        catch (err) {
            const e = err;
            if (e.statusCode === 404 || e.code === 'SecretNotFound')
                return undefined;
            const why = describeVaultError(err);
            if (this.opts.required) {
                const inner = err instanceof src_errors/* UserError */.yo ? err : undefined;
                throw new src_errors/* UserError */.yo(`Key Vault ${this.vaultUrl.origin} failed: ${why}. The production profile does not fall back to the environment.`, {
                    field: inner?.field ?? 'key-vault-url',
                    fix: inner?.fix ??
                        'Grant the deploying identity "Key Vault Secrets User" on the vault and check network access (firewall, private endpoint).',
                    cause: err,
                });
            }
            // One warning and no further attempts: every secret would otherwise wait for the same retries.
            this.vaultDown = `failed: ${why}`;
            this.opts.host.log.warn(`Key Vault ${this.vaultUrl.origin} failed (${why}); falling back to environment variables.`);
            return undefined;
        }
    }
}
function describeVaultError(err) {
    const e = err;
    const first = (e.message ?? String(err)).split(/\r?\n/)[0];
    return e.statusCode ? `HTTP ${e.statusCode}${e.code ? ` ${e.code}` : ''}: ${first}` : first;
}

;// CONCATENATED MODULE: ./src/report/summary.ts
/** GitHub refuses a job summary over 1 MiB; stay well below it and say so when cut. */
const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;
const ICON = { succeeded: '✅', 'rolled-back': '↩️', failed: '❌' };
const RESULT_TEXT = {
    succeeded: 'succeeded',
    'rolled-back': 'failed and was rolled back',
    failed: 'failed',
};
const MAX_CELL = 300;
const FABRIC_PORTAL = 'https://app.fabric.microsoft.com';
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const m = Math.floor(ms / 60_000);
    return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}
/** The workspace's page in the Fabric portal. */
function workspaceUrl(id) {
    return `${FABRIC_PORTAL}/groups/${encodeURIComponent(id)}`;
}
/**
 * The markdown summary shown on both hosts (GitHub job summary, Azure DevOps summary tab) and printed
 * by the CLI: headline, facts, a row per item, then plan / principals / Git / rollback sections and
 * warnings. Kept under the size limit by dropping item rows first, with a note saying so.
 */
function renderSummary(r, opts = {}) {
    const limit = opts.limitBytes ?? SUMMARY_LIMIT_BYTES;
    const scrub = opts.scrub ?? ((s) => s);
    const render = (rows) => scrub(compose(r, rows));
    let md = render(r.items.length);
    if (bytes(md) <= limit)
        return md;
    // Too big: keep as many item rows as fit (binary search), the rest is in the outputs and audit log.
    let lo = 0;
    let hi = r.items.length;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (bytes(render(mid)) <= limit)
            lo = mid;
        else
            hi = mid - 1;
    }
    md = render(lo);
    return bytes(md) <= limit ? md : hardCut(md, limit);
}
function compose(r, itemRows) {
    const lines = [];
    const isPlan = r.command === 'plan';
    const verb = isPlan ? 'Plan' : r.command === 'destroy' ? 'Destroy' : 'Deployment';
    const outcome = isPlan
        ? r.result === 'failed'
            ? 'failed'
            : r.hasChanges
                ? 'has changes'
                : 'no changes'
        : (RESULT_TEXT[r.result] ?? r.result);
    const icon = isPlan && r.result !== 'failed' ? '📋' : (ICON[r.result] ?? '');
    const env = r.environment ? ` — ${inline(r.environment)}` : '';
    lines.push(`## ${icon ? `${icon} ` : ''}Fabric ${verb} ${outcome}${env}`, '');
    const wsId = r.workspace.id;
    const url = r.workspace.url ?? (wsId ? workspaceUrl(wsId) : undefined);
    const wsName = inline(r.workspace.name ?? wsId ?? '?');
    const ws = url ? `[${wsName}](${url})` : wsName;
    lines.push('| | |', '|---|---|');
    lines.push(`| Result | ${RESULT_TEXT[r.result] ?? r.result} |`);
    if (r.environment)
        lines.push(`| Environment | ${cell(r.environment)} |`);
    lines.push(`| Workspace | ${ws}${r.workspace.created ? ' (created)' : ''} |`);
    if (wsId)
        lines.push(`| Workspace id | \`${cell(wsId)}\` |`);
    lines.push(`| Deployment id | \`${cell(r.deploymentId)}\` |`);
    lines.push(`| Started | ${r.startedAt.toISOString()} |`);
    lines.push(`| Duration | ${formatDuration(r.durationMs)} |`);
    lines.push(`| Items | ${countLine(r.items)} |`);
    const retries = r.items.reduce((n, i) => n + (i.retries ?? 0), 0);
    if (retries > 0)
        lines.push(`| Retries | ${retries} |`);
    lines.push('');
    if (r.error)
        lines.push(`> **Error:** ${cell(r.error, 2000)}`, '');
    if (r.items.length > 0) {
        lines.push('### Items', '');
        lines.push('| Item | Type | Action | Status | Duration | Retries |', '|---|---|---|---|---:|---:|');
        for (const i of r.items.slice(0, itemRows)) {
            const name = i.folder ? `${i.folder}/${i.name}` : i.name;
            const status = `${i.status}${i.error ? `: ${cell(i.error)}` : ''}`;
            lines.push(`| ${cell(name)} | ${cell(i.type)} | ${i.action} | ${status} | ${i.durationMs === undefined ? '' : formatDuration(i.durationMs)} | ${i.retries ?? 0} |`);
        }
        if (itemRows < r.items.length) {
            lines.push('', `> Summary cut to stay under the 1 MiB job-summary limit: ${r.items.length - itemRows} of ${r.items.length} item rows are not shown; the full list is in the \`items\` output and the audit log.`);
        }
        lines.push('');
    }
    const sections = [...(r.sections ?? [])];
    const has = (re) => sections.some((s) => re.test(s.title));
    if (r.rollback?.length && !has(/rollback/i))
        sections.push({ title: 'Rollback', markdown: rollbackTable(r.rollback) });
    if (r.leftInPlace?.length && !has(/left in place/i)) {
        sections.push({
            title: 'Left in place (rollback is off)',
            markdown: r.leftInPlace.map((l) => `- ${inline(l)}`).join('\n'),
        });
    }
    for (const s of sections)
        lines.push(`### ${s.title}`, '', s.markdown, '');
    if (r.journalFile)
        lines.push(`Journal: \`${inline(r.journalFile)}\``, '');
    if (r.warnings.length > 0) {
        lines.push('### Warnings', '');
        for (const w of r.warnings)
            lines.push(`- ${inline(w)}`);
        lines.push('');
    }
    return lines.join('\n');
}
function rollbackTable(rows) {
    const out = ['| Change | Undo | Result |', '|---|---|---|'];
    for (const u of rows)
        out.push(`| ${cell(u.target)} | ${cell(u.action)} | ${u.result}${u.error ? `: ${cell(u.error)}` : ''} |`);
    return out.join('\n');
}
function countLine(items) {
    const counts = new Map();
    for (const i of items)
        counts.set(i.action, (counts.get(i.action) ?? 0) + 1);
    if (counts.size === 0)
        return 'none';
    return [...counts].map(([a, n]) => `${n} ${a}`).join(', ');
}
/** One table cell: no pipes, no line breaks, no raw HTML, bounded length. */
function cell(s, max = MAX_CELL) {
    const t = inline(s).replace(/\|/g, '\\|');
    return t.length > max ? `${t.slice(0, max)}…` : t;
}
/** One line of text from user data: no line breaks, no raw HTML. */
function inline(s) {
    return String(s).replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function bytes(s) {
    return Buffer.byteLength(s, 'utf8');
}
/** Last resort when sections alone are too big: cut at a line end and say so. */
function hardCut(md, limit) {
    const note = '\n\n> Summary cut to stay under the 1 MiB job-summary limit; the full list is in the `items` output and the audit log.\n';
    const room = limit - bytes(note);
    let cut = Buffer.from(md, 'utf8').subarray(0, room).toString('utf8');
    // A multi-byte character split at the boundary decodes to U+FFFD: drop it with the partial line.
    cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
    return cut + note;
}

;// CONCATENATED MODULE: ./src/report/scrub.ts
/**
 * Last-line redaction for everything that leaves the process as telemetry or lands in the audit log.
 * The caller's `scrub` (the host masker: every registered secret) runs first; these patterns catch
 * what was never registered: query strings, bearer tokens, JWTs and `key=value` credentials.
 */
const MAX_STRING = 8192;
const URL_QUERY = /\b(https?:\/\/[^\s?#"'<>`]+)\?[^\s#"'<>`]*/gi;
const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
const BEARER = /\b(bearer)\s+[\w.~+/=-]{8,}/gi;
const AUTH_HEADER = /\b((?:authorization|x-ms-authorization-auxiliary|ocp-apim-subscription-key|api-key)["']?\s*[:=]\s*["']?)[^\s"',;]+/gi;
const KEY_VALUE = /\b((?:client[_-]?secret|password|passwd|pwd|secret|access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?assertion|assertion|sig|signature|accountkey|sharedaccesskey)\s*[=:]\s*["']?)[^\s&;"',]+/gi;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;
/** Removes every URL's query string, tokens and credential-looking values; caps the length. */
function redact(text) {
    let s = text
        .replace(PRIVATE_KEY, '[private key]')
        .replace(URL_QUERY, '$1')
        .replace(JWT, '[jwt]')
        .replace(BEARER, '$1 [redacted]')
        .replace(AUTH_HEADER, '$1[redacted]')
        .replace(KEY_VALUE, '$1[redacted]');
    if (s.length > MAX_STRING)
        s = `${s.slice(0, MAX_STRING)}… [${s.length - MAX_STRING} characters cut]`;
    return s;
}
/** The caller's scrub (registered secrets) followed by `redact`; a throwing scrub never leaks the input. */
function makeSanitizer(scrub) {
    return (input) => {
        let s = String(input);
        if (scrub) {
            try {
                s = scrub(s);
            }
            catch {
                return '[unavailable]';
            }
        }
        return redact(s);
    };
}
/** Keys whose values are never written, whatever they hold. */
const SECRET_KEY = /(secret|password|passwd|token|credential|assertion|private|apikey|api-key|connectionstring|signature|^sig$|^key$|certificate$)/i;

;// CONCATENATED MODULE: ./src/report/audit.ts
/**
 * The audit log: JSON Lines, one record per change applied to Fabric (and per undo), appended
 * synchronously so a crash loses nothing already done. Values are sanitized on the way in: secret-
 * looking keys are dropped, strings scrubbed and bounded. Writing never fails the run.
 */



const audit_MAX_STRING = 1024;
const MAX_DEPTH = 4;
const MAX_ARRAY = 50;
/** Opens (creates) the JSONL file; its path is the `audit-log` output. */
async function createAuditLog(opts) {
    const sanitize = makeSanitizer(opts.scrub);
    const file = external_node_path_default().resolve(opts.dir, opts.fileName ?? `fabric-deploy-audit-${safeName(opts.deploymentId)}.jsonl`);
    let identity = pickIdentity(opts.identity);
    let seq = 0;
    let broken = false;
    try {
        (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(file), { recursive: true });
        (0,external_node_fs_.appendFileSync)(file, '');
    }
    catch (err) {
        broken = true;
        opts.log?.warn(`audit log ${file} cannot be written: ${err.message}`);
    }
    const clean = (v, depth = 0) => {
        if (v === null || v === undefined)
            return v;
        if (typeof v === 'string')
            return bound(sanitize(v));
        if (typeof v === 'number' || typeof v === 'boolean')
            return v;
        if (v instanceof Date)
            return v.toISOString();
        if (depth >= MAX_DEPTH)
            return '[…]';
        if (Array.isArray(v))
            return v.slice(0, MAX_ARRAY).map((x) => clean(x, depth + 1));
        if (typeof v === 'object') {
            const out = {};
            for (const [k, x] of Object.entries(v)) {
                if (x === undefined)
                    continue;
                out[k] = SECRET_KEY.test(k) ? '[redacted]' : clean(x, depth + 1);
            }
            return out;
        }
        return undefined; // functions, symbols, bigints: nothing an auditor needs
    };
    return {
        path: broken ? undefined : file,
        setIdentity(i) {
            identity = pickIdentity(i);
        },
        record(entry) {
            if (broken)
                return;
            try {
                const line = {
                    time: entry.time ?? new Date().toISOString(),
                    deploymentId: entry.deploymentId ?? opts.deploymentId,
                    seq: ++seq,
                    identity: pickIdentity(entry.identity) ?? identity,
                    action: bound(sanitize(entry.action)),
                    target: clean(entry.target),
                    before: entry.before === undefined ? undefined : clean(entry.before),
                    after: entry.after === undefined ? undefined : clean(entry.after),
                    result: entry.result,
                    requestId: entry.requestId ?? requestIdIn(entry.error),
                    error: entry.error === undefined ? undefined : bound(sanitize(entry.error)),
                };
                (0,external_node_fs_.appendFileSync)(file, JSON.stringify(line) + '\n');
            }
            catch (err) {
                broken = true;
                opts.log?.warn(`audit log ${file} cannot be written: ${err.message}; later changes are not audited`);
            }
        },
        async close() {
            // Every record is already on disk (synchronous appends); nothing is buffered.
        },
    };
}
/** Parses a JSONL audit log (tests, `rollback`, tooling). */
function readAuditLog(file) {
    return readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l));
}
function pickIdentity(i) {
    if (!i)
        return undefined;
    // Only the ids: whatever else a caller hands in (claims, tokens) stays out.
    const out = {};
    if (i.objectId)
        out.objectId = String(i.objectId);
    if (i.appId)
        out.appId = String(i.appId);
    if (i.tenantId)
        out.tenantId = String(i.tenantId);
    return Object.keys(out).length ? out : undefined;
}
/** The Fabric request id quoted in an error message (`[requestId …]`), when the caller passed none. */
function requestIdIn(error) {
    return error ? /\brequestId[:\s]+([0-9a-zA-Z-]{8,})/.exec(error)?.[1] : undefined;
}
function bound(s) {
    return s.length > audit_MAX_STRING ? `${s.slice(0, audit_MAX_STRING)}…` : s;
}
function safeName(s) {
    return s.replace(/[^0-9A-Za-z._-]/g, '_');
}

// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/report/telemetry-types.ts
const noTelemetry = {
    event: () => { },
    metric: () => { },
    dependency: () => { },
    exception: () => { },
    flush: async () => { },
};
const noAudit = { record: () => { }, close: async () => { } };

;// CONCATENATED MODULE: ./src/report/telemetry.ts





// ---------------------------------------------------------------- names (alerts and the workbook query these)
/** customEvents names. */
const TELEMETRY_EVENTS = {
    deploymentStarted: 'DeploymentStarted',
    deploymentSucceeded: 'DeploymentSucceeded',
    deploymentRolledBack: 'DeploymentRolledBack',
    deploymentFailed: 'DeploymentFailed',
    circuitOpened: 'CircuitOpened',
    retryScheduled: 'RetryScheduled',
    tokenAcquisitionFailed: 'TokenAcquisitionFailed',
    configValidationFailed: 'ConfigValidationFailed',
    healthCheckFailed: 'HealthCheckFailed',
};
/** customMetrics names (recorded as histograms: `value` is the sum, `valueCount` the count). */
const TELEMETRY_METRICS = {
    deploymentDuration: 'FabricDeploy.DeploymentDurationMs',
    items: 'FabricDeploy.Items',
    retries: 'FabricDeploy.Retries',
    throttles: 'FabricDeploy.Throttles',
    circuitOpens: 'FabricDeploy.CircuitOpens',
    rollbacks: 'FabricDeploy.Rollbacks',
};
/** customDimensions present on every item. */
const TELEMETRY_DIMENSIONS = {
    app: 'app',
    appValue: 'fabric-deploy',
    version: 'version',
    deploymentId: 'deploymentId',
    environment: 'environment',
    host: 'host',
    command: 'command',
};
/** Dependencies are HTTP calls to Fabric (the exporter writes type 'Http'), named `METHOD /v1/path/{id}`. */
const DEPENDENCY_TYPE = 'Http';
/** Total time `flush()` may take, including waiting for the SDK to finish loading. */
const FLUSH_BUDGET_MS = 2000;
/** What `telemetry-connection-string` must look like; used by createTelemetry and the health check. */
function checkConnectionString(cs) {
    if (!cs || !cs.trim())
        return { ok: false, reason: 'no connection string is set (telemetry-connection-string)' };
    const fields = new Map();
    for (const part of cs.trim().split(';')) {
        if (!part.trim())
            continue;
        const eq = part.indexOf('=');
        if (eq <= 0)
            return { ok: false, reason: 'the connection string is not a list of Key=Value pairs' };
        fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    const ikey = fields.get('instrumentationkey');
    if (!ikey || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ikey)) {
        return { ok: false, reason: 'the connection string has no valid InstrumentationKey (a GUID)' };
    }
    const endpoint = fields.get('ingestionendpoint');
    if (endpoint !== undefined) {
        let url;
        try {
            url = new URL(endpoint);
        }
        catch {
            return { ok: false, reason: 'IngestionEndpoint in the connection string is not a URL' };
        }
        // The SDK sends over HTTPS whatever the scheme says; a plain-HTTP endpoint could never answer.
        if (url.protocol !== 'https:' && url.protocol !== 'http:')
            return { ok: false, reason: 'IngestionEndpoint must be an https URL' };
    }
    return { ok: true, instrumentationKey: ikey, ingestionEndpoint: endpoint };
}
/** App Insights operation id (a W3C trace id: 32 hex) for a deployment id: the GUID's hex, else a hash. */
function operationIdFor(deploymentId) {
    const hex = deploymentId.replace(/-/g, '').toLowerCase();
    if (/^[0-9a-f]{32}$/.test(hex) && !/^0+$/.test(hex))
        return hex;
    return (0,external_node_crypto_.createHash)('sha256').update(deploymentId).digest('hex').slice(0, 32);
}
/**
 * The run's telemetry: `noTelemetry` when off or misconfigured (with a warning), else the Application
 * Insights sink, once its SDK has loaded. Loading is synchronous module evaluation that no timer can
 * interrupt, so it is paid here, up front, rather than inside the bounded `flush()` at the end.
 */
async function createTelemetry(opts) {
    if (!opts.enabled)
        return noTelemetry;
    const check = checkConnectionString(opts.connectionString);
    if (!check.ok) {
        opts.log?.warn(`telemetry is on but ${check.reason}; no telemetry is sent`);
        return noTelemetry;
    }
    const t = new AppInsightsTelemetry(opts, opts.connectionString.trim());
    return (await t.ready()) ? t : noTelemetry;
}
class AppInsightsTelemetry {
    opts;
    connectionString;
    client;
    api;
    opContext;
    state = 'loading';
    queue = [];
    dropped = 0;
    abort = new AbortController();
    loading;
    sanitize;
    common;
    budgetMs;
    maxQueued;
    constructor(opts, connectionString) {
        this.opts = opts;
        this.connectionString = connectionString;
        this.sanitize = makeSanitizer(opts.scrub);
        this.budgetMs = opts.flushTimeoutMs ?? FLUSH_BUDGET_MS;
        this.maxQueued = opts.maxQueued ?? 10_000;
        const d = TELEMETRY_DIMENSIONS;
        this.common = clean({
            [d.app]: d.appValue,
            [d.version]: version/* VERSION */.x,
            [d.deploymentId]: opts.deploymentId,
            [d.environment]: opts.environment ? this.sanitize(opts.environment) : undefined,
            [d.host]: opts.host,
            [d.command]: opts.command,
        });
        this.loading = this.load().catch((err) => {
            this.state = 'off';
            this.queue = [];
            opts.log?.warn(`telemetry is off: the Application Insights SDK could not start (${this.sanitize(errText(err))})`);
        });
    }
    /** Resolves once the SDK is loaded (true) or failed to load (false). */
    async ready() {
        await this.loading;
        return this.state === 'ready';
    }
    async load() {
        const [aiMod, apiMod] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(6725), __webpack_require__.e(8650), __webpack_require__.e(3914), __webpack_require__.e(2237)]).then(__webpack_require__.t.bind(__webpack_require__, 92237, 23)), __webpack_require__.e(/* import() */ 3914).then(__webpack_require__.bind(__webpack_require__, 63914))]);
        if (this.state === 'off')
            return; // flush gave up before the SDK arrived
        const ai = pickModule(aiMod, 'TelemetryClient');
        const api = pickModule(apiMod, 'context');
        // Statsbeat (the SDK's usage reports to Microsoft) is an extra outbound connection a CI runner may
        // not allow; an explicit value (even empty) in the environment wins.
        process.env.APPLICATION_INSIGHTS_NO_STATSBEAT ??= 'true';
        // Settings come from our inputs, not from an applicationinsights.json the SDK would look for
        // beside itself: a path built from __dirname, which an ESM bundle does not define.
        process.env.APPLICATIONINSIGHTS_CONFIGURATION_CONTENT ??= '{}';
        // Isolated providers: nothing global is instrumented (no automatic HTTP collection of our calls).
        const client = new ai.TelemetryClient(this.connectionString, { useGlobalProviders: false });
        const extraCa = this.opts.caCertificates === undefined ? [] : [this.opts.caCertificates].flat();
        const abort = this.abort.signal;
        const timeout = this.budgetMs;
        client.config.azureMonitorOpenTelemetryOptions = {
            azureMonitorExporterOptions: {
                connectionString: this.connectionString,
                // A CI job ends right after the flush: telemetry parked on disk would never be sent.
                disableOfflineStorage: true,
                ...(extraCa.length ? { tlsOptions: { ca: [...external_node_tls_.rootCertificates, ...extraCa] } } : {}),
                additionalPolicies: [
                    {
                        position: 'perCall',
                        policy: {
                            name: 'fabricDeployBoundedExport',
                            // Each export is bounded and aborted when flush gives up, so no socket or SDK timer
                            // (their own timeouts are 30 s) keeps the process alive after the run.
                            sendRequest: (request, next) => {
                                request.timeout = timeout;
                                request.abortSignal = request.abortSignal ? anySignal([request.abortSignal, abort]) : abort;
                                return next(request);
                            },
                        },
                    },
                ],
            },
            enableLiveMetrics: false,
            enableAutoCollectExceptions: false,
            enableAutoCollectPerformance: false,
        };
        // Events and exceptions take their operation id from the active OpenTelemetry context; the
        // isolated providers register no context manager, so a minimal synchronous one is installed
        // (kept if the process already has one).
        api.context.setGlobalContextManager(syncContextManager(api));
        this.opContext = api.trace.setSpanContext(api.ROOT_CONTEXT, {
            traceId: operationIdFor(this.opts.deploymentId),
            spanId: (0,external_node_crypto_.randomBytes)(8).toString('hex'),
            traceFlags: api.TraceFlags.SAMPLED,
            isRemote: true,
        });
        this.api = api;
        this.client = client;
        this.state = 'ready';
        const queued = this.queue;
        this.queue = [];
        for (const fn of queued)
            this.run(fn);
        if (this.dropped)
            this.opts.log?.debug(`telemetry: ${this.dropped} item(s) dropped while the SDK loaded`);
    }
    emit(fn) {
        if (this.state === 'ready')
            this.run(fn);
        else if (this.state === 'loading') {
            if (this.queue.length < this.maxQueued)
                this.queue.push(fn);
            else
                this.dropped++;
        }
    }
    run(fn) {
        try {
            const api = this.api;
            api.context.with(this.opContext, () => fn(this.client));
        }
        catch {
            // Telemetry never fails a run.
        }
    }
    /** Strings scrubbed into properties, finite numbers into measurements, the common dimensions added. */
    split(properties) {
        const props = { ...this.common };
        const measurements = {};
        for (const [k, v] of Object.entries(properties ?? {})) {
            if (v === undefined)
                continue;
            if (typeof v === 'number') {
                if (Number.isFinite(v))
                    measurements[k] = v;
            }
            else
                props[this.sanitize(k)] = this.sanitize(String(v));
        }
        return { properties: props, measurements };
    }
    strings(properties) {
        const out = { ...this.common };
        for (const [k, v] of Object.entries(properties ?? {}))
            if (v !== undefined)
                out[this.sanitize(k)] = this.sanitize(String(v));
        return out;
    }
    event(name, properties) {
        try {
            const { properties: p, measurements } = this.split(properties);
            const n = this.sanitize(name);
            this.emit((c) => c.trackEvent({ name: n, properties: p, measurements }));
        }
        catch {
            // never fail a run
        }
    }
    metric(name, value, properties) {
        try {
            if (!Number.isFinite(value))
                return;
            const p = this.strings(properties);
            this.emit((c) => c.trackMetric({ name, value, properties: p }));
        }
        catch {
            // never fail a run
        }
    }
    dependency(d) {
        try {
            const durationMs = Math.max(0, Number(d.durationMs) || 0);
            const time = d.time ?? new Date(Date.now() - durationMs);
            const properties = { ...this.strings(stringProps(d.properties)) };
            const method = (d.method ?? /^([A-Z]+)\s/.exec(d.name)?.[1])?.toUpperCase();
            const url = d.data ? safeUrl(this.sanitize(d.data)) : undefined;
            // Stable HTTP semantic attributes: the exporter turns them into type HTTP, data, resultCode and
            // keeps them out of customDimensions; no `url.full`, so the name stays ours (low cardinality).
            if (method)
                properties['http.request.method'] = method;
            if (url) {
                properties['url.scheme'] = url.protocol.replace(':', '');
                properties['server.address'] = url.host;
                properties['url.path'] = url.pathname;
            }
            const status = Number(d.resultCode);
            if (Number.isFinite(status) && status > 0)
                properties['http.response.status_code'] = status;
            else
                properties.resultCode = this.sanitize(String(d.resultCode));
            const dep = {
                name: this.sanitize(d.name),
                target: this.sanitize(d.target),
                duration: durationMs,
                resultCode: this.sanitize(String(d.resultCode)),
                success: d.success,
                time,
                properties,
            };
            this.emit((c) => c.trackDependency(dep));
        }
        catch {
            // never fail a run
        }
    }
    exception(err, properties) {
        try {
            const info = describeError(err);
            const e = new Error(this.sanitize(info.message));
            e.name = this.sanitize(info.name);
            e.stack = this.sanitize(info.stack ?? `${info.name}: ${info.message}`);
            const p = this.strings({
                errorCode: info.errorCode,
                status: info.status,
                requestId: info.requestId,
                operation: info.operation,
                ...properties,
            });
            this.emit((c) => c.trackException({ exception: e, properties: p }));
        }
        catch {
            // never fail a run
        }
    }
    async flush() {
        if (this.state === 'off')
            return;
        const deadline = Date.now() + this.budgetMs;
        try {
            const loaded = await within(this.loading.then(() => true), deadline);
            if (!loaded || this.state !== 'ready') {
                this.state = 'off';
                this.queue = [];
                this.opts.log?.debug('telemetry: the SDK did not load within the flush budget; nothing was sent');
                return;
            }
            const done = await within(this.client.flush().then(() => true, () => true), deadline);
            if (!done) {
                this.abort.abort();
                this.opts.log?.debug(`telemetry: the ingestion endpoint did not answer within ${this.budgetMs} ms; unsent telemetry was dropped`);
            }
        }
        catch {
            // never fail a run
        }
    }
}
// ---------------------------------------------------------------- run-level helpers
/** `DeploymentStarted`. */
function trackDeploymentStarted(t, d) {
    t.event(TELEMETRY_EVENTS.deploymentStarted, {
        command: d.command,
        environment: d.environment,
        workspace: d.workspace,
        items: d.items,
    });
}
/**
 * The result event (Succeeded / RolledBack / Failed) with the duration and counts, the duration,
 * items-per-action and rollback metrics, and the exception when the run failed.
 */
function trackDeploymentFinished(t, report, error) {
    const counts = {};
    for (const i of report.items)
        counts[i.action] = (counts[i.action] ?? 0) + 1;
    const name = report.result === 'succeeded'
        ? TELEMETRY_EVENTS.deploymentSucceeded
        : report.result === 'rolled-back'
            ? TELEMETRY_EVENTS.deploymentRolledBack
            : TELEMETRY_EVENTS.deploymentFailed;
    const dims = { command: report.command, result: report.result };
    t.event(name, {
        ...dims,
        workspaceId: report.workspace.id,
        durationMs: report.durationMs,
        items: report.items.length,
        failedItems: report.items.filter((i) => i.status === 'failed').length,
        ...Object.fromEntries(Object.entries(counts).map(([a, n]) => [`items_${a}`, n])),
        error: report.error,
    });
    t.metric(TELEMETRY_METRICS.deploymentDuration, report.durationMs, dims);
    for (const [action, n] of Object.entries(counts))
        t.metric(TELEMETRY_METRICS.items, n, { ...dims, action });
    if (report.result === 'rolled-back' || (report.rollback?.length ?? 0) > 0)
        t.metric(TELEMETRY_METRICS.rollbacks, 1, dims);
    if (report.result !== 'succeeded' && (error !== undefined || report.error)) {
        t.exception(error ?? new Error(report.error), { command: report.command, result: report.result });
    }
}
/**
 * A run that ended before a report existed: `ConfigValidationFailed` or `TokenAcquisitionFailed`
 * when the error is one, then the exception and `DeploymentFailed`.
 */
function trackRunError(t, err, d = {}) {
    const kind = classifyError(err);
    if (kind === 'token')
        t.event(TELEMETRY_EVENTS.tokenAcquisitionFailed, { command: d.command, error: errText(err) });
    else if (kind === 'config')
        t.event(TELEMETRY_EVENTS.configValidationFailed, {
            command: d.command,
            error: errText(err),
            field: err.field,
        });
    t.exception(err, { command: d.command ?? '', kind });
    t.event(TELEMETRY_EVENTS.deploymentFailed, {
        command: d.command,
        result: 'failed',
        durationMs: d.durationMs,
        error: errText(err),
        kind,
    });
}
const AUTH_FIELDS = new Set([
    'auth',
    'token',
    'client-id',
    'client-secret',
    'certificate',
    'certificate-password',
    'tenant-id',
    'audience',
    'connected-service-name',
    'authority-host',
]);
const AUTH_ERROR_NAMES = new Set([
    'CredentialUnavailableError',
    'AuthenticationError',
    'AuthenticationRequiredError',
    'AggregateAuthenticationError',
]);
/** 'token' for failures to get a token, 'config' for bad configuration, else 'other'. */
function classifyError(err) {
    let config = false;
    for (const e of causes(err)) {
        const x = e;
        if (AUTH_ERROR_NAMES.has(x.name ?? '') || /\bAADSTS\d{5,}/.test(x.message ?? ''))
            return 'token';
        if (x.field && AUTH_FIELDS.has(x.field))
            return 'token';
        if (x.name === 'FabricApiError' && x.status === 401)
            return 'token';
        if (x.name === 'ConfigError')
            config = true;
    }
    return config ? 'config' : 'other';
}
/** Replaces ids in a URL path so dependency names aggregate: /v1/workspaces/{id}/items/{id}. */
function templatePath(path) {
    return path
        .split('/')
        .map((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) || /^\d+$/.test(s)
        ? '{id}'
        : s)
        .join('/');
}
/**
 * The client's `onEvent` listener: a dependency per HTTP call, `RetryScheduled` + retries metric,
 * throttles metric, `CircuitOpened` + breaker-opens metric. Never throws.
 */
function telemetryEventSink(t) {
    return (e) => {
        try {
            switch (e.type) {
                case 'request': {
                    const r = e;
                    const url = safeUrl(r.url);
                    t.dependency({
                        name: `${r.method.toUpperCase()} ${url ? templatePath(url.pathname) : r.operation}`,
                        target: url?.host ?? 'fabric',
                        durationMs: r.durationMs,
                        resultCode: r.status,
                        success: r.success,
                        data: r.url,
                        method: r.method,
                        properties: {
                            operation: r.operation,
                            group: r.group,
                            attempt: r.attempt,
                            requestId: r.requestId,
                            errorCode: r.errorCode,
                        },
                    });
                    break;
                }
                case 'retry': {
                    const r = e;
                    t.event(TELEMETRY_EVENTS.retryScheduled, {
                        operation: r.operation,
                        group: r.group,
                        attempt: r.attempt,
                        delayMs: r.delayMs,
                        reason: r.reason,
                    });
                    t.metric(TELEMETRY_METRICS.retries, 1, clean({ group: r.group }));
                    break;
                }
                case 'throttled': {
                    const r = e;
                    t.metric(TELEMETRY_METRICS.throttles, 1, clean({ group: r.group, operation: r.operation }));
                    break;
                }
                case 'circuit': {
                    const r = e;
                    if (r.state !== 'open')
                        break;
                    t.event(TELEMETRY_EVENTS.circuitOpened, {
                        group: r.group,
                        retryAt: r.retryAt,
                        failures: r.failures,
                    });
                    t.metric(TELEMETRY_METRICS.circuitOpens, 1, { group: r.group });
                    break;
                }
                default:
                    break;
            }
        }
        catch {
            // A telemetry hook must never break a request.
        }
    };
}
// ---------------------------------------------------------------- small helpers
function clean(o) {
    const out = {};
    for (const [k, v] of Object.entries(o))
        if (v !== undefined && v !== '')
            out[k] = v;
    return out;
}
function stringProps(p) {
    const out = {};
    for (const [k, v] of Object.entries(p ?? {}))
        out[k] = v === undefined ? undefined : String(v);
    return out;
}
function safeUrl(s) {
    try {
        const u = new URL(s);
        u.search = '';
        u.hash = '';
        u.username = '';
        u.password = '';
        return u;
    }
    catch {
        return undefined;
    }
}
function errText(err) {
    return err instanceof Error ? err.message : String(err);
}
function* causes(err) {
    const seen = new Set();
    const stack = [err];
    while (stack.length) {
        const e = stack.shift();
        if (e === undefined || e === null || seen.has(e) || seen.size > 20)
            continue;
        seen.add(e);
        yield e;
        if (typeof e !== 'object')
            continue;
        const x = e;
        if (x.cause !== undefined)
            stack.push(x.cause);
        if (Array.isArray(x.errors))
            stack.push(...x.errors);
        if (Array.isArray(x.failures))
            stack.push(...x.failures.map((f) => f?.error));
    }
}
/** Name, message and the Fabric details (errorCode, status, requestId) found on the error or its causes. */
function describeError(err) {
    const top = err instanceof Error ? err : undefined;
    const out = {
        name: top?.name ?? 'Error',
        message: top?.message ?? String(err),
        stack: top?.stack,
    };
    for (const e of causes(err)) {
        const x = e;
        if (out.errorCode === undefined) {
            if (typeof x.errorCode === 'string')
                out.errorCode = x.errorCode;
            else if (typeof x.code === 'string' && x.code)
                out.errorCode = x.code;
        }
        if (out.status === undefined && typeof x.status === 'number')
            out.status = x.status;
        if (out.requestId === undefined && typeof x.requestId === 'string')
            out.requestId = x.requestId;
        if (out.operation === undefined && typeof x.operation === 'string')
            out.operation = x.operation;
    }
    return out;
}
/** Resolves to the promise's value, or `false` once the deadline passes (the timer never holds the process). */
async function within(p, deadline) {
    const ms = Math.max(0, deadline - Date.now());
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
        timer.unref();
    });
    try {
        return await Promise.race([p, timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
function anySignal(signals) {
    const any = AbortSignal.any;
    if (any)
        return any(signals);
    const c = new AbortController();
    for (const s of signals) {
        if (s.aborted)
            c.abort();
        else
            s.addEventListener('abort', () => c.abort(), { once: true });
    }
    return c.signal;
}
function pickModule(mod, member) {
    const m = mod;
    return (member in m ? m : m.default);
}
/** Just enough of a ContextManager for synchronous `context.with(ctx, () => track…())` calls. */
function syncContextManager(api) {
    let current = api.ROOT_CONTEXT;
    return {
        active: () => current,
        with(ctx, fn, thisArg, ...args) {
            const prev = current;
            current = ctx;
            try {
                return fn.call(thisArg, ...args);
            }
            finally {
                current = prev;
            }
        },
        bind: (_ctx, target) => target,
        enable() {
            return this;
        },
        disable() {
            current = api.ROOT_CONTEXT;
            return this;
        },
    };
}

;// CONCATENATED MODULE: ./src/health/checks.ts



const CHECK_NAMES = (/* unused pure expression or super */ null && ([
    'fabric-api',
    'authentication',
    'workspace',
    'capacity',
    'key-vault',
    'telemetry',
]));
const DEFAULT_CHECK_TIMEOUT_MS = 2000;
const TITLES = {
    'fabric-api': 'Fabric API reachable',
    authentication: 'Authentication',
    workspace: 'Workspace access and role',
    capacity: 'Capacity active',
    'key-vault': 'Key Vault reachable',
    telemetry: 'Telemetry configuration',
};
const ROLE_RANK = { Viewer: 1, Contributor: 2, Member: 3, Admin: 4 };
class CheckTimeout extends Error {
}
/** Runs every check (independent ones in parallel) and reports each; never throws. */
async function runHealthChecks(ctx, opts = {}) {
    const started = Date.now();
    const timeoutMs = opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    const wanted = (n) => !opts.only || opts.only.includes(n);
    const run = (name, fn) => wanted(name)
        ? bounded(name, fn, timeoutMs)
        : Promise.resolve(result(name, { status: 'skip', message: 'not requested' }, 0));
    let identity;
    const api = run('fabric-api', (signal) => checkFabricApi(ctx, signal, timeoutMs));
    const auth = run('authentication', async (signal) => {
        const o = await checkAuthentication(ctx, signal);
        identity = o.identity;
        return o;
    });
    const kv = run('key-vault', (signal) => checkKeyVault(ctx, signal, timeoutMs));
    const tel = run('telemetry', async () => checkTelemetry(ctx));
    const authResult = await auth;
    const authed = authResult.status === 'pass';
    let workspaceInfo;
    const needsAuth = (name, fn) => authed || !wanted(name)
        ? run(name, fn)
        : Promise.resolve(result(name, { status: 'skip', message: 'not run: authentication failed' }, 0));
    const ws = needsAuth('workspace', async (signal) => {
        const o = await checkWorkspace(ctx, signal, timeoutMs, identity);
        workspaceInfo = o.workspace;
        return o;
    });
    const cap = needsAuth('capacity', async (signal) => {
        const configured = ctx.settings.config.workspace.capacity;
        // Without a configured capacity, the one the workspace already sits on is the one that matters.
        let assigned;
        if (!configured?.id && !configured?.name) {
            await ws;
            assigned = workspaceInfo?.capacityId;
        }
        return checkCapacity(ctx, signal, timeoutMs, configured, assigned);
    });
    const checks = await Promise.all([api, auth, ws, cap, kv, tel]);
    const ok = checks.every((c) => c.status !== 'fail');
    const report = {
        ok,
        status: ok ? 'healthy' : 'unhealthy',
        checkedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        version: version/* VERSION */.x,
        environment: ctx.settings.environment,
        identity,
        checks,
    };
    if (!ok) {
        try {
            ctx.telemetry?.event(TELEMETRY_EVENTS.healthCheckFailed, {
                failed: checks
                    .filter((c) => c.status === 'fail')
                    .map((c) => c.name)
                    .join(','),
                environment: ctx.settings.environment,
            });
        }
        catch {
            // telemetry never fails a check
        }
    }
    return report;
}
async function bounded(name, fn, timeoutMs) {
    const started = performance.now();
    const ac = new AbortController();
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
            ac.abort(new CheckTimeout());
            reject(new CheckTimeout());
        }, timeoutMs);
        timer.unref();
    });
    try {
        const o = await Promise.race([fn(ac.signal), timeout]);
        return result(name, o, performance.now() - started);
    }
    catch (err) {
        const message = err instanceof CheckTimeout || ac.signal.aborted ? `no answer within ${timeoutMs} ms` : checks_describe(err);
        return result(name, { status: 'fail', message }, performance.now() - started);
    }
    finally {
        clearTimeout(timer);
    }
}
function result(name, o, ms) {
    return {
        name,
        title: TITLES[name],
        status: o.status,
        message: o.message,
        durationMs: Math.round(ms),
        ...(o.details ? { details: o.details } : {}),
    };
}
// ---------------------------------------------------------------- the checks
async function checkFabricApi(ctx, signal, timeoutMs) {
    if (!ctx.client)
        return { status: 'fail', message: 'no Fabric client (the run stopped before it was created)' };
    const url = `${ctx.client.baseUrl}/workspaces`;
    // Anonymous on purpose: any HTTP answer (401 here) proves DNS, TLS, proxy and the service are fine,
    // independently of the credential (which the next check covers).
    const answer = await probe(ctx.client, 'health: Fabric API', url, signal, timeoutMs);
    if ('error' in answer)
        return {
            status: 'fail',
            message: `${ctx.client.baseUrl} is not reachable: ${answer.error}`,
            details: { url: ctx.client.baseUrl },
        };
    if (answer.status >= 500)
        return {
            status: 'fail',
            message: `${ctx.client.baseUrl} answered HTTP ${answer.status}`,
            details: { url: ctx.client.baseUrl, status: answer.status },
        };
    return {
        status: 'pass',
        message: `${ctx.client.baseUrl} answered (HTTP ${answer.status})`,
        details: { url: ctx.client.baseUrl, status: answer.status },
    };
}
async function checkAuthentication(ctx, signal) {
    if (!ctx.tokens)
        return { status: 'fail', message: 'no credential (the run stopped before one was created)' };
    const token = await abortable(ctx.tokens.getToken(), signal);
    const claims = decodeJwtClaims(token) ?? {};
    const str = (v) => (typeof v === 'string' && v ? v : undefined);
    const exp = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined;
    const identity = {
        tenantId: str(claims.tid),
        objectId: str(claims.oid),
        appId: str(claims.appid) ?? str(claims.azp),
        upn: str(claims.upn) ?? str(claims.preferred_username),
        kind: str(claims.idtyp) ?? (str(claims.upn) ? 'user' : str(claims.appid) ? 'app' : undefined),
        tokenExpiresAt: exp?.toISOString(),
    };
    const who = identity.upn
        ? `user ${identity.upn}`
        : identity.appId
            ? `app ${identity.appId}`
            : identity.objectId
                ? `principal ${identity.objectId}`
                : 'an opaque token (not a JWT: identity unknown)';
    const where = identity.tenantId ? ` in tenant ${identity.tenantId}` : '';
    const details = { ...identity };
    if (exp && exp.getTime() <= Date.now())
        return {
            status: 'fail',
            message: `the token for ${who}${where} expired at ${exp.toISOString()}`,
            details,
            identity,
        };
    const left = exp ? `; valid for ${Math.round((exp.getTime() - Date.now()) / 60_000)} min` : '';
    const oid = identity.objectId && !identity.upn ? ` (object id ${identity.objectId})` : '';
    return { status: 'pass', message: `token acquired for ${who}${oid}${where}${left}`, details, identity };
}
async function checkWorkspace(ctx, signal, timeoutMs, identity) {
    const client = ctx.client;
    const target = ctx.settings.workspace;
    const required = requiredRole(ctx.settings);
    let ws;
    if (target.id) {
        try {
            ws = (await client.send('health: get workspace', 'GET', `/workspaces/${encodeURIComponent(target.id)}`, undefined, { signal, timeoutMs })).body;
        }
        catch (err) {
            const status = err.status;
            if (status === 404)
                return {
                    status: 'fail',
                    message: `workspace ${target.id} does not exist (or is not visible to this identity)`,
                    details: { workspaceId: target.id },
                };
            if (status === 403 || status === 401) {
                return {
                    status: 'fail',
                    message: `no access to workspace ${target.id}: ${whoText(identity)} has no role on it (needs ${required} or higher)`,
                    details: { workspaceId: target.id, requiredRole: required },
                };
            }
            throw err;
        }
    }
    else if (target.name) {
        const want = target.name.toLowerCase();
        const all = await client.listAll('health: find workspace', '/workspaces', {
            signal,
            timeoutMs,
        });
        ws = all.find((w) => w.displayName.toLowerCase() === want);
        if (!ws) {
            return {
                status: 'skip',
                message: `workspace '${target.name}' does not exist yet (or this identity has no role on it); a deploy creates it, which needs the tenant setting that lets this identity create workspaces`,
                details: { workspaceName: target.name, requiredRole: required },
            };
        }
    }
    else {
        return { status: 'skip', message: 'no workspace configured' };
    }
    // The caller's effective role (groups included): the highest role filter the workspace appears under.
    const roles = ['Admin', 'Member', 'Contributor'];
    const lists = await Promise.all(roles.map((r) => client
        .listAll(`health: workspaces as ${r}`, `/workspaces?roles=${r}`, { signal, timeoutMs })
        .catch(() => [])));
    const id = ws.id.toLowerCase();
    const role = roles.find((_, i) => lists[i].some((w) => w.id.toLowerCase() === id)) ?? 'Viewer';
    const details = {
        workspaceId: ws.id,
        workspaceName: ws.displayName,
        role,
        requiredRole: required,
        capacityId: ws.capacityId,
    };
    if (ROLE_RANK[role] < ROLE_RANK[required]) {
        return {
            status: 'fail',
            message: `${whoText(identity)} is ${role} on workspace '${ws.displayName}'; this configuration needs ${required}`,
            details,
            workspace: ws,
        };
    }
    return {
        status: 'pass',
        message: `${role} on workspace '${ws.displayName}' (${ws.id}); needs ${required}`,
        details,
        workspace: ws,
    };
}
async function checkCapacity(ctx, signal, timeoutMs, configured, assignedId) {
    const wantId = (configured?.id ?? assignedId)?.toLowerCase();
    const wantName = configured?.name?.toLowerCase();
    if (!wantId && !wantName)
        return { status: 'skip', message: 'no capacity configured and none assigned to the workspace' };
    const label = configured?.name ?? configured?.id ?? assignedId;
    const all = await ctx.client.listAll('health: list capacities', '/capacities', {
        signal,
        timeoutMs,
    });
    const cap = all.find((c) => (wantId && c.id.toLowerCase() === wantId) || (wantName && c.displayName.toLowerCase() === wantName));
    if (!cap) {
        return {
            status: 'fail',
            message: `capacity '${label}' is not visible to this identity (it needs capacity admin or contributor permissions on it)`,
            details: { capacity: label },
        };
    }
    const details = {
        capacityId: cap.id,
        capacityName: cap.displayName,
        sku: cap.sku,
        region: cap.region,
        state: cap.state,
    };
    if (cap.state !== 'Active') {
        return {
            status: 'fail',
            message: `capacity '${cap.displayName}' (${cap.sku}) is ${cap.state}: resume it (Azure portal → Fabric capacity → Resume) before deploying`,
            details,
        };
    }
    return {
        status: 'pass',
        message: `capacity '${cap.displayName}' (${cap.sku}, ${cap.region}) is Active`,
        details,
    };
}
async function checkKeyVault(ctx, signal, timeoutMs) {
    if (!ctx.settings.features.keyVault)
        return { status: 'skip', message: 'Key Vault is off' };
    const vault = ctx.settings.inputs.keyVaultUrl;
    if (!vault)
        return {
            status: 'fail',
            message: 'Key Vault is on but no vault is set (key-vault-url input or secrets.keyVault in the config)',
        };
    let base;
    try {
        base = new URL(vault);
    }
    catch {
        return { status: 'fail', message: `key-vault-url is not a URL: '${vault}'` };
    }
    const url = `${base.origin}/secrets?api-version=7.4&maxresults=1`;
    // Without a token the vault answers 401 with its challenge: proof that DNS, TLS, the network
    // rules up to the vault and the vault itself are fine, without needing a Key Vault credential here.
    const answer = ctx.client
        ? await probe(ctx.client, 'health: Key Vault', url, signal, timeoutMs)
        : await fetchProbe(url, signal);
    if ('error' in answer)
        return {
            status: 'fail',
            message: `${base.origin} is not reachable: ${answer.error}`,
            details: { vault: base.origin },
        };
    if (answer.status >= 500 || answer.errorCode === 'ForbiddenByFirewall') {
        return {
            status: 'fail',
            message: `${base.origin} answered HTTP ${answer.status}${answer.errorCode ? ` ${answer.errorCode}` : ''}`,
            details: { vault: base.origin, status: answer.status },
        };
    }
    return {
        status: 'pass',
        message: `${base.origin} answered (HTTP ${answer.status}${answer.status === 401 ? ': the expected challenge' : ''})`,
        details: { vault: base.origin, status: answer.status },
    };
}
function checkTelemetry(ctx) {
    if (!ctx.settings.features.telemetry)
        return { status: 'skip', message: 'telemetry is off' };
    const c = checkConnectionString(ctx.settings.inputs.telemetryConnectionString);
    if (!c.ok)
        return { status: 'fail', message: `telemetry is on but ${c.reason}` };
    let endpoint = 'the default ingestion endpoint';
    try {
        if (c.ingestionEndpoint)
            endpoint = new URL(c.ingestionEndpoint).host;
    }
    catch {
        // checked already
    }
    // The instrumentation key is not a secret, but there is no need to show all of it.
    const ikey = `${c.instrumentationKey.slice(0, 8)}…`;
    return {
        status: 'pass',
        message: `Application Insights ${ikey} via ${endpoint}`,
        details: { instrumentationKey: ikey, endpoint },
    };
}
// ---------------------------------------------------------------- helpers
/** The lowest workspace role this configuration can deploy with. */
function requiredRole(s) {
    const w = s.config.workspace;
    // Connecting Git and granting Admin are Admin-only; other role assignments need Member.
    if (w.git || (w.principals ?? []).some((p) => p.role === 'Admin'))
        return 'Admin';
    if ((w.principals ?? []).length > 0 || w.principalsFile)
        return 'Member';
    return 'Contributor';
}
function whoText(i) {
    if (i?.upn)
        return `user ${i.upn}`;
    if (i?.appId)
        return `app ${i.appId}`;
    if (i?.objectId)
        return `principal ${i.objectId}`;
    return 'this identity';
}
/** One anonymous GET through the client's pipeline (its proxy, CA and retry settings). */
async function probe(client, operation, url, signal, timeoutMs) {
    try {
        const res = await client.http.request(operation, 'GET', url, { anonymous: true, signal, timeoutMs });
        return { status: res.status };
    }
    catch (err) {
        const e = err;
        if (typeof e.status === 'number' && e.status > 0)
            return { status: e.status, errorCode: e.errorCode };
        if (signal.aborted)
            throw err;
        return { error: checks_describe(err) };
    }
}
async function fetchProbe(url, signal) {
    try {
        const res = await fetch(url, { signal });
        await res.body?.cancel();
        return { status: res.status };
    }
    catch (err) {
        if (signal.aborted)
            throw err;
        return { error: checks_describe(err) };
    }
}
function abortable(p, signal) {
    if (signal.aborted)
        return Promise.reject(new CheckTimeout());
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(new CheckTimeout());
        signal.addEventListener('abort', onAbort, { once: true });
        p.then((v) => {
            signal.removeEventListener('abort', onAbort);
            resolve(v);
        }, (e) => {
            signal.removeEventListener('abort', onAbort);
            reject(e);
        });
    });
}
function checks_describe(err) {
    const e = err;
    const msg = e?.message ?? String(err);
    const code = e?.code ?? e?.cause?.code;
    return code && !msg.includes(code) ? `${msg} (${code})` : msg;
}

;// CONCATENATED MODULE: ./src/health/render.ts
const MARK = { pass: '✅ pass', fail: '❌ fail', skip: '➖ skip' };
/**
 * The report as a markdown table (readable in a terminal, a job summary and the Azure DevOps summary
 * tab), or as JSON for tools. Holds ids and states only, never a token.
 */
function renderHealth(report, format = 'markdown') {
    if (format === 'json')
        return JSON.stringify(report, null, 2);
    const lines = [
        `## ${report.ok ? '✅ Healthy' : '❌ Unhealthy'}: Fabric Deploy health${report.environment ? ` — ${report.environment}` : ''}`,
        '',
    ];
    lines.push('| Check | Result | Detail | Time |', '|---|---|---|---:|');
    for (const c of report.checks)
        lines.push(`| ${c.title} | ${MARK[c.status]} | ${render_cell(c.message)} | ${c.durationMs} ms |`);
    lines.push('', `Checked at ${report.checkedAt} in ${report.durationMs} ms (fabric-deploy ${report.version}).`);
    return lines.join('\n') + '\n';
}
function render_cell(s) {
    return s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
;// CONCATENATED MODULE: ./src/health/server.ts
/**
 * `fabric-deploy serve-health`: for long-running agents. `/health` is liveness (the process answers);
 * `/readiness` runs the checks, cached for `cacheMs` so probes cannot hammer Fabric, and answers 200
 * when healthy, 503 when not. Concurrent probes share one run of the checks.
 */


const DEFAULT_READINESS_CACHE_MS = 30_000;
async function serveHealth(opts) {
    const cacheMs = opts.cacheMs ?? DEFAULT_READINESS_CACHE_MS;
    const startedAt = Date.now();
    let cached;
    let inFlight;
    const readiness = () => {
        if (cached && Date.now() - cached.at < cacheMs)
            return Promise.resolve(cached.report);
        inFlight ??= opts
            .checks()
            .then((report) => {
            cached = { at: Date.now(), report };
            return report;
        })
            .finally(() => {
            inFlight = undefined;
        });
        return inFlight;
    };
    const server = external_node_http_default().createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
        const send = (status, body) => {
            const text = JSON.stringify(body);
            res.writeHead(status, {
                'content-type': 'application/json; charset=utf-8',
                'cache-control': 'no-store',
                'content-length': Buffer.byteLength(text),
            });
            res.end(req.method === 'HEAD' ? undefined : text);
        };
        if (req.method !== 'GET' && req.method !== 'HEAD') {
            res.setHeader('allow', 'GET, HEAD');
            return send(405, { error: 'method not allowed' });
        }
        if (path === '/health' || path === '/healthz' || path === '/livez') {
            return send(200, {
                status: 'ok',
                version: version/* VERSION */.x,
                uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
            });
        }
        if (path === '/readiness' || path === '/ready' || path === '/readyz') {
            readiness().then((report) => send(report.ok ? 200 : 503, report), (err) => send(503, {
                ok: false,
                status: 'unhealthy',
                error: err instanceof Error ? err.message : String(err),
            }));
            return;
        }
        send(404, { error: 'not found', endpoints: ['/health', '/readiness'] });
    });
    server.keepAliveTimeout = 5000;
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    return {
        url: `http://${host}:${addr.port}`,
        port: addr.port,
        close: () => new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections?.();
        }),
    };
}

;// CONCATENATED MODULE: ./src/health/index.ts




;// CONCATENATED MODULE: ./src/deploy/rollback.ts
/**
 * `fabric-deploy rollback --journal FILE`: undoes what a killed (or rollback-off) run left, from
 * its journal alone. Steps already undone are skipped, so running it twice is harmless; the
 * outcomes are appended to the same journal and to the audit log.
 */






/** `lock-wait-seconds` (input or `--lock-wait-seconds`), checked as the deploy checks it. */
function lockOptionsFromInputs(ctx) {
    const wait = ctx.host.getInput('lock-wait-seconds');
    if (wait === undefined || wait.trim() === '')
        return {};
    const n = Number(wait);
    if (!Number.isFinite(n) || n < 0) {
        throw new src_errors/* ConfigError */.xL(`input 'lock-wait-seconds' must be a number of seconds ≥ 0, not '${wait}'`, {
            field: 'lock-wait-seconds',
            fix: 'e.g. --lock-wait-seconds 600',
        });
    }
    return { waitMs: n * 1000 };
}
async function rollbackFromJournal(ctx, file, options = {}) {
    const lockOptions = { ...lockOptionsFromInputs(ctx), ...options.lock };
    checkLockOptions(lockOptions);
    let text;
    try {
        text = await external_node_fs_.promises.readFile(file, 'utf8');
    }
    catch (err) {
        throw new src_errors/* ConfigError */.xL(`cannot read the journal '${file}': ${(0,src_errors/* errorMessage */.gJ)(err)}`, {
            field: 'journal',
            fix: 'pass the journal a deploy printed (journal: …), e.g. $RUNNER_TEMP/fabric-deploy-journal-<deployment id>.jsonl',
        });
    }
    const j = parseJournal(text);
    if (!j.header) {
        throw new src_errors/* ConfigError */.xL(`'${file}' is not a fabric-deploy journal`, {
            location: { file, line: 1 },
            field: 'journal',
            fix: 'pass a fabric-deploy-journal-<id>.jsonl file',
        });
    }
    const ops = new FabricOps(ctx.client);
    const original = j.header.deploymentId;
    ctx.log.info(`journal of deployment ${original} (${j.header.command}, started ${j.header.startedAt}): ${j.steps.length} step${j.steps.length === 1 ? '' : 's'}${j.committed ? ', committed' : ''}`);
    if (j.badLines)
        ctx.log.warn(`${j.badLines} unreadable line${j.badLines === 1 ? '' : 's'} ignored (the run was killed mid-write)`);
    // A committed deploy is not undone; only a lock it still holds is released.
    const steps = j.committed ? j.steps.filter((r) => r.undo.kind === 'release-lock') : j.steps;
    // The undos write to the workspace: take its lock first, so that a deploy running now is not
    // overwritten. The lock is taken in the name of the journal's deployment: a lock that run still
    // holds (it was killed) does not block its own rollback, and is released by it.
    const wsId = j.header.workspace.id ?? steps.find((s) => s.undo.kind === 'delete-workspace')?.target.id;
    let held;
    if (wsId && steps.some((r) => needsUndo(r) && r.undo.kind !== 'release-lock')) {
        try {
            held = (await acquireLock(ops, wsId, original, (name) => ownLockFolder(ops, wsId, name), (f) => releaseLock(ops, wsId, f.id, f.displayName, true), { ...lockOptions, log: ctx.log })).folder;
        }
        catch (err) {
            // A workspace that is gone has nothing left to overwrite; the undos find nothing either.
            if (!isNotFound(err))
                throw err;
        }
    }
    const lines = [];
    let undo = [];
    try {
        undo = await ctx.log.group('Rollback', () => undoSteps(ops, steps, {
            log: ctx.log,
            onOutcome: async (rec, o) => {
                const time = new Date().toISOString();
                lines.push(o.result === 'undone'
                    ? { rec: 'undone', seq: rec.seq, time }
                    : o.result === 'failed'
                        ? { rec: 'undo-failed', seq: rec.seq, time, error: o.error ?? '' }
                        : { rec: 'undo-skipped', seq: rec.seq, time, reason: o.error ?? '' });
                auditUndo(ctx.audit, original, rec, o);
            },
        }));
    }
    finally {
        if (held && wsId) {
            const h = held;
            // Something changed: leave the done-marker (planners see the workspace moved); else just go.
            const changed = undo.some((u) => u.result === 'undone');
            await releaseLock(ops, wsId, h.id, h.displayName, !changed).catch((err) => ctx.log.warn(`could not release the workspace lock '${h.displayName}': ${(0,src_errors/* errorMessage */.gJ)(err)}; delete that folder by hand`));
        }
    }
    const failed = undo.filter((u) => u.result === 'failed');
    lines.push({
        rec: 'end',
        time: new Date().toISOString(),
        result: failed.length ? 'rollback-incomplete' : 'rolled-back',
    });
    await appendToJournal(file, lines).catch((err) => ctx.log.warn(`could not append to the journal: ${(0,src_errors/* errorMessage */.gJ)(err)}`));
    ctx.telemetry.event('DeploymentRolledBack', {
        deploymentId: original,
        fromJournal: true,
        undone: undo.filter((u) => u.result === 'undone').length,
        undoFailed: failed.length,
    });
    const report = {
        command: 'rollback',
        deploymentId: original,
        result: failed.length ? 'failed' : 'rolled-back',
        workspace: {
            id: j.header.workspace.id ?? steps.find((s) => s.undo.kind === 'delete-workspace')?.target.id,
            name: j.header.workspace.name,
        },
        items: [],
        startedAt: ctx.startedAt,
        durationMs: Date.now() - ctx.startedAt.getTime(),
        warnings: failed.map((u) => `not undone: ${u.action} ${u.target.type} '${u.target.name ?? ''}': ${u.error}`),
        error: failed.length
            ? `${failed.length} undo${failed.length === 1 ? '' : 's'} failed; run the rollback again once the cause is fixed`
            : undefined,
        hasChanges: undo.some((u) => u.result === 'undone'),
        journalFile: file,
        rollback: undo.map(toReportUndo),
        sections: j.committed && undo.length === 0
            ? [{ title: 'Rollback', markdown: 'The deployment had committed: nothing to undo.' }]
            : undefined,
    };
    return report;
}
/**
 * Creates the rollback's lock folder. Its name carries the journal's deployment id and the time to
 * the second, so the killed run's own lock may have the very same name: that folder is then the
 * lock (it belongs to the deployment being rolled back).
 */
async function ownLockFolder(ops, workspaceId, name) {
    try {
        return await ops.createFolder(workspaceId, name);
    }
    catch (err) {
        if (errorCode(err) !== 'FolderDisplayNameAlreadyInUse')
            throw err;
        const same = (await ops.listFolders(workspaceId)).find((f) => f.displayName === name);
        if (!same)
            throw err;
        return same;
    }
}

;// CONCATENATED MODULE: ./src/settings/configValidator.generated.ts
// @ts-nocheck
/* eslint-disable */
/* Generated from src/settings/schema.ts by __tests__/settings/config-validator.test.ts (UPDATE_CONFIG_VALIDATOR=1). Do not edit. */
const validate = validate10;
/* harmony default export */ const configValidator_generated = ((/* unused pure expression or super */ null && (validate10)));
const schema11 = { "type": "object", "additionalProperties": false, "properties": { "version": { "const": 1 }, "workspace": { "type": "object", "additionalProperties": false, "properties": { "id": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "name": { "type": "string", "minLength": 1, "maxLength": 256 }, "description": { "type": "string", "maxLength": 4000 }, "capacity": { "type": "object", "additionalProperties": false, "properties": { "id": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "name": { "type": "string", "minLength": 1 } } }, "principals": { "type": "array", "items": { "type": "object", "additionalProperties": false, "properties": { "id": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "upn": { "type": "string", "minLength": 3 }, "group": { "type": "string", "minLength": 1 }, "appId": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "type": { "enum": ["User", "Group", "ServicePrincipal", "ServicePrincipalProfile"] }, "role": { "enum": ["Admin", "Member", "Contributor", "Viewer"] }, "description": { "type": "string" }, "parentPrincipalId": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" } }, "required": ["role"] } }, "principalsFile": { "type": "string" }, "git": { "type": "object", "additionalProperties": false, "properties": { "provider": { "enum": ["GitHub", "AzureDevOps"] }, "owner": { "type": "string" }, "organization": { "type": "string" }, "project": { "type": "string" }, "repository": { "type": "string" }, "branch": { "type": "string" }, "directory": { "type": "string" }, "connectionId": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "initialize": { "enum": ["None", "PreferRemote", "PreferWorkspace"] }, "updateFromGit": { "type": "boolean" } }, "required": ["provider", "repository", "branch"] } } }, "items": { "type": "object", "additionalProperties": false, "properties": { "directory": { "type": "string", "minLength": 1 }, "parameterFile": { "type": "string" }, "types": { "type": "array", "items": { "type": "string" } }, "exclude": { "type": "array", "items": { "type": "string" } }, "deleteOrphans": { "type": "boolean" }, "folders": { "type": "boolean" }, "maxFileBytes": { "type": "integer", "minimum": 1 } } }, "naming": { "type": "object", "additionalProperties": { "type": "string" } }, "features": { "type": "object", "additionalProperties": false, "properties": { "retry": { "type": "boolean" }, "circuitBreaker": { "type": "boolean" }, "rollback": { "type": "boolean" }, "telemetry": { "type": "boolean" }, "keyVault": { "type": "boolean" } } }, "profile": { "enum": ["default", "production"] }, "secrets": { "type": "object", "additionalProperties": false, "properties": { "keyVault": { "type": "string" } } }, "telemetry": { "type": "object", "additionalProperties": false, "properties": { "connectionString": { "type": "string" } } }, "resilience": { "type": "object", "additionalProperties": false, "properties": { "retries": { "type": "integer", "minimum": 0, "maximum": 10 }, "baseDelayMs": { "type": "integer", "minimum": 0 }, "timeoutMs": { "type": "integer", "minimum": 1000 }, "rateLimitPerMinute": { "type": "integer", "minimum": 1 }, "maxParallel": { "type": "integer", "minimum": 1, "maximum": 64 }, "lroTimeoutMinutes": { "type": "number", "minimum": 1 }, "breakerThreshold": { "type": "integer", "minimum": 1 }, "breakerResetSeconds": { "type": "number", "minimum": 1 } } }, "environments": { "type": "object", "additionalProperties": { "type": "object", "additionalProperties": false, "properties": { "workspace": { "type": "object", "additionalProperties": false, "properties": { "id": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "name": { "type": "string", "minLength": 1, "maxLength": 256 }, "description": { "type": "string", "maxLength": 4000 }, "capacity": { "type": "object", "additionalProperties": false, "properties": { "id": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "name": { "type": "string", "minLength": 1 } } }, "principals": { "type": "array", "items": { "type": "object", "additionalProperties": false, "properties": { "id": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "upn": { "type": "string", "minLength": 3 }, "group": { "type": "string", "minLength": 1 }, "appId": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "type": { "enum": ["User", "Group", "ServicePrincipal", "ServicePrincipalProfile"] }, "role": { "enum": ["Admin", "Member", "Contributor", "Viewer"] }, "description": { "type": "string" }, "parentPrincipalId": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" } }, "required": ["role"] } }, "principalsFile": { "type": "string" }, "git": { "type": "object", "additionalProperties": false, "properties": { "provider": { "enum": ["GitHub", "AzureDevOps"] }, "owner": { "type": "string" }, "organization": { "type": "string" }, "project": { "type": "string" }, "repository": { "type": "string" }, "branch": { "type": "string" }, "directory": { "type": "string" }, "connectionId": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "initialize": { "enum": ["None", "PreferRemote", "PreferWorkspace"] }, "updateFromGit": { "type": "boolean" } }, "required": ["provider", "repository", "branch"] } } }, "items": { "type": "object", "additionalProperties": false, "properties": { "directory": { "type": "string", "minLength": 1 }, "parameterFile": { "type": "string" }, "types": { "type": "array", "items": { "type": "string" } }, "exclude": { "type": "array", "items": { "type": "string" } }, "deleteOrphans": { "type": "boolean" }, "folders": { "type": "boolean" }, "maxFileBytes": { "type": "integer", "minimum": 1 } } }, "naming": { "type": "object", "additionalProperties": { "type": "string" } }, "features": { "type": "object", "additionalProperties": false, "properties": { "retry": { "type": "boolean" }, "circuitBreaker": { "type": "boolean" }, "rollback": { "type": "boolean" }, "telemetry": { "type": "boolean" }, "keyVault": { "type": "boolean" } } }, "profile": { "enum": ["default", "production"] }, "secrets": { "type": "object", "additionalProperties": false, "properties": { "keyVault": { "type": "string" } } }, "telemetry": { "type": "object", "additionalProperties": false, "properties": { "connectionString": { "type": "string" } } }, "resilience": { "type": "object", "additionalProperties": false, "properties": { "retries": { "type": "integer", "minimum": 0, "maximum": 10 }, "baseDelayMs": { "type": "integer", "minimum": 0 }, "timeoutMs": { "type": "integer", "minimum": 1000 }, "rateLimitPerMinute": { "type": "integer", "minimum": 1 }, "maxParallel": { "type": "integer", "minimum": 1, "maximum": 64 }, "lroTimeoutMinutes": { "type": "number", "minimum": 1 }, "breakerThreshold": { "type": "integer", "minimum": 1 }, "breakerResetSeconds": { "type": "number", "minimum": 1 } } } } } } }, "required": ["version", "workspace"] };
const func2 = Object.prototype.hasOwnProperty;
const func3 = (s) => [...s].length;
const pattern0 = new RegExp("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", "u");
function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) { let vErrors = null; let errors = 0; if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.version === undefined) {
        const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "version" }, message: "must have required property '" + "version" + "'" };
        if (vErrors === null) {
            vErrors = [err0];
        }
        else {
            vErrors.push(err0);
        }
        errors++;
    }
    if (data.workspace === undefined) {
        const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "workspace" }, message: "must have required property '" + "workspace" + "'" };
        if (vErrors === null) {
            vErrors = [err1];
        }
        else {
            vErrors.push(err1);
        }
        errors++;
    }
    for (const key0 in data) {
        if (!(func2.call(schema11.properties, key0))) {
            const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
                vErrors = [err2];
            }
            else {
                vErrors.push(err2);
            }
            errors++;
        }
    }
    if (data.version !== undefined) {
        if (1 !== data.version) {
            const err3 = { instancePath: instancePath + "/version", schemaPath: "#/properties/version/const", keyword: "const", params: { allowedValue: 1 }, message: "must be equal to constant" };
            if (vErrors === null) {
                vErrors = [err3];
            }
            else {
                vErrors.push(err3);
            }
            errors++;
        }
    }
    if (data.workspace !== undefined) {
        let data1 = data.workspace;
        if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
            for (const key1 in data1) {
                if (!(((((((key1 === "id") || (key1 === "name")) || (key1 === "description")) || (key1 === "capacity")) || (key1 === "principals")) || (key1 === "principalsFile")) || (key1 === "git"))) {
                    const err4 = { instancePath: instancePath + "/workspace", schemaPath: "#/properties/workspace/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                        vErrors = [err4];
                    }
                    else {
                        vErrors.push(err4);
                    }
                    errors++;
                }
            }
            if (data1.id !== undefined) {
                let data2 = data1.id;
                if (typeof data2 === "string") {
                    if (!pattern0.test(data2)) {
                        const err5 = { instancePath: instancePath + "/workspace/id", schemaPath: "#/properties/workspace/properties/id/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err5];
                        }
                        else {
                            vErrors.push(err5);
                        }
                        errors++;
                    }
                }
                else {
                    const err6 = { instancePath: instancePath + "/workspace/id", schemaPath: "#/properties/workspace/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err6];
                    }
                    else {
                        vErrors.push(err6);
                    }
                    errors++;
                }
            }
            if (data1.name !== undefined) {
                let data3 = data1.name;
                if (typeof data3 === "string") {
                    if (func3(data3) > 256) {
                        const err7 = { instancePath: instancePath + "/workspace/name", schemaPath: "#/properties/workspace/properties/name/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters" };
                        if (vErrors === null) {
                            vErrors = [err7];
                        }
                        else {
                            vErrors.push(err7);
                        }
                        errors++;
                    }
                    if (func3(data3) < 1) {
                        const err8 = { instancePath: instancePath + "/workspace/name", schemaPath: "#/properties/workspace/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                        if (vErrors === null) {
                            vErrors = [err8];
                        }
                        else {
                            vErrors.push(err8);
                        }
                        errors++;
                    }
                }
                else {
                    const err9 = { instancePath: instancePath + "/workspace/name", schemaPath: "#/properties/workspace/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err9];
                    }
                    else {
                        vErrors.push(err9);
                    }
                    errors++;
                }
            }
            if (data1.description !== undefined) {
                let data4 = data1.description;
                if (typeof data4 === "string") {
                    if (func3(data4) > 4000) {
                        const err10 = { instancePath: instancePath + "/workspace/description", schemaPath: "#/properties/workspace/properties/description/maxLength", keyword: "maxLength", params: { limit: 4000 }, message: "must NOT have more than 4000 characters" };
                        if (vErrors === null) {
                            vErrors = [err10];
                        }
                        else {
                            vErrors.push(err10);
                        }
                        errors++;
                    }
                }
                else {
                    const err11 = { instancePath: instancePath + "/workspace/description", schemaPath: "#/properties/workspace/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err11];
                    }
                    else {
                        vErrors.push(err11);
                    }
                    errors++;
                }
            }
            if (data1.capacity !== undefined) {
                let data5 = data1.capacity;
                if (data5 && typeof data5 == "object" && !Array.isArray(data5)) {
                    for (const key2 in data5) {
                        if (!((key2 === "id") || (key2 === "name"))) {
                            const err12 = { instancePath: instancePath + "/workspace/capacity", schemaPath: "#/properties/workspace/properties/capacity/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
                            if (vErrors === null) {
                                vErrors = [err12];
                            }
                            else {
                                vErrors.push(err12);
                            }
                            errors++;
                        }
                    }
                    if (data5.id !== undefined) {
                        let data6 = data5.id;
                        if (typeof data6 === "string") {
                            if (!pattern0.test(data6)) {
                                const err13 = { instancePath: instancePath + "/workspace/capacity/id", schemaPath: "#/properties/workspace/properties/capacity/properties/id/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err13];
                                }
                                else {
                                    vErrors.push(err13);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err14 = { instancePath: instancePath + "/workspace/capacity/id", schemaPath: "#/properties/workspace/properties/capacity/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err14];
                            }
                            else {
                                vErrors.push(err14);
                            }
                            errors++;
                        }
                    }
                    if (data5.name !== undefined) {
                        let data7 = data5.name;
                        if (typeof data7 === "string") {
                            if (func3(data7) < 1) {
                                const err15 = { instancePath: instancePath + "/workspace/capacity/name", schemaPath: "#/properties/workspace/properties/capacity/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                if (vErrors === null) {
                                    vErrors = [err15];
                                }
                                else {
                                    vErrors.push(err15);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err16 = { instancePath: instancePath + "/workspace/capacity/name", schemaPath: "#/properties/workspace/properties/capacity/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err16];
                            }
                            else {
                                vErrors.push(err16);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err17 = { instancePath: instancePath + "/workspace/capacity", schemaPath: "#/properties/workspace/properties/capacity/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                    if (vErrors === null) {
                        vErrors = [err17];
                    }
                    else {
                        vErrors.push(err17);
                    }
                    errors++;
                }
            }
            if (data1.principals !== undefined) {
                let data8 = data1.principals;
                if (Array.isArray(data8)) {
                    const len0 = data8.length;
                    for (let i0 = 0; i0 < len0; i0++) {
                        let data9 = data8[i0];
                        if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
                            if (data9.role === undefined) {
                                const err18 = { instancePath: instancePath + "/workspace/principals/" + i0, schemaPath: "#/properties/workspace/properties/principals/items/required", keyword: "required", params: { missingProperty: "role" }, message: "must have required property '" + "role" + "'" };
                                if (vErrors === null) {
                                    vErrors = [err18];
                                }
                                else {
                                    vErrors.push(err18);
                                }
                                errors++;
                            }
                            for (const key3 in data9) {
                                if (!((((((((key3 === "id") || (key3 === "upn")) || (key3 === "group")) || (key3 === "appId")) || (key3 === "type")) || (key3 === "role")) || (key3 === "description")) || (key3 === "parentPrincipalId"))) {
                                    const err19 = { instancePath: instancePath + "/workspace/principals/" + i0, schemaPath: "#/properties/workspace/properties/principals/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err19];
                                    }
                                    else {
                                        vErrors.push(err19);
                                    }
                                    errors++;
                                }
                            }
                            if (data9.id !== undefined) {
                                let data10 = data9.id;
                                if (typeof data10 === "string") {
                                    if (!pattern0.test(data10)) {
                                        const err20 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/id", schemaPath: "#/properties/workspace/properties/principals/items/properties/id/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err20];
                                        }
                                        else {
                                            vErrors.push(err20);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err21 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/id", schemaPath: "#/properties/workspace/properties/principals/items/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err21];
                                    }
                                    else {
                                        vErrors.push(err21);
                                    }
                                    errors++;
                                }
                            }
                            if (data9.upn !== undefined) {
                                let data11 = data9.upn;
                                if (typeof data11 === "string") {
                                    if (func3(data11) < 3) {
                                        const err22 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/upn", schemaPath: "#/properties/workspace/properties/principals/items/properties/upn/minLength", keyword: "minLength", params: { limit: 3 }, message: "must NOT have fewer than 3 characters" };
                                        if (vErrors === null) {
                                            vErrors = [err22];
                                        }
                                        else {
                                            vErrors.push(err22);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err23 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/upn", schemaPath: "#/properties/workspace/properties/principals/items/properties/upn/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err23];
                                    }
                                    else {
                                        vErrors.push(err23);
                                    }
                                    errors++;
                                }
                            }
                            if (data9.group !== undefined) {
                                let data12 = data9.group;
                                if (typeof data12 === "string") {
                                    if (func3(data12) < 1) {
                                        const err24 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/group", schemaPath: "#/properties/workspace/properties/principals/items/properties/group/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                        if (vErrors === null) {
                                            vErrors = [err24];
                                        }
                                        else {
                                            vErrors.push(err24);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err25 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/group", schemaPath: "#/properties/workspace/properties/principals/items/properties/group/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err25];
                                    }
                                    else {
                                        vErrors.push(err25);
                                    }
                                    errors++;
                                }
                            }
                            if (data9.appId !== undefined) {
                                let data13 = data9.appId;
                                if (typeof data13 === "string") {
                                    if (!pattern0.test(data13)) {
                                        const err26 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/appId", schemaPath: "#/properties/workspace/properties/principals/items/properties/appId/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err26];
                                        }
                                        else {
                                            vErrors.push(err26);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err27 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/appId", schemaPath: "#/properties/workspace/properties/principals/items/properties/appId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err27];
                                    }
                                    else {
                                        vErrors.push(err27);
                                    }
                                    errors++;
                                }
                            }
                            if (data9.type !== undefined) {
                                let data14 = data9.type;
                                if (!((((data14 === "User") || (data14 === "Group")) || (data14 === "ServicePrincipal")) || (data14 === "ServicePrincipalProfile"))) {
                                    const err28 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/type", schemaPath: "#/properties/workspace/properties/principals/items/properties/type/enum", keyword: "enum", params: { allowedValues: schema11.properties.workspace.properties.principals.items.properties.type.enum }, message: "must be equal to one of the allowed values" };
                                    if (vErrors === null) {
                                        vErrors = [err28];
                                    }
                                    else {
                                        vErrors.push(err28);
                                    }
                                    errors++;
                                }
                            }
                            if (data9.role !== undefined) {
                                let data15 = data9.role;
                                if (!((((data15 === "Admin") || (data15 === "Member")) || (data15 === "Contributor")) || (data15 === "Viewer"))) {
                                    const err29 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/role", schemaPath: "#/properties/workspace/properties/principals/items/properties/role/enum", keyword: "enum", params: { allowedValues: schema11.properties.workspace.properties.principals.items.properties.role.enum }, message: "must be equal to one of the allowed values" };
                                    if (vErrors === null) {
                                        vErrors = [err29];
                                    }
                                    else {
                                        vErrors.push(err29);
                                    }
                                    errors++;
                                }
                            }
                            if (data9.description !== undefined) {
                                if (typeof data9.description !== "string") {
                                    const err30 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/description", schemaPath: "#/properties/workspace/properties/principals/items/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err30];
                                    }
                                    else {
                                        vErrors.push(err30);
                                    }
                                    errors++;
                                }
                            }
                            if (data9.parentPrincipalId !== undefined) {
                                let data17 = data9.parentPrincipalId;
                                if (typeof data17 === "string") {
                                    if (!pattern0.test(data17)) {
                                        const err31 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/parentPrincipalId", schemaPath: "#/properties/workspace/properties/principals/items/properties/parentPrincipalId/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err31];
                                        }
                                        else {
                                            vErrors.push(err31);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err32 = { instancePath: instancePath + "/workspace/principals/" + i0 + "/parentPrincipalId", schemaPath: "#/properties/workspace/properties/principals/items/properties/parentPrincipalId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err32];
                                    }
                                    else {
                                        vErrors.push(err32);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err33 = { instancePath: instancePath + "/workspace/principals/" + i0, schemaPath: "#/properties/workspace/properties/principals/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err33];
                            }
                            else {
                                vErrors.push(err33);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err34 = { instancePath: instancePath + "/workspace/principals", schemaPath: "#/properties/workspace/properties/principals/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                        vErrors = [err34];
                    }
                    else {
                        vErrors.push(err34);
                    }
                    errors++;
                }
            }
            if (data1.principalsFile !== undefined) {
                if (typeof data1.principalsFile !== "string") {
                    const err35 = { instancePath: instancePath + "/workspace/principalsFile", schemaPath: "#/properties/workspace/properties/principalsFile/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err35];
                    }
                    else {
                        vErrors.push(err35);
                    }
                    errors++;
                }
            }
            if (data1.git !== undefined) {
                let data19 = data1.git;
                if (data19 && typeof data19 == "object" && !Array.isArray(data19)) {
                    if (data19.provider === undefined) {
                        const err36 = { instancePath: instancePath + "/workspace/git", schemaPath: "#/properties/workspace/properties/git/required", keyword: "required", params: { missingProperty: "provider" }, message: "must have required property '" + "provider" + "'" };
                        if (vErrors === null) {
                            vErrors = [err36];
                        }
                        else {
                            vErrors.push(err36);
                        }
                        errors++;
                    }
                    if (data19.repository === undefined) {
                        const err37 = { instancePath: instancePath + "/workspace/git", schemaPath: "#/properties/workspace/properties/git/required", keyword: "required", params: { missingProperty: "repository" }, message: "must have required property '" + "repository" + "'" };
                        if (vErrors === null) {
                            vErrors = [err37];
                        }
                        else {
                            vErrors.push(err37);
                        }
                        errors++;
                    }
                    if (data19.branch === undefined) {
                        const err38 = { instancePath: instancePath + "/workspace/git", schemaPath: "#/properties/workspace/properties/git/required", keyword: "required", params: { missingProperty: "branch" }, message: "must have required property '" + "branch" + "'" };
                        if (vErrors === null) {
                            vErrors = [err38];
                        }
                        else {
                            vErrors.push(err38);
                        }
                        errors++;
                    }
                    for (const key4 in data19) {
                        if (!(func2.call(schema11.properties.workspace.properties.git.properties, key4))) {
                            const err39 = { instancePath: instancePath + "/workspace/git", schemaPath: "#/properties/workspace/properties/git/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties" };
                            if (vErrors === null) {
                                vErrors = [err39];
                            }
                            else {
                                vErrors.push(err39);
                            }
                            errors++;
                        }
                    }
                    if (data19.provider !== undefined) {
                        let data20 = data19.provider;
                        if (!((data20 === "GitHub") || (data20 === "AzureDevOps"))) {
                            const err40 = { instancePath: instancePath + "/workspace/git/provider", schemaPath: "#/properties/workspace/properties/git/properties/provider/enum", keyword: "enum", params: { allowedValues: schema11.properties.workspace.properties.git.properties.provider.enum }, message: "must be equal to one of the allowed values" };
                            if (vErrors === null) {
                                vErrors = [err40];
                            }
                            else {
                                vErrors.push(err40);
                            }
                            errors++;
                        }
                    }
                    if (data19.owner !== undefined) {
                        if (typeof data19.owner !== "string") {
                            const err41 = { instancePath: instancePath + "/workspace/git/owner", schemaPath: "#/properties/workspace/properties/git/properties/owner/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err41];
                            }
                            else {
                                vErrors.push(err41);
                            }
                            errors++;
                        }
                    }
                    if (data19.organization !== undefined) {
                        if (typeof data19.organization !== "string") {
                            const err42 = { instancePath: instancePath + "/workspace/git/organization", schemaPath: "#/properties/workspace/properties/git/properties/organization/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err42];
                            }
                            else {
                                vErrors.push(err42);
                            }
                            errors++;
                        }
                    }
                    if (data19.project !== undefined) {
                        if (typeof data19.project !== "string") {
                            const err43 = { instancePath: instancePath + "/workspace/git/project", schemaPath: "#/properties/workspace/properties/git/properties/project/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err43];
                            }
                            else {
                                vErrors.push(err43);
                            }
                            errors++;
                        }
                    }
                    if (data19.repository !== undefined) {
                        if (typeof data19.repository !== "string") {
                            const err44 = { instancePath: instancePath + "/workspace/git/repository", schemaPath: "#/properties/workspace/properties/git/properties/repository/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err44];
                            }
                            else {
                                vErrors.push(err44);
                            }
                            errors++;
                        }
                    }
                    if (data19.branch !== undefined) {
                        if (typeof data19.branch !== "string") {
                            const err45 = { instancePath: instancePath + "/workspace/git/branch", schemaPath: "#/properties/workspace/properties/git/properties/branch/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err45];
                            }
                            else {
                                vErrors.push(err45);
                            }
                            errors++;
                        }
                    }
                    if (data19.directory !== undefined) {
                        if (typeof data19.directory !== "string") {
                            const err46 = { instancePath: instancePath + "/workspace/git/directory", schemaPath: "#/properties/workspace/properties/git/properties/directory/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err46];
                            }
                            else {
                                vErrors.push(err46);
                            }
                            errors++;
                        }
                    }
                    if (data19.connectionId !== undefined) {
                        let data27 = data19.connectionId;
                        if (typeof data27 === "string") {
                            if (!pattern0.test(data27)) {
                                const err47 = { instancePath: instancePath + "/workspace/git/connectionId", schemaPath: "#/properties/workspace/properties/git/properties/connectionId/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err47];
                                }
                                else {
                                    vErrors.push(err47);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err48 = { instancePath: instancePath + "/workspace/git/connectionId", schemaPath: "#/properties/workspace/properties/git/properties/connectionId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err48];
                            }
                            else {
                                vErrors.push(err48);
                            }
                            errors++;
                        }
                    }
                    if (data19.initialize !== undefined) {
                        let data28 = data19.initialize;
                        if (!(((data28 === "None") || (data28 === "PreferRemote")) || (data28 === "PreferWorkspace"))) {
                            const err49 = { instancePath: instancePath + "/workspace/git/initialize", schemaPath: "#/properties/workspace/properties/git/properties/initialize/enum", keyword: "enum", params: { allowedValues: schema11.properties.workspace.properties.git.properties.initialize.enum }, message: "must be equal to one of the allowed values" };
                            if (vErrors === null) {
                                vErrors = [err49];
                            }
                            else {
                                vErrors.push(err49);
                            }
                            errors++;
                        }
                    }
                    if (data19.updateFromGit !== undefined) {
                        if (typeof data19.updateFromGit !== "boolean") {
                            const err50 = { instancePath: instancePath + "/workspace/git/updateFromGit", schemaPath: "#/properties/workspace/properties/git/properties/updateFromGit/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                            if (vErrors === null) {
                                vErrors = [err50];
                            }
                            else {
                                vErrors.push(err50);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err51 = { instancePath: instancePath + "/workspace/git", schemaPath: "#/properties/workspace/properties/git/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                    if (vErrors === null) {
                        vErrors = [err51];
                    }
                    else {
                        vErrors.push(err51);
                    }
                    errors++;
                }
            }
        }
        else {
            const err52 = { instancePath: instancePath + "/workspace", schemaPath: "#/properties/workspace/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
                vErrors = [err52];
            }
            else {
                vErrors.push(err52);
            }
            errors++;
        }
    }
    if (data.items !== undefined) {
        let data30 = data.items;
        if (data30 && typeof data30 == "object" && !Array.isArray(data30)) {
            for (const key5 in data30) {
                if (!(((((((key5 === "directory") || (key5 === "parameterFile")) || (key5 === "types")) || (key5 === "exclude")) || (key5 === "deleteOrphans")) || (key5 === "folders")) || (key5 === "maxFileBytes"))) {
                    const err53 = { instancePath: instancePath + "/items", schemaPath: "#/properties/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                        vErrors = [err53];
                    }
                    else {
                        vErrors.push(err53);
                    }
                    errors++;
                }
            }
            if (data30.directory !== undefined) {
                let data31 = data30.directory;
                if (typeof data31 === "string") {
                    if (func3(data31) < 1) {
                        const err54 = { instancePath: instancePath + "/items/directory", schemaPath: "#/properties/items/properties/directory/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                        if (vErrors === null) {
                            vErrors = [err54];
                        }
                        else {
                            vErrors.push(err54);
                        }
                        errors++;
                    }
                }
                else {
                    const err55 = { instancePath: instancePath + "/items/directory", schemaPath: "#/properties/items/properties/directory/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err55];
                    }
                    else {
                        vErrors.push(err55);
                    }
                    errors++;
                }
            }
            if (data30.parameterFile !== undefined) {
                if (typeof data30.parameterFile !== "string") {
                    const err56 = { instancePath: instancePath + "/items/parameterFile", schemaPath: "#/properties/items/properties/parameterFile/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err56];
                    }
                    else {
                        vErrors.push(err56);
                    }
                    errors++;
                }
            }
            if (data30.types !== undefined) {
                let data33 = data30.types;
                if (Array.isArray(data33)) {
                    const len1 = data33.length;
                    for (let i1 = 0; i1 < len1; i1++) {
                        if (typeof data33[i1] !== "string") {
                            const err57 = { instancePath: instancePath + "/items/types/" + i1, schemaPath: "#/properties/items/properties/types/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err57];
                            }
                            else {
                                vErrors.push(err57);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err58 = { instancePath: instancePath + "/items/types", schemaPath: "#/properties/items/properties/types/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                        vErrors = [err58];
                    }
                    else {
                        vErrors.push(err58);
                    }
                    errors++;
                }
            }
            if (data30.exclude !== undefined) {
                let data35 = data30.exclude;
                if (Array.isArray(data35)) {
                    const len2 = data35.length;
                    for (let i2 = 0; i2 < len2; i2++) {
                        if (typeof data35[i2] !== "string") {
                            const err59 = { instancePath: instancePath + "/items/exclude/" + i2, schemaPath: "#/properties/items/properties/exclude/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err59];
                            }
                            else {
                                vErrors.push(err59);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err60 = { instancePath: instancePath + "/items/exclude", schemaPath: "#/properties/items/properties/exclude/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                        vErrors = [err60];
                    }
                    else {
                        vErrors.push(err60);
                    }
                    errors++;
                }
            }
            if (data30.deleteOrphans !== undefined) {
                if (typeof data30.deleteOrphans !== "boolean") {
                    const err61 = { instancePath: instancePath + "/items/deleteOrphans", schemaPath: "#/properties/items/properties/deleteOrphans/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                        vErrors = [err61];
                    }
                    else {
                        vErrors.push(err61);
                    }
                    errors++;
                }
            }
            if (data30.folders !== undefined) {
                if (typeof data30.folders !== "boolean") {
                    const err62 = { instancePath: instancePath + "/items/folders", schemaPath: "#/properties/items/properties/folders/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                        vErrors = [err62];
                    }
                    else {
                        vErrors.push(err62);
                    }
                    errors++;
                }
            }
            if (data30.maxFileBytes !== undefined) {
                let data39 = data30.maxFileBytes;
                if (!((typeof data39 == "number") && (!(data39 % 1) && !isNaN(data39)))) {
                    const err63 = { instancePath: instancePath + "/items/maxFileBytes", schemaPath: "#/properties/items/properties/maxFileBytes/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                        vErrors = [err63];
                    }
                    else {
                        vErrors.push(err63);
                    }
                    errors++;
                }
                if (typeof data39 == "number") {
                    if (data39 < 1 || isNaN(data39)) {
                        const err64 = { instancePath: instancePath + "/items/maxFileBytes", schemaPath: "#/properties/items/properties/maxFileBytes/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                        if (vErrors === null) {
                            vErrors = [err64];
                        }
                        else {
                            vErrors.push(err64);
                        }
                        errors++;
                    }
                }
            }
        }
        else {
            const err65 = { instancePath: instancePath + "/items", schemaPath: "#/properties/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
                vErrors = [err65];
            }
            else {
                vErrors.push(err65);
            }
            errors++;
        }
    }
    if (data.naming !== undefined) {
        let data40 = data.naming;
        if (data40 && typeof data40 == "object" && !Array.isArray(data40)) {
            for (const key6 in data40) {
                if (typeof data40[key6] !== "string") {
                    const err66 = { instancePath: instancePath + "/naming/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/naming/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err66];
                    }
                    else {
                        vErrors.push(err66);
                    }
                    errors++;
                }
            }
        }
        else {
            const err67 = { instancePath: instancePath + "/naming", schemaPath: "#/properties/naming/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
                vErrors = [err67];
            }
            else {
                vErrors.push(err67);
            }
            errors++;
        }
    }
    if (data.features !== undefined) {
        let data42 = data.features;
        if (data42 && typeof data42 == "object" && !Array.isArray(data42)) {
            for (const key7 in data42) {
                if (!(((((key7 === "retry") || (key7 === "circuitBreaker")) || (key7 === "rollback")) || (key7 === "telemetry")) || (key7 === "keyVault"))) {
                    const err68 = { instancePath: instancePath + "/features", schemaPath: "#/properties/features/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key7 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                        vErrors = [err68];
                    }
                    else {
                        vErrors.push(err68);
                    }
                    errors++;
                }
            }
            if (data42.retry !== undefined) {
                if (typeof data42.retry !== "boolean") {
                    const err69 = { instancePath: instancePath + "/features/retry", schemaPath: "#/properties/features/properties/retry/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                        vErrors = [err69];
                    }
                    else {
                        vErrors.push(err69);
                    }
                    errors++;
                }
            }
            if (data42.circuitBreaker !== undefined) {
                if (typeof data42.circuitBreaker !== "boolean") {
                    const err70 = { instancePath: instancePath + "/features/circuitBreaker", schemaPath: "#/properties/features/properties/circuitBreaker/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                        vErrors = [err70];
                    }
                    else {
                        vErrors.push(err70);
                    }
                    errors++;
                }
            }
            if (data42.rollback !== undefined) {
                if (typeof data42.rollback !== "boolean") {
                    const err71 = { instancePath: instancePath + "/features/rollback", schemaPath: "#/properties/features/properties/rollback/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                        vErrors = [err71];
                    }
                    else {
                        vErrors.push(err71);
                    }
                    errors++;
                }
            }
            if (data42.telemetry !== undefined) {
                if (typeof data42.telemetry !== "boolean") {
                    const err72 = { instancePath: instancePath + "/features/telemetry", schemaPath: "#/properties/features/properties/telemetry/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                        vErrors = [err72];
                    }
                    else {
                        vErrors.push(err72);
                    }
                    errors++;
                }
            }
            if (data42.keyVault !== undefined) {
                if (typeof data42.keyVault !== "boolean") {
                    const err73 = { instancePath: instancePath + "/features/keyVault", schemaPath: "#/properties/features/properties/keyVault/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                        vErrors = [err73];
                    }
                    else {
                        vErrors.push(err73);
                    }
                    errors++;
                }
            }
        }
        else {
            const err74 = { instancePath: instancePath + "/features", schemaPath: "#/properties/features/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
                vErrors = [err74];
            }
            else {
                vErrors.push(err74);
            }
            errors++;
        }
    }
    if (data.profile !== undefined) {
        let data48 = data.profile;
        if (!((data48 === "default") || (data48 === "production"))) {
            const err75 = { instancePath: instancePath + "/profile", schemaPath: "#/properties/profile/enum", keyword: "enum", params: { allowedValues: schema11.properties.profile.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
                vErrors = [err75];
            }
            else {
                vErrors.push(err75);
            }
            errors++;
        }
    }
    if (data.secrets !== undefined) {
        let data49 = data.secrets;
        if (data49 && typeof data49 == "object" && !Array.isArray(data49)) {
            for (const key8 in data49) {
                if (!(key8 === "keyVault")) {
                    const err76 = { instancePath: instancePath + "/secrets", schemaPath: "#/properties/secrets/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key8 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                        vErrors = [err76];
                    }
                    else {
                        vErrors.push(err76);
                    }
                    errors++;
                }
            }
            if (data49.keyVault !== undefined) {
                if (typeof data49.keyVault !== "string") {
                    const err77 = { instancePath: instancePath + "/secrets/keyVault", schemaPath: "#/properties/secrets/properties/keyVault/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err77];
                    }
                    else {
                        vErrors.push(err77);
                    }
                    errors++;
                }
            }
        }
        else {
            const err78 = { instancePath: instancePath + "/secrets", schemaPath: "#/properties/secrets/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
                vErrors = [err78];
            }
            else {
                vErrors.push(err78);
            }
            errors++;
        }
    }
    if (data.telemetry !== undefined) {
        let data51 = data.telemetry;
        if (data51 && typeof data51 == "object" && !Array.isArray(data51)) {
            for (const key9 in data51) {
                if (!(key9 === "connectionString")) {
                    const err79 = { instancePath: instancePath + "/telemetry", schemaPath: "#/properties/telemetry/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key9 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                        vErrors = [err79];
                    }
                    else {
                        vErrors.push(err79);
                    }
                    errors++;
                }
            }
            if (data51.connectionString !== undefined) {
                if (typeof data51.connectionString !== "string") {
                    const err80 = { instancePath: instancePath + "/telemetry/connectionString", schemaPath: "#/properties/telemetry/properties/connectionString/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err80];
                    }
                    else {
                        vErrors.push(err80);
                    }
                    errors++;
                }
            }
        }
        else {
            const err81 = { instancePath: instancePath + "/telemetry", schemaPath: "#/properties/telemetry/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
                vErrors = [err81];
            }
            else {
                vErrors.push(err81);
            }
            errors++;
        }
    }
    if (data.resilience !== undefined) {
        let data53 = data.resilience;
        if (data53 && typeof data53 == "object" && !Array.isArray(data53)) {
            for (const key10 in data53) {
                if (!((((((((key10 === "retries") || (key10 === "baseDelayMs")) || (key10 === "timeoutMs")) || (key10 === "rateLimitPerMinute")) || (key10 === "maxParallel")) || (key10 === "lroTimeoutMinutes")) || (key10 === "breakerThreshold")) || (key10 === "breakerResetSeconds"))) {
                    const err82 = { instancePath: instancePath + "/resilience", schemaPath: "#/properties/resilience/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key10 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                        vErrors = [err82];
                    }
                    else {
                        vErrors.push(err82);
                    }
                    errors++;
                }
            }
            if (data53.retries !== undefined) {
                let data54 = data53.retries;
                if (!((typeof data54 == "number") && (!(data54 % 1) && !isNaN(data54)))) {
                    const err83 = { instancePath: instancePath + "/resilience/retries", schemaPath: "#/properties/resilience/properties/retries/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                        vErrors = [err83];
                    }
                    else {
                        vErrors.push(err83);
                    }
                    errors++;
                }
                if (typeof data54 == "number") {
                    if (data54 > 10 || isNaN(data54)) {
                        const err84 = { instancePath: instancePath + "/resilience/retries", schemaPath: "#/properties/resilience/properties/retries/maximum", keyword: "maximum", params: { comparison: "<=", limit: 10 }, message: "must be <= 10" };
                        if (vErrors === null) {
                            vErrors = [err84];
                        }
                        else {
                            vErrors.push(err84);
                        }
                        errors++;
                    }
                    if (data54 < 0 || isNaN(data54)) {
                        const err85 = { instancePath: instancePath + "/resilience/retries", schemaPath: "#/properties/resilience/properties/retries/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                        if (vErrors === null) {
                            vErrors = [err85];
                        }
                        else {
                            vErrors.push(err85);
                        }
                        errors++;
                    }
                }
            }
            if (data53.baseDelayMs !== undefined) {
                let data55 = data53.baseDelayMs;
                if (!((typeof data55 == "number") && (!(data55 % 1) && !isNaN(data55)))) {
                    const err86 = { instancePath: instancePath + "/resilience/baseDelayMs", schemaPath: "#/properties/resilience/properties/baseDelayMs/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                        vErrors = [err86];
                    }
                    else {
                        vErrors.push(err86);
                    }
                    errors++;
                }
                if (typeof data55 == "number") {
                    if (data55 < 0 || isNaN(data55)) {
                        const err87 = { instancePath: instancePath + "/resilience/baseDelayMs", schemaPath: "#/properties/resilience/properties/baseDelayMs/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                        if (vErrors === null) {
                            vErrors = [err87];
                        }
                        else {
                            vErrors.push(err87);
                        }
                        errors++;
                    }
                }
            }
            if (data53.timeoutMs !== undefined) {
                let data56 = data53.timeoutMs;
                if (!((typeof data56 == "number") && (!(data56 % 1) && !isNaN(data56)))) {
                    const err88 = { instancePath: instancePath + "/resilience/timeoutMs", schemaPath: "#/properties/resilience/properties/timeoutMs/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                        vErrors = [err88];
                    }
                    else {
                        vErrors.push(err88);
                    }
                    errors++;
                }
                if (typeof data56 == "number") {
                    if (data56 < 1000 || isNaN(data56)) {
                        const err89 = { instancePath: instancePath + "/resilience/timeoutMs", schemaPath: "#/properties/resilience/properties/timeoutMs/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1000 }, message: "must be >= 1000" };
                        if (vErrors === null) {
                            vErrors = [err89];
                        }
                        else {
                            vErrors.push(err89);
                        }
                        errors++;
                    }
                }
            }
            if (data53.rateLimitPerMinute !== undefined) {
                let data57 = data53.rateLimitPerMinute;
                if (!((typeof data57 == "number") && (!(data57 % 1) && !isNaN(data57)))) {
                    const err90 = { instancePath: instancePath + "/resilience/rateLimitPerMinute", schemaPath: "#/properties/resilience/properties/rateLimitPerMinute/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                        vErrors = [err90];
                    }
                    else {
                        vErrors.push(err90);
                    }
                    errors++;
                }
                if (typeof data57 == "number") {
                    if (data57 < 1 || isNaN(data57)) {
                        const err91 = { instancePath: instancePath + "/resilience/rateLimitPerMinute", schemaPath: "#/properties/resilience/properties/rateLimitPerMinute/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                        if (vErrors === null) {
                            vErrors = [err91];
                        }
                        else {
                            vErrors.push(err91);
                        }
                        errors++;
                    }
                }
            }
            if (data53.maxParallel !== undefined) {
                let data58 = data53.maxParallel;
                if (!((typeof data58 == "number") && (!(data58 % 1) && !isNaN(data58)))) {
                    const err92 = { instancePath: instancePath + "/resilience/maxParallel", schemaPath: "#/properties/resilience/properties/maxParallel/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                        vErrors = [err92];
                    }
                    else {
                        vErrors.push(err92);
                    }
                    errors++;
                }
                if (typeof data58 == "number") {
                    if (data58 > 64 || isNaN(data58)) {
                        const err93 = { instancePath: instancePath + "/resilience/maxParallel", schemaPath: "#/properties/resilience/properties/maxParallel/maximum", keyword: "maximum", params: { comparison: "<=", limit: 64 }, message: "must be <= 64" };
                        if (vErrors === null) {
                            vErrors = [err93];
                        }
                        else {
                            vErrors.push(err93);
                        }
                        errors++;
                    }
                    if (data58 < 1 || isNaN(data58)) {
                        const err94 = { instancePath: instancePath + "/resilience/maxParallel", schemaPath: "#/properties/resilience/properties/maxParallel/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                        if (vErrors === null) {
                            vErrors = [err94];
                        }
                        else {
                            vErrors.push(err94);
                        }
                        errors++;
                    }
                }
            }
            if (data53.lroTimeoutMinutes !== undefined) {
                let data59 = data53.lroTimeoutMinutes;
                if (typeof data59 == "number") {
                    if (data59 < 1 || isNaN(data59)) {
                        const err95 = { instancePath: instancePath + "/resilience/lroTimeoutMinutes", schemaPath: "#/properties/resilience/properties/lroTimeoutMinutes/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                        if (vErrors === null) {
                            vErrors = [err95];
                        }
                        else {
                            vErrors.push(err95);
                        }
                        errors++;
                    }
                }
                else {
                    const err96 = { instancePath: instancePath + "/resilience/lroTimeoutMinutes", schemaPath: "#/properties/resilience/properties/lroTimeoutMinutes/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                    if (vErrors === null) {
                        vErrors = [err96];
                    }
                    else {
                        vErrors.push(err96);
                    }
                    errors++;
                }
            }
            if (data53.breakerThreshold !== undefined) {
                let data60 = data53.breakerThreshold;
                if (!((typeof data60 == "number") && (!(data60 % 1) && !isNaN(data60)))) {
                    const err97 = { instancePath: instancePath + "/resilience/breakerThreshold", schemaPath: "#/properties/resilience/properties/breakerThreshold/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                        vErrors = [err97];
                    }
                    else {
                        vErrors.push(err97);
                    }
                    errors++;
                }
                if (typeof data60 == "number") {
                    if (data60 < 1 || isNaN(data60)) {
                        const err98 = { instancePath: instancePath + "/resilience/breakerThreshold", schemaPath: "#/properties/resilience/properties/breakerThreshold/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                        if (vErrors === null) {
                            vErrors = [err98];
                        }
                        else {
                            vErrors.push(err98);
                        }
                        errors++;
                    }
                }
            }
            if (data53.breakerResetSeconds !== undefined) {
                let data61 = data53.breakerResetSeconds;
                if (typeof data61 == "number") {
                    if (data61 < 1 || isNaN(data61)) {
                        const err99 = { instancePath: instancePath + "/resilience/breakerResetSeconds", schemaPath: "#/properties/resilience/properties/breakerResetSeconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                        if (vErrors === null) {
                            vErrors = [err99];
                        }
                        else {
                            vErrors.push(err99);
                        }
                        errors++;
                    }
                }
                else {
                    const err100 = { instancePath: instancePath + "/resilience/breakerResetSeconds", schemaPath: "#/properties/resilience/properties/breakerResetSeconds/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                    if (vErrors === null) {
                        vErrors = [err100];
                    }
                    else {
                        vErrors.push(err100);
                    }
                    errors++;
                }
            }
        }
        else {
            const err101 = { instancePath: instancePath + "/resilience", schemaPath: "#/properties/resilience/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
                vErrors = [err101];
            }
            else {
                vErrors.push(err101);
            }
            errors++;
        }
    }
    if (data.environments !== undefined) {
        let data62 = data.environments;
        if (data62 && typeof data62 == "object" && !Array.isArray(data62)) {
            for (const key11 in data62) {
                let data63 = data62[key11];
                if (data63 && typeof data63 == "object" && !Array.isArray(data63)) {
                    for (const key12 in data63) {
                        if (!((((((((key12 === "workspace") || (key12 === "items")) || (key12 === "naming")) || (key12 === "features")) || (key12 === "profile")) || (key12 === "secrets")) || (key12 === "telemetry")) || (key12 === "resilience"))) {
                            const err102 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/environments/additionalProperties/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key12 }, message: "must NOT have additional properties" };
                            if (vErrors === null) {
                                vErrors = [err102];
                            }
                            else {
                                vErrors.push(err102);
                            }
                            errors++;
                        }
                    }
                    if (data63.workspace !== undefined) {
                        let data64 = data63.workspace;
                        if (data64 && typeof data64 == "object" && !Array.isArray(data64)) {
                            for (const key13 in data64) {
                                if (!(((((((key13 === "id") || (key13 === "name")) || (key13 === "description")) || (key13 === "capacity")) || (key13 === "principals")) || (key13 === "principalsFile")) || (key13 === "git"))) {
                                    const err103 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key13 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err103];
                                    }
                                    else {
                                        vErrors.push(err103);
                                    }
                                    errors++;
                                }
                            }
                            if (data64.id !== undefined) {
                                let data65 = data64.id;
                                if (typeof data65 === "string") {
                                    if (!pattern0.test(data65)) {
                                        const err104 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/id", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/id/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err104];
                                        }
                                        else {
                                            vErrors.push(err104);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err105 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/id", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err105];
                                    }
                                    else {
                                        vErrors.push(err105);
                                    }
                                    errors++;
                                }
                            }
                            if (data64.name !== undefined) {
                                let data66 = data64.name;
                                if (typeof data66 === "string") {
                                    if (func3(data66) > 256) {
                                        const err106 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/name", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/name/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters" };
                                        if (vErrors === null) {
                                            vErrors = [err106];
                                        }
                                        else {
                                            vErrors.push(err106);
                                        }
                                        errors++;
                                    }
                                    if (func3(data66) < 1) {
                                        const err107 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/name", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                        if (vErrors === null) {
                                            vErrors = [err107];
                                        }
                                        else {
                                            vErrors.push(err107);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err108 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/name", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err108];
                                    }
                                    else {
                                        vErrors.push(err108);
                                    }
                                    errors++;
                                }
                            }
                            if (data64.description !== undefined) {
                                let data67 = data64.description;
                                if (typeof data67 === "string") {
                                    if (func3(data67) > 4000) {
                                        const err109 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/description", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/description/maxLength", keyword: "maxLength", params: { limit: 4000 }, message: "must NOT have more than 4000 characters" };
                                        if (vErrors === null) {
                                            vErrors = [err109];
                                        }
                                        else {
                                            vErrors.push(err109);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err110 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/description", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err110];
                                    }
                                    else {
                                        vErrors.push(err110);
                                    }
                                    errors++;
                                }
                            }
                            if (data64.capacity !== undefined) {
                                let data68 = data64.capacity;
                                if (data68 && typeof data68 == "object" && !Array.isArray(data68)) {
                                    for (const key14 in data68) {
                                        if (!((key14 === "id") || (key14 === "name"))) {
                                            const err111 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/capacity", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/capacity/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key14 }, message: "must NOT have additional properties" };
                                            if (vErrors === null) {
                                                vErrors = [err111];
                                            }
                                            else {
                                                vErrors.push(err111);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data68.id !== undefined) {
                                        let data69 = data68.id;
                                        if (typeof data69 === "string") {
                                            if (!pattern0.test(data69)) {
                                                const err112 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/capacity/id", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/capacity/properties/id/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                                if (vErrors === null) {
                                                    vErrors = [err112];
                                                }
                                                else {
                                                    vErrors.push(err112);
                                                }
                                                errors++;
                                            }
                                        }
                                        else {
                                            const err113 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/capacity/id", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/capacity/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err113];
                                            }
                                            else {
                                                vErrors.push(err113);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data68.name !== undefined) {
                                        let data70 = data68.name;
                                        if (typeof data70 === "string") {
                                            if (func3(data70) < 1) {
                                                const err114 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/capacity/name", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/capacity/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                                if (vErrors === null) {
                                                    vErrors = [err114];
                                                }
                                                else {
                                                    vErrors.push(err114);
                                                }
                                                errors++;
                                            }
                                        }
                                        else {
                                            const err115 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/capacity/name", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/capacity/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err115];
                                            }
                                            else {
                                                vErrors.push(err115);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                else {
                                    const err116 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/capacity", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/capacity/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                                    if (vErrors === null) {
                                        vErrors = [err116];
                                    }
                                    else {
                                        vErrors.push(err116);
                                    }
                                    errors++;
                                }
                            }
                            if (data64.principals !== undefined) {
                                let data71 = data64.principals;
                                if (Array.isArray(data71)) {
                                    const len3 = data71.length;
                                    for (let i3 = 0; i3 < len3; i3++) {
                                        let data72 = data71[i3];
                                        if (data72 && typeof data72 == "object" && !Array.isArray(data72)) {
                                            if (data72.role === undefined) {
                                                const err117 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3, schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/required", keyword: "required", params: { missingProperty: "role" }, message: "must have required property '" + "role" + "'" };
                                                if (vErrors === null) {
                                                    vErrors = [err117];
                                                }
                                                else {
                                                    vErrors.push(err117);
                                                }
                                                errors++;
                                            }
                                            for (const key15 in data72) {
                                                if (!((((((((key15 === "id") || (key15 === "upn")) || (key15 === "group")) || (key15 === "appId")) || (key15 === "type")) || (key15 === "role")) || (key15 === "description")) || (key15 === "parentPrincipalId"))) {
                                                    const err118 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3, schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key15 }, message: "must NOT have additional properties" };
                                                    if (vErrors === null) {
                                                        vErrors = [err118];
                                                    }
                                                    else {
                                                        vErrors.push(err118);
                                                    }
                                                    errors++;
                                                }
                                            }
                                            if (data72.id !== undefined) {
                                                let data73 = data72.id;
                                                if (typeof data73 === "string") {
                                                    if (!pattern0.test(data73)) {
                                                        const err119 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/id", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/id/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                                        if (vErrors === null) {
                                                            vErrors = [err119];
                                                        }
                                                        else {
                                                            vErrors.push(err119);
                                                        }
                                                        errors++;
                                                    }
                                                }
                                                else {
                                                    const err120 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/id", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                                    if (vErrors === null) {
                                                        vErrors = [err120];
                                                    }
                                                    else {
                                                        vErrors.push(err120);
                                                    }
                                                    errors++;
                                                }
                                            }
                                            if (data72.upn !== undefined) {
                                                let data74 = data72.upn;
                                                if (typeof data74 === "string") {
                                                    if (func3(data74) < 3) {
                                                        const err121 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/upn", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/upn/minLength", keyword: "minLength", params: { limit: 3 }, message: "must NOT have fewer than 3 characters" };
                                                        if (vErrors === null) {
                                                            vErrors = [err121];
                                                        }
                                                        else {
                                                            vErrors.push(err121);
                                                        }
                                                        errors++;
                                                    }
                                                }
                                                else {
                                                    const err122 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/upn", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/upn/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                                    if (vErrors === null) {
                                                        vErrors = [err122];
                                                    }
                                                    else {
                                                        vErrors.push(err122);
                                                    }
                                                    errors++;
                                                }
                                            }
                                            if (data72.group !== undefined) {
                                                let data75 = data72.group;
                                                if (typeof data75 === "string") {
                                                    if (func3(data75) < 1) {
                                                        const err123 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/group", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/group/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                                        if (vErrors === null) {
                                                            vErrors = [err123];
                                                        }
                                                        else {
                                                            vErrors.push(err123);
                                                        }
                                                        errors++;
                                                    }
                                                }
                                                else {
                                                    const err124 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/group", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/group/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                                    if (vErrors === null) {
                                                        vErrors = [err124];
                                                    }
                                                    else {
                                                        vErrors.push(err124);
                                                    }
                                                    errors++;
                                                }
                                            }
                                            if (data72.appId !== undefined) {
                                                let data76 = data72.appId;
                                                if (typeof data76 === "string") {
                                                    if (!pattern0.test(data76)) {
                                                        const err125 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/appId", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/appId/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                                        if (vErrors === null) {
                                                            vErrors = [err125];
                                                        }
                                                        else {
                                                            vErrors.push(err125);
                                                        }
                                                        errors++;
                                                    }
                                                }
                                                else {
                                                    const err126 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/appId", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/appId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                                    if (vErrors === null) {
                                                        vErrors = [err126];
                                                    }
                                                    else {
                                                        vErrors.push(err126);
                                                    }
                                                    errors++;
                                                }
                                            }
                                            if (data72.type !== undefined) {
                                                let data77 = data72.type;
                                                if (!((((data77 === "User") || (data77 === "Group")) || (data77 === "ServicePrincipal")) || (data77 === "ServicePrincipalProfile"))) {
                                                    const err127 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/type", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/type/enum", keyword: "enum", params: { allowedValues: schema11.properties.environments.additionalProperties.properties.workspace.properties.principals.items.properties.type.enum }, message: "must be equal to one of the allowed values" };
                                                    if (vErrors === null) {
                                                        vErrors = [err127];
                                                    }
                                                    else {
                                                        vErrors.push(err127);
                                                    }
                                                    errors++;
                                                }
                                            }
                                            if (data72.role !== undefined) {
                                                let data78 = data72.role;
                                                if (!((((data78 === "Admin") || (data78 === "Member")) || (data78 === "Contributor")) || (data78 === "Viewer"))) {
                                                    const err128 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/role", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/role/enum", keyword: "enum", params: { allowedValues: schema11.properties.environments.additionalProperties.properties.workspace.properties.principals.items.properties.role.enum }, message: "must be equal to one of the allowed values" };
                                                    if (vErrors === null) {
                                                        vErrors = [err128];
                                                    }
                                                    else {
                                                        vErrors.push(err128);
                                                    }
                                                    errors++;
                                                }
                                            }
                                            if (data72.description !== undefined) {
                                                if (typeof data72.description !== "string") {
                                                    const err129 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/description", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                                    if (vErrors === null) {
                                                        vErrors = [err129];
                                                    }
                                                    else {
                                                        vErrors.push(err129);
                                                    }
                                                    errors++;
                                                }
                                            }
                                            if (data72.parentPrincipalId !== undefined) {
                                                let data80 = data72.parentPrincipalId;
                                                if (typeof data80 === "string") {
                                                    if (!pattern0.test(data80)) {
                                                        const err130 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/parentPrincipalId", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/parentPrincipalId/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                                        if (vErrors === null) {
                                                            vErrors = [err130];
                                                        }
                                                        else {
                                                            vErrors.push(err130);
                                                        }
                                                        errors++;
                                                    }
                                                }
                                                else {
                                                    const err131 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3 + "/parentPrincipalId", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/properties/parentPrincipalId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                                    if (vErrors === null) {
                                                        vErrors = [err131];
                                                    }
                                                    else {
                                                        vErrors.push(err131);
                                                    }
                                                    errors++;
                                                }
                                            }
                                        }
                                        else {
                                            const err132 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals/" + i3, schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                                            if (vErrors === null) {
                                                vErrors = [err132];
                                            }
                                            else {
                                                vErrors.push(err132);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                else {
                                    const err133 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principals", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principals/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                                    if (vErrors === null) {
                                        vErrors = [err133];
                                    }
                                    else {
                                        vErrors.push(err133);
                                    }
                                    errors++;
                                }
                            }
                            if (data64.principalsFile !== undefined) {
                                if (typeof data64.principalsFile !== "string") {
                                    const err134 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/principalsFile", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/principalsFile/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err134];
                                    }
                                    else {
                                        vErrors.push(err134);
                                    }
                                    errors++;
                                }
                            }
                            if (data64.git !== undefined) {
                                let data82 = data64.git;
                                if (data82 && typeof data82 == "object" && !Array.isArray(data82)) {
                                    if (data82.provider === undefined) {
                                        const err135 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/required", keyword: "required", params: { missingProperty: "provider" }, message: "must have required property '" + "provider" + "'" };
                                        if (vErrors === null) {
                                            vErrors = [err135];
                                        }
                                        else {
                                            vErrors.push(err135);
                                        }
                                        errors++;
                                    }
                                    if (data82.repository === undefined) {
                                        const err136 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/required", keyword: "required", params: { missingProperty: "repository" }, message: "must have required property '" + "repository" + "'" };
                                        if (vErrors === null) {
                                            vErrors = [err136];
                                        }
                                        else {
                                            vErrors.push(err136);
                                        }
                                        errors++;
                                    }
                                    if (data82.branch === undefined) {
                                        const err137 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/required", keyword: "required", params: { missingProperty: "branch" }, message: "must have required property '" + "branch" + "'" };
                                        if (vErrors === null) {
                                            vErrors = [err137];
                                        }
                                        else {
                                            vErrors.push(err137);
                                        }
                                        errors++;
                                    }
                                    for (const key16 in data82) {
                                        if (!(func2.call(schema11.properties.environments.additionalProperties.properties.workspace.properties.git.properties, key16))) {
                                            const err138 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key16 }, message: "must NOT have additional properties" };
                                            if (vErrors === null) {
                                                vErrors = [err138];
                                            }
                                            else {
                                                vErrors.push(err138);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data82.provider !== undefined) {
                                        let data83 = data82.provider;
                                        if (!((data83 === "GitHub") || (data83 === "AzureDevOps"))) {
                                            const err139 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/provider", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/provider/enum", keyword: "enum", params: { allowedValues: schema11.properties.environments.additionalProperties.properties.workspace.properties.git.properties.provider.enum }, message: "must be equal to one of the allowed values" };
                                            if (vErrors === null) {
                                                vErrors = [err139];
                                            }
                                            else {
                                                vErrors.push(err139);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data82.owner !== undefined) {
                                        if (typeof data82.owner !== "string") {
                                            const err140 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/owner", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/owner/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err140];
                                            }
                                            else {
                                                vErrors.push(err140);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data82.organization !== undefined) {
                                        if (typeof data82.organization !== "string") {
                                            const err141 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/organization", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/organization/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err141];
                                            }
                                            else {
                                                vErrors.push(err141);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data82.project !== undefined) {
                                        if (typeof data82.project !== "string") {
                                            const err142 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/project", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/project/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err142];
                                            }
                                            else {
                                                vErrors.push(err142);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data82.repository !== undefined) {
                                        if (typeof data82.repository !== "string") {
                                            const err143 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/repository", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/repository/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err143];
                                            }
                                            else {
                                                vErrors.push(err143);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data82.branch !== undefined) {
                                        if (typeof data82.branch !== "string") {
                                            const err144 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/branch", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/branch/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err144];
                                            }
                                            else {
                                                vErrors.push(err144);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data82.directory !== undefined) {
                                        if (typeof data82.directory !== "string") {
                                            const err145 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/directory", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/directory/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err145];
                                            }
                                            else {
                                                vErrors.push(err145);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data82.connectionId !== undefined) {
                                        let data90 = data82.connectionId;
                                        if (typeof data90 === "string") {
                                            if (!pattern0.test(data90)) {
                                                const err146 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/connectionId", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/connectionId/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: "must match pattern \"" + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" + "\"" };
                                                if (vErrors === null) {
                                                    vErrors = [err146];
                                                }
                                                else {
                                                    vErrors.push(err146);
                                                }
                                                errors++;
                                            }
                                        }
                                        else {
                                            const err147 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/connectionId", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/connectionId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err147];
                                            }
                                            else {
                                                vErrors.push(err147);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data82.initialize !== undefined) {
                                        let data91 = data82.initialize;
                                        if (!(((data91 === "None") || (data91 === "PreferRemote")) || (data91 === "PreferWorkspace"))) {
                                            const err148 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/initialize", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/initialize/enum", keyword: "enum", params: { allowedValues: schema11.properties.environments.additionalProperties.properties.workspace.properties.git.properties.initialize.enum }, message: "must be equal to one of the allowed values" };
                                            if (vErrors === null) {
                                                vErrors = [err148];
                                            }
                                            else {
                                                vErrors.push(err148);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data82.updateFromGit !== undefined) {
                                        if (typeof data82.updateFromGit !== "boolean") {
                                            const err149 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git/updateFromGit", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/properties/updateFromGit/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                                            if (vErrors === null) {
                                                vErrors = [err149];
                                            }
                                            else {
                                                vErrors.push(err149);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                else {
                                    const err150 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace/git", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/properties/git/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                                    if (vErrors === null) {
                                        vErrors = [err150];
                                    }
                                    else {
                                        vErrors.push(err150);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err151 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/workspace", schemaPath: "#/properties/environments/additionalProperties/properties/workspace/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err151];
                            }
                            else {
                                vErrors.push(err151);
                            }
                            errors++;
                        }
                    }
                    if (data63.items !== undefined) {
                        let data93 = data63.items;
                        if (data93 && typeof data93 == "object" && !Array.isArray(data93)) {
                            for (const key17 in data93) {
                                if (!(((((((key17 === "directory") || (key17 === "parameterFile")) || (key17 === "types")) || (key17 === "exclude")) || (key17 === "deleteOrphans")) || (key17 === "folders")) || (key17 === "maxFileBytes"))) {
                                    const err152 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items", schemaPath: "#/properties/environments/additionalProperties/properties/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key17 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err152];
                                    }
                                    else {
                                        vErrors.push(err152);
                                    }
                                    errors++;
                                }
                            }
                            if (data93.directory !== undefined) {
                                let data94 = data93.directory;
                                if (typeof data94 === "string") {
                                    if (func3(data94) < 1) {
                                        const err153 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/directory", schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/directory/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                        if (vErrors === null) {
                                            vErrors = [err153];
                                        }
                                        else {
                                            vErrors.push(err153);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err154 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/directory", schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/directory/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err154];
                                    }
                                    else {
                                        vErrors.push(err154);
                                    }
                                    errors++;
                                }
                            }
                            if (data93.parameterFile !== undefined) {
                                if (typeof data93.parameterFile !== "string") {
                                    const err155 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/parameterFile", schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/parameterFile/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err155];
                                    }
                                    else {
                                        vErrors.push(err155);
                                    }
                                    errors++;
                                }
                            }
                            if (data93.types !== undefined) {
                                let data96 = data93.types;
                                if (Array.isArray(data96)) {
                                    const len4 = data96.length;
                                    for (let i4 = 0; i4 < len4; i4++) {
                                        if (typeof data96[i4] !== "string") {
                                            const err156 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/types/" + i4, schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/types/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err156];
                                            }
                                            else {
                                                vErrors.push(err156);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                else {
                                    const err157 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/types", schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/types/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                                    if (vErrors === null) {
                                        vErrors = [err157];
                                    }
                                    else {
                                        vErrors.push(err157);
                                    }
                                    errors++;
                                }
                            }
                            if (data93.exclude !== undefined) {
                                let data98 = data93.exclude;
                                if (Array.isArray(data98)) {
                                    const len5 = data98.length;
                                    for (let i5 = 0; i5 < len5; i5++) {
                                        if (typeof data98[i5] !== "string") {
                                            const err158 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/exclude/" + i5, schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/exclude/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err158];
                                            }
                                            else {
                                                vErrors.push(err158);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                else {
                                    const err159 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/exclude", schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/exclude/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                                    if (vErrors === null) {
                                        vErrors = [err159];
                                    }
                                    else {
                                        vErrors.push(err159);
                                    }
                                    errors++;
                                }
                            }
                            if (data93.deleteOrphans !== undefined) {
                                if (typeof data93.deleteOrphans !== "boolean") {
                                    const err160 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/deleteOrphans", schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/deleteOrphans/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                                    if (vErrors === null) {
                                        vErrors = [err160];
                                    }
                                    else {
                                        vErrors.push(err160);
                                    }
                                    errors++;
                                }
                            }
                            if (data93.folders !== undefined) {
                                if (typeof data93.folders !== "boolean") {
                                    const err161 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/folders", schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/folders/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                                    if (vErrors === null) {
                                        vErrors = [err161];
                                    }
                                    else {
                                        vErrors.push(err161);
                                    }
                                    errors++;
                                }
                            }
                            if (data93.maxFileBytes !== undefined) {
                                let data102 = data93.maxFileBytes;
                                if (!((typeof data102 == "number") && (!(data102 % 1) && !isNaN(data102)))) {
                                    const err162 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/maxFileBytes", schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/maxFileBytes/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                                    if (vErrors === null) {
                                        vErrors = [err162];
                                    }
                                    else {
                                        vErrors.push(err162);
                                    }
                                    errors++;
                                }
                                if (typeof data102 == "number") {
                                    if (data102 < 1 || isNaN(data102)) {
                                        const err163 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items/maxFileBytes", schemaPath: "#/properties/environments/additionalProperties/properties/items/properties/maxFileBytes/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                        if (vErrors === null) {
                                            vErrors = [err163];
                                        }
                                        else {
                                            vErrors.push(err163);
                                        }
                                        errors++;
                                    }
                                }
                            }
                        }
                        else {
                            const err164 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/items", schemaPath: "#/properties/environments/additionalProperties/properties/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err164];
                            }
                            else {
                                vErrors.push(err164);
                            }
                            errors++;
                        }
                    }
                    if (data63.naming !== undefined) {
                        let data103 = data63.naming;
                        if (data103 && typeof data103 == "object" && !Array.isArray(data103)) {
                            for (const key18 in data103) {
                                if (typeof data103[key18] !== "string") {
                                    const err165 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/naming/" + key18.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/environments/additionalProperties/properties/naming/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err165];
                                    }
                                    else {
                                        vErrors.push(err165);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err166 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/naming", schemaPath: "#/properties/environments/additionalProperties/properties/naming/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err166];
                            }
                            else {
                                vErrors.push(err166);
                            }
                            errors++;
                        }
                    }
                    if (data63.features !== undefined) {
                        let data105 = data63.features;
                        if (data105 && typeof data105 == "object" && !Array.isArray(data105)) {
                            for (const key19 in data105) {
                                if (!(((((key19 === "retry") || (key19 === "circuitBreaker")) || (key19 === "rollback")) || (key19 === "telemetry")) || (key19 === "keyVault"))) {
                                    const err167 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/features", schemaPath: "#/properties/environments/additionalProperties/properties/features/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key19 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err167];
                                    }
                                    else {
                                        vErrors.push(err167);
                                    }
                                    errors++;
                                }
                            }
                            if (data105.retry !== undefined) {
                                if (typeof data105.retry !== "boolean") {
                                    const err168 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/features/retry", schemaPath: "#/properties/environments/additionalProperties/properties/features/properties/retry/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                                    if (vErrors === null) {
                                        vErrors = [err168];
                                    }
                                    else {
                                        vErrors.push(err168);
                                    }
                                    errors++;
                                }
                            }
                            if (data105.circuitBreaker !== undefined) {
                                if (typeof data105.circuitBreaker !== "boolean") {
                                    const err169 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/features/circuitBreaker", schemaPath: "#/properties/environments/additionalProperties/properties/features/properties/circuitBreaker/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                                    if (vErrors === null) {
                                        vErrors = [err169];
                                    }
                                    else {
                                        vErrors.push(err169);
                                    }
                                    errors++;
                                }
                            }
                            if (data105.rollback !== undefined) {
                                if (typeof data105.rollback !== "boolean") {
                                    const err170 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/features/rollback", schemaPath: "#/properties/environments/additionalProperties/properties/features/properties/rollback/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                                    if (vErrors === null) {
                                        vErrors = [err170];
                                    }
                                    else {
                                        vErrors.push(err170);
                                    }
                                    errors++;
                                }
                            }
                            if (data105.telemetry !== undefined) {
                                if (typeof data105.telemetry !== "boolean") {
                                    const err171 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/features/telemetry", schemaPath: "#/properties/environments/additionalProperties/properties/features/properties/telemetry/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                                    if (vErrors === null) {
                                        vErrors = [err171];
                                    }
                                    else {
                                        vErrors.push(err171);
                                    }
                                    errors++;
                                }
                            }
                            if (data105.keyVault !== undefined) {
                                if (typeof data105.keyVault !== "boolean") {
                                    const err172 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/features/keyVault", schemaPath: "#/properties/environments/additionalProperties/properties/features/properties/keyVault/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                                    if (vErrors === null) {
                                        vErrors = [err172];
                                    }
                                    else {
                                        vErrors.push(err172);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err173 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/features", schemaPath: "#/properties/environments/additionalProperties/properties/features/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err173];
                            }
                            else {
                                vErrors.push(err173);
                            }
                            errors++;
                        }
                    }
                    if (data63.profile !== undefined) {
                        let data111 = data63.profile;
                        if (!((data111 === "default") || (data111 === "production"))) {
                            const err174 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/profile", schemaPath: "#/properties/environments/additionalProperties/properties/profile/enum", keyword: "enum", params: { allowedValues: schema11.properties.environments.additionalProperties.properties.profile.enum }, message: "must be equal to one of the allowed values" };
                            if (vErrors === null) {
                                vErrors = [err174];
                            }
                            else {
                                vErrors.push(err174);
                            }
                            errors++;
                        }
                    }
                    if (data63.secrets !== undefined) {
                        let data112 = data63.secrets;
                        if (data112 && typeof data112 == "object" && !Array.isArray(data112)) {
                            for (const key20 in data112) {
                                if (!(key20 === "keyVault")) {
                                    const err175 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/secrets", schemaPath: "#/properties/environments/additionalProperties/properties/secrets/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key20 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err175];
                                    }
                                    else {
                                        vErrors.push(err175);
                                    }
                                    errors++;
                                }
                            }
                            if (data112.keyVault !== undefined) {
                                if (typeof data112.keyVault !== "string") {
                                    const err176 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/secrets/keyVault", schemaPath: "#/properties/environments/additionalProperties/properties/secrets/properties/keyVault/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err176];
                                    }
                                    else {
                                        vErrors.push(err176);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err177 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/secrets", schemaPath: "#/properties/environments/additionalProperties/properties/secrets/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err177];
                            }
                            else {
                                vErrors.push(err177);
                            }
                            errors++;
                        }
                    }
                    if (data63.telemetry !== undefined) {
                        let data114 = data63.telemetry;
                        if (data114 && typeof data114 == "object" && !Array.isArray(data114)) {
                            for (const key21 in data114) {
                                if (!(key21 === "connectionString")) {
                                    const err178 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/telemetry", schemaPath: "#/properties/environments/additionalProperties/properties/telemetry/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key21 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err178];
                                    }
                                    else {
                                        vErrors.push(err178);
                                    }
                                    errors++;
                                }
                            }
                            if (data114.connectionString !== undefined) {
                                if (typeof data114.connectionString !== "string") {
                                    const err179 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/telemetry/connectionString", schemaPath: "#/properties/environments/additionalProperties/properties/telemetry/properties/connectionString/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err179];
                                    }
                                    else {
                                        vErrors.push(err179);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err180 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/telemetry", schemaPath: "#/properties/environments/additionalProperties/properties/telemetry/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err180];
                            }
                            else {
                                vErrors.push(err180);
                            }
                            errors++;
                        }
                    }
                    if (data63.resilience !== undefined) {
                        let data116 = data63.resilience;
                        if (data116 && typeof data116 == "object" && !Array.isArray(data116)) {
                            for (const key22 in data116) {
                                if (!((((((((key22 === "retries") || (key22 === "baseDelayMs")) || (key22 === "timeoutMs")) || (key22 === "rateLimitPerMinute")) || (key22 === "maxParallel")) || (key22 === "lroTimeoutMinutes")) || (key22 === "breakerThreshold")) || (key22 === "breakerResetSeconds"))) {
                                    const err181 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key22 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err181];
                                    }
                                    else {
                                        vErrors.push(err181);
                                    }
                                    errors++;
                                }
                            }
                            if (data116.retries !== undefined) {
                                let data117 = data116.retries;
                                if (!((typeof data117 == "number") && (!(data117 % 1) && !isNaN(data117)))) {
                                    const err182 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/retries", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/retries/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                                    if (vErrors === null) {
                                        vErrors = [err182];
                                    }
                                    else {
                                        vErrors.push(err182);
                                    }
                                    errors++;
                                }
                                if (typeof data117 == "number") {
                                    if (data117 > 10 || isNaN(data117)) {
                                        const err183 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/retries", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/retries/maximum", keyword: "maximum", params: { comparison: "<=", limit: 10 }, message: "must be <= 10" };
                                        if (vErrors === null) {
                                            vErrors = [err183];
                                        }
                                        else {
                                            vErrors.push(err183);
                                        }
                                        errors++;
                                    }
                                    if (data117 < 0 || isNaN(data117)) {
                                        const err184 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/retries", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/retries/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                                        if (vErrors === null) {
                                            vErrors = [err184];
                                        }
                                        else {
                                            vErrors.push(err184);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            if (data116.baseDelayMs !== undefined) {
                                let data118 = data116.baseDelayMs;
                                if (!((typeof data118 == "number") && (!(data118 % 1) && !isNaN(data118)))) {
                                    const err185 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/baseDelayMs", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/baseDelayMs/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                                    if (vErrors === null) {
                                        vErrors = [err185];
                                    }
                                    else {
                                        vErrors.push(err185);
                                    }
                                    errors++;
                                }
                                if (typeof data118 == "number") {
                                    if (data118 < 0 || isNaN(data118)) {
                                        const err186 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/baseDelayMs", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/baseDelayMs/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                                        if (vErrors === null) {
                                            vErrors = [err186];
                                        }
                                        else {
                                            vErrors.push(err186);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            if (data116.timeoutMs !== undefined) {
                                let data119 = data116.timeoutMs;
                                if (!((typeof data119 == "number") && (!(data119 % 1) && !isNaN(data119)))) {
                                    const err187 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/timeoutMs", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/timeoutMs/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                                    if (vErrors === null) {
                                        vErrors = [err187];
                                    }
                                    else {
                                        vErrors.push(err187);
                                    }
                                    errors++;
                                }
                                if (typeof data119 == "number") {
                                    if (data119 < 1000 || isNaN(data119)) {
                                        const err188 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/timeoutMs", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/timeoutMs/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1000 }, message: "must be >= 1000" };
                                        if (vErrors === null) {
                                            vErrors = [err188];
                                        }
                                        else {
                                            vErrors.push(err188);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            if (data116.rateLimitPerMinute !== undefined) {
                                let data120 = data116.rateLimitPerMinute;
                                if (!((typeof data120 == "number") && (!(data120 % 1) && !isNaN(data120)))) {
                                    const err189 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/rateLimitPerMinute", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/rateLimitPerMinute/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                                    if (vErrors === null) {
                                        vErrors = [err189];
                                    }
                                    else {
                                        vErrors.push(err189);
                                    }
                                    errors++;
                                }
                                if (typeof data120 == "number") {
                                    if (data120 < 1 || isNaN(data120)) {
                                        const err190 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/rateLimitPerMinute", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/rateLimitPerMinute/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                        if (vErrors === null) {
                                            vErrors = [err190];
                                        }
                                        else {
                                            vErrors.push(err190);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            if (data116.maxParallel !== undefined) {
                                let data121 = data116.maxParallel;
                                if (!((typeof data121 == "number") && (!(data121 % 1) && !isNaN(data121)))) {
                                    const err191 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/maxParallel", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/maxParallel/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                                    if (vErrors === null) {
                                        vErrors = [err191];
                                    }
                                    else {
                                        vErrors.push(err191);
                                    }
                                    errors++;
                                }
                                if (typeof data121 == "number") {
                                    if (data121 > 64 || isNaN(data121)) {
                                        const err192 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/maxParallel", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/maxParallel/maximum", keyword: "maximum", params: { comparison: "<=", limit: 64 }, message: "must be <= 64" };
                                        if (vErrors === null) {
                                            vErrors = [err192];
                                        }
                                        else {
                                            vErrors.push(err192);
                                        }
                                        errors++;
                                    }
                                    if (data121 < 1 || isNaN(data121)) {
                                        const err193 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/maxParallel", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/maxParallel/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                        if (vErrors === null) {
                                            vErrors = [err193];
                                        }
                                        else {
                                            vErrors.push(err193);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            if (data116.lroTimeoutMinutes !== undefined) {
                                let data122 = data116.lroTimeoutMinutes;
                                if (typeof data122 == "number") {
                                    if (data122 < 1 || isNaN(data122)) {
                                        const err194 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/lroTimeoutMinutes", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/lroTimeoutMinutes/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                        if (vErrors === null) {
                                            vErrors = [err194];
                                        }
                                        else {
                                            vErrors.push(err194);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err195 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/lroTimeoutMinutes", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/lroTimeoutMinutes/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                                    if (vErrors === null) {
                                        vErrors = [err195];
                                    }
                                    else {
                                        vErrors.push(err195);
                                    }
                                    errors++;
                                }
                            }
                            if (data116.breakerThreshold !== undefined) {
                                let data123 = data116.breakerThreshold;
                                if (!((typeof data123 == "number") && (!(data123 % 1) && !isNaN(data123)))) {
                                    const err196 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/breakerThreshold", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/breakerThreshold/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                                    if (vErrors === null) {
                                        vErrors = [err196];
                                    }
                                    else {
                                        vErrors.push(err196);
                                    }
                                    errors++;
                                }
                                if (typeof data123 == "number") {
                                    if (data123 < 1 || isNaN(data123)) {
                                        const err197 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/breakerThreshold", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/breakerThreshold/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                        if (vErrors === null) {
                                            vErrors = [err197];
                                        }
                                        else {
                                            vErrors.push(err197);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            if (data116.breakerResetSeconds !== undefined) {
                                let data124 = data116.breakerResetSeconds;
                                if (typeof data124 == "number") {
                                    if (data124 < 1 || isNaN(data124)) {
                                        const err198 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/breakerResetSeconds", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/breakerResetSeconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                        if (vErrors === null) {
                                            vErrors = [err198];
                                        }
                                        else {
                                            vErrors.push(err198);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err199 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience/breakerResetSeconds", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/properties/breakerResetSeconds/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                                    if (vErrors === null) {
                                        vErrors = [err199];
                                    }
                                    else {
                                        vErrors.push(err199);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err200 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1") + "/resilience", schemaPath: "#/properties/environments/additionalProperties/properties/resilience/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err200];
                            }
                            else {
                                vErrors.push(err200);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err201 = { instancePath: instancePath + "/environments/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/environments/additionalProperties/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                    if (vErrors === null) {
                        vErrors = [err201];
                    }
                    else {
                        vErrors.push(err201);
                    }
                    errors++;
                }
            }
        }
        else {
            const err202 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
                vErrors = [err202];
            }
            else {
                vErrors.push(err202);
            }
            errors++;
        }
    }
}
else {
    const err203 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
        vErrors = [err203];
    }
    else {
        vErrors.push(err203);
    }
    errors++;
} validate10.errors = vErrors; return errors === 0; }

;// CONCATENATED MODULE: ./src/settings/schema.ts
/**
 * JSON Schema of fabric-deploy.yml. Every object is closed (`additionalProperties: false`) so a typo
 * is an error with its line, not a silently ignored key.
 */
const uuid = {
    type: 'string',
    pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
};
const role = { enum: ['Admin', 'Member', 'Contributor', 'Viewer'] };
const principal = {
    type: 'object',
    additionalProperties: false,
    properties: {
        id: uuid,
        upn: { type: 'string', minLength: 3 },
        group: { type: 'string', minLength: 1 },
        appId: uuid,
        type: { enum: ['User', 'Group', 'ServicePrincipal', 'ServicePrincipalProfile'] },
        role,
        description: { type: 'string' },
        parentPrincipalId: uuid,
    },
    required: ['role'],
};
const git = {
    type: 'object',
    additionalProperties: false,
    properties: {
        provider: { enum: ['GitHub', 'AzureDevOps'] },
        owner: { type: 'string' },
        organization: { type: 'string' },
        project: { type: 'string' },
        repository: { type: 'string' },
        branch: { type: 'string' },
        directory: { type: 'string' },
        connectionId: uuid,
        initialize: { enum: ['None', 'PreferRemote', 'PreferWorkspace'] },
        updateFromGit: { type: 'boolean' },
    },
    required: ['provider', 'repository', 'branch'],
};
const workspace = {
    type: 'object',
    additionalProperties: false,
    properties: {
        id: uuid,
        name: { type: 'string', minLength: 1, maxLength: 256 },
        description: { type: 'string', maxLength: 4000 },
        capacity: {
            type: 'object',
            additionalProperties: false,
            properties: { id: uuid, name: { type: 'string', minLength: 1 } },
        },
        principals: { type: 'array', items: principal },
        principalsFile: { type: 'string' },
        git,
    },
};
const items = {
    type: 'object',
    additionalProperties: false,
    properties: {
        directory: { type: 'string', minLength: 1 },
        parameterFile: { type: 'string' },
        types: { type: 'array', items: { type: 'string' } },
        exclude: { type: 'array', items: { type: 'string' } },
        deleteOrphans: { type: 'boolean' },
        folders: { type: 'boolean' },
        maxFileBytes: { type: 'integer', minimum: 1 },
    },
};
const features = {
    type: 'object',
    additionalProperties: false,
    properties: {
        retry: { type: 'boolean' },
        circuitBreaker: { type: 'boolean' },
        rollback: { type: 'boolean' },
        telemetry: { type: 'boolean' },
        keyVault: { type: 'boolean' },
    },
};
const resilience = {
    type: 'object',
    additionalProperties: false,
    properties: {
        retries: { type: 'integer', minimum: 0, maximum: 10 },
        baseDelayMs: { type: 'integer', minimum: 0 },
        timeoutMs: { type: 'integer', minimum: 1000 },
        rateLimitPerMinute: { type: 'integer', minimum: 1 },
        maxParallel: { type: 'integer', minimum: 1, maximum: 64 },
        lroTimeoutMinutes: { type: 'number', minimum: 1 },
        breakerThreshold: { type: 'integer', minimum: 1 },
        breakerResetSeconds: { type: 'number', minimum: 1 },
    },
};
const common = {
    workspace,
    items,
    naming: { type: 'object', additionalProperties: { type: 'string' } },
    features,
    profile: { enum: ['default', 'production'] },
    secrets: {
        type: 'object',
        additionalProperties: false,
        properties: { keyVault: { type: 'string' } },
    },
    telemetry: {
        type: 'object',
        additionalProperties: false,
        properties: { connectionString: { type: 'string' } },
    },
    resilience,
};
const environmentOverlaySchema = {
    type: 'object',
    additionalProperties: false,
    properties: common,
};
const configSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
        version: { const: 1 },
        ...common,
        environments: { type: 'object', additionalProperties: environmentOverlaySchema },
    },
    required: ['version', 'workspace'],
};

;// CONCATENATED MODULE: ./src/settings/config.ts





function loadConfig(file, environment) {
    const abs = external_node_path_default().resolve(file);
    const src = readYamlFile(abs, 'config file');
    if (!src.data || typeof src.data !== 'object' || Array.isArray(src.data)) {
        throw new src_errors/* ConfigError */.xL('config file must be a YAML mapping (version: 1, workspace: …, items: …)', {
            location: { file: abs, line: 1, col: 1 },
        });
    }
    const raw = src.data;
    // `dev:` with nothing under it is an empty overlay, not an error.
    if (raw.environments && typeof raw.environments === 'object') {
        for (const [k, v] of Object.entries(raw.environments))
            if (v === null)
                raw.environments[k] = {};
    }
    // Validated by code generated from the schema ahead of time: compiling it here would cost every run ~100 ms.
    if (!validate(raw))
        throw schemaError(validate.errors ?? [], src);
    const config = raw;
    let overlayPath;
    let merged = config;
    if (environment) {
        const known = Object.keys(config.environments ?? {});
        if (config.environments && !known.includes(environment)) {
            // A typo would otherwise deploy without the environment's overlay (and without its profile).
            throw new src_errors/* ConfigError */.xL(`environment '${environment}' is not defined in the config`, {
                location: src.locate(['environments'], true),
                field: 'environment',
                fix: `use one of: ${known.join(', ')} (or add '${environment}:' under environments:)`,
            });
        }
        const overlay = config.environments?.[environment];
        if (overlay) {
            overlayPath = ['environments', environment];
            merged = deepMerge(config, overlay);
        }
    }
    delete merged.environments;
    merged = applyTemplates(merged, { environment: environment ?? '' }, src);
    const locate = (segs) => {
        if (overlayPath) {
            const inOverlay = src.locate([...overlayPath, ...segs]);
            const overlayRoot = src.locate(overlayPath);
            if (inOverlay.line !== overlayRoot.line || segs.length === 0)
                return inOverlay;
        }
        return src.locate(segs);
    };
    if (!merged.workspace.id && !merged.workspace.name) {
        throw new src_errors/* ConfigError */.xL('workspace needs an id or a name', {
            location: src.locate(['workspace']),
            field: 'workspace',
            fix: "add 'name: my-workspace' (created when missing) or 'id: <workspace guid>' under workspace:",
        });
    }
    return { file: abs, dir: external_node_path_default().dirname(abs), config: merged, environment, locate };
}
function schemaError(errors, src) {
    // Prefer the most specific message: unknown keys and enum/type errors over `anyOf` noise.
    const e = errors.find((x) => x.keyword === 'additionalProperties') ?? errors[0];
    const segs = e.instancePath.split('/').slice(1).map(unescapePointer);
    const field = segs.join('.') || '(top level)';
    if (e.keyword === 'additionalProperties') {
        const key = String(e.params.additionalProperty);
        const allowed = Object.keys(propertiesAt(segs)).join(', ');
        return new src_errors/* ConfigError */.xL(`unknown key '${key}'${segs.length ? ` in ${field}` : ' at the top level'}`, {
            location: src.locate([...segs, key], true),
            field: [...segs, key].join('.'),
            fix: allowed ? `use one of: ${allowed}` : 'remove it',
        });
    }
    if (e.keyword === 'required') {
        const missing = String(e.params.missingProperty);
        return new src_errors/* ConfigError */.xL(`missing required key '${missing}'${segs.length ? ` in ${field}` : ''}`, {
            location: src.locate(segs),
            field: [...segs, missing].join('.'),
            fix: missing === 'version' ? "add 'version: 1' at the top" : `add '${missing}:'`,
        });
    }
    let fix;
    if (e.keyword === 'enum')
        fix = `use one of: ${e.params.allowedValues.join(', ')}`;
    else if (e.keyword === 'const')
        fix = `set it to ${JSON.stringify(e.params.allowedValue)}`;
    else if (e.keyword === 'pattern' && String(e.schemaPath).includes('id'))
        fix = 'use a GUID like 00000000-0000-0000-0000-000000000000';
    return new src_errors/* ConfigError */.xL(`invalid value for ${field}: ${e.message}`, {
        location: src.locate(segs),
        field,
        fix,
    });
}
function unescapePointer(s) {
    return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
function propertiesAt(segs) {
    let s = configSchema;
    for (const seg of segs) {
        if (s?.properties?.[seg])
            s = s.properties[seg];
        else if (s?.additionalProperties && typeof s.additionalProperties === 'object')
            s = s.additionalProperties;
        else if (s?.items)
            s = s.items;
        else
            return {};
    }
    return s?.properties ?? {};
}
function deepMerge(base, over) {
    if (isPlainObject(base) && isPlainObject(over)) {
        const out = { ...base };
        for (const [k, v] of Object.entries(over))
            out[k] = k in out ? deepMerge(out[k], v) : v;
        return out;
    }
    return over === undefined ? base : over;
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** `{{ environment }}` in any string value; an unknown variable is an error at its line. */
function applyTemplates(value, vars, src, at = []) {
    if (typeof value === 'string') {
        return value.replace(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g, (_m, name) => {
            if (name in vars) {
                if (name === 'environment' && !vars.environment) {
                    throw new src_errors/* ConfigError */.xL(`'{{ environment }}' is used but no environment was given`, {
                        location: src.locate(at),
                        field: at.join('.'),
                        fix: "pass the 'environment' input (e.g. environment: dev)",
                    });
                }
                return vars[name];
            }
            throw new src_errors/* ConfigError */.xL(`unknown template variable '{{ ${name} }}'`, {
                location: src.locate(at),
                field: at.join('.'),
                fix: `available: ${Object.keys(vars)
                    .map((v) => `{{ ${v} }}`)
                    .join(', ')}`,
            });
        });
    }
    if (Array.isArray(value))
        return value.map((v, i) => applyTemplates(v, vars, src, [...at, i]));
    if (isPlainObject(value)) {
        const out = {};
        for (const [k, v] of Object.entries(value))
            out[k] = applyTemplates(v, vars, src, [...at, k]);
        return out;
    }
    return value;
}

;// CONCATENATED MODULE: ./src/settings/features.ts

const DEFAULT_FEATURES = {
    retry: true,
    circuitBreaker: true,
    rollback: true,
    telemetry: false,
    keyVault: false,
    healthChecks: false,
};
/** The seeds' environment variables keep working (FEATURE_USE_AZURE_KEYVAULT is their older spelling). */
const ENV_FLAGS = {
    FEATURE_USE_RETRY_LOGIC: 'retry',
    FEATURE_USE_CIRCUIT_BREAKER: 'circuitBreaker',
    FEATURE_USE_ROLLBACK: 'rollback',
    FEATURE_USE_TELEMETRY: 'telemetry',
    FEATURE_USE_KEY_VAULT: 'keyVault',
    FEATURE_USE_AZURE_KEYVAULT: 'keyVault',
    FEATURE_USE_HEALTH_CHECKS: 'healthChecks',
};
/** `features` input names (kebab-case). */
const INPUT_FLAGS = {
    retry: 'retry',
    'circuit-breaker': 'circuitBreaker',
    rollback: 'rollback',
    telemetry: 'telemetry',
    'key-vault': 'keyVault',
    'health-checks': 'healthChecks',
};
/** What the production profile forces on; turning one of them off explicitly is an error. */
const PRODUCTION_FORCED = [
    'retry',
    'circuitBreaker',
    'rollback',
    'telemetry',
    'keyVault',
    'healthChecks',
];
/**
 * defaults < config (with its environment overlay) < FEATURE_USE_* variables < `features` input;
 * the production profile then forces its set on.
 */
function resolveFeatures(opts) {
    const f = { ...DEFAULT_FEATURES };
    const explicitOff = new Map();
    for (const [k, v] of Object.entries(opts.config ?? {})) {
        f[k] = v;
        if (v === false)
            explicitOff.set(k, `features.${k}: false in the config`);
    }
    for (const [name, flag] of Object.entries(ENV_FLAGS)) {
        const raw = opts.env[name];
        if (raw === undefined || raw === '')
            continue;
        const value = parseBool(raw);
        if (value === undefined) {
            throw new src_errors/* ConfigError */.xL(`environment variable ${name} has the value '${raw}'`, {
                field: name,
                fix: `set ${name} to true or false`,
            });
        }
        f[flag] = value;
        if (!value)
            explicitOff.set(flag, `${name}=false`);
        else
            explicitOff.delete(flag);
    }
    for (const token of (opts.input ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)) {
        const off = token.startsWith('-');
        const name = off ? token.slice(1) : token;
        const flag = INPUT_FLAGS[name];
        if (!flag) {
            throw new src_errors/* ConfigError */.xL(`unknown feature '${name}' in the 'features' input`, {
                field: 'features',
                fix: `use a comma-separated list of: ${Object.keys(INPUT_FLAGS).join(', ')} (a leading - turns one off)`,
            });
        }
        f[flag] = !off;
        if (off)
            explicitOff.set(flag, `'-${name}' in the features input`);
        else
            explicitOff.delete(flag);
    }
    if (opts.production) {
        for (const flag of PRODUCTION_FORCED) {
            const why = explicitOff.get(flag);
            if (why) {
                throw new src_errors/* ConfigError */.xL(`the production profile requires ${flag}, but ${why} turns it off`, {
                    field: 'features',
                    fix: `remove ${why}, or use another profile for this environment`,
                });
            }
            f[flag] = true;
        }
    }
    return f;
}
function parseBool(v) {
    const s = v.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(s))
        return true;
    if (['false', '0', 'no', 'off'].includes(s))
        return false;
    return undefined;
}

;// CONCATENATED MODULE: ./src/settings/settings.ts





/** Reads an input, masks it when secret, checks it against its allowed values. */
function readInput(host, name) {
    const spec = (0,inputs/* inputSpec */.mm)(name);
    const raw = host.getInput(name)?.trim();
    const value = raw === undefined || raw === '' ? spec.default : raw;
    if (spec.secret && raw && !(name === 'certificate' && looksLikePath(raw)))
        host.setSecret(raw);
    if (value !== undefined && spec.options && !spec.options.includes(value)) {
        throw new src_errors/* ConfigError */.xL(`input '${name}' has the unknown value '${value}'`, {
            field: name,
            fix: `use one of: ${spec.options.join(', ')}`,
        });
    }
    return value;
}
function resolveSettings(host, env = process.env) {
    // Secrets first: mask every secret input before anything else can log.
    for (const spec of inputs/* INPUTS */.mc)
        if (spec.secret)
            readInput(host, spec.name);
    const get = (name) => readInput(host, name);
    const command = get('command');
    const environment = get('environment');
    const configPath = external_node_path_default().resolve(get('config'));
    const loaded = loadConfig(configPath, environment);
    const config = loaded.config;
    const production = config.profile === 'production';
    const itemsDirInput = get('items-directory');
    const itemsDirectory = itemsDirInput
        ? external_node_path_default().resolve(itemsDirInput)
        : external_node_path_default().resolve(loaded.dir, config.items?.directory ?? '.');
    const paramInput = get('parameter-file');
    const parameterFile = paramInput
        ? external_node_path_default().resolve(paramInput)
        : config.items?.parameterFile
            ? external_node_path_default().resolve(loaded.dir, config.items.parameterFile)
            : undefined;
    const wsId = get('workspace-id');
    if (wsId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(wsId)) {
        throw new src_errors/* ConfigError */.xL(`input 'workspace-id' is not a GUID: '${wsId}'`, {
            field: 'workspace-id',
            fix: 'use the workspace id from its Fabric URL (…/groups/<id>/…)',
        });
    }
    const wsName = get('workspace-name');
    const workspace = {
        id: wsId ?? (wsName ? undefined : config.workspace.id),
        name: wsName ?? config.workspace.name,
        description: config.workspace.description,
    };
    // An explicit input beats the config, which beats the catalog default.
    const maxParallelRaw = host.getInput('max-parallel')?.trim() || undefined;
    const maxParallel = Number(maxParallelRaw ?? config.resilience?.maxParallel ?? (0,inputs/* inputSpec */.mm)('max-parallel').default);
    if (!Number.isInteger(maxParallel) || maxParallel < 1 || maxParallel > 64) {
        throw new src_errors/* ConfigError */.xL(`input 'max-parallel' must be a whole number from 1 to 64, not '${maxParallelRaw}'`, {
            field: 'max-parallel',
            fix: 'set max-parallel to e.g. 8',
        });
    }
    const deleteOrphans = booleanInput(host, 'delete-orphans') ?? config.items?.deleteOrphans ?? false;
    // Read again where they are used (deploy/command.ts); checked here so a typo fails before sign-in.
    booleanInput(host, 'destroy-workspace');
    const lockWait = host.getInput('lock-wait-seconds')?.trim();
    if (lockWait && !(Number(lockWait) >= 0)) {
        throw new src_errors/* ConfigError */.xL(`input 'lock-wait-seconds' must be a number of seconds ≥ 0, not '${lockWait}'`, {
            field: 'lock-wait-seconds',
            fix: 'e.g. lock-wait-seconds: 600 (0 fails at once when another deploy holds the workspace)',
        });
    }
    const features = resolveFeatures({ config: config.features, env, input: get('features'), production });
    return {
        command,
        environment,
        config,
        loaded,
        workspace,
        itemsDirectory,
        parameterFile,
        deleteOrphans,
        maxParallel,
        features,
        production,
        inputs: {
            ...readConnectionInputs(host),
            keyVaultUrl: get('key-vault-url') ?? config.secrets?.keyVault,
            telemetryConnectionString: get('telemetry-connection-string') ?? config.telemetry?.connectionString,
        },
    };
}
/** The inputs that say how to reach and sign in to Fabric; all a config-less command (rollback) needs. */
function readConnectionInputs(host) {
    for (const spec of inputs/* INPUTS */.mc)
        if (spec.secret)
            readInput(host, spec.name);
    const get = (name) => readInput(host, name);
    return {
        auth: get('auth'),
        tenantId: get('tenant-id'),
        clientId: get('client-id'),
        clientSecret: get('client-secret'),
        certificate: get('certificate'),
        certificatePassword: get('certificate-password'),
        token: get('token'),
        audience: get('audience'),
        connectedServiceName: get('connected-service-name'),
        cloud: get('cloud'),
        fabricApiUrl: get('fabric-api-url'),
        authorityHost: get('authority-host'),
        graphUrl: get('graph-url'),
    };
}
/** A certificate input that names a file stays readable in messages; PEM or base64 PFX text is masked. */
function looksLikePath(value) {
    // A base64 PFX is thousands of characters; a path is short.
    return !value.includes('-----BEGIN') && !/[\r\n]/.test(value) && value.length < 1024;
}
/** A true/false input; undefined when not given; anything else is refused before any network call. */
function booleanInput(host, name) {
    const raw = host.getInput(name)?.trim();
    if (!raw)
        return undefined;
    const b = parseBool(raw);
    if (b === undefined) {
        throw new src_errors/* ConfigError */.xL(`input '${name}' must be true or false, not '${raw}'`, {
            field: name,
            fix: `set ${name}: true or false`,
        });
    }
    return b;
}

;// CONCATENATED MODULE: ./src/main.ts



















/** One run of the tool on any host: settings → identity → command → report. Never throws. */
async function run(host) {
    const deploymentId = (0,external_node_crypto_.randomUUID)();
    const startedAt = new Date();
    let command = 'deploy';
    let telemetry = noTelemetry;
    let audit = noAudit;
    try {
        // Everything that can be checked without the network is checked here, before signing in.
        const { settings, cloud } = await host.log.group('Settings', async () => {
            const settings = resolveSettings(host);
            const cloud = cloudOf(settings.inputs);
            return { settings, cloud };
        });
        command = settings.command;
        // Telemetry starts before sign-in so a failed sign-in is counted; a connection string kept in Key
        // Vault can only be read after it, so that case starts telemetry in connect().
        if (!settings.inputs.telemetryConnectionString?.includes('${secret:')) {
            telemetry = await startTelemetry(host, settings, deploymentId);
        }
        if (command === 'health')
            return await health(host, settings, cloud, deploymentId, startedAt, telemetry);
        const ctx = await host.log.group('Sign in', () => connect(host, settings, cloud, deploymentId, startedAt, telemetry));
        telemetry = ctx.telemetry;
        audit = ctx.audit;
        if (settings.features.healthChecks && command !== 'plan')
            await requireHealthy(ctx);
        const cancellation = onCancel(host);
        ctx.signal = cancellation.signal;
        trackDeploymentStarted(telemetry, {
            command,
            environment: settings.environment,
            workspace: settings.workspace.name ?? settings.workspace.id,
        });
        const report = await executeCommand(ctx).finally(cancellation.dispose);
        trackDeploymentFinished(telemetry, report);
        await publish(host, report);
        if (audit.path)
            host.setOutput('audit-log', audit.path);
        // A rollback was announced as an error when it started; other failures are reported here, once.
        if (report.result === 'succeeded')
            host.setResult('succeeded');
        else
            host.setResult('failed', report.result === 'rolled-back' ? undefined : report.error);
        return report;
    }
    catch (err) {
        trackRunError(telemetry, err, { command, durationMs: Date.now() - startedAt.getTime() });
        reportFailure(host, err, deploymentId, audit);
        return undefined;
    }
    finally {
        await audit.close().catch(() => undefined);
        await telemetry.flush();
    }
}
/**
 * CI cancellation sends SIGINT (GitHub, then SIGTERM) or SIGTERM (Azure Pipelines) a few seconds before
 * killing the job: the returned signal aborts so no further item starts and the run rolls back. Each
 * signal is caught once; a second one ends the process as usual.
 */
function onCancel(host) {
    const cancel = new AbortController();
    const handlers = ['SIGINT', 'SIGTERM'].map((name) => {
        const handler = () => {
            if (!cancel.signal.aborted)
                host.log.warn(`${name} received: stopping after the items in flight, then rolling back`);
            cancel.abort();
        };
        process.once(name, handler);
        return [name, handler];
    });
    return {
        signal: cancel.signal,
        dispose: () => {
            for (const [name, handler] of handlers)
                process.off(name, handler);
        },
    };
}
/** The error as the user sees it (annotation at its file and line), the failed result and exit code 1. */
function reportFailure(host, err, deploymentId, audit) {
    if (err instanceof src_errors/* UserError */.yo) {
        const field = err.field ? ` [${err.field}]` : '';
        const fix = err.fix ? ` — fix: ${err.fix}` : '';
        host.log.error(err.message + field + fix, err.location);
    }
    else {
        host.log.error((0,src_errors/* errorMessage */.gJ)(err));
        if (err instanceof Error && err.stack)
            host.log.debug(err.stack);
    }
    host.setOutput('deployment-id', deploymentId);
    host.setOutput('result', 'failed');
    if (audit.path)
        host.setOutput('audit-log', audit.path);
    // The error is already logged (with its file and line); a message here would annotate it twice.
    host.setResult('failed');
}
async function startTelemetry(host, settings, deploymentId) {
    return createTelemetry({
        enabled: settings.features.telemetry,
        connectionString: settings.inputs.telemetryConnectionString,
        deploymentId,
        environment: settings.environment,
        host: host.kind,
        command: settings.command,
        log: host.log,
        scrub: (text) => host.mask(text),
        caCertificates: extraCaCertificates(),
    });
}
/** NODE_EXTRA_CA_CERTS is honoured by Node's TLS, but the telemetry SDK's own agent needs it passed. */
function extraCaCertificates() {
    const file = process.env.NODE_EXTRA_CA_CERTS;
    if (!file)
        return undefined;
    try {
        return (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch {
        return undefined;
    }
}
/** `command: health`: the checks as a table (summary) and JSON (`health` output); exit 0 only when all pass. */
async function health(host, settings, cloud, deploymentId, startedAt, telemetry) {
    let ctx;
    try {
        ctx = await connect(host, settings, cloud, deploymentId, startedAt, telemetry);
    }
    catch (err) {
        // A failed sign-in is a failed check, not the end of the report.
        const failure = err;
        ctx = {
            settings,
            client: new FabricClient({
                baseUrl: cloud.fabricApiUrl,
                tokens: { getToken: () => Promise.reject(failure) },
                retry: false,
            }),
            tokens: { getToken: () => Promise.reject(failure) },
            telemetry,
            log: host.log,
        };
    }
    const report = await host.log.group('Health checks', () => runHealthChecks(ctx));
    for (const c of report.checks) {
        const line = `${c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '–'} ${c.title}: ${c.message}`;
        if (c.status === 'fail')
            host.log.error(line);
        else
            host.log.info(line);
    }
    host.setOutput('deployment-id', deploymentId);
    host.setOutput('result', report.ok ? 'succeeded' : 'failed');
    host.setOutput('health', renderHealth(report, 'json'));
    const file = await host.writeSummary(renderHealth(report, 'markdown'));
    if (file)
        host.setOutput('summary-file', file);
    host.setResult(report.ok ? 'succeeded' : 'failed', report.ok ? undefined : failedChecks(report));
    return undefined;
}
function failedChecks(report) {
    return `health checks failed: ${report.checks
        .filter((c) => c.status === 'fail')
        .map((c) => `${c.title} (${c.message})`)
        .join('; ')}`;
}
/** The production profile writes only after every health check passed. */
async function requireHealthy(ctx) {
    const report = await ctx.log.group('Health checks (production profile)', () => runHealthChecks(ctx));
    if (!report.ok) {
        throw new src_errors/* UserError */.yo(failedChecks(report), {
            field: 'profile',
            fix: 'fix what the failed checks name (run `fabric-deploy health` to see them all); nothing was changed',
        });
    }
}
/** Cloud endpoints with the inputs' overrides (each checked: https, or loopback for the simulator). */
function cloudOf(i) {
    return resolveCloud({
        cloud: i.cloud,
        fabricApiUrl: i.fabricApiUrl,
        authorityHost: i.authorityHost,
        graphUrl: i.graphUrl,
    });
}
async function signIn(host, i, cloud, cwd) {
    const tokens = await createTokenProvider({
        kind: i.auth,
        tenantId: i.tenantId,
        clientId: i.clientId,
        clientSecret: i.clientSecret,
        certificate: i.certificate,
        certificatePassword: i.certificatePassword,
        token: i.token,
        audience: i.audience,
        connectedServiceName: i.connectedServiceName,
        cloud,
        cwd,
    }, host);
    host.log.info(`signed in: ${tokens.description}`);
    return tokens;
}
function fanOut(...listeners) {
    return (e) => {
        for (const l of listeners)
            l(e);
    };
}
/** The JSONL audit log of this run, stamped with who signs in (never the token). */
async function openAudit(host, deploymentId, tokens) {
    return createAuditLog({
        dir: host.tempDir(),
        deploymentId,
        identity: await tokens.identity?.().catch(() => undefined),
        scrub: (text) => host.mask(text),
        log: host.log,
    });
}
/** The Fabric client every command uses: the host's proxy, its log, the deployment id as correlation id. */
function fabricClient(host, cloud, tokens, deploymentId, options = {}) {
    return new FabricClient({
        baseUrl: cloud.fabricApiUrl,
        tokens,
        userAgent: (0,version/* userAgent */.N)(host.kind),
        correlationId: deploymentId,
        proxy: host.proxyUrl?.() ?? undefined,
        onLog: (level, line) => (level === 'warn' ? host.log.warn(line) : host.log.debug(line)),
        ...options,
    });
}
/** Signs in and builds the context every command runs with. */
async function connect(host, settings, cloud, deploymentId, startedAt, telemetry) {
    const i = settings.inputs;
    const telemetryWaitedForSecrets = Boolean(i.telemetryConnectionString?.includes('${secret:'));
    await resolveCredentialReferences(host, settings);
    const tokens = await signIn(host, i, cloud, settings.loaded.dir);
    const secrets = new SecretManager({
        keyVaultUrl: i.keyVaultUrl,
        enabled: settings.features.keyVault,
        required: settings.production,
        credential: tokens.credential,
        env: { ...process.env, ...host.secretVariables?.() },
        dotenvPath: host.kind === 'cli' ? external_node_path_default().join(settings.loaded.dir, '.env') : undefined,
        host,
    });
    await resolveSecretReferences(settings, secrets);
    // Started in run() already, unless its connection string had to wait for the secret references.
    if (telemetry === noTelemetry && settings.features.telemetry && telemetryWaitedForSecrets)
        telemetry = await startTelemetry(host, settings, deploymentId);
    const audit = await openAudit(host, deploymentId, tokens);
    const client = fabricClient(host, cloud, tokens, deploymentId, {
        ...clientResilience(settings),
        onEvent: fanOut(telemetryEventSink(telemetry), countItemRetries),
    });
    const directory = new Directory({
        graphUrl: cloud.graphUrl,
        tokenFor: (scope) => tokens.tokenFor(scope),
    });
    return {
        host,
        log: host.log,
        settings,
        deploymentId,
        startedAt,
        tokens,
        client,
        telemetry,
        audit,
        directory,
        secrets,
    };
}
/** Feature flags and `resilience:` settings → the client's pipeline options (absent keys keep its defaults). */
function clientResilience(settings) {
    const r = settings.config.resilience ?? {};
    return defined({
        retry: settings.features.retry ? defined({ retries: r.retries, baseDelayMs: r.baseDelayMs }) : false,
        circuitBreaker: settings.features.circuitBreaker
            ? defined({
                failureThreshold: r.breakerThreshold,
                resetTimeoutMs: r.breakerResetSeconds === undefined ? undefined : r.breakerResetSeconds * 1000,
            })
            : false,
        rateLimit: r.rateLimitPerMinute === undefined ? undefined : { quota: r.rateLimitPerMinute },
        timeoutMs: r.timeoutMs,
        lroTimeoutMs: r.lroTimeoutMinutes === undefined ? undefined : r.lroTimeoutMinutes * 60_000,
    });
}
function defined(o) {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
/**
 * `${secret:NAME}` in the sign-in inputs: resolved before signing in, so from the environment (and `.env`
 * on the CLI) only — Key Vault itself needs the credential they make.
 */
async function resolveCredentialReferences(host, settings) {
    const i = settings.inputs;
    const keys = Object.keys(i).filter((k) => i[k]?.includes('${secret:') && k !== 'telemetryConnectionString' && k !== 'keyVaultUrl');
    if (keys.length === 0)
        return;
    const envOnly = new SecretManager({
        enabled: false,
        required: false,
        env: { ...process.env, ...host.secretVariables?.() },
        dotenvPath: host.kind === 'cli' ? external_node_path_default().join(settings.loaded.dir, '.env') : undefined,
        host,
    });
    for (const k of keys) {
        i[k] = await envOnly.resolveReferences(i[k], {
            field: k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()),
        });
    }
}
/** `${secret:NAME}` in config strings and in the telemetry connection string, masked once resolved. */
async function resolveSecretReferences(settings, secrets) {
    const walk = async (value, at) => {
        if (typeof value === 'string') {
            return value.includes('${secret:')
                ? secrets.resolveReferences(value, { field: at.join('.'), location: settings.loaded.locate(at) })
                : value;
        }
        if (Array.isArray(value))
            return Promise.all(value.map((v, n) => walk(v, [...at, n])));
        if (value && typeof value === 'object') {
            const out = {};
            for (const [k, v] of Object.entries(value))
                out[k] = await walk(v, [...at, k]);
            return out;
        }
        return value;
    };
    settings.config = (await walk(settings.config, []));
    // Values derived from the config before sign-in are derived again from the resolved config.
    settings.workspace.description = settings.config.workspace.description;
    if (settings.workspace.name !== undefined && settings.workspace.name.includes('${secret:')) {
        settings.workspace.name = settings.config.workspace.name;
    }
    const cs = settings.inputs.telemetryConnectionString;
    if (cs?.includes('${secret:')) {
        settings.inputs.telemetryConnectionString = await secrets.resolveReferences(cs, {
            field: 'telemetry-connection-string',
        });
    }
}
async function publish(host, report) {
    host.setOutput('workspace-id', report.workspace.id ?? '');
    host.setOutput('deployment-id', report.deploymentId);
    host.setOutput('result', report.result);
    host.setOutput('has-changes', String(report.hasChanges));
    host.setOutput('items', JSON.stringify(report.items.map((i) => ({ name: i.name, type: i.type, id: i.id, action: i.action }))));
    if (report.planFile)
        host.setOutput('plan-file', report.planFile);
    if (report.journalFile)
        host.setOutput('journal-file', report.journalFile);
    const file = await host.writeSummary(renderSummary(report));
    if (file)
        host.setOutput('summary-file', file);
}
/**
 * `fabric-deploy rollback --journal FILE`: undoes what a killed run left, from its journal alone (no
 * config file needed: only how to reach and sign in to Fabric).
 */
async function rollback(host, journal) {
    const deploymentId = (0,external_node_crypto_.randomUUID)();
    const startedAt = new Date();
    let audit = noAudit;
    try {
        const inputs = readConnectionInputs(host);
        const cloud = cloudOf(inputs);
        const tokens = await host.log.group('Sign in', () => signIn(host, inputs, cloud, process.cwd()));
        audit = await openAudit(host, deploymentId, tokens);
        const client = fabricClient(host, cloud, tokens, deploymentId);
        const report = await rollbackFromJournal({ host, log: host.log, client, audit, telemetry: noTelemetry, deploymentId, startedAt }, external_node_path_default().resolve(journal));
        await publish(host, report);
        if (audit.path)
            host.setOutput('audit-log', audit.path);
        host.setResult(report.result === 'failed' ? 'failed' : 'succeeded', report.error);
        return report;
    }
    catch (err) {
        reportFailure(host, err, deploymentId, audit);
        return undefined;
    }
    finally {
        await audit.close().catch(() => undefined);
    }
}
/**
 * `fabric-deploy serve-health --port N`: `/health` (liveness) and `/readiness` (the checks, cached) for
 * long-running agents. Resolves when the server is listening; `close()` stops it.
 */
async function serveHealthCommand(host, port, hostname) {
    const deploymentId = (0,external_node_crypto_.randomUUID)();
    try {
        const settings = resolveSettings(host);
        const cloud = cloudOf(settings.inputs);
        const ctx = await connect(host, settings, cloud, deploymentId, new Date(), noTelemetry);
        const server = await serveHealth({ port, host: hostname, checks: () => runHealthChecks(ctx) });
        host.log.info(`health endpoints: ${server.url}/health and ${server.url}/readiness`);
        return server;
    }
    catch (err) {
        reportFailure(host, err, deploymentId, noAudit);
        return undefined;
    }
}


/***/ })

};
