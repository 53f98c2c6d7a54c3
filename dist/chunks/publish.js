import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{c as a,d as b}from"./summary.js";import"./errors-shared.js";import"./version.js";import"./runtime.js";export{a as publish,b as reportFailure};
//# sourceMappingURL=publish.js.map
