import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as o}from"./runtime.js";function u(n,t){let s=["Fabric Deploy"];n&&s.push(`[pipeline run](${n})`),t&&/^[0-9a-f]{7,64}$/i.test(t)&&s.push(`commit ${t.slice(0,7)}`);let e=`

<sub>${s.join(" \xB7 ")}</sub>
`;return e.length<=400?e:`

<sub>Fabric Deploy</sub>
`}o(u,"commentFooter");function c(n){if(!(n instanceof Error))return String(n);let t=n.status,s=n.cause,e=s instanceof Error&&!n.message.includes(s.message)?` (${s.code??s.message})`:"",i=n.message.split(`
`)[0];return`${typeof t=="number"&&!i.startsWith(String(t))?`${t} `:""}${i}${e}`}o(c,"errorText");export{u as a,c as b};
//# sourceMappingURL=pr-comment-text.js.map
