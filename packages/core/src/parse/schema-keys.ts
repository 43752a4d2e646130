import * as z from 'zod';

/**
 * The keys an object in `schema` accepts at `path` (array indexes and record keys pass through),
 * or undefined when no object lives there. Used to suggest the key a user meant.
 */
export function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (current === undefined) return undefined;
    current = unwrap(childSchema(current, segment));
  }
  if (current === undefined) return undefined;
  const object = objectOf(current);
  return object === undefined ? undefined : Object.keys(object.shape);
}

function childSchema(schema: z.ZodType, segment: PropertyKey): z.ZodType | undefined {
  if (schema instanceof z.ZodArray) return typeof segment === 'number' ? (schema.element as z.ZodType) : undefined;
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  const object = objectOf(schema);
  if (object === undefined || typeof segment !== 'string') return undefined;
  return object.shape[segment] as z.ZodType | undefined;
}

/** The object schema itself, or the object option of a union (`requestsPerMonth: number | range`). */
function objectOf(schema: z.ZodType): z.ZodObject | undefined {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodUnion) {
    for (const option of schema.options) {
      const unwrapped = unwrap(option as z.ZodType);
      if (unwrapped instanceof z.ZodObject) return unwrapped;
    }
  }
  return undefined;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (let depth = 0; depth < 16 && current !== undefined; depth++) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
      continue;
    }
    if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
      continue;
    }
    return current;
  }
  return current;
}
