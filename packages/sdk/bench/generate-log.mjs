// The synthetic JSONL log both usage benchmarks read: OpenAI `chat.completion` lines shaped like real logged
// responses (content included), four models, token counts from fixed arithmetic sequences.
import { closeSync, openSync, writeSync } from 'node:fs';

export const MODELS = ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4o-mini', 'gpt-4o'];
export const START_SECONDS = 1_793_491_200; // 2026-11-01T00:00:00Z

/** Writes `megabytes` of chat.completion lines shaped like real logged responses (content included). */
export function generate(file, megabytes) {
  const target = megabytes * 1024 * 1024;
  const descriptor = openSync(file, 'w');
  const content = 'The ticket concerns a billing error; route it to payments with priority high. '.repeat(3);
  let written = 0;
  let index = 0;
  try {
    while (written < target) {
      let chunk = '';
      for (let line = 0; line < 5_000; line += 1, index += 1) {
        const prompt = 800 + ((index * 7919) % 3000);
        const cached = index % 3 === 0 ? 0 : 512;
        const completion = 50 + ((index * 104_729) % 400);
        chunk += `${JSON.stringify({
          id: `chatcmpl-${index}`,
          object: 'chat.completion',
          created: START_SECONDS + Math.floor(index / 10),
          model: MODELS[index % MODELS.length],
          choices: [
            { index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' },
          ],
          usage: {
            prompt_tokens: prompt,
            completion_tokens: completion,
            total_tokens: prompt + completion,
            prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
            completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
          },
          service_tier: 'default',
          system_fingerprint: 'fp_benchmark',
        })}\n`;
      }
      written += writeSync(descriptor, chunk);
    }
  } finally {
    closeSync(descriptor);
  }
  return { bytes: written, lines: index };
}
