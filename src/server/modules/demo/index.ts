/** The demo county (first start without data) and synthetic residents for benches and seeding. */
export { bootstrap } from './bootstrap';
export { generateResidents } from './synthetic-residents';
