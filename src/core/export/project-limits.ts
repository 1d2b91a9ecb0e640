/**
 * Limits a project file must keep before anything in it is inflated or parsed. They are far above
 * what an export of a real project holds and far below what freezes or crashes a browser tab.
 */
export const PROJECT_LIMITS = {
  /** Entries in the zip. */
  maxEntries: 200_000,
  /** Inflated size of manifest.json (bytes). */
  maxManifestBytes: 256 * 1024 * 1024,
  /** Inflated size of all entries together (bytes). */
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  /** Nesting depth of manifest.json (prompt bodies and raw answers nest a few levels). */
  maxJsonDepth: 64,
} as const;

export type ProjectLimits = { readonly [K in keyof typeof PROJECT_LIMITS]: number };
