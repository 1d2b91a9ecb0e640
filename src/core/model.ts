/**
 * The workbench's data model: plain, serialisable records. Storage lives in `@/lib/db`;
 * this file only says what each record is. Ids are strings; times are epoch ms.
 */

export type AssetKind = 'image' | 'pointcloud' | 'video';

/** An input file, stored once. `id` is the lowercase hex SHA-256 of its bytes. */
export interface Asset {
  id: string;
  kind: AssetKind;
  /** Detected format, e.g. 'png', 'jpeg', 'tiff', 'ply', 'pcd', 'mp4', 'webm'. */
  format: string;
  mime: string;
  /** File name as dropped (no folders). */
  name: string;
  sizeBytes: number;
  /** Pixel size for images and videos, when known. */
  width?: number;
  height?: number;
  /** Bits per channel sample, when the header says (e.g. 16 for 16-bit PNG/TIFF). */
  bitDepth?: number;
  addedAt: number;
}

/** The bytes of an asset, apart from its metadata row. */
export interface AssetBlob {
  id: string;
  blob: Blob;
}

/** A small preview image made once per asset (JPEG, longest side ≤ 256 px). */
export interface Thumbnail {
  id: string;
  blob: Blob;
  /** px */
  width: number;
  height: number;
  /** True for a stand-in (e.g. a point cloud or video before its real preview is made). */
  placeholder?: boolean;
}

export type CaseRole = 'test' | 'reference';
export type LabelStatus = 'normal' | 'anomalous' | 'unsure' | 'unlabelled';
export type LabelSource = 'folder' | 'import' | 'hand';

export interface GroundTruth {
  status: LabelStatus;
  defectType?: string;
  /** Kind of anomaly where a dataset says (MVTec LOCO: 'logical' or 'structural'). */
  anomalyKind?: string;
  note?: string;
  source?: LabelSource;
  /** When the label was set (epoch ms). */
  at?: number;
}

/** One item under test (or a reference candidate). */
export interface Case {
  id: string;
  assetId: string;
  kind: AssetKind;
  /** Display name: the path inside the dropped folder, or the file name. */
  name: string;
  className: string;
  role: CaseRole;
  truth: GroundTruth;
  /** Asset ids of defect masks attached from a dataset's ground-truth folder (several are merged: non-zero = defect). */
  maskAssetIds: string[];
  /** Asset ids of other views of the same item (the RGB photo beside an MVTec 3D-AD scan). */
  companionAssetIds?: string[];
  addedAt: number;
  /** For sub-cases (e.g. a video window): the parent case and the window it covers. */
  parentId?: string;
  window?: { startS: number; endS: number; index: number };
  /** A content problem found after ingest (e.g. an undecodable codec), as a sentence. */
  error?: string;
}

/** 2D images derived from an asset by a render spec, cached by (asset, spec hash). */
export interface RenderImage {
  blob: Blob;
  /** px */
  width: number;
  height: number;
  /** What the model is told this image is, e.g. "depth view +X", "frame 12, t = 0.48 s". */
  caption: string;
  /** Free-form facts about the image (view matrix, frame index, timestamp …). */
  meta?: Record<string, unknown>;
  /** The case's ground truth on this image (PNG, non-zero = defect): a point cloud's labels carried onto a render. */
  mask?: Blob;
}

/** Where a case's render settings come from: its own, its parent video's, its class's, or the defaults. */
export type SpecSource = 'case' | 'parent' | 'class' | 'default';

export interface Render {
  /** `renderId(assetId, specHash)` of `@/core/identity` */
  id: string;
  assetId: string;
  specHash: string;
  spec: unknown;
  images: RenderImage[];
  createdAt: number;
  /** Rendered with the case's masks given, so each image carries its `mask` when they apply. */
  masked?: boolean;
}

/** Project-level key/value rows (project name, per-class render specs, UI preferences). */
export interface KeyValue {
  key: string;
  value: unknown;
}

export type Verdict = 'normal' | 'anomalous';
export type ResultStatus = 'ok' | 'unparsed' | 'refused' | 'error';
export type ScoreSource = 'logprobs' | 'confidence' | 'votes' | 'baseline' | 'verdict-only';

/** A named prompt; its content lives in immutable versions. */
export interface Prompt {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  headVersionId: string;
}

export interface PromptVersion {
  id: string;
  promptId: string;
  /** 1, 2, 3 … per prompt. */
  version: number;
  createdAt: number;
  /** SHA-256 of the canonical JSON of `body`. */
  hash: string;
  /** Defined by `@/core/prompt` (task, class context, rules, references, schema, image settings). */
  body: unknown;
  message?: string;
}

export interface ProviderSnapshot {
  presetId: string;
  baseURL: string;
  model: string;
}

/** A control run's changes to what the model gets. */
export interface RunControl {
  /** Replace the query image by a blank one. */
  blankQuery?: boolean;
  /** Per class: the reference case ids to use instead of the prompt's (another class's normals). */
  referenceOverride?: Record<string, string[]>;
}

/** What a run was asked with (built by `@/core/runs/run-params`; stored, and compared for reuse). */
export interface RunParams {
  temperature?: number;
  maxTokens?: number;
  reasoningEffort?: string;
  /** Single runs: the image settings and output format of the version, and the call's timeout. */
  image?: unknown;
  output?: string;
  timeoutS?: number;
  /** Answers come from the provider's Batch API. */
  batchApi?: boolean;
  control?: RunControl;
  /** The offline baseline's version and threshold. */
  version?: string;
  threshold?: number;
  /** Runs made before `Run.ablation` kept their ablation here; read them through `runAblation`. */
  ablationGroup?: string;
  ablationOf?: string;
}

/** One cell of a knowledge ablation: the runs of one click share `group`. */
export interface AblationCell {
  group: string;
  /** The prompt version the ablation was made from. */
  of: string;
  /** The knowledge switched on, e.g. "refs + rules", "task only". */
  cell: string;
}

/** An immutable snapshot of what was run over which cases. */
export interface Run {
  id: string;
  name: string;
  /** 'vlm' calls a model; 'baseline' is the offline detector. */
  detector: 'vlm' | 'baseline';
  promptVersionId?: string;
  /** Hash of the prompt version's body, so a run stays checkable if versions are imported. */
  promptVersionHash?: string;
  provider?: ProviderSnapshot;
  params: RunParams;
  caseIds: string[];
  repeat: number;
  /** Set on the runs of a knowledge ablation (older runs: see `runAblation`). */
  ablation?: AblationCell;
  /** What kind of run this is: a plain run or a control/ablation variant of another. */
  variant?: { kind: 'plain' | 'blank-query' | 'swapped-references' | 'ablation'; of?: string; label?: string };
  status: 'queued' | 'running' | 'paused' | 'done' | 'cancelled';
  createdAt: number;
  finishedAt?: number;
  /** Batches submitted to the provider's Batch API for this run (one per split part). */
  batchJobs?: BatchJob[];
  /** Batches the submission planned; fewer in `batchJobs` while it is still sending them. */
  batchParts?: number;
  /** A sentence about the Batch API submission as a whole (e.g. a part that could not be sent). */
  batchNote?: string;
}

/** Status values of the OpenAI (and Azure OpenAI) Batch API. */
export type BatchJobStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

/** One batch at the provider, as last seen by this app. */
export interface BatchJob {
  /** The provider's batch id. */
  id: string;
  inputFileId: string;
  /** Requests (lines) in its input file. */
  requests: number;
  /** Size of its input file, bytes. */
  bytes: number;
  status: BatchJobStatus;
  counts?: { total: number; completed: number; failed: number };
  outputFileId?: string;
  errorFileId?: string;
  /** Output/error file ids already read into the run's results. */
  imported?: string[];
  /** A sentence: why the batch failed or could not be checked (validation errors name their lines). */
  error?: string;
  createdAt: number;
  checkedAt?: number;
}

export interface ResultError {
  kind: string;
  /** A sentence a user can act on. */
  message: string;
  httpStatus?: number;
  /** Worth trying again (rate limit, 5xx, network, timeout); false for key, model, size problems. */
  retryable?: boolean;
  /** Seconds the server asked to wait before retrying (from `Retry-After`). */
  retryAfterS?: number;
}

/** One answer for one case in one run (and one repeat). */
export interface Result {
  /** `resultId(runId, caseId, rep)` of `@/core/identity` */
  id: string;
  runId: string;
  caseId: string;
  rep: number;
  status: ResultStatus;
  verdict?: Verdict;
  /** Anomaly score 0–1 (1 = surely anomalous). */
  score?: number;
  scoreSource?: ScoreSource;
  confidence?: number;
  reasoning?: string;
  violatedRules?: string[];
  defectType?: string;
  /** Normalised boxes [x0, y0, x1, y1] in 0–1 per image index. */
  locations?: { image: number; box: [number, number, number, number] }[];
  raw?: string;
  /** Token usage; `reasoningTokens` (hidden thinking, billed as output) is part of `completionTokens`. */
  usage?: { promptTokens: number; completionTokens: number; reasoningTokens?: number };
  /** The model's own thinking, when the server returns it beside the answer (plain text, untrusted). */
  thinking?: string;
  latencyMs?: number;
  costUsd?: number;
  /** Set when this result was copied from an earlier run with the same request instead of calling the model again. */
  reusedFrom?: string;
  error?: ResultError;
  /** Hash of everything that determines the answer (prompt version, model, params, image hashes). */
  requestHash?: string;
  imageHashes?: string[];
  /** Render spec hashes of the case images sent (point clouds, videos); empty for plain images. */
  renderSpecHashes?: string[];
  /** Reference cases sent, in order; `similarity` (−1–1) when they were retrieved per query. */
  references?: { caseId: string; similarity?: number }[];
  /** Heatmap or other artefacts of a local detector. */
  artefacts?: {
    heatmap?: Blob;
    /** The heatmap's raw scores (grid over the image, row-major), for pixel-level AUROC against masks. */
    heatmapGrid?: { width: number; height: number; data: Float32Array };
  };
  createdAt: number;
}
