import { InvalidArgumentError, Option } from 'commander';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `--as-of YYYY-MM-DD`, validated as a real calendar date. */
export function asOfOption(): Option {
  return new Option('--as-of <date>', 'the day the report speaks for, YYYY-MM-DD (default: today, UTC)').argParser(
    (value: string) => {
      const parsed = new Date(`${value}T00:00:00Z`);
      if (!DATE.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
        throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got "${value}"`);
      }
      return value;
    },
  );
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  const noColor = process.env.NO_COLOR;
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}
