// No imports: scripts and benchmarks read this without loading next-auth.
/** The dashboard's scopes (bigin-api.md §3): records, notes, metadata, users, org, search, COQL, identity. */
export const BIGIN_SCOPES = [
  "ZohoBigin.modules.ALL",
  "ZohoBigin.modules.notes.ALL",
  "ZohoBigin.settings.ALL",
  "ZohoBigin.users.READ",
  "ZohoBigin.org.READ",
  "ZohoBigin.coql.READ",
  "ZohoSearch.securesearch.READ",
  "AaaServer.profile.READ",
] as const;
