import { useState } from 'preact/hooks';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';

/** A password field with a "show password" switch, which helps people on small keyboards. */
export function PasswordField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
  autoComplete: 'new-password' | 'current-password';
}) {
  const [shown, setShown] = useState(false);
  return (
    <div class="password-field">
      <Field {...props} type={shown ? 'text' : 'password'} required />
      <label class="check">
        <input
          type="checkbox"
          checked={shown}
          onChange={(e) => setShown(e.currentTarget.checked)}
        />
        {t('common.showPassword')}
      </label>
    </div>
  );
}
