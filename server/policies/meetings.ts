/**
 * Who may do what with a group's meetings. Pure functions of the viewer's role in the group
 * and their role at the meeting (table tests beside).
 */
import { definePolicy, isMember, isSteward } from './predicates';

export interface MeetingFacts {
  /** The viewer holds the meeting's host role (absent: they do not). */
  isHost?: boolean;
  /** The viewer holds the meeting's facilitator role (absent: they do not). */
  isFacilitator?: boolean;
  /**
   * The viewer is from outside the group, invited to observe this one meeting (absent: they
   * are not). They see the meeting and are in its session as its silent observer; nothing else.
   */
  observes?: boolean;
}

export const meetingPolicy = definePolicy<MeetingFacts>()({
  /** Meetings, their roles and who is coming are for members (and the meeting's guest observer). */
  view: (role, m) => isMember(role) || m.observes === true,
  rsvp: (role) => isMember(role),
  swap: (role) => isMember(role),
  /** Saying which roles one is not ready for yet. */
  setReadiness: (role) => isMember(role),
  /** Planning the schedule, the roles and the group's meeting settings: stewards. */
  schedule: (role) => isSteward(role),
  /** The meeting's host chooses the venue and may move it; stewards may too. */
  change: (role, m) => isSteward(role) || (isMember(role) && m.isHost === true),
  cancel: (role, m) => isSteward(role) || (isMember(role) && m.isHost === true),
  /** The meeting's facilitator records who came; stewards may too. */
  recordAttendance: (role, m) => isSteward(role) || (isMember(role) && m.isFacilitator === true),
});

export type MeetingAction = keyof typeof meetingPolicy;

export const meetingRefusals: Record<MeetingAction, string> = {
  view: 'Only members of this group can see its meetings.',
  rsvp: 'Only members can say whether they are coming.',
  swap: 'Only members can swap roles.',
  setReadiness: 'Only members of this group can take roles.',
  schedule: 'Only the group’s stewards can plan its meetings and roles.',
  change: 'Only the meeting’s host or a steward can change it.',
  cancel: 'Only the meeting’s host or a steward can cancel it.',
  recordAttendance: 'Only the meeting’s facilitator or a steward can record who came.',
};
