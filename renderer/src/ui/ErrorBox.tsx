import { CodeText } from './CodeText';

/** A problem shown where it happened, read out at once (`role="alert"`); nothing when there is none. */
export function ErrorBox({ text, testId }: { text: string | undefined | false; testId?: string }) {
  if (!text) return null;
  return (
    <p className="error-box" role="alert" data-testid={testId}>
      <CodeText text={text} />
    </p>
  );
}
