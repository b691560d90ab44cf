// Moved to $lib/platform/web-storage.ts. Only state/sync.svelte.ts still imports it from here, until
// helper house-sync's branch imports it from there; then this file goes.
export { readStored, writeStored } from '$lib/platform/web-storage';
