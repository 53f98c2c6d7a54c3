export const id = 4286;
export const ids = [4286,843];
export const modules = {

/***/ 34286:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: ./node_modules/commander/esm.mjs
var esm = __webpack_require__(48179);
// EXTERNAL MODULE: ./src/hosts/inputs.ts
var hosts_inputs = __webpack_require__(31618);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/hosts/masker.ts
var hosts_masker = __webpack_require__(77800);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/hosts/local.ts






/** The CLI (and local runs): readable output, in-process masking, summary printed to the terminal. */
function createLocalHost(opts) {
    const masker = new hosts_masker/* Masker */.G();
    const write = (line) => (opts.json ? process.stderr : process.stdout).write(masker.mask(line) + '\n');
    const outputs = {};
    let depth = 0;
    const indent = () => '  '.repeat(depth);
    const log = {
        info: (m) => !opts.quiet && write(indent() + m),
        warn: (m, a) => write(`${indent()}warning: ${a ? (0,errors/* formatLocation */.j$)(a) + ': ' : ''}${m}`),
        error: (m, a) => write(`${indent()}error: ${a ? (0,errors/* formatLocation */.j$)(a) + ': ' : ''}${m}`),
        debug: (m) => opts.verbose && write(`${indent()}debug: ${m}`),
        async group(name, fn) {
            if (!opts.quiet)
                write(`${indent()}▸ ${name}`);
            depth++;
            try {
                return await fn();
            }
            finally {
                depth--;
            }
        },
    };
    const host = {
        kind: 'cli',
        log,
        outputs,
        exitCode: 0,
        getInput: (name) => opts.inputs[name] || process.env[(0,hosts_inputs/* envName */.pD)(name)] || undefined,
        setOutput: (name, value) => {
            outputs[name] = masker.mask(value);
        },
        setSecret: (value) => void masker.add(value),
        mask: (text) => masker.mask(text),
        async writeSummary(markdown) {
            const file = opts.summaryFile ?? external_node_path_default().join(external_node_os_default().tmpdir(), `fabric-deploy-summary-${process.pid}.md`);
            const text = masker.mask(markdown);
            await external_node_fs_.promises.appendFile(file, text + '\n');
            if (!opts.quiet)
                write('\n' + text);
            return file;
        },
        tempDir: () => external_node_os_default().tmpdir(),
        setResult(result, message) {
            // The error itself was already logged where it happened; only the exit code is left to set.
            void message;
            host.exitCode = result === 'failed' ? 1 : 0;
        },
    };
    return host;
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/cli.ts




/** CLI over the same commands as the Action and the task; flags are the input names. Returns the exit code. */
async function runCli(argv) {
    let exitCode = 0;
    const program = new esm/* Command */.uB('fabric-deploy')
        .description('Provision Microsoft Fabric workspaces and deploy their items from Git')
        .version(version/* VERSION */.x)
        .showHelpAfterError()
        .exitOverride();
    const addInputs = (cmd) => {
        for (const spec of hosts_inputs/* INPUTS */.mc) {
            if (spec.only === 'azure-devops' || spec.name === 'command')
                continue;
            const opt = new esm/* Option */.c$(`--${spec.name} <value>`, spec.description);
            if (spec.options)
                opt.choices([...spec.options]);
            cmd.addOption(opt);
        }
        cmd.option('--json', 'print the result as JSON on stdout (logs go to stderr)');
        cmd.option('--verbose', 'debug logging');
        cmd.option('--summary-file <path>', 'also write the markdown summary to this file');
        return cmd;
    };
    for (const name of ['deploy', 'plan', 'health', 'destroy']) {
        addInputs(program.command(name).description(describe(name))).action(async (opts) => {
            exitCode = await runCommand(name, opts);
        });
    }
    addInputs(program.command('rollback').description('Undo what a killed or failed run left, from its journal'))
        .requiredOption('--journal <file>', 'the journal a deploy wrote (fabric-deploy-journal-<deployment id>.jsonl)')
        .action(async (opts) => {
        const host = localHost('rollback', opts);
        const { rollback } = await Promise.all(/* import() */[__webpack_require__.e(2793), __webpack_require__.e(8261)]).then(__webpack_require__.bind(__webpack_require__, 68261));
        const report = await rollback(host, String(opts.journal));
        printJson(opts, host, report?.result);
        exitCode = host.exitCode;
    });
    addInputs(program
        .command('serve-health')
        .description('Serve /health and /readiness (the checks, cached) for long-running agents'))
        .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
        .option('--listen <address>', 'address to listen on', '127.0.0.1')
        .action(async (opts) => {
        const host = localHost('health', opts);
        const { serveHealthCommand } = await Promise.all(/* import() */[__webpack_require__.e(2793), __webpack_require__.e(8261)]).then(__webpack_require__.bind(__webpack_require__, 68261));
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
            process.stderr.write(`error: --port must be a port number (0-65535), not '${opts.port}'\n`);
            exitCode = 1;
            return;
        }
        const server = await serveHealthCommand(host, port, String(opts.listen));
        if (!server) {
            exitCode = 1;
            return;
        }
        await new Promise((resolve) => {
            const stop = () => void server.close().then(resolve);
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
        });
    });
    program
        .command('simulate')
        .description('Run the Fabric API simulator on loopback (prints READY <url>)')
        .allowUnknownOption(true)
        .helpOption(false)
        .argument('[args...]')
        .action(async (args) => {
        exitCode = await runSimulatorBundle(args);
    });
    try {
        await program.parseAsync(argv.length === 0 ? ['deploy'] : argv, { from: 'user' });
    }
    catch (err) {
        const code = err.code;
        if (typeof code === 'string' && code.startsWith('commander.')) {
            // commander already printed its message (usage error, help, version).
            const exit = err.exitCode;
            return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : exit || 1;
        }
        // Anything else escaped `run`, which reports every expected failure itself: a bug, shown in full.
        process.stderr.write(`fabric-deploy: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        return 1;
    }
    return exitCode;
}
function describe(name) {
    switch (name) {
        case 'deploy':
            return 'Deploy the items (default)';
        case 'plan':
            return 'Show what a deploy would change, changing nothing';
        case 'health':
            return 'Check API reachability, authentication, capacity and workspace access';
        default:
            return 'Delete the workspace items managed by this configuration';
    }
}
function localHost(command, opts) {
    const inputs = { command };
    for (const spec of hosts_inputs/* INPUTS */.mc) {
        const key = spec.name.replace(/-([a-z])/g, (_m, c) => c.toUpperCase());
        const v = opts[key];
        if (typeof v === 'string')
            inputs[spec.name] = v;
    }
    return createLocalHost({
        inputs,
        json: Boolean(opts.json),
        verbose: Boolean(opts.verbose),
        summaryFile: typeof opts.summaryFile === 'string' ? opts.summaryFile : undefined,
    });
}
function printJson(opts, host, result) {
    if (!opts.json)
        return;
    const items = host.outputs.items ? JSON.parse(host.outputs.items) : [];
    const health = host.outputs.health ? JSON.parse(host.outputs.health) : undefined;
    process.stdout.write(JSON.stringify({ ...host.outputs, items, health, result: result ?? host.outputs.result }, null, 2) + '\n');
}
async function runCommand(command, opts) {
    const host = localHost(command, opts);
    const { run } = await Promise.all(/* import() */[__webpack_require__.e(2793), __webpack_require__.e(8261)]).then(__webpack_require__.bind(__webpack_require__, 68261));
    const report = await run(host);
    printJson(opts, host, report?.result);
    return host.exitCode;
}
/**
 * `fabric-deploy simulate` runs the simulator's own bundle (dist/simulator.js, beside this one) in a child
 * process, so the simulator is built once and never loaded into a deploy. Signals are passed on.
 */
async function runSimulatorBundle(args) {
    const { spawn } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 31421, 23));
    const { existsSync } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 73024, 23));
    const { fileURLToPath } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 73136, 23));
    const path = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 76760, 23));
    // Resolved at run time beside the running bundle (a `new URL(…)` literal would be bundled as an asset).
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'simulator.js');
    if (!existsSync(script)) {
        process.stderr.write(`fabric-deploy: the simulator bundle is missing (${script}); run \`npm run bundle\`\n`);
        return 1;
    }
    const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
    const forward = (signal) => () => child.kill(signal);
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}


/***/ }),

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
