import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{A as u,c as h,f as n,x as o,z as p}from"./undici.js";import{d as s}from"./runtime.js";var q=s(e=>{var r=h();Object.assign(r.prototype,n());e.Dispatcher=r;e.Agent=o();e.ProxyAgent=p();e.EnvHttpProxyAgent=u();e.fetch=(i,c)=>import("./undici-fetch.js").then(t=>(t.fetch??t.default.fetch)(i,c))});export{q as a};
//# sourceMappingURL=undici-api.js.map
