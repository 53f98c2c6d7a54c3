import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as o}from"./runtime.js";async function m(r,i,l){let a=new Array(r.length),n=0,e,h=o(async()=>{for(;n<r.length;){let t=n++;try{a[t]=await l(r[t],t)}catch(c){e??={error:c},n=r.length}}},"worker");if(await Promise.all(Array.from({length:Math.max(1,Math.min(i,r.length))},h)),e)throw e.error;return a}o(m,"mapLimit");export{m as a};
//# sourceMappingURL=pool.js.map
