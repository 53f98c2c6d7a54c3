// Preloaded with --import by bench/startup.mjs. Prints, on stderr: when the process sent its first Fabric
// request (undici's request:create for a /v1/ path) as wall and CPU milliseconds since the process
// started, and at exit the same for the whole run and the peak resident memory. CPU time varies far less
// than wall time on a busy machine.
import { subscribe } from 'node:diagnostics_channel';

const cpuMs = () => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000);
};
let seen = false;
subscribe('undici:request:create', ({ request }) => {
  if (seen || !String(request.path).startsWith('/v1/')) return;
  seen = true;
  process.stderr.write(`\nBENCH_FIRST_REQUEST ${Math.round(performance.now())} ${cpuMs()}\n`);
});
process.on('exit', () => {
  process.stderr.write(
    `\nBENCH_EXIT ${Math.round(performance.now())} ${cpuMs()}\nBENCH_MAX_RSS_KB ${process.resourceUsage().maxRSS}\n`,
  );
});
