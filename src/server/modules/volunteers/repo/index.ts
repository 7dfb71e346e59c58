/**
 * SQL of the party-organisation and volunteer module, one file per sub-domain. Every read takes the
 * caller's scope and builds the predicate itself; the lookups the public enlistment form and a person's
 * own page need say Unscoped.
 */
export * from './deployments';
export * from './enlistments';
export * from './enlistments-batch';
export * from './hours';
export * from './links';
export * from './orgs';
export * from './posts';
export * from './teams';
export * from './volunteers';
