import type { Page } from '@playwright/test';

/** Waits until the app has created its database and its tables, so a test can write rows into it. */
export async function waitForAppDatabase(page: Page) {
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'anomaly-workbench' && (d.version ?? 0) >= 10));
  // The version shows up while the app's upgrade is still running: wait until its tables exist.
  await page.waitForFunction(
    () =>
      new Promise<boolean>((res) => {
        const r = indexedDB.open('anomaly-workbench');
        r.onsuccess = () => {
          const ok = r.result.objectStoreNames.contains('cases') && r.result.objectStoreNames.contains('kv');
          r.result.close();
          res(ok);
        };
        r.onerror = () => res(false);
      }),
    undefined,
    { polling: 100 },
  );
}
