export function IngestOverlay() {
  return null;
}
