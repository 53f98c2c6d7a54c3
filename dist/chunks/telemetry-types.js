import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as e}from"./runtime.js";var t={event:e(()=>{},"event"),metric:e(()=>{},"metric"),dependency:e(()=>{},"dependency"),exception:e(()=>{},"exception"),flush:e(async()=>{},"flush")},r={record:e(()=>{},"record"),close:e(async()=>{},"close")};export{t as a,r as b};
//# sourceMappingURL=telemetry-types.js.map
