import { checkDigit } from '../../domain/residents/identity';
import type { CreateHouseholdInput, CreateResidentInput } from '../../domain/residents/schemas';
import type { Agent } from './harness';

/**
 * Test factories: records made the way a user makes them (through the API, so through the contracts and
 * the services' rules), with sensible defaults a test overrides only where it matters. One ID-number
 * generator for every test instead of a copy per file.
 */

/** A valid 18-digit resident ID (GB 11643 check digit) from a 6-digit area code, a birth date YYYYMMDD and a 3-digit sequence. */
export function residentIdNumber(area6: string, birth8: string, seq3: string): string {
  const body = area6 + birth8 + seq3;
  return body + checkDigit(body);
}

/** A distinct valid ID for a sequence number: born 1980 in 太康县, day and month spread by the number. */
export function idNumberFor(seq: number, area6 = '411627'): string {
  const birth = `19800${1 + (seq % 9)}${String(1 + (seq % 28)).padStart(2, '0')}`;
  return residentIdNumber(area6, birth, String(seq % 1000).padStart(3, '0'));
}

async function created(res: Promise<{ statusCode: number; body: string; json(): any }>): Promise<number> {
  const r = await res;
  if (r.statusCode !== 201) throw new Error(`factory: expected 201, got ${r.statusCode} ${r.body}`);
  return r.json().id as number;
}

/** A household at `areaId`; returns its id. */
export function buildHousehold(agent: Agent, areaId: number, fields: Partial<CreateHouseholdInput> = {}): Promise<number> {
  return created(agent.post('/api/households', { areaId, address: `幸福小区 ${Math.floor(Math.random() * 90) + 1}号楼`, ...fields }));
}

/** A resident in a household (or at an area); returns their id. No ID number unless given. */
export function buildResident(agent: Agent, where: { householdId: number } | { areaId: number }, fields: Partial<CreateResidentInput> = {}): Promise<number> {
  return created(agent.post('/api/residents', { name: '测试居民', idType: 'none', movedInOn: '2025-01-01', ...where, ...fields }));
}
