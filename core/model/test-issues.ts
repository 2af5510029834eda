// The sentences of a graph issue or a shape error in tests: made from its problem, as the editor and the CLI make them.
import type { Problem } from '../i18n/catalogue';
import { problemText, problemTexts } from '../i18n/translate';

/** An issue's sentence in English. */
export const issueEn = (issue: { problem: Problem }): string => problemText(issue.problem, 'en');

/** An issue's sentence in every language. */
export const issueTexts = (issue: { problem: Problem }) => problemTexts(issue.problem);
