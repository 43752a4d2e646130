import type { UsageMeter } from './meter.js';

/** Options of {@link wrapOpenAI}. */
export interface WrapOpenAIOptions {
  /** Where to record usage. */
  meter: UsageMeter;
  /** The workload id each call counts for, or a function of the request body that returns it. */
  workload: string | ((body: Record<string, unknown>) => string);
}

type Json = Record<string, unknown>;
type AnyFunction = (...args: unknown[]) => unknown;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

interface StreamLike {
  iterator: () => AsyncIterator<unknown>;
}

/** The openai package's Stream keeps its source in `iterator`, which `[Symbol.asyncIterator]`, `tee()` and `toReadableStream()` all call. */
const isStreamLike = (value: unknown): value is StreamLike =>
  isObject(value) && typeof value.iterator === 'function' && Symbol.asyncIterator in value;

/** Usage carried by a stream event: the last Chat Completions chunk, or a Responses `response.completed` event. */
function usageOfEvent(event: unknown): { usage: unknown; model: unknown } | undefined {
  if (!isObject(event)) return undefined;
  if (isObject(event.usage)) return { usage: event.usage, model: event.model };
  if (typeof event.type === 'string' && isObject(event.response) && isObject(event.response.usage)) {
    return { usage: event.response.usage, model: event.response.model };
  }
  return undefined;
}

function observeStream(stream: StreamLike, record: (usage: unknown, model: unknown) => void): void {
  const source = stream.iterator;
  stream.iterator = function observedIterator(this: unknown) {
    const inner = source.call(this);
    let recorded = false;
    const observed: AsyncIterator<unknown> & AsyncIterable<unknown> = {
      async next(...args: [] | [unknown]) {
        const step = await inner.next(...args);
        if (!step.done && !recorded) {
          const found = usageOfEvent(step.value);
          if (found !== undefined) {
            recorded = true;
            record(found.usage, found.model);
          }
        }
        return step;
      },
      [Symbol.asyncIterator]() {
        return observed;
      },
    };
    if (inner.return) observed.return = (value?: unknown) => inner.return!(value);
    if (inner.throw) observed.throw = (error?: unknown) => inner.throw!(error);
    return observed;
  };
}

/**
 * Wraps a `create` method so its result, plain or streamed, is recorded. It keeps the openai
 * package's APIPromise (so `.withResponse()` and `.asResponse()` still work) by chaining through
 * its `_thenUnwrap`, and falls back to a plain `then` for anything else.
 */
function observeCreate(create: AnyFunction, target: object, options: WrapOpenAIOptions): AnyFunction {
  return (...args: unknown[]) => {
    const body = isObject(args[0]) ? args[0] : {};
    const workload = typeof options.workload === 'function' ? options.workload(body) : options.workload;
    const record = (usage: unknown, model: unknown) => {
      options.meter.record(workload, usage, {
        provider: 'openai',
        ...(typeof model === 'string' ? { model } : typeof body.model === 'string' ? { model: body.model } : {}),
      });
    };
    const observe = (data: unknown) => {
      if (isStreamLike(data)) observeStream(data, record);
      else if (isObject(data) && isObject(data.usage)) record(data.usage, data.model);
      return data;
    };
    const result = create.apply(target, args);
    if (isObject(result) && typeof result._thenUnwrap === 'function') {
      return (result._thenUnwrap as (transform: (data: unknown) => unknown) => unknown)(observe);
    }
    if (isObject(result) && typeof result.then === 'function') {
      return (result as unknown as Promise<unknown>).then(observe);
    }
    return observe(result);
  };
}

/** A proxy whose functions are bound to the real object (so private fields keep working) and whose `overrides` replace some keys. */
function proxy<T extends object>(target: T, overrides: (key: string | symbol, value: unknown) => unknown): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object);
      const replaced = overrides(key, value);
      if (replaced !== undefined) return replaced;
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/**
 * Returns a view of an `openai` client that records the token usage of every
 * `chat.completions.create` and `responses.create` call into a meter, streamed or not, and is
 * otherwise the same client (the original is not modified). Streams are recorded when their usage
 * event passes: for Chat Completions that needs `stream_options: { include_usage: true }`; the
 * Responses API always sends usage in `response.completed`. Helpers such as `.parse()` and `.stream()`
 * call the unwrapped client and are not recorded.
 *
 * @example
 * ```ts
 * const meter = createUsageMeter();
 * const openai = wrapOpenAI(new OpenAI(), { meter, workload: 'support-triage' });
 * await openai.responses.create({ model: 'gpt-4.1-mini', input: 'Hello' });
 * ```
 */
export function wrapOpenAI<Client extends object>(client: Client, options: WrapOpenAIOptions): Client {
  const wrapResource = (resource: unknown) =>
    isObject(resource)
      ? proxy(resource, (key, value) =>
          key === 'create' && typeof value === 'function'
            ? observeCreate(value as AnyFunction, resource, options)
            : undefined,
        )
      : resource;
  return proxy(client, (key, value) => {
    if (key === 'responses') return wrapResource(value);
    if (key === 'chat' && isObject(value)) {
      return proxy(value, (innerKey, innerValue) =>
        innerKey === 'completions' ? wrapResource(innerValue) : undefined,
      );
    }
    return undefined;
  });
}
