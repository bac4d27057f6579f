import { t } from '../i18n/t';
import { ConfirmButton } from './ConfirmButton';

/** Erasing one's own track of a recording: asked twice, in the same words wherever it is. */
export function EraseTrackButton({ onErase }: { onErase: () => Promise<void> }) {
  return (
    <ConfirmButton
      small
      tone="danger"
      label={t('recordings.erase')}
      question={t('recordings.eraseQuestion')}
      confirmLabel={t('recordings.eraseConfirm')}
      onConfirm={onErase}
    />
  );
}
