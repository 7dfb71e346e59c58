/**
 * The resident registry's public face. Other modules find and search people here, create or move them
 * through the same checks as the registry's own forms (prepare → insert in the caller's transaction), and
 * check identity fields with the registry's rules.
 */
export { checkIdentityFields, checkPhoneField } from './identity-rules';
export { maskAreaName } from './view';
export { type ContactRow, contactsOf } from './contacts';
export { findByIdNumberUnscoped, findResident, findResidents, householdMembers } from './repo';
export { searchResidents } from './search-repo';
export type { PreparedMove, PreparedResident } from './service';
export { applyMove, insertPrepared, prepareCreate, prepareMove } from './service';
/** Retention (the lifecycle module's runs): an import's failing rows deleted past their period. */
export { purgeImportErrors } from './retention';
