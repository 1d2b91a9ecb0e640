export function StorageIndicator() {
  return null;
}
