import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { type ApiProcess, type PlatformProcess, ROOT, startApi, startWorker } from './processes';
import { platformEnv } from './platform-env';

export interface WebPlatform {
  api: ApiProcess;
  worker: PlatformProcess;
  browser: Browser;
}

/**
 * The built api serving the built web app, a worker, and Chromium, started before the file's
 * tests and stopped after them. Read `platform.api` and so on inside the tests.
 */
export function useWebPlatform(): WebPlatform {
  const platform = {} as WebPlatform;
  beforeAll(async () => {
    platform.api = await startApi(platformEnv({ WEB_DIST_DIR: join(ROOT, 'dist/apps/web/browser') }));
    platform.worker = startWorker(platformEnv({ PUBLIC_URL: platform.api.url }));
    platform.browser = await launchChromium();
  });
  afterAll(async () => {
    await platform.browser?.close();
    await Promise.all([platform.api?.stop(), platform.worker?.stop()]);
  });
  return platform;
}
