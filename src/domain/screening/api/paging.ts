import { z } from 'zod';

/** The page and page size of the screening lists (page numbers from 1, as the tables show them). */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
