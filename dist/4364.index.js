export const id = 4364;
export const ids = [4364];
export const modules = {

/***/ 84364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createAzureDevOpsHost: () => (/* binding */ createAzureDevOpsHost)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(31618);
/* harmony import */ var _masker__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(77800);





/** Variables task-lib moves into its vault on import (and whose getters debug-log raw values). */
const VAULTED = /^(INPUT_|ENDPOINT_AUTH_|SECRET_)/;
/**
 * Azure Pipelines adapter. azure-pipelines-task-lib is imported here only (it is heavy and, on import,
 * moves INPUT_*, ENDPOINT_AUTH_* and SECRET_* out of the environment), so the GitHub and CLI hosts never
 * load it. Inputs, service connections and secret variables are read from a snapshot taken before the
 * import: task-lib's getters write every value, secrets included, to the debug log before we could mask it.
 */
async function createAzureDevOpsHost() {
    // Keys are kept lower-case, as task-lib's vault does: the agent upper-cases variable names.
    const vault = new Map();
    const secretVariables = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (!VAULTED.test(k) || !v)
            continue;
        vault.set(k.toLowerCase(), v);
        if (k.startsWith('SECRET_'))
            secretVariables[k.slice('SECRET_'.length)] = v;
    }
    const read = (name) => vault.get(name.toLowerCase()) || undefined;
    const tl = await __webpack_require__.e(/* import() */ 358).then(__webpack_require__.t.bind(__webpack_require__, 70358, 23));
    const masker = new _masker__WEBPACK_IMPORTED_MODULE_4__/* .Masker */ .G();
    const secret = (value) => {
        // The agent masks line by line and task-lib refuses multi-line secrets: only single lines go to it.
        for (const p of masker.add(value))
            tl.setSecret(p);
    };
    // Before anything can be logged: secret inputs, every service-connection credential, secret variables.
    for (const spec of _inputs__WEBPACK_IMPORTED_MODULE_3__/* .INPUTS */ .mc)
        if (spec.secret)
            secret(read(inputKey((0,_inputs__WEBPACK_IMPORTED_MODULE_3__/* .adoName */ .QC)(spec.name))));
    for (const [k, v] of vault)
        if (k.startsWith('endpoint_auth_parameter_') || k.startsWith('secret_'))
            secret(v);
    for (const [k, v] of vault)
        if (/^endpoint_auth_[^_]/.test(k) && !k.startsWith('endpoint_auth_scheme_')) {
            for (const p of Object.values(parseJson(v)?.parameters ?? {}))
                if (typeof p === 'string')
                    secret(p);
        }
    const issue = (type, m, a) => {
        const text = masker.mask(m);
        if (a)
            tl.logIssue(type === 'error' ? tl.IssueType.Error : tl.IssueType.Warning, text, a.file, a.line, a.col);
        else if (type === 'error')
            tl.error(text);
        else
            tl.warning(text);
    };
    const log = {
        info: (m) => console.log(masker.mask(m)),
        warn: (m, a) => issue('warning', m, a),
        error: (m, a) => issue('error', m, a),
        debug: (m) => tl.debug(masker.mask(m)),
        async group(name, fn) {
            console.log(`##[group]${masker.mask(name)}`);
            try {
                return await fn();
            }
            finally {
                console.log('##[endgroup]');
            }
        },
    };
    /** A service connection's authorization parameter (ENDPOINT_AUTH_PARAMETER_<id>_<KEY>, or the JSON form). */
    const authParam = (id, key) => read(`ENDPOINT_AUTH_PARAMETER_${id}_${key}`) ??
        caseInsensitive(parseJson(read(`ENDPOINT_AUTH_${id}`) ?? '')?.parameters, key);
    const authScheme = (id) => read(`ENDPOINT_AUTH_SCHEME_${id}`) ??
        parseJson(read(`ENDPOINT_AUTH_${id}`) ?? '')?.scheme;
    // Workload identity federation asks the agent for fresh OIDC tokens with the job's access token, which
    // tasks receive through the SystemVssConnection endpoint rather than the environment.
    if (!process.env.SYSTEM_ACCESSTOKEN) {
        const token = authParam('SystemVssConnection', 'AccessToken');
        if (token)
            process.env.SYSTEM_ACCESSTOKEN = token;
    }
    const tempDir = () => process.env.AGENT_TEMPDIRECTORY || node_os__WEBPACK_IMPORTED_MODULE_0___default().tmpdir();
    return {
        kind: 'azure-devops',
        log,
        getInput: (name) => read(inputKey((0,_inputs__WEBPACK_IMPORTED_MODULE_3__/* .adoName */ .QC)(name))) ?? read(inputKey(name)),
        setOutput: (name, value) => tl.setVariable((0,_inputs__WEBPACK_IMPORTED_MODULE_3__/* .adoName */ .QC)(name), masker.mask(value), false, true),
        mask: (text) => masker.mask(text),
        setSecret: secret,
        async writeSummary(markdown) {
            const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(tempDir(), `fabric-deploy-summary-${process.pid}.md`);
            await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.writeFile(file, masker.mask(markdown));
            tl.uploadSummary(file);
            return file;
        },
        async getServiceConnection(name) {
            const scheme = authScheme(name);
            if (!scheme)
                return undefined;
            return {
                id: name,
                scheme,
                tenantId: authParam(name, 'tenantid'),
                clientId: authParam(name, 'serviceprincipalid'),
                clientSecret: authParam(name, 'serviceprincipalkey'),
                certificate: authParam(name, 'servicePrincipalCertificate'),
                idToken: authParam(name, 'idToken'),
                environment: process.env[`ENDPOINT_DATA_${name.toUpperCase()}_ENVIRONMENT`] || undefined,
            };
        },
        secretVariables: () => ({ ...secretVariables }),
        proxyUrl: () => {
            // The agent's proxy, with its credentials (Agent.ProxyPassword is a secret variable).
            const url = process.env.AGENT_PROXYURL;
            if (!url)
                return undefined;
            const user = process.env.AGENT_PROXYUSERNAME;
            const password = read('SECRET_AGENT_PROXYPASSWORD') ?? process.env.AGENT_PROXYPASSWORD;
            if (!user)
                return url;
            const u = new URL(url);
            u.username = user;
            if (password) {
                secret(password);
                u.password = password;
            }
            return u.toString();
        },
        tempDir,
        setResult(result, message) {
            const m = masker.mask(message ?? '');
            if (result === 'failed') {
                tl.setResult(tl.TaskResult.Failed, m || 'Fabric Deploy failed: see the errors above');
                // task-lib only reports the result to the agent; the process must fail too.
                process.exitCode = 1;
            }
            else if (result === 'succeeded-with-issues')
                tl.setResult(tl.TaskResult.SucceededWithIssues, m || 'completed with warnings');
            else
                tl.setResult(tl.TaskResult.Succeeded, m);
        },
    };
}
/** How the agent names an input's variable (task-lib's rule: upper case, '.' and ' ' become '_'). */
function inputKey(name) {
    return 'INPUT_' + name.replace(/[. ]/g, '_').toUpperCase();
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function caseInsensitive(o, key) {
    if (!o)
        return undefined;
    const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
    const v = k === undefined ? undefined : o[k];
    return typeof v === 'string' && v ? v : undefined;
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

/***/ 77800:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ Masker)
/* harmony export */ });
/**
 * In-process masking, on top of whatever the CI host does: hosts run their own output through this so a
 * secret is hidden even where no runner masks it (CLI, local runs, tests).
 */
class Masker {
    values = new Set();
    /**
     * Registers a value and each of its lines; returns the new single-line pieces for the host's own masking
     * (runners mask line by line, and Azure Pipelines refuses a multi-line secret).
     */
    add(value) {
        if (!value)
            return [];
        const pieces = [value, ...value.split(/\r?\n/)].map((v) => v.trim()).filter((v) => v.length >= 4);
        const added = [];
        for (const p of pieces) {
            if (!this.values.has(p)) {
                this.values.add(p);
                if (!/[\r\n]/.test(p))
                    added.push(p);
            }
        }
        return added;
    }
    mask(text) {
        if (this.values.size === 0)
            return text;
        let out = text;
        // Longest first, so a secret that contains another is hidden whole.
        for (const v of [...this.values].sort((a, b) => b.length - a.length)) {
            if (out.includes(v))
                out = out.split(v).join('***');
        }
        return out;
    }
}


/***/ })

};
