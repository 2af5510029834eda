// The API's events: what the services tell the interface without being asked, each from the part
// that fires it (menus, training, autosave, downloads, the pretrained bases' downloads).
import type {
  ApiEvents,
  AutosaveUpdate,
  BaseDownloadProgress,
  DownloadProgress,
  EvaluationProgress,
  MenuCommand,
  PageTrainingCommand,
  TrainingUpdate,
  Unsubscribe,
} from '../api/contract';
import type { ServiceContext } from './service-context';

export class EventsService implements ApiEvents {
  constructor(private readonly context: ServiceContext) {}

  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe {
    return this.context.emitters.menu.event(listener);
  }

  onTrainingEvent(listener: (update: TrainingUpdate) => void): Unsubscribe {
    return this.context.training.updates.event(listener);
  }

  onPageTrainingCommand(listener: (command: PageTrainingCommand) => void): Unsubscribe {
    return this.context.training.page.onCommand(listener);
  }

  onAutosave(listener: (update: AutosaveUpdate) => void): Unsubscribe {
    return this.context.autosaver.updates.event(listener);
  }

  onEvaluationProgress(listener: (progress: EvaluationProgress) => void): Unsubscribe {
    return this.context.training.evaluationProgress.event(listener);
  }

  onDownloadProgress(listener: (progress: DownloadProgress) => void): Unsubscribe {
    return this.context.emitters.downloads.event(listener);
  }

  onBaseDownloadProgress(listener: (progress: BaseDownloadProgress) => void): Unsubscribe {
    return this.context.pretrained.progress.event(listener);
  }
}
