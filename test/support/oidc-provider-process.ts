import { spawn } from 'node:child_process';
import path from 'node:path';

export interface OidcProviderProcess {
  readonly issuer: string;
  stop(): Promise<void>;
}

/** The test OpenID provider (test/support/oidc-provider.mjs) in its own process, as an organisation's IdP would run. */
export async function startOidcProvider(options: { port: number; clientId: string; redirectUri: string; audience: string }): Promise<OidcProviderProcess> {
  const child = spawn(process.execPath, [path.resolve('test/support/oidc-provider.mjs')], {
    env: { ...process.env, OIDC_PORT: String(options.port), OIDC_CLIENT_ID: options.clientId, OIDC_REDIRECT_URI: options.redirectUri, OIDC_AUDIENCE: options.audience },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start: ${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready ')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${String(code)}): ${output}`)));
  });
  return {
    issuer: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
