import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as e}from"./runtime.js";function c(n){return n<=10?n:9}e(c,"annotatedOf");function i(n){let o=/^(.+?):(\d+)(?::(\d+))?: ([\s\S]*)$/.exec(n);return!o||o[1].includes("://")||o[1].includes(`
`)?{message:n}:{message:o[4],location:{file:o[1],line:Number(o[2]),...o[3]?{col:Number(o[3])}:{}}}}e(i,"locateWarning");function a(n,o){for(let r of o){let{message:s,location:t}=i(r);n.warn(t?s:r,t)}}e(a,"announceWarnings");export{c as a,i as b,a as c};
//# sourceMappingURL=warnings.js.map
