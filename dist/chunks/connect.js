import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{j as a,k as b,l as c,m as d,n as e}from"./opossum.js";import"./telemetry-types.js";import"./scrub.js";import"./version.js";import"./auth.js";import"./secrets.js";import"./inputs.js";import"./errors.js";import"./guid.js";import"./http.js";import"./error-hints.js";import"./undici-api.js";import"./undici.js";import"./runtime.js";export{a as connect,b as connectBase,c as signIn,d as signedInLine,e as startTelemetry};
//# sourceMappingURL=connect.js.map
