/**
 * Ingest worker: reads, sniffs, hashes and previews files, then writes each one (asset, blob,
 * preview, case) in its own transaction — all off the main thread. Dexie tells the page's live
 * queries about the writes. Several files are in flight at once so decoding overlaps with I/O.
 */
import { projectDb } from '@/lib/storage/db';
import { prepareFile } from '@/lib/ingest/prepare';
import { localProcessor } from '@/lib/ingest/run';
import { makeThumbnail } from '@/lib/ingest/thumbnail';
import type { IngestWorkerReply, IngestWorkerRequest } from '@/lib/ingest/worker-pool';

const scope = self as unknown as { postMessage: (m: IngestWorkerReply) => void; onmessage: ((e: MessageEvent<IngestWorkerRequest>) => void) | null };
const known = new Set<string>();
const process = localProcessor(projectDb(), (file, path) => prepareFile(file, path, { makeThumbnail, known }));

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'known') {
    for (const id of msg.ids) known.add(id);
    return;
  }
  void process(msg.file, msg.job).then(
    (outcome) => scope.postMessage({ id: msg.id, outcome }),
    (err: unknown) => scope.postMessage({ id: msg.id, error: err instanceof Error ? err.name : 'Error' }),
  );
};
