/** The meetings feature's calls: schedules, meetings, RSVPs, attendance, swaps, the rota. */

import type { Code } from '../../../core/domain/codebook';
import type { ConsentResponse } from '../../../core/domain/consent';
import type { AttendanceStatus, RsvpResponse } from '../../../core/domain/meetings';
import type {
  CommitmentView,
  MeetingDetail,
  MySchedule,
  ScheduleOverview,
} from '../../../core/protocol/meetings';
import type {
  CodebookView,
  GroupNotesView,
  NoteBody,
  NotesView,
  NoteView,
} from '../../../core/protocol/observer';
import type { RecordingsView } from '../../../core/protocol/recordings';
import type { ReflectionBody, SpeakingRecordView } from '../../../core/protocol/speaking';
import { del, get, patch, path, post, put } from '../../lib/api';

export type { ConsentResponse };

export interface VenueInput {
  kind: 'in_person' | 'online' | 'both';
  name: string | null;
  address: string | null;
  accessNotes: string | null;
  onlineUrl: string | null;
}

const group = (groupId: string) => path`/api/groups/${groupId}`;
const meeting = (meetingId: string) => path`/api/meetings/${meetingId}`;

export const getSchedule = (groupId: string) => get<ScheduleOverview>(`${group(groupId)}/meetings`);
export const planMeetings = (
  groupId: string,
  body: {
    start: string;
    timeZone: string;
    rrule: string | null;
    count: number | null;
    until: string | null;
    durationMinutes?: number;
    venue: VenueInput;
  },
) => post<ScheduleOverview>(`${group(groupId)}/meetings`, body);
export const getCommitment = (groupId: string) =>
  get<CommitmentView>(`${group(groupId)}/commitment`);
export const getMySchedule = () => get<MySchedule>('/api/me/schedule');

export const getSpeakingRecord = (meetingId: string) =>
  get<SpeakingRecordView>(`${meeting(meetingId)}/speaking`);
export const saveReflection = (meetingId: string, body: ReflectionBody) =>
  put<SpeakingRecordView>(`${meeting(meetingId)}/reflection`, body);
export const removeReflection = (meetingId: string) =>
  del<SpeakingRecordView>(`${meeting(meetingId)}/reflection`);

/** A person's track of one of a meeting's recordings. */
export interface TrackKey {
  meetingId: string;
  recordingId: string;
  userId: string;
}
/** Where a track is downloaded (a plain link: the browser saves the file). */
export const trackUrl = (k: TrackKey) =>
  path`/api/meetings/${k.meetingId}/recordings/${k.recordingId}/tracks/${k.userId}`;
export const getRecordings = (meetingId: string) =>
  get<RecordingsView>(`${meeting(meetingId)}/recordings`);
export const eraseTrack = (k: TrackKey) => del(trackUrl(k));

export const getCodebook = (groupId: string) => get<CodebookView>(`${group(groupId)}/codebook`);
export const saveCodebook = (groupId: string, codes: Code[]) =>
  put<CodebookView>(`${group(groupId)}/codebook`, { codes });
export const getNotes = (meetingId: string) => get<NotesView>(`${meeting(meetingId)}/notes`);
export const putNote = (meetingId: string, noteId: string, body: NoteBody) =>
  put<NoteView>(`${meeting(meetingId)}${path`/notes/${noteId}`}`, body);
export const deleteNote = (meetingId: string, noteId: string) =>
  del(`${meeting(meetingId)}${path`/notes/${noteId}`}`);
const groupNotes = (meetingId: string, breakoutsId: string, groupId: string) =>
  `${meeting(meetingId)}${path`/small-groups/${breakoutsId}/${groupId}/notes`}`;
export const getGroupNotes = (meetingId: string, breakoutsId: string, groupId: string) =>
  get<GroupNotesView>(groupNotes(meetingId, breakoutsId, groupId));
export const saveGroupNotes = (
  meetingId: string,
  breakoutsId: string,
  groupId: string,
  text: string,
) => put<GroupNotesView>(groupNotes(meetingId, breakoutsId, groupId), { text });
/** Where the session's timeline downloads from. */
export const timelineUrl = (meetingId: string, format: 'json' | 'csv') =>
  `${meeting(meetingId)}/${format === 'csv' ? 'timeline/csv' : 'timeline'}`;

export const addRole = (groupId: string, body: { name: string; description: string | null }) =>
  post<ScheduleOverview>(`${group(groupId)}/roles`, body);
export const setRoleInRota = (groupId: string, roleId: string, inRota: boolean) =>
  patch<ScheduleOverview>(`${group(groupId)}${path`/roles/${roleId}`}`, { inRota });
export const setNotReady = (groupId: string, roleIds: string[]) =>
  put<ScheduleOverview>(`${group(groupId)}/roles/not-ready`, { roleIds });
export const planRotaAgain = (groupId: string) =>
  post<ScheduleOverview>(`${group(groupId)}/rota/plan`);

export const getMeeting = (meetingId: string) => get<MeetingDetail>(meeting(meetingId));
export const changeMeeting = (
  meetingId: string,
  body: { start?: string; durationMinutes?: number; venue?: VenueInput; note: string | null },
) => patch<MeetingDetail>(meeting(meetingId), body);
export const cancelMeeting = (meetingId: string, note: string) =>
  post<MeetingDetail>(`${meeting(meetingId)}/cancel`, { note });
export const rsvp = (meetingId: string, body: { response: RsvpResponse; note: string | null }) =>
  put<MeetingDetail>(`${meeting(meetingId)}/rsvp`, body);
export const recordAttendance = (
  meetingId: string,
  records: { userId: string; status: AttendanceStatus; arrivedAt: string | null }[],
) => put<MeetingDetail>(`${meeting(meetingId)}/attendance`, { records });
export const askForSwap = (
  meetingId: string,
  body: { roleId: string; toUserId: string; note: string | null },
) => post<MeetingDetail>(`${meeting(meetingId)}/swaps`, body);
export const answerSwap = (swapId: string, answer: 'accept' | 'decline' | 'cancel') =>
  post<MeetingDetail>(path`/api/swaps/${swapId}/${answer}`);

/** One meeting as a calendar file, for a link. */
export const meetingIcsUrl = (meetingId: string) => `${meeting(meetingId)}/ics`;
