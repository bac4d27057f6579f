import { useState } from 'preact/hooks';
import type { FieldErrors } from '../../core/errors';
import { t } from '../i18n/t';
import { ApiError } from './api';

/**
 * A form's submit cycle: check on the client first (instant, same rules as the server),
 * then send; a server error lands on its fields and in the summary. Typed values are
 * never lost.
 */
export function useForm() {
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(check: () => FieldErrors, send: () => Promise<void>): Promise<void> {
    const problems = check();
    if (Object.keys(problems).length > 0) {
      setFields(problems);
      setMessage(t('common.fixErrors'));
      return;
    }
    setBusy(true);
    setFields({});
    setMessage(null);
    try {
      await send();
    } catch (error) {
      if (error instanceof ApiError) {
        setFields(error.fields);
        setMessage(error.message);
      } else {
        setMessage(t('common.unexpected'));
      }
    } finally {
      setBusy(false);
    }
  }

  return { fields, message, busy, submit };
}
