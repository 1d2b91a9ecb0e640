/**
 * Applies the "k nearest normal references" policy to a stored case: gathers its class's reference
 * candidates, describes every image in a worker (cached) and asks the pure `retrieveNearest`.
 */
import type { Case, RenderImage } from '@/core/model';
import { caseDescriptor, retrieveNearest, type ReferencePolicy, type Retrieval } from '@/core/knowledge/retrieval';
import type { BuiltRequest } from '@/core/prompt/build-request';
import type { PromptBody } from '@/core/prompt/prompt-body';
import { caseImages } from '@/lib/images/case-images';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { imageDescriptorOf } from '@/lib/knowledge/descriptor-client';
import { caseImageKey } from '@/core/identity';

/** Images per case that enter its descriptor (views or frames beyond these add little). */
const MAX_DESCRIBED_IMAGES = 4;

export interface ReferenceRetrieval extends Retrieval {
  /** Case names by id, for the preview. */
  names: Record<string, string>;
  /** Candidates whose images could not be read, as sentences (they are skipped, not fatal). */
  skipped: string[];
}

/**
 * The cases a query's references are retrieved from: its class's reference candidates and the
 * prompt's own picks for the class; when the class has neither, its cases labelled normal.
 * Same kind only (a depth render is no reference for a photo), never sub-cases.
 */
export async function retrievalPool(c: Case, body: PromptBody, db: ProjectDb = projectDb()): Promise<Case[]> {
  const same = (await db.cases.where('className').equals(c.className).toArray()).filter((x) => x.kind === c.kind && !x.parentId);
  const picked = new Set(body.references[c.className] ?? []);
  const pool = same.filter((x) => x.role === 'reference' || picked.has(x.id));
  const chosen = pool.length ? pool : same.filter((x) => x.truth.status === 'normal');
  return chosen.sort((a, b) => a.name.localeCompare(b.name));
}

/** Plain images are content-addressed, so their descriptor never goes stale; renders can (spec changes). */
const imageCaseDescriptors = new Map<string, Promise<number[]>>();
const MAX_CACHED_CASES = 4096;

function describeCase(c: Case, images: (c: Case) => Promise<RenderImage[]>): Promise<number[]> {
  if (c.kind !== 'image') return describeImages(c, images);
  let p = imageCaseDescriptors.get(c.assetId);
  if (!p) {
    p = describeImages(c, images);
    imageCaseDescriptors.set(c.assetId, p);
    p.catch(() => imageCaseDescriptors.delete(c.assetId));
    if (imageCaseDescriptors.size > MAX_CACHED_CASES) imageCaseDescriptors.delete(imageCaseDescriptors.keys().next().value!);
  }
  return p;
}

async function describeImages(c: Case, images: (c: Case) => Promise<RenderImage[]>): Promise<number[]> {
  const imgs = (await images(c)).slice(0, MAX_DESCRIBED_IMAGES);
  if (!imgs.length) throw new Error(`Case "${c.name}" has no images to compare.`);
  return caseDescriptor(await Promise.all(imgs.map((img, i) => imageDescriptorOf(caseImageKey(c.assetId, i, img), img.blob))));
}

/** Retrieves the references for one query. Throws a sentence only when the query itself cannot be read. */
export async function retrieveReferences(c: Case, body: PromptBody, policy: Extract<ReferencePolicy, { kind: 'nearest' }>, opts: { db?: ProjectDb; images?: (c: Case) => Promise<RenderImage[]> } = {}): Promise<ReferenceRetrieval> {
  const images = opts.images ?? caseImages;
  const pool = await retrievalPool(c, body, opts.db);
  let query: number[];
  try {
    query = await describeCase(c, images);
  } catch (err) {
    throw new Error(`References could not be retrieved for "${c.name}": ${err instanceof Error ? err.message : 'its images could not be read.'}`);
  }
  const skipped: string[] = [];
  const described = await Promise.all(
    pool.map(async (x) => {
      try {
        return { caseId: x.id, assetId: x.assetId, descriptor: await describeCase(x, images) };
      } catch (err) {
        skipped.push(`Reference candidate "${x.name}" was skipped: ${err instanceof Error ? err.message : 'its images could not be read.'}`);
        return undefined;
      }
    }),
  );
  const retrieval = retrieveNearest({ caseId: c.id, assetId: c.assetId, descriptor: query }, described.filter((d) => !!d), policy);
  return { ...retrieval, names: Object.fromEntries(pool.map((x) => [x.id, x.name])), skipped };
}

/** The reference cases a built request actually sends, in order, with their similarity when retrieved. */
export function sentReferences(built: BuiltRequest, retrieval?: Retrieval): { caseId: string; similarity?: number }[] {
  const ids = [...new Set(built.images.filter((i) => i.role === 'reference').map((i) => i.caseId))];
  const sim = new Map(retrieval?.picked.map((p) => [p.caseId, p.similarity]));
  return ids.map((caseId) => (sim.has(caseId) ? { caseId, similarity: sim.get(caseId) } : { caseId }));
}
