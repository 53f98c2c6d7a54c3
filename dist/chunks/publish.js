import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{h as a,i as b,j as c,k as d}from"./plan.js";import"./warnings.js";import"./version.js";import"./secrets.js";import"./errors.js";import"./runtime.js";export{b as failureText,a as publish,d as reportFailure,c as runError};
//# sourceMappingURL=publish.js.map
