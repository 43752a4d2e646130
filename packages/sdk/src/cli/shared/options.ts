import { isValidDate } from '@tunewise/core';
import { InvalidArgumentError, Option } from 'commander';

/** `--as-of YYYY-MM-DD`, validated as a real calendar date. */
export function asOfOption(): Option {
  return new Option('--as-of <date>', 'the day the report speaks for, YYYY-MM-DD (default: today, UTC)').argParser(
    (value: string) => {
      if (!isValidDate(value)) {
        // 2027-02-29 has the right shape: say what is wrong with it.
        throw new InvalidArgumentError(
          /^\d{4}-\d{2}-\d{2}$/.test(value)
            ? `"${value}" is not a calendar date: YYYY-MM-DD, but no such day in that month`
            : `expected a date as YYYY-MM-DD, got "${value}"`,
        );
      }
      return value;
    },
  );
}

/** The option with another description (a shared option read in a command's own words). */
export function describeOption(option: Option, description: string): Option {
  option.description = description;
  return option;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  const noColor = process.env.NO_COLOR;
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}
