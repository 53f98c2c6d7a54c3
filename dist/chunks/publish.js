import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{K as a,L as b,M as c}from"./summary.js";import"./warnings.js";import"./transform.js";import"./re2js.js";import"./types.js";import"./version.js";import"./yaml.js";import"./secrets.js";import"./inputs.js";import"./errors.js";import"./guid.js";import"./error-hints.js";import"./runtime.js";export{a as publish,c as publishFailure,b as reportFailure};
//# sourceMappingURL=publish.js.map
