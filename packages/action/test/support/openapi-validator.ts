import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// GitHub's published REST description (OpenAPI 3.0.3), the same one Octokit's types are generated from.
const require = createRequire(import.meta.url);
const specPath = require.resolve('@octokit/openapi/generated/api.github.com.json');

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: unknown;
}
interface Operation {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: {
    parameters: Record<string, Parameter>;
    responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  };
}

export interface MatchedOperation {
  operationId: string;
  template: string;
  pathParameters: Record<string, string>;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * Statuses GitHub sends that its OpenAPI description leaves out, allowed only for the operations listed.
 * `issues/update-comment` answers 403 "Resource not accessible by integration" to a read-only token (a fork's
 * GITHUB_TOKEN on `pull_request`), as GitHub's REST docs for the endpoint list, but the description declares only
 * 200 and 422. The fake sends it when `commentsWritable` is false; `issues/create-comment` declares its 403.
 */
const undeclaredStatusesGitHubSends: Record<string, readonly number[]> = { 'issues/update-comment': [403] };

/** Matches requests to GitHub's operations and validates parameters, request bodies and responses with ajv. */
export class OpenApiValidator {
  private readonly spec: Spec;
  private readonly ajv: Ajv;
  private readonly routes: Array<{
    method: string;
    template: string;
    pattern: RegExp;
    names: string[];
    operation: Operation;
  }>;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.spec = JSON.parse(readFileSync(specPath, 'utf8')) as Spec;
    // OpenAPI 3.0 is not plain JSON Schema: `nullable` is supported by ajv, unknown keywords (example, discriminator,
    // x-github) are ignored with strict mode off.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'github', paths: this.spec.paths, components: this.spec.components } as object);
    this.routes = [];
    for (const [template, item] of Object.entries(this.spec.paths)) {
      const names: string[] = [];
      const source = template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
        names.push(name);
        // `{path}` of the contents API spans slashes.
        return name === 'path' ? '(.+)' : '([^/]+)';
      });
      for (const [method, operation] of Object.entries(item)) {
        if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
        this.routes.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}$`),
          names,
          operation,
        });
      }
    }
    // Prefer literal segments over parameters (`/repos/{o}/{r}/issues/comments/{id}` over `/issues/{n}/comments`).
    this.routes.sort(
      (left, right) => right.template.replace(/\{[^}]+\}/g, '').length - left.template.replace(/\{[^}]+\}/g, '').length,
    );
  }

  match(method: string, pathname: string): MatchedOperation | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(pathname);
      if (found === null) continue;
      const pathParameters = Object.fromEntries(
        route.names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]),
      );
      return { operationId: route.operation.operationId, template: route.template, pathParameters };
    }
    return undefined;
  }

  /** Problems with a request's path and query parameters and JSON body; empty when GitHub would accept its shape. */
  validateRequest(
    method: string,
    template: string,
    query: URLSearchParams,
    body: unknown,
    pathParameters: Record<string, string> = {},
  ): string[] {
    const operation = this.operation(method, template);
    const problems: string[] = [];
    const parameters = (operation.parameters ?? []).map((parameter) =>
      '$ref' in parameter ? this.resolveParameter(parameter.$ref) : parameter,
    );
    for (const parameter of parameters.filter((candidate) => candidate.in === 'path')) {
      const raw = pathParameters[parameter.name];
      if (raw === undefined || raw === '') {
        problems.push(`missing path parameter "${parameter.name}"`);
        continue;
      }
      const problem = this.validateParameter(parameter, raw);
      if (problem !== undefined) problems.push(`path "${parameter.name}": ${problem}`);
    }
    const known = new Set(
      parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
    );
    for (const name of query.keys()) {
      if (!known.has(name)) problems.push(`unknown query parameter "${name}"`);
    }
    for (const parameter of parameters.filter((candidate) => candidate.in === 'query')) {
      const raw = query.get(parameter.name);
      if (raw === null) {
        if (parameter.required === true) problems.push(`missing query parameter "${parameter.name}"`);
        continue;
      }
      const problem = this.validateParameter(parameter, raw);
      if (problem !== undefined) problems.push(`query "${parameter.name}": ${problem}`);
    }
    const pointer = `#/paths/${escapePointer(template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
    if (operation.requestBody === undefined) {
      if (body !== undefined) problems.push('a body where the operation takes none');
    } else {
      problems.push(...this.validateAgainst(pointer, body, 'request body'));
    }
    return problems;
  }

  /** A parameter's text against its schema; a number must be written as one (`12`, not `12abc` or ``). */
  private validateParameter(parameter: Parameter, raw: string): string | undefined {
    const schema = parameter.schema as { type?: string } | undefined;
    const numeric = schema?.type === 'integer' || schema?.type === 'number';
    if (numeric && !/^-?\d+(\.\d+)?$/.test(raw)) return `"${raw}" is not a number`;
    const value = numeric ? Number(raw) : raw;
    const validate = this.ajv.compile(schema ?? {});
    return validate(value) ? undefined : this.ajv.errorsText(validate.errors);
  }

  /** Problems with a JSON response for a status; statuses the operation does not declare are an error too. */
  validateResponse(method: string, template: string, status: number, body: unknown): string[] {
    const operation = this.operation(method, template);
    const response = operation.responses[String(status)];
    if (response === undefined && undeclaredStatusesGitHubSends[operation.operationId]?.includes(status)) {
      return this.validateAgainst('github#/components/schemas/basic-error', body, `response ${status}`);
    }
    if (response === undefined) {
      // GitHub documents no 5xx or 429 per operation; errors follow `basic-error`.
      if (status >= 429)
        return this.validateAgainst('github#/components/schemas/basic-error', body, `response ${status}`);
      return [`undeclared response status ${status}`];
    }
    if (response.$ref !== undefined) {
      const name = response.$ref.replace('#/components/responses/', '');
      if (this.spec.components.responses[name]?.content?.['application/json'] === undefined) return [];
      return this.validateAgainst(
        `github#/components/responses/${escapePointer(name)}/content/application~1json/schema`,
        body,
        `response ${status}`,
      );
    }
    if (response.content?.['application/json'] === undefined) return body === undefined ? [] : [`a body on ${status}`];
    const pointer = `#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
    return this.validateAgainst(pointer, body, `response ${status}`);
  }

  private validateAgainst(pointer: string, value: unknown, label: string): string[] {
    const reference = pointer.startsWith('github#') ? pointer : `github${pointer}`;
    let validate = this.compiled.get(reference);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: reference });
      this.compiled.set(reference, validate);
    }
    return validate(value) ? [] : [`${label}: ${this.ajv.errorsText(validate.errors, { dataVar: label })}`];
  }

  private operation(method: string, template: string): Operation {
    const operation = this.spec.paths[template]?.[method.toLowerCase()];
    if (operation === undefined) throw new Error(`No operation ${method} ${template}`);
    return operation;
  }

  private resolveParameter(reference: string): Parameter {
    const parameter = this.spec.components.parameters[reference.replace('#/components/parameters/', '')];
    if (parameter === undefined) throw new Error(`Unknown parameter ${reference}`);
    return parameter;
  }
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
