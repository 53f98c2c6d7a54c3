import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as t}from"./runtime.js";var o="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",n=`^${o}$`,a=new RegExp(n),f=new RegExp(`(?<![0-9A-Fa-f])${o}(?![0-9A-Fa-f])`,"g"),r="00000000-0000-0000-0000-000000000000";function s(e){return a.test(e)}t(s,"isGuid");export{n as a,a as b,f as c,r as d,s as e};
//# sourceMappingURL=guid.js.map
