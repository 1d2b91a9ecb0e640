/**
 * Loads what a request needs (case, its images, the reference images), encodes the images
 * (cached) and calls the pure `buildRequest()`. Used by the preview and by `runCase()`, so the
 * preview shows the very body that is sent.
 */
import type { Case, RenderImage } from '@/core/model';
import { buildRequest, type BuiltRequest, type EncodedImage, type ReferenceInput } from '@/core/prompt/build-request';
import type { PromptBody } from '@/core/prompt/prompt-body';
import { modelCapabilities } from '@/core/vlm/model-capabilities';
import type { ProviderConfig } from '@/core/vlm/providers';
import { caseImages } from '@/lib/images/case-images';
import { projectDb } from '@/lib/storage/db';
import { encodeImage } from '@/lib/images/encoder';
import { retrieveReferences, type ReferenceRetrieval } from '@/lib/knowledge/reference-retrieval';
import { promptReferenceIds } from '@/core/knowledge/reference-choice';

export interface PrepareOptions {
  blankQuery?: boolean;
  referenceOverride?: string[];
}

export interface PreparedRequest {
  built: BuiltRequest;
  caseRecord: Case;
  /** Render spec hashes of the query's images, when they were rendered (point clouds, videos). */
  renderSpecHashes: string[];
  /** Set when the prompt retrieves references per query: which were picked, with similarities. */
  retrieval?: ReferenceRetrieval;
}

/** A problem with the inputs (missing case, undecodable image …), as a sentence. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export async function encodeCaseImages(c: Case, body: PromptBody, what: string, blank = false): Promise<{ images: EncodedImage[]; specHashes: string[] }> {
  let raw: RenderImage[];
  try {
    raw = await caseImages(c, body.modalities ? { modalities: body.modalities } : undefined);
  } catch (err) {
    throw new InputError(err instanceof Error ? err.message : `The images of case "${c.name}" could not be loaded.`);
  }
  const specHashes = [...new Set(raw.map((r) => r.meta?.specHash).filter((s): s is string => typeof s === 'string'))];
  try {
    const images = await Promise.all(
      raw.map((r) => {
        const knownHash = c.kind === 'image' && typeof r.meta?.assetId === 'string' ? r.meta.assetId : undefined;
        // Plain images are captioned by position only: a file name can carry the label.
        return encodeImage(r.blob, body.image, { knownHash, caption: c.kind === 'image' ? undefined : r.caption, blank, label: `${what} "${c.name}"` });
      }),
    );
    return { images, specHashes };
  } catch (err) {
    throw new InputError(err instanceof Error ? err.message : `The images of case "${c.name}" could not be encoded.`);
  }
}

/** Prepares the request for a case. Throws `InputError` (a sentence) when inputs are missing. */
export async function prepareRequest(args: { caseId: string; body: PromptBody; provider: ProviderConfig; stream: boolean; options?: PrepareOptions }): Promise<PreparedRequest> {
  const db = projectDb();
  const c = await db.cases.get(args.caseId);
  if (!c) throw new InputError('This case is no longer in the project; it may have been deleted.');
  const query = await encodeCaseImages(c, args.body, 'Case', args.options?.blankQuery);

  let refIds = args.body.knowledge.references ? promptReferenceIds(args.body, c.className, args.options?.referenceOverride) : [];
  // A control run's override wins over retrieval: it exists to send other references on purpose.
  const policy = args.body.referencePolicy;
  let retrieval: ReferenceRetrieval | undefined;
  if (args.body.knowledge.references && !args.options?.referenceOverride && policy?.kind === 'nearest') {
    try {
      retrieval = await retrieveReferences(c, args.body, policy);
    } catch (err) {
      throw new InputError(err instanceof Error ? err.message : `References could not be retrieved for "${c.name}".`);
    }
    refIds = retrieval.picked.map((p) => p.caseId);
  }
  const refCases = (await db.cases.bulkGet(refIds)).filter((x): x is Case => !!x);
  const references: ReferenceInput[] = [];
  for (const r of refCases) {
    const enc = await encodeCaseImages(r, args.body, 'Reference');
    references.push({ caseId: r.id, caseName: r.name, role: r.role, images: enc.images });
  }
  const built = buildRequest({
    body: args.body,
    query: { caseId: c.id, caseName: c.name, className: c.className, kind: c.kind, images: query.images },
    references,
    model: args.provider.model,
    caps: modelCapabilities(args.provider),
    stream: args.stream,
  });
  return { built, caseRecord: c, renderSpecHashes: query.specHashes, retrieval };
}
