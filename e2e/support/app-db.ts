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

/** Every row of the named tables of the app's database, read in one transaction. */
export async function appRows(page: Page, tables: string[]): Promise<Record<string, Record<string, unknown>[]>> {
  return page.evaluate(
    (names) =>
      new Promise<Record<string, Record<string, unknown>[]>>((resolve, reject) => {
        const open = indexedDB.open('anomaly-workbench');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(names);
          const reqs = names.map((n) => tx.objectStore(n).getAll());
          tx.oncomplete = () => {
            resolve(Object.fromEntries(names.map((n, i) => [n, reqs[i].result as Record<string, unknown>[]])));
            open.result.close();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    tables,
  );
}
