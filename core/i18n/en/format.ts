// Words that the formats of message parameters use (lists of shapes and of block ids), in English.
export const format = {
  and: '{{first}} and {{second}}',
  more_one: '{{shown}} and {{count}} more',
  more_other: '{{shown}} and {{count}} more',
  bytes: '{{count}} bytes',
  semicolon: '{{first}}; {{second}}',
} as const;
