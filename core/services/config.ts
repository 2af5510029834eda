// The settings file: the projects directory, recent projects, window placement, the Python of the
// PyTorch engine (where it lives: core/user-folders).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const RECENT_LIMIT = 10;

const recentSchema = z.object({ location: z.string().min(1), name: z.string(), openedAt: z.string() });
const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200),
  height: z.number().int().min(150),
  maximized: z.boolean().optional(),
});

const settingsSchema = z.object({
  projectsDirectory: z.string().min(1).optional(),
  recent: z.array(recentSchema).max(100).catch([]).default([]),
  window: boundsSchema.optional().catch(undefined),
  /** The Python the PyTorch engine runs with; absent: `NEUROBLOCKS_PYTHON`, then PATH. */
  python: z.string().min(1).max(4096).optional().catch(undefined),
});

export type Settings = z.infer<typeof settingsSchema>;
export type WindowBounds = z.infer<typeof boundsSchema>;

/**
 * Settings as one JSON file. A missing or damaged file reads as the defaults (settings are a
 * convenience: losing them must never stop the app); writes go through a temporary file and a
 * rename so that a crash never leaves half a file.
 */
export class SettingsFile {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  async read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return settingsSchema.parse({});
    }
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : settingsSchema.parse({});
    } catch {
      return settingsSchema.parse({});
    }
  }

  /** Applies `change` to the current settings and saves them; updates run one after another. */
  update(change: (settings: Settings) => Settings): Promise<Settings> {
    const next = this.queue.then(async () => {
      const updated = settingsSchema.parse(change(await this.read()));
      await mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(updated, null, 2) + '\n', 'utf8');
      await rename(temporary, this.file);
      return updated;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
