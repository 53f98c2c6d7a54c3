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





/**
 * Azure Pipelines adapter. azure-pipelines-task-lib is imported here only (it is heavy and, on import,
 * moves INPUT_* variables out of the environment), so the GitHub and CLI hosts never load it.
 */
async function createAzureDevOpsHost() {
    // Inputs are read from a snapshot taken before the import: task-lib moves them into its vault and its
    // getInput writes every value, secrets included, to the debug log before we could mask it.
    const inputs = new Map();
    for (const [k, v] of Object.entries(process.env))
        if (k.startsWith('INPUT_') && v !== undefined)
            inputs.set(k, v);
    const tl = await __webpack_require__.e(/* import() */ 358).then(__webpack_require__.t.bind(__webpack_require__, 70358, 23));
    const masker = new _masker__WEBPACK_IMPORTED_MODULE_4__/* .Masker */ .G();
    for (const spec of _inputs__WEBPACK_IMPORTED_MODULE_3__/* .INPUTS */ .mc) {
        const v = inputs.get(inputKey((0,_inputs__WEBPACK_IMPORTED_MODULE_3__/* .adoName */ .QC)(spec.name)));
        if (spec.secret && v)
            for (const p of masker.add(v))
                tl.setSecret(p);
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
    // Workload identity federation asks the agent for fresh OIDC tokens with the job's access token, which
    // tasks receive through the SystemVssConnection endpoint rather than the environment.
    if (!process.env.SYSTEM_ACCESSTOKEN) {
        const token = tl.getEndpointAuthorizationParameter('SystemVssConnection', 'AccessToken', true);
        if (token) {
            for (const p of masker.add(token))
                tl.setSecret(p);
            process.env.SYSTEM_ACCESSTOKEN = token;
        }
    }
    const tempDir = () => tl.getVariable('Agent.TempDirectory') || process.env.AGENT_TEMPDIRECTORY || node_os__WEBPACK_IMPORTED_MODULE_0___default().tmpdir();
    return {
        kind: 'azure-devops',
        log,
        getInput: (name) => {
            // Azure DevOps names are camelCase; accept the kebab form too for hand-written YAML.
            const v = inputs.get(inputKey((0,_inputs__WEBPACK_IMPORTED_MODULE_3__/* .adoName */ .QC)(name))) || inputs.get(inputKey(name));
            return v ? v : undefined;
        },
        setOutput: (name, value) => tl.setVariable((0,_inputs__WEBPACK_IMPORTED_MODULE_3__/* .adoName */ .QC)(name), masker.mask(value), false, true),
        mask: (text) => masker.mask(text),
        setSecret: (value) => {
            for (const piece of masker.add(value))
                tl.setSecret(piece);
        },
        async writeSummary(markdown) {
            const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(tempDir(), `fabric-deploy-summary-${process.pid}.md`);
            await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.writeFile(file, masker.mask(markdown));
            tl.uploadSummary(file);
            return file;
        },
        async getServiceConnection(name) {
            const scheme = tl.getEndpointAuthorizationScheme(name, true);
            if (!scheme)
                return undefined;
            const param = (key) => tl.getEndpointAuthorizationParameter(name, key, true) || undefined;
            const conn = {
                id: name,
                scheme,
                tenantId: param('tenantid'),
                clientId: param('serviceprincipalid'),
                clientSecret: param('serviceprincipalkey'),
                certificate: param('servicePrincipalCertificate'),
                idToken: param('idToken'),
                environment: tl.getEndpointDataParameter(name, 'environment', true) || undefined,
            };
            for (const secret of [conn.clientSecret, conn.certificate, conn.idToken])
                for (const p of masker.add(secret))
                    tl.setSecret(p);
            return conn;
        },
        proxyUrl: () => tl.getVariable('Agent.ProxyUrl') || undefined,
        tempDir,
        setResult(result, message) {
            const m = masker.mask(message ?? '');
            if (result === 'failed')
                tl.setResult(tl.TaskResult.Failed, m || 'deployment failed');
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
        description: 'Delete items in the workspace that are not in the repository (after everything else succeeded).',
        default: 'false',
        adoType: 'boolean',
        group: 'advanced',
    },
    {
        name: 'max-parallel',
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
    /** Registers a value and each of its lines; returns the pieces the host should also register. */
    add(value) {
        if (!value)
            return [];
        const pieces = [value, ...value.split(/\r?\n/)].map((v) => v.trim()).filter((v) => v.length >= 4);
        const added = [];
        for (const p of pieces) {
            if (!this.values.has(p)) {
                this.values.add(p);
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
