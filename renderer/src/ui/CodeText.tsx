import { Fragment } from 'react';

/**
 * Messages from the analysis and the host mark parameter names and values as `code`, as Keras's
 * errors do. Shown, each marked span becomes a <code> element: no backtick reaches the screen.
 */
export function CodeText({ text }: { text: string }) {
  const parts = splitCode(text);
  return (
    <>
      {parts.map((part, i) =>
        part.code ? (
          <code key={i} className="message-code">
            {part.text}
          </code>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

/** The text in plain and `code` parts; a lone backtick stays as it is. */
export function splitCode(text: string): { text: string; code: boolean }[] {
  const parts: { text: string; code: boolean }[] = [];
  const pattern = /`([^`\n]+)`/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), code: false });
    parts.push({ text: match[1], code: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), code: false });
  return parts;
}

/** The same text without the marks, for accessible names and native tooltips, which show no formatting. */
export function plainText(text: string): string {
  return splitCode(text)
    .map((p) => p.text)
    .join('');
}
