import type { Catalogue } from '../types';
import type { graph as en } from '../en/graph';

// Les problèmes que signalent les vérifications du graphe (core/model/analyze.ts), en français.
export const graph: Catalogue<typeof en> = {
  duplicateId: 'Deux blocs ont le même identifiant « {{id}} » : chaque bloc doit avoir le sien.',
  unknownTypeGuess: '« {{type}} » n’est pas un type de bloc ; vouliez-vous dire « {{guess}} » ?',
  unknownType: '« {{type}} » n’est pas un type de bloc. Types connus : {{known, join}}.',
  danglingEdge: 'Une connexion {{source}} → {{target}} mène à un bloc « {{missing}} » qui n’existe pas : supprimez cette connexion.',
  selfLoop: '« {{id}} » est connecté à lui-même : un bloc ne peut pas alimenter sa propre entrée. Supprimez cette connexion.',
  duplicateEdge: '« {{source}} » est connecté deux fois à « {{target}} » ; la connexion en trop est ignorée.',
  cycle:
    '« {{id}} » fait partie d’une boucle ({{cycle, path}}). Les données doivent aller dans un seul sens, de l’Input vers la sortie : supprimez une connexion de la boucle.',
  inputIntoInput:
    '{{type}} « {{id}} » est l’endroit où les données entrent dans le modèle : rien ne peut y être connecté. Supprimez la connexion qui y entre.',
  noInputEdge: '{{type}} « {{id}} » n’a pas d’entrée : reliez le bloc précédent à sa poignée d’entrée.',
  oneInputOnly:
    '{{type}} « {{id}} » prend exactement une entrée, mais {{got}} y sont connectées. Pour combiner des branches, réunissez-les d’abord avec un bloc Add ou Concatenate.',
  tooFewInputs: '{{type}} « {{id}} » doit fusionner au moins {{min}} entrées mais n’en a que {{got}} : connectez-y une autre branche.',
  invalidId:
    '{{type}} « {{id}} » : son identifiant ne peut pas servir de nom de couche pour l’entraînement et les exports (un identifiant doit commencer par une lettre ou un chiffre et ne contenir que des lettres sans accent (a–z, A–Z), des chiffres, « _ », « - », « . » et « / »). Renommez le bloc, par exemple en « {{suggestion}} ».',
  empty: 'Le graphe est vide : faites glisser un bloc Input sur le canevas pour commencer.',
  noInput:
    'Le graphe n’a pas de bloc Input : ajoutez-en un et connectez-le à la première couche, pour que le modèle connaisse la forme de ses données.',
  noOutput: 'Le graphe n’a aucune couche après son Input, donc aucune sortie : connectez une couche (par exemple Dense) après l’Input.',
  unusedInput:
    'L’Input « {{id}} » n’est connecté à rien, ses données n’atteignent donc aucune sortie : connectez-le à la première couche ou supprimez-le.',
  notFed: '{{type}} « {{id}} » ne reçoit aucune donnée : aucun chemin n’y mène depuis un bloc Input. Reliez sa branche à un Input.',
  severalOutputs:
    'Le graphe se termine en {{count}} endroits ({{ends, ids}}), le modèle a donc {{count}} sorties. Si « {{id}} » ne doit pas être une sortie, connectez-le au bloc suivant ou supprimez-le.',
  denseNeedsFlatten:
    'Dense « {{id}} » reçoit un tenseur {{shape, shape}}. Il ne mélangera que le dernier axe ({{last}} valeurs), séparément à chacune des {{positions, shape}} positions, et produira {{output, shape}}. Pour relier chaque valeur à chaque neurone, ajoutez un bloc Flatten avant lui.',
  linearStack:
    'Dense « {{id}} » n’a pas d’activation et alimente Dense « {{dense}} » : deux couches linéaires à la suite ne calculent rien de plus qu’une seule. Réglez `activation` sur "relu" (ou une autre non-linéarité) dans « {{id}} ».',
  dropoutAtOutput:
    'Dropout « {{id}} » est le dernier bloc : il agit donc sur les prédictions du modèle au lieu de ses caractéristiques. Placez-le avant la dernière couche Dense.',
  augmentationAtOutput:
    '{{type}} (augmentation) « {{id}} » est le dernier bloc : il agit donc sur les prédictions du modèle au lieu de ses caractéristiques. Placez-le avant la dernière couche Dense.',
  softmaxRegression:
    'La sortie « {{id}} » utilise softmax, qui transforme les sorties en probabilités de classes, mais la perte {{loss}} sert à prédire des nombres (régression). Pour des classes, utilisez categoricalCrossentropy ; pour des nombres, réglez `activation` sur "linear".',
  severalInputs:
    'L’entraînement demande exactement un bloc Input, mais le modèle en a {{count}} ({{inputs, join}}) : supprimez l’Input « {{id}} » ou reliez sa branche à l’autre Input.',
  inputNotData:
    'Le bloc Input « {{id}} » a la forme {{shape, shape}}, mais chaque exemple du jeu de données « {{data}} » est {{dataShape, shape}} : réglez `shape` sur [{{dataShape, join}}].',
  outputNotFlat:
    'La sortie du modèle « {{id}} » donne {{shape, shape}} valeurs par exemple, mais elle doit donner $t(graph:outputWant_{{want}}) : $t(graph:outputFix_{{fix}}).',
  outputWant_classes: '{{classes}} valeurs, une par classe',
  outputWant_class: 'une valeur par classe',
  outputWant_target: 'une valeur par cible',
  outputFix_flatten: 'ajoutez un bloc Flatten (ou GlobalAveragePooling2D) juste avant Dense « {{dense}} »',
  outputFix_denseSoftmax:
    'ajoutez un bloc Flatten puis un bloc Dense avec `units` = $t(graph:units_{{units}}) et `activation` "softmax" après « {{id}} »',
  outputFix_denseSigmoid:
    'ajoutez un bloc Flatten puis un bloc Dense avec `units` = $t(graph:units_{{units}}) et `activation` "sigmoid" après « {{id}} »',
  outputFix_dense: 'ajoutez un bloc Flatten puis un bloc Dense avec `units` = $t(graph:units_{{units}}) après « {{id}} »',
  units_classes: '{{classes}}',
  units_class: 'le nombre de classes',
  units_target: 'le nombre de cibles',
  outputUnitsClasses_one:
    'Le bloc de sortie « {{id}} » a {{count}} unité, mais le jeu de données a {{classes}} classes : $t(graph:unitsFix_{{fix}}).',
  outputUnitsClasses_other:
    'Le bloc de sortie « {{id}} » a {{count}} unités, mais le jeu de données a {{classes}} classes : $t(graph:unitsFix_{{fix}}).',
  unitsFix_set: 'réglez `units` sur {{classes}}',
  unitsFix_dense: 'terminez le modèle par un bloc Dense de {{classes}} unités',
  crossentropyOneUnit:
    'La perte {{loss}} demande une probabilité par classe, mais la sortie « {{id}} » n’a qu’une unité : un softmax sur une seule valeur vaut toujours 1, le modèle n’apprendrait donc rien. Réglez `units` sur $t(graph:units_{{units}}) dans « {{last}} », ou, pour deux classes, choisissez la perte binaryCrossentropy avec `activation` "sigmoid".',
  rawOutputSoftmax:
    'La perte {{loss}} attend des probabilités de classes, mais la sortie « {{id}} » ({{type}}) donne des valeurs brutes : ajoutez après elle un bloc Dense avec `units` = {{units}} et `activation` "softmax".',
  rawOutputSigmoid:
    'La perte {{loss}} attend une probabilité entre 0 et 1, mais la sortie « {{id}} » ({{type}}) donne des valeurs brutes : ajoutez après elle un bloc Dense avec `units` = {{units}} et `activation` "sigmoid".',
  needsSoftmax:
    'La perte {{loss}} attend des probabilités de classes, mais la sortie « {{id}} » utilise l’activation "{{activation}}". Réglez `activation` sur "softmax" dans « {{id}} ».',
  needsSigmoid:
    'La perte binaryCrossentropy attend une probabilité entre 0 et 1, mais la sortie « {{id}} » utilise "{{activation}}". Réglez `activation` sur "sigmoid" dans « {{id}} ».',
  outOfMemory:
    'Entraîner ce modèle demande au moins {{need, bytes}} de mémoire ({{weights, bytes}} de poids, {{gradients, bytes}} de gradients et d’état de l’optimiseur, {{activations, bytes}} de sorties de blocs par lot, avec des lots de {{batchSize}}), plus que les {{have, bytes}} de cet ordinateur : il ne peut pas être entraîné ici. Pour y remédier, utilisez des formes d’Input ou des images plus petites, moins de neurones ou de filtres, ou des lots plus petits.',
  outOfMemory_block:
    'Entraîner ce modèle demande au moins {{need, bytes}} de mémoire ({{weights, bytes}} de poids, {{gradients, bytes}} de gradients et d’état de l’optimiseur, {{activations, bytes}} de sorties de blocs par lot, avec des lots de {{batchSize}}), plus que les {{have, bytes}} de cet ordinateur : il ne peut pas être entraîné ici. Le plus gros est {{type}} « {{id}} ». Pour y remédier, utilisez des formes d’Input ou des images plus petites, moins de neurones ou de filtres, ou des lots plus petits.',
  memory:
    'Entraîner ce modèle demande environ {{need, bytes}} de mémoire ({{weights, bytes}} de poids, {{gradients, bytes}} de gradients et d’état de l’optimiseur, {{activations, bytes}} de sorties de blocs par lot, avec des lots de {{batchSize}}), plus de la moitié des {{have, bytes}} de cet ordinateur : la mémoire pourrait manquer. Si c’est le cas, utilisez des formes d’Input ou des images plus petites, moins de neurones ou de filtres, ou des lots plus petits.',
  memory_block:
    'Entraîner ce modèle demande environ {{need, bytes}} de mémoire ({{weights, bytes}} de poids, {{gradients, bytes}} de gradients et d’état de l’optimiseur, {{activations, bytes}} de sorties de blocs par lot, avec des lots de {{batchSize}}), plus de la moitié des {{have, bytes}} de cet ordinateur : la mémoire pourrait manquer. Le plus gros est {{type}} « {{id}} ». Si c’est le cas, utilisez des formes d’Input ou des images plus petites, moins de neurones ou de filtres, ou des lots plus petits.',
  errors: 'Erreurs :',
  warnings: 'Avertissements :',
  cannotBuild: 'Le modèle ne peut pas être construit : {{first, problem}}',
  cannotBuildAll: 'Le modèle ne peut pas être construit ; corrigez d’abord ces {{count}} problèmes :\n{{problems, problems}}',
  cannotExport:
    'Le graphe a des erreurs : il ne peut donc être ni exporté ni traduit en code. Corrigez-les d’abord :\n{{errors, blockProblems}}',
  modelNoOutput: 'Le modèle n’a pas de sortie : connectez au moins une couche après l’Input.',
};
