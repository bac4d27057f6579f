/**
 * The session agendas Hearth ships. They are data: to add one (or a translation), add a JSON
 * file beside this one and list it here. Each phase has a share of the meeting in percent;
 * a template's shares add up to 100 (core/domain/live.test.ts checks).
 */
import focusGroup from './focus-group.en.json';
import incidentReview from './incident-review.en.json';
import peerDevelopment from './peer-development.en.json';
import peerSupport from './peer-support.en.json';

export const AGENDA_TEMPLATES = [peerSupport, peerDevelopment, incidentReview, focusGroup];
