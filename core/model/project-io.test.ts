import { describe, expect, it, vi } from 'vitest';
import { problemText } from '../i18n/translate';
import { migrate, parseProject, parseProjectText, ProjectError, serializeProject, type ProjectProblem } from './project-io';

const minimal = {
  format: 'neuroblocks.project',
  version: 1,
  name: 'Tiny',
  graph: { nodes: [{ id: 'in', type: 'Input', params: { shape: [2] } }], edges: [] },
};

/** A problem of a project with its sentences in English and French, as the interface and the command line say it. */
const said = (p: ProjectProblem) => ({ path: p.path, message: problemText(p.problem, 'en'), messageFr: problemText(p.problem, 'fr') });

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectError);
    return (error as ProjectError).problems.map(said);
  }
  throw new Error('expected a ProjectError');
}

describe('parseProject', () => {
  it('accepts a minimal project and fills in training defaults', () => {
    const project = parseProject(minimal);
    expect(project.name).toBe('Tiny');
    expect(project.training).toMatchObject({ optimizer: 'adam', learningRate: 0.001, batchSize: 32, seed: 1 });
    expect(project.graph.nodes[0].params).toEqual({ shape: [2] });
  });

  it('accepts a bare {nodes, edges} graph', () => {
    const project = parseProject({ nodes: minimal.graph.nodes, edges: [] });
    expect(project.format).toBe('neuroblocks.project');
    expect(project.graph.nodes).toHaveLength(1);
  });

  it('rejects unknown keys with their JSON path', () => {
    const problems = problemsOf(() =>
      parseProject({ ...minimal, graph: { ...minimal.graph, nodes: [{ ...minimal.graph.nodes[0], colour: 'red' }] } }),
    );
    expect(problems).toEqual([
      {
        path: 'graph.nodes[0]',
        message: expect.stringContaining('unknown key "colour"'),
        messageFr: expect.stringContaining('clé inconnue « colour »'),
      },
    ]);
  });

  it('rejects wrong types and out-of-range values in plain words', () => {
    const problems = problemsOf(() => parseProject({ ...minimal, training: { learningRate: -1, batchSize: 'big' } }));
    expect(problems).toContainEqual({
      path: 'training.learningRate',
      message: 'must be greater than 0.',
      messageFr: 'doit valoir plus de 0.',
    });
    expect(problems).toContainEqual({
      path: 'training.batchSize',
      message: 'must be a number, not the text "big".',
      messageFr: 'doit être un nombre, et non le texte « big ».',
    });
  });

  it('keeps base groups, and refuses a block naming a group the graph does not have, or two groups of one id', () => {
    const groups = [{ id: 'base', name: 'Digits 0–4', source: 'run 3 of Digits 0–4', collapsed: true }];
    const nodes = [minimal.graph.nodes[0], { id: 'base/c1', type: 'Conv2D', params: {}, group: 'base' }];
    expect(parseProject({ ...minimal, graph: { nodes, edges: [], groups } }).graph).toEqual({ nodes, edges: [], groups });
    expect(problemsOf(() => parseProject({ ...minimal, graph: { nodes, edges: [] } }))).toEqual([
      {
        path: 'graph.nodes[1].group',
        message: 'is "base", but the graph has no group of that id (add it to "groups" or remove "group" from the block).',
        messageFr: 'vaut « base », mais le graphe n’a pas de groupe de cet identifiant (ajoutez-le à "groups" ou retirez "group" du bloc).',
      },
    ]);
    expect(
      problemsOf(() => parseProject({ ...minimal, graph: { nodes, edges: [], groups: [...groups, { id: 'base', name: 'Again' }] } })),
    ).toEqual([
      {
        path: 'graph.groups[1].id',
        message: 'is "base", the id of another group.',
        messageFr: 'vaut « base », l’identifiant d’un autre groupe.',
      },
    ]);
  });

  it('reports a missing graph', () => {
    const problems = problemsOf(() => parseProject({ format: 'neuroblocks.project', version: 1 }));
    expect(problems[0]).toMatchObject({ path: 'graph', message: expect.stringContaining('is missing') });
  });

  it('refuses prototype-polluting keys anywhere and never pollutes Object.prototype', () => {
    const text = `{"format":"neuroblocks.project","version":1,"graph":{"nodes":[{"id":"in","type":"Input","params":{"__proto__":{"polluted":true},"shape":[2]}}],"edges":[]}}`;
    const problems = problemsOf(() => parseProjectText(text));
    expect(problems).toEqual([
      {
        path: 'graph.nodes[0].params.__proto__',
        message: 'the key "__proto__" is not allowed.',
        messageFr: 'la clé « __proto__ » est interdite.',
      },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problemsOf(() => parseProject({ ...minimal, constructor: { prototype: {} } }))[0].path).toBe('constructor');
  });

  it('refuses something that is not a Neuroblocks project', () => {
    expect(problemsOf(() => parseProject([1, 2]))[0].message).toContain('must be a JSON object');
    expect(problemsOf(() => parseProject({ format: 'other', version: 1, graph: minimal.graph }))[0]).toMatchObject({ path: 'format' });
  });

  it('refuses a project from a newer version, telling the user to update', () => {
    const problems = problemsOf(() => parseProject({ ...minimal, version: 99 }));
    expect(problems[0].message).toContain('newer Neuroblocks');
  });

  it('locates a JSON syntax error by line and column', () => {
    const problems = problemsOf(() => parseProjectText('{\n  "format": "neuroblocks.project",\n  "version": 1,,\n}'));
    expect(problems[0].message).toMatch(/not valid JSON: unexpected "," at line 3, column 16/);
  });

  it('locates a syntax error deep in a large file with one parse, by line and column', () => {
    const name = 'n'.repeat(20_000_000);
    const text = `{\n  "format": "neuroblocks.project",\n  "name": "${name}",\n  "version": 1 2\n}`;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const start = process.cpuUsage();
      const problems = problemsOf(() => parseProjectText(text));
      const used = process.cpuUsage(start);
      expect(problems[0].message).toBe('the file is not valid JSON: unexpected "2" at line 4, column 16.');
      expect(problems[0].messageFr).toBe('le fichier n’est pas du JSON valide : caractère « 2 » inattendu à la ligne 4, colonne 16.');
      expect(parse).toHaveBeenCalledTimes(1);
      expect((used.user + used.system) / 1000).toBeLessThan(3000);
    } finally {
      parse.mockRestore();
    }
  });

  it('locates the usual mistakes of hand-edited JSON', () => {
    const at = (text: string) => problemsOf(() => parseProjectText(text))[0].message;
    expect(at('{"graph": {"nodes": [1, 2,]}}')).toContain('unexpected "]" at line 1, column 27');
    expect(at('{\n"a": 01}')).toMatch(/at line 2, column [67]\./);
    expect(at("{'a': 1}")).toContain(`unexpected "'" at line 1, column 2`);
    expect(at('{"a": 1}\n// done')).toContain('unexpected "/" at line 2, column 1');
    expect(at('{"a": "tab\there"}')).toContain('at line 1, column 7');
    expect(at('{"a": [1, 2')).toContain('the text ends too early at line 1, column 12');
    expect(at('')).toContain('the text ends too early at line 1, column 1');
  });

  it('accepts a file that starts with a UTF-8 byte-order mark', () => {
    const text = '\uFEFF' + JSON.stringify(minimal, null, 2);
    expect(parseProjectText(text).name).toBe('Tiny');
    expect(parseProjectText(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new TextEncoder().encode(text))).name).toBe('Tiny');
  });

  it('round-trips through its serialised form', () => {
    const project = parseProject(minimal);
    expect(parseProjectText(serializeProject(project))).toEqual(project);
  });
});

/** The French text of the ProjectError `fn` throws. */
function frenchOf(fn: () => unknown): { fr: string; problems: ReturnType<typeof said>[] } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectError);
    const { fr, problems, problem } = error as ProjectError;
    if (fr === undefined) throw new Error('expected a French text');
    // The French text is the one of the error's problem.
    expect(problemText(problem, 'fr')).toBe(fr);
    return { fr, problems: problems.map(said) };
  }
  throw new Error('expected a ProjectError');
}

// Words of the English problem lines; none of them may leak into a French message.
const englishWords =
  /\b(must|is missing|not valid|unexpected|unknown keys?|remove|spelling|allowed|nested|newer|Update|at least|at most|greater than|less than|whole number|too (short|long)|the (number|text|file|key)|got|does not|no migration)\b/;

describe('parseProject in French', () => {
  it('says every damaged-file problem in French, at the same JSON path', () => {
    const damaged: [string, () => unknown, string, string][] = [
      [
        'bad JSON',
        () => parseProjectText('{\n  "format": "neuroblocks.project",\n  "version": 1,,\n}'),
        '',
        'le fichier n’est pas du JSON valide : caractère « , » inattendu à la ligne 3, colonne 16.',
      ],
      [
        'unfinished JSON',
        () => parseProjectText('{"format": '),
        '',
        'le fichier n’est pas du JSON valide : le texte s’arrête trop tôt à la ligne 1, colonne 12.',
      ],
      [
        'wrong type',
        () => parseProject({ ...minimal, training: { batchSize: 'big' } }),
        'training.batchSize',
        'doit être un nombre, et non le texte « big ».',
      ],
      [
        'not a whole number',
        () => parseProject({ ...minimal, training: { epochs: 2.5 } }),
        'training.epochs',
        'doit être un nombre entier, et non le nombre 2,5.',
      ],
      ['missing value', () => parseProject({ format: 'neuroblocks.project', version: 1 }), 'graph', 'valeur manquante ; il faut un objet.'],
      [
        'out of range, too small',
        () => parseProject({ ...minimal, training: { epochs: 0 } }),
        'training.epochs',
        'doit valoir au moins 1.',
      ],
      [
        'out of range, too big',
        () => parseProject({ ...minimal, training: { validationSplit: 2 } }),
        'training.validationSplit',
        'doit valoir au plus 0,9.',
      ],
      [
        'out of range, exclusive',
        () => parseProject({ ...minimal, training: { learningRate: 0 } }),
        'training.learningRate',
        'doit valoir plus de 0.',
      ],
      [
        'empty text',
        () => parseProject({ ...minimal, graph: { nodes: [{ id: '', type: 'Input' }], edges: [] } }),
        'graph.nodes[0].id',
        'texte trop court (au moins 1 caractère attendu).',
      ],
      [
        'text too long',
        () => parseProject({ ...minimal, name: 'x'.repeat(201) }),
        'name',
        'texte trop long (au plus 200 caractères autorisés).',
      ],
      [
        'unknown key',
        () => parseProject({ ...minimal, colour: 'red' }),
        '',
        'clé inconnue « colour » : supprimez-la ou vérifiez l’orthographe.',
      ],
      [
        'unknown keys',
        () => parseProject({ ...minimal, colour: 'red', size: 2 }),
        '',
        'clés inconnues « colour », « size » : supprimez-les ou vérifiez l’orthographe.',
      ],
      [
        'bad choice',
        () => parseProject({ ...minimal, training: { optimizer: 'adamw' } }),
        'training.optimizer',
        'doit valoir "sgd", "adagrad", "rmsprop" ou "adam".',
      ],
      [
        'bad data set kind',
        () => parseProject({ ...minimal, dataset: { kind: 'url' } }),
        'dataset.kind',
        'doit valoir "builtin", "imageFolder", "csv", "idx" ou "cifar".',
      ],
      [
        'forbidden key',
        () => parseProjectText('{"format":"neuroblocks.project","version":1,"graph":{"nodes":[],"edges":[]},"__proto__":{}}'),
        '__proto__',
        'la clé « __proto__ » est interdite.',
      ],
      [
        'too deep',
        () => parseProject({ ...minimal, extra: JSON.parse('['.repeat(70) + ']'.repeat(70)) }),
        'extra' + '[0]'.repeat(64),
        'imbrication trop profonde (plus de 64 niveaux).',
      ],
      [
        'newer version',
        () => parseProject({ ...minimal, version: 99 }),
        'version',
        'ce projet a été créé par une version plus récente de Neuroblocks (version 99 du format ; celle-ci lit jusqu’à la version 1). Mettez Neuroblocks à jour pour l’ouvrir.',
      ],
      [
        'bad version',
        () => parseProject({ ...minimal, version: 0.5 }),
        'version',
        'doit être un nombre entier d’au moins 1 (valeur reçue : 0,5).',
      ],
      [
        'not ours',
        () => parseProject({ ...minimal, format: 'other' }),
        'format',
        'doit valoir "neuroblocks.project" (valeur reçue : "other") : ce fichier ne ressemble pas à un projet Neuroblocks.',
      ],
      [
        'not an object',
        () => parseProject(42),
        '',
        'un projet doit être un objet JSON avec "format", "version" et "graph" (ou un graphe seul avec "nodes" et "edges").',
      ],
    ];
    for (const [what, fn, path, messageFr] of damaged) {
      const { fr, problems } = frenchOf(fn);
      expect(problems, what).toContainEqual(expect.objectContaining({ path, messageFr }));
      expect(fr, what).toContain(path ? `${path} : ${messageFr}` : messageFr);
      expect(fr, what).toMatch(/^Ce projet ne peut pas être ouvert/);
      expect(fr, what).not.toMatch(englishWords);
    }
  });

  it('lists several problems in French, one line each', () => {
    const { fr, problems } = frenchOf(() => parseProject({ ...minimal, training: { epochs: 0, batchSize: 'big' } }));
    expect(problems.map((p) => p.path)).toEqual(['training.batchSize', 'training.epochs']);
    expect(fr).toBe(
      'Ce projet ne peut pas être ouvert (2 problèmes) :\n  - training.batchSize : doit être un nombre, et non le texte « big ».\n  - training.epochs : doit valoir au moins 1.',
    );
  });

  it('keeps each problem as a code of the catalogue and its particulars', () => {
    try {
      parseProject({ ...minimal, training: { epochs: 0, batchSize: 'big' } });
    } catch (error) {
      const { problem, problems } = error as ProjectError;
      expect(problem).toMatchObject({ code: 'project:notOpened', params: { count: 2 } });
      expect(problems).toEqual([
        {
          path: 'training.batchSize',
          problem: { code: 'project:wrongType', params: { expected: 'number', expectedName: 'number', got: 'text', value: 'big' } },
        },
        { path: 'training.epochs', problem: { code: 'project:atLeast', params: { limit: 1 } } },
      ]);
      // The problems travel as JSON and are said the same on the other side.
      const received = JSON.parse(JSON.stringify(problem)) as typeof problem;
      expect(problemText(received, 'en')).toBe((error as Error).message);
      return;
    }
    throw new Error('expected a ProjectError');
  });

  it('keeps the English message for the command line', () => {
    try {
      parseProject({ ...minimal, training: { epochs: 0 } });
    } catch (error) {
      expect((error as Error).message).toBe('This project cannot be opened: training.epochs: must be at least 1.');
      return;
    }
    throw new Error('expected a ProjectError');
  });
});

describe('migrate', () => {
  it('applies each step in turn up to the current version', () => {
    const steps = {
      1: (p: Record<string, unknown>) => ({ ...p, version: 2, renamed: p.old }),
      2: (p: Record<string, unknown>) => ({ ...p, version: 3 }),
    };
    expect(migrate({ version: 1, old: 'x' }, steps, 3)).toEqual({ version: 3, old: 'x', renamed: 'x' });
  });

  it('refuses a missing step and a broken step', () => {
    expect(() => migrate({ version: 1 }, {}, 2)).toThrow(/no migration from version 1/);
    expect(() => migrate({ version: 1 }, { 1: (p) => p }, 2)).toThrow(/did not produce version 2/);
  });
});
