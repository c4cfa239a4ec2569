import { z } from 'zod';

import { type HotdeskConfig } from '../config';
import { type LookMeta } from '../looks/look-of-read';

/**
 * Text of the document that depends on the deployment (a lifetime, a limit): written from the
 * configuration the document is generated for, so it never states a default as a fact.
 */
export type Prose = string | ((config: HotdeskConfig) => string);

export interface DocumentedResponse {
  description: Prose;
  /** The JSON body; none for an empty one. Registered in `restComponents` (a named schema). */
  body?: z.ZodType;
  /** The answer carries `Retry-After` (seconds). */
  retryAfter?: boolean;
}

/** One operation of the REST contract: what it takes and answers, for handlers and document. */
export interface RestOperation {
  method: 'get' | 'put' | 'post';
  /** OpenAPI path template; the REST router matches the same template. */
  path: string;
  operationId: string;
  summary: string;
  description?: Prose;
  /** Authenticated by an `Authorization: Bearer` header. */
  bearer: boolean;
  pathParameters?: z.ZodObject;
  query?: z.ZodObject;
  /** Descriptions of parameters, by name, where the schema alone does not say enough. */
  parameterNotes?: Record<string, Prose>;
  body?: {
    contentType: 'application/json' | 'application/x-www-form-urlencoded';
    schema: z.ZodType;
  };
  responses: Partial<Record<200 | 400 | 401 | 403 | 404 | 429 | 503, DocumentedResponse>>;
  /** How a GET served to an impersonated session is told to the member (looks/). */
  look?: Pick<LookMeta, 'summary'>;
}

/** The named response bodies of the contract: `#/components/schemas/<id>` in the document. */
export const restComponents = z.registry<{ id: string; description?: string }>();

/** Every failure of the contract outside `/api/token`: a stable code, a sentence, the field. */
export const errorBody = z.object({
  error: z
    .string()
    .meta({ description: 'Stable, lower-case code (`bad_request`, `not_found`, …).' }),
  message: z.string().meta({ description: 'A sentence for people.' }),
  field: z.string().optional().meta({ description: 'The parameter at fault (400 only).' }),
});
restComponents.add(errorBody, { id: 'Error' });
export type ErrorBody = z.output<typeof errorBody>;

/** Any operation may meet a database out of reach, or an instance that is saturated. */
export const unavailable: DocumentedResponse = {
  description: 'The database is out of reach, or Hotdesk is busy: try again after `Retry-After`.',
  body: errorBody,
  retryAfter: true,
};

export const unauthenticatedBearer: DocumentedResponse = {
  description: 'Missing, unknown, expired or revoked bearer token.',
  body: errorBody,
};

export const malformedInput = (what: string): DocumentedResponse => ({
  description: `${what} (U+0000 in any text included); \`field\` names the parameter at fault.`,
  body: errorBody,
});
