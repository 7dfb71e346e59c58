/** The resident registry's route contracts: the registry itself, and its spreadsheets (import, export). */
export * from './registry';
export * from './imports';
