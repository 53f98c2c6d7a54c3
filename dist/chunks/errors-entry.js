import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a,b,c,d}from"./errors-shared.js";import"./runtime.js";export{b as ConfigError,a as UserError,d as errorMessage,c as formatLocation};
//# sourceMappingURL=errors-entry.js.map
