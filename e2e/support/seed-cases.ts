/**
 * Writes cases straight into the app's IndexedDB (raw IndexedDB, rows shaped like `@/core/model`),
 * so browser tests need no ingest. Open the app once first so the database and its tables exist.
 * Pictures are drawn in the page: a round "part" per case, with a scratch when anomalous.
 */
import type { Page } from '@playwright/test';

export interface SeedCase {
  id: string;
  name: string;
  className: string;
  kind?: 'image' | 'pointcloud' | 'video';
  status?: 'normal' | 'anomalous' | 'unsure' | 'unlabelled';
  defectType?: string;
  role?: 'test' | 'reference';
  error?: string;
  /** Attach a defect mask (a white disc on black) as a separate asset. */
  mask?: boolean;
  /** Store these bytes as the case's file instead of a drawn picture. */
  file?: { bytes: number[]; format: string; mime: string };
}

export interface SeedOptions {
  /** Store full-size images (512 px) as asset blobs; off for large benchmark projects. */
  images?: boolean;
  /** Thumbnail side (px). */
  thumbPx?: number;
  /** Draw this many distinct thumbnails and reuse them (fast seeding of 10,000 cases). */
  distinctThumbs?: number;
  /**
   * Give every case its own small file (a pooled thumbnail plus the case's number after it) under
   * its SHA-256 id, as ingest does, so the project exports and imports like a real one.
   */
  hashedFiles?: boolean;
}

/** Makes `n` cases spread over classes, labels and kinds, with stable ids `c00000`, `c00001` … */
export function makeCases(n: number, classes = ['bottle', 'cable', 'capsule', 'hazelnut', 'metal_nut', 'screw']): SeedCase[] {
  const defects = ['crack', 'scratch', 'contamination', 'broken_large'];
  return Array.from({ length: n }, (_, i) => {
    const className = classes[i % classes.length];
    const k = Math.floor(i / classes.length);
    const reference = k % 10 === 0;
    const anomalous = !reference && k % 3 === 1;
    const status = anomalous ? 'anomalous' : reference ? 'normal' : k % 7 === 5 ? 'unlabelled' : k % 11 === 9 ? 'unsure' : 'normal';
    const defectType = anomalous ? defects[k % defects.length] : undefined;
    const folder = reference ? 'train/good' : anomalous ? `test/${defectType}` : 'test/good';
    return {
      id: `c${String(i).padStart(5, '0')}`,
      name: `${className}/${folder}/${String(k).padStart(3, '0')}.png`,
      className,
      kind: i % 97 === 13 ? 'pointcloud' : i % 89 === 7 ? 'video' : 'image',
      status,
      defectType,
      role: folder === 'train/good' ? 'reference' : 'test',
      mask: anomalous,
    } satisfies SeedCase;
  });
}

export async function seedCases(page: Page, cases: SeedCase[], opts: SeedOptions = {}): Promise<void> {
  // tsx (benchmarks) keeps function names through a `__name` call that the page does not have.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(
    async ({ cases, opts }) => {
      const thumbPx = opts.thumbPx ?? 96;
      const hueOf = (s: string) => [...s].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7);
      async function draw(px: number, hue: number, anomalous: boolean, kind: string, mask = false): Promise<Blob> {
        const c = new OffscreenCanvas(px, px);
        const g = c.getContext('2d')!;
        if (mask) {
          g.fillStyle = '#000';
          g.fillRect(0, 0, px, px);
          g.fillStyle = '#fff';
          g.beginPath();
          g.ellipse(px * 0.62, px * 0.4, px * 0.1, px * 0.05, 0.6, 0, Math.PI * 2);
          g.fill();
          return c.convertToBlob({ type: 'image/png' });
        }
        g.fillStyle = '#1c1c1f';
        g.fillRect(0, 0, px, px);
        const grad = g.createRadialGradient(px * 0.42, px * 0.4, px * 0.05, px / 2, px / 2, px * 0.42);
        grad.addColorStop(0, `hsl(${hue} 35% 72%)`);
        grad.addColorStop(1, `hsl(${hue} 30% 30%)`);
        g.fillStyle = grad;
        g.beginPath();
        if (kind === 'pointcloud') {
          for (let i = 0; i < 400; i++) {
            const a = (i * 2.39996) % (Math.PI * 2);
            const r = Math.sqrt(i / 400) * px * 0.4;
            g.rect(px / 2 + Math.cos(a) * r, px / 2 + Math.sin(a) * r, Math.max(1, px / 90), Math.max(1, px / 90));
          }
        } else g.arc(px / 2, px / 2, px * 0.38, 0, Math.PI * 2);
        g.fill();
        g.strokeStyle = `hsl(${hue} 20% 18%)`;
        g.lineWidth = px / 40;
        g.beginPath();
        g.arc(px / 2, px / 2, px * 0.14, 0, Math.PI * 2);
        g.stroke();
        if (anomalous) {
          g.strokeStyle = '#0a0a0a';
          g.lineWidth = px / 60;
          g.beginPath();
          g.moveTo(px * 0.55, px * 0.34);
          g.lineTo(px * 0.64, px * 0.42);
          g.lineTo(px * 0.69, px * 0.45);
          g.stroke();
        }
        return c.convertToBlob(px <= 128 ? { type: 'image/webp', quality: 0.8 } : { type: 'image/png' });
      }

      const distinct = opts.distinctThumbs ?? 0;
      const thumbPool: Blob[] = [];
      for (let i = 0; i < distinct; i++) thumbPool.push(await draw(thumbPx, (i * 47) % 360, i % 3 === 1, 'image'));

      const db: IDBDatabase = await new Promise((res, rej) => {
        const r = indexedDB.open('anomaly-workbench');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      let rows = { cases: [] as unknown[], assets: [] as unknown[], blobs: [] as unknown[], thumbs: [] as unknown[] };
      // Written a thousand cases per transaction: one transaction holding 10,000 new blobs never completes.
      const flush = async () => {
        const batch = rows;
        rows = { cases: [], assets: [], blobs: [], thumbs: [] };
        await new Promise<void>((res, rej) => {
          const tx = db.transaction(['cases', 'assets', 'blobs', 'thumbs'], 'readwrite');
          for (const [table, list] of Object.entries(batch)) {
            const store = tx.objectStore(table);
            for (const r of list) store.put(r);
          }
          tx.oncomplete = () => res();
          tx.onerror = () => rej(tx.error);
          tx.onabort = () => rej(tx.error ?? new Error('the seeding transaction was aborted'));
        });
      };
      const now = Date.now();
      for (let i = 0; i < cases.length; i++) {
        if (i > 0 && i % 1000 === 0) await flush();
        const c = cases[i];
        const kind = c.kind ?? 'image';
        const status = c.status ?? 'unlabelled';
        const hue = hueOf(c.className) + (i % 5) * 6;
        const own = opts.hashedFiles ? new Blob([thumbPool[i % thumbPool.length], new Uint32Array([i])], { type: 'image/webp' }) : undefined;
        const assetId = own ? [...new Uint8Array(await crypto.subtle.digest('SHA-256', await own.arrayBuffer()))].map((b) => b.toString(16).padStart(2, '0')).join('') : `asset-${c.id}`;
        const maskIds: string[] = [];
        const fmt = own ? 'webp' : (c.file?.format ?? (kind === 'image' ? 'png' : kind === 'pointcloud' ? 'ply' : 'mp4'));
        const mime = own ? 'image/webp' : (c.file?.mime ?? (kind === 'image' ? 'image/png' : kind === 'video' ? 'video/mp4' : 'application/octet-stream'));
        rows.assets.push({ id: assetId, kind: own ? 'image' : kind, format: fmt, mime, name: c.name.split('/').pop(), sizeBytes: own?.size ?? 180_000 + i * 37, width: kind === 'image' ? 512 : undefined, height: kind === 'image' ? 512 : undefined, addedAt: now + i });
        const thumb = distinct ? thumbPool[i % distinct] : await draw(thumbPx, hue, status === 'anomalous', kind);
        rows.thumbs.push({ id: assetId, blob: thumb, width: thumbPx, height: thumbPx });
        if (own) rows.blobs.push({ id: assetId, blob: own });
        else if (c.file) rows.blobs.push({ id: assetId, blob: new Blob([new Uint8Array(c.file.bytes)], { type: c.file.mime }) });
        else if (opts.images && kind === 'image') rows.blobs.push({ id: assetId, blob: await draw(512, hue, status === 'anomalous', kind) });
        if (c.mask && !own) {
          const mid = `mask-${c.id}`;
          maskIds.push(mid);
          rows.assets.push({ id: mid, kind: 'image', format: 'png', mime: 'image/png', name: `${c.id}_mask.png`, sizeBytes: 900, width: 512, height: 512, addedAt: now + i });
          if (opts.images) rows.blobs.push({ id: mid, blob: await draw(512, 0, false, 'image', true) });
        }
        rows.cases.push({
          id: c.id,
          assetId,
          kind: own ? 'image' : kind,
          name: c.name,
          className: c.className,
          role: c.role ?? 'test',
          truth: { status, ...(c.defectType ? { defectType: c.defectType } : {}), source: 'folder', at: now },
          maskAssetIds: maskIds,
          addedAt: now + i,
          ...(c.error ? { error: c.error } : {}),
        });
      }
      await flush();
      db.close();
    },
    { cases, opts },
  );
}
