/** Messages between `@/lib/images/thumbnail-queue` and `@/workers/thumbnail.worker`. */
export interface ThumbnailRequest {
  id: number;
  /** Asset ids whose previews to make and store. */
  ids: string[];
}

export interface ThumbnailReply {
  id: number;
  done: string[];
}
