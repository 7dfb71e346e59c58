/**
 * The party-organisation and volunteer routes' contracts (server/modules/volunteers), one file per
 * sub-domain, and the answers they share.
 */
export * from './deployments';
export * from './enlist';
export * from './links';
export * from './orgs';
export * from './teams';
export * from './views';
export * from './volunteers';
export type {
  CaptainKind,
  Category,
  HealthStatus,
  MemberRole,
  OrgKind,
  PostKind,
  Skill,
  TeamKind,
  TeamRole,
  Weekday,
} from '../schemas';
