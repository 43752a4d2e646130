// Grade a held-out set in code, turn each strategy's results into { passed, total }, and compare them.
import { compareQuality, gradeSummary, passRate } from '@tunewise/sdk';

// The same 200 held-out tickets answered by the prompt and by the fine-tune. A fixed pattern stands in here for
// comparing each answer with its reference label; in your code it is your grader's verdict.
const prompt = gradeSummary(Array.from({ length: 200 }, (_, index) => ({ pass: index % 8 !== 0 })));
const fineTune = gradeSummary(
  Array.from({ length: 200 }, (_, index) => ({ score: (index % 20) / 20, threshold: 0.1 })),
);

const percent = (rate) => `${(rate * 100).toFixed(1)}%`;
for (const [name, result] of Object.entries({ prompt, fineTune })) {
  const rate = passRate(result);
  console.log(
    `${name}: ${result.passed}/${result.total} = ${percent(rate.rate)} (90% interval ${percent(rate.low)}–${percent(rate.high)})`,
  );
}
const comparison = compareQuality(fineTune, prompt);
console.log(`P(fine-tune passes more often) = ${percent(comparison.probabilityAHigher)}`);
console.log(
  comparison.distinguishable
    ? 'distinguishable at 95%'
    : `not yet distinguishable: label about ${comparison.moreCases.a.toLocaleString('en-US')} more cases per strategy`,
);
