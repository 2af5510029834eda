// Every message of the interface, one i18next namespace per feature (each from its feature's
// messages file), and core's catalogue beside them: the renderer says core's problems with the
// same instance, so any namespace core adds is picked up here as it is.
import { catalogue } from '../../../core/i18n/catalogue';
import { augmentMessagesEn, augmentMessagesFr } from '../editor/augmentation/messages';
import { baseMessagesEn, baseMessagesFr } from '../editor/base-messages';
import { editorMessagesEn, editorMessagesFr } from '../editor/messages';
import { pretrainedMessagesEn, pretrainedMessagesFr } from '../catalogue/messages';
import { cameraMessagesEn, cameraMessagesFr } from '../data/camera-messages';
import { dataMessagesEn, dataMessagesFr } from '../data/messages';
import { evaluateMessagesEn, evaluateMessagesFr } from '../evaluate/messages';
import { exportMessagesEn, exportMessagesFr } from '../export/messages';
import { homeMessagesEn, homeMessagesFr } from '../home/messages';
import { networkMessagesEn, networkMessagesFr } from '../import/messages';
import { insideMessagesEn, insideMessagesFr } from '../inside/messages';
import { runsMessagesEn, runsMessagesFr } from '../runs/messages';
import { guideMessagesEn, guideMessagesFr } from '../train/guide-messages';
import { trainMessagesEn, trainMessagesFr } from '../train/messages';
import { tryMessagesEn, tryMessagesFr } from '../try/messages';
import { appMessagesEn, appMessagesFr } from '../ui/messages';

/**
 * A feature's messages as one namespace: the keys of its main group at the top (`ui-train:start`),
 * its other groups under their names (`ui-runs:runHistory.title`).
 */
function namespace<T extends object, M extends keyof T>(messages: T, main: M): T[M] & Omit<T, M> {
  const { [main]: own, ...rest } = messages;
  return { ...(own as T[M]), ...rest };
}

/**
 * The interface's namespaces in one language. Their names start with `ui-`, core's never do: a
 * feature of the interface and a namespace of core's (core's `train`, `data`…) cannot collide.
 */
function interfaceMessages(language: 'en' | 'fr') {
  const en = language === 'en';
  return {
    'ui-app': namespace(en ? appMessagesEn : appMessagesFr, 'app'),
    'ui-home': namespace(en ? homeMessagesEn : homeMessagesFr, 'home'),
    'ui-editor': namespace(en ? editorMessagesEn : editorMessagesFr, 'editor'),
    'ui-base': namespace(en ? baseMessagesEn : baseMessagesFr, 'base'),
    'ui-augment': namespace(en ? augmentMessagesEn : augmentMessagesFr, 'augment'),
    'ui-network': namespace(en ? networkMessagesEn : networkMessagesFr, 'network'),
    'ui-pretrained': namespace(en ? pretrainedMessagesEn : pretrainedMessagesFr, 'pretrained'),
    'ui-data': namespace(en ? dataMessagesEn : dataMessagesFr, 'data'),
    'ui-camera': namespace(en ? cameraMessagesEn : cameraMessagesFr, 'camera'),
    'ui-train': namespace(en ? trainMessagesEn : trainMessagesFr, 'train'),
    'ui-guide': namespace(en ? guideMessagesEn : guideMessagesFr, 'guide'),
    'ui-evaluate': namespace(en ? evaluateMessagesEn : evaluateMessagesFr, 'evaluate'),
    'ui-try': namespace(en ? tryMessagesEn : tryMessagesFr, 'try'),
    'ui-inside': namespace(en ? insideMessagesEn : insideMessagesFr, 'inside'),
    'ui-runs': namespace(en ? runsMessagesEn : runsMessagesFr, 'runs'),
    'ui-export': namespace(en ? exportMessagesEn : exportMessagesFr, 'exporting'),
  };
}

/** The interface's namespaces, in English and in French. */
export const interfaceCatalogue = { en: interfaceMessages('en'), fr: interfaceMessages('fr') };

/** Every namespace the renderer's i18next holds, the interface's and core's, in each language. */
export const resources = {
  en: { ...catalogue.en, ...interfaceCatalogue.en },
  fr: { ...catalogue.fr, ...interfaceCatalogue.fr },
};

export type InterfaceNamespace = keyof typeof interfaceCatalogue.en;
/** Every namespace, the interface's first. */
export const namespaces = [...Object.keys(interfaceCatalogue.en), ...Object.keys(catalogue.en)] as (keyof typeof resources.en)[];
