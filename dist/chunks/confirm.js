import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as r}from"./runtime.js";function o(t=process.env){return!!(t.GITHUB_ACTIONS==="true"||t.TF_BUILD||t.AGENT_ID||/^(1|true)$/i.test(t.CI??""))}r(o,"inCi");async function s(t){let{createInterface:n}=await import("node:readline/promises"),e=n({input:process.stdin,output:process.stderr});try{return await e.question(t)}finally{e.close()}}r(s,"askOnTerminal");export{s as askOnTerminal,o as inCi};
//# sourceMappingURL=confirm.js.map
