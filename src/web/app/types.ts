/**
 * Shapes of the API's JSON, as described in docs/api.md. Kept here (not imported from the server)
 * so the web bundle never pulls in server code.
 */
import type { AreaKind } from '../../domain/areas/kinds';

export type { AreaKind };

export interface Area {
  id: number;
  parentId: number | null;
  name: string;
  kind: AreaKind;
  divisionCode: string | null;
  path: string;
  level: number;
  archived: boolean;
  /** Absent on the scope returned by /auth/me; present on every /areas answer. */
  childCount?: number;
}

/** The short area shape embedded in a user row. */
export type AreaRef = Pick<Area, 'id' | 'name' | 'kind' | 'path'>;

export interface User {
  id: number;
  username: string;
  displayName: string;
  phone: string | null;
  roles: string[];
  scope: AreaRef;
  disabled: boolean;
  createdAt?: string;
}

/** The signed-in user, from login and /auth/me. */
export interface Me extends Omit<User, 'scope'> {
  permissions: string[];
  scope: Area;
}

export interface MeResponse {
  user: Me;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface LocalName {
  zh: string;
  en: string;
}

export interface Role {
  code: string;
  name: LocalName;
  permissions: string[];
  builtIn: boolean;
}

export interface PermissionDef {
  code: string;
  module: string;
}

export interface Division {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'town' | 'village';
  hasChildren: boolean;
}

export interface ImportResult {
  root: Area;
  created: number;
  skipped: number;
}
