// Starts a sheet-reading worker thread: TypeScript is loaded through tsx, as in the server itself (threaded-reader.ts).
import { register } from 'tsx/esm/api';

register();
await import('./sheet-worker.ts');
