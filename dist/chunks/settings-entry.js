import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{g as a,h as b,i as c,j as d,k as e}from"./settings.js";import"./configValidator.generated.js";import"./yaml.js";import"./auth.js";import"./secrets.js";import"./inputs.js";import"./errors.js";import"./guid.js";import"./runtime.js";export{e as localSecrets,d as readConnection,a as readInput,c as resolveBaseSettings,b as resolveSettings};
//# sourceMappingURL=settings-entry.js.map
