import { z } from 'zod'

/**
 * A string that PostgreSQL text can hold: no U+0000 (jsonb and text refuse it). No stored id or
 * name contains one, so a path segment or filter with it names nothing: path parameters built on
 * this answer 404 through validationHook, query and body fields 422.
 */
export const storableText = () =>
  z.string().refine((value) => !value.includes('\u0000'), 'must not contain U+0000')
