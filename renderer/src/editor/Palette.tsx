import { useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { blockCategories, type BlockDefinition } from '../../../core/model/block';
import { blocksByCategory } from '../../../core/model/blocks/index';
import { docLanguage } from '../ui/format';
import { addBlockNearSelection } from './actions';
import { HidePanelButton } from './PanelButtons';
import { inLanguage } from '../ui/typography';
import { PretrainedBasesButton } from '../catalogue/PretrainedBasesDialog';
import { ImportNetworkButton } from '../import/NetworkImport';
import { categoryStyle } from '../ui/category-style';

export const BLOCK_MIME = 'application/x-neuroblocks-block';

function matches(block: BlockDefinition, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return [block.type, block.category, block.doc.en.summary, block.doc.fr.summary].some((text) => text.toLowerCase().includes(q));
}

/** The blocks by category, with search; drag one onto the canvas, or press Enter on it to add it after the selected block. */
export function Palette() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const lang = docLanguage(i18n.language);
  const groups = useMemo(() => {
    const byCategory = blocksByCategory();
    return blockCategories
      .map((category) => ({ category, blocks: (byCategory[category] ?? []).filter((b) => matches(b, query.trim())) }))
      .filter((g) => g.blocks.length);
  }, [query]);

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(BLOCK_MIME, type);
    event.dataTransfer.setData('text/plain', type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const onKeyDown = (event: KeyboardEvent, type: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      addBlockNearSelection(type);
    }
  };

  return (
    <aside className="palette" aria-label={t('ui-editor:palette.title')}>
      <HidePanelButton panel="palette" />
      <h2 className="panel-title">{t('ui-editor:palette.title')}</h2>
      <input
        className="search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('ui-editor:palette.search')}
        aria-label={t('ui-editor:palette.search')}
      />
      <p className="hint">{t('ui-editor:palette.hint')}</p>
      <PretrainedBasesButton />
      <ImportNetworkButton mode="base" className="palette__pretrained" />
      <div className="palette__list">
        {groups.length === 0 && <p className="muted">{t('ui-editor:palette.none')}</p>}
        {groups.map(({ category, blocks }) => (
          <section
            key={category}
            className="palette__group"
            aria-label={t(`ui-editor:category.${category}`)}
            style={categoryStyle(category)}
          >
            <h3 className="palette__category">{t(`ui-editor:category.${category}`)}</h3>
            <ul role="list">
              {blocks.map((block) => (
                <li key={block.type}>
                  <div
                    className="palette__item"
                    draggable
                    role="button"
                    tabIndex={0}
                    data-testid={`palette-${block.type}`}
                    aria-label={t('ui-editor:palette.add', { block: block.type, summary: inLanguage(block.doc, lang).summary })}
                    onDragStart={(e) => onDragStart(e, block.type)}
                    onKeyDown={(e) => onKeyDown(e, block.type)}
                    onDoubleClick={() => addBlockNearSelection(block.type)}
                  >
                    <span className="palette__name">{block.type}</span>
                    <span className="palette__summary">{inLanguage(block.doc, lang).summary}</span>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
