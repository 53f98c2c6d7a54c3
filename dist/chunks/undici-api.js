import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{A as h,c as s,f as o,x as p,z as u}from"./undici.js";import{d as n}from"./runtime.js";var q=n(e=>{var r=s();Object.assign(r.prototype,o());e.Dispatcher=r;e.Agent=p();e.ProxyAgent=u();e.EnvHttpProxyAgent=h();e.fetch=(t,i)=>import("./undici-fetch.js").then(c=>c.fetch(t,i))});export{q as a};
//# sourceMappingURL=undici-api.js.map
