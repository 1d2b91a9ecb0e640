/**
 * Puts cases straight into the app's IndexedDB (schema: src/lib/db.ts), for flows that need a
 * project before the ingest UI is involved. Images are generated, never committed.
 */
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Case, LabelStatus } from '../../src/core/model';
import { waitForAppDatabase } from './app-db';

export interface SeedCase {
  id: string;
  name: string;
  className: string;
  role: 'test' | 'reference';
  status: LabelStatus;
  png: Buffer;
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Opens the app (so it creates its database), writes the cases, and reloads. */
export async function seedCases(page: Page, cases: SeedCase[], startPath = '/#/prompts') {
  await page.goto(startPath);
  await waitForAppDatabase(page);
  const rows = cases.map((c, i) => {
    const assetId = sha256(c.png);
    const kase: Case = { id: c.id, assetId, kind: 'image', name: c.name, className: c.className, role: c.role, truth: { status: c.status, source: 'folder', at: 1 }, maskAssetIds: [], addedAt: 1000 + i };
    return { kase, assetId, b64: c.png.toString('base64'), size: c.png.length, name: c.name, w: c.png.readUInt32BE(16), h: c.png.readUInt32BE(20) };
  });
  await page.evaluate(async (rows) => {
    // Open the app's database once its tables are there (its first open can still be upgrading).
    let db: IDBDatabase | undefined;
    for (let attempt = 0; attempt < 100 && !db; attempt++) {
      const opened = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('anomaly-workbench');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      if (['assets', 'blobs', 'cases'].every((t) => opened.objectStoreNames.contains(t))) db = opened;
      else {
        opened.close();
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    if (!db) throw new Error('the app did not create its database');
    const tx = db.transaction(['assets', 'blobs', 'cases'], 'readwrite');
    for (const r of rows) {
      const bytes = Uint8Array.from(atob(r.b64), (ch) => ch.charCodeAt(0));
      tx.objectStore('assets').put({ id: r.assetId, kind: 'image', format: 'png', mime: 'image/png', name: r.name.split('/').pop(), sizeBytes: r.size, width: r.w, height: r.h, addedAt: 1 });
      tx.objectStore('blobs').put({ id: r.assetId, blob: new Blob([bytes], { type: 'image/png' }) });
      tx.objectStore('cases').put(r.kase);
    }
    await new Promise<void>((res, rej) => {
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    db.close();
  }, rows);
  await page.reload();
}
