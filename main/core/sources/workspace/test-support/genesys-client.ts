// GENESYS'S OFFICIAL Workspace client (`genesys-workspace-client-js`, MIT) as a test fixture, used the way an
// integrator would use it against our simulator. Never a dependency of ours: `npm pack` fetches it from the
// registry into os.tmpdir() (cached by version), it is unpacked there and its own dependencies installed
// beside it. When that fails, `whyUnavailable` tells whether the registry could not be reached (the only
// reason to skip) or the install itself broke (a failure). `npx tsx <this file> --install` does it alone.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installWhenRun, run } from './install';

export const CLIENT = 'genesys-workspace-client-js';
export const CLIENT_VERSION = '9.0.1';

/** The unpacked client with its dependencies installed (cached); throws with npm's reason if it cannot. */
export async function installGenesysClient(): Promise<string> {
  const cache = join(tmpdir(), `${CLIENT}-${CLIENT_VERSION}`);
  const marker = join(cache, 'package/node_modules/.installed');
  if (existsSync(marker)) return join(cache, 'package');
  const staging = `${cache}.${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await run('npm', ['pack', `${CLIENT}@${CLIENT_VERSION}`, '--silent'], staging);
  const tarball = (await readdir(staging)).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack left no tarball for ${CLIENT}`);
  await run('tar', ['xzf', tarball], staging);
  await run(
    'npm',
    ['install', '--omit=dev', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'],
    join(staging, 'package'),
  );
  await writeFile(join(staging, 'package/node_modules/.installed'), new Date().toISOString());
  // Another process may have finished first: its copy is as good as ours.
  await rename(staging, cache).catch(() => rm(staging, { recursive: true, force: true }));
  return join(cache, 'package');
}

/** Why the client cannot be had: undefined when the registry answers (then an install failure is a failure). */
export async function registryUnreachable(): Promise<string | undefined> {
  try {
    await run('npm', ['ping', '--loglevel=error'], tmpdir());
    return undefined;
  } catch (err) {
    return `the npm registry cannot be reached (${(err as Error).message.split('\n')[0]})`;
  }
}

/** The client's entry point and its generated REST API (models, VoiceApi), loaded from the unpacked copy. */
export function loadGenesysClient(dir: string) {
  const req = createRequire(join(dir, 'package.json'));
  return {
    WorkspaceApi: req('./src/index.js') as GenesysWorkspaceApiClass,
    generated: req('./src/internal/code-gen/workspace-api/index.js') as GenesysGenerated,
  };
}

/** The parts of the client's surface the tests use (the package ships no types). */
export interface GenesysWorkspaceApi {
  on(
    event: 'CallStateChanged',
    listener: (msg: { call: Record<string, unknown>; notificationType: string }) => void,
  ): void;
  initialize(opts: { code?: string; redirectUri?: string; token?: string }): Promise<void>;
  activateChannels(agentId?: string, dn?: string, placeName?: string): Promise<unknown>;
  destroy(): Promise<void>;
  readonly agent: unknown;
  readonly voice: {
    calls: Map<string, Record<string, unknown>>;
    makeCall(destination: string): Promise<{ status: { code: number } }>;
    answerCall(id: string): Promise<unknown>;
    holdCall(id: string): Promise<unknown>;
    retrieveCall(id: string): Promise<unknown>;
    releaseCall(id: string): Promise<unknown>;
    initiateTransfer(id: string, destination: string): Promise<unknown>;
    completeTransfer(id: string, parentConnId: string): Promise<unknown>;
    singleStepTransfer(id: string, destination: string): Promise<unknown>;
    updateUserData(id: string, userData: { key: string; type: string; value: unknown }[]): Promise<unknown>;
  };
}
export type GenesysWorkspaceApiClass = new (
  apiKey: string,
  baseUrl: string,
  debug?: boolean,
) => GenesysWorkspaceApi;
export interface GenesysGenerated {
  Call: { prototype: object };
  VoiceApi: new (client: unknown) => { getCalls(): Promise<{ data: { calls: Record<string, unknown>[] } }> };
}

installWhenRun(import.meta.url, CLIENT, installGenesysClient);
