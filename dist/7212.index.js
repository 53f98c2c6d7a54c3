export const id = 7212;
export const ids = [7212];
export const modules = {

/***/ 77212:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubHost: () => (/* binding */ createGitHubHost)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(96421);
/* harmony import */ var _masker__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77800);



/** GitHub Actions adapter over @actions/core (inputs are INPUT_<NAME> with the hyphens kept). */
function createGitHubHost() {
    const masker = new _masker__WEBPACK_IMPORTED_MODULE_2__/* .Masker */ .G();
    const props = (a) => a ? { file: a.file, startLine: a.line, startColumn: a.col, title: a.title } : undefined;
    const log = {
        info: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(masker.mask(m)),
        warn: (m, a) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(masker.mask(m), props(a)),
        error: (m, a) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .error */ .z3(masker.mask(m), props(a)),
        debug: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(masker.mask(m)),
        group: (name, fn) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .group */ .Os(masker.mask(name), fn),
    };
    return {
        kind: 'github',
        log,
        getInput: (name) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .getInput */ .V4(name) || undefined,
        setOutput: (name, value) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .setOutput */ .uH(name, masker.mask(value)),
        mask: (text) => masker.mask(text),
        setSecret: (value) => {
            for (const piece of masker.add(value))
                _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .setSecret */ .Pq(piece);
        },
        async writeSummary(markdown) {
            const file = process.env.GITHUB_STEP_SUMMARY;
            if (!file)
                return undefined;
            await _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .summary */ .z.addRaw(masker.mask(markdown), true).write();
            return file;
        },
        getIdToken: async (audience) => {
            const token = await _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .getIDToken */ .V9(audience);
            for (const piece of masker.add(token))
                _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .setSecret */ .Pq(piece);
            return token;
        },
        oidcUnavailableReason: () => process.env.ACTIONS_ID_TOKEN_REQUEST_URL && process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
            ? undefined
            : "the workflow has no OIDC token: add 'permissions: id-token: write' to the job (and 'contents: read')",
        tempDir: () => process.env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_0___default().tmpdir(),
        setResult(result, message) {
            // Without a message the error was already annotated where it happened: only the exit code is left.
            if (result === 'failed') {
                if (message)
                    _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .setFailed */ .C1(masker.mask(message));
                else
                    process.exitCode = 1;
            }
            else if (message)
                _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(masker.mask(message));
        },
    };
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
