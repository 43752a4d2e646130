/** The first JSON syntax error in a text, with its character offset. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
  expected: string;
  found: string;
}

type State = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'afterValue';

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const literalPattern = /true|false|null/y;
const hexPattern = /^[0-9a-fA-F]{4}$/;

/**
 * Checks strict JSON syntax without building a value (the YAML parser builds it, with positions).
 * YAML accepts things JSON does not (single quotes, comments, trailing commas, unquoted keys), so a
 * `.json` usage file is checked here first and its errors are named in JSON's terms. Iterative, so
 * deep nesting cannot overflow the call stack; nesting beyond `maxDepth` is an error.
 */
export function findJsonSyntaxError(text: string, maxDepth: number): JsonSyntaxError | undefined {
  const stack: Array<'{' | '['> = [];
  let state = 'value' as State;
  let offset = text.startsWith('\uFEFF') ? 1 : 0;
  let lastCommaOffset = 0;

  const error = (message: string, expected: string, at = offset): JsonSyntaxError => ({
    offset: at,
    message,
    expected,
    found: describe(text, at),
  });
  const afterValue = () => {
    state = 'afterValue';
  };

  for (;;) {
    const skipped = skipWhitespace(text, offset);
    if (typeof skipped !== 'number') return skipped;
    offset = skipped;
    const character = text[offset];
    const top = stack.at(-1);

    if (character === undefined) {
      if (state === 'afterValue' && top === undefined) return undefined;
      if (top === undefined) return error('the JSON has no value', 'a JSON object');
      return error('the JSON ends before every bracket is closed', top === '{' ? 'a closing "}"' : 'a closing "]"');
    }

    switch (state) {
      case 'value':
      case 'valueOrClose': {
        if (character === ']' && top === '[') {
          if (state === 'value') {
            return error('trailing comma: JSON allows no comma before "]"', 'a value after the comma', lastCommaOffset);
          }
          stack.pop();
          offset++;
          afterValue();
          continue;
        }
        if (character === '{' || character === '[') {
          stack.push(character);
          if (stack.length > maxDepth) return error(`nested deeper than ${maxDepth} levels`, 'a flatter structure');
          offset++;
          state = character === '{' ? 'keyOrClose' : 'valueOrClose';
          continue;
        }
        if (character === '"') {
          const end = scanString(text, offset);
          if (typeof end !== 'number') return end;
          offset = end;
          afterValue();
          continue;
        }
        if (character === '-' || isDigit(character)) {
          numberPattern.lastIndex = offset;
          const match = numberPattern.exec(text);
          if (match === null) return error('not a valid JSON number', 'a number like 1200 or 0.05');
          offset += match[0].length;
          afterValue();
          continue;
        }
        literalPattern.lastIndex = offset;
        const literal = literalPattern.exec(text);
        if (literal !== null) {
          offset += literal[0].length;
          afterValue();
          continue;
        }
        if (character === "'") return error('JSON strings use double quotes', 'a value');
        if (text.startsWith('NaN', offset) || text.startsWith('Infinity', offset)) {
          return error('JSON has no NaN or Infinity', 'a finite number');
        }
        return error('unexpected character', 'a value (object, array, string, number, true, false or null)');
      }
      case 'key':
      case 'keyOrClose': {
        if (character === '}') {
          if (state === 'key') {
            return error(
              'trailing comma: JSON allows no comma before "}"',
              'a property after the comma',
              lastCommaOffset,
            );
          }
          stack.pop();
          offset++;
          afterValue();
          continue;
        }
        if (character === '"') {
          const end = scanString(text, offset);
          if (typeof end !== 'number') return end;
          offset = end;
          state = 'colon';
          continue;
        }
        if (character === "'") return error('JSON strings use double quotes', 'a property name in double quotes');
        return error('property names must be in double quotes', 'a property name in double quotes');
      }
      case 'colon': {
        if (character !== ':') return error('missing ":" after the property name', '":"');
        offset++;
        state = 'value';
        continue;
      }
      case 'afterValue': {
        if (top === undefined) return error('unexpected text after the JSON value', 'the end of the file');
        const close = top === '{' ? '}' : ']';
        if (character === ',') {
          lastCommaOffset = offset;
          offset++;
          state = top === '{' ? 'key' : 'value';
          continue;
        }
        if (character === close) {
          stack.pop();
          offset++;
          continue;
        }
        return error(
          top === '{' ? 'missing "," or "}" after a property value' : 'missing "," or "]" after an array item',
          `"," or "${close}"`,
        );
      }
    }
  }
}

function skipWhitespace(text: string, start: number): number | JsonSyntaxError {
  let offset = start;
  for (;;) {
    const character = text[offset];
    if (character === ' ' || character === '\t' || character === '\n' || character === '\r') {
      offset++;
      continue;
    }
    if (character === '/' || character === '#') {
      return {
        offset,
        message: 'JSON has no comments',
        expected: 'a value or punctuation',
        found: describe(text, offset),
      };
    }
    return offset;
  }
}

/** Offset just past the closing quote, or the error inside the string. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let offset = start + 1;
  for (;;) {
    const character = text[offset];
    if (character === undefined || character === '\n' || character === '\r') {
      return {
        offset: start,
        message: 'this string is not closed on its line',
        expected: 'a closing double quote',
        found: describe(text, offset),
      };
    }
    if (character === '"') return offset + 1;
    if (character === '\\') {
      const escaped = text[offset + 1];
      if (escaped === 'u') {
        if (!hexPattern.test(text.slice(offset + 2, offset + 6))) {
          return { offset, message: 'invalid \\u escape', expected: 'four hex digits', found: describe(text, offset) };
        }
        offset += 6;
        continue;
      }
      if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) {
        return {
          offset,
          message: 'invalid escape in a string',
          expected: 'one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
          found: describe(text, offset),
        };
      }
      offset += 2;
      continue;
    }
    if (character < ' ') {
      return {
        offset,
        message: 'control character in a string',
        expected: 'an escape such as \\t',
        found: describe(text, offset),
      };
    }
    offset++;
  }
}

function isDigit(character: string): boolean {
  return character >= '0' && character <= '9';
}

function describe(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const snippet = text.slice(offset, offset + 12).split(/[\r\n]/)[0] ?? '';
  return snippet === '' ? 'a line break' : `\`${snippet}\``;
}
