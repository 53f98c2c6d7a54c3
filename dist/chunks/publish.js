import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{j as a,k as b,l as c,m as d}from"./summary.js";import"./warnings.js";import"./version.js";import"./secrets.js";import"./inputs.js";import"./errors.js";import"./error-hints.js";import"./runtime.js";export{a as publish,d as publishFailure,c as reportFailure,b as summaryTitle};
//# sourceMappingURL=publish.js.map
