import type { GraphIssue } from '../model/issues';
import { LocalizedError } from '../model/localized';

/** Thrown when a graph cannot be compiled; lists every error of the analysis, each tied to its block. */
export class GraphError extends LocalizedError {
  constructor(readonly issues: GraphIssue[]) {
    super(
      issues.length === 1
        ? { en: `The model cannot be built: ${issues[0].message}`, fr: `Le modèle ne peut pas être construit : ${issues[0].text.fr}` }
        : {
            en: `The model cannot be built; fix these ${issues.length} problems first:\n${issues.map((i) => `- ${i.message}`).join('\n')}`,
            fr: `Le modèle ne peut pas être construit ; corrigez d’abord ces ${issues.length} problèmes :\n${issues.map((i) => `- ${i.text.fr}`).join('\n')}`,
          },
    );
    this.name = 'GraphError';
  }
}
