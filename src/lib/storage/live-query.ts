/** Seam for live IndexedDB queries in React: re-renders when the queried tables change. */
export { useLiveQuery } from 'dexie-react-hooks';
