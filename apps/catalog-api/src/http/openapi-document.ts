import { z } from 'zod';
import type { RouteSpec } from './route-spec.ts';

/** An OpenAPI 3.1 document generated from the same zod schemas the routes validate with. */
export function openApiDocument(
  routes: readonly RouteSpec<any, any, any>[],
  info: { title: string; version: string; description: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    // `:name` becomes `{name}`; a trailing wildcard (ids that may contain "/") is documented as `{id}`.
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\/\*$/, '/{id}');
    const parameters = [...objectParameters(route.query, 'query'), ...objectParameters(route.params, 'path')];
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } },
          }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          content: {
            [route.produces ?? 'application/json']: {
              schema: route.response ? toSchema(route.response, 'output') : {},
            },
          },
        },
        ...(route.query || route.params || route.body ? { '400': { $ref: '#/components/responses/BadRequest' } } : {}),
        ...(route.params ? { '404': { $ref: '#/components/responses/NotFound' } } : {}),
        // The router refuses a named parameter over its maxParamLength (a wildcard id is checked by its schema: 400).
        ...(/:[A-Za-z]/.test(route.url) ? { '414': { $ref: '#/components/responses/ParameterTooLong' } } : {}),
        ...(route.body
          ? {
              '413': { $ref: '#/components/responses/PayloadTooLarge' },
              '415': { $ref: '#/components/responses/UnsupportedMediaType' },
            }
          : {}),
        ...(route.admin
          ? {
              '401': { $ref: '#/components/responses/Unauthorized' },
              '429': { $ref: '#/components/responses/TooManyRequests' },
            }
          : {}),
        ...Object.fromEntries(
          Object.entries(route.errors ?? {}).map(([status, description]) => [status, errorResponse(description)]),
        ),
      },
      ...(route.admin ? { security: [{ adminToken: [] }] } : {}),
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  const errorSchema = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string' },
          message: { type: 'string' },
          issues: {
            type: 'array',
            items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
          },
        },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema },
      responses: {
        BadRequest: errorResponse('Invalid input'),
        NotFound: errorResponse('No such model or provider'),
        Unauthorized: errorResponse('Missing or wrong admin token (a token in the query string is refused too)'),
        ParameterTooLong: errorResponse('A path parameter is longer than 1024 characters'),
        PayloadTooLarge: errorResponse('The request body is over the size limit'),
        UnsupportedMediaType: errorResponse('The request body is not application/json'),
        TooManyRequests: {
          ...errorResponse('Too many admin requests, or too many failed authentications, from this client'),
          headers: {
            'Retry-After': { description: 'Seconds until a request is accepted again', schema: { type: 'integer' } },
          },
        },
      },
    },
  };
}

/** A response whose body is the API's error shape. */
function errorResponse(description: string): Record<string, unknown> {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return json;
}

function objectParameters(schema: z.ZodType | undefined, location: 'query' | 'path'): Record<string, unknown>[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name: location === 'path' && name === '*' ? 'id' : name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}
