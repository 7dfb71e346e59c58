/**
 * The screening API's shapes come from its contracts (domain/screening/api/*). Only the phone's id maker is
 * left here, for the sampling screens that import it from this path; new code imports ./client-id.
 */
export { newClientId } from './client-id';
