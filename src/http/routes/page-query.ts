import { z } from 'zod';

/** Every list is paginated: a page of a few hundred rows keeps each answer small at any scale. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
