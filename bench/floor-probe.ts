import { cpuSecondsOf, load, withBenchHub } from './support.js';
await withBenchHub({ PARTNER_RATE_PER_MINUTE: '1000000' }, async ({ hub, client, token }) => {
  const staff = await token('staff');
  for (const [name, path, auth] of [['/health/live', '/health/live', undefined], ['/v1/partners/ocpb', '/v1/partners/ocpb', staff], ['/v1/partners/ocpb', '/v1/partners/ocpb', staff]] as const) {
    const before = cpuSecondsOf(hub.pid!);
    const stats = await load(10000, async () => { const r = await client.send('GET', path, auth); if (r.status !== 200) throw new Error(String(r.status)); });
    const cpu = cpuSecondsOf(hub.pid!) - before;
    console.log(name.padEnd(24), Math.round(stats.perSecond), '/s', ((cpu / 10000) * 1000).toFixed(3), 'ms hub CPU per request');
  }
});
