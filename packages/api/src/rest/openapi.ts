import { z } from 'zod';

import { type HotdeskConfig } from '../config';
import { readAsNumber } from '../contract/fields';
import {
  restComponents,
  type DocumentedResponse,
  type Prose,
  type RestOperation,
} from '../contract/rest-operation';
import {
  exchangeOperation,
  operatorGrantOperation,
  teamAdminGrantOperation,
} from '../impersonation/impersonation-contract';
import { listProfilesOperation, switchProfileOperation } from '../profiles/profile-contract';
import { tokenOperation } from '../sessions/token-contract';
import { myTeamsOperation, updatePermissionsOperation } from '../teams/team-contract';

/*
 * The OpenAPI 3.1 document of the REST contract (`/api/openapi.json`), generated from the very
 * schemas the handlers parse their input with and type their answers by, with the deployment's
 * own settings in its prose. openapi.test.ts validates it and holds every documented answer
 * against the live handlers.
 */

const openApiDocumentBody = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({})),
});
restComponents.add(openApiDocumentBody, { id: 'OpenApiDocument' });

export const openApiOperation: RestOperation = {
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'openApi',
  summary: 'This document',
  bearer: false,
  responses: { 200: { description: 'OpenAPI 3.1 JSON.', body: openApiDocumentBody } },
};

const jwkSet = z.object({
  keys: z.array(
    z.object({
      kty: z.enum(['OKP', 'EC']),
      crv: z.string(),
      x: z.string(),
      y: z.string().optional(),
      kid: z.string(),
      alg: z.enum(['Ed25519', 'ES256']),
      use: z.literal('sig'),
    }),
  ),
});
restComponents.add(jwkSet, { id: 'JwkSet' });

export const jwksOperation: RestOperation = {
  method: 'get',
  path: '/.well-known/jwks.json',
  operationId: 'jwks',
  summary: 'Public keys that verify one-time impersonation tokens',
  description: 'Every key that still verifies; a retired key is no longer listed.',
  bearer: false,
  responses: { 200: { description: 'JWK set.', body: jwkSet } },
};

/** Every operation of the REST contract, in the order the document lists them. */
export const restOperations: readonly RestOperation[] = [
  tokenOperation,
  operatorGrantOperation,
  teamAdminGrantOperation,
  exchangeOperation,
  listProfilesOperation,
  switchProfileOperation,
  myTeamsOperation,
  updatePermissionsOperation,
  openApiOperation,
  jwksOperation,
];

type JsonSchema = Record<string, unknown>;

const componentsUri = (id: string) => `#/components/schemas/${id}`;

/** A zod schema as a schema object of the document (OpenAPI 3.1 speaks JSON Schema 2020-12). */
function schemaObject(schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    override: ({ zodSchema, jsonSchema }) => {
      // A parameter read as a number is documented as that number.
      const number = readAsNumber.get(zodSchema)?.number;
      if (!(number instanceof z.ZodType)) return;
      const { description } = jsonSchema;
      for (const key of Object.keys(jsonSchema)) delete (jsonSchema as JsonSchema)[key];
      Object.assign(jsonSchema, schemaObject(number, 'input'), description ? { description } : {});
    },
  });
  return json;
}

function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(restComponents, { io: 'output', uri: componentsUri });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      // The document is the only resource: no schema names a dialect or an id of its own.
      const { $schema: _dialect, $id: _id, ...json } = schema as JsonSchema;
      return [id, json];
    }),
  );
}

function parameters(operation: RestOperation, config: HotdeskConfig) {
  const located = [
    ['path', operation.pathParameters],
    ['query', operation.query],
  ] as const;
  return located.flatMap(([where, schema]) => {
    if (!schema) return [];
    const object = schemaObject(schema, 'input');
    const required = new Set((object.required as string[] | undefined) ?? []);
    const properties = object.properties as Record<string, JsonSchema>;
    return Object.entries(properties).map(([name, { description, ...property }]) => {
      const note = operation.parameterNotes?.[name];
      return {
        name,
        in: where,
        required: required.has(name),
        ...(note || description ? { description: note ? prose(note, config) : description } : {}),
        schema: property,
      };
    });
  });
}

function prose(text: Prose, config: HotdeskConfig): string {
  return typeof text === 'function' ? text(config) : text;
}

function response(documented: DocumentedResponse, config: HotdeskConfig) {
  const id = documented.body && restComponents.get(documented.body)?.id;
  if (documented.body && !id) throw new Error('A response body must be a named component.');
  return {
    description: prose(documented.description, config),
    ...(documented.retryAfter
      ? {
          headers: {
            'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
          },
        }
      : {}),
    ...(id ? { content: { 'application/json': { schema: { $ref: componentsUri(id) } } } } : {}),
  };
}

function operationObject(operation: RestOperation, config: HotdeskConfig) {
  const found = parameters(operation, config);
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: prose(operation.description, config) } : {}),
    ...(operation.bearer ? { security: [{ bearer: [] }] } : {}),
    ...(found.length > 0 ? { parameters: found } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: {
              [operation.body.contentType]: {
                schema: schemaObject(operation.body.schema, 'input'),
              },
            },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(operation.responses).map(([status, documented]) => [
        status,
        response(documented, config),
      ]),
    ),
  };
}

export type OpenApiDocument = ReturnType<typeof generateOpenApiDocument>;

function generateOpenApiDocument(config: HotdeskConfig) {
  const paths: Record<string, Record<string, ReturnType<typeof operationObject>>> = {};
  for (const operation of restOperations) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: operationObject(operation, config),
    };
  }
  return {
    openapi: '3.1.0' as const,
    info: {
      title: 'Hotdesk members-portal API',
      version: '1.0.0',
      description:
        'Nexudus members-portal compatible endpoints for sign-in, impersonation ("view as ' +
        'member"), profiles and teams. Authentication is by the Authorization header only.',
    },
    servers: [{ url: config.portalUrl }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Access token from /api/token or the exchange.',
        },
      },
      schemas: componentSchemas(),
    },
    paths,
  };
}

const generated = new WeakMap<HotdeskConfig, OpenApiDocument>();

/** The document for a deployment's configuration, generated once. */
export function openApiDocumentFor(config: HotdeskConfig): OpenApiDocument {
  let document = generated.get(config);
  if (!document) {
    document = generateOpenApiDocument(config);
    generated.set(config, document);
  }
  return document;
}
