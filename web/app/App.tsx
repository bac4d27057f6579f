import { useEffect } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router } from 'preact-iso';
// The first page a visitor sees is in the main bundle; every other page loads on demand.
import { WelcomePage } from '../features/welcome/WelcomePage';
import { loadMe, loadSettings } from '../lib/session';
import { Layout } from './Layout';

const SignUpPage = lazy(() => import('../features/auth/SignUpPage'));
const SignInPage = lazy(() => import('../features/auth/SignInPage'));
const ForgotPasswordPage = lazy(() => import('../features/auth/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../features/auth/ResetPasswordPage'));
const VerifyEmailPage = lazy(() =>
  import('../features/auth/ConfirmLinkPage').then((m) => m.VerifyEmailPage),
);
const ConfirmEmailPage = lazy(() =>
  import('../features/auth/ConfirmLinkPage').then((m) => m.ConfirmEmailPage),
);
const MyGroupsPage = lazy(() => import('../features/groups/MyGroupsPage'));
const DirectoryPage = lazy(() => import('../features/groups/DirectoryPage'));
const CreateGroupPage = lazy(() => import('../features/groups/CreateGroupPage'));
const GroupPage = lazy(() => import('../features/groups/GroupPage'));
const InvitePage = lazy(() => import('../features/invites/InvitePage'));
const AccountPage = lazy(() => import('../features/account/AccountPage'));
const AdminPage = lazy(() => import('../features/admin/AdminPage'));
const HelpNowPage = lazy(() => import('../features/help/HelpNowPage'));
const PrivacyPage = lazy(() => import('../features/help/PrivacyPage'));
const NotFoundPage = lazy(() => import('../features/help/NotFoundPage'));
const AgreementPage = lazy(() => import('../features/agreement/AgreementPage'));
const ProposalPage = lazy(() => import('../features/agreement/ProposalPage'));
const VersionPage = lazy(() => import('../features/agreement/VersionPage'));
const SchedulePage = lazy(() => import('../features/meetings/SchedulePage'));
const MeetingPage = lazy(() => import('../features/meetings/MeetingPage'));
const CommitmentPage = lazy(() => import('../features/meetings/CommitmentPage'));
const SpeakingPage = lazy(() => import('../features/meetings/SpeakingPage'));
const EmailPreferencesPage = lazy(() => import('../features/account/EmailPreferencesPage'));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage'));
const JoinPage = lazy(() => import('../features/forming/JoinPage'));
const ApplicationsPage = lazy(() => import('../features/forming/ApplicationsPage'));
const PurposePage = lazy(() => import('../features/forming/PurposePage'));
const LifePage = lazy(() => import('../features/forming/LifePage'));
const RecordPage = lazy(() => import('../features/groups/RecordPage'));
const SettingsPage = lazy(() => import('../features/forming/SettingsPage'));
const DecisionPage = lazy(() => import('../features/forming/DecisionPage'));
const LivePage = lazy(() => import('../features/live/LivePage'));
const SpacePage = lazy(() => import('../features/space/SpacePage'));
const NewThreadPage = lazy(() => import('../features/space/NewThreadPage'));
const CarePage = lazy(() => import('../features/space/CarePage'));
const ThreadPage = lazy(() => import('../features/space/ThreadPage'));

export function App() {
  useEffect(() => {
    void loadMe().catch(() => {});
    void loadSettings().catch(() => {});
  }, []);
  return (
    <LocationProvider>
      <Layout>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={WelcomePage} />
            <Route path="/signup" component={SignUpPage} />
            <Route path="/signin" component={SignInPage} />
            <Route path="/forgot-password" component={ForgotPasswordPage} />
            <Route path="/reset-password/:token" component={ResetPasswordPage} />
            <Route path="/verify-email/:token" component={VerifyEmailPage} />
            <Route path="/confirm-email/:token" component={ConfirmEmailPage} />
            <Route path="/groups" component={MyGroupsPage} />
            <Route path="/groups/new" component={CreateGroupPage} />
            <Route path="/groups/:id" component={GroupPage} />
            <Route path="/groups/:id/agreement" component={AgreementPage} />
            <Route path="/groups/:id/agreement/proposals/:proposalId" component={ProposalPage} />
            <Route path="/groups/:id/agreement/versions/:number" component={VersionPage} />
            <Route path="/groups/:id/meetings" component={SchedulePage} />
            <Route path="/groups/:id/commitment" component={CommitmentPage} />
            <Route path="/groups/:id/join" component={JoinPage} />
            <Route path="/groups/:id/applications" component={ApplicationsPage} />
            <Route path="/groups/:id/purpose" component={PurposePage} />
            <Route path="/groups/:id/life" component={LifePage} />
            <Route path="/groups/:id/record" component={RecordPage} />
            <Route path="/groups/:id/settings" component={SettingsPage} />
            <Route path="/groups/:id/space" component={SpacePage} />
            <Route path="/groups/:id/space/new" component={NewThreadPage} />
            <Route path="/groups/:id/space/care" component={CarePage} />
            <Route path="/space/threads/:threadId" component={ThreadPage} />
            <Route path="/decisions/:decisionId" component={DecisionPage} />
            <Route path="/meetings/:meetingId" component={MeetingPage} />
            <Route path="/meetings/:meetingId/live" component={LivePage} />
            <Route path="/meetings/:meetingId/speaking" component={SpeakingPage} />
            <Route path="/email-preferences/:token" component={EmailPreferencesPage} />
            <Route path="/notifications" component={NotificationsPage} />
            <Route path="/directory" component={DirectoryPage} />
            <Route path="/invite/:token" component={InvitePage} />
            <Route path="/account" component={AccountPage} />
            <Route path="/admin" component={AdminPage} />
            <Route path="/help-now" component={HelpNowPage} />
            <Route path="/privacy" component={PrivacyPage} />
            <Route default component={NotFoundPage} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </LocationProvider>
  );
}
