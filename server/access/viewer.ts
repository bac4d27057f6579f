/** The signed-in person making a request (or holding a live socket). */
export interface Viewer {
  userId: string;
  sessionId: string;
  email: string;
  displayName: string;
  createdAt: string;
  isAdmin: boolean;
  /** The person has shown the address is theirs (or the account is from before that). */
  emailConfirmed: boolean;
}
