export const id = 5844;
export const ids = [5844];
export const modules = {

/***/ 55844:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// UNUSED EXPORTS: loadFaultsFile

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./node_modules/commander/esm.mjs
var esm = __webpack_require__(48179);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./src/simulator/errors.ts
/**
 * The official Fabric ErrorResponse and the statuses the simulator uses for each
 * code (fabric-api-notes §5 and §15: the spec documents no 4xx per code).
 */
class FabricError extends Error {
    status;
    errorCode;
    extra;
    constructor(status, errorCode, message, extra = {}) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.extra = extra;
    }
}
const notFound = (code, what) => new FabricError(404, code, `The requested ${what} was not found.`);
const insufficient = (message = 'The caller does not have sufficient permissions to perform this operation.') => new FabricError(403, 'InsufficientPrivileges', message);
const badRequest = (code, message, moreDetails) => new FabricError(400, code, message, moreDetails ? { moreDetails } : {});
function errorBody(err, requestId) {
    const body = { requestId, errorCode: err.errorCode, message: err.message };
    if (err.extra.moreDetails?.length)
        body.moreDetails = err.extra.moreDetails;
    if (err.extra.relatedResource)
        body.relatedResource = err.extra.relatedResource;
    if (err.extra.isRetriable !== undefined)
        body.isRetriable = err.extra.isRetriable;
    return body;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/simulator/http.ts

const MAX_BODY = 64 * 1024 * 1024;
async function readBody(req) {
    const chunks = [];
    let size = 0;
    for await (const c of req) {
        size += c.length;
        if (size > MAX_BODY)
            throw new Error('body too large');
        chunks.push(c);
    }
    let buf = Buffer.concat(chunks);
    const enc = String(req.headers['content-encoding'] ?? '').toLowerCase();
    if (enc === 'gzip')
        buf = (0,external_node_zlib_.gunzipSync)(buf);
    else if (enc === 'deflate')
        buf = (0,external_node_zlib_.inflateSync)(buf);
    return buf;
}
function writeReply(res, reply) {
    if (res.headersSent || res.destroyed)
        return;
    const headers = { ...(reply.headers ?? {}) };
    let payload;
    if (reply.raw !== undefined)
        payload = reply.raw;
    else if (reply.body !== undefined) {
        payload = JSON.stringify(reply.body);
        headers['Content-Type'] ??= 'application/json; charset=utf-8';
    }
    headers['Content-Length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload));
    res.writeHead(reply.status, headers);
    res.end(payload);
}
/** Parse a JSON body; undefined for an empty body, throws SyntaxError on garbage. */
function parseJson(buf) {
    const text = buf.toString('utf8').replace(/^\uFEFF/, '');
    if (!text.trim())
        return undefined;
    return JSON.parse(text);
}

;// CONCATENATED MODULE: ./src/simulator/router.ts
/**
 * A tiny method + path-template router. Templates use the spec's `{param}`
 * syntax; literal segments beat parameters (so `/items/bulkMove` wins over
 * `/items/{itemId}`), and a route may pin query parameters (the spec's
 * `…/staging/publish?beta=false` path keys).
 */
class Router {
    routes = [];
    add(method, templateWithQuery, handler) {
        const [template, q] = templateWithQuery.split('?');
        const segments = template.split('/').filter(Boolean);
        const fixedQuery = Object.fromEntries(new URLSearchParams(q ?? ''));
        this.routes.push({
            method: method.toUpperCase(),
            template: templateWithQuery,
            segments,
            fixedQuery,
            handler,
            rank: segments.map((s) => (s.startsWith('{') ? 1 : 0)),
        });
        this.routes.sort((a, b) => compareRank(a, b));
        return this;
    }
    /** Every registered `METHOD template` (templates as given to add()). */
    keys() {
        return this.routes.map((r) => `${r.method} ${r.template}`);
    }
    /** `allowed` lists the methods the path supports, for 405-ish answers. */
    match(method, path, query) {
        const segs = path.split('/').filter(Boolean).map(safeDecode);
        let pathExists = false;
        for (const r of this.routes) {
            if (r.segments.length !== segs.length)
                continue;
            const params = {};
            let ok = true;
            for (let i = 0; i < segs.length && ok; i++) {
                const t = r.segments[i];
                if (t.startsWith('{'))
                    params[t.slice(1, -1)] = segs[i];
                else
                    ok = t.toLowerCase() === segs[i].toLowerCase();
            }
            if (!ok)
                continue;
            for (const [k, v] of Object.entries(r.fixedQuery)) {
                // A missing pinned parameter falls through to a later, unpinned route.
                if ((query.get(k) ?? '').toLowerCase() !== v.toLowerCase())
                    ok = false;
            }
            if (!ok)
                continue;
            pathExists = true;
            if (r.method !== method.toUpperCase())
                continue;
            return { match: { handler: r.handler, params, template: r.template }, pathExists };
        }
        return { pathExists };
    }
}
function compareRank(a, b) {
    // Only routes of equal length compete; order by length first to keep the comparator consistent.
    if (a.rank.length !== b.rank.length)
        return a.rank.length - b.rank.length;
    const n = a.rank.length;
    for (let i = 0; i < n; i++)
        if (a.rank[i] !== b.rank[i])
            return a.rank[i] - b.rank[i];
    // Routes pinning query parameters are tried first.
    return Object.keys(b.fixedQuery).length - Object.keys(a.fixedQuery).length;
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/simulator/jwt.ts
/**
 * RS256 JWTs with node:crypto only. The simulator signs every token it issues with
 * its own key; Fabric, Key Vault and Graph accept only tokens that verify with it.
 */

const b64url = (b) => Buffer.from(b).toString('base64url');
function decodeJwt(token) {
    const parts = token.split('.');
    if (parts.length !== 3)
        return undefined;
    try {
        const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
        const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
        if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object')
            return undefined;
        return {
            header,
            payload,
            signingInput: `${parts[0]}.${parts[1]}`,
            signature: Buffer.from(parts[2], 'base64url'),
        };
    }
    catch {
        return undefined;
    }
}
function signJwt(payload, key, header = {}) {
    const h = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...header }));
    const p = b64url(JSON.stringify(payload));
    const s = (0,external_node_crypto_.createSign)('RSA-SHA256').update(`${h}.${p}`).sign(key);
    return `${h}.${p}.${b64url(s)}`;
}
/** Verifies RS256 (and PS256, which msal-node may use for certificate assertions). */
function verifyJwtSignature(parts, key) {
    const pub = key instanceof external_node_crypto_.X509Certificate ? key.publicKey : key;
    try {
        if (parts.header.alg === 'RS256')
            return (0,external_node_crypto_.createVerify)('RSA-SHA256').update(parts.signingInput).verify(pub, parts.signature);
        if (parts.header.alg === 'PS256')
            return (0,external_node_crypto_.createVerify)('RSA-SHA256')
                .update(parts.signingInput)
                .verify({ key: pub, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 }, parts.signature);
        return false;
    }
    catch {
        return false;
    }
}
let sharedKey;
/** One signing key per process unless a persisted one is given (keeps start-up fast in test suites). */
function processSigningKey() {
    sharedKey ??= newSigningKey();
    return sharedKey;
}
function newSigningKey(pem) {
    const { privateKey, publicKey } = pem
        ? (() => {
            const k = (0,external_node_crypto_.createPrivateKey)(pem);
            return { privateKey: k, publicKey: (0,external_node_crypto_.createPublicKey)(k) };
        })()
        : (0,external_node_crypto_.generateKeyPairSync)('rsa', { modulusLength: 2048 });
    const kid = (0,external_node_crypto_.createHash)('sha256')
        .update(publicKey.export({ type: 'spki', format: 'der' }))
        .digest('base64url')
        .slice(0, 27);
    return { privateKey, publicKey, kid };
}
/** The key as a JWK for the OpenID jwks_uri. */
function publicJwk(k) {
    const jwk = k.publicKey.export({ format: 'jwk' });
    return { kty: 'RSA', use: 'sig', kid: k.kid, n: jwk.n, e: jwk.e };
}

;// CONCATENATED MODULE: ./src/simulator/state.ts
const DEFAULTS = {
    tenantId: '5b4c6f7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
    /** The user every ready-made token (CLI, issueToken()) belongs to. */
    adminUser: {
        id: 'a11ce000-0000-4000-8000-00000000a001',
        userPrincipalName: 'admin@contoso.onmicrosoft.com',
        displayName: 'Sim Admin',
    },
    viewerUser: {
        id: 'b0b00000-0000-4000-8000-00000000b002',
        userPrincipalName: 'bob@contoso.onmicrosoft.com',
        displayName: 'Bob Viewer',
    },
    otherUser: {
        id: 'c4a71e00-0000-4000-8000-00000000c003',
        userPrincipalName: 'carol@contoso.onmicrosoft.com',
        displayName: 'Carol Contributor',
    },
    /** The deploy app registration (client credentials flows). */
    deployApp: {
        clientId: 'd3b10e00-0000-4000-8000-0000000000d1',
        servicePrincipalId: 'd3b10e00-0000-4000-8000-0000000005d1',
        displayName: 'fabric-deploy-sim',
        secret: 'sim-client-secret',
    },
    /** The GitHub Actions OIDC subject the deploy app trusts out of the box. */
    federated: {
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'repo:contoso/fabric-project:ref:refs/heads/main',
        audience: 'api://AzureADTokenExchange',
    },
    managedIdentity: {
        clientId: 'e1e1e100-0000-4000-8000-0000000000e1',
        principalId: 'e1e1e100-0000-4000-8000-0000000005e1',
        displayName: 'fabric-deploy-mi',
    },
    groups: {
        admins: { id: 'f0000000-0000-4000-8000-0000000000f1', displayName: 'Fabric Admins' },
        engineers: { id: 'f0000000-0000-4000-8000-0000000000f2', displayName: 'Data Engineers' },
    },
    capacities: {
        production: 'c0000000-0000-4000-8000-000000000064',
        dev: 'c0000000-0000-4000-8000-000000000002',
        paused: 'c0000000-0000-4000-8000-000000000004',
    },
    gitConnections: {
        github: '9c000000-0000-4000-8000-00000000a001',
        azureDevOps: '9c000000-0000-4000-8000-00000000a002',
    },
    vaultName: 'sim-vault',
};
const ROLE_RANK = { Viewer: 1, Contributor: 2, Member: 3, Admin: 4 };
const ROLES = ['Admin', 'Member', 'Contributor', 'Viewer'];
function defaultCapacities() {
    const list = [
        {
            id: DEFAULTS.capacities.production,
            displayName: 'F64 Production',
            sku: 'F64',
            region: 'West Europe',
            state: 'Active',
        },
        { id: DEFAULTS.capacities.dev, displayName: 'F2 Dev', sku: 'F2', region: 'West Europe', state: 'Active' },
        {
            id: DEFAULTS.capacities.paused,
            displayName: 'F4 Paused',
            sku: 'F4',
            region: 'North Europe',
            state: 'Inactive',
        },
    ];
    return Object.fromEntries(list.map((c) => [c.id, c]));
}
function createInitialState() {
    const d = DEFAULTS;
    return {
        version: 1,
        tenantId: d.tenantId,
        workspaces: {},
        items: {},
        folders: {},
        sparkPools: {},
        capacities: defaultCapacities(),
        operations: {},
        nameReservations: [],
        gitRemotes: {},
        gitConnections: {
            [d.gitConnections.github]: {
                id: d.gitConnections.github,
                displayName: 'GitHub PAT (sim)',
                gitProviderType: 'GitHub',
            },
            [d.gitConnections.azureDevOps]: {
                id: d.gitConnections.azureDevOps,
                displayName: 'Azure DevOps Source Control (sim)',
                gitProviderType: 'AzureDevOps',
            },
        },
        directory: {
            users: [
                { ...d.adminUser, mail: d.adminUser.userPrincipalName },
                { ...d.viewerUser, mail: d.viewerUser.userPrincipalName },
                { ...d.otherUser, mail: d.otherUser.userPrincipalName },
                {
                    id: 'a0e57000-0000-4000-8000-0000000000a4',
                    userPrincipalName: 'guest_fabrikam.com#EXT#@contoso.onmicrosoft.com',
                    displayName: 'Guest User',
                },
            ],
            groups: [
                { ...d.groups.admins, securityEnabled: true, mailEnabled: false, members: [d.adminUser.id] },
                { ...d.groups.engineers, securityEnabled: true, mailEnabled: false, members: [d.otherUser.id] },
            ],
            servicePrincipals: [
                {
                    id: d.deployApp.servicePrincipalId,
                    appId: d.deployApp.clientId,
                    displayName: d.deployApp.displayName,
                },
                {
                    id: d.managedIdentity.principalId,
                    appId: d.managedIdentity.clientId,
                    displayName: d.managedIdentity.displayName,
                },
            ],
        },
        apps: [
            {
                clientId: d.deployApp.clientId,
                displayName: d.deployApp.displayName,
                servicePrincipalId: d.deployApp.servicePrincipalId,
                secrets: [d.deployApp.secret],
                certificates: [],
                federatedCredentials: [{ ...d.federated, name: 'github-main' }],
            },
        ],
        managedIdentities: [{ ...d.managedIdentity }],
        vaults: { [d.vaultName]: {} },
        tenantSettings: { servicePrincipalsCanUseFabricApis: true, servicePrincipalsCanCreateWorkspaces: true },
        telemetry: [],
    };
}
/** Effective workspace role of a caller: direct assignment or through group membership. */
function effectiveRole(state, ws, oid) {
    if (!oid)
        return undefined;
    let best;
    const groupsOf = new Set(state.directory.groups.filter((g) => g.members.includes(oid)).map((g) => g.id));
    for (const ra of ws.roles) {
        const applies = ra.principal.id === oid || (ra.principal.type === 'Group' && groupsOf.has(ra.principal.id));
        if (applies && (!best || ROLE_RANK[ra.role] > ROLE_RANK[best]))
            best = ra.role;
    }
    return best;
}
/** Merge a partial seed (POST /_sim/state) into the state: arrays are appended/replaced by id, maps merged. */
function mergeSeed(state, seed) {
    const mergeById = (list, add, key = 'id') => {
        for (const x of add ?? []) {
            const i = list.findIndex((y) => y[key] === x[key]);
            if (i >= 0)
                list[i] = { ...list[i], ...x };
            else
                list.push(x);
        }
    };
    for (const k of [
        'workspaces',
        'items',
        'folders',
        'sparkPools',
        'capacities',
        'gitRemotes',
        'gitConnections',
    ]) {
        const v = seed[k];
        if (!v)
            continue;
        const target = state[k];
        const entries = Array.isArray(v) ? v.map((x) => [x.id, x]) : Object.entries(v);
        for (const [id, rec] of entries)
            target[id] = { ...(target[id] ?? {}), ...rec, ...(rec.id || Array.isArray(v) ? {} : { id }) };
    }
    if (seed.directory) {
        mergeById(state.directory.users, seed.directory.users);
        mergeById(state.directory.groups, seed.directory.groups);
        mergeById(state.directory.servicePrincipals, seed.directory.servicePrincipals);
    }
    // Backward-friendly aliases: top-level users/groups/servicePrincipals.
    mergeById(state.directory.users, seed.users);
    mergeById(state.directory.groups, seed.groups);
    mergeById(state.directory.servicePrincipals, seed.servicePrincipals);
    if (seed.apps) {
        for (const a of seed.apps) {
            const app = { secrets: [], certificates: [], federatedCredentials: [], displayName: a.clientId, ...a };
            if (!app.servicePrincipalId)
                app.servicePrincipalId = a.clientId;
            mergeById(state.apps, [app], 'clientId');
            if (!state.directory.servicePrincipals.some((s) => s.appId === app.clientId)) {
                state.directory.servicePrincipals.push({
                    id: app.servicePrincipalId,
                    appId: app.clientId,
                    displayName: app.displayName,
                });
            }
        }
    }
    if (seed.managedIdentities)
        mergeById(state.managedIdentities, seed.managedIdentities, 'clientId');
    if (seed.vaults) {
        for (const [vault, secrets] of Object.entries(seed.vaults)) {
            state.vaults[vault] ??= {};
            Object.assign(state.vaults[vault], secrets);
        }
    }
    if (seed.tenantSettings)
        Object.assign(state.tenantSettings, seed.tenantSettings);
    // Workspaces seeded without the bookkeeping fields get sensible defaults.
    for (const ws of Object.values(state.workspaces)) {
        ws.description ??= '';
        ws.type ??= 'Workspace';
        ws.roles ??= [];
        ws.gitCredentials ??= {};
        ws.capacityAssignmentProgress ??= 'Completed';
        ws.createdTime ??= new Date().toISOString();
    }
}

;// CONCATENATED MODULE: ./src/simulator/auth.ts



const FABRIC_AUDIENCES = [
    'https://api.fabric.microsoft.com',
    'https://analysis.windows.net/powerbi/api',
];
const VAULT_AUDIENCE = 'https://vault.azure.net';
const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
function issuerFor(tid) {
    return `https://sts.windows.net/${tid}/`;
}
/** Mint a token the simulator's resource servers accept. */
function mintToken(key, tenantId, claims = {}) {
    const now = Math.floor(Date.now() / 1000);
    const tid = claims.tid ?? tenantId;
    const isApp = !!claims.appid && !claims.upn;
    const oid = claims.oid ?? (isApp ? claims.appid : DEFAULTS.adminUser.id);
    const upn = isApp
        ? undefined
        : (claims.upn ?? (oid === DEFAULTS.adminUser.id ? DEFAULTS.adminUser.userPrincipalName : undefined));
    const exp = now + (claims.expiresInSeconds ?? 3600);
    const payload = {
        aud: claims.aud ?? FABRIC_AUDIENCES[0],
        iss: issuerFor(tid),
        iat: now,
        nbf: Math.min(now, exp) - 1,
        exp,
        tid,
        oid,
        sub: oid,
        idtyp: isApp ? 'app' : 'user',
        ver: '1.0',
    };
    if (claims.appid)
        payload.appid = claims.appid;
    else
        payload.appid = '1950a258-227b-4e31-a9cf-717495945fc2'; // a public client id, as user tokens from Azure CLI carry
    if (upn)
        payload.upn = upn;
    return signJwt(payload, key.privateKey, { kid: key.kid });
}
function authenticate(req, key, state, audiences) {
    const h = req.headers.authorization;
    if (!h || !h.trim())
        throw new FabricError(401, 'TokenIsMissing', 'Access token is missing. Provide a bearer token in the Authorization header.');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    if (!m)
        throw new FabricError(401, 'InvalidToken', 'The Authorization header must use the Bearer scheme.');
    const parts = decodeJwt(m[1]);
    if (!parts || !verifyJwtSignature(parts, key.publicKey))
        throw new FabricError(401, 'InvalidToken', 'Access token is invalid.');
    const p = parts.payload;
    const now = Date.now() / 1000;
    if (typeof p.exp !== 'number' || p.exp <= now)
        throw new FabricError(401, 'TokenExpired', 'Access token has expired, resubmit with a new access token.');
    if (typeof p.nbf === 'number' && p.nbf > now + 300)
        throw new FabricError(401, 'InvalidToken', 'Access token is not yet valid.');
    const aud = String(p.aud ?? '').replace(/\/$/, '');
    if (!audiences.includes(aud))
        throw new FabricError(401, 'InvalidToken', `Access token audience '${aud}' is not valid for this resource.`);
    if (p.tid !== state.tenantId)
        throw new FabricError(401, 'InvalidToken', 'Access token was issued for another tenant.');
    if (typeof p.oid !== 'string')
        throw new FabricError(401, 'InvalidToken', 'Access token has no oid claim.');
    const isServicePrincipal = p.idtyp === 'app';
    if (isServicePrincipal &&
        !state.tenantSettings.servicePrincipalsCanUseFabricApis &&
        audiences.includes(FABRIC_AUDIENCES[0]))
        throw new FabricError(401, 'Unauthorized', 'Service principals are not allowed to use Fabric APIs in this tenant.');
    return { oid: p.oid, tid: p.tid, appid: p.appid, upn: p.upn, isServicePrincipal };
}

;// CONCATENATED MODULE: ./src/simulator/profiles.ts
/** Server-side LRO durations recorded in a real deployment (ms). */
const REALISTIC_LRO_MS = {
    Notebook: 1000,
    Report: 1200,
    Warehouse: 12300,
    SemanticModel: 13100,
    SQLDatabase: 18500,
    Eventstream: 19800,
    KQLDatabase: 30000,
    Ontology: 61000,
};
const REALISTIC_MEDIAN_LRO_MS = 9700;
/** Types the real service created synchronously (201) in the recorded trace (fabric-cicd-notes §2.7). */
const REALISTIC_SYNC_CREATE_TYPES = [
    'DataBuildToolJob',
    'DataPipeline',
    'Dataflow',
    'KQLQueryset',
    'Lakehouse',
    'MirroredDatabase',
    'PaginatedReport',
    'Reflex',
];
function resolveConfig(o) {
    const profile = o.profile ?? 'fast';
    const realistic = profile === 'realistic';
    const timeScale = o.timeScale ?? 1;
    const scaled = (ms) => Math.round(ms * timeScale);
    const rate = o.rateLimitPerMinute ?? (realistic ? 200 : Infinity);
    return {
        profile,
        pageSize: Math.max(1, o.pageSize ?? 100),
        seed: o.seed ?? 42,
        timeScale,
        rateLimitPerMinute: rate,
        lroRateLimitPerMinute: o.lroRateLimitPerMinute ?? rate,
        retryAfterSeconds: o.retryAfterSeconds ?? (realistic ? Math.max(0, Math.round(20 * timeScale)) : 0),
        environmentPublishRetryAfterSeconds: o.retryAfterSeconds ?? (realistic ? Math.max(0, Math.round(120 * timeScale)) : 0),
        syncCreateTypes: o.syncCreateTypes ?? (realistic ? [...REALISTIC_SYNC_CREATE_TYPES] : []),
        nameReservationMs: o.nameReservationMs ?? (realistic ? scaled(60_000) : 500),
        requireCapacity: o.requireCapacity ?? false,
        validateRequests: o.validateRequests ?? true,
        latencyMs: realistic ? [scaled(20), scaled(60)] : [0, 0],
        lroDelayMs: o.lroDelayMs ?? (realistic ? undefined : 15),
        sqlEndpointProvisionMs: realistic ? scaled(8000) : 20,
        capacityAssignMs: realistic ? scaled(5000) : 20,
        environmentPublishMs: realistic ? scaled(60_000) : 20,
        tokenLifetimeSeconds: 3600,
        quiet: o.quiet ?? false,
    };
}
/** LRO duration for an operation on an item type. */
function lroDurationMs(cfg, itemType) {
    if (cfg.lroDelayMs !== undefined)
        return cfg.lroDelayMs;
    const base = (itemType ? REALISTIC_LRO_MS[itemType] : undefined) ?? REALISTIC_MEDIAN_LRO_MS;
    return Math.round(base * cfg.timeScale);
}

;// CONCATENATED MODULE: ./src/simulator/ids.ts
/** Small id/time helpers shared by every module. */

const uuid = () => (0,external_node_crypto_.randomUUID)();
const nowIso = (t = Date.now()) => new Date(t).toISOString();
const sha1Hex = (s) => (0,external_node_crypto_.createHash)('sha1').update(s).digest('hex');
const randomSha1 = () => (0,external_node_crypto_.randomBytes)(20).toString('hex');
/** Deterministic PRNG (mulberry32) so fault probabilities and jitter are reproducible with a seed. */
function seededRandom(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

;// CONCATENATED MODULE: ./src/simulator/operations.ts


class Operations {
    sim;
    work = new Map();
    cleanups = new Map();
    timers = new Map();
    constructor(sim) {
        this.sim = sim;
    }
    /** Start an LRO for this request and build the 202 reply. */
    start(ctx, spec) {
        const now = Date.now();
        const op = {
            id: uuid(),
            status: 'NotStarted',
            createdTimeUtc: nowIso(now),
            lastUpdatedTimeUtc: nowIso(now),
            startAt: now,
            doneAt: now + Math.max(0, spec.durationMs),
            kind: spec.kind,
            ownerOid: ctx.identity.oid,
            retryAfter: spec.retryAfter,
            hasResult: spec.hasResult,
            failWith: ctx.lroFail,
        };
        this.sim.state.operations[op.id] = op;
        this.work.set(op.id, spec.apply);
        if (spec.cleanup)
            this.cleanups.set(op.id, spec.cleanup);
        const t = setTimeout(() => this.complete(op.id), Math.max(0, spec.durationMs));
        t.unref();
        this.timers.set(op.id, t);
        this.sim.changed();
        return { status: 202, headers: this.headers(op, this.stateUrl(op.id)) };
    }
    stateUrl(id) {
        return `${this.sim.url}/v1/operations/${id}`;
    }
    headers(op, location) {
        const h = { 'x-ms-operation-id': op.id, 'Retry-After': String(op.retryAfter) };
        if (location)
            h.Location = location;
        return h;
    }
    /** Apply the work if its time has come (timers may lag behind a fast poller). */
    settle(op) {
        if ((op.status === 'NotStarted' || op.status === 'Running') && Date.now() >= op.doneAt)
            this.complete(op.id);
    }
    complete(id) {
        const op = this.sim.state.operations[id];
        const t = this.timers.get(id);
        if (t)
            clearTimeout(t);
        this.timers.delete(id);
        if (!op || op.status === 'Succeeded' || op.status === 'Failed')
            return;
        const work = this.work.get(id);
        this.work.delete(id);
        const cleanup = this.cleanups.get(id);
        this.cleanups.delete(id);
        cleanup?.();
        op.lastUpdatedTimeUtc = nowIso();
        if (op.failWith) {
            op.status = 'Failed';
            op.error = { errorCode: op.failWith.errorCode, message: op.failWith.message };
        }
        else if (!work) {
            // Lost across a restart: the work closure is not persisted.
            op.status = 'Failed';
            op.error = {
                errorCode: 'OperationInterrupted',
                message: 'The simulator restarted while the operation was running.',
            };
        }
        else {
            try {
                const result = work();
                op.status = 'Succeeded';
                if (op.hasResult)
                    op.result = result;
            }
            catch (e) {
                op.status = 'Failed';
                op.error =
                    e instanceof FabricError
                        ? { errorCode: e.errorCode, message: e.message }
                        : { errorCode: 'InternalError', message: e.message };
            }
        }
        this.sim.changed();
    }
    /** GET /v1/operations/{id} */
    getState(ctx) {
        const op = this.find(ctx);
        this.settle(op);
        const now = Date.now();
        if (op.status === 'NotStarted' || op.status === 'Running') {
            const span = Math.max(1, op.doneAt - op.startAt);
            const f = (now - op.startAt) / span;
            op.status = f < 0.05 ? 'NotStarted' : 'Running';
            const body = {
                status: op.status,
                createdTimeUtc: op.createdTimeUtc,
                lastUpdatedTimeUtc: nowIso(now),
                percentComplete: Math.min(99, Math.max(0, Math.floor(f * 100))),
            };
            return { status: 200, body, headers: this.headers(op, this.stateUrl(op.id)) };
        }
        const body = {
            status: op.status,
            createdTimeUtc: op.createdTimeUtc,
            lastUpdatedTimeUtc: op.lastUpdatedTimeUtc,
            percentComplete: 100,
        };
        if (op.status === 'Failed' && op.error)
            body.error = { ...op.error, requestId: ctx.requestId };
        // On success with a result Location points at /result; without a result it is left out.
        const location = op.status === 'Succeeded' && op.hasResult ? `${this.stateUrl(op.id)}/result` : undefined;
        const headers = this.headers(op, location);
        if (op.status !== 'Succeeded' || !op.hasResult)
            delete headers['Retry-After'];
        return { status: 200, body, headers };
    }
    /** GET /v1/operations/{id}/result */
    getResult(ctx) {
        const op = this.find(ctx);
        this.settle(op);
        if (op.status !== 'Succeeded')
            throw new FabricError(400, 'OperationNotSucceeded', `The operation is in state ${op.status}; it has no result.`);
        if (!op.hasResult)
            throw new FabricError(400, 'OperationHasNoResult', 'The operation has no result.');
        return { status: 200, body: op.result ?? {}, headers: { 'x-ms-operation-id': op.id } };
    }
    find(ctx) {
        const op = this.sim.state.operations[ctx.params.operationId ?? ''];
        // Only the identity that started an operation can see it.
        if (!op || (op.ownerOid && op.ownerOid !== ctx.identity.oid))
            throw new FabricError(404, 'OperationNotFound', 'The requested operation was not found.');
        return op;
    }
    /** Stop timers (close). Pending operations stay pending in the state. */
    stop() {
        for (const t of this.timers.values())
            clearTimeout(t);
        this.timers.clear();
        for (const c of this.cleanups.values())
            c();
        this.cleanups.clear();
    }
    /** After loading persisted state: operations whose work was lost end Failed when polled. */
    adoptLoaded() {
        for (const op of Object.values(this.sim.state.operations)) {
            if (op.status === 'NotStarted' || op.status === 'Running')
                op.doneAt = Math.min(op.doneAt, Date.now());
        }
    }
}

;// CONCATENATED MODULE: ./src/simulator/throttle.ts
/**
 * Per-identity token buckets (Fabric "Unified Quota": independent buckets per
 * identity; platform APIs 200 calls/min; operation polling has its own bucket).
 * The window scales with timeScale so benchmarks keep the same shape.
 */
class Throttle {
    limits;
    windowMs;
    buckets = new Map();
    constructor(limits, windowMs) {
        this.limits = limits;
        this.windowMs = windowMs;
    }
    setLimits(limits) {
        Object.assign(this.limits, limits);
        this.buckets.clear();
    }
    /** Take one token; returns 0 when allowed, else the seconds to wait (≥1). */
    take(identity, bucket, now = Date.now()) {
        const limit = this.limits[bucket];
        if (!Number.isFinite(limit) || limit <= 0)
            return 0;
        const key = `${bucket}:${identity}`;
        const ratePerMs = limit / this.windowMs;
        const b = this.buckets.get(key) ?? { tokens: limit, last: now };
        b.tokens = Math.min(limit, b.tokens + (now - b.last) * ratePerMs);
        b.last = now;
        this.buckets.set(key, b);
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        const waitMs = (1 - b.tokens) / ratePerMs;
        return Math.max(1, Math.ceil(waitMs / 1000));
    }
    reset() {
        this.buckets.clear();
    }
}

;// CONCATENATED MODULE: ./src/simulator/faults.ts

class Faults {
    random;
    rules = [];
    constructor(random) {
        this.random = random;
    }
    add(rule) {
        validateRule(rule);
        const r = { ...rule, id: rule.id ?? uuid(), hits: 0 };
        this.rules.push(r);
        return r;
    }
    clear(id) {
        this.rules = id ? this.rules.filter((r) => r.id !== id) : [];
    }
    /** The first live rule matching the request, consuming one use of it. */
    match(method, path) {
        for (const r of this.rules) {
            if (r.times !== undefined && (r.hits ?? 0) >= r.times)
                continue;
            if (r.method && r.method.toUpperCase() !== method.toUpperCase())
                continue;
            if (!pathMatches(r.path, path))
                continue;
            if (r.probability !== undefined && this.random() >= r.probability)
                continue;
            r.hits = (r.hits ?? 0) + 1;
            return r;
        }
        return undefined;
    }
}
const cache = new Map();
function pathMatches(pattern, path) {
    let re = cache.get(pattern);
    if (!re) {
        re = compilePattern(pattern);
        cache.set(pattern, re);
    }
    return re.test(path);
}
function compilePattern(p) {
    if (p.length > 1 && p.startsWith('/') && p.endsWith('/') && !p.includes('*'))
        return new RegExp(p.slice(1, -1));
    if (p.startsWith('^'))
        return new RegExp(p);
    // Glob: `**` spans segments, `*` stays within one; trailing slash optional.
    let src = '';
    for (let i = 0; i < p.length; i++) {
        const c = p[i];
        if (c === '*' && p[i + 1] === '*') {
            src += '.*';
            i++;
        }
        else if (c === '*')
            src += '[^/]*';
        else if (c === '?')
            src += '[^/]';
        else
            src += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${src}/?$`, 'i');
}
const FAULT_KINDS = ['status', 'reset', 'dropResponse', 'delayMs', 'lroFail', 'hang'];
function validateRule(r) {
    if (!r || typeof r.path !== 'string' || !r.path)
        throw new Error('fault rule needs a "path"');
    const a = r.action;
    if (!a || typeof a !== 'object')
        throw new Error('fault rule needs an "action"');
    const kinds = FAULT_KINDS.filter((k) => k in a);
    if (kinds.length !== 1)
        throw new Error(`fault action must have exactly one of ${FAULT_KINDS.join(', ')}`);
    if ('delayMs' in a && (typeof a.delayMs !== 'number' || !Number.isFinite(a.delayMs) || a.delayMs < 0))
        throw new Error('fault delayMs must be a number ≥ 0');
    if ('after' in a && !('delayMs' in a))
        throw new Error('fault "after" only goes with delayMs');
    if ('after' in a && typeof a.after !== 'boolean')
        throw new Error('fault "after" must be true or false');
    if ('status' in a && (typeof a.status !== 'number' || a.status < 100 || a.status > 599))
        throw new Error('fault status must be 100..599');
    if (r.probability !== undefined && (r.probability < 0 || r.probability > 1))
        throw new Error('probability must be within 0..1');
    compilePattern(r.path);
}
/** For the request log: `status:503`, `reset`, `dropResponse`, `delayMs`, `delayMs:after`, `lroFail`, `hang`. */
function describeFault(r) {
    const a = r.action;
    const kind = FAULT_KINDS.find((k) => k in a) ?? Object.keys(a)[0];
    if (kind === 'status')
        return `status:${a.status}`;
    if (kind === 'delayMs' && a.after === true)
        return 'delayMs:after';
    return String(kind);
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/simulator/tls.ts
/**
 * Self-signed certificate for the HTTPS companions, built with node:crypto and
 * a hand-written DER encoder (Node has no certificate generation API and the
 * simulator must not depend on an `openssl` binary). The certificate is its own
 * CA (basicConstraints CA:TRUE) so NODE_EXTRA_CA_CERTS=<caCertPath> trusts it,
 * and it names 127.0.0.1 (IP SAN) and localhost.
 */




function len(n) {
    if (n < 0x80)
        return Buffer.from([n]);
    const bytes = [];
    while (n > 0) {
        bytes.unshift(n & 0xff);
        n >>= 8;
    }
    return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag, content) => Buffer.concat([Buffer.from([tag]), len(content.length), content]);
const seq = (...items) => tlv(0x30, Buffer.concat(items));
const set = (...items) => tlv(0x31, Buffer.concat(items));
const tls_int = (b) => tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const bitString = (b, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const octets = (b) => tlv(0x04, b);
const utf8 = (s) => tlv(0x0c, Buffer.from(s, 'utf8'));
const bool = (v) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const explicit = (n, b) => tlv(0xa0 + n, b);
function oid(dotted) {
    const parts = dotted.split('.').map(Number);
    const out = [parts[0] * 40 + parts[1]];
    for (const p of parts.slice(2)) {
        const stack = [p & 0x7f];
        let v = Math.floor(p / 128);
        while (v > 0) {
            stack.unshift((v & 0x7f) | 0x80);
            v = Math.floor(v / 128);
        }
        out.push(...stack);
    }
    return tlv(0x06, Buffer.from(out));
}
function time(d) {
    const p = (n) => String(n).padStart(2, '0');
    const y = d.getUTCFullYear();
    const body = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
    // UTCTime up to 2049, GeneralizedTime after (RFC 5280 4.1.2.5).
    return y < 2050
        ? tlv(0x17, Buffer.from(`${String(y).slice(2)}${body}`))
        : tlv(0x18, Buffer.from(`${y}${body}`));
}
const ext = (id, critical, value) => critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
// Key generation costs ~100-300 ms per RSA key; simulators started in one process share a certificate.
let cached;
/** The process-wide simulator certificate, written to a fresh temp file for this caller. */
function simulatorCert() {
    cached ??= generateSelfSignedCert();
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'fabric-sim-'));
    const certPath = (0,external_node_path_.join)(dir, 'ca.pem');
    (0,external_node_fs_.writeFileSync)(certPath, cached.certPem);
    return { ...cached, certPath, dir };
}
function generateSelfSignedCert(commonName = 'Fabric Deploy Simulator') {
    const { privateKey, publicKey } = (0,external_node_crypto_.generateKeyPairSync)('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    const sigAlg = seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)));
    const name = seq(set(seq(oid('2.5.4.3'), utf8(commonName))), set(seq(oid('2.5.4.10'), utf8('Fabric Deploy'))));
    const serial = (0,external_node_crypto_.randomBytes)(16);
    serial[0] = serial[0] & 0x7f;
    const now = Date.now();
    // SubjectPublicKeyInfo.subjectPublicKey bits for the key identifier (RFC 5280 4.2.1.2 method 1).
    const ski = (0,external_node_crypto_.createHash)('sha1').update(spki).digest();
    const san = seq(tlv(0x82, Buffer.from('localhost')), tlv(0x87, Buffer.from([127, 0, 0, 1])));
    const extensions = seq(ext('2.5.29.19', true, seq(bool(true))), ext('2.5.29.15', true, bitString(Buffer.from([0xa4]), 2)), // digitalSignature, keyEncipherment, keyCertSign
    ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // serverAuth
    ext('2.5.29.17', false, san), ext('2.5.29.14', false, octets(ski)));
    const tbs = seq(explicit(0, tls_int(Buffer.from([2]))), // v3
    tls_int(serial), sigAlg, name, seq(time(new Date(now - 24 * 3600_000)), time(new Date(now + 825 * 24 * 3600_000))), name, Buffer.from(spki), tlv(0xa3, extensions));
    const signature = (0,external_node_crypto_.createSign)('RSA-SHA256').update(tbs).sign(privateKey);
    const der = seq(tbs, sigAlg, bitString(signature));
    const certPem = `-----BEGIN CERTIFICATE-----\n${der
        .toString('base64')
        .replace(/(.{64})/g, '$1\n')
        .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
    const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // Sanity check with Node's own parser: fails loudly if the encoding is wrong.
    const x = new external_node_crypto_.X509Certificate(certPem);
    if (!x.checkIP('127.0.0.1') || !x.checkHost('localhost'))
        throw new Error('generated certificate does not cover 127.0.0.1/localhost');
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'fabric-sim-'));
    const certPath = (0,external_node_path_.join)(dir, 'ca.pem');
    (0,external_node_fs_.writeFileSync)(certPath, certPem);
    return { certPem, keyPem, certPath, dir };
}

;// CONCATENATED MODULE: ./src/simulator/paging.ts
/**
 * Continuation-token paging (fabric-api-notes §4). Tokens are base64url JSON
 * carrying the offset, the list they belong to and the filters of the first
 * request, so filters survive when a client follows continuationUri.
 * Both continuation properties are ABSENT on the last page.
 */

function readPage(listKey, query, filterNames) {
    const raw = query.get('continuationToken');
    if (raw === null || raw === '') {
        const filters = {};
        for (const n of filterNames) {
            const v = query.get(n);
            if (v !== null)
                filters[n] = v;
        }
        return { offset: 0, filters };
    }
    const body = decodeToken(raw);
    if (!body || body.l !== listKey)
        throw badRequest('InvalidContinuationToken', 'The continuation token is not valid.');
    return { offset: body.o, filters: body.f };
}
function decodeToken(raw) {
    const candidates = [raw];
    try {
        const dec = decodeURIComponent(raw);
        if (dec !== raw)
            candidates.push(dec);
    }
    catch { }
    for (const c of candidates) {
        try {
            const b = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
            if (b && Number.isInteger(b.o) && b.o >= 0 && typeof b.l === 'string' && b.f && typeof b.f === 'object')
                return b;
        }
        catch { }
    }
    return undefined;
}
function encodeToken(b) {
    return Buffer.from(JSON.stringify(b)).toString('base64url');
}
/**
 * Cut a page out of `all`. `selfUrl` is the absolute URL of the list (without query);
 * the continuationUri carries only the token, as the service's examples do.
 */
function page(all, req, pageSize, listKey, selfUrl) {
    const value = all.slice(req.offset, req.offset + pageSize);
    const next = req.offset + pageSize;
    if (next >= all.length)
        return { value };
    const token = encodeToken({ o: next, l: listKey, f: req.filters });
    return { value, continuationToken: token, continuationUri: `${selfUrl}?continuationToken=${token}` };
}

;// CONCATENATED MODULE: ./src/simulator/fabric/access.ts


function workspaceFor(ctx, minRole, what = 'perform this operation') {
    const ws = ctx.sim.state.workspaces[(ctx.params.workspaceId ?? '').toLowerCase()];
    if (!ws)
        throw notFound('WorkspaceNotFound', 'workspace');
    settleWorkspace(ctx, ws);
    const role = effectiveRole(ctx.sim.state, ws, ctx.identity.oid);
    if (!role)
        throw insufficient('The caller does not have access to the workspace.');
    if (ROLE_RANK[role] < ROLE_RANK[minRole])
        throw insufficient(`The caller's workspace role '${role}' is not sufficient to ${what}; '${minRole}' or higher is required.`);
    return { ws, role };
}
/** Finish a capacity assignment whose time has come. */
function settleWorkspace(ctx, ws) {
    if (ws.capacityAssignmentProgress === 'InProgress' && (ws.capacityAssignmentDoneAt ?? 0) <= Date.now()) {
        ws.capacityAssignmentProgress = 'Completed';
        delete ws.capacityAssignmentDoneAt;
        ctx.sim.changed();
    }
}
function itemIn(ctx, ws, id, type) {
    const item = ctx.sim.state.items[(id ?? '').toLowerCase()];
    if (!item || item.workspaceId !== ws.id || (type && item.type !== type))
        throw notFound('ItemNotFound', 'item');
    return item;
}
function folderIn(ctx, ws, id) {
    const f = ctx.sim.state.folders[(id ?? '').toLowerCase()];
    if (!f || f.workspaceId !== ws.id)
        throw notFound('FolderNotFound', 'folder');
    return f;
}
function requireObjectBody(ctx) {
    if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body))
        throw new FabricError(400, 'InvalidInput', 'The request body is required.', {
            moreDetails: [{ errorCode: 'InvalidParameter', message: 'A JSON object body is required.' }],
        });
    return ctx.body;
}
/** A boolean query value (`true`/`false`, any case); absent or empty → dflt; else 400 InvalidParameter. */
function boolValue(v, name, dflt) {
    if (v === null || v === undefined || v === '')
        return dflt;
    if (/^true$/i.test(v))
        return true;
    if (/^false$/i.test(v))
        return false;
    throw new FabricError(400, 'InvalidParameter', `The value '${v}' of parameter '${name}' is not a boolean.`);
}
const parseBool = (ctx, name, dflt) => boolValue(ctx.query.get(name), name, dflt);
const sameName = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

;// CONCATENATED MODULE: ./src/simulator/fabric/itemTypes.ts
/**
 * What the simulator knows about each item type: the ItemType enum of the spec
 * snapshot, typed collection names, definition support and required parts.
 */
const ITEM_TYPES = [
    'Dashboard',
    'Report',
    'SemanticModel',
    'PaginatedReport',
    'Datamart',
    'Lakehouse',
    'Eventhouse',
    'Environment',
    'KQLDatabase',
    'KQLQueryset',
    'KQLDashboard',
    'DataPipeline',
    'Notebook',
    'SparkJobDefinition',
    'MLExperiment',
    'MLModel',
    'Warehouse',
    'Eventstream',
    'SQLEndpoint',
    'MirroredWarehouse',
    'MirroredDatabase',
    'Reflex',
    'GraphQLApi',
    'MountedDataFactory',
    'SQLDatabase',
    'CopyJob',
    'VariableLibrary',
    'Dataflow',
    'ApacheAirflowJob',
    'WarehouseSnapshot',
    'DigitalTwinBuilder',
    'DigitalTwinBuilderFlow',
    'MirroredAzureDatabricksCatalog',
    'Map',
    'AnomalyDetector',
    'UserDataFunction',
    'GraphModel',
    'GraphQuerySet',
    'SnowflakeDatabase',
    'OperationsAgent',
    'CosmosDBDatabase',
    'Ontology',
    'EventSchemaSet',
    'DataAgent',
    'MirroredCatalog',
    'AppBackend',
    'OrgApp',
    'OrgAppAudience',
    'DataBuildToolJob',
    'AzureDatabricksStorage',
    'Plan',
];
const BY_LOWER = new Map(ITEM_TYPES.map((t) => [t.toLowerCase(), t]));
/** Canonical spelling of a type name (the service treats `type=notebook` like `Notebook`). */
function canonicalType(t) {
    return BY_LOWER.get(t.toLowerCase());
}
/** Power BI items live without a Fabric capacity and keep a workspace unassignable. */
const POWER_BI_TYPES = new Set([
    'Report',
    'SemanticModel',
    'Dashboard',
    'PaginatedReport',
    'Datamart',
]);
/** Created only as a side effect of another item (a lakehouse's SQL endpoint, …). */
const SYSTEM_TYPES = new Set(['SQLEndpoint', 'MirroredWarehouse', 'Dashboard', 'Datamart']);
/** Types that have no item definition (getDefinition → OperationNotSupportedForItem). */
const NO_DEFINITION_TYPES = new Set([
    'Warehouse',
    'SQLEndpoint',
    'Dashboard',
    'Datamart',
    'MirroredWarehouse',
    'WarehouseSnapshot',
    'MLExperiment',
    'MLModel',
]);
/** Types accepting a creationPayload. */
const CREATION_PAYLOAD_TYPES = new Set([
    'Lakehouse',
    'Warehouse',
    'KQLDatabase',
    'Eventhouse',
    'SQLDatabase',
    'WarehouseSnapshot',
    'MirroredAzureDatabricksCatalog',
]);
/** Types that cannot be created without a definition. */
const DEFINITION_REQUIRED_TYPES = new Set([
    'SemanticModel',
    'Report',
    'MirroredDatabase',
    'PaginatedReport',
]);
/** The typed collections with their own swagger in the spec snapshot. */
const TYPED_COLLECTIONS = {
    lakehouses: 'Lakehouse',
    notebooks: 'Notebook',
    semanticModels: 'SemanticModel',
    reports: 'Report',
    dataPipelines: 'DataPipeline',
    environments: 'Environment',
    warehouses: 'Warehouse',
};
/** `/{camelCaseType}s` for any type: KQLDatabase → kqlDatabases, SQLEndpoint → sqlEndpoints. */
function collectionName(type) {
    const m = /^([A-Z]+)([A-Z][a-z].*)$/.exec(type);
    const camel = m ? m[1].toLowerCase() + m[2] : type[0].toLowerCase() + type.slice(1);
    // English plurals as the service spells them: variableLibraries, ontologies, reflexes.
    if (/[^aeiou]y$/.test(camel))
        return `${camel.slice(0, -1)}ies`;
    if (/(x|s|ch|sh)$/.test(camel))
        return `${camel}es`;
    return `${camel}s`;
}
const COLLECTIONS = new Map([
    ...ITEM_TYPES.map((t) => [collectionName(t).toLowerCase(), t]),
    ...Object.entries(TYPED_COLLECTIONS).map(([k, v]) => [k.toLowerCase(), v]),
]);
function typeOfCollection(collection) {
    return COLLECTIONS.get(collection.toLowerCase());
}
const has = (re) => (paths) => paths.some((p) => re.test(p));
/** Required definition parts per type (the deploy-relevant ones; others only need well-formed parts). */
const REQUIRED_PARTS = {
    Notebook: {
        required: [
            {
                description: 'notebook-content.(py|ipynb|scala|r|sql)',
                test: has(/^notebook-content\.(py|ipynb|scala|r|sql)$/i),
            },
        ],
    },
    SemanticModel: {
        required: [
            { description: 'definition.pbism', test: has(/^definition\.pbism$/i) },
            { description: 'model.bim or definition/*.tmdl', test: has(/^(model\.bim|definition\/.+\.tmdl)$/i) },
        ],
    },
    Report: {
        required: [
            { description: 'definition.pbir', test: has(/^definition\.pbir$/i) },
            {
                description: 'report.json or definition/report.json',
                test: has(/^(report\.json|definition\/report\.json)$/i),
            },
        ],
    },
    DataPipeline: {
        required: [{ description: 'pipeline-content.json', test: has(/^pipeline-content\.json$/i) }],
    },
};
/** Definition formats the service accepts per type (absent = any). */
const FORMATS = {
    Notebook: ['ipynb', 'fabricGitSource'],
    SemanticModel: ['TMDL', 'TMSL'],
    Lakehouse: ['LakehouseDefinitionV1'],
    Report: ['PBIR', 'PBIR-Legacy'],
};

;// CONCATENATED MODULE: ./src/simulator/fabric/definitions.ts
/**
 * Item definitions: part validation (InvalidDefinitionParts / MissingDefinitionParts /
 * InvalidPlatformFile), the generated `.platform` returned by getDefinition, and
 * a content hash used by the Git model.
 */



const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
function validateDefinition(type, def) {
    if (NO_DEFINITION_TYPES.has(type))
        throw new FabricError(400, 'OperationNotSupportedForItem', `Item type '${type}' does not support definitions.`);
    const details = [];
    const parts = Array.isArray(def?.parts) ? def.parts : [];
    const seen = new Set();
    let platform;
    parts.forEach((p, i) => {
        const where = `parts[${i}]`;
        if (!p || typeof p.path !== 'string' || !p.path.trim())
            details.push({ errorCode: 'InvalidPath', message: `${where}.path is empty.` });
        else if (p.path.startsWith('/') ||
            p.path.includes('\\') ||
            p.path.split('/').some((s) => s === '..' || s === '.' || s === ''))
            details.push({
                errorCode: 'InvalidPath',
                message: `${where}.path '${p.path}' is not a relative path.`,
            });
        else if (seen.has(p.path.toLowerCase()))
            details.push({ errorCode: 'DuplicatePath', message: `${where}.path '${p.path}' appears twice.` });
        else
            seen.add(p.path.toLowerCase());
        if (p?.payloadType !== 'InlineBase64')
            details.push({
                errorCode: 'UnsupportedPayloadType',
                message: `${where}.payloadType must be 'InlineBase64'.`,
            });
        const payload = typeof p?.payload === 'string' ? p.payload.replace(/\s+/g, '') : undefined;
        if (payload === undefined || payload.length % 4 !== 0 || !B64_RE.test(payload))
            details.push({ errorCode: 'CorruptedPayload', message: `${where}.payload is not valid base64.` });
        else if (p.path === '.platform') {
            try {
                const j = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
                platform = {
                    type: j?.metadata?.type,
                    displayName: j?.metadata?.displayName,
                    description: j?.metadata?.description,
                    logicalId: j?.config?.logicalId,
                };
                if (platform.type && platform.type !== type)
                    details.push({
                        errorCode: 'InvalidPlatformFile',
                        message: `.platform declares type '${platform.type}' but the item is a ${type}.`,
                    });
            }
            catch {
                details.push({ errorCode: 'InvalidPlatformFile', message: '.platform is not valid JSON.' });
            }
        }
    });
    if (!parts.length)
        details.push({ errorCode: 'MissingDefinitionParts', message: 'The definition has no parts.' });
    if (details.length) {
        const code = details.some((d) => d.errorCode === 'InvalidPlatformFile') && details.length === 1
            ? 'InvalidPlatformFile'
            : 'InvalidDefinitionParts';
        throw new FabricError(400, code, 'The item definition has invalid parts.', { moreDetails: details });
    }
    const format = typeof def.format === 'string' ? def.format : undefined;
    const formats = FORMATS[type];
    if (format && formats && !formats.some((f) => f.toLowerCase() === format.toLowerCase()))
        throw new FabricError(400, 'InvalidDefinitionFormat', `Format '${format}' is not supported for ${type}; use one of ${formats.join(', ')}.`);
    const rule = REQUIRED_PARTS[type];
    const paths = parts.map((p) => p.path).filter((p) => p !== '.platform');
    if (rule) {
        const missing = rule.required.filter((r) => !r.test(paths));
        if (missing.length)
            throw new FabricError(400, 'MissingDefinitionParts', `The ${type} definition is missing required parts: ${missing.map((m) => m.description).join('; ')}.`, {
                moreDetails: missing.map((m) => ({
                    errorCode: 'MissingDefinitionPart',
                    message: `Required part ${m.description} is missing.`,
                })),
            });
    }
    if (type === 'Notebook' && format?.toLowerCase() === 'ipynb' && !paths.some((p) => /\.ipynb$/i.test(p)))
        throw new FabricError(400, 'InvalidDefinitionParts', "Format 'ipynb' needs a notebook-content.ipynb part.");
    return {
        definition: {
            format,
            parts: parts.map((p) => ({
                path: p.path,
                payload: p.payload.replace(/\s+/g, ''),
                payloadType: 'InlineBase64',
            })),
        },
        platform,
    };
}
function platformPart(item) {
    const body = {
        $schema: 'https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json',
        metadata: {
            type: item.type,
            displayName: item.displayName,
            ...(item.description ? { description: item.description } : {}),
        },
        config: { version: '2.0', logicalId: item.logicalId },
    };
    return {
        path: '.platform',
        payload: Buffer.from(JSON.stringify(body, null, 2)).toString('base64'),
        payloadType: 'InlineBase64',
    };
}
const b64 = (s) => Buffer.from(s).toString('base64');
/** What getDefinition returns for an item created without a definition. */
function defaultParts(type) {
    const part = (path, content) => ({
        path,
        payload: b64(content),
        payloadType: 'InlineBase64',
    });
    switch (type) {
        case 'Notebook':
            return [
                part('notebook-content.py', '# Fabric notebook source\n\n# METADATA ********************\n\n# META {\n# META   "kernel_info": {\n# META     "name": "synapse_pyspark"\n# META   }\n# META }\n'),
            ];
        case 'DataPipeline':
            return [part('pipeline-content.json', JSON.stringify({ properties: { activities: [] } }, null, 2))];
        case 'Lakehouse':
            return [part('lakehouse.metadata.json', '{}'), part('shortcuts.metadata.json', '[]')];
        case 'Environment':
            return [part('Setting/Sparkcompute.yml', 'enable_native_execution_engine: false\n')];
        default:
            return [];
    }
}
/** Parts returned by getDefinition: the stored ones plus a `.platform` reflecting current metadata. */
function definitionOut(item) {
    const stored = item.definition?.parts ?? defaultParts(item.type);
    const parts = stored.filter((p) => p.path !== '.platform');
    parts.push(platformPart(item));
    const out = { parts };
    if (item.definition?.format)
        out.format = item.definition.format;
    return out;
}
/** Content hash (parts without .platform, plus name), for Git change detection. */
function contentHash(item) {
    const parts = (item.definition?.parts ?? [])
        .filter((p) => p.path !== '.platform')
        .map((p) => `${p.path}\n${p.payload}`)
        .sort();
    return sha1Hex([item.displayName, item.description ?? '', ...parts].join('\n--\n'));
}

;// CONCATENATED MODULE: ./src/simulator/fabric/properties.ts


const properties_short = (id) => id.replace(/-/g, '').slice(0, 20);
function onItemCreated(sim, item) {
    const st = sim.state;
    const now = Date.now();
    switch (item.type) {
        case 'Lakehouse': {
            // A lakehouse gets a SQL analytics endpoint of the same name, provisioned a little later.
            const ep = {
                id: uuid(),
                workspaceId: item.workspaceId,
                type: 'SQLEndpoint',
                displayName: item.displayName,
                description: '',
                folderId: item.folderId,
                logicalId: uuid(),
                parentItemId: item.id,
                createdTime: item.createdTime,
                lastUpdatedTime: item.createdTime,
            };
            st.items[ep.id] = ep;
            item.readyAt = now + sim.cfg.sqlEndpointProvisionMs;
            item.properties = { sqlEndpointId: ep.id, enableSchemas: item.creationPayload?.enableSchemas === true };
            break;
        }
        case 'Warehouse':
            item.properties = {
                collationType: item.creationPayload?.collationType ?? 'Latin1_General_100_BIN2_UTF8',
            };
            break;
        case 'Eventhouse': {
            const db = {
                id: uuid(),
                workspaceId: item.workspaceId,
                type: 'KQLDatabase',
                displayName: item.displayName,
                description: '',
                folderId: item.folderId,
                logicalId: uuid(),
                parentItemId: item.id,
                creationPayload: { databaseType: 'ReadWrite', parentEventhouseItemId: item.id },
                createdTime: item.createdTime,
                lastUpdatedTime: item.createdTime,
            };
            st.items[db.id] = db;
            break;
        }
        case 'KQLDatabase': {
            const parent = item.creationPayload?.parentEventhouseItemId;
            if (parent)
                item.parentItemId = parent;
            break;
        }
        case 'Environment':
            item.properties = { published: false };
            break;
    }
}
function itemProperties(item) {
    const p = item.properties ?? {};
    const ws = item.workspaceId;
    switch (item.type) {
        case 'Lakehouse': {
            const ready = (item.readyAt ?? 0) <= Date.now();
            const out = {
                oneLakeTablesPath: `https://onelake.dfs.fabric.microsoft.com/${ws}/${item.id}/Tables`,
                oneLakeFilesPath: `https://onelake.dfs.fabric.microsoft.com/${ws}/${item.id}/Files`,
                sqlEndpointProperties: ready
                    ? {
                        id: p.sqlEndpointId,
                        connectionString: `${properties_short(ws)}-${properties_short(item.id)}.datawarehouse.fabric.microsoft.com`,
                        provisioningStatus: 'Success',
                    }
                    : { provisioningStatus: 'InProgress' },
            };
            if (p.enableSchemas)
                out.defaultSchema = 'dbo';
            return out;
        }
        case 'Warehouse':
            return {
                connectionString: `${properties_short(ws)}-${properties_short(item.id)}.datawarehouse.fabric.microsoft.com`,
                createdDate: item.createdTime,
                lastUpdatedTime: item.lastUpdatedTime,
                collationType: p.collationType ?? 'Latin1_General_100_BIN2_UTF8',
            };
        case 'Eventhouse':
            return {
                queryServiceUri: `https://trd-${properties_short(item.id)}.z0.kusto.fabric.microsoft.com`,
                ingestionServiceUri: `https://ingest-trd-${properties_short(item.id)}.z0.kusto.fabric.microsoft.com`,
                databasesItemIds: [],
                minimumConsumptionUnits: 0,
            };
        case 'KQLDatabase': {
            const parent = item.parentItemId ?? item.creationPayload?.parentEventhouseItemId ?? item.id;
            return {
                parentEventhouseItemId: parent,
                queryServiceUri: `https://trd-${properties_short(parent)}.z0.kusto.fabric.microsoft.com`,
                ingestionServiceUri: `https://ingest-trd-${properties_short(parent)}.z0.kusto.fabric.microsoft.com`,
                databaseType: item.creationPayload?.databaseType ?? 'ReadWrite',
            };
        }
        case 'SQLDatabase':
            return {
                connectionString: `Data Source=${properties_short(item.id)}.database.fabric.microsoft.com,1433;Initial Catalog=${item.displayName}-${item.id}`,
                databaseName: `${item.displayName}-${item.id}`,
                serverFqdn: `${properties_short(item.id)}.database.fabric.microsoft.com,1433`,
            };
        case 'SQLEndpoint':
            return {
                connectionString: `${properties_short(ws)}.datawarehouse.fabric.microsoft.com`,
                provisioningStatus: 'Success',
            };
        case 'VariableLibrary':
            return { activeValueSetName: p.activeValueSetName ?? DEFAULT_VALUE_SET };
        case 'Environment': {
            const running = item.readyAt !== undefined && item.readyAt > Date.now();
            const state = running ? 'Running' : p.published ? 'Success' : 'Success';
            const pd = {
                state,
                targetVersion: p.publishVersion ?? item.logicalId,
                componentPublishInfo: { sparkLibraries: { state }, sparkSettings: { state } },
            };
            if (p.publishStart)
                pd.startTime = p.publishStart;
            if (!running && p.publishEnd)
                pd.endTime = p.publishEnd;
            return { publishDetails: pd };
        }
        default:
            return undefined;
    }
}
function markPublished(item) {
    item.properties = { ...(item.properties ?? {}), published: true, publishEnd: nowIso() };
}
const DEFAULT_VALUE_SET = 'Default value set';
/** Value sets a variable library defines: the default one plus valueSets/<file>.json (its `name`, else the file name). */
function valueSetNames(item) {
    const names = [DEFAULT_VALUE_SET];
    for (const part of item.definition?.parts ?? []) {
        const m = /^valueSets\/(.+)\.json$/i.exec(part.path);
        if (!m)
            continue;
        try {
            const j = JSON.parse(Buffer.from(part.payload, 'base64').toString('utf8'));
            names.push(typeof j?.name === 'string' ? j.name : m[1]);
        }
        catch {
            names.push(m[1]);
        }
    }
    return names;
}
/** PATCH `properties` (type-specific): VariableLibrary activeValueSetName. */
function updateProperties(item, props) {
    if (!props || typeof props !== 'object')
        throw badRequest('InvalidInput', 'properties must be an object.');
    const p = props;
    if (item.type === 'VariableLibrary' && p.activeValueSetName !== undefined) {
        const name = String(p.activeValueSetName);
        const known = valueSetNames(item);
        if (!known.some((n) => n.toLowerCase() === name.toLowerCase()))
            throw badRequest('ValueSetNotFound', `Value set '${name}' is not defined; known value sets: ${known.join(', ')}.`);
        item.properties = { ...(item.properties ?? {}), activeValueSetName: name };
    }
}

;// CONCATENATED MODULE: ./src/simulator/fabric/items.ts








function itemJson(item, withProperties = false) {
    const out = {
        id: item.id,
        type: item.type,
        displayName: item.displayName,
        description: item.description,
        workspaceId: item.workspaceId,
    };
    if (item.folderId)
        out.folderId = item.folderId;
    if (item.sensitivityLabelId)
        out.sensitivityLabel = { id: item.sensitivityLabelId };
    if (withProperties) {
        const props = itemProperties(item);
        if (props)
            out.properties = props;
    }
    return out;
}
/** Is this item type answered synchronously (201/200) instead of 202? */
function isSync(ctx, type) {
    return ctx.sim.cfg.syncCreateTypes.some((t) => t.toLowerCase() === type.toLowerCase());
}
const pendingKey = (wsId, type, name) => `${wsId}|${type}|${name.toLowerCase()}`;
/** Name rules: unique per type (case-insensitive), reserved for a while after a delete. */
function assertNameFree(ctx, wsId, type, name, exceptId) {
    const st = ctx.sim.state;
    const clash = Object.values(st.items).some((i) => i.workspaceId === wsId && i.type === type && i.id !== exceptId && sameName(i.displayName, name));
    if (clash || ctx.sim.pendingNames.has(pendingKey(wsId, type, name)))
        throw badRequest('ItemDisplayNameAlreadyInUse', `Requested '${name}' is already in use`);
    const now = Date.now();
    st.nameReservations = st.nameReservations.filter((r) => r.until > now);
    if (st.nameReservations.some((r) => r.workspaceId === wsId && r.type === type && sameName(r.name, name)))
        throw new FabricError(400, 'ItemDisplayNameNotAvailableYet', `Requested '${name}' is not available yet and is expected to become available in the upcoming minutes.`, {
            isRetriable: true,
        });
}
function checkDisplayName(name) {
    if (typeof name !== 'string' || !name.trim())
        throw badRequest('InvalidInput', 'The item display name must not be empty.', [
            { errorCode: 'InvalidParameter', message: 'displayName is empty.' },
        ]);
    if (name.length > 256)
        throw badRequest('InvalidInput', 'The item display name is too long.', [
            { errorCode: 'InvalidParameter', message: 'displayName exceeds 256 characters.' },
        ]);
    return name;
}
/** Validate a create request (everything that answers synchronously with an error). */
function validateCreate(ctx, ws, b, fixedType) {
    if (b.definition !== undefined && b.creationPayload !== undefined)
        throw badRequest('RequestWithDefinitionAndCreationPayloadNotSupported', 'A request cannot contain both a definition and a creation payload.');
    let type = fixedType;
    if (!type) {
        type = canonicalType(String(b.type ?? ''));
        if (!type)
            throw badRequest('InvalidItemType', `Item type '${String(b.type)}' is not valid.`);
    }
    if (SYSTEM_TYPES.has(type))
        throw badRequest('UnsupportedItemType', `Items of type '${type}' cannot be created through this API.`);
    const displayName = checkDisplayName(b.displayName);
    if (typeof b.description === 'string' && b.description.length > 256)
        throw badRequest('InvalidInput', 'The description is too long.', [
            { errorCode: 'InvalidParameter', message: 'description exceeds 256 characters.' },
        ]);
    if (b.creationPayload !== undefined && !CREATION_PAYLOAD_TYPES.has(type))
        throw badRequest('ItemTypeDoesNotSupportCreationPayload', `Item type '${type}' does not support a creation payload.`);
    if (b.definition === undefined && DEFINITION_REQUIRED_TYPES.has(type))
        throw badRequest('MissingDefinitionParts', `Creating a ${type} requires a definition.`);
    if (b.definition !== undefined && NO_DEFINITION_TYPES.has(type))
        throw badRequest('OperationNotSupportedForItem', `Item type '${type}' does not accept a definition.`);
    if (type === 'Lakehouse' && b.creationPayload && b.creationPayload.enableSchemas !== true)
        throw badRequest('InvalidInput', 'creationPayload.enableSchemas must be true.', [
            { errorCode: 'InvalidParameter', message: 'Only true is allowed for enableSchemas.' },
        ]);
    if (type === 'KQLDatabase' && b.definition === undefined) {
        const p = b.creationPayload;
        if (!p || typeof p !== 'object')
            throw badRequest('InvalidInput', 'A KQL database needs a creationPayload with databaseType and parentEventhouseItemId.');
        const parent = ctx.sim.state.items[String(p.parentEventhouseItemId ?? '').toLowerCase()];
        if (!parent || parent.workspaceId !== ws.id || parent.type !== 'Eventhouse')
            throw notFound('ItemNotFound', 'parent eventhouse');
    }
    if (b.folderId)
        folderIn(ctx, ws, String(b.folderId));
    if (ctx.sim.cfg.requireCapacity && !POWER_BI_TYPES.has(type) && !ws.capacityId)
        throw badRequest('WorkspaceHasNoCapacityAssigned', 'The workspace has no capacity assigned; Fabric items need a Fabric capacity.');
    const definition = b.definition !== undefined ? validateDefinition(type, b.definition) : undefined;
    assertNameFree(ctx, ws.id, type, displayName);
    return {
        type,
        displayName,
        description: b.description ?? '',
        folderId: b.folderId ? String(b.folderId).toLowerCase() : undefined,
        definition,
        creationPayload: b.creationPayload,
        sensitivityLabelId: b.sensitivityLabelSettings?.labelId,
        logicalId: definition?.platform?.logicalId,
    };
}
/** Create the item record (and its companions: SQL endpoint, child KQL database). */
function createItemNow(ctx, ws, spec) {
    const now = nowIso();
    const item = {
        id: uuid(),
        workspaceId: ws.id,
        type: spec.type,
        displayName: spec.displayName,
        description: spec.description,
        folderId: spec.folderId,
        logicalId: spec.logicalId && !/^[0-]+$/.test(spec.logicalId) ? spec.logicalId.toLowerCase() : uuid(),
        definition: spec.definition?.definition,
        creationPayload: spec.creationPayload,
        sensitivityLabelId: spec.sensitivityLabelId,
        createdTime: now,
        lastUpdatedTime: now,
    };
    ctx.sim.state.items[item.id] = item;
    onItemCreated(ctx.sim, item);
    ctx.sim.changed();
    return item;
}
/** Remove an item, its dependants and reserve its name (soft and hard delete alike). */
function deleteItemCascade(ctx, item, reserve = true) {
    const st = ctx.sim.state;
    delete st.items[item.id];
    for (const child of Object.values(st.items))
        if (child.parentItemId === item.id)
            deleteItemCascade(ctx, child, reserve);
    if (reserve && ctx.sim.cfg.nameReservationMs > 0)
        st.nameReservations.push({
            workspaceId: item.workspaceId,
            type: item.type,
            name: item.displayName,
            until: Date.now() + ctx.sim.cfg.nameReservationMs,
        });
    ctx.sim.changed();
}
function typeFilter(raw) {
    if (raw === undefined || raw === '')
        return undefined;
    const t = canonicalType(raw);
    if (!t)
        throw badRequest('InvalidItemType', `Item type '${raw}' is not valid.`);
    return t;
}
/** Items under a folder (recursive) or directly in it; root = undefined folder. */
function inScope(ctx, ws, item, rootFolderId, recursive) {
    if (!recursive)
        return (item.folderId ?? undefined) === rootFolderId;
    if (!rootFolderId)
        return true;
    let f = item.folderId;
    const seen = new Set();
    while (f && !seen.has(f)) {
        if (f === rootFolderId)
            return true;
        seen.add(f);
        f = ctx.sim.state.folders[f]?.parentFolderId;
    }
    return false;
}
function listHandler(fixedType, listKey = 'items') {
    return (ctx) => {
        const { ws } = workspaceFor(ctx, 'Viewer');
        const pr = readPage(`${listKey}:${ws.id}`, ctx.query, fixedType ? ['recursive', 'rootFolderId'] : ['type', 'recursive', 'rootFolderId']);
        const type = fixedType ?? typeFilter(pr.filters.type);
        const recursive = boolValue(pr.filters.recursive, 'recursive', true);
        const root = pr.filters.rootFolderId ? folderIn(ctx, ws, pr.filters.rootFolderId).id : undefined;
        const all = Object.values(ctx.sim.state.items)
            .filter((i) => i.workspaceId === ws.id && (!type || i.type === type) && inScope(ctx, ws, i, root, recursive))
            .map((i) => itemJson(i, !!fixedType));
        const self = `${ctx.sim.url}/v1${ctx.path}`;
        return { status: 200, body: page(all, pr, ctx.sim.cfg.pageSize, `${listKey}:${ws.id}`, self) };
    };
}
function createHandler(fixedType) {
    return (ctx) => {
        const { ws } = workspaceFor(ctx, 'Contributor', 'create items');
        const spec = validateCreate(ctx, ws, requireObjectBody(ctx), fixedType);
        const typed = !!fixedType;
        if (isSync(ctx, spec.type) && !ctx.lroFail) {
            const item = createItemNow(ctx, ws, spec);
            return {
                status: 201,
                body: itemJson(item, typed),
                headers: { Location: `${ctx.sim.url}/v1/workspaces/${ws.id}/items/${item.id}` },
            };
        }
        const key = pendingKey(ws.id, spec.type, spec.displayName);
        ctx.sim.pendingNames.set(key, { workspaceId: ws.id, type: spec.type, name: spec.displayName });
        return ctx.sim.ops.start(ctx, {
            kind: `create${spec.type}`,
            durationMs: lroDurationMs(ctx.sim.cfg, spec.type),
            retryAfter: ctx.sim.cfg.retryAfterSeconds,
            hasResult: true,
            cleanup: () => ctx.sim.pendingNames.delete(key),
            apply: () => {
                if (!ctx.sim.state.workspaces[ws.id])
                    throw notFound('WorkspaceNotFound', 'workspace');
                assertNameFree(ctx, ws.id, spec.type, spec.displayName);
                return itemJson(createItemNow(ctx, ws, spec), typed);
            },
        });
    };
}
function getHandler(fixedType) {
    return (ctx) => {
        const { ws } = workspaceFor(ctx, 'Viewer');
        const item = itemIn(ctx, ws, ctx.params.itemId, fixedType);
        return { status: 200, body: itemJson(item, !!fixedType) };
    };
}
function updateHandler(fixedType) {
    return (ctx) => {
        const { ws } = workspaceFor(ctx, 'Contributor', 'update items');
        const item = itemIn(ctx, ws, ctx.params.itemId, fixedType);
        const b = requireObjectBody(ctx);
        if (b.displayName !== undefined) {
            const name = checkDisplayName(b.displayName);
            if (name !== item.displayName)
                assertNameFree(ctx, ws.id, item.type, name, item.id);
            item.displayName = name;
            for (const c of Object.values(ctx.sim.state.items))
                if (c.parentItemId === item.id && c.type === 'SQLEndpoint')
                    c.displayName = name;
        }
        if (b.description !== undefined)
            item.description = String(b.description);
        if (b.properties !== undefined)
            updateProperties(item, b.properties);
        item.lastUpdatedTime = nowIso();
        ctx.sim.changed();
        return { status: 200, body: itemJson(item, !!fixedType) };
    };
}
function deleteHandler(fixedType) {
    return (ctx) => {
        const hard = parseBool(ctx, 'hardDelete', false);
        const { ws } = workspaceFor(ctx, hard ? 'Admin' : 'Contributor', hard ? 'hard-delete items' : 'delete items');
        const item = itemIn(ctx, ws, ctx.params.itemId, fixedType);
        if (item.parentItemId && item.type === 'SQLEndpoint')
            throw badRequest('OperationNotSupportedForItem', 'A SQL analytics endpoint is deleted together with its lakehouse.');
        deleteItemCascade(ctx, item);
        return { status: 200 };
    };
}
function getDefinitionHandler(fixedType) {
    return (ctx) => {
        const { ws } = workspaceFor(ctx, 'Contributor', 'read item definitions');
        const item = itemIn(ctx, ws, ctx.params.itemId, fixedType);
        if (NO_DEFINITION_TYPES.has(item.type))
            throw badRequest('OperationNotSupportedForItem', `Item type '${item.type}' does not support getDefinition.`);
        const format = ctx.query.get('format');
        const build = () => {
            const cur = ctx.sim.state.items[item.id];
            if (!cur)
                throw notFound('ItemNotFound', 'item');
            const def = definitionOut(cur);
            if (format && !def.format)
                def.format = format;
            return { definition: def };
        };
        if (isSync(ctx, item.type) && !ctx.lroFail)
            return { status: 200, body: build() };
        return ctx.sim.ops.start(ctx, {
            kind: 'getDefinition',
            durationMs: Math.round(lroDurationMs(ctx.sim.cfg, item.type) / 4),
            retryAfter: ctx.sim.cfg.retryAfterSeconds,
            hasResult: true,
            apply: build,
        });
    };
}
function updateDefinitionHandler(fixedType) {
    return (ctx) => {
        const { ws } = workspaceFor(ctx, 'Contributor', 'update item definitions');
        const item = itemIn(ctx, ws, ctx.params.itemId, fixedType);
        const b = requireObjectBody(ctx);
        const updateMetadata = parseBool(ctx, 'updateMetadata', false);
        const { definition, platform } = validateDefinition(item.type, b.definition);
        let newName;
        let newDescription;
        if (updateMetadata && platform) {
            if (platform.displayName !== undefined) {
                newName = checkDisplayName(platform.displayName);
                if (newName !== item.displayName)
                    assertNameFree(ctx, ws.id, item.type, newName, item.id);
            }
            if (platform.description !== undefined)
                newDescription = String(platform.description);
        }
        const apply = () => {
            const cur = ctx.sim.state.items[item.id];
            if (!cur)
                throw notFound('ItemNotFound', 'item');
            cur.definition = definition;
            if (newName !== undefined)
                cur.displayName = newName;
            if (newDescription !== undefined)
                cur.description = newDescription;
            cur.lastUpdatedTime = nowIso();
            ctx.sim.changed();
            return undefined;
        };
        if (isSync(ctx, item.type) && !ctx.lroFail) {
            apply();
            return { status: 200 };
        }
        return ctx.sim.ops.start(ctx, {
            kind: 'updateDefinition',
            durationMs: lroDurationMs(ctx.sim.cfg, item.type),
            retryAfter: ctx.sim.cfg.retryAfterSeconds,
            hasResult: false,
            apply,
        });
    };
}
function moveItems(ctx, ws, ids, targetFolderId) {
    const target = targetFolderId ? folderIn(ctx, ws, targetFolderId).id : undefined;
    const items = ids.map((id) => itemIn(ctx, ws, id));
    for (const it of items)
        if (it.parentItemId)
            throw badRequest('CannotMoveChildOnly', `Item '${it.displayName}' moves together with its parent.`);
    const moved = [];
    for (const it of items) {
        it.folderId = target;
        moved.push(it);
        for (const c of Object.values(ctx.sim.state.items))
            if (c.parentItemId === it.id) {
                c.folderId = target;
                moved.push(c);
            }
    }
    ctx.sim.changed();
    return { status: 200, body: { value: moved.map((i) => itemJson(i)) } };
}
const move = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'move items');
    const b = (ctx.body ?? {});
    return moveItems(ctx, ws, [ctx.params.itemId], b.targetFolderId ?? undefined);
};
const bulkMove = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'move items');
    const b = requireObjectBody(ctx);
    const ids = b.items ?? [];
    if (!ids.length)
        throw badRequest('InvalidInput', 'items must not be empty.');
    return moveItems(ctx, ws, ids, b.targetFolderId ?? undefined);
};
/** Typed handlers read the spec's `{lakehouseId}`-style parameter as itemId. */
function typed(h, idParam) {
    return (ctx) => {
        if (ctx.params[idParam] !== undefined)
            ctx.params.itemId = ctx.params[idParam];
        return h(ctx);
    };
}
/** `/{collection}` for item types without their own swagger: typed GET/list only. */
function genericCollection(h) {
    return (ctx) => {
        const type = typeOfCollection(ctx.params.collection ?? '');
        if (!type)
            throw new FabricError(404, 'EntityNotFound', `The requested resource '${ctx.method} /v1${ctx.path}' was not found.`);
        return h(type)(ctx);
    };
}
function registerItems(r) {
    r.add('GET', '/workspaces/{workspaceId}/items', listHandler())
        .add('POST', '/workspaces/{workspaceId}/items', createHandler())
        .add('POST', '/workspaces/{workspaceId}/items/bulkMove', bulkMove)
        .add('GET', '/workspaces/{workspaceId}/items/{itemId}', getHandler())
        .add('PATCH', '/workspaces/{workspaceId}/items/{itemId}', updateHandler())
        .add('DELETE', '/workspaces/{workspaceId}/items/{itemId}', deleteHandler())
        .add('POST', '/workspaces/{workspaceId}/items/{itemId}/getDefinition', getDefinitionHandler())
        .add('POST', '/workspaces/{workspaceId}/items/{itemId}/updateDefinition', updateDefinitionHandler())
        .add('POST', '/workspaces/{workspaceId}/items/{itemId}/move', move);
    for (const [coll, type] of Object.entries(TYPED_COLLECTIONS)) {
        const idParam = `${coll.slice(0, -1)}Id`;
        const base = `/workspaces/{workspaceId}/${coll}`;
        r.add('GET', base, listHandler(type, coll))
            .add('POST', base, createHandler(type))
            .add('GET', `${base}/{${idParam}}`, typed(getHandler(type), idParam))
            .add('PATCH', `${base}/{${idParam}}`, typed(updateHandler(type), idParam))
            .add('DELETE', `${base}/{${idParam}}`, typed(deleteHandler(type), idParam));
        if (type !== 'Warehouse') {
            r.add('POST', `${base}/{${idParam}}/getDefinition`, typed(getDefinitionHandler(type), idParam)).add('POST', `${base}/{${idParam}}/updateDefinition`, typed(updateDefinitionHandler(type), idParam));
        }
    }
    // Property look-ups for any other type: /workspaces/{ws}/{camelCaseType}s[/{id}]
    r.add('GET', '/workspaces/{workspaceId}/{collection}', genericCollection((t) => listHandler(t, `typed-${t}`))).add('GET', '/workspaces/{workspaceId}/{collection}/{itemId}', genericCollection((t) => getHandler(t)));
    r.add('PATCH', '/workspaces/{workspaceId}/{collection}/{itemId}', genericCollection((t) => updateHandler(t)));
    r.add('DELETE', '/workspaces/{workspaceId}/{collection}/{itemId}', genericCollection((t) => deleteHandler(t)));
}

;// CONCATENATED MODULE: ./src/simulator/fabric/workspaces.ts







const RESERVED_NAMES = ['Admin monitoring'];
function workspaceJson(ctx, ws, info = false) {
    const out = {
        id: ws.id,
        displayName: ws.displayName,
        description: ws.description,
        type: ws.type,
    };
    if (ws.capacityId) {
        out.capacityId = ws.capacityId;
        const cap = ctx.sim.state.capacities[ws.capacityId];
        if (cap)
            out.capacityRegion = cap.region;
    }
    if (ws.domainId)
        out.domainId = ws.domainId;
    if (/^true$/i.test(ctx.query.get('preferWorkspaceSpecificEndpoints') ?? ''))
        out.apiEndpoint = `${ctx.sim.url}/v1`;
    if (info) {
        out.capacityAssignmentProgress = ws.capacityAssignmentProgress;
        if (ws.capacityId) {
            const short = ws.id.replace(/-/g, '');
            out.oneLakeEndpoints = {
                blobEndpoint: `https://${short}.z00.blob.fabric.microsoft.com`,
                dfsEndpoint: `https://${short}.z00.dfs.fabric.microsoft.com`,
            };
        }
    }
    return out;
}
function checkName(ctx, name, exceptId) {
    if (!name.trim())
        throw badRequest('InvalidInput', 'The workspace display name must not be empty.', [
            { errorCode: 'InvalidParameter', message: 'displayName is empty.' },
        ]);
    if (name.length > 256)
        throw badRequest('InvalidInput', 'The workspace display name is too long.', [
            { errorCode: 'InvalidParameter', message: 'displayName exceeds 256 characters.' },
        ]);
    const taken = RESERVED_NAMES.some((r) => sameName(r, name)) ||
        Object.values(ctx.sim.state.workspaces).some((w) => w.id !== exceptId && sameName(w.displayName, name));
    if (taken)
        throw new FabricError(409, 'WorkspaceNameAlreadyExists', `Workspace name '${name}' already exists.`);
}
/** Capacity usable by the caller for assignment (exists, accessible, active). */
function capacityForAssignment(ctx, capacityId) {
    const cap = ctx.sim.state.capacities[capacityId.toLowerCase()];
    if (!cap)
        throw notFound('CapacityNotFound', 'capacity');
    if (cap.admins && !cap.admins.includes(ctx.identity.oid))
        throw new FabricError(403, 'InsufficientPermissionsOverCapacity', 'The caller does not have contributor or admin permissions on the capacity.');
    if (cap.state !== 'Active')
        throw new FabricError(400, 'CapacityNotInActiveState', `Capacity '${cap.displayName}' is not in active state.`);
    return cap;
}
const list = (ctx) => {
    const pr = readPage('workspaces', ctx.query, ['roles']);
    let wanted;
    if (pr.filters.roles) {
        const parts = pr.filters.roles
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
        wanted = parts.map((p) => {
            const r = ROLES.find((x) => x.toLowerCase() === p.toLowerCase());
            if (!r)
                throw badRequest('InvalidParameter', 'Invalid workspace role.');
            return r;
        });
    }
    const all = Object.values(ctx.sim.state.workspaces).filter((ws) => {
        const role = effectiveRole(ctx.sim.state, ws, ctx.identity.oid);
        return role && (!wanted || wanted.includes(role));
    });
    for (const ws of all)
        settleWorkspace(ctx, ws);
    const p = page(all.map((w) => workspaceJson(ctx, w)), pr, ctx.sim.cfg.pageSize, 'workspaces', `${ctx.sim.url}/v1/workspaces`);
    return { status: 200, body: p };
};
const get = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Viewer');
    return { status: 200, body: workspaceJson(ctx, ws, true) };
};
const create = (ctx) => {
    const b = requireObjectBody(ctx);
    if (ctx.identity.isServicePrincipal && !ctx.sim.state.tenantSettings.servicePrincipalsCanCreateWorkspaces)
        throw insufficient('Service principals are not allowed to create workspaces in this tenant.');
    const name = String(b.displayName ?? '');
    checkName(ctx, name);
    let cap;
    if (b.capacityId)
        cap = capacityForAssignment(ctx, b.capacityId);
    const ws = {
        id: uuid(),
        displayName: name,
        description: b.description ?? '',
        type: 'Workspace',
        capacityId: cap?.id,
        domainId: b.domainId,
        capacityAssignmentProgress: 'Completed',
        roles: [{ principal: principalOfCaller(ctx), role: 'Admin' }],
        gitCredentials: {},
        createdTime: nowIso(),
    };
    ctx.sim.state.workspaces[ws.id] = ws;
    ctx.sim.changed();
    return {
        status: 201,
        body: workspaceJson(ctx, ws),
        headers: { Location: `${ctx.sim.url}/v1/workspaces/${ws.id}` },
    };
};
/** The caller as a role-assignment principal (the creator becomes Admin). */
function principalOfCaller(ctx) {
    const dir = ctx.sim.state.directory;
    if (ctx.identity.isServicePrincipal) {
        const sp = dir.servicePrincipals.find((s) => s.id === ctx.identity.oid);
        return {
            id: ctx.identity.oid,
            type: 'ServicePrincipal',
            displayName: sp?.displayName ?? ctx.identity.appid ?? ctx.identity.oid,
            details: { aadAppId: sp?.appId ?? ctx.identity.appid ?? ctx.identity.oid },
        };
    }
    const u = dir.users.find((x) => x.id === ctx.identity.oid);
    return {
        id: ctx.identity.oid,
        type: 'User',
        displayName: u?.displayName ?? ctx.identity.upn ?? ctx.identity.oid,
        details: { userPrincipalName: u?.userPrincipalName ?? ctx.identity.upn ?? `${ctx.identity.oid}@sim` },
    };
}
const update = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'update the workspace');
    const b = requireObjectBody(ctx);
    if (b.displayName !== undefined) {
        checkName(ctx, String(b.displayName), ws.id);
        ws.displayName = String(b.displayName);
    }
    if (b.description !== undefined)
        ws.description = String(b.description);
    ctx.sim.changed();
    return { status: 200, body: workspaceJson(ctx, ws) };
};
const remove = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'delete the workspace');
    const st = ctx.sim.state;
    for (const it of Object.values(st.items))
        if (it.workspaceId === ws.id)
            deleteItemCascade(ctx, it, false);
    for (const f of Object.values(st.folders))
        if (f.workspaceId === ws.id)
            delete st.folders[f.id];
    for (const p of Object.values(st.sparkPools))
        if (p.workspaceId === ws.id)
            delete st.sparkPools[p.id];
    delete st.workspaces[ws.id];
    ctx.sim.changed();
    return { status: 200 };
};
const workspaces_assign = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'assign the workspace to a capacity');
    const b = requireObjectBody(ctx);
    const cap = capacityForAssignment(ctx, String(b.capacityId));
    if (ws.capacityId && ws.capacityId !== cap.id) {
        const old = ctx.sim.state.capacities[ws.capacityId];
        const hasFabricItems = Object.values(ctx.sim.state.items).some((i) => i.workspaceId === ws.id && !POWER_BI_TYPES.has(i.type));
        if (old && hasFabricItems && old.region !== cap.region)
            throw new FabricError(400, 'TargetCapacityIncompatibleRegion', 'Fabric items cannot move to a capacity in another region.');
    }
    ws.capacityId = cap.id;
    ws.capacityAssignmentProgress = 'InProgress';
    ws.capacityAssignmentDoneAt = Date.now() + ctx.sim.cfg.capacityAssignMs;
    ctx.sim.changed();
    return { status: 202 };
};
const unassign = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'unassign the workspace from its capacity');
    const hasFabricItems = Object.values(ctx.sim.state.items).some((i) => i.workspaceId === ws.id && !POWER_BI_TYPES.has(i.type));
    if (hasFabricItems)
        throw new FabricError(400, 'WorkspaceItemsCanNotBeUnassignedFromCapacity', 'The workspace contains Fabric items and cannot be unassigned from its capacity.');
    delete ws.capacityId;
    ws.capacityAssignmentProgress = 'InProgress';
    ws.capacityAssignmentDoneAt = Date.now() + ctx.sim.cfg.capacityAssignMs;
    ctx.sim.changed();
    return { status: 202 };
};
function registerWorkspaces(r) {
    r.add('GET', '/workspaces', list)
        .add('POST', '/workspaces', create)
        .add('GET', '/workspaces/{workspaceId}', get)
        .add('PATCH', '/workspaces/{workspaceId}', update)
        .add('DELETE', '/workspaces/{workspaceId}', remove)
        .add('POST', '/workspaces/{workspaceId}/assignToCapacity', workspaces_assign)
        .add('POST', '/workspaces/{workspaceId}/unassignFromCapacity', unassign);
}

;// CONCATENATED MODULE: ./src/simulator/fabric/capacities.ts


const json = (c) => ({
    id: c.id,
    displayName: c.displayName,
    sku: c.sku,
    region: c.region,
    state: c.state,
});
const visible = (ctx, c) => !c.admins || c.admins.includes(ctx.identity.oid);
const capacities_list = (ctx) => {
    const pr = readPage('capacities', ctx.query, []);
    const all = Object.values(ctx.sim.state.capacities)
        .filter((c) => visible(ctx, c))
        .map(json);
    return {
        status: 200,
        body: page(all, pr, ctx.sim.cfg.pageSize, 'capacities', `${ctx.sim.url}/v1/capacities`),
    };
};
const capacities_get = (ctx) => {
    const c = ctx.sim.state.capacities[(ctx.params.capacityId ?? '').toLowerCase()];
    if (!c || !visible(ctx, c))
        throw notFound('CapacityNotFound', 'capacity');
    return { status: 200, body: json(c) };
};
function registerCapacities(r) {
    r.add('GET', '/capacities', capacities_list).add('GET', '/capacities/{capacityId}', capacities_get);
}

;// CONCATENATED MODULE: ./src/simulator/fabric/roles.ts




function roleAssignmentJson(ra) {
    const p = ra.principal;
    const principal = { id: p.id, type: p.type };
    if (p.displayName)
        principal.displayName = p.displayName;
    const d = p.details ?? {};
    if (p.type === 'User')
        principal.userDetails = { userPrincipalName: d.userPrincipalName ?? '' };
    else if (p.type === 'Group')
        principal.groupDetails = { groupType: d.groupType ?? 'SecurityGroup' };
    else if (p.type === 'ServicePrincipal')
        principal.servicePrincipalDetails = { aadAppId: d.aadAppId ?? p.id };
    else if (p.type === 'ServicePrincipalProfile' && d.parentPrincipal)
        principal.servicePrincipalProfileDetails = { parentPrincipal: d.parentPrincipal };
    return { id: p.id, principal, role: ra.role };
}
/** Resolve a principal against the directory (PrincipalNotFound otherwise). */
function resolvePrincipal(ctx, p) {
    const id = String(p.id ?? '').toLowerCase();
    const dir = ctx.sim.state.directory;
    switch (p.type) {
        case 'User': {
            const u = dir.users.find((x) => x.id === id);
            if (u)
                return {
                    id,
                    type: 'User',
                    displayName: u.displayName,
                    details: { userPrincipalName: u.userPrincipalName },
                };
            break;
        }
        case 'Group': {
            const g = dir.groups.find((x) => x.id === id);
            if (g)
                return {
                    id,
                    type: 'Group',
                    displayName: g.displayName,
                    details: { groupType: g.securityEnabled ? 'SecurityGroup' : 'DistributionList' },
                };
            break;
        }
        case 'ServicePrincipal': {
            const s = dir.servicePrincipals.find((x) => x.id === id);
            if (s)
                return { id, type: 'ServicePrincipal', displayName: s.displayName, details: { aadAppId: s.appId } };
            if (dir.servicePrincipals.some((x) => x.appId === id))
                throw badRequest('PrincipalNotFound', `'${id}' is an application (client) id; use the service principal object id.`);
            break;
        }
        case 'ServicePrincipalProfile': {
            const parent = p.servicePrincipalProfileDetails?.parentPrincipal;
            if (!parent?.id)
                throw badRequest('ServicePrincipalProfileMissingParentPrincipalInformation', 'The parent principal of the profile is missing.');
            return {
                id,
                type: 'ServicePrincipalProfile',
                details: { parentPrincipal: { id: parent.id, type: parent.type ?? 'ServicePrincipal' } },
            };
        }
        default:
            throw badRequest('InvalidPrincipalType', `Principal type '${String(p.type)}' is not supported for workspace roles.`);
    }
    throw badRequest('PrincipalNotFound', `Principal '${id}' of type ${String(p.type)} was not found in the directory.`);
}
function assignmentIn(ctx, ws) {
    const id = (ctx.params.workspaceRoleAssignmentId ?? '').toLowerCase();
    const ra = ws.roles.find((r) => r.principal.id === id);
    if (!ra)
        throw notFound('WorkspaceRoleAssignmentNotFound', 'workspace role assignment');
    return ra;
}
function parseRole(v) {
    const r = ROLES.find((x) => x === v);
    if (!r)
        throw badRequest('InvalidInput', `Invalid workspace role '${String(v)}'.`, [
            { errorCode: 'InvalidParameter', message: 'role' },
        ]);
    return r;
}
const adminCount = (ws) => ws.roles.filter((r) => r.role === 'Admin').length;
const add = (ctx) => {
    const { ws, role: callerRole } = workspaceFor(ctx, 'Member', 'manage role assignments');
    const b = requireObjectBody(ctx);
    const role = parseRole(b.role);
    if (callerRole !== 'Admin' && ROLE_RANK[role] > ROLE_RANK[callerRole])
        throw insufficient(`A ${callerRole} can grant at most the ${callerRole} role.`);
    const principal = resolvePrincipal(ctx, b.principal ?? {});
    if (ws.roles.some((r) => r.principal.id === principal.id))
        throw new FabricError(409, 'PrincipalAlreadyHasWorkspaceRolePermissions', `Principal '${principal.id}' already has a role in this workspace.`);
    const ra = { principal, role };
    ws.roles.push(ra);
    ctx.sim.changed();
    return {
        status: 201,
        body: roleAssignmentJson(ra),
        headers: { Location: `${ctx.sim.url}/v1/workspaces/${ws.id}/roleAssignments/${principal.id}` },
    };
};
const roles_list = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Member', 'list role assignments');
    const key = `roles:${ws.id}`;
    const pr = readPage(key, ctx.query, []);
    const all = ws.roles.map(roleAssignmentJson);
    return {
        status: 200,
        body: page(all, pr, ctx.sim.cfg.pageSize, key, `${ctx.sim.url}/v1/workspaces/${ws.id}/roleAssignments`),
    };
};
const roles_get = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Member', 'read role assignments');
    return { status: 200, body: roleAssignmentJson(assignmentIn(ctx, ws)) };
};
const roles_update = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'update role assignments');
    const ra = assignmentIn(ctx, ws);
    const role = parseRole(requireObjectBody(ctx).role);
    if (ra.role === 'Admin' && role !== 'Admin' && adminCount(ws) === 1)
        throw badRequest('WorkspaceMustHaveAtLeastOneAdmin', 'The last admin of a workspace cannot be demoted.');
    ra.role = role;
    ctx.sim.changed();
    return { status: 200, body: roleAssignmentJson(ra) };
};
const roles_remove = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'delete role assignments');
    const ra = assignmentIn(ctx, ws);
    if (ra.role === 'Admin' && adminCount(ws) === 1)
        throw badRequest('WorkspaceMustHaveAtLeastOneAdmin', 'The last admin of a workspace cannot be removed.');
    ws.roles = ws.roles.filter((r) => r !== ra);
    ctx.sim.changed();
    return { status: 200 };
};
function registerRoles(r) {
    const base = '/workspaces/{workspaceId}/roleAssignments';
    r.add('POST', base, add)
        .add('GET', base, roles_list)
        .add('GET', `${base}/{workspaceRoleAssignmentId}`, roles_get)
        .add('PATCH', `${base}/{workspaceRoleAssignmentId}`, roles_update)
        .add('DELETE', `${base}/{workspaceRoleAssignmentId}`, roles_remove);
}

;// CONCATENATED MODULE: ./src/simulator/fabric/folders.ts




const MAX_DEPTH = 10;
const INVALID_NAME = /[~"#.&*:<>?/\\{|}]|^\s|\s$|^\$recycle\.bin$|^recycled$|^recycler$/i;
function folderJson(f) {
    const out = { id: f.id, displayName: f.displayName, workspaceId: f.workspaceId };
    if (f.parentFolderId)
        out.parentFolderId = f.parentFolderId;
    return out;
}
function depth(ctx, id) {
    let d = 0;
    while (id) {
        d++;
        id = ctx.sim.state.folders[id]?.parentFolderId;
    }
    return d;
}
function isDescendant(ctx, candidate, ancestor) {
    while (candidate) {
        if (candidate === ancestor)
            return true;
        candidate = ctx.sim.state.folders[candidate]?.parentFolderId;
    }
    return false;
}
function folders_checkName(ctx, ws, name, parent, exceptId) {
    if (typeof name !== 'string' || !name.trim() || name.length > 255 || INVALID_NAME.test(name))
        throw badRequest('InvalidFolderDisplayName', `Folder name '${String(name)}' is not valid.`);
    const clash = Object.values(ctx.sim.state.folders).some((f) => f.workspaceId === ws.id &&
        f.id !== exceptId &&
        (f.parentFolderId ?? undefined) === parent &&
        sameName(f.displayName, name));
    if (clash)
        throw new FabricError(409, 'FolderDisplayNameAlreadyInUse', `A folder named '${name}' already exists here.`);
    return name;
}
const folders_list = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Viewer');
    const key = `folders:${ws.id}`;
    const pr = readPage(key, ctx.query, ['recursive', 'rootFolderId']);
    const recursive = boolValue(pr.filters.recursive, 'recursive', true);
    const root = pr.filters.rootFolderId ? folderIn(ctx, ws, pr.filters.rootFolderId).id : undefined;
    const all = Object.values(ctx.sim.state.folders)
        .filter((f) => f.workspaceId === ws.id)
        .filter((f) => recursive
        ? !root || (f.id !== root && isDescendant(ctx, f.parentFolderId, root))
        : (f.parentFolderId ?? undefined) === root)
        .map(folderJson);
    return {
        status: 200,
        body: page(all, pr, ctx.sim.cfg.pageSize, key, `${ctx.sim.url}/v1/workspaces/${ws.id}/folders`),
    };
};
const folders_create = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'create folders');
    const b = requireObjectBody(ctx);
    const parent = b.parentFolderId ? folderIn(ctx, ws, b.parentFolderId).id : undefined;
    const name = folders_checkName(ctx, ws, b.displayName, parent);
    if (depth(ctx, parent) + 1 > MAX_DEPTH)
        throw badRequest('FolderDepthOutOfRange', `Folders nest at most ${MAX_DEPTH} levels.`);
    const f = { id: uuid(), workspaceId: ws.id, displayName: name, parentFolderId: parent };
    ctx.sim.state.folders[f.id] = f;
    ctx.sim.changed();
    return {
        status: 201,
        body: folderJson(f),
        headers: { Location: `${ctx.sim.url}/v1/workspaces/${ws.id}/folders/${f.id}` },
    };
};
const folders_get = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Viewer');
    return { status: 200, body: folderJson(folderIn(ctx, ws, ctx.params.folderId)) };
};
const folders_update = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'update folders');
    const f = folderIn(ctx, ws, ctx.params.folderId);
    f.displayName = folders_checkName(ctx, ws, requireObjectBody(ctx).displayName, f.parentFolderId, f.id);
    ctx.sim.changed();
    return { status: 200, body: folderJson(f) };
};
const folders_remove = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'delete folders');
    const f = folderIn(ctx, ws, ctx.params.folderId);
    const st = ctx.sim.state;
    if (Object.values(st.folders).some((x) => x.parentFolderId === f.id) ||
        Object.values(st.items).some((i) => i.folderId === f.id))
        throw badRequest('FolderNotEmpty', 'Only empty folders can be deleted.');
    delete st.folders[f.id];
    ctx.sim.changed();
    return { status: 200 };
};
const folders_move = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'move folders');
    const f = folderIn(ctx, ws, ctx.params.folderId);
    const b = (ctx.body ?? {});
    const target = b.targetFolderId ? folderIn(ctx, ws, b.targetFolderId).id : undefined;
    if (target && isDescendant(ctx, target, f.id))
        throw badRequest('InfiniteFolderHierarchyLoop', 'A folder cannot move into itself or its subfolders.');
    folders_checkName(ctx, ws, f.displayName, target, f.id);
    const subtreeDepth = (id) => 1 +
        Math.max(0, ...Object.values(ctx.sim.state.folders)
            .filter((x) => x.parentFolderId === id)
            .map((x) => subtreeDepth(x.id)));
    if (depth(ctx, target) + subtreeDepth(f.id) > MAX_DEPTH)
        throw badRequest('FolderDepthOutOfRange', `Folders nest at most ${MAX_DEPTH} levels.`);
    f.parentFolderId = target;
    ctx.sim.changed();
    return { status: 200, body: folderJson(f) };
};
function registerFolders(r) {
    const base = '/workspaces/{workspaceId}/folders';
    r.add('GET', base, folders_list)
        .add('POST', base, folders_create)
        .add('GET', `${base}/{folderId}`, folders_get)
        .add('PATCH', `${base}/{folderId}`, folders_update)
        .add('DELETE', `${base}/{folderId}`, folders_remove)
        .add('POST', `${base}/{folderId}/move`, folders_move);
}

;// CONCATENATED MODULE: ./src/simulator/fabric/git.ts







function remoteKey(p) {
    const owner = p.gitProviderType === 'AzureDevOps' ? `${p.organizationName}/${p.projectName}` : p.ownerName;
    const dir = (p.directoryName ?? '').replace(/^\/+|\/+$/g, '');
    return [p.gitProviderType, owner, p.repositoryName, p.branchName, dir].join('/');
}
function remoteOf(ctx, git) {
    const key = remoteKey(git.provider);
    const st = ctx.sim.state;
    st.gitRemotes[key] ??= { head: randomSha1(), items: [] };
    return st.gitRemotes[key];
}
function connected(ctx, ws, initialized = false) {
    if (!ws.git)
        throw badRequest('WorkspaceNotConnectedToGit', 'Workspace is not connected to git.');
    if (initialized && ws.git.state !== 'ConnectedAndInitialized')
        throw badRequest('WorkspaceGitConnectionNotInitialized', 'The Git connection of the workspace is not initialized.');
    return ws.git;
}
function requireCapacity(ws) {
    if (!ws.capacityId)
        throw badRequest('WorkspaceHasNoCapacityAssigned', 'No capacity assigned to workspace.');
}
function requireCredentials(ctx, ws) {
    const c = ws.gitCredentials[ctx.identity.oid];
    if (!c || c.source === 'None')
        throw badRequest('GitCredentialsNotConfigured', "The caller's Git credentials are not configured; use Update My Git Credentials first.");
}
function snapshotOf(item) {
    return {
        logicalId: item.logicalId,
        type: item.type,
        displayName: item.displayName,
        description: item.description,
        hash: contentHash(item),
        parts: item.definition?.parts.filter((p) => p.path !== '.platform'),
    };
}
function workspaceItems(ctx, ws) {
    // System items (a lakehouse's SQL endpoint) are not tracked by Git.
    return Object.values(ctx.sim.state.items).filter((i) => i.workspaceId === ws.id && !SYSTEM_TYPES.has(i.type) && !i.parentItemId);
}
const diff = (b, x) => !b && x ? 'Added' : b && !x ? 'Deleted' : b && x && b.hash !== x.hash ? 'Modified' : undefined;
function changes(ctx, ws, git) {
    const remote = remoteOf(ctx, git);
    const base = new Map(git.baseline.map((s) => [s.logicalId, s]));
    const items = new Map(workspaceItems(ctx, ws).map((i) => [i.logicalId, i]));
    const rem = new Map(remote.items.map((s) => [s.logicalId, s]));
    const ids = new Set([...base.keys(), ...items.keys(), ...rem.keys()]);
    const out = [];
    for (const id of ids) {
        const item = items.get(id);
        const w = item ? snapshotOf(item) : undefined;
        const r = rem.get(id);
        const b = base.get(id);
        const workspaceChange = diff(b, w);
        const remoteChange = diff(b, r);
        if (!workspaceChange && !remoteChange)
            continue;
        let conflictType = 'None';
        if (workspaceChange && remoteChange)
            conflictType = (w?.hash ?? '') === (r?.hash ?? '') ? 'SameChanges' : 'Conflict';
        out.push({ logicalId: id, item, remote: r, base: b, workspaceChange, remoteChange, conflictType });
    }
    return out;
}
function changeJson(c) {
    const meta = c.item ?? c.remote ?? c.base;
    const identifier = { logicalId: c.logicalId };
    if (c.item)
        identifier.objectId = c.item.id;
    const out = {
        itemMetadata: { itemIdentifier: identifier, itemType: meta.type, displayName: meta.displayName },
        conflictType: c.conflictType,
    };
    if (c.workspaceChange)
        out.workspaceChange = c.workspaceChange;
    if (c.remoteChange)
        out.remoteChange = c.remoteChange;
    return out;
}
/** Git operations answer 202 in the fast profile (to exercise clients) and 200 in the realistic one. */
function maybeLro(ctx, kind, hasResult, apply, okStatus = 200) {
    if (ctx.sim.cfg.profile === 'realistic' && !ctx.lroFail) {
        const result = apply();
        return hasResult ? { status: okStatus, body: result } : { status: okStatus };
    }
    return ctx.sim.ops.start(ctx, {
        kind,
        durationMs: lroDurationMs(ctx.sim.cfg, undefined) / 2,
        retryAfter: ctx.sim.cfg.retryAfterSeconds,
        hasResult,
        apply,
    });
}
function validateCredentials(ctx, cred, provider) {
    const source = cred?.source;
    if (source === 'ConfiguredConnection') {
        const conn = ctx.sim.state.gitConnections[String(cred.connectionId ?? '').toLowerCase()];
        if (!conn)
            throw notFound('ConnectionNotFound', 'connection');
        if (provider && conn.gitProviderType !== provider)
            throw badRequest('ConnectionMismatch', `Connection '${conn.displayName}' is for ${conn.gitProviderType}, not ${provider}.`);
        return { source, connectionId: conn.id };
    }
    if (source === 'Automatic') {
        if (ctx.identity.isServicePrincipal)
            throw badRequest('PrincipalTypeNotSupported', 'Automatic Git credentials are not supported for service principals.');
        if (provider === 'GitHub')
            throw badRequest('InvalidInput', 'Automatic Git credentials are not supported for GitHub; use a ConfiguredConnection.');
        return { source };
    }
    if (source === 'None')
        return { source };
    throw badRequest('InvalidInput', `Unknown Git credentials source '${String(source)}'.`);
}
const connect = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'connect the workspace to Git');
    const b = requireObjectBody(ctx);
    if (ws.git)
        throw new FabricError(409, 'WorkspaceAlreadyConnectedToGit', 'Workspace is already connected to git.');
    requireCapacity(ws);
    const p = b.gitProviderDetails ?? {};
    if (p.gitProviderType === 'GitHub' && !b.myGitCredentials)
        throw badRequest('InvalidInput', 'myGitCredentials is required for GitHub.', [
            { errorCode: 'InvalidParameter', message: 'myGitCredentials' },
        ]);
    const cred = b.myGitCredentials
        ? validateCredentials(ctx, b.myGitCredentials, p.gitProviderType)
        : { source: 'Automatic' };
    if (cred.source === 'Automatic' && ctx.identity.isServicePrincipal)
        throw badRequest('PrincipalTypeNotSupported', 'Service principals can connect only with ConfiguredConnection credentials.');
    const provider = {
        gitProviderType: p.gitProviderType,
        repositoryName: p.repositoryName,
        branchName: p.branchName,
        directoryName: p.directoryName,
        ...(p.ownerName ? { ownerName: p.ownerName } : {}),
        ...(p.organizationName ? { organizationName: p.organizationName, projectName: p.projectName } : {}),
        ...(p.customDomainName ? { customDomainName: p.customDomainName } : {}),
    };
    ws.git = { provider, state: 'Connected', connectionType: 'Full', credentials: cred, baseline: [] };
    ws.gitCredentials[ctx.identity.oid] = cred;
    remoteOf(ctx, ws.git);
    ctx.sim.changed();
    return { status: 200 };
};
const disconnect = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'disconnect the workspace from Git');
    connected(ctx, ws);
    delete ws.git;
    ws.gitCredentials = {};
    ctx.sim.changed();
    return { status: 200 };
};
const getConnection = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'read the Git connection');
    const g = ws.git;
    if (!g)
        return { status: 200, body: { gitConnectionState: 'NotConnected' } };
    const body = {
        gitProviderDetails: g.provider,
        gitConnectionState: g.state,
        gitConnectionType: g.connectionType,
    };
    if (g.workspaceHead && g.lastSyncTime)
        body.gitSyncDetails = { head: g.workspaceHead, lastSyncTime: g.lastSyncTime };
    return { status: 200, body };
};
const initialize = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'initialize the Git connection');
    const git = connected(ctx, ws);
    if (git.state === 'ConnectedAndInitialized')
        throw badRequest('WorkspaceGitConnectionAlreadyInitialized', 'The Git connection is already initialized.');
    requireCapacity(ws);
    requireCredentials(ctx, ws);
    const strategy = ctx.body?.initializationStrategy ?? 'None';
    const remote = remoteOf(ctx, git);
    const local = workspaceItems(ctx, ws);
    let action;
    if (!remote.items.length && !local.length)
        action = 'None';
    else if (!remote.items.length)
        action = 'CommitToGit';
    else if (!local.length)
        action = 'UpdateFromGit';
    else if (strategy === 'PreferRemote')
        action = 'UpdateFromGit';
    else if (strategy === 'PreferWorkspace')
        action = 'CommitToGit';
    else
        throw badRequest('MissingInitializationPolicy', 'Both the workspace and the branch have content; an initialization strategy is required.');
    return maybeLro(ctx, 'initializeGitConnection', true, () => {
        git.state = 'ConnectedAndInitialized';
        git.pendingAction = action;
        // Choose the baseline so the required action sees exactly the changes it has to move.
        if (action === 'UpdateFromGit') {
            git.baseline = local.map(snapshotOf);
            git.workspaceHead = undefined;
        }
        else {
            git.baseline = remote.items.map((s) => ({ ...s }));
            git.workspaceHead = remote.head;
            if (action === 'None')
                git.lastSyncTime = nowIso();
        }
        ctx.sim.changed();
        return { requiredAction: action, workspaceHead: git.workspaceHead ?? '', remoteCommitHash: remote.head };
    });
};
const git_status = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'read the Git status');
    const git = connected(ctx, ws, true);
    requireCredentials(ctx, ws);
    return maybeLro(ctx, 'gitStatus', true, () => {
        const remote = remoteOf(ctx, git);
        return {
            workspaceHead: git.workspaceHead ?? '',
            remoteCommitHash: remote.head,
            changes: changes(ctx, ws, git).map(changeJson),
        };
    });
};
function checkHead(git, given) {
    if (git.workspaceHead === undefined)
        return; // right after initializeConnection
    if (given !== git.workspaceHead)
        throw badRequest('WorkspaceHeadMismatch', "Head in the request doesn't match the head in the system.");
}
const updateFromGit = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'update the workspace from Git');
    const git = connected(ctx, ws, true);
    requireCapacity(ws);
    requireCredentials(ctx, ws);
    const b = requireObjectBody(ctx);
    const remote = remoteOf(ctx, git);
    checkHead(git, b.workspaceHead ?? undefined);
    if (b.remoteCommitHash !== remote.head)
        throw badRequest('RemoteCommitHashMismatch', "The remote commit hash in the request doesn't match the head of the branch.");
    const all = changes(ctx, ws, git);
    const conflicts = all.filter((c) => c.conflictType === 'Conflict');
    const policy = b.conflictResolution?.conflictResolutionPolicy;
    if (conflicts.length && !policy)
        throw badRequest('WorkspaceHasConflicts', 'There are conflicts between the workspace and the branch; specify a conflict resolution.');
    const incoming = all.filter((c) => c.remoteChange && (c.conflictType !== 'Conflict' || policy === 'PreferRemote'));
    const overrides = incoming.filter((c) => c.workspaceChange);
    if (overrides.length && b.options?.allowOverrideItems !== true)
        throw badRequest('ItemsOverrideNotAllowed', 'The update would override workspace items; set options.allowOverrideItems to true.', overrides.map((c) => ({
            errorCode: 'ItemOverride',
            message: `${c.item?.displayName ?? c.remote?.displayName} would be overridden.`,
        })));
    // Duplicate name and type check before starting (PotentialDuplicateDisplayNameAndType).
    const names = new Map();
    for (const it of workspaceItems(ctx, ws))
        names.set(`${it.type}|${it.displayName.toLowerCase()}`, it.logicalId);
    for (const c of incoming)
        if (c.remote && c.remoteChange !== 'Deleted') {
            const k = `${c.remote.type}|${c.remote.displayName.toLowerCase()}`;
            const owner = names.get(k);
            if (owner && owner !== c.logicalId)
                throw badRequest('PotentialDuplicateDisplayNameAndType', `Update would create a duplicate ${c.remote.type} named '${c.remote.displayName}'.`);
        }
    const remoteHead = remote.head;
    return maybeLro(ctx, 'updateFromGit', false, () => {
        if (remoteOf(ctx, git).head !== remoteHead)
            throw badRequest('WorkspacePreviousOperationInProgress', 'The branch moved during the update.');
        for (const c of incoming) {
            if (c.remoteChange === 'Deleted') {
                if (c.item)
                    deleteItemCascade(ctx, c.item, false);
            }
            else if (c.remote) {
                const parts = c.remote.parts;
                if (c.item) {
                    c.item.displayName = c.remote.displayName;
                    c.item.description = c.remote.description ?? '';
                    if (parts)
                        c.item.definition = { parts };
                    c.item.lastUpdatedTime = nowIso();
                }
                else {
                    createItemNow(ctx, ws, {
                        type: c.remote.type,
                        displayName: c.remote.displayName,
                        description: c.remote.description ?? '',
                        logicalId: c.remote.logicalId,
                        definition: parts ? { definition: { parts } } : undefined,
                    });
                }
            }
        }
        git.baseline = remote.items.map((s) => ({ ...s }));
        git.workspaceHead = remote.head;
        git.lastSyncTime = nowIso();
        git.pendingAction = undefined;
        ctx.sim.changed();
        return undefined;
    });
};
const commitToGit = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'commit the workspace to Git');
    const git = connected(ctx, ws, true);
    requireCapacity(ws);
    requireCredentials(ctx, ws);
    const b = requireObjectBody(ctx);
    checkHead(git, b.workspaceHead ?? undefined);
    let selected = changes(ctx, ws, git).filter((c) => c.workspaceChange);
    if (b.mode === 'Selective') {
        const wanted = b.items ?? [];
        if (!wanted.length)
            throw badRequest('NoItemsSelected', 'Selective commit needs at least one item.');
        selected = selected.filter((c) => wanted.some((w) => (w.objectId && c.item?.id === w.objectId.toLowerCase()) ||
            (w.logicalId && c.logicalId === w.logicalId.toLowerCase())));
        if (!selected.length)
            throw badRequest('NoItemsSelected', 'None of the selected items has changes to commit.');
    }
    if (!selected.length)
        throw badRequest('NoChangesToCommit', 'There are no changes to commit.');
    if (selected.some((c) => c.conflictType === 'Conflict'))
        throw badRequest('WorkspaceHasConflicts', 'Some selected items changed on the branch too; update from Git first.');
    return maybeLro(ctx, 'commitToGit', false, () => {
        const remote = remoteOf(ctx, git);
        const upToDate = git.workspaceHead === remote.head;
        for (const c of selected) {
            remote.items = remote.items.filter((s) => s.logicalId !== c.logicalId);
            const base = git.baseline.filter((s) => s.logicalId !== c.logicalId);
            if (c.workspaceChange !== 'Deleted' && c.item) {
                const snap = snapshotOf(c.item);
                remote.items.push(snap);
                base.push({ ...snap });
            }
            git.baseline = base;
        }
        remote.head = randomSha1();
        // The workspace head follows the branch only when nothing else was pending on it.
        if (upToDate || git.workspaceHead === undefined)
            git.workspaceHead = remote.head;
        git.lastSyncTime = nowIso();
        git.pendingAction = undefined;
        ctx.sim.changed();
        return undefined;
    });
};
const getMyCredentials = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'read Git credentials');
    connected(ctx, ws);
    const c = ws.gitCredentials[ctx.identity.oid] ?? { source: 'None' };
    return { status: 200, body: c };
};
const updateMyCredentials = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'update Git credentials');
    const git = connected(ctx, ws);
    const cred = validateCredentials(ctx, requireObjectBody(ctx), git.provider.gitProviderType);
    ws.gitCredentials[ctx.identity.oid] = cred;
    ctx.sim.changed();
    return { status: 200, body: cred };
};
function registerGit(r) {
    const g = '/workspaces/{workspaceId}/git';
    r.add('POST', `${g}/connect`, connect)
        .add('POST', `${g}/disconnect`, disconnect)
        .add('GET', `${g}/connection`, getConnection)
        .add('POST', `${g}/initializeConnection`, initialize)
        .add('GET', `${g}/status`, git_status)
        .add('POST', `${g}/updateFromGit`, updateFromGit)
        .add('POST', `${g}/commitToGit`, commitToGit)
        .add('GET', `${g}/myGitCredentials`, getMyCredentials)
        .add('PATCH', `${g}/myGitCredentials`, updateMyCredentials);
}

;// CONCATENATED MODULE: ./src/simulator/fabric/environments.ts




const publish = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'publish environments');
    const item = itemIn(ctx, ws, ctx.params.environmentId, 'Environment');
    if (item.readyAt && item.readyAt > Date.now())
        throw badRequest('EnvironmentPublishInProgress', 'A publish is already running for this environment.');
    const d = ctx.sim.cfg.environmentPublishMs;
    item.readyAt = Date.now() + d;
    item.properties = { ...(item.properties ?? {}), publishVersion: uuid(), publishStart: nowIso() };
    ctx.sim.changed();
    return ctx.sim.ops.start(ctx, {
        kind: 'publishEnvironment',
        durationMs: d,
        retryAfter: ctx.sim.cfg.environmentPublishRetryAfterSeconds,
        hasResult: true,
        cleanup: () => {
            const cur = ctx.sim.state.items[item.id];
            if (cur)
                cur.readyAt = undefined;
        },
        apply: () => {
            const cur = ctx.sim.state.items[item.id];
            if (!cur)
                return {};
            cur.readyAt = undefined;
            markPublished(cur);
            ctx.sim.changed();
            return itemProperties(cur);
        },
    });
};
/** The beta publish variant answers synchronously with the environment's properties. */
const publishBeta = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'publish environments');
    const item = itemIn(ctx, ws, ctx.params.environmentId, 'Environment');
    markPublished(item);
    ctx.sim.changed();
    return { status: 200, body: itemProperties(item) };
};
const cancel = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'cancel environment publishes');
    const item = itemIn(ctx, ws, ctx.params.environmentId, 'Environment');
    item.readyAt = undefined;
    ctx.sim.changed();
    return { status: 200, body: itemProperties(item) };
};
function registerEnvironments(r) {
    const base = '/workspaces/{workspaceId}/environments/{environmentId}/staging';
    r.add('POST', `${base}/publish?beta=false`, publish)
        .add('POST', `${base}/publish?beta=true`, publishBeta)
        .add('POST', `${base}/publish`, publish)
        .add('POST', `${base}/cancelPublish`, cancel);
}

;// CONCATENATED MODULE: ./src/simulator/fabric/spark.ts




const spark_json = (p) => {
    const { workspaceId: _w, ...rest } = p;
    return rest;
};
function poolIn(ctx, wsId) {
    const p = ctx.sim.state.sparkPools[(ctx.params.poolId ?? '').toLowerCase()];
    if (!p || p.workspaceId !== wsId)
        throw notFound('SparkSettingsNotFound', 'custom pool');
    return p;
}
function spark_checkName(ctx, wsId, name, exceptId) {
    if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name))
        throw badRequest('InvalidInput', `Pool name '${String(name)}' is not valid.`, [
            {
                errorCode: 'InvalidParameter',
                message: 'name: letters, digits, - and _, starting with a letter, at most 64',
            },
        ]);
    if (Object.values(ctx.sim.state.sparkPools).some((p) => p.workspaceId === wsId && p.id !== exceptId && sameName(p.name, name)))
        throw new FabricError(409, 'PoolNameAlreadyExists', `A pool named '${name}' already exists.`);
    return name;
}
const spark_list = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Viewer');
    const key = `pools:${ws.id}`;
    const pr = readPage(key, ctx.query, []);
    const all = Object.values(ctx.sim.state.sparkPools)
        .filter((p) => p.workspaceId === ws.id)
        .map(spark_json);
    return {
        status: 200,
        body: page(all, pr, ctx.sim.cfg.pageSize, key, `${ctx.sim.url}/v1/workspaces/${ws.id}/spark/pools`),
    };
};
const spark_create = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'create custom pools');
    const b = requireObjectBody(ctx);
    const pool = {
        id: uuid(),
        workspaceId: ws.id,
        name: spark_checkName(ctx, ws.id, b.name),
        type: 'Workspace',
        nodeFamily: b.nodeFamily ?? 'MemoryOptimized',
        nodeSize: b.nodeSize ?? 'Small',
        autoScale: b.autoScale ?? { enabled: true, minNodeCount: 1, maxNodeCount: 2 },
        dynamicExecutorAllocation: b.dynamicExecutorAllocation ?? {
            enabled: false,
            minExecutors: 1,
            maxExecutors: 1,
        },
    };
    ctx.sim.state.sparkPools[pool.id] = pool;
    ctx.sim.changed();
    return {
        status: 201,
        body: spark_json(pool),
        headers: { Location: `${ctx.sim.url}/v1/workspaces/${ws.id}/spark/pools/${pool.id}` },
    };
};
const spark_get = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Viewer');
    return { status: 200, body: spark_json(poolIn(ctx, ws.id)) };
};
const spark_update = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'update custom pools');
    const p = poolIn(ctx, ws.id);
    const b = requireObjectBody(ctx);
    if (b.name !== undefined)
        p.name = spark_checkName(ctx, ws.id, b.name, p.id);
    for (const k of ['nodeFamily', 'nodeSize', 'autoScale', 'dynamicExecutorAllocation'])
        if (b[k] !== undefined)
            p[k] = b[k];
    ctx.sim.changed();
    return { status: 200, body: spark_json(p) };
};
const spark_remove = (ctx) => {
    const { ws } = workspaceFor(ctx, 'Admin', 'delete custom pools');
    delete ctx.sim.state.sparkPools[poolIn(ctx, ws.id).id];
    ctx.sim.changed();
    return { status: 200 };
};
function registerSpark(r) {
    const base = '/workspaces/{workspaceId}/spark/pools';
    r.add('GET', base, spark_list)
        .add('POST', base, spark_create)
        .add('GET', `${base}/{poolId}`, spark_get)
        .add('PATCH', `${base}/{poolId}`, spark_update)
        .add('DELETE', `${base}/{poolId}`, spark_remove);
}

;// CONCATENATED MODULE: ./src/simulator/fabric/routes.ts








function registerFabricRoutes(r) {
    registerWorkspaces(r);
    registerItems(r);
    registerCapacities(r);
    registerRoles(r);
    registerFolders(r);
    registerGit(r);
    registerEnvironments(r);
    registerSpark(r);
    r.add('GET', '/operations/{operationId}', (ctx) => ctx.sim.ops.getState(ctx));
    r.add('GET', '/operations/{operationId}/result', (ctx) => ctx.sim.ops.getResult(ctx));
}

;// CONCATENATED MODULE: ./src/simulator/control.ts





const ok = (body = { ok: true }, status = 200) => ({ status, body });
const fail = (message, status = 400) => ({ status, body: { error: message } });
async function handleControl(sim, _req, method, url, raw) {
    let body;
    try {
        body = parseJson(raw);
    }
    catch {
        return fail('body is not valid JSON');
    }
    const path = url.pathname.replace(/\/+$/, '');
    const route = `${method} ${path}`;
    try {
        switch (route) {
            case 'GET /_sim/health':
                return ok({ status: 'ok', profile: sim.cfg.profile, url: sim.url, tlsUrl: sim.tlsUrl });
            case 'POST /_sim/token': {
                const b = body ?? {};
                const access_token = sim.issueToken({
                    oid: b.oid,
                    appid: b.appid,
                    tid: b.tid,
                    aud: b.aud,
                    upn: b.upn,
                    expiresInSeconds: b.expiresInSeconds,
                });
                return ok({ access_token, token_type: 'Bearer', expires_in: b.expiresInSeconds ?? 3600 });
            }
            case 'GET /_sim/faults':
                return ok({ value: sim.faults.rules });
            case 'POST /_sim/faults': {
                const rules = Array.isArray(body) ? body : [body];
                return ok({ value: rules.map((r) => sim.addFault(r)) }, 201);
            }
            case 'DELETE /_sim/faults':
                sim.faults.clear(url.searchParams.get('id') ?? undefined);
                return ok();
            case 'GET /_sim/state':
                return ok(sim.state);
            case 'POST /_sim/state':
                if (!body || typeof body !== 'object')
                    return fail('expected a JSON object');
                mergeSeed(sim.state, body);
                sim.changed();
                return ok(sim.state);
            case 'GET /_sim/requests': {
                const since = Number(url.searchParams.get('since') ?? 0);
                return ok({ value: sim.log.filter((e) => e.seq > since) });
            }
            case 'DELETE /_sim/requests':
                sim.log.length = 0;
                return ok();
            case 'POST /_sim/reset':
                sim.resetState();
                return ok();
            case 'GET /_sim/config':
                return ok(sim.cfg);
            case 'PATCH /_sim/config':
            case 'POST /_sim/config':
                return ok(patchConfig(sim, body ?? {}));
            case 'POST /_sim/capacities': {
                const c = body;
                if (!c?.displayName)
                    return fail('displayName is required');
                const cap = {
                    id: (c.id ?? uuid()).toLowerCase(),
                    displayName: c.displayName,
                    sku: c.sku ?? 'F2',
                    region: c.region ?? 'West Europe',
                    state: c.state ?? 'Active',
                    ...(c.admins ? { admins: c.admins } : {}),
                };
                sim.state.capacities[cap.id] = cap;
                sim.changed();
                return ok(cap, 201);
            }
            case 'GET /_sim/telemetry':
                return ok({ value: sim.state.telemetry });
            case 'DELETE /_sim/telemetry':
                sim.state.telemetry.length = 0;
                return ok();
            case 'GET /_sim/github-oidc':
            case 'POST /_sim/github-oidc': {
                // A GitHub Actions OIDC token stand-in (ACTIONS_ID_TOKEN_REQUEST_URL), signed by the simulator.
                const now = Math.floor(Date.now() / 1000);
                const claims = {
                    iss: url.searchParams.get('issuer') ?? DEFAULTS.federated.issuer,
                    sub: url.searchParams.get('subject') ?? DEFAULTS.federated.subject,
                    aud: url.searchParams.get('audience') ?? DEFAULTS.federated.audience,
                    iat: now,
                    nbf: now - 5,
                    exp: now + 300,
                    repository: 'contoso/fabric-project',
                    ref: 'refs/heads/main',
                };
                return ok({ count: 1, value: signJwt(claims, sim.key.privateKey, { kid: sim.key.kid }) });
            }
            case 'GET /_sim/exchanges':
                return ok({ value: sim.exchanges });
        }
        let m = /^\/_sim\/capacities\/([^/]+)$/.exec(path);
        if (m && (method === 'PATCH' || method === 'POST')) {
            const cap = sim.state.capacities[m[1].toLowerCase()];
            if (!cap)
                return fail('capacity not found', 404);
            Object.assign(cap, pick(body ?? {}, ['displayName', 'sku', 'region', 'state', 'admins']));
            sim.changed();
            return ok(cap);
        }
        m = /^\/_sim\/git\/remotes\/(.+)$/.exec(path);
        if (m) {
            const key = decodeURIComponent(m[1]);
            if (method === 'GET')
                return sim.state.gitRemotes[key] ? ok(sim.state.gitRemotes[key]) : fail('remote not found', 404);
            if (method === 'PUT' || method === 'POST') {
                const items = (body?.items ?? []).map((i) => ({
                    logicalId: String(i.logicalId ?? uuid()).toLowerCase(),
                    type: i.type,
                    displayName: i.displayName,
                    description: i.description ?? '',
                    parts: i.parts,
                    hash: i.hash ??
                        contentHash({
                            displayName: i.displayName,
                            description: i.description,
                            definition: i.parts ? { parts: i.parts } : undefined,
                        }),
                }));
                sim.state.gitRemotes[key] = { head: body?.head ?? randomSha1(), items };
                sim.changed();
                return ok(sim.state.gitRemotes[key]);
            }
        }
        if (path === '/_sim/git/remotes' && method === 'GET')
            return ok(sim.state.gitRemotes);
        return fail(`unknown control endpoint ${route}`, 404);
    }
    catch (e) {
        return fail(e.message);
    }
}
function pick(o, keys) {
    return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
/** Runtime knobs tests may change without a restart. */
function patchConfig(sim, b) {
    const c = sim.cfg;
    const allowed = [
        'pageSize',
        'retryAfterSeconds',
        'syncCreateTypes',
        'nameReservationMs',
        'requireCapacity',
        'validateRequests',
        'lroDelayMs',
        'sqlEndpointProvisionMs',
        'capacityAssignMs',
        'environmentPublishMs',
        'latencyMs',
    ];
    for (const k of allowed)
        if (k in b)
            c[k] = b[k];
    if ('tokenLifetimeSeconds' in b)
        sim.tokenLifetimeSeconds = Number(b.tokenLifetimeSeconds);
    if ('rateLimitPerMinute' in b || 'lroRateLimitPerMinute' in b) {
        const num = (v) => (v === null || v === undefined ? Infinity : Number(v));
        if ('rateLimitPerMinute' in b)
            c.rateLimitPerMinute = num(b.rateLimitPerMinute);
        if ('lroRateLimitPerMinute' in b)
            c.lroRateLimitPerMinute = num(b.lroRateLimitPerMinute);
        sim.throttle.setLimits({ platform: sim.cfg.rateLimitPerMinute, lro: sim.cfg.lroRateLimitPerMinute });
    }
    return { ...sim.cfg, tokenLifetimeSeconds: sim.tokenLifetimeSeconds };
}

;// CONCATENATED MODULE: ./src/simulator/companions/entra.ts
/**
 * Entra ID (login.microsoftonline.com) stand-in: OpenID discovery, instance
 * discovery, JWKS, the v2.0 token endpoint (client credentials with a secret,
 * a certificate-signed assertion or a federated assertion) and managed-identity
 * endpoints (App Service style and IMDS style). Errors use Entra's shape
 * {error, error_description "AADSTSnnn: …", error_codes, timestamp, trace_id, correlation_id}.
 */



const JSON_HDR = { 'Cache-Control': 'no-store' };
function entraError(status, error, code, message, correlationId) {
    const trace = (0,external_node_crypto_.randomUUID)();
    const corr = correlationId ?? (0,external_node_crypto_.randomUUID)();
    const ts = new Date()
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z');
    return {
        status,
        headers: JSON_HDR,
        body: {
            error,
            error_description: `AADSTS${code}: ${message} Trace ID: ${trace} Correlation ID: ${corr} Timestamp: ${ts}`,
            error_codes: [code],
            timestamp: ts,
            trace_id: trace,
            correlation_id: corr,
            error_uri: `https://login.microsoftonline.com/error?code=${code}`,
        },
    };
}
function tenantMatches(sim, t) {
    const tl = t.toLowerCase();
    return tl === sim.tenantId || tl === 'contoso.onmicrosoft.com' || tl === 'organizations' || tl === 'common';
}
function openIdConfiguration(sim, tenant) {
    const base = `${sim.tlsUrl}/${tenant}`;
    return {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${sim.tlsUrl}/${sim.tenantId}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${sim.tlsUrl}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid'],
        kerberos_endpoint: `${base}/kerberos`,
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
    };
}
/** Resource (audience) from a `.default` scope list. */
function resourceOf(scope) {
    const s = scope.split(/\s+/).find((x) => /\/\.default$/.test(x));
    return s?.replace(/\/\.default$/, '');
}
function thumbprints(pem) {
    const der = new external_node_crypto_.X509Certificate(pem).raw;
    return {
        sha1: (0,external_node_crypto_.createHash)('sha1').update(der).digest('base64url'),
        sha256: (0,external_node_crypto_.createHash)('sha256').update(der).digest('base64url'),
    };
}
function handleEntra(sim, r) {
    const p = r.url.pathname;
    let m;
    if ((m = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(p)) && r.method === 'GET') {
        if (!tenantMatches(sim, m[1]))
            return entraError(400, 'invalid_tenant', 90002, `Tenant '${m[1]}' not found.`);
        return { status: 200, body: openIdConfiguration(sim, m[1]) };
    }
    if (/^\/common\/discovery\/instance$/.test(p) && r.method === 'GET') {
        const host = new URL(sim.tlsUrl).host;
        return {
            status: 200,
            body: {
                tenant_discovery_endpoint: `${sim.tlsUrl}/${sim.tenantId}/v2.0/.well-known/openid-configuration`,
                'api-version': '1.1',
                metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
            },
        };
    }
    if ((m = /^\/([^/]+)\/discovery\/(v2\.0\/)?keys$/.exec(p)) && r.method === 'GET')
        return { status: 200, body: { keys: [publicJwk(sim.key)] } };
    if ((m = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(p))) {
        if (r.method !== 'POST')
            return entraError(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
        return tokenEndpoint(sim, r, m[1]);
    }
    return undefined;
}
function tokenEndpoint(sim, r, tenant) {
    const form = new URLSearchParams(r.body.toString('utf8'));
    const corr = String(r.req.headers['client-request-id'] ?? '') || undefined;
    if (!tenantMatches(sim, tenant) || tenant === 'common' || tenant === 'organizations')
        return entraError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID.`, corr);
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials')
        return entraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant ?? ''}'.`, corr);
    let clientId = form.get('client_id') ?? '';
    // client_secret_basic
    const auth = r.req.headers.authorization;
    let secret = form.get('client_secret');
    if (!secret && auth && /^Basic /i.test(auth)) {
        const [id, s] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
        clientId ||= decodeURIComponent(id ?? '');
        secret = decodeURIComponent(s ?? '');
    }
    const app = sim.state.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
    if (!app)
        return entraError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${sim.tenantId}'.`, corr);
    const resource = resourceOf(form.get('scope') ?? '');
    if (!resource)
        return entraError(400, 'invalid_scope', 1002012, `The provided value for scope '${form.get('scope') ?? ''}' is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`, corr);
    const assertion = form.get('client_assertion');
    if (secret !== null && secret !== undefined) {
        if (!app.secrets.includes(secret))
            return entraError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.', corr);
    }
    else if (assertion) {
        if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
            return entraError(400, 'invalid_request', 7000219, "'client_assertion_type' must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.", corr);
        const bad = checkAssertion(sim, app, assertion, `${sim.tlsUrl}/${tenant}/oauth2/v2.0/token`, corr);
        if (bad)
            return bad;
    }
    else
        return entraError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", corr);
    const lifetime = sim.tokenLifetimeSeconds;
    const access_token = mintToken(sim.key, sim.tenantId, {
        oid: app.servicePrincipalId,
        appid: app.clientId,
        aud: resource,
        expiresInSeconds: lifetime,
    });
    return {
        status: 200,
        headers: JSON_HDR,
        body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token },
    };
}
function checkAssertion(sim, app, assertion, tokenEndpoint, corr) {
    const jwt = decodeJwt(assertion);
    if (!jwt)
        return entraError(400, 'invalid_client', 50027, 'JWT token is invalid or malformed.', corr);
    const { header, payload } = jwt;
    const now = Date.now() / 1000;
    if (typeof payload.exp !== 'number' || payload.exp < now - 300)
        return entraError(400, 'invalid_client', 700024, 'Client assertion is not within its valid time range.', corr);
    const thumb = header['x5t#S256'] ?? header.x5t;
    if (thumb) {
        // Certificate credential: iss = sub = client id, aud = the token endpoint, signed by a registered certificate.
        if (payload.iss !== app.clientId || payload.sub !== app.clientId)
            return entraError(401, 'invalid_client', 700021, "Client assertion application identifier doesn't match 'client_id' parameter.", corr);
        const cert = app.certificates.find((pem) => {
            const t = thumbprints(pem);
            return header['x5t#S256'] ? t.sha256 === header['x5t#S256'] : t.sha1 === header.x5t;
        });
        if (!cert)
            return entraError(401, 'invalid_client', 700027, `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${thumb}']`, corr);
        if (!verifyJwtSignature(jwt, new external_node_crypto_.X509Certificate(cert)))
            return entraError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.', corr);
        const aud = String(payload.aud ?? '');
        if (aud.replace(/\/$/, '') !== tokenEndpoint && !aud.startsWith(sim.tlsUrl))
            return entraError(401, 'invalid_client', 700027, `Client assertion audience '${aud}' does not match the token endpoint.`, corr);
        return undefined;
    }
    // Federated credential: issuer, subject and audience must match a registered record.
    const iss = String(payload.iss ?? '');
    const sub = String(payload.sub ?? '');
    const auds = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).map(String);
    const byIssuer = app.federatedCredentials.filter((f) => f.issuer === iss);
    const detail = `Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${auds.join(',')}'.`;
    if (!byIssuer.length)
        return entraError(400, 'invalid_client', 70021, `No matching federated identity record found for presented assertion. ${detail}`, corr);
    const bySubject = byIssuer.filter((f) => f.subject === sub);
    if (!bySubject.length)
        return entraError(400, 'invalid_client', 700213, `No matching federated identity record found for presented assertion subject '${sub}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`, corr);
    if (!bySubject.some((f) => auds.includes(f.audience)))
        return entraError(400, 'invalid_client', 700212, `No matching federated identity record found for presented assertion audience '${auds.join(',')}'.`, corr);
    // Assertions minted by the simulator (its GitHub OIDC stand-in) must carry its signature;
    // third-party issuers cannot be verified offline and are trusted on their claims.
    if (jwt.header.kid === sim.key.kid && !verifyJwtSignature(jwt, sim.key.publicKey))
        return entraError(400, 'invalid_client', 50027, 'JWT token failed signature validation.', corr);
    return undefined;
}
/** Managed identity: App Service style (`/msi/token`, X-IDENTITY-HEADER) and IMDS style (`/metadata/identity/oauth2/token`, Metadata: true). */
function handleManagedIdentity(sim, r) {
    const p = r.url.pathname;
    const q = r.url.searchParams;
    const imds = p === '/metadata/identity/oauth2/token';
    if (!imds && p !== '/msi/token')
        return undefined;
    if (r.method !== 'GET' && r.method !== 'POST')
        return { status: 405, body: { error: 'invalid_request', error_description: 'GET only' } };
    if (imds && String(r.req.headers.metadata ?? '').toLowerCase() !== 'true')
        return {
            status: 400,
            body: { error: 'invalid_request', error_description: 'Required metadata header not specified' },
        };
    if (!imds && !r.req.headers['x-identity-header'] && !r.req.headers.secret)
        return { status: 401, body: { statusCode: 401, message: 'X-IDENTITY-HEADER is missing.' } };
    const resource = (q.get('resource') ?? '').replace(/\/\.default$/, '').replace(/\/$/, '');
    if (!resource)
        return {
            status: 400,
            body: { error: 'invalid_request', error_description: 'Required query variable resource is missing' },
        };
    const wanted = q.get('client_id') ??
        q.get('clientid') ??
        q.get('object_id') ??
        q.get('principal_id') ??
        q.get('mi_res_id') ??
        q.get('msi_res_id');
    const mi = wanted
        ? sim.state.managedIdentities.find((m) => [m.clientId, m.principalId].includes(wanted.toLowerCase()) ||
            wanted.toLowerCase().endsWith(`/${m.displayName.toLowerCase()}`))
        : sim.state.managedIdentities[0];
    if (!mi)
        return { status: 400, body: { error: 'invalid_request', error_description: 'Identity not found' } };
    const lifetime = sim.tokenLifetimeSeconds;
    const token = mintToken(sim.key, sim.tenantId, {
        oid: mi.principalId,
        appid: mi.clientId,
        aud: resource,
        expiresInSeconds: lifetime,
    });
    const expiresOn = Math.floor(Date.now() / 1000) + lifetime;
    const body = {
        access_token: token,
        expires_on: String(expiresOn),
        resource,
        token_type: 'Bearer',
        client_id: mi.clientId,
    };
    if (imds)
        Object.assign(body, {
            refresh_token: '',
            expires_in: String(lifetime),
            ext_expires_in: String(lifetime),
            not_before: String(expiresOn - lifetime),
        });
    return { status: 200, body };
}

;// CONCATENATED MODULE: ./src/simulator/companions/keyvault.ts
/**
 * Key Vault secrets at the root of the HTTPS server (the SDK parses secret ids
 * as `https://host/secrets/{name}/{version}`, so the vault cannot live under a
 * path prefix; one vault per simulator). Challenge authentication: a request
 * without a token gets 401 + WWW-Authenticate naming the authority and the
 * resource https://vault.azure.net. Errors use Key Vault's {error:{code,message}}.
 */




const kvError = (status, code, message, headers = {}) => ({
    status,
    headers,
    body: { error: { code, message } },
});
function vault(sim) {
    sim.state.vaults[DEFAULTS.vaultName] ??= {};
    return sim.state.vaults[DEFAULTS.vaultName];
}
function bundle(sim, name, v, withValue = true) {
    const out = {
        id: `${sim.tlsUrl}/secrets/${name}/${v.version}`,
        attributes: {
            enabled: v.enabled,
            created: v.created,
            updated: v.updated,
            recoveryLevel: 'Recoverable+Purgeable',
            recoverableDays: 90,
        },
    };
    if (withValue)
        out.value = v.value;
    if (v.contentType)
        out.contentType = v.contentType;
    if (v.tags)
        out.tags = v.tags;
    return out;
}
function handleKeyVault(sim, r) {
    const p = r.url.pathname;
    if (!/^\/(secrets|deletedsecrets)(\/|$)/.test(p))
        return undefined;
    if (!r.url.searchParams.get('api-version'))
        return kvError(400, 'BadParameter', 'The request URI must contain an api-version query parameter.');
    // Challenge: no Authorization header → 401 naming the authority and resource.
    if (!r.req.headers.authorization)
        return kvError(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.', {
            'WWW-Authenticate': `Bearer authorization="${sim.tlsUrl}/${sim.tenantId}", resource="${VAULT_AUDIENCE}"`,
        });
    try {
        authenticate(r.req, sim.key, sim.state, [VAULT_AUDIENCE]);
    }
    catch (e) {
        const err = e;
        return kvError(401, 'Unauthorized', `AKV10022: ${err.message}`, {
            'WWW-Authenticate': `Bearer authorization="${sim.tlsUrl}/${sim.tenantId}", resource="${VAULT_AUDIENCE}"`,
        });
    }
    const secrets = vault(sim);
    const segs = p.split('/').filter(Boolean).map(decodeURIComponent);
    const [collection, name, version] = segs;
    if (collection === 'deletedsecrets') {
        if (r.method === 'DELETE' && name)
            return { status: 204 };
        return kvError(404, 'SecretNotFound', `Deleted Secret not found: ${name ?? ''}`);
    }
    if (!name) {
        if (r.method !== 'GET')
            return kvError(405, 'MethodNotAllowed', 'Method not allowed.');
        const value = Object.entries(secrets)
            .filter(([, vs]) => vs.length)
            .map(([n, vs]) => {
            const b = bundle(sim, n, vs[vs.length - 1], false);
            b.id = `${sim.tlsUrl}/secrets/${n}`;
            return b;
        });
        return { status: 200, body: { value, nextLink: null } };
    }
    if (!/^[0-9a-zA-Z-]{1,127}$/.test(name))
        return kvError(400, 'BadParameter', `The secret name '${name}' is invalid; use alphanumerics and dashes.`);
    const versions = secrets[name];
    if (r.method === 'PUT' && !version) {
        let body;
        try {
            body = parseJson(r.body);
        }
        catch {
            return kvError(400, 'BadParameter', 'The request body is not valid JSON.');
        }
        if (!body || typeof body.value !== 'string')
            return kvError(400, 'BadParameter', 'Property value is required.');
        const now = Math.floor(Date.now() / 1000);
        const rec = {
            version: (0,external_node_crypto_.randomBytes)(16).toString('hex'),
            value: body.value,
            contentType: body.contentType,
            enabled: body.attributes?.enabled ?? true,
            created: now,
            updated: now,
            tags: body.tags,
        };
        (secrets[name] ??= []).push(rec);
        sim.changed();
        return { status: 200, body: bundle(sim, name, rec) };
    }
    if (r.method === 'GET' && version === 'versions') {
        if (!versions?.length)
            return kvError(404, 'SecretNotFound', `A secret with (name/id) ${name} was not found in this key vault.`);
        return { status: 200, body: { value: versions.map((v) => bundle(sim, name, v, false)), nextLink: null } };
    }
    if (r.method === 'GET') {
        const v = version ? versions?.find((x) => x.version === version) : versions?.[versions.length - 1];
        if (!v)
            return kvError(404, 'SecretNotFound', `A secret with (name/id) ${name}${version ? `/${version}` : ''} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command.`);
        if (!v.enabled)
            return kvError(403, 'Forbidden', `Operation get is not allowed on a disabled secret.`);
        return { status: 200, body: bundle(sim, name, v) };
    }
    if (r.method === 'DELETE' && !version) {
        if (!versions?.length)
            return kvError(404, 'SecretNotFound', `A secret with (name/id) ${name} was not found in this key vault.`);
        const last = versions[versions.length - 1];
        delete secrets[name];
        sim.changed();
        const now = Math.floor(Date.now() / 1000);
        return {
            status: 200,
            body: {
                ...bundle(sim, name, last, false),
                recoveryId: `${sim.tlsUrl}/deletedsecrets/${name}`,
                deletedDate: now,
                scheduledPurgeDate: now + 90 * 86400,
            },
        };
    }
    if (r.method === 'PATCH' && version) {
        const v = versions?.find((x) => x.version === version);
        if (!v)
            return kvError(404, 'SecretNotFound', `A secret with (name/id) ${name}/${version} was not found in this key vault.`);
        const body = (parseJson(r.body) ?? {});
        if (body.contentType !== undefined)
            v.contentType = body.contentType;
        if (body.attributes?.enabled !== undefined)
            v.enabled = body.attributes.enabled;
        if (body.tags !== undefined)
            v.tags = body.tags;
        v.updated = Math.floor(Date.now() / 1000);
        sim.changed();
        return { status: 200, body: bundle(sim, name, v, false) };
    }
    return kvError(405, 'MethodNotAllowed', `${r.method} is not supported here.`);
}

;// CONCATENATED MODULE: ./src/simulator/companions/graph.ts

function graphError(status, code, message, requestId) {
    return {
        status,
        headers: { 'request-id': requestId, 'client-request-id': requestId },
        body: {
            error: {
                code,
                message,
                innerError: {
                    date: new Date().toISOString().replace(/\.\d+Z$/, ''),
                    'request-id': requestId,
                    'client-request-id': requestId,
                },
            },
        },
    };
}
function graph_select(o, q) {
    const sel = q.get('$select');
    if (!sel)
        return o;
    const keys = sel.split(',').map((s) => s.trim());
    return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k) || k.startsWith('@odata')));
}
/** `prop eq 'value'` (quotes doubled inside), optionally `startswith(prop,'v')`; returns a predicate or an error message. */
function parseFilter(filter, allowed) {
    const eq = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
    if (eq) {
        const [, prop, raw] = eq;
        if (!allowed.includes(prop))
            return `Unsupported or invalid query filter clause specified for property '${prop}' of resource.`;
        const value = raw.replace(/''/g, "'");
        return (o) => String(o[prop] ?? '').toLowerCase() === value.toLowerCase();
    }
    const sw = /^\s*startswith\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i.exec(filter);
    if (sw) {
        const [, prop, raw] = sw;
        if (!allowed.includes(prop))
            return `Unsupported or invalid query filter clause specified for property '${prop}' of resource.`;
        const value = raw.replace(/''/g, "'").toLowerCase();
        return (o) => String(o[prop] ?? '')
            .toLowerCase()
            .startsWith(value);
    }
    return `Invalid filter clause: syntax error in '${filter}'.`;
}
function handleGraph(sim, r) {
    const m = /^\/graph\/v1\.0(\/.*)$/.exec(r.url.pathname);
    if (!m)
        return undefined;
    const rid = r.requestId;
    try {
        authenticate(r.req, sim.key, sim.state, [GRAPH_AUDIENCE]);
    }
    catch (e) {
        const msg = e.message;
        return graphError(401, /expired/i.test(msg) ? 'InvalidAuthenticationToken' : 'InvalidAuthenticationToken', msg, rid);
    }
    if (r.method !== 'GET')
        return graphError(405, 'Request_BadRequest', 'Only GET is supported by the simulator.', rid);
    const path = decodeURIComponent(m[1]);
    const q = r.url.searchParams;
    const dir = sim.state.directory;
    const ctxUrl = `https://graph.microsoft.com/v1.0/$metadata`;
    const users = dir.users.map((u) => ({
        id: u.id,
        userPrincipalName: u.userPrincipalName,
        displayName: u.displayName,
        mail: u.mail ?? null,
    }));
    const groups = dir.groups.map((g) => ({
        id: g.id,
        displayName: g.displayName,
        securityEnabled: g.securityEnabled,
        mailEnabled: g.mailEnabled,
    }));
    const sps = dir.servicePrincipals.map((s) => ({ id: s.id, appId: s.appId, displayName: s.displayName, servicePrincipalType: 'Application' }));
    const notFound = (what) => graphError(404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`, rid);
    const list = (coll, all, allowed) => {
        let value = all;
        const f = q.get('$filter');
        if (f) {
            const pred = parseFilter(f, allowed);
            if (typeof pred === 'string')
                return graphError(400, 'Request_UnsupportedQuery', pred, rid);
            value = all.filter(pred);
        }
        const top = Number(q.get('$top') ?? 0);
        if (top > 0)
            value = value.slice(0, top);
        return {
            status: 200,
            body: { '@odata.context': `${ctxUrl}#${coll}`, value: value.map((o) => graph_select(o, q)) },
        };
    };
    let mm;
    if (path === '/users')
        return list('users', users, ['userPrincipalName', 'displayName', 'mail', 'id']);
    if ((mm = /^\/users(?:\('(.+)'\)|\/(.+))$/.exec(path))) {
        const key = (mm[1] ?? mm[2]).replace(/''/g, "'").toLowerCase();
        const u = users.find((x) => x.id === key || String(x.userPrincipalName).toLowerCase() === key);
        return u
            ? { status: 200, body: { '@odata.context': `${ctxUrl}#users/$entity`, ...graph_select(u, q) } }
            : notFound(mm[1] ?? mm[2]);
    }
    if (path === '/groups')
        return list('groups', groups, ['displayName', 'id', 'mailNickname']);
    if ((mm = /^\/groups\/(.+)$/.exec(path))) {
        const g = groups.find((x) => x.id === mm[1].toLowerCase());
        return g
            ? { status: 200, body: { '@odata.context': `${ctxUrl}#groups/$entity`, ...graph_select(g, q) } }
            : notFound(mm[1]);
    }
    if (path === '/servicePrincipals')
        return list('servicePrincipals', sps, ['appId', 'displayName', 'id']);
    if ((mm = /^\/servicePrincipals\(appId='(.+)'\)$/.exec(path))) {
        const s = sps.find((x) => String(x.appId).toLowerCase() === mm[1].toLowerCase());
        return s
            ? { status: 200, body: { '@odata.context': `${ctxUrl}#servicePrincipals/$entity`, ...graph_select(s, q) } }
            : notFound(mm[1]);
    }
    if ((mm = /^\/servicePrincipals\/(.+)$/.exec(path))) {
        const s = sps.find((x) => x.id === mm[1].toLowerCase());
        return s
            ? { status: 200, body: { '@odata.context': `${ctxUrl}#servicePrincipals/$entity`, ...graph_select(s, q) } }
            : notFound(mm[1]);
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`, rid);
}

;// CONCATENATED MODULE: ./src/simulator/companions/appinsights.ts
const MAX_KEPT = 20000;
function parseEnvelopes(text) {
    const t = text.trim();
    if (!t)
        return [];
    try {
        const j = JSON.parse(t);
        return Array.isArray(j) ? j : [j];
    }
    catch {
        return t
            .split(/\r?\n/)
            .filter((l) => l.trim())
            .map((l) => JSON.parse(l));
    }
}
function handleAppInsights(sim, r) {
    const p = r.url.pathname.replace(/\/+$/, '');
    if (p !== '/v2.1/track' && p !== '/v2/track') {
        // The SDK's live-metrics ping: say "not subscribed" so it stays quiet.
        if (/QuickPulseService\.svc/i.test(p))
            return { status: 200, headers: { 'x-ms-qps-subscribed': 'false' }, body: {} };
        return undefined;
    }
    if (r.method !== 'POST')
        return { status: 405, body: { itemsReceived: 0, itemsAccepted: 0, errors: [] } };
    let envelopes;
    try {
        envelopes = parseEnvelopes(r.body.toString('utf8'));
    }
    catch {
        return {
            status: 400,
            body: {
                itemsReceived: 0,
                itemsAccepted: 0,
                errors: [{ index: 0, statusCode: 400, message: 'Invalid JSON' }],
            },
        };
    }
    const errors = [];
    envelopes.forEach((e, index) => {
        const env = e;
        if (!env || typeof env !== 'object' || typeof env.name !== 'string' || typeof env.time !== 'string')
            errors.push({ index, statusCode: 400, message: 'Field name and time are required' });
        else if (!env.iKey && !env.instrumentationKey)
            errors.push({ index, statusCode: 400, message: 'Invalid instrumentation key' });
    });
    const accepted = envelopes.filter((_, i) => !errors.some((x) => x.index === i));
    const t = sim.state.telemetry;
    t.push(...accepted);
    if (t.length > MAX_KEPT)
        t.splice(0, t.length - MAX_KEPT);
    return {
        status: errors.length && !accepted.length ? 400 : errors.length ? 206 : 200,
        body: { itemsReceived: envelopes.length, itemsAccepted: accepted.length, errors },
    };
}

;// CONCATENATED MODULE: ./src/simulator/companions/dispatch.ts




async function handleCompanion(sim, r) {
    const reply = handleManagedIdentity(sim, r) ??
        handleAppInsights(sim, r) ??
        handleGraph(sim, r) ??
        handleKeyVault(sim, r) ??
        handleEntra(sim, r);
    if (reply)
        return reply;
    return {
        status: 404,
        body: { error: { code: 'NotFound', message: `No route for ${r.method} ${r.url.pathname}` } },
    };
}

;// CONCATENATED MODULE: ./src/simulator/requestSchemas.generated.ts
const REQUEST_SCHEMAS = {
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

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(42463);
var ajv_default = /*#__PURE__*/__webpack_require__.n(ajv);
// EXTERNAL MODULE: ./node_modules/ajv-formats/dist/index.js
var ajv_formats_dist = __webpack_require__(82815);
var dist_default = /*#__PURE__*/__webpack_require__.n(ajv_formats_dist);
;// CONCATENATED MODULE: ./src/simulator/ajv.ts
/** One Ajv set-up for the runtime validator and the contract checker (Swagger 2.0 formats as no-ops). */


// ajv and ajv-formats are CommonJS with `default` exports; normalise for ESM and bundlers.
const Ajv = (ajv_default())["default"] ?? (ajv_default());
const addFormats = (dist_default())["default"] ?? (dist_default());
function newAjv() {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const f of ['int32', 'int64', 'double', 'float', 'byte', 'binary'])
        ajv.addFormat(f, true);
    // Responses: the spec's own examples carry date-times without an offset.
    ajv.addFormat('loose-date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i);
    return ajv;
}

;// CONCATENATED MODULE: ./src/simulator/validation.ts
/**
 * Runtime request validation: bodies against the schemas generated from the
 * spec (requestSchemas.generated.ts), answering 400 InvalidInput with the
 * problems in moreDetails as the real service does; typed query parameters
 * (booleans, integers) answer 400 InvalidParameter.
 */



let validation_ajv;
const compiled = new Map();
function validatorFor(key, schema) {
    let v = compiled.get(key);
    if (!v) {
        validation_ajv ??= newAjv();
        v = validation_ajv.compile(schema);
        compiled.set(key, v);
    }
    return v;
}
function validateRequest(method, template, body, query) {
    const key = `${method} ${template}`;
    const s = REQUEST_SCHEMAS[key];
    if (!s)
        return;
    for (const q of s.query) {
        const v = query.get(q.name);
        if (v === null || v === '')
            continue;
        const ok = q.type === 'boolean' ? /^(true|false)$/i.test(v) : q.type === 'integer' ? /^-?\d+$/.test(v) : true;
        if (!ok)
            throw new FabricError(400, 'InvalidParameter', `The value '${v}' of query parameter '${q.name}' is not a valid ${q.type}.`);
    }
    if (!s.body)
        return;
    if (body === undefined) {
        if (s.bodyRequired)
            throw new FabricError(400, 'InvalidInput', 'The request body is required.', {
                moreDetails: [{ errorCode: 'InvalidParameter', message: 'The request body is missing.' }],
            });
        return;
    }
    const v = validatorFor(key, s.body);
    if (!v(body)) {
        const details = v.errors
            .filter((e) => e.keyword !== 'if')
            .slice(0, 20)
            .map((e) => ({
            errorCode: 'InvalidParameter',
            message: `${e.instancePath || '(body)'} ${e.message}${e.params?.allowedValues ? `: ${e.params.allowedValues.join(', ')}` : ''}`.trim(),
        }));
        throw new FabricError(400, 'InvalidInput', 'The request has an invalid input.', { moreDetails: details });
    }
}

;// CONCATENATED MODULE: ./src/simulator/persistence.ts
/**
 * `statePath`: load at start, save (debounced) after changes and on close.
 * Writes go to a temp file renamed over the target so a crash never leaves
 * half a JSON file. Telemetry is not persisted (it is a test aid).
 */



class Persistence {
    path;
    getState;
    signingKeyPem;
    debounceMs;
    timer;
    dirty = false;
    constructor(path, getState, 
    /** The token-signing key travels with the state so tokens survive a restart. */
    signingKeyPem, debounceMs = 200) {
        this.path = path;
        this.getState = getState;
        this.signingKeyPem = signingKeyPem;
        this.debounceMs = debounceMs;
    }
    load() {
        if (!(0,external_node_fs_.existsSync)(this.path))
            return undefined;
        const text = (0,external_node_fs_.readFileSync)(this.path, 'utf8');
        if (!text.trim())
            return undefined;
        const { _signingKey, ...data } = JSON.parse(text);
        if (data.version !== 1)
            throw new Error(`${this.path}: unsupported simulator state version ${String(data.version)}`);
        // Fill anything an older file lacks from a fresh state.
        return {
            state: { ...createInitialState(), ...data, telemetry: [] },
            signingKeyPem: _signingKey,
        };
    }
    schedule() {
        this.dirty = true;
        if (this.timer)
            return;
        this.timer = setTimeout(() => this.flush(), this.debounceMs);
        this.timer.unref();
    }
    flush() {
        if (this.timer)
            clearTimeout(this.timer);
        this.timer = undefined;
        if (!this.dirty)
            return;
        this.dirty = false;
        const { telemetry: _t, ...rest } = this.getState();
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(this.path), { recursive: true });
        const tmp = `${this.path}.${process.pid}.tmp`;
        (0,external_node_fs_.writeFileSync)(tmp, JSON.stringify({ ...rest, _signingKey: this.signingKeyPem() }, null, 1));
        (0,external_node_fs_.renameSync)(tmp, this.path);
    }
}

;// CONCATENATED MODULE: ./src/simulator/simulator.ts
/**
 * The simulator instance: two servers on 127.0.0.1 (plain HTTP for the Fabric
 * API, control API, managed identity and App Insights; HTTPS for Entra ID, Key
 * Vault, Graph and App Insights) sharing one state, one signing key, one fault
 * table and one request log.
 */




















const LOG_LIMIT = 20000;
class Simulator {
    options;
    cfg;
    state;
    key;
    router = new Router();
    ops;
    throttle;
    faults;
    random;
    /** Latency jitter has its own generator so it never shifts the fault sequence. */
    jitter;
    log = [];
    exchanges = [];
    recordExchanges;
    seq = 0;
    httpServer;
    httpsServer;
    sockets = new Set();
    hanging = new Set();
    cert;
    persistence;
    url = '';
    tlsUrl = '';
    /** Items being created by a pending LRO: their names are taken already. */
    pendingNames = new Map();
    /** Called for every request log entry (the CLI prints them unless --quiet). */
    onLog;
    /** Lifetime override for tokens issued by the Entra endpoints (control API). */
    tokenLifetimeSeconds;
    constructor(options = {}) {
        this.options = options;
        this.cfg = resolveConfig(options);
        this.state = createInitialState();
        this.key = processSigningKey();
        this.random = seededRandom(this.cfg.seed);
        this.jitter = seededRandom(this.cfg.seed + 1);
        this.ops = new Operations(this);
        this.throttle = new Throttle({ platform: this.cfg.rateLimitPerMinute, lro: this.cfg.lroRateLimitPerMinute }, Math.max(1, 60_000 * this.cfg.timeScale));
        this.faults = new Faults(this.random);
        for (const f of options.faults ?? [])
            this.faults.add(f);
        this.recordExchanges = !!options.recordExchanges || !!process.env.SIM_CONTRACT_LOG;
        this.tokenLifetimeSeconds = this.cfg.tokenLifetimeSeconds;
        registerFabricRoutes(this.router);
    }
    get tenantId() {
        return this.state.tenantId;
    }
    async start() {
        if (this.options.statePath) {
            this.persistence = new Persistence(this.options.statePath, () => this.state, () => this.key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
            const loaded = this.persistence.load();
            if (loaded) {
                this.state = loaded.state;
                if (loaded.signingKeyPem)
                    this.key = newSigningKey(loaded.signingKeyPem);
                this.ops.adoptLoaded();
            }
            this.changed();
        }
        this.cert = simulatorCert();
        this.httpServer = external_node_http_default().createServer((req, res) => void this.onRequest(req, res, false));
        this.httpsServer = external_node_https_default().createServer({ key: this.cert.keyPem, cert: this.cert.certPem }, (req, res) => void this.onRequest(req, res, true));
        for (const s of [this.httpServer, this.httpsServer]) {
            s.keepAliveTimeout = 5000;
            s.on('connection', (sock) => {
                this.sockets.add(sock);
                sock.on('close', () => this.sockets.delete(sock));
            });
            s.on('secureConnection', (sock) => {
                this.sockets.add(sock);
                sock.on('close', () => this.sockets.delete(sock));
            });
        }
        const listen = (s, port) => new Promise((resolve, reject) => {
            s.once('error', reject);
            s.listen(port, '127.0.0.1', () => resolve(s.address().port));
        });
        const port = await listen(this.httpServer, this.options.port ?? 0);
        const tlsPort = await listen(this.httpsServer, this.options.tlsPort ?? 0);
        this.url = `http://127.0.0.1:${port}`;
        this.tlsUrl = `https://127.0.0.1:${tlsPort}`;
    }
    get caCertPath() {
        return this.cert.certPath;
    }
    get caCertPem() {
        return this.cert.certPem;
    }
    async close() {
        this.ops.stop();
        this.persistence?.flush();
        for (const r of this.hanging)
            r.destroy();
        this.hanging.clear();
        const closing = [this.httpServer, this.httpsServer].map((s) => new Promise((resolve) => (s ? s.close(() => resolve()) : resolve())));
        for (const s of this.sockets)
            s.destroy();
        await Promise.all(closing);
        if (this.cert)
            (0,external_node_fs_.rmSync)(this.cert.dir, { recursive: true, force: true });
        this.flushContractLog();
    }
    /** Call after every state mutation: schedules a debounced save. */
    changed() {
        this.persistence?.schedule();
    }
    issueToken(claims = {}) {
        const c = { ...claims };
        if (c.appid && !c.oid) {
            // An app token carries the service principal's object id as oid.
            const sp = this.state.directory.servicePrincipals.find((s) => s.appId === c.appid);
            c.oid = sp?.id ?? c.appid;
        }
        return mintToken(this.key, this.tenantId, c);
    }
    resetState() {
        this.ops.stop();
        this.state = createInitialState();
        this.pendingNames.clear();
        this.faults.clear();
        this.throttle.reset();
        this.log.length = 0;
        this.changed();
    }
    addFault(rule) {
        return this.faults.add(rule);
    }
    // ------------------------------------------------------------------ pipeline
    async onRequest(req, res, secure) {
        const started = performance.now();
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const method = (req.method ?? 'GET').toUpperCase();
        const requestId = uuid();
        const entry = {
            seq: ++this.seq,
            time: new Date().toISOString(),
            method,
            path: url.pathname,
            query: url.search,
            status: 0,
            durationMs: 0,
        };
        // Who is calling, for the log; never the Authorization header.
        const userAgent = logHeader(req.headers['user-agent']);
        const correlationId = logHeader(req.headers['x-ms-correlation-id']);
        if (userAgent)
            entry.userAgent = userAgent;
        if (correlationId)
            entry.correlationId = correlationId;
        let reply;
        let jsonBody;
        let lroFail;
        // Faults that act once the request has been processed (its changes applied).
        let dropAnswer = false;
        let delayAnswerMs;
        const isControl = url.pathname.startsWith('/_sim');
        try {
            if (!isControl) {
                const fault = this.faults.match(method, url.pathname);
                if (fault) {
                    entry.fault = describeFault(fault);
                    const a = fault.action;
                    if ('hang' in a) {
                        this.hanging.add(res);
                        res.on('close', () => this.hanging.delete(res));
                        this.finishLog(entry, started, 0);
                        return;
                    }
                    if ('reset' in a) {
                        // Drain nothing, apply nothing, answer nothing: the client sees ECONNRESET / socket hang up.
                        dropConnection(req);
                        this.finishLog(entry, started, 0);
                        return;
                    }
                    if ('dropResponse' in a)
                        dropAnswer = true;
                    if ('delayMs' in a) {
                        if (a.after === true)
                            delayAnswerMs = Number(a.delayMs);
                        else
                            await sleep(Number(a.delayMs));
                    }
                    if ('status' in a) {
                        await readBody(req).catch(() => undefined);
                        const code = a.errorCode ?? defaultErrorCode(a.status);
                        const err = new FabricError(a.status, code, a.message ?? `Injected fault: ${code}.`, {
                            isRetriable: a.status === 429 || a.status >= 500 ? true : undefined,
                            retryAfter: a.retryAfter,
                        });
                        reply = this.errorReply(err, requestId);
                        this.finish(res, entry, started, reply, url.pathname.startsWith('/v1') ? url : undefined, undefined);
                        return;
                    }
                    if ('lroFail' in a)
                        lroFail = { errorCode: a.lroFail.errorCode, message: a.lroFail.message ?? 'Injected failure.' };
                }
                const [lo, hi] = this.cfg.latencyMs;
                if (hi > 0)
                    await sleep(lo + this.jitter() * (hi - lo));
            }
            const rawBody = await readBody(req);
            if (isControl)
                reply = await handleControl(this, req, method, url, rawBody);
            else if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) {
                try {
                    jsonBody = parseJson(rawBody);
                }
                catch {
                    throw new FabricError(400, 'InvalidInput', 'The request body is not valid JSON.', {
                        moreDetails: [
                            { errorCode: 'InvalidJson', message: 'The request body could not be parsed as JSON.' },
                        ],
                    });
                }
                reply = await this.handleFabric(req, res, method, url, jsonBody, requestId, entry, lroFail);
            }
            else {
                reply = await handleCompanion(this, { req, method, url, body: rawBody, secure, requestId, entry });
            }
        }
        catch (e) {
            reply = this.errorReply(toFabricError(e), requestId);
        }
        if (dropAnswer) {
            // Applied, then lost: the log keeps what the answer would have been; no exchange was completed.
            entry.fault = `dropResponse:${reply.status}`;
            const code = replyErrorCode(reply);
            if (code)
                entry.errorCode = code;
            dropConnection(req);
            this.finishLog(entry, started, 0);
            return;
        }
        // The client may give up meanwhile: the answer is then written nowhere (writeReply checks).
        if (delayAnswerMs !== undefined)
            await sleep(delayAnswerMs);
        this.finish(res, entry, started, reply, url.pathname.startsWith('/v1') ? url : undefined, jsonBody);
    }
    async handleFabric(req, res, method, url, body, requestId, entry, lroFail) {
        const identity = authenticate(req, this.key, this.state, FABRIC_AUDIENCES);
        entry.oid = identity.oid;
        const bucket = /^\/v1\/operations\//i.test(url.pathname) ? 'lro' : 'platform';
        const wait = this.throttle.take(identity.oid, bucket);
        if (wait > 0)
            throw new FabricError(429, 'RequestBlocked', `Request is blocked by the upstream service until: ${new Date(Date.now() + wait * 1000).toISOString()} (UTC)`, {
                isRetriable: true,
                retryAfter: wait,
            });
        const sub = url.pathname.slice(3) || '/';
        const { match } = this.router.match(method, sub, url.searchParams);
        if (!match)
            throw new FabricError(404, 'EntityNotFound', `The requested resource '${method} ${url.pathname}' was not found.`);
        if (this.cfg.validateRequests)
            validateRequest(method, match.template, body, url.searchParams);
        const ctx = {
            sim: this,
            req,
            res,
            method,
            path: sub,
            query: url.searchParams,
            params: match.params,
            template: match.template,
            body,
            requestId,
            identity,
            lroFail,
        };
        return match.handler(ctx);
    }
    errorReply(err, requestId) {
        const headers = {
            'x-ms-public-api-error-code': err.errorCode,
            RequestId: requestId,
        };
        if (err.extra.retryAfter !== undefined)
            headers['Retry-After'] = String(err.extra.retryAfter);
        if (err.status === 401)
            headers['WWW-Authenticate'] =
                `Bearer authorization_uri="${this.tlsUrl}/${this.tenantId}", error="invalid_token"`;
        return { status: err.status, body: errorBody(err, requestId), headers };
    }
    finish(res, entry, started, reply, fabricUrl, requestBody) {
        const code = replyErrorCode(reply);
        if (code)
            entry.errorCode = code;
        writeReply(res, reply);
        this.finishLog(entry, started, reply.status);
        if (fabricUrl && this.recordExchanges) {
            this.exchanges.push({
                method: entry.method,
                path: fabricUrl.pathname,
                query: fabricUrl.search,
                requestBody,
                status: reply.status,
                responseHeaders: reply.headers ?? {},
                responseBody: reply.raw !== undefined ? undefined : reply.body,
                ...(entry.fault ? { fault: entry.fault } : {}),
            });
        }
    }
    finishLog(entry, started, status) {
        entry.status = status;
        entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
        this.log.push(entry);
        this.onLog?.(entry);
        if (this.log.length > LOG_LIMIT)
            this.log.splice(0, this.log.length - LOG_LIMIT);
    }
    /** With SIM_CONTRACT_LOG=<file>, append exchanges as JSON lines for a later contract check. */
    flushContractLog() {
        const file = process.env.SIM_CONTRACT_LOG;
        if (!file || !this.exchanges.length)
            return;
        (0,external_node_fs_.appendFileSync)(file, this.exchanges.map((x) => JSON.stringify(x)).join('\n') + '\n');
    }
}
function replyErrorCode(reply) {
    if (reply.status < 400 || !reply.body || typeof reply.body !== 'object')
        return undefined;
    const b = reply.body;
    const code = b.errorCode ?? b.error?.code ?? b.error;
    return typeof code === 'string' ? code : undefined;
}
/** Close the connection without an answer (RST where supported): the client sees ECONNRESET / socket hang up. */
function dropConnection(req) {
    if (typeof req.socket.resetAndDestroy === 'function')
        req.socket.resetAndDestroy();
    else
        req.socket.destroy();
}
/** A caller's header for the request log: bounded, with anything token-shaped masked. */
function logHeader(v) {
    const s = Array.isArray(v) ? v.join(', ') : v;
    if (!s)
        return undefined;
    return s
        .replace(/\bBearer\s+\S+/gi, 'Bearer ***')
        .replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '***')
        .slice(0, 512);
}
function defaultErrorCode(status) {
    if (status === 429)
        return 'TooManyRequests';
    if (status === 401)
        return 'Unauthorized';
    if (status === 403)
        return 'Forbidden';
    if (status === 404)
        return 'EntityNotFound';
    if (status === 409)
        return 'Conflict';
    if (status === 503)
        return 'ServiceUnavailable';
    if (status >= 500)
        return 'InternalServerError';
    return 'BadRequest';
}
function toFabricError(e) {
    if (e instanceof FabricError)
        return e;
    const err = e;
    if (!(e instanceof Error))
        return new FabricError(500, 'InternalServerError', String(e));
    if (/body too large/.test(err.message))
        return new FabricError(413, 'RequestBodyTooLarge', 'The request body is too large.');
    return new FabricError(500, 'InternalServerError', `Simulator error: ${err.message}`);
}

;// CONCATENATED MODULE: ./src/simulator/index.ts
/**
 * Fabric API simulator: Microsoft Fabric REST API (+ Entra ID, Key Vault,
 * Application Insights ingestion, Microsoft Graph) on 127.0.0.1.
 * See docs/simulator.md.
 */



async function startSimulator(options = {}) {
    const sim = new Simulator(options);
    await sim.start();
    const ikey = '00000000-5157-4e11-a5e0-000000000001';
    return {
        url: sim.url,
        fabricApiUrl: `${sim.url}/v1`,
        tlsUrl: sim.tlsUrl,
        authorityHost: sim.tlsUrl,
        keyVaultUrl: sim.tlsUrl,
        graphUrl: `${sim.tlsUrl}/graph/v1.0`,
        // The SDK rewrites http:// ingestion endpoints to https://, so ingestion goes to the TLS server.
        appInsightsConnectionString: `InstrumentationKey=${ikey};IngestionEndpoint=${sim.tlsUrl}/;LiveEndpoint=${sim.tlsUrl}/`,
        managedIdentityEndpoint: `${sim.url}/msi/token`,
        caCertPath: sim.caCertPath,
        caCertPem: sim.caCertPem,
        get tenantId() {
            return sim.tenantId;
        },
        issueToken: (claims) => sim.issueToken(claims),
        get state() {
            return sim.state;
        },
        get exchanges() {
            return sim.exchanges;
        },
        close: () => sim.close(),
        onRequest: (fn) => {
            sim.onLog = fn;
        },
    };
}

/** Name of the one Key Vault the simulator serves (at `keyVaultUrl`). */
const DEFAULT_VAULT = DEFAULTS.vaultName;

;// CONCATENATED MODULE: ./src/simulator/cli.ts
/**
 * `fabric-deploy simulate` / `node dist/simulator.js`: start the simulator and
 * print `READY <url>` then one JSON line with every endpoint and an admin token.
 */




function cli_int(name) {
    return (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0)
            throw new esm/* InvalidArgumentError */.Di(`${name} must be a non-negative integer`);
        return n;
    };
}
function loadFaultsFile(file) {
    const text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    const data = /\.json$/i.test(file) ? JSON.parse(text) : (0,dist.parse)(text);
    const list = Array.isArray(data) ? data : data?.faults;
    if (!Array.isArray(list))
        throw new Error(`${file}: expected a list of fault rules (or {faults: [...]})`);
    return list;
}
/** Start from command-line arguments; resolves once listening (the process then stays up until a signal). */
async function main(argv, io = {}) {
    const out = io.stdout ?? ((s) => void process.stdout.write(s));
    const err = io.stderr ?? ((s) => void process.stderr.write(s));
    const program = new esm/* Command */.uB('simulate')
        .description('Run the Fabric API simulator on 127.0.0.1')
        .option('--port <n>', 'HTTP port (0 = ephemeral)', cli_int('--port'), 0)
        .option('--tls-port <n>', 'HTTPS port for Entra ID / Key Vault / Graph (0 = ephemeral)', cli_int('--tls-port'), 0)
        .option('--profile <name>', 'fast | realistic', 'fast')
        .option('--faults <file>', 'JSON or YAML list of fault rules')
        .option('--state <file>', 'persist state to this JSON file')
        .option('--page-size <n>', 'list page size', cli_int('--page-size'))
        .option('--rate-limit <n>', 'calls per minute per identity', cli_int('--rate-limit'))
        .option('--seed <n>', 'random seed', cli_int('--seed'))
        .option('--time-scale <x>', 'scale realistic durations (e.g. 0.1)', parseFloat)
        .option('--quiet', 'no request log on stderr')
        .exitOverride()
        .configureOutput({ writeOut: err, writeErr: err });
    program.parse(argv, { from: 'user' });
    const o = program.opts();
    if (o.profile !== 'fast' && o.profile !== 'realistic')
        throw new esm/* InvalidArgumentError */.Di('--profile must be fast or realistic');
    const options = {
        port: o.port,
        tlsPort: o.tlsPort,
        profile: o.profile,
        statePath: o.state,
        pageSize: o.pageSize,
        rateLimitPerMinute: o.rateLimit,
        seed: o.seed,
        timeScale: o.timeScale,
        faults: o.faults ? loadFaultsFile(o.faults) : undefined,
        quiet: o.quiet,
    };
    const sim = await startSimulator(options);
    if (!o.quiet)
        sim.onRequest((e) => err(`${e.time} ${e.method} ${e.path}${e.query} ${e.status} ${e.durationMs}ms${e.errorCode ? ` ${e.errorCode}` : ''}${e.fault ? ` [fault ${e.fault}]` : ''}\n`));
    out(`READY ${sim.url}\n`);
    out(JSON.stringify({
        url: sim.url,
        fabricApiUrl: sim.fabricApiUrl,
        tlsUrl: sim.tlsUrl,
        authorityHost: sim.authorityHost,
        keyVaultUrl: sim.keyVaultUrl,
        graphUrl: sim.graphUrl,
        appInsightsConnectionString: sim.appInsightsConnectionString,
        managedIdentityEndpoint: sim.managedIdentityEndpoint,
        caCertPath: sim.caCertPath,
        tenantId: sim.tenantId,
        token: sim.issueToken({ expiresInSeconds: 24 * 3600 }),
    }) + '\n');
    let stopping = false;
    const stop = async () => {
        if (stopping)
            return;
        stopping = true;
        await sim.close();
        process.exit(0);
    };
    if (io.handleSignals !== false) {
        process.on('SIGINT', () => void stop());
        process.on('SIGTERM', () => void stop());
    }
    return sim;
}


/***/ })

};
