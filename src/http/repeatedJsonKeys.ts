import type { IncomingMessage } from 'node:http';
import { InputValidationError } from '../domain/shared/errors';

type Frame = { kind: 'object'; keys: Set<string>; key?: string; expectingKey: boolean } | { kind: 'array'; index: number };

/**
 * Every key a JSON text gives twice within one object, as a field path (`slots.0.startsAt`), in
 * the order they repeat. JSON.parse keeps the last of them silently, so `{"role":"A","role":"B"}`
 * would be read as B. A text that is not JSON yields nothing here: JSON.parse then says so.
 */
export function repeatedJsonKeys(text: string): string[] {
  const frames: Frame[] = [];
  const repeated = new Set<string>();
  try {
    for (let position = 0; position < text.length; position += 1) {
      const character = text[position];
      const top = frames.at(-1);
      if (character === '"') {
        let end = position + 1;
        while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
        if (top?.kind === 'object' && top.expectingKey) {
          const key = JSON.parse(text.slice(position, end + 1)) as string;
          if (top.keys.has(key)) repeated.add(pathOf(frames.slice(0, -1), key));
          top.keys.add(key);
          top.key = key;
          top.expectingKey = false;
        }
        position = end;
      } else if (character === '{') {
        frames.push({ kind: 'object', keys: new Set(), expectingKey: true });
      } else if (character === '[') {
        frames.push({ kind: 'array', index: 0 });
      } else if (character === '}' || character === ']') {
        frames.pop();
      } else if (character === ',' && top) {
        if (top.kind === 'object') top.expectingKey = true;
        else top.index += 1;
      }
    }
  } catch {
    return [];
  }
  return [...repeated];
}

function pathOf(frames: Frame[], key: string): string {
  return [...frames.map((frame) => (frame.kind === 'object' ? (frame.key ?? '') : String(frame.index))), key].join('.');
}

/**
 * express.json's `verify`: refuses a body that gives a field twice with `400` naming it, before it
 * is parsed, instead of letting the last value win unseen.
 */
export function refuseRepeatedJsonKeys(_request: IncomingMessage, _response: unknown, body: Buffer): void {
  const repeated = repeatedJsonKeys(body.toString('utf8'));
  if (repeated.length > 0) {
    throw new InputValidationError(
      repeated.map((field) => ({ field, message: 'This field is given more than once in the body. Send it once.' })),
    );
  }
}
