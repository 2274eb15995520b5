// Jira's limits on entity properties: the key 1..255 characters, the value valid JSON, non-empty, at most
// 32,768 characters. Shared by the single-property PUT, create-with-properties and the bulk endpoint.

export const PROPERTY_LIMITS = { maxKeyLength: 255, maxValueLength: 32_768 } as const;

export function propertyKeyError(key: string): string | undefined {
  if (key.trim() === '') return 'The property key cannot be empty.';
  if (key.length > PROPERTY_LIMITS.maxKeyLength) {
    return `The property key is too long: ${key.length} characters. The maximum allowed length is ${PROPERTY_LIMITS.maxKeyLength} characters.`;
  }
  return undefined;
}

function lengthError(length: number): string | undefined {
  return length > PROPERTY_LIMITS.maxValueLength
    ? `The value of the property is too long: ${length} characters. The maximum allowed length is ${PROPERTY_LIMITS.maxValueLength} characters.`
    : undefined;
}

/** A raw request body as a property value, or the message Jira gives for it. */
export function parsePropertyText(
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: false, message: 'The property value cannot be empty.' };
  const tooLong = lengthError(text.length);
  if (tooLong) return { ok: false, message: tooLong };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      message:
        `The property value must be a valid JSON: ${error instanceof Error ? error.message : ''}`.trim(),
    };
  }
}

/** A value already parsed (bulk and create bodies): checked by its serialized length. */
export function propertyValueError(value: unknown): string | undefined {
  if (value === undefined) return 'The property value cannot be empty.';
  return lengthError(JSON.stringify(value).length);
}
