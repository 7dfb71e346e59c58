// Starts the roster optimiser's worker thread: TypeScript is loaded through tsx, as in the server itself (optimise.ts).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
