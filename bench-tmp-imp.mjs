const t0 = performance.now();
for (const m of process.argv.slice(2)) await import(m);
process.stdout.write(String(performance.now() - t0));
