/**
 * Seeds the app's IndexedDB (db 'anomaly-workbench', schema src/lib/db.ts) from inside the page:
 * images are drawn on a canvas there, so no binary fixture is committed.
 */
import type { Page } from '@playwright/test';
import type { Case, Result, Run } from '../../src/core/model';
import { waitForAppDatabase } from './app-db';

export interface SeedCase {
  id: string;
  className: string;
  truth: Case['truth'];
  role?: Case['role'];
  /** Draw a defect mark on the image (red, which the fake model sees; subtle = dark, which it misses). */
  defect?: boolean;
  subtle?: boolean;
  name?: string;
}

/** Deletes the app's database (a wipe, as a user clearing site data would); reload the page afterwards. */
export async function wipeAppDatabase(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.deleteDatabase('anomaly-workbench');
        r.onsuccess = () => resolve();
        r.onerror = () => reject(r.error);
      }),
  );
}

export async function openApp(page: Page, view = 'review') {
  await page.goto(`/#/${view}`);
  // The view opens the database on first render; wait until Dexie has created it.
  await waitForAppDatabase(page);
  await page.waitForLoadState('networkidle');
}

export async function seed(page: Page, data: { cases?: SeedCase[]; runs?: Run[]; results?: Result[]; clear?: boolean }) {
  await waitForAppDatabase(page);
  await page.evaluate(async ({ cases = [], runs = [], results = [], clear = true }) => {
    const hue: Record<string, number> = {};
    const draw = async (c: (typeof cases)[number], size: number) => {
      const canvas = new OffscreenCanvas(size, size);
      const g = canvas.getContext('2d')!;
      hue[c.className] ??= (Object.keys(hue).length * 67) % 360;
      g.fillStyle = '#111';
      g.fillRect(0, 0, size, size);
      const grad = g.createRadialGradient(size * 0.45, size * 0.4, size * 0.05, size / 2, size / 2, size * 0.4);
      grad.addColorStop(0, `hsl(${hue[c.className]} 25% 70%)`);
      grad.addColorStop(1, `hsl(${hue[c.className]} 20% 30%)`);
      g.fillStyle = grad;
      g.beginPath();
      g.arc(size / 2, size / 2, size * 0.38, 0, Math.PI * 2);
      g.fill();
      g.strokeStyle = `hsl(${hue[c.className]} 15% 85%)`;
      g.lineWidth = size * 0.03;
      g.beginPath();
      g.arc(size / 2, size / 2, size * 0.2, 0, Math.PI * 2);
      g.stroke();
      if (c.defect) {
        g.strokeStyle = c.subtle ? '#3a1a10' : '#d42a1e';
        g.lineWidth = size * (c.subtle ? 0.025 : 0.05);
        g.beginPath();
        g.moveTo(size * 0.3, size * 0.62);
        g.lineTo(size * 0.45, size * 0.55);
        g.lineTo(size * 0.52, size * 0.7);
        g.stroke();
      }
      return canvas.convertToBlob({ type: 'image/png' });
    };
    // The app creates the stores on first open; wait until they exist rather than racing it.
    let db: IDBDatabase | undefined;
    for (let i = 0; i < 100 && !db; i++) {
      const d: IDBDatabase = await new Promise((res, rej) => {
        const r = indexedDB.open('anomaly-workbench');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      if (d.objectStoreNames.contains('results')) db = d;
      else {
        d.close();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    if (!db) throw new Error('The app did not create its database.');
    const blobs = await Promise.all(cases.map(async (c) => ({ big: await draw(c, 384), small: await draw(c, 128) })));
    const tx = db.transaction(['cases', 'assets', 'blobs', 'thumbs', 'runs', 'results'], 'readwrite');
    if (clear) for (const s of ['cases', 'assets', 'blobs', 'thumbs', 'runs', 'results']) tx.objectStore(s).clear();
    cases.forEach((c, i) => {
      const assetId = `asset-${c.id}`;
      const name = c.name ?? `${c.className}/test/${c.truth.defectType ?? (c.truth.status === 'normal' ? 'good' : 'x')}/${c.id}.png`;
      tx.objectStore('assets').put({ id: assetId, kind: 'image', format: 'png', mime: 'image/png', name: `${c.id}.png`, sizeBytes: blobs[i].big.size, width: 384, height: 384, addedAt: i });
      tx.objectStore('blobs').put({ id: assetId, blob: blobs[i].big });
      tx.objectStore('thumbs').put({ id: assetId, blob: blobs[i].small, width: 128, height: 128 });
      tx.objectStore('cases').put({ id: c.id, assetId, kind: 'image', name, className: c.className, role: c.role ?? 'test', truth: c.truth, maskAssetIds: [], addedAt: i });
    });
    for (const r of runs) tx.objectStore('runs').put(r);
    for (const r of results) tx.objectStore('results').put(r);
    await new Promise<void>((res, rej) => {
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    db.close();
  }, data);
  await page.reload();
}

/** The stored truth of every case, read straight from IndexedDB. */
export async function readCases(page: Page): Promise<Case[]> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('anomaly-workbench');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = await new Promise<Case[]>((res) => {
      const q = db.transaction('cases').objectStore('cases').getAll();
      q.onsuccess = () => res(q.result as Case[]);
    });
    db.close();
    return all.sort((a, b) => a.addedAt - b.addedAt);
  });
}

export async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (store) => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('anomaly-workbench');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = await new Promise<unknown[]>((res) => {
      const q = db.transaction(store).objectStore(store).getAll();
      q.onsuccess = () => res(q.result);
    });
    db.close();
    return all as T[];
  }, store);
}

/** Writes a prompt with one version (body as given) and returns its version id. */
export async function seedPrompt(page: Page, body: unknown, name = 'Bottle check'): Promise<string> {
  await waitForAppDatabase(page);
  return page.evaluate(
    async ({ body, name }) => {
      // Open the app's database once its tables are there (its first open can still be upgrading).
      let db: IDBDatabase | undefined;
      for (let i = 0; i < 100 && !db; i++) {
        const d: IDBDatabase = await new Promise((res, rej) => {
          const r = indexedDB.open('anomaly-workbench');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        if (d.objectStoreNames.contains('prompts') && d.objectStoreNames.contains('promptVersions')) db = d;
        else {
          d.close();
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      if (!db) throw new Error('The app did not create its database.');
      const tx = db.transaction(['prompts', 'promptVersions'], 'readwrite');
      tx.objectStore('promptVersions').put({ id: 'pv-seed', promptId: 'p-seed', version: 1, createdAt: 1, hash: 'seed-hash', body, message: 'seeded' });
      tx.objectStore('prompts').put({ id: 'p-seed', name, createdAt: 1, updatedAt: 1, headVersionId: 'pv-seed' });
      await new Promise<void>((res, rej) => {
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
      db.close();
      return 'pv-seed';
    },
    { body, name },
  );
}

/** Points the app at the fake VLM server (custom preset, no key), through its stored settings. */
export async function useFakeProvider(page: Page, baseURL: string) {
  await page.evaluate((baseURL) => {
    localStorage.setItem('anomaly-workbench:provider', JSON.stringify({ state: { config: { presetId: 'custom', baseURL, model: 'fake-vision', timeoutS: 30 }, rememberKey: false, prices: [{ model: 'fake-vision', inputPerMTokUsd: 2.5, outputPerMTokUsd: 10 }] }, version: 1 }));
  }, baseURL);
}
