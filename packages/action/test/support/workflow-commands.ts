/**
 * The runner's reading of a step's output as workflow commands, after actions/runner
 * (src/Runner.Common/ActionCommand.cs TryParseV2 and TryParse; src/Runner.Worker/ActionCommandManager.cs
 * TryProcessCommand tries the first, then the second). The runner compares with .NET's culture-sensitive
 * `StartsWith`/`IndexOf`, which skip default-ignorable characters; this reading removes them first, so it finds
 * every command the runner could and some it might not.
 */

/** Every command extension the runner registers, plus `stop-commands`. */
export const registeredCommands = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
]);

export interface WorkflowCommand {
  form: '::' | '##[';
  name: string;
  properties: string;
  data: string;
  line: string;
}

const ignorable = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/** The command the runner would read from one line of output, if any. */
export function parseWorkflowCommand(rawLine: string): WorkflowCommand | undefined {
  const line = rawLine.replace(ignorable, '');
  const trimmed = line.replace(/^[\s\u0085]+/u, '');
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2);
    const command = end < 0 ? undefined : commandFrom('::', trimmed.slice(2, end), trimmed.slice(end + 2), rawLine);
    if (command !== undefined) return command;
  }
  const prefix = line.indexOf('##[');
  const bracket = prefix < 0 ? -1 : line.indexOf(']', prefix);
  if (bracket < 0) return undefined;
  return commandFrom('##[', line.slice(prefix + 3, bracket), line.slice(bracket + 1), rawLine);
}

/** `name properties` and the data after it, when `name` is a registered command. */
function commandFrom(
  form: WorkflowCommand['form'],
  info: string,
  data: string,
  line: string,
): WorkflowCommand | undefined {
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registeredCommands.has(name)) return undefined;
  return { form, name, properties: space < 0 ? '' : info.slice(space + 1), data, line };
}

/** Every command in a step's output; the runner splits lines at LF, CRLF and CR. */
export function workflowCommands(output: string): WorkflowCommand[] {
  return output
    .split(/\r\n|\n|\r/)
    .map(parseWorkflowCommand)
    .filter((command) => command !== undefined);
}
