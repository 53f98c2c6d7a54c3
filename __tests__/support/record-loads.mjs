// `node --import` this file to append the URL of every module the process loads to $FD_LOADED_LOG.
// Loader hooks run off the main thread; they see the same environment.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.FD_LOADED_LOG, url + '\\n');
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
