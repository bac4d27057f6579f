import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Choices } from '../../components/Choices';
import { Loading } from '../../components/Notice';
import { t } from '../../i18n/t';
import { useLoad } from '../../lib/useLoad';
import { AgreementDraftForm } from './AgreementDraftForm';
import { listTemplates, propose } from './api';

/** A group with no agreement yet: choose a template, make it the group's own, propose it. */
export function DraftAgreement({ groupId }: { groupId: string }) {
  const location = useLocation();
  const templates = useLoad(listTemplates, []);
  const [templateKey, setTemplateKey] = useState<string | null>(null);

  useEffect(() => {
    const first = templates.data?.items[0];
    if (first && templateKey === null) setTemplateKey(first.key);
  }, [templates.data, templateKey]);

  const template = templates.data?.items.find((x) => x.key === templateKey);
  if (!templates.data || !template) return <Loading />;

  return (
    <section aria-labelledby="draft-title">
      <h2 id="draft-title">{t('agreement.none')}</h2>
      <p>{t('agreement.noneLead')}</p>
      <Choices
        name="template"
        legend={t('agreement.template')}
        options={templates.data.items.map((x) => ({
          value: x.key,
          label: x.name,
          hint: x.description,
        }))}
        value={templateKey}
        onChange={setTemplateKey}
      />
      <AgreementDraftForm
        key={template.key}
        initialItems={template.items}
        submitLabel={t('agreement.proposeAdopt')}
        onSubmit={async (items, reason) => {
          const proposal = await propose(groupId, {
            change: { kind: 'adopt', items: items.map(({ title, text }) => ({ title, text })) },
            reason,
          });
          location.route(`/groups/${groupId}/agreement/proposals/${proposal.id}`);
        }}
      />
    </section>
  );
}
