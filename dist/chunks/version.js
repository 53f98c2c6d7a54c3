import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as r}from"./runtime.js";var e="0.1.0";function o(n){return`Fabric Deploy ${e} (${n}; node ${process.versions.node})`}r(o,"banner");function s(n){return`fabric-deploy/${e} (${n}; node ${process.versions.node})`}r(s,"userAgent");export{e as a,o as b,s as c};
//# sourceMappingURL=version.js.map
