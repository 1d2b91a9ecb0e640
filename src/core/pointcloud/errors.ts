/** What went wrong while reading a point-cloud file; the UI may pick wording or advice by kind. */
export type PointCloudErrorKind =
  | 'unknown-format'
  | 'bad-header'
  | 'truncated'
  | 'too-many-points'
  | 'no-xyz'
  | 'empty'
  | 'damaged';

/** A point-cloud file that cannot be read. The message is a sentence naming the file and the problem. */
export class PointCloudError extends Error {
  readonly kind: PointCloudErrorKind;
  readonly file: string;
  constructor(kind: PointCloudErrorKind, file: string, problem: string) {
    super(`"${file}" ${problem}`);
    this.name = 'PointCloudError';
    this.kind = kind;
    this.file = file;
  }
}

export function isPointCloudError(e: unknown): e is PointCloudError {
  return e instanceof PointCloudError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'PointCloudError');
}
