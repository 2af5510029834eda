import type { Catalogue } from '../types';
import type { importing as en } from '../en/import';

// Les problèmes et les remarques des importeurs de réseaux préentraînés (core/import) et du catalogue des bases, en français.
export const importing: Catalogue<typeof en> = {
  // Tout fichier (core/import/import-network.ts, core/services/network-import.ts)
  unknownFormat: '{{source}} ne peut pas être importé : l’application lit les fichiers {{known, join}}, et son nom se termine autrement.',
  unknownFormatUnnamed:
    'Ce fichier ne peut pas être importé : l’application lit les fichiers {{known, join}}, et son nom se termine autrement.',
  refused: '{{source}} ne peut pas être importé : {{reason, problem}}',
  refusedMessage: '{{source}} ne peut pas être importé : {{message}}',
  badName: '{{file}} ne peut pas être créé : {{why, problem}}. Choisissez un autre nom.',
  exists: '{{file}} existe déjà ; il est laissé tel quel. Choisissez un autre nom.',
  notWritten: '{{file}} n’a pas pu être écrit : {{reason, problem}}',
  notWrittenMessage: '{{file}} n’a pas pu être écrit : {{message}}',
  notABase: '{{source}} ne peut pas servir de base ici : {{reason, problem}}',
  notABaseMessage: '{{source}} ne peut pas servir de base ici : {{message}}',
  uploadTooLarge: '{{file}} fait plus de {{size}} Go, trop pour être importé ici.',
  uploadUnknown: 'Cet envoi est terminé ou inconnu ; choisissez à nouveau le fichier.',
  fileMissing: '{{file}} est introuvable : choisissez à nouveau le fichier du réseau.',
  baseNeedsSqlite:
    'Une base préentraînée garde ses poids dans un fichier de projet {{extension}} ; {{file}} ne garde que le graphe. Enregistrez d’abord le projet en {{extension}}.',
  unreadable_missing: '{{file}} ne peut pas être lu : ce fichier n’existe pas.',
  unreadable_folder: '{{file}} ne peut pas être lu : c’est un dossier.',
  unreadable: '{{file}} ne peut pas être lu ({{message}}).',
  // Le protobuf d’ONNX (core/import/onnx-proto.ts)
  truncated:
    'Le fichier n’est pas un modèle ONNX complet : $t(import:part_{{part}}) dépasse la fin de ses données (octet {{at}} sur {{size}}). Il est tronqué ou abîmé ; exportez-le ou téléchargez-le à nouveau.',
  part_number: 'un nombre',
  part_field: 'un champ',
  part_numbers: 'une liste de nombres',
  part_tensorName: 'un nom de tenseur',
  part_tensorValues: 'les valeurs du tenseur « {{name}} »',
  part_attributeName: 'un nom d’attribut',
  part_attribute: 'l’attribut « {{name}} »',
  part_nodeAttribute: 'un attribut du nœud « {{name}} »',
  part_nodeInput: 'une entrée de nœud',
  part_nodeOutput: 'une sortie de nœud',
  part_nodeName: 'un nom de nœud',
  part_operatorName: 'un nom d’opérateur',
  part_operatorDomain: 'un domaine d’opérateur',
  part_dimension: 'une dimension',
  part_dimensionName: 'un nom de dimension',
  part_valueName: 'un nom d’entrée ou de sortie',
  part_typeOf: 'le type de « {{name}} »',
  part_shapeOf: 'la forme de « {{name}} »',
  part_node: 'le nœud {{name}}',
  part_graphName: 'le nom du graphe',
  part_weightTensor: 'le tenseur de poids {{name}}',
  part_graphInput: 'une entrée du graphe',
  part_graphOutput: 'une sortie du graphe',
  part_producerName: 'le nom du producteur',
  part_producerVersion: 'la version du producteur',
  part_graph: 'le graphe',
  part_operatorSet: 'un jeu d’opérateurs',
  part_operatorSetDomain: 'le domaine d’un jeu d’opérateurs',
  part_metadataEntry: 'une entrée de métadonnées',
  part_metadataKey: 'une clé de métadonnées',
  part_metadataValue: 'une valeur de métadonnées',
  longNumber: 'Le fichier n’est pas un modèle ONNX : un nombre à l’octet {{at}} est plus long que protobuf ne le permet.',
  impossibleField:
    'Le fichier n’est pas un modèle ONNX : ses octets ne suivent pas le format protobuf d’ONNX (un champ impossible à l’octet {{at}}).',
  tensorBytes:
    'Le tenseur « {{name}} » contient {{bytes}} octets, mais sa forme {{shape, shape}} de {{type}} en demande {{needed}} : le fichier est abîmé.',
  tensorBytes_scalar:
    'Le tenseur « {{name}} » contient {{bytes}} octets, mais un scalaire de {{type}} en demande {{needed}} : le fichier est abîmé.',
  tensorValues:
    'Le tenseur « {{name}} » contient {{values}} valeurs, mais sa forme {{shape, shape}} en demande {{needed}} : le fichier est abîmé.',
  tensorValues_scalar:
    'Le tenseur « {{name}} » contient {{values}} valeurs, mais un scalaire en demande {{needed}} : le fichier est abîmé.',
  tensorType:
    'Le tenseur « {{name}} » contient des valeurs {{type}}, que l’application ne sait pas lire : seuls les poids float32 (et les formes entières) sont importés. Exportez le réseau en float32.',
  // ONNX (core/import/onnx.ts)
  onnxNode: 'Le nœud {{op}} « {{name}} » : {{reason, problem}}',
  onnxNode_output: 'Le nœud {{op}} (sortie « {{name}} ») : {{reason, problem}}',
  onnxSharedWeights_one:
    '{{count}} tenseur de poids du fichier est partagé par des nœuds Identity (PyTorch écrit une seule fois les tenseurs identiques) ; chaque bloc en a sa propre copie.',
  onnxSharedWeights_other:
    '{{count}} tenseurs de poids du fichier sont partagés par des nœuds Identity (PyTorch écrit une seule fois les tenseurs identiques) ; chaque bloc en a sa propre copie.',
  onnxHardSigmoids_one:
    '{{count}} nœud HardSigmoid est devenu des blocs Rescaling → relu6 → Rescaling, exactement la même fonction (clip(αx + β, 0, 1) = relu6(6αx + 6β) / 6) : l’application n’a pas d’activation hard sigmoid.',
  onnxHardSigmoids_other:
    '{{count}} nœuds HardSigmoid sont devenus des blocs Rescaling → relu6 → Rescaling, exactement la même fonction (clip(αx + β, 0, 1) = relu6(6αx + 6β) / 6) : l’application n’a pas d’activation hard sigmoid.',
  onnxPaddingBlocks_one:
    '{{count}} bloc ZeroPadding2D reproduit le remplissage explicite d’ONNX là où le remplissage « same » de Keras serait différent.',
  onnxPaddingBlocks_other:
    '{{count}} blocs ZeroPadding2D reproduisent le remplissage explicite d’ONNX là où le remplissage « same » de Keras serait différent.',
  onnxExternalData:
    'Le tenseur de poids « {{name}} » est rangé dans un fichier à part (données externes ONNX), que l’application ne lit pas. Exportez le réseau en un seul fichier .onnx (les modèles de moins de 2 Go y tiennent).',
  onnxMissingInput: 'son entrée {{index}} (« {{input}} ») manque ou n’est produite par aucun nœud du fichier.',
  onnxConstantInput:
    'son entrée « {{input}} » est une constante, alors que l’application attend des valeurs calculées à partir de l’entrée du réseau. Seuls les réseaux dont les opérateurs agissent sur leur entrée peuvent être importés.',
  onnxComputedWeight:
    'son entrée $t(import:role_{{role}}) (« {{input}} ») est calculée par le réseau, alors que l’application a besoin d’un tenseur de poids fixe du fichier.',
  role_weight: 'de poids',
  role_bias: 'de biais',
  role_scale: 'd’échelle',
  role_mean: 'de moyenne',
  role_variance: 'de variance',
  role_minimum: 'de minimum',
  role_maximum: 'de maximum',
  role_axes: 'd’axes',
  role_shape: 'de forme',
  role_pads: 'de remplissage',
  role_value: 'de valeur',
  role_ratio: 'de taux',
  onnxNotImage: 'il agit sur des images (N×C×H×W), mais son entrée « {{input}} » a la forme {{shape, shape}} (sans le lot).',
  onnxNotVector:
    'il agit sur des vecteurs (N×F), mais son entrée « {{input}} » a la forme {{shape, shape}} (sans le lot). Ajoutez un Flatten avant lui dans le réseau d’origine.',
  onnxNoInput: 'Le graphe ONNX n’a aucune entrée : il n’y a rien à donner au réseau.',
  onnxInputType: 'L’entrée « {{input}} » prend des valeurs {{type}} ; l’application fournit des images ou des vecteurs float32.',
  onnxInputType_code:
    'L’entrée « {{input}} » prend des valeurs de type {{type}} ; l’application fournit des images ou des vecteurs float32.',
  onnxInputShape:
    'L’entrée « {{input}} » a la forme {{shape, shape}} ; l’application importe des réseaux dont l’entrée est un lot d’images de taille fixe (N×C×H×W) ou de vecteurs (N×F). Exportez le réseau avec une taille d’image fixe (seul le lot peut varier).',
  onnxInputShape_unknown:
    'L’entrée « {{input}} » a une forme inconnue ; l’application importe des réseaux dont l’entrée est un lot d’images de taille fixe (N×C×H×W) ou de vecteurs (N×F). Exportez le réseau avec une taille d’image fixe (seul le lot peut varier).',
  onnxNoOutput: 'Le graphe ONNX n’a aucune sortie : le réseau ne calcule rien à importer.',
  onnxOutputUnproduced: 'La sortie « {{output}} » du graphe ONNX n’est produite par aucun nœud : le fichier est abîmé.',
  onnxInputUnproduced:
    'son entrée « {{input}} » n’est produite par aucun nœud du fichier, ou seulement par un nœud qui en dépend : le graphe est abîmé.',
  onnxOutputConstant:
    'La sortie « {{output}} » du graphe ONNX est une constante, non calculée à partir de l’entrée : il n’y a pas de réseau à importer.',
  onnxOutputFlattened:
    'La sortie « {{output}} » est une image {{image, shape}} aplatie : ONNX range ses valeurs canal par canal et l’application pixel par pixel, elles sortiraient donc dans un autre ordre. Importez le réseau jusqu’à sa dernière couche qui n’est pas un tel Flatten.',
  onnxOutputInside:
    'La sortie « {{output}} » sert aussi à l’intérieur du réseau ; les sorties de l’application ne sont que ses derniers blocs. Exportez le réseau avec ses seules sorties finales.',
  onnxOutputImage: 'La sortie « {{output}} » est une image : l’application la donne en H×L×C ({{shape, shape}}), là où ONNX donne C×H×L.',
  onnxValue: 'son `{{attribute}}` {{value}} ne peut pas s’exprimer avec les blocs de l’application : {{why, problem}}',
  onnxExtraOutput:
    'le réseau lit sa sortie « {{output}} », que les blocs de l’application ne calculent pas (seule la première sortie de {{op}} est importée).',
  onnxDomain:
    'l’opérateur {{op}} du domaine « {{domain}} » n’est pas un opérateur ONNX standard, et l’application ne sait pas l’exprimer. Opérateurs pris en charge : {{supported, join}}.',
  onnxOperator:
    'l’application n’a aucun bloc pour l’opérateur ONNX {{op}} : le réseau ne peut pas être importé sans changer ce qu’il calcule. Opérateurs pris en charge : {{supported, join}}.',
  onnxNotValue: 'ce n’est pas une valeur ONNX.',
  onnxWindowPads: 'une fenêtre 2D prend quatre valeurs de remplissage positives ou nulles.',
  onnxKernelShape: 'les poids font {{kernel, shape}}.',
  onnxWindow2d: 'seules les fenêtres 2D sont importées.',
  onnxDilated: 'les convolutions et poolings de l’application ne sont pas dilatés.',
  onnxWindowFits: 'sa fenêtre {{kernel, shape}} ne tient pas dans l’image {{size, shape}} qu’il reçoit.',
  onnxCeilMode:
    'il donne une sortie {{ceil, shape}} là où les fenêtres de l’application donnent {{out, shape}} (le remplissage « same » de Keras ne donne cette taille que s’il remplit de la même façon).',
  onnxConvWeights: 'ses poids ont la forme {{shape, shape}} ; seules les convolutions 2D (poids à 4 dimensions) sont importées.',
  onnxGroups:
    'l’application a des convolutions ordinaires (group 1) et en profondeur (group = les {{channels}} canaux d’entrée), pas de convolutions en {{group}} groupes.',
  onnxConvChannels: 'ses poids prennent {{perGroup}} canaux mais son entrée en a {{channels}} : le fichier est abîmé.',
  onnxConvBias: 'son biais a {{values}} valeurs pour {{filters}} filtres : le fichier est abîmé.',
  onnxTraining: 'l’application importe les réseaux en inférence (BatchNormalization avec ses statistiques mobiles).',
  onnxNormFlattened:
    'il normalise une image {{image, shape}} aplatie, dont l’application range les valeurs autrement ; seule la BatchNormalization sur les canaux ou les caractéristiques d’un vecteur est importée.',
  onnxNormTensor: 'son tenseur « {{name}} » a {{values}} valeurs pour {{channels}} canaux : le fichier est abîmé.',
  onnxEpsilon: 'le bloc BatchNormalization prend un epsilon supérieur à 0 et au plus 1.',
  onnxElu: 'l’elu de Keras utilise alpha 1.',
  onnxSelu: 'la selu de Keras utilise les constantes standard.',
  onnxHardSwishOpset: 'HardSwish demande l’opset 14, mais le fichier déclare l’opset {{opset}} : le fichier est abîmé.',
  onnxSoftmaxAxis:
    'la softmax de l’application agit sur les canaux (d’une image) ou les caractéristiques (d’un vecteur), et celle-ci agit sur un autre axe de son entrée {{shape, shape}}.',
  onnxClip: 'il borne à [{{min}} ; {{max}}], et les activations de l’application ne bornent qu’à [0 ; 6] (relu6) ou [0 ; ∞) (relu).',
  onnxArithmetic_constants:
    '{{op}} de constantes seules ne peut pas s’exprimer avec les blocs de l’application (Add et Multiply prennent des tenseurs calculés, Rescaling une constante scalaire).',
  onnxArithmetic_computed:
    '{{op}} de deux tenseurs calculés ne peut pas s’exprimer avec les blocs de l’application (Add et Multiply prennent des tenseurs calculés, Rescaling une constante scalaire).',
  onnxRescaling_scale:
    'il multiplie son entrée par une constante de forme {{shape, shape}}, et le bloc Rescaling de l’application prend un seul nombre pour toutes les valeurs. Seule une constante scalaire (ou un biais après MatMul) est importée.',
  onnxRescaling_shift:
    'il décale son entrée par une constante de forme {{shape, shape}}, et le bloc Rescaling de l’application prend un seul nombre pour toutes les valeurs. Seule une constante scalaire (ou un biais après MatMul) est importée.',
  onnxDivideConstant:
    'il divise une constante par les valeurs du réseau (ou par zéro), ce que le bloc Rescaling de l’application ne sait pas faire.',
  onnxNotFinite: 'ce n’est pas un nombre fini.',
  onnxBroadcast:
    'il combine des tenseurs de formes {{shapes, shapes}} par diffusion (broadcasting), et le bloc {{block}} de l’application prend des tenseurs d’une seule forme.',
  onnxNoAxis: 'il n’a pas d’attribut `axis` : le fichier est abîmé.',
  onnxConcat:
    'l’application joint des images selon leurs canaux, leur hauteur ou leur largeur et des vecteurs selon leurs caractéristiques, avec des entrées d’un seul genre (ici {{shapes, join}}).',
  onnxPoolKernel: 'il n’a pas de `kernel_shape` 2D ; seuls les poolings 2D sont importés.',
  onnxMaxPoolPad:
    'un max pooling remplit avec -∞ ; l’application remplit avec des zéros (ZeroPadding2D), ce qui donne le même résultat seulement sur des valeurs jamais négatives (par ex. juste après une relu), et cette entrée peut être négative.',
  onnxAveragePad: 'cette moyenne exclut le remplissage (count_include_pad 0) avec un remplissage qui n’est pas le « same » de Keras.',
  onnxReduceAxes: 'l’application ne fait la moyenne ou le maximum que sur la hauteur et la largeur d’une image (axes 2 et 3).',
  onnxFlattenAxis: 'l’application aplatit tous les axes sauf le lot (axe 1).',
  onnxTransposed: 'le Dense de l’application multiplie le lot de vecteurs tel quel.',
  onnxDenseWeights: 'ses poids ont la forme {{shape, shape}} ; un bloc Dense prend une matrice.',
  onnxDenseInputs: 'ses poids prennent {{inputs}} valeurs mais son entrée en a {{got}} : le fichier est abîmé.',
  onnxDenseBias: 'son biais a la forme {{shape, shape}} pour {{units}} sorties ; le Dense de l’application ajoute un biais par sortie.',
  onnxFlattenReordered:
    'Les poids du Dense « {{block}} » sont réordonnés pour le Flatten de l’application, qui range les valeurs d’une image pixel par pixel là où ONNX les range canal par canal.',
  onnxReshapeBatch:
    'l’application change la forme de chaque échantillon de la même façon et garde le lot tel quel (première dimension 0 ou -1).',
  onnxReshapeSize: 'elle ne contient pas les {{size}} valeurs de son entrée {{shape, shape}}.',
  onnxReshapeOrder:
    'passer de {{from, shape}} à {{to, shape}} dans l’ordre canal d’abord d’ONNX demanderait une transposition dans l’ordre canal en dernier de l’application ; seuls l’aplatissement et les vecteurs faits images 1×1 sont importés.',
  onnxSqueeze_squeeze:
    'l’application retire seulement les deux axes d’un pixel d’une image C×1×1, et cette entrée a la forme {{shape, shape}}.',
  onnxSqueeze_unsqueeze:
    'l’application ajoute seulement les deux axes d’un pixel d’une future image C×1×1, et cette entrée a la forme {{shape, shape}}.',
  onnxPadZeros: 'l’application ne remplit les images qu’avec des zéros (ZeroPadding2D).',
  onnxPadSides:
    'ZeroPadding2D ajoute des lignes et des colonnes à la hauteur et à la largeur (sans en retirer), et rien au lot ni aux canaux.',
  onnxConstantValue: 'sa valeur (attribut « {{attribute}} ») n’est pas un tenseur de nombres que l’application lit.',
  onnxConstantValue_none: 'sa valeur (aucun attribut) n’est pas un tenseur de nombres que l’application lit.',
  onnxNoOpset:
    'Le fichier n’indique aucune version du jeu d’opérateurs ONNX (opset_import) : il est tronqué, abîmé ou n’est pas un modèle ONNX.',
  onnxEmpty: '{{file}} est vide : ce n’est pas un modèle ONNX.',
  onnxNotModel_graph:
    '{{file}} n’est pas un modèle ONNX : il n’a pas de graphe. Choisissez un fichier .onnx écrit par un exporteur ONNX (par ex. torch.onnx.export).',
  onnxNotModel_ir:
    '{{file}} n’est pas un modèle ONNX : il n’a pas de version IR. Choisissez un fichier .onnx écrit par un exporteur ONNX (par ex. torch.onnx.export).',
  onnxNotWhole: 'Le réseau importé ne tient pas dans les blocs de l’application ({{block}}) : {{reason, problem}}',
  onnxNotWhole_graph: 'Le réseau importé ne tient pas dans les blocs de l’application (graphe) : {{reason, problem}}',
  onnxShapeDiffers:
    'Le bloc « {{block}} » calcule {{computed, shape}} là où le réseau du fichier a {{shape, shape}} : le fichier ne peut pas être importé exactement.',
  onnxRead: '{{operators}} opérateurs ONNX lus (opset {{opset}}), devenus {{blocks}} blocs.',
  onnxRead_producer: '{{operators}} opérateurs ONNX lus (opset {{opset}}, écrits par {{producer}}), devenus {{blocks}} blocs.',
  // La ligne de commande (core/cli/commands/import-model.ts)
  existsForce: '{{file}} existe déjà ; il est laissé tel quel. Choisissez un autre nom, ou ajoutez --force pour le remplacer.',
  imported:
    '{{source}} importé dans {{out}} : {{blocks}} blocs, {{params, number}} paramètres ({{trainable, number}} entraînables), avec ses poids comme poids préentraînés du projet.',
  // Les couches Keras, d’un fichier Keras ou TensorFlow.js (core/import/keras-layers.ts)
  kerasLayer: 'La couche « {{layer}} » ({{className}}) : {{reason, problem}}',
  kerasLayerParams: 'La couche « {{layer}} » ({{className}}) :\n{{problems, problems}}',
  kerasActivationValue: 'son activation {{value}} n’est pas connue de l’application.',
  kerasActivation:
    'l’activation « {{name}} » n’a pas d’équivalent dans l’application (qui a {{activations, join}}) : la couche ne peut pas être importée sans changer ce que calcule le réseau.',
  kerasRegularizer: 'son `{{argument}}` {{value}} n’est pas une pénalité L1 ou L2, les seules que connaisse l’application.',
  kerasRelu:
    'un ReLU avec max_value={{max}}, negative_slope={{slope}}, threshold={{threshold}} n’a pas d’activation équivalente dans l’application (qui a « relu » et « relu6 »).',
  kerasArgument:
    'son argument `{{argument}}` ({{value}}) n’a pas de paramètre équivalent dans le bloc {{className}} de l’application : elle ne peut pas être importée sans changer le réseau.',
  kerasArgumentValue:
    'son argument `{{argument}}` vaut {{value}} ; le bloc de l’application ne calcule que `{{argument}}`={{expected}} : la couche ne peut pas être importée sans changer ce qu’elle calcule.',
  kerasInboundNotList: 'son `inbound_nodes` n’est pas une liste.',
  kerasCallArguments: 'elle est appelée avec {{arguments, join}}, ce que le bloc de l’application ne sait pas exprimer.',
  kerasInboundNoLayer: 'une entrée de son `inbound_nodes` ({{entry}}) ne nomme aucune couche.',
  kerasModelClass:
    '{{what}} contient un modèle de classe {{className}} ; seuls les modèles Keras Sequential et fonctionnels (classe « Sequential », « Functional » ou « Model ») peuvent être importés.',
  kerasNoLayers: '{{what}} : la configuration du modèle ne liste aucune couche.',
  kerasInputType: 'ses entrées sont de type {{type}} ; l’Input de l’application prend des nombres (flottants).',
  kerasInputSize:
    'la taille de son entrée n’est pas fixée ({{shape}}) ; l’Input de l’application a une forme fixe. Construisez le modèle sur une forme d’entrée fixe (par ex. input_shape=(224, 224, 3)) avant de l’enregistrer.',
  kerasClass:
    'l’application n’a pas de bloc pour la classe Keras {{className}} (elle a {{blocks, join}}) : ce réseau ne peut pas être importé sans le modifier.',
  kerasSameName_inner: '{{what}} : deux couches du modèle « {{model}} » s’appellent « {{layer}} ».',
  kerasSameName: '{{what}} : deux couches s’appellent « {{layer}} ».',
  kerasInnerInputs:
    'ce modèle dans le modèle est appelé sur {{count}} entrées ; seul un modèle à une entrée et une sortie peut être importé dans un autre.',
  kerasInnerEmpty: 'ce modèle dans le modèle ne liste aucune couche.',
  kerasNoInputShape_inner:
    '{{what}} : le modèle Sequential « {{model}} » ne dit pas la forme de son entrée (ni InputLayer, ni batch_input_shape) : construisez le modèle sur une forme d’entrée avant de l’enregistrer.',
  kerasNoInputShape:
    '{{what}} : le modèle Sequential ne dit pas la forme de son entrée (ni InputLayer, ni batch_input_shape) : construisez le modèle sur une forme d’entrée avant de l’enregistrer.',
  kerasInnerEnds:
    'ce modèle dans le modèle a {{inputCount}} entrées ({{inputs, join}}) et {{outputCount}} sorties ({{outputs, join}}) ; seul un modèle à une entrée et une sortie peut être importé dans un autre.',
  kerasInnerShared:
    'ce modèle dans le modèle est appelé {{count}} fois (partagé entre plusieurs entrées) ; chaque bloc de l’application ne sert qu’une fois : il ne peut donc pas être importé. Appelez le modèle intérieur une seule fois.',
  kerasSharedLayer:
    'elle est appelée {{count}} fois (couche partagée) ; chaque bloc de l’application ne sert qu’une fois. Donnez à chaque usage sa propre couche.',
  kerasNotFed: 'rien ne l’alimente : son `inbound_nodes` est vide.',
  kerasUnknownFeed: 'elle est alimentée par une couche « {{feed}} » que le modèle n’a pas.',
  kerasFeedCall:
    'elle prend la sortie {{tensor}} de l’appel {{call}} de « {{feed}} » ; les blocs de l’application ont une sortie et ne sont appelés qu’une fois.',
  kerasUnknownOutput_inner: '{{what}} : le modèle « {{model}} » désigne comme sortie une couche « {{layer}} » qu’il n’a pas.',
  kerasUnknownOutput: '{{what}} : le modèle désigne comme sortie une couche « {{layer}} » qu’il n’a pas.',
  kerasInnerLoose:
    '{{what}} : les couches {{layers, join}} d’un modèle dans le modèle n’alimentent rien et ne sont pas sa sortie ; dans l’application, tout bloc qui n’alimente rien est une sortie. Retirez-les du modèle intérieur.',
  kerasOutputs:
    '{{what}} : les sorties du modèle ({{outputs, join}}) ne sont pas les couches qui n’alimentent rien ({{sinks, join}}) ; dans l’application, tout bloc qui n’alimente rien est une sortie. Retirez les couches inutilisées {{extra}} ou faites de {{inner}} une dernière couche.',
  kerasInnerShape: 'ce modèle dans le modèle prend des entrées de forme {{shape}}, mais il reçoit {{fed}}.',
  kerasNotRunnable: '{{what}} ne donne pas un réseau que l’application sache exécuter :\n{{errors, blockProblems}}',
  kerasWeightCount:
    '{{what}} : la couche « {{layer}} » ({{className}}) demande {{count}} tenseur(s) de poids ({{names, join}}) mais le fichier en a {{found}} ({{labels, join}}) : ces poids ne sont pas ceux de ce modèle.',
  kerasWeightCount_noneFound:
    '{{what}} : la couche « {{layer}} » ({{className}}) demande {{count}} tenseur(s) de poids ({{names, join}}) mais le fichier n’en a aucun : ces poids ne sont pas ceux de ce modèle.',
  kerasWeightCount_noneNeeded:
    '{{what}} : la couche « {{layer}} » ({{className}}) ne demande aucun tenseur de poids mais le fichier en a {{found}} ({{labels, join}}) : ces poids ne sont pas ceux de ce modèle.',
  kerasWeightShape:
    '{{what}} : le poids {{label}} de la couche « {{layer}} » ({{className}}) a la forme {{shape, shape}}, mais son {{weight}} doit être {{expected, shape}} vu les arguments et l’entrée de la couche : le fichier ment sur ses poids.',
  kerasWeightShape_scalar:
    '{{what}} : le poids {{label}} de la couche « {{layer}} » ({{className}}) est un scalaire, mais son {{weight}} doit être {{expected, shape}} vu les arguments et l’entrée de la couche : le fichier ment sur ses poids.',
  // Les fichiers Keras, .h5 et .keras (core/import/keras.ts)
  kerasNotHdf5: '{{what}} n’est pas un fichier HDF5 lisible ({{reason}}) : il est abîmé, tronqué, ou ce n’est pas un fichier Keras.',
  kerasDamaged: '{{what}} : « {{path}} » est illisible ({{reason}}) ; le fichier est abîmé ou tronqué.',
  kerasMissingWeight:
    '{{what}} : le poids « {{path}} » que nomme le fichier n’y est pas ; le fichier est abîmé ou a été écrit par un autre programme.',
  kerasLargeIntegers:
    '{{what}} : le poids {{label}} contient des entiers trop grands pour être gardés exactement dans les poids flottants de l’application (au-delà de 16 777 216).',
  kerasNotFloat:
    '{{what}} : le poids {{label}} n’est pas stocké en nombres à virgule flottante (type HDF5 {{type}}, {{size}} octets) ; les blocs de l’application ont des poids flottants.',
  kerasLayerNoGroup:
    '{{what}} liste la couche « {{layer}} » dans layer_names mais n’a pas de groupe de poids pour elle : le fichier est abîmé ou tronqué.',
  kerasWeightNumbers:
    '{{what}} : les poids de la couche « {{path}} » sont numérotés {{numbers, join}} au lieu de 0, 1, … : le fichier est abîmé.',
  kerasNoWeights: '{{what}} ne contient pas de poids Keras : il n’a ni attribut « layer_names » (Keras 2) ni groupe « layers » (Keras 3).',
  kerasInnerWeightName:
    '{{what}} : le poids {{label}} du modèle « {{model}} » dans le modèle ne dit pas à laquelle de ses couches il appartient (un nom comme « conv1/kernel:0 » est attendu) : le fichier n’a pas été écrit par Keras ou il est abîmé.',
  kerasStrayWeights:
    '{{what}} a des poids pour {{names, quoted}}, qu’aucune couche du modèle ne porte : ces poids ne sont pas ceux de ce modèle.',
  kerasNoConfig_attribute:
    '{{what}} n’a pas d’attribut model_config : il ne contient que des poids, sans description du réseau. Importez le fichier du modèle complet (model.save), ou utilisez-le comme poids d’une base connue.',
  kerasNoConfig_file:
    '{{what}} n’a pas de config.json : il ne contient que des poids, sans description du réseau. Importez le fichier du modèle complet (model.save), ou utilisez-le comme poids d’une base connue.',
  kerasConfigJson_attribute: '{{what}} : son attribut model_config n’est pas du JSON valide ({{message}}) ; le fichier est abîmé.',
  kerasConfigJson_file: '{{what}} : son config.json n’est pas du JSON valide ({{message}}) ; le fichier est abîmé.',
  kerasNotZip: '{{what}} n’est pas un fichier .keras lisible (une archive zip) : {{message}}. Il est abîmé ou tronqué.',
  kerasZipEntry: '{{what}} n’a pas de {{name}} ; un fichier .keras contient config.json et model.weights.h5.',
  // Les modèles de couches TensorFlow.js (core/import/tfjs.ts)
  tfjsShardUnreadable:
    '{{what}} liste le fichier de poids « {{path}} », mais il est illisible à côté de lui ({{message}}). Placez tous les fichiers du modèle dans le même dossier.',
  tfjsWeightType:
    '{{what}} : le poids « {{name}} » est de type {{dtype}} ; les blocs de l’application ont des poids float32 (stockés en float32, float16, uint8 ou uint16).',
  tfjsWeightType_stored:
    '{{what}} : le poids « {{name}} » est de type {{dtype}} stocké en {{stored}} ; les blocs de l’application ont des poids float32 (stockés en float32, float16, uint8 ou uint16).',
  tfjsShardBytes_truncated:
    '{{what}} : ses poids demandent {{needed}} octets, mais les fichiers {{paths, join}} en contiennent {{total}} : ils sont tronqués. Copiez de nouveau le modèle, avec tous ses fichiers.',
  tfjsShardBytes_foreign:
    '{{what}} : ses poids demandent {{needed}} octets, mais les fichiers {{paths, join}} en contiennent {{total}} : ce ne sont pas les fichiers de ce model.json. Copiez de nouveau le modèle, avec tous ses fichiers.',
  tfjsWeightTwice: '{{what}} : le poids « {{name}} » est listé deux fois.',
  tfjsUnreadable: '{{what}} est illisible : {{message}}.',
  tfjsNotJson: '{{what}} n’est pas du JSON valide ({{message}}) ; le model.json de TensorFlow.js est un fichier JSON. Est-il tronqué ?',
  tfjsGraphModel:
    '{{what}} est un modèle de graphe TensorFlow.js (converti depuis un SavedModel) : il contient des opérations, pas des couches. Convertissez le modèle Keras avec tensorflowjs_converter --output_format=tfjs_layers_model, ou importez son fichier ONNX ou Keras.',
  tfjsNoTopology: '{{what}} n’a pas de « modelTopology » : ce n’est pas un modèle de couches TensorFlow.js.',
  tfjsNoManifest:
    '{{what}} n’a pas de « weightsManifest » valide (une liste de { paths, weights: [{ name, shape, dtype }] }) : il est abîmé ou ce n’est pas un modèle de couches TensorFlow.js.',
  tfjsMissingWeight:
    '{{what}} : la couche « {{layer}} » ({{className}}) demande le poids « {{weight}} », absent du manifeste des poids (qui liste {{present, join}}).',
  tfjsMissingWeight_none:
    '{{what}} : la couche « {{layer}} » ({{className}}) demande le poids « {{weight}} », absent du manifeste des poids.',
  tfjsStrayWeights:
    '{{what}} : le manifeste des poids liste {{names, quoted}}, qu’aucune couche du modèle n’utilise : ces poids ne sont pas ceux de ce modèle.',
};
