import type { Agent } from './harness';
import { multipartBody } from './sheets';

/** A real 1×1 PNG: what a test uploads as a photo. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Uploads a photo as the agent's user and answers its id, for a test that then names it in a record. */
export async function uploadPhoto(agent: Agent, bytes: Buffer = TINY_PNG): Promise<number> {
  const file = multipartBody('photo.png', bytes);
  const res = await agent.request({ method: 'POST', url: '/api/photos', payload: file.payload, headers: file.headers });
  if (res.statusCode !== 201) throw new Error(`photo upload failed: ${res.statusCode} ${res.body}`);
  return res.json().id as number;
}
