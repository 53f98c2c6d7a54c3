import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a}from"./undici-api.js";import"./undici.js";import"./runtime.js";export default a();
//# sourceMappingURL=undici-api-entry.js.map
