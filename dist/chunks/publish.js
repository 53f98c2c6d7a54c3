import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{f as a,g as b}from"./plan.js";import"./version.js";import"./secrets.js";import"./errors-shared.js";import"./runtime.js";export{a as publish,b as reportFailure};
//# sourceMappingURL=publish.js.map
