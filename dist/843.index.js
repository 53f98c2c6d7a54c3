export const id = 843;
export const ids = [843];
export const modules = {

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   j$: () => (/* binding */ formatLocation),
/* harmony export */   xL: () => (/* binding */ ConfigError),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
class UserError extends Error {
    location;
    field;
    fix;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'UserError';
        this.location = options.location;
        this.field = options.field;
        this.fix = options.fix;
    }
    /** `file:line:col: message (field) — fix`, the form editors and CI annotations understand. */
    format() {
        const where = this.location ? formatLocation(this.location) + ': ' : '';
        const field = this.field ? ` [${this.field}]` : '';
        const fix = this.fix ? `\n  Fix: ${this.fix}` : '';
        return `${where}${this.message}${field}${fix}`;
    }
}
/** Bad configuration, inputs or repository content: detected before any write to Fabric. */
class ConfigError extends UserError {
    constructor(message, options = {}) {
        super(message, options);
        this.name = 'ConfigError';
    }
}
function formatLocation(loc) {
    if (loc.line === undefined)
        return loc.file;
    return loc.col === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.col}`;
}
function errorMessage(err) {
    if (err instanceof UserError)
        return err.format();
    if (err instanceof Error)
        return err.message;
    return String(err);
}


/***/ }),

/***/ 31618:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QC: () => (/* binding */ adoName),
/* harmony export */   mc: () => (/* binding */ INPUTS),
/* harmony export */   mm: () => (/* binding */ inputSpec),
/* harmony export */   nc: () => (/* binding */ AUTH_KINDS),
/* harmony export */   pD: () => (/* binding */ envName)
/* harmony export */ });
/* unused harmony exports COMMANDS, CLOUDS, OUTPUTS, camelCase */
const COMMANDS = ['deploy', 'plan', 'health', 'destroy'];
const AUTH_KINDS = [
    'auto',
    'oidc',
    'client-secret',
    'certificate',
    'managed-identity',
    'azure-cli',
    'token',
];
const CLOUDS = ['public', 'usgov', 'china'];
const INPUTS = [
    {
        name: 'command',
        description: 'What to do: deploy, plan (writes nothing), health, or destroy.',
        default: 'deploy',
        options: COMMANDS,
        adoType: 'pickList',
        group: 'target',
    },
    {
        name: 'config',
        description: 'Path to fabric-deploy.yml.',
        default: 'fabric-deploy.yml',
        adoType: 'filePath',
        group: 'target',
    },
    {
        name: 'environment',
        description: 'Environment overlay to apply from the config (e.g. dev, prod); also the parameter.yml environment.',
        group: 'target',
    },
    { name: 'workspace-id', description: 'Target workspace id (overrides the config).', group: 'target' },
    {
        name: 'workspace-name',
        description: 'Target workspace name (overrides the config); created when missing.',
        group: 'target',
    },
    {
        name: 'items-directory',
        description: 'Folder of Fabric item folders in the fabric-cicd layout (overrides the config).',
        group: 'target',
    },
    {
        name: 'parameter-file',
        description: 'fabric-cicd parameter.yml (overrides the config).',
        group: 'target',
    },
    {
        name: 'auth',
        description: 'How to authenticate: auto, oidc, client-secret, certificate, managed-identity, azure-cli or token.',
        default: 'auto',
        options: AUTH_KINDS,
        adoType: 'pickList',
        group: 'auth',
    },
    {
        name: 'connected-service-name',
        description: 'Azure Resource Manager service connection (workload identity federation, service principal or managed identity).',
        adoType: 'connectedService:AzureRM',
        only: 'azure-devops',
        group: 'auth',
    },
    { name: 'tenant-id', description: 'Entra ID tenant id.', group: 'auth' },
    {
        name: 'client-id',
        description: 'Application (client) id of the service principal or user-assigned managed identity.',
        group: 'auth',
    },
    { name: 'client-secret', description: 'Client secret (prefer OIDC). Masked.', secret: true, group: 'auth' },
    {
        name: 'certificate',
        description: 'Path to a PEM or PFX certificate, or the PEM itself. Masked.',
        secret: true,
        group: 'auth',
    },
    {
        name: 'certificate-password',
        description: 'Password of a PFX certificate. Masked.',
        secret: true,
        group: 'auth',
    },
    {
        name: 'token',
        description: 'A bearer token for the Fabric API (auth: token). Masked.',
        secret: true,
        group: 'auth',
    },
    {
        name: 'audience',
        description: "Audience of the OIDC token requested from the host (default: the cloud's, api://AzureADTokenExchange on the public cloud).",
        group: 'auth',
    },
    {
        name: 'cloud',
        description: 'Azure cloud: public, usgov or china.',
        default: 'public',
        options: CLOUDS,
        adoType: 'pickList',
        group: 'advanced',
    },
    {
        name: 'fabric-api-url',
        description: 'Fabric REST API base URL (overrides the cloud default; http only for loopback).',
        group: 'advanced',
    },
    {
        name: 'authority-host',
        description: 'Entra ID authority host (overrides the cloud default).',
        group: 'advanced',
    },
    {
        name: 'graph-url',
        description: 'Microsoft Graph base URL for principal look-ups (overrides the cloud default).',
        group: 'advanced',
    },
    {
        name: 'key-vault-url',
        description: 'Azure Key Vault URL for ${secret:NAME} references.',
        group: 'advanced',
    },
    {
        name: 'features',
        description: 'Comma-separated flags to turn on (retry, circuit-breaker, rollback, telemetry, key-vault); a leading - turns one off.',
        group: 'advanced',
    },
    {
        name: 'telemetry-connection-string',
        description: 'Application Insights connection string (telemetry must also be turned on). Masked.',
        secret: true,
        group: 'advanced',
    },
    {
        name: 'delete-orphans',
        configurable: true,
        description: 'Delete items in the workspace that are not in the repository (after everything else succeeded).',
        default: 'false',
        adoType: 'boolean',
        group: 'advanced',
    },
    {
        name: 'max-parallel',
        configurable: true,
        description: 'How many items deploy at once (16 measured best; see docs/performance.md).',
        default: '16',
        group: 'advanced',
    },
    {
        name: 'lock-wait-seconds',
        description: 'How long to wait for another deploy to the same workspace to finish (0: fail at once).',
        default: '0',
        group: 'advanced',
    },
    {
        name: 'destroy-workspace',
        description: 'command: destroy also deletes the workspace, when nothing unmanaged is left in it.',
        default: 'false',
        adoType: 'boolean',
        group: 'advanced',
    },
];
const OUTPUTS = [
    { name: 'workspace-id', description: 'Id of the target workspace.' },
    {
        name: 'deployment-id',
        description: 'Id of this deployment (correlation id in logs, audit and telemetry).',
    },
    { name: 'result', description: 'succeeded, rolled-back or failed.' },
    { name: 'has-changes', description: 'true when the plan has changes.' },
    { name: 'items', description: 'JSON array of {name, type, id, action}.' },
    { name: 'summary-file', description: 'Path of the markdown summary.' },
    { name: 'audit-log', description: 'Path of the JSONL audit log.' },
    { name: 'health', description: 'JSON report of the health checks (command: health).' },
    { name: 'plan-file', description: 'Path of the plan as JSON.' },
    {
        name: 'journal-file',
        description: 'Path of the transaction journal (for `fabric-deploy rollback --journal`; upload it as an artifact with if: always()).',
    },
];
function camelCase(kebab) {
    return kebab.replace(/-([a-z])/g, (_m, c) => c.toUpperCase());
}
/** Azure DevOps names: camelCase, except the conventional `connectedServiceName`. */
function adoName(kebab) {
    return camelCase(kebab);
}
/** CLI environment variable form: FABRIC_DEPLOY_WORKSPACE_ID. */
function envName(kebab) {
    return 'FABRIC_DEPLOY_' + kebab.toUpperCase().replace(/-/g, '_');
}
function inputSpec(name) {
    const spec = INPUTS.find((i) => i.name === name);
    if (!spec)
        throw new Error(`unknown input ${name}`);
    return spec;
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ userAgent),
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** Kept equal to package.json's version by a test (a JSON import would drag package.json into the bundle). */
const VERSION = '0.1.0';
function userAgent(host) {
    return `fabric-deploy/${VERSION} (${host}; node ${process.versions.node})`;
}


/***/ })

};
