import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as D,b as F,c as T,u as B}from"./jsonpath-plus.js";import{b as P}from"./workspaces.js";import{a as j}from"./workspace.js";import{f as k}from"./lock.js";import"./yaml.js";import{a as I}from"./errors.js";import{a as h}from"./errors-shared.js";import"./guid.js";import{a as o}from"./runtime.js";import{promises as w,existsSync as S}from"node:fs";import a from"node:path";var z="https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json";function se(e){let n=(e??"dev,test,prod").split(/[\s,]+/).map(i=>i.trim()).filter(Boolean),r=n.find(i=>!/^[A-Za-z][A-Za-z0-9_-]*$/.test(i));if(r||!n.length)throw new h(`'${r??e}' is not an environment name`,{field:"environments",fix:"give names of letters, digits, - and _, comma-separated (e.g. dev,test,prod)"});return n}o(se,"parseEnvironments");function p(e){return JSON.stringify(e)}o(p,"yamlString");function L(e,n){let r=e.environments;return["# Fabric Deploy configuration (docs: https://github.com/fabric-deploy/fabric-deploy#configuration-fabric-deployyml)","# Relative paths are resolved from this file. `{{ environment }}` is the environment input.","version: 1","","workspace:",n?`  name: ${p(n.name)} # exported from workspace ${n.id}; use "${e.name}-{{ environment }}" for one per environment`:`  name: ${p(`${e.name}-{{ environment }}`)} # found by name, created when missing`,e.capacity?`  capacity: { name: ${p(e.capacity)} } # or id: <capacity guid>`:'  # capacity: { name: "F64 Production" } # lakehouses, notebooks and pipelines need one',"  principalsFile: principals.csv # principal_id,role,description,type \u2014 roles are added or updated, never removed","","items:",`  directory: ${p(e.itemsDirectory)} # <Name>.<Type>/.platform + definition files (fabric-cicd layout)`,`  parameterFile: ${p(`${e.itemsDirectory}/parameter.yml`)}`,"","# Feature-branch workspaces (command: branch-up / branch-down / branch-gc):","branches:",`  base: ${p(e.name)}`,'  name: "{{ base }}-{{ branch }}"',"","environments:",...r.map(s=>s==="prod"?`  prod:
    profile: production # retry, rollback, telemetry, Key Vault and a health check are mandatory`:`  ${s}: {}`),""].join(`
`)}o(L,"configText");function U(e=[]){return["# principal_id,role,description,type \u2014 one principal a line (object ids; a UPN works for users).","# Every deploy gives these their role; a principal not listed here is left as it is.","principal_id,role,description,type",...e.map(n=>`${n.principal.id},${n.role},${(n.principal.userDetails?.userPrincipalName??n.principal.displayName??"").replace(/[,\n]/g," ")},${n.principal.type}`),""].join(`
`)}o(U,"principalsText");function Z(e){return["# fabric-cicd parameter.yml: per-environment values applied while deploying.","# https://microsoft.github.io/fabric-cicd/latest/how_to/parameterization/","find_replace:",'  # - find_value: "dev-storage-account"',"  #   replace_value:",...e.map(n=>`  #     ${n}: "${n}-storage-account"`),'  #   item_type: "Notebook"',""].join(`
`)}o(Z,"parameterText");function W(e){let[n]=e.environments,r=e.environments[e.environments.length-1];return`# Plan on pull requests, deploy main. Needs repository variables AZURE_TENANT_ID and AZURE_CLIENT_ID
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
          environment: ${n}
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
`}o(W,"githubWorkflow");function J(e){let[n]=e.environments,r=e.environments[e.environments.length-1];return`# Plan on pull requests, deploy main. Needs an AzureRM service connection "fabric" (workload identity federation).
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
      environment: ${n}
      connectedServiceName: fabric
  - task: FabricDeploy@0
    condition: and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'))
    inputs:
      config: fabric-deploy.yml
      environment: ${r}
      connectedServiceName: fabric
`}o(J,"azurePipeline");function M(e,n){return new Map([["fabric-deploy.yml",L(e,n)],["principals.csv",U(n?.roles)],[a.join(e.itemsDirectory,"parameter.yml"),Z(e.environments)],[a.join(".github","workflows","fabric-deploy.yml"),W(e)],["azure-pipelines.yml",J(e)]])}o(M,"scaffoldFiles");async function V(e,n,r){let i=[...n.keys()].filter(d=>S(a.join(e,d)));if(i.length&&!r)throw new h(`init would overwrite ${i.length} existing file${i.length===1?"":"s"}: ${i.join(", ")}`,{field:"directory",fix:"run it in an empty folder (--directory), or pass --force to overwrite them; nothing was written"});let s=[];for(let[d,f]of n){let m=a.join(e,d);await w.mkdir(a.dirname(m),{recursive:!0}),await w.writeFile(m,f),s.push(m)}return s}o(V,"writeAll");async function ae(e){return{files:await V(a.resolve(e.directory),M(e),!!e.force)}}o(ae,"initProject");function C(e){return[...e].map(n=>/[/\\:*?"<>|]/.test(n)||n.charCodeAt(0)<32?"_":n).join("")}o(C,"safeName");function Y(e){let n={type:e.type,displayName:e.displayName};return e.description&&(n.description=e.description),JSON.stringify({$schema:z,metadata:n,config:{version:"2.0",logicalId:e.id}},null,2)+`
`}o(Y,"platformText");function H(e,n,r){let i=Buffer.from(e.payload,"base64");if(F[n.type]?.rewriteIds===!1)return i;let s=i.toString("utf8");return!Buffer.from(s,"utf8").equals(i)||s.includes("\0")?i:Buffer.from(B(s,r),"utf8")}o(H,"partBytes");async function le(e,n,r){let i=await P(e,n),s=o((t,l)=>{throw t instanceof I&&(t.status===401||t.status===403)?new h(`this identity cannot read ${l} of workspace '${i.displayName}' (${t.errorCode})`,{field:"from-workspace",fix:"give the identity the Contributor role (or higher) in the workspace: exporting definitions needs it; nothing was written",cause:t}):t},"cannotRead"),[d,f,m]=await Promise.all([e.client.listItems(i.id).catch(t=>s(t,"the items")),e.client.listFolders(i.id).catch(t=>s(t,"the folders")),e.client.listRoleAssignments(i.id).catch(()=>[])]),v=j(f.filter(t=>!k(t))),u=d.filter(t=>!T.has(t.type));e.log.info(`exporting ${u.length} items and ${v.size} folders of '${i.displayName}' (${i.id})`);let O=await D(u,8,async t=>{try{return await e.client.getItemDefinition(i.id,t.id)}catch(l){return l instanceof I&&l.status===400?(e.log.warn(`${t.type} '${t.displayName}': no definition to export (${l.errorCode}); .platform only`),{parts:[]}):s(l,`the definition of ${t.type} '${t.displayName}'`)}}),_=a.resolve(r.directory),N=M(r,{name:i.displayName,id:i.id,roles:m}),E=new Map,R=new Set;u.forEach((t,l)=>{let y=t.folderId&&v.get(t.folderId)?.replace(/^\/+/,"")||"",c=a.join(r.itemsDirectory,...y.split("/").filter(Boolean).map(C),`${C(t.displayName)}.${t.type}`);R.has(c.toLowerCase())&&(c=`${c}-${t.id.slice(0,8)}`),R.add(c.toLowerCase()),N.set(a.join(c,".platform"),Y(t));for(let $ of O[l].parts)$.path!==".platform"&&E.set(a.join(c,...$.path.split("/")),H($,t,i.id))});let q=new Set(u.map(t=>t.folderId).filter(Boolean)),b=f.filter(t=>!k(t)&&!q.has(t.id)&&!f.some(l=>l.parentFolderId===t.id));b.length&&e.log.warn(`${b.length} empty folder${b.length===1?"":"s"} not exported (the layout has items only): ${b.map(t=>v.get(t.id)).join(", ")}`);let x=new Map([...N,...E]),g=[...x.keys()].filter(t=>S(a.join(_,t)));if(g.length&&!r.force)throw new h(`init --from-workspace would overwrite ${g.length} existing file${g.length===1?"":"s"}: ${g.slice(0,10).join(", ")}${g.length>10?", \u2026":""}`,{field:"directory",fix:"export into an empty folder (--directory), or pass --force; nothing was written"});let A=[];for(let[t,l]of x){let y=a.join(_,t);await w.mkdir(a.dirname(y),{recursive:!0}),await w.writeFile(y,l),A.push(y)}return{files:A,items:u.length,folders:v.size,workspace:{id:i.id,name:i.displayName}}}o(le,"exportWorkspace");export{le as exportWorkspace,ae as initProject,se as parseEnvironments,M as scaffoldFiles};
//# sourceMappingURL=init.js.map
