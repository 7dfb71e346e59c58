/** The users module's public face: accounts other modules create or look up (sign-in, enlistment, demo). */
export { assertStrongPassword } from './service';
export { toUserView } from './view';
export { findByIdUnscoped, findByUsernameUnscoped, findInScope, insert, listRoles, rehashPassword, setPassword } from './repo';
