/**
 * Ingest worker: reads, sniffs, hashes and previews files off the main thread. Several files are
 * in flight at once so decoding overlaps with reading and hashing.
 */
import { prepareFile } from '@/lib/ingest-prepare';
import { makeThumbnail } from '@/lib/ingest-thumbnail';
import type { IngestWorkerReply, IngestWorkerRequest } from '@/lib/ingest-worker-pool';

const scope = self as unknown as { postMessage: (m: IngestWorkerReply) => void; onmessage: ((e: MessageEvent<IngestWorkerRequest>) => void) | null };
const known = new Set<string>();

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'known') {
    for (const id of msg.ids) known.add(id);
    return;
  }
  void prepareFile(msg.file, msg.path, { makeThumbnail, known }).then(
    (result) => scope.postMessage({ id: msg.id, result }),
    () => scope.postMessage({ id: msg.id, result: { ok: false, reason: 'unreadable', message: `"${msg.path.split('/').pop()}" could not be read; add it again.` } }),
  );
};
