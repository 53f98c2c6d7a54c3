import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as m,b as r}from"./chunks/stack-traces.js";import"./chunks/runtime.js";import o from"node:path";import{fileURLToPath as t}from"node:url";r(o.dirname(t(import.meta.url)));await m([],"post");
//# sourceMappingURL=post.js.map
