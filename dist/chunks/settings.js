import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{h as a,i as b,j as c,k as d,l as e}from"./configValidator.generated.js";import"./yaml.js";import"./secrets.js";import"./inputs.js";import"./errors-shared.js";import"./guid.js";import"./runtime.js";export{e as localSecrets,d as readConnection,a as readInput,c as resolveBaseSettings,b as resolveSettings};
//# sourceMappingURL=settings.js.map
