/** Messages between `@/lib/knowledge/descriptor-client` and `@/workers/descriptor.worker`. */
export interface DescriptorRequest {
  id: number;
  blob: Blob;
}

export type DescriptorReply = { id: number; descriptor: number[] } | { id: number; error: string };
