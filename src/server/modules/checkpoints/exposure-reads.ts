import type { Queryable } from '../../db/engine';

/**
 * Who crossed at a post in a window (contact tracing's exposure suggestions, issue 16 point 4). Read through this
 * module's face; the caller scopes and masks. A crossing's people are the registry's person when one was matched
 * by ID number, else the name and phone written at the post. Per window a lateral subquery, so each window's range
 * is the condition on `checkpoint_crossings_post_at_idx`.
 */
export interface PostWindow {
  key: number;
  postId: number;
  from: Date;
  to: Date;
}

export interface CrossedNear {
  key: number;
  resident_id: number | null;
  name: string | null;
  phone: string | null;
  post_name: string;
  post_area_path: string;
  at: Date;
}

export async function peopleCrossedNear(db: Queryable, windows: PostWindow[]): Promise<CrossedNear[]> {
  if (!windows.length) return [];
  return db.query<CrossedNear>(
    `SELECT w.key, cp.resident_id, cp.name, cp.phone, p.name AS post_name, p.area_path AS post_area_path, c.at
       FROM unnest($1::int[], $2::int[], $3::timestamptz[], $4::timestamptz[]) AS w(key, post_id, t0, t1)
       JOIN checkpoint_posts p ON p.id = w.post_id
       CROSS JOIN LATERAL (SELECT c.id, c.at FROM checkpoint_crossings c WHERE c.post_id = w.post_id AND c.at >= w.t0 AND c.at < w.t1 OFFSET 0) c
       JOIN checkpoint_crossing_people cp ON cp.crossing_id = c.id AND cp.crossing_at = c.at`,
    [windows.map((w) => w.key), windows.map((w) => w.postId), windows.map((w) => w.from), windows.map((w) => w.to)],
  );
}

/** Where and when a person crossed since a time: the case's own passages through posts. */
export async function crossingsOf(db: Queryable, residentId: number, since: Date): Promise<{ post_id: number; post_name: string; at: Date }[]> {
  return db.query(
    `SELECT c.post_id, p.name AS post_name, c.at
       FROM checkpoint_crossing_people cp JOIN checkpoint_crossings c ON c.id = cp.crossing_id AND c.at = cp.crossing_at JOIN checkpoint_posts p ON p.id = c.post_id
      WHERE cp.resident_id = $1 AND cp.crossing_at >= $2 AND c.at >= $2
      ORDER BY c.at LIMIT 50`,
    [residentId, since],
  );
}

/** Posts by id (a trajectory row naming one must name one that exists). */
export async function postsByIds(db: Queryable, ids: number[]): Promise<{ id: number; name: string; area_path: string }[]> {
  if (!ids.length) return [];
  return db.query(`SELECT id, name, area_path FROM checkpoint_posts WHERE id = ANY($1::int[])`, [ids]);
}
