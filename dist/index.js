import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as m,b as r}from"./chunks/stack-traces.js";import"./chunks/runtime.js";import a from"node:path";import{fileURLToPath as o}from"node:url";r(a.dirname(o(import.meta.url)));await m();
//# sourceMappingURL=index.js.map
