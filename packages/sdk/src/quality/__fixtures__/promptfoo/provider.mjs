// A canned "model" for an offline promptfoo run: it answers each ticket with a fixed label, some right, some wrong.
const answers = {
  'My invoice shows a double charge': 'billing',
  'The app crashes when I upload a photo': 'bug',
  'How do I change my password?': 'account',
  'Please cancel my subscription': 'account',
  'The export button does nothing': 'billing',
  'I was charged after cancelling': 'billing',
  'Can you add dark mode?': 'bug',
  'Login page shows error 500': 'bug',
};

export default class CannedProvider {
  id() {
    return 'canned-triage';
  }

  async callApi(prompt) {
    // One ticket stands for a provider error (worded so promptfoo does not retry it), which promptfoo counts as an error rather than a failure.
    if (prompt.includes('Where is my refund?')) return { error: 'canned provider: simulated upstream outage' };
    const ticket = Object.keys(answers).find((text) => prompt.includes(text));
    return { output: ticket === undefined ? 'unknown' : answers[ticket], tokenUsage: { total: 12, prompt: 10, completion: 2 } };
  }
}
