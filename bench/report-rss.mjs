// Preloaded with --import: prints the process's peak resident memory when it exits (for bench/startup.mjs).
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
