import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as S}from"./pool.js";import{b as C}from"./workspaces.js";import{a as T}from"./workspace.js";import{g as _}from"./api.js";import{m as F}from"./transform.js";import"./re2js.js";import{b as D,c as P}from"./types.js";import{b as x}from"./version.js";import"./yaml.js";import{a as h}from"./errors.js";import"./guid.js";import{a as I}from"./error-hints.js";import{a as o}from"./runtime.js";import{promises as w,existsSync as M}from"node:fs";import s from"node:path";var L="https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json";function le(e){let t=(e??"dev,test,prod").split(/[\s,]+/).map(i=>i.trim()).filter(Boolean),r=t.find(i=>!/^[A-Za-z][A-Za-z0-9_-]*$/.test(i));if(r||!t.length)throw new h(`'${r??e}' is not an environment name`,{field:"environments",fix:"give names of letters, digits, - and _, comma-separated (e.g. dev,test,prod)"});return t}o(le,"parseEnvironments");function m(e){return JSON.stringify(e)}o(m,"yamlString");function U(e,t){let r=e.environments,i=!t||t.items===0;return[x,"# Fabric Deploy configuration (docs: https://github.com/fabric-deploy/fabric-deploy#configuration-fabric-deployyml)","# Relative paths are resolved from this file. `{{ environment }}` is the environment input.","version: 1","","workspace:",t?`  name: ${m(t.name)} # exported from workspace ${t.id}; use "${e.name}-{{ environment }}" for one per environment`:`  name: ${m(`${e.name}-{{ environment }}`)} # found by name, created when missing`,e.capacity?`  capacity: { name: ${m(e.capacity)} } # or id: <capacity guid>`:'  # capacity: { name: "F64 Production" } # lakehouses, notebooks and pipelines need one',"  principalsFile: principals.csv # principal_id,role,description,type \u2014 roles are added or updated, never removed","","items:",`  directory: ${m(e.itemsDirectory)} # <Name>.<Type>/.platform + definition files (fabric-cicd layout)`,`  parameterFile: ${m(`${e.itemsDirectory}/parameter.yml`)}`,...i?[`  allowEmpty: true # no items yet: delete this line once ${e.itemsDirectory}/ has item folders (an empty selection is refused, to catch a wrong path)`]:[],"","# Feature-branch workspaces (command: branch-up / branch-down / branch-gc):","branches:",`  base: ${m(e.name)}`,'  name: "{{ base }}-{{ branch }}"',"","environments:",...r.map(c=>c==="prod"?`  prod:
    profile: production # retry, rollback, telemetry, Key Vault and a health check are mandatory`:`  ${c}: {}`),""].join(`
`)}o(U,"configText");function Z(e=[]){return["# principal_id,role,description,type \u2014 one principal a line (object ids; a UPN works for users).","# Every deploy gives these their role; a principal not listed here is left as it is.","principal_id,role,description,type",...e.map(t=>`${t.principal.id},${t.role},${(t.principal.userDetails?.userPrincipalName??t.principal.displayName??"").replace(/[,\n]/g," ")},${t.principal.type}`),""].join(`
`)}o(Z,"principalsText");function W(e){return["# fabric-cicd parameter.yml: per-environment values applied while deploying.","# https://microsoft.github.io/fabric-cicd/latest/how_to/parameterization/","find_replace:",'  # - find_value: "dev-storage-account"',"  #   replace_value:",...e.map(t=>`  #     ${t}: "${t}-storage-account"`),'  #   item_type: "Notebook"',""].join(`
`)}o(W,"parameterText");function H(e){let[t]=e.environments,r=e.environments[e.environments.length-1];return`# Plan on pull requests, deploy main. Needs repository variables AZURE_TENANT_ID and AZURE_CLIENT_ID
# (an Entra ID app with a federated credential for this repository).
name: Fabric deploy
on:
  pull_request:
    branches: [main]
  push:
    branches: [main]
permissions:
  id-token: write
  contents: read
concurrency:
  group: fabric-deploy-\${{ github.event_name == 'pull_request' && github.head_ref || '${r}' }}
  cancel-in-progress: false
jobs:
  plan:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: fabric-deploy/fabric-deploy@v0
        with:
          command: plan
          config: fabric-deploy.yml
          environment: ${t}
          auth: oidc
          tenant-id: \${{ vars.AZURE_TENANT_ID }}
          client-id: \${{ vars.AZURE_CLIENT_ID }}
  deploy:
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    environment: ${r}
    steps:
      - uses: actions/checkout@v4
      - uses: fabric-deploy/fabric-deploy@v0
        with:
          config: fabric-deploy.yml
          environment: ${r}
          auth: oidc
          tenant-id: \${{ vars.AZURE_TENANT_ID }}
          client-id: \${{ vars.AZURE_CLIENT_ID }}
`}o(H,"githubWorkflow");function J(e){let[t]=e.environments,r=e.environments[e.environments.length-1];return`# Plan on pull requests, deploy main. Needs an AzureRM service connection "fabric" (workload identity federation).
trigger:
  branches:
    include: [main]
pr:
  branches:
    include: [main]
pool:
  vmImage: ubuntu-latest
steps:
  - checkout: self
  - task: FabricDeploy@0
    condition: eq(variables['Build.Reason'], 'PullRequest')
    inputs:
      command: plan
      config: fabric-deploy.yml
      environment: ${t}
      connectedServiceName: fabric
  - task: FabricDeploy@0
    condition: and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'))
    inputs:
      config: fabric-deploy.yml
      environment: ${r}
      connectedServiceName: fabric
`}o(J,"azurePipeline");function O(e,t){return new Map([["fabric-deploy.yml",U(e,t)],["principals.csv",Z(t?.roles)],[s.join(e.itemsDirectory,"parameter.yml"),W(e.environments)],[s.join(".github","workflows","fabric-deploy.yml"),H(e)],["azure-pipelines.yml",J(e)]])}o(O,"scaffoldFiles");async function V(e,t,r){let i=[...t.keys()].filter(c=>M(s.join(e,c)));if(i.length&&!r)throw new h(`init would overwrite ${i.length} existing file${i.length===1?"":"s"}: ${i.join(", ")}`,{field:"directory",fix:"run it in an empty folder (--directory), or pass --force to overwrite them; nothing was written"});let l=[];for(let[c,f]of t){let u=s.join(e,c);await w.mkdir(s.dirname(u),{recursive:!0}),await w.writeFile(u,f),l.push(u)}return l}o(V,"writeAll");async function ce(e){return{files:await V(s.resolve(e.directory),O(e),!!e.force)}}o(ce,"initProject");function B(e){return[...e].map(t=>/[/\\:*?"<>|]/.test(t)||t.charCodeAt(0)<32?"_":t).join("")}o(B,"safeName");function Y(e){let t={type:e.type,displayName:e.displayName};return e.description&&(t.description=e.description),JSON.stringify({$schema:L,metadata:t,config:{version:"2.0",logicalId:e.id}},null,2)+`
`}o(Y,"platformText");function G(e,t,r){let i=Buffer.from(e.payload,"base64");if(D[t.type]?.rewriteIds===!1)return i;let l=i.toString("utf8");return!Buffer.from(l,"utf8").equals(i)||l.includes("\0")?i:Buffer.from(F(l,r),"utf8")}o(G,"partBytes");async function pe(e,t,r){let i=await C(e,t),l=o((n,a)=>{throw n instanceof I&&(n.status===401||n.status===403)?new h(`this identity cannot read ${a} of workspace '${i.displayName}' (${n.errorCode})`,{field:"from-workspace",fix:"give the identity the Contributor role (or higher) in the workspace: exporting definitions needs it; nothing was written",cause:n}):n},"cannotRead"),[c,f,u]=await Promise.all([e.client.listItems(i.id).catch(n=>l(n,"the items")),e.client.listFolders(i.id).catch(n=>l(n,"the folders")),e.client.listRoleAssignments(i.id).catch(()=>[])]),v=T(f.filter(n=>!_(n))),p=c.filter(n=>!P.has(n.type));e.log.info(`exporting ${p.length} items and ${v.size} folders of '${i.displayName}' (${i.id})`);let q=await S(p,8,async n=>{try{return await e.client.getItemDefinition(i.id,n.id)}catch(a){return a instanceof I&&a.status===400?(e.log.warn(`${n.type} '${n.displayName}': no definition to export (${a.errorCode}); .platform only`),{parts:[]}):l(a,`the definition of ${n.type} '${n.displayName}'`)}}),k=s.resolve(r.directory),N=O(r,{name:i.displayName,id:i.id,roles:u,items:p.length}),E=new Map,A=new Set;p.forEach((n,a)=>{let y=n.folderId&&v.get(n.folderId)?.replace(/^\/+/,"")||"",d=s.join(r.itemsDirectory,...y.split("/").filter(Boolean).map(B),`${B(n.displayName)}.${n.type}`);A.has(d.toLowerCase())&&(d=`${d}-${n.id.slice(0,8)}`),A.add(d.toLowerCase()),N.set(s.join(d,".platform"),Y(n));for(let $ of q[a].parts)$.path!==".platform"&&E.set(s.join(d,...$.path.split("/")),G($,n,i.id))});let z=new Set(p.map(n=>n.folderId).filter(Boolean)),b=f.filter(n=>!_(n)&&!z.has(n.id)&&!f.some(a=>a.parentFolderId===n.id));b.length&&e.log.warn(`${b.length} empty folder${b.length===1?"":"s"} not exported (the layout has items only): ${b.map(n=>v.get(n.id)).join(", ")}`);let R=new Map([...N,...E]),g=[...R.keys()].filter(n=>M(s.join(k,n)));if(g.length&&!r.force)throw new h(`init --from-workspace would overwrite ${g.length} existing file${g.length===1?"":"s"}: ${g.slice(0,10).join(", ")}${g.length>10?", \u2026":""}`,{field:"directory",fix:"export into an empty folder (--directory), or pass --force; nothing was written"});let j=[];for(let[n,a]of R){let y=s.join(k,n);await w.mkdir(s.dirname(y),{recursive:!0}),await w.writeFile(y,a),j.push(y)}return{files:j,items:p.length,folders:v.size,workspace:{id:i.id,name:i.displayName}}}o(pe,"exportWorkspace");export{pe as exportWorkspace,ce as initProject,le as parseEnvironments,O as scaffoldFiles};
//# sourceMappingURL=init.js.map
