/**
 * Lazy previews: the library asks for the cells on screen (and, when idle, the rest); previews are
 * decoded, stored in the database and picked up by the grid from there.
 */
import { projectDb } from '@/lib/storage/db';
import { makeThumbnail } from '@/lib/ingest/thumbnail';
import { fillThumbnail } from '@/lib/images/lazy-thumbnail';

const scope = self as unknown as { postMessage: (m: { done: string[] }) => void; onmessage: ((e: MessageEvent<{ ids: string[] }>) => void) | null };
const queue: string[] = [];
let running = false;

async function drain() {
  running = true;
  while (queue.length) {
    const batch = queue.splice(0, 4);
    // A few at once: decoding runs on the browser's image threads while storage writes.
    await Promise.all(batch.map((id) => fillThumbnail(projectDb(), id, makeThumbnail).catch(() => 'missing')));
    scope.postMessage({ done: batch });
  }
  running = false;
}

scope.onmessage = (e) => {
  // Newest requests first: they are the cells on screen now.
  queue.unshift(...e.data.ids.filter((id) => !queue.includes(id)));
  if (!running) void drain();
};
