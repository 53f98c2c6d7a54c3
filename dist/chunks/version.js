import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as e}from"./runtime.js";var r="0.1.0";function o(n){return`fabric-deploy/${r} (${n}; node ${process.versions.node})`}e(o,"userAgent");export{r as a,o as b};
//# sourceMappingURL=version.js.map
