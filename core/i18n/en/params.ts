// What is wrong with a block's parameter (core/model/params.ts), in English. Each sentence has a
// second form, `_block`, that opens with the block it is about, as the graph checks show it.
export const params = {
  int: '`{{name}}` must be a whole number between {{min, decimal}} and {{max, decimal}} (got {{got}}).',
  int_block: '{{type}} "{{id}}": `{{name}}` must be a whole number between {{min, decimal}} and {{max, decimal}} (got {{got}}).',
  floatMinMax: '`{{name}}` must be a number at least {{min, decimal}} and at most {{max, decimal}} (got {{got}}).',
  floatMinMax_block: '{{type}} "{{id}}": `{{name}}` must be a number at least {{min, decimal}} and at most {{max, decimal}} (got {{got}}).',
  floatAboveMax: '`{{name}}` must be a number greater than {{min, decimal}} and at most {{max, decimal}} (got {{got}}).',
  floatAboveMax_block:
    '{{type}} "{{id}}": `{{name}}` must be a number greater than {{min, decimal}} and at most {{max, decimal}} (got {{got}}).',
  floatMinBelow: '`{{name}}` must be a number at least {{min, decimal}} and less than {{max, decimal}} (got {{got}}).',
  floatMinBelow_block:
    '{{type}} "{{id}}": `{{name}}` must be a number at least {{min, decimal}} and less than {{max, decimal}} (got {{got}}).',
  floatAboveBelow: '`{{name}}` must be a number greater than {{min, decimal}} and less than {{max, decimal}} (got {{got}}).',
  floatAboveBelow_block:
    '{{type}} "{{id}}": `{{name}}` must be a number greater than {{min, decimal}} and less than {{max, decimal}} (got {{got}}).',
  choice: '`{{name}}` must be one of {{choices, quoted}} (got {{got}}).',
  choice_block: '{{type}} "{{id}}": `{{name}}` must be one of {{choices, quoted}} (got {{got}}).',
  bool: '`{{name}}` must be true or false (got {{got}}).',
  bool_block: '{{type}} "{{id}}": `{{name}}` must be true or false (got {{got}}).',
  size2:
    '`{{name}}` must be a whole number between {{min, decimal}} and {{max, decimal}}, or a pair [height, width] of them (got {{got}}).',
  size2_block:
    '{{type}} "{{id}}": `{{name}}` must be a whole number between {{min, decimal}} and {{max, decimal}}, or a pair [height, width] of them (got {{got}}).',
  size2Sides:
    '`{{name}}` must be a whole number between {{min, decimal}} and {{max, decimal}}, a pair [height, width] of them, or [[top, bottom], [left, right]] (got {{got}}).',
  size2Sides_block:
    '{{type}} "{{id}}": `{{name}}` must be a whole number between {{min, decimal}} and {{max, decimal}}, a pair [height, width] of them, or [[top, bottom], [left, right]] (got {{got}}).',
  shapeRank: '`{{name}}` must be a list of {{rank}} positive whole numbers, e.g. [28, 28, 1] for a grayscale 28×28 image (got {{got}}).',
  shapeRank_block:
    '{{type}} "{{id}}": `{{name}}` must be a list of {{rank}} positive whole numbers, e.g. [28, 28, 1] for a grayscale 28×28 image (got {{got}}).',
  shapeRanks:
    '`{{name}}` must be a list of {{min}} to {{max}} positive whole numbers, e.g. [28, 28, 1] for a grayscale 28×28 image (got {{got}}).',
  shapeRanks_block:
    '{{type}} "{{id}}": `{{name}}` must be a list of {{min}} to {{max}} positive whole numbers, e.g. [28, 28, 1] for a grayscale 28×28 image (got {{got}}).',
  rangeNumber: '`{{name}}` must be a number between 0 and {{max, decimal}}, or a pair [lower, upper] (got {{got}}).',
  rangeNumber_block:
    '{{type}} "{{id}}": `{{name}}` must be a number between 0 and {{max, decimal}}, or a pair [lower, upper] (got {{got}}).',
  rangePair:
    '`{{name}}` must be a number between 0 and {{max, decimal}}, or a pair [lower, upper] with {{min, decimal}} ≤ lower ≤ upper ≤ {{max, decimal}} (got {{got}}).',
  rangePair_block:
    '{{type}} "{{id}}": `{{name}}` must be a number between 0 and {{max, decimal}}, or a pair [lower, upper] with {{min, decimal}} ≤ lower ≤ upper ≤ {{max, decimal}} (got {{got}}).',
  regularizer: '`{{name}}` must be null, {"l1": x}, {"l2": x} or {"l1": x, "l2": y} with 0 ≤ x ≤ 10 (got {{got}}).',
  regularizer_block:
    '{{type}} "{{id}}": `{{name}}` must be null, {"l1": x}, {"l2": x} or {"l1": x, "l2": y} with 0 ≤ x ≤ 10 (got {{got}}).',
  unknownGuess: 'There is no parameter `{{name}}` here; did you mean `{{guess}}`?',
  unknownGuess_block: '{{type}} "{{id}}": There is no parameter `{{name}}` here; did you mean `{{guess}}`?',
  unknown: 'There is no parameter `{{name}}` here. Known parameters: {{known, join}}.',
  unknown_block: '{{type}} "{{id}}": There is no parameter `{{name}}` here. Known parameters: {{known, join}}.',
  unknownNone: 'There is no parameter `{{name}}` here. Known parameters: none.',
  unknownNone_block: '{{type}} "{{id}}": There is no parameter `{{name}}` here. Known parameters: none.',
} as const;
