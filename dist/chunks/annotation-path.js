import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as n}from"./runtime.js";import s from"node:path";function o(t,i){if(!i||!s.isAbsolute(t))return t;let r=s.relative(i,t);return r&&!r.startsWith("..")&&!s.isAbsolute(r)?r.split(s.sep).join("/"):t}n(o,"checkoutRelative");export{o as a};
//# sourceMappingURL=annotation-path.js.map
