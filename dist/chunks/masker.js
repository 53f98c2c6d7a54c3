import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{a as e}from"./runtime.js";var r=class{static{e(this,"Masker")}values=new Set;add(s){if(!s)return[];let i=[s,...s.split(/\r?\n/)].map(t=>t.trim()).filter(t=>t.length>=4),n=[];for(let t of i)this.values.has(t)||(this.values.add(t),/[\r\n]/.test(t)||n.push(t));return n}mask(s){if(this.values.size===0)return s;let i=s;for(let n of[...this.values].sort((t,l)=>l.length-t.length))i.includes(n)&&(i=i.split(n).join("***"));return i}};export{r as a};
//# sourceMappingURL=masker.js.map
