import { z } from 'zod';
import { idParam } from '../../primitives';

/** Query and path pieces shared by the party-organisation and volunteer routes. */

export const optionalId = idParam.optional();

/** This module's lists page by page number (1-based) and size. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
