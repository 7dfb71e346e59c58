/**
 * Every named permission. A route declares the one it needs; roles are bundles of them.
 * A module adding endpoints adds its permissions here and grants them to roles by migration.
 */
export const PERMISSIONS = {
  'areas.read': 'areas',
  'areas.write': 'areas',
  'areas.import': 'areas',
  'users.read': 'users',
  'users.write': 'users',
  'roles.write': 'users',
  'audit.read': 'audit',
  'audit.manage': 'audit',
  'residents.read': 'residents',
  'residents.write': 'residents',
  'residents.reveal': 'residents',
  'residents.health': 'residents',
  'residents.import': 'residents',
  'residents.export': 'residents',
  'volunteers.read': 'volunteers',
  'volunteers.write': 'volunteers',
  'volunteers.export': 'volunteers',
  'party.manage': 'volunteers',
  'enlist.approve': 'volunteers',
  'reports.read': 'reports',
  'reports.submit': 'reports',
  'reports.reopen': 'reports',
  'tasks.work': 'tasks',
  'tasks.manage': 'tasks',
  'tasks.call': 'tasks',
  'policy.read': 'monitoring',
  'policy.manage': 'monitoring',
  'measures.read': 'monitoring',
  'measures.write': 'monitoring',
  'followups.read': 'monitoring',
  'followups.write': 'monitoring',
  'alerts.resolve': 'monitoring',
  'sampling.read': 'sampling',
  'sampling.manage': 'sampling',
  'sampling.desk': 'sampling',
  'sampling.lab': 'sampling',
  'sampling.exempt': 'sampling',
  'riskareas.read': 'screening',
  'riskareas.manage': 'screening',
  'arrivals.read': 'screening',
  'arrivals.write': 'screening',
  'screening.read': 'screening',
  'screening.manage': 'screening',
  'screening.visit': 'screening',
  'checkpoints.read': 'checkpoints',
  'checkpoints.manage': 'checkpoints',
  'checkpoints.duty': 'checkpoints',
  'tracing.read': 'tracing',
  'tracing.write': 'tracing',
  'inspections.read': 'inspections',
  'inspections.inspect': 'inspections',
  'inspections.rectify': 'inspections',
  'inspections.manage': 'inspections',
  'lifecycle.manage': 'lifecycle',
  'lifecycle.requests': 'lifecycle',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(p: string): p is Permission {
  return Object.hasOwn(PERMISSIONS, p);
}
