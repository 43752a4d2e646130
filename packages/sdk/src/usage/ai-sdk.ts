import type { UsageMeter } from './meter.js';

/** Options of {@link usageMeterMiddleware}. */
export interface UsageMeterMiddlewareOptions {
  /** Where to record usage. */
  meter: UsageMeter;
  /** The workload id each call counts for, or a function of the model id that returns it. */
  workload: string | ((call: { modelId: string; provider: string }) => string);
}

/** The part of an AI SDK language model the middleware reads. */
export interface UsageMeterModelInfo {
  readonly modelId: string;
  readonly provider: string;
}

/**
 * An AI SDK `LanguageModelMiddleware` (specification v4), typed structurally so this package does not
 * depend on `ai`: pass it to `wrapLanguageModel({ model, middleware })`.
 */
export interface UsageMeterMiddleware {
  readonly specificationVersion: 'v4';
  /** Runs the call and records the usage of its result. */
  wrapGenerate<Result extends { usage: unknown }>(options: {
    doGenerate: () => PromiseLike<Result>;
    model: UsageMeterModelInfo;
  }): Promise<Result>;
  /** Passes the stream through, recording the usage of its `finish` part as it goes by. */
  wrapStream<Result extends { stream: ReadableStream<unknown> }>(options: {
    doStream: () => PromiseLike<Result>;
    model: UsageMeterModelInfo;
  }): Promise<Result>;
}

/** The provider name the usage file's catalog uses, from an AI SDK provider id like `openai.chat`. */
const providerOf = (provider: string) => provider.split('.')[0] ?? provider;

/**
 * Vercel AI SDK middleware that records the token usage of every call (`generateText`, `streamText`,
 * `generateObject`, …) into a meter: from the result of a generate call, and from the `finish` part of
 * a stream as it passes, without buffering the stream.
 *
 * @example
 * ```ts
 * const meter = createUsageMeter();
 * const model = wrapLanguageModel({ model: openai('gpt-4.1-mini'), middleware: usageMeterMiddleware({ meter, workload: 'support-triage' }) });
 * await generateText({ model, prompt: 'Hello' });
 * ```
 */
export function usageMeterMiddleware(options: UsageMeterMiddlewareOptions): UsageMeterMiddleware {
  const record = (model: UsageMeterModelInfo, usage: unknown) => {
    const workload = typeof options.workload === 'function' ? options.workload(model) : options.workload;
    options.meter.record(workload, usage, { model: model.modelId, provider: providerOf(model.provider) });
  };
  return {
    specificationVersion: 'v4',
    async wrapGenerate({ doGenerate, model }) {
      const result = await doGenerate();
      record(model, result.usage);
      return result;
    },
    async wrapStream({ doStream, model }) {
      const result = await doStream();
      const observed = result.stream.pipeThrough(
        new TransformStream<unknown, unknown>({
          transform(part, controller) {
            if (typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'finish') {
              record(model, (part as { usage?: unknown }).usage);
            }
            controller.enqueue(part);
          },
        }),
      );
      return { ...result, stream: observed };
    },
  };
}
