import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{i as a,j as b,k as c,l as d,m as e,n as f}from"./opossum.js";import"./telemetry-types.js";import"./scrub.js";import"./version.js";import"./auth.js";import"./secrets.js";import"./inputs.js";import"./errors.js";import"./guid.js";import"./http.js";import"./error-hints.js";import"./undici-api.js";import"./undici.js";import"./runtime.js";export{a as connect,c as connectBase,b as directoryFor,d as signIn,e as signedInLine,f as startTelemetry};
//# sourceMappingURL=connect.js.map
