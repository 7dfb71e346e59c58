/**
 * The resident list's filters: kept in the page URL (so back/forward and shared links keep them),
 * turned into the API's query for the list and, unchanged, for the export link.
 */
import type { InputOf } from '../../../domain/contract';
import { exportResidents, type Group, type Status, type searchResidents } from '../../../domain/residents/api';
import { ALL_GROUPS, STATUSES } from '../../../domain/residents/schemas';
import { SEARCH_TARGETS, type SearchTarget } from '../../../domain/search-text';
import { urlOf } from '../../app/query';
import { withQuery } from '../../app/api';

export interface ResidentFilters {
  q?: string;
  /** Whether the text is a name or an address; absent: decided from the text. */
  target?: SearchTarget;
  /** Area id: residents under this area (default: the header's current area). */
  under?: number;
  groups?: Group[];
  status?: Status;
  ageMin?: number;
  ageMax?: number;
  /** YYYY-MM-DD: the roster as it was on that day. */
  asOf?: string;
}

export const PAGE_SIZE = 20;

function int(v: string | null, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === null || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

/** Reads filters from URL search params, dropping anything the API would refuse. */
export function parseFilters(params: URLSearchParams): ResidentFilters {
  const groups = (params.get('groups') ?? '').split(',').filter((g): g is Group => (ALL_GROUPS as readonly string[]).includes(g));
  const status = params.get('status');
  const asOf = params.get('asOf');
  const target = params.get('target');
  return {
    q: params.get('q')?.trim() || undefined,
    target: (SEARCH_TARGETS as readonly string[]).includes(target ?? '') ? (target as SearchTarget) : undefined,
    under: int(params.get('under'), 1),
    groups: groups.length ? groups : undefined,
    status: (STATUSES as readonly string[]).includes(status ?? '') ? (status as Status) : undefined,
    ageMin: int(params.get('ageMin'), 0, 150),
    ageMax: int(params.get('ageMax'), 0, 150),
    asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined,
  };
}

/** The list route's query without its paging. */
export type FilterQuery = Omit<NonNullable<InputOf<typeof searchResidents>['query']>, 'page' | 'pageSize'>;

/** The API query of a filter set (also the URL's search params): empty values left out. */
export function filterQuery(f: ResidentFilters): FilterQuery {
  return {
    q: f.q?.trim() || undefined,
    target: f.target,
    under: f.under,
    groups: f.groups?.length ? f.groups.join(',') : undefined,
    status: f.status,
    ageMin: f.ageMin,
    ageMax: f.ageMax,
    asOf: f.asOf,
  };
}

export function toSearchParams(f: ResidentFilters, page = 1): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filterQuery(f))) if (v !== undefined && v !== '') p.set(k, String(v));
  if (page > 1) p.set('page', String(page));
  return p;
}

/** The list route's query for one page of a filter set. */
export function listQuery(f: ResidentFilters, page: number, pageSize = PAGE_SIZE) {
  return { ...filterQuery(f), page, pageSize };
}

/** The spreadsheet of exactly what the list shows (all pages). */
export function exportUrl(f: ResidentFilters): string {
  return withQuery(exportResidents.path, filterQuery(f) as Parameters<typeof withQuery>[1]);
}

/** "1,234" or, when the server stopped counting, "1,000+". */
export function formatTotal(total: number, capped: boolean, locale: string): string {
  const n = total.toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN');
  return capped ? `${n}+` : n;
}
