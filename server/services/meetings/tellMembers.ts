import type { MeetingWithGroup } from '../../db/queries/meetings';
import type { Deps } from '../../deps';
import type { GroupWrite } from '../../locks/withGroupLock';
import { meetingCancelledMail, meetingChangedMail, meetingFactsFor } from '../../mail/messages';
import { membersOf, notify } from '../../notifications/notify';

/** Tells the members, in the app and by mail if they want it, that a meeting changed. */
export async function tellMembers(
  deps: Deps,
  write: GroupWrite,
  change: {
    meeting: MeetingWithGroup;
    kind: 'meeting.changed' | 'meeting.cancelled';
    note: string | null;
    /** Whoever made the change is not told about it. */
    except: string;
  },
): Promise<void> {
  const { trx, groupId, at } = write;
  const facts = meetingFactsFor(deps.config.publicUrl, change.meeting);
  await notify(deps, trx, (await membersOf(trx, groupId)).except(change.except), {
    groupId,
    kind: change.kind,
    subjectId: change.meeting.id,
    at,
    mail: {
      wants: (p) => p.changes,
      write: (context) =>
        change.kind === 'meeting.cancelled'
          ? meetingCancelledMail(context, facts, change.note ?? '')
          : meetingChangedMail(context, facts, change.note),
    },
  });
}
