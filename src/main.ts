import 'reflect-metadata';
import { startBackingServices, type BackingServices } from './backing-services.js';
import { loadSettings, SettingsError, type Settings } from './config/settings.js';
import { createHub } from './hub.js';

function say(message: string): void {
  process.stdout.write(JSON.stringify({ level: 'info', time: new Date().toISOString(), service: 'ocx-hub', msg: message }) + '\n');
}

async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`ocx-hub: not starting.\n${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }

  const services: BackingServices = await startBackingServices(settings, say);
  const app = await createHub(settings, { databaseUrl: services.databaseUrl, ...(services.migrationUrl ? { migrationUrl: services.migrationUrl } : {}), s3: services.s3 });
  if (settings.AUTH_DEV_ISSUER) say('development token issuer enabled: mint tokens with `npm run token -- --role staff --sub somchai`');
  await app.listen(settings.PORT, settings.HOST);
  say(`OCX hub listening on http://${settings.HOST}:${settings.PORT} (docs at /docs)`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`received ${signal}: stopping`);
    await app.close();
    await services.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`ocx-hub: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
