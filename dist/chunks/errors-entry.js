import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a,b,c,d,e}from"./errors-shared.js";import"./runtime.js";export{b as ConfigError,c as ConfigProblems,a as UserError,e as errorMessage,d as formatLocation};
//# sourceMappingURL=errors-entry.js.map
