/**
 * Who may do what with a group's meetings. Pure functions of the viewer's role in the group
 * and their role at the meeting; services call them (table tests beside).
 */
import type { GroupViewerRole } from './groups';

export interface MeetingFacts {
  /** The viewer holds the meeting's host role. */
  isHost: boolean;
  /** The viewer holds the meeting's facilitator role. */
  isFacilitator: boolean;
}

const isMember = (role: GroupViewerRole) => role === 'member' || role === 'steward';

export const meetingPolicy = {
  /** Meetings, their roles and who is coming are for members alone. */
  view: (role: GroupViewerRole, _m: MeetingFacts) => isMember(role),
  rsvp: (role: GroupViewerRole, _m: MeetingFacts) => isMember(role),
  swap: (role: GroupViewerRole, _m: MeetingFacts) => isMember(role),
  /** Planning the schedule, the roles and the group's meeting settings: stewards. */
  schedule: (role: GroupViewerRole, _m: MeetingFacts) => role === 'steward',
  /** The meeting's host chooses the venue and may move it; stewards may too. */
  change: (role: GroupViewerRole, m: MeetingFacts) =>
    role === 'steward' || (isMember(role) && m.isHost),
  cancel: (role: GroupViewerRole, m: MeetingFacts) =>
    role === 'steward' || (isMember(role) && m.isHost),
  /** The meeting's facilitator records who came; stewards may too. */
  recordAttendance: (role: GroupViewerRole, m: MeetingFacts) =>
    role === 'steward' || (isMember(role) && m.isFacilitator),
} as const;

export type MeetingAction = keyof typeof meetingPolicy;
