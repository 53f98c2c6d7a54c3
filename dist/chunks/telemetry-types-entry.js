import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a,b}from"./telemetry-types.js";import"./runtime.js";export{b as noAudit,a as noTelemetry};
//# sourceMappingURL=telemetry-types-entry.js.map
