import http from 'node:http';
import { Pool } from 'undici';
const kind = process.argv[2];
let server;
if (kind === 'raw') server = http.createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end('{"status":"ok"}'); });
else if (kind === 'express') { const express = (await import('express')).default; const app = express(); app.use(express.json()); app.get('/x', (req, res) => res.json({ status: 'ok' })); server = http.createServer(app); }
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const pool = new Pool(`http://127.0.0.1:${server.address().port}`, { connections: 8 });
const N = 20000; let next = 0; const c0 = process.cpuUsage(); const t0 = performance.now();
await Promise.all(Array.from({ length: 8 }, async () => { while (next++ < N) { const r = await pool.request({ path: '/x', method: 'GET' }); await r.body.text(); } }));
const s = (performance.now() - t0) / 1000; const c = process.cpuUsage(c0);
console.log(kind, Math.round(N / s), 'req/s;', ((c.user + c.system) / N).toFixed(0), 'µs CPU per request (server + client, one process)');
process.exit(0);
