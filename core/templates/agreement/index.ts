/**
 * The agreement templates a new group can start from. They are data: to add one (or a
 * translation), add a JSON file beside this one and list it here.
 */
import focusGroup from './focus-group.en.json';
import peerDevelopment from './peer-development.en.json';
import peerSupport from './peer-support.en.json';

export interface AgreementTemplate {
  key: string;
  locale: string;
  name: string;
  description: string;
  items: { title: string; text: string }[];
}

export const AGREEMENT_TEMPLATES: readonly AgreementTemplate[] = [
  peerSupport,
  peerDevelopment,
  focusGroup,
];
