// The weekly scheduled trigger that reports the account ids the app stores to Atlassian's personal data
// reporting API and erases what belongs to closed accounts (app/report-personal-data.ts).
import { privacy } from '@forge/api';
import { reportPersonalData } from '../app/report-personal-data';
import { forgeStore } from './store';

export async function personalDataReport(): Promise<{ erased: number }> {
  const erased = await reportPersonalData(forgeStore, { now: () => new Date() }, (accounts) =>
    privacy.reportPersonalData(accounts),
  );
  console.log(JSON.stringify({ event: 'role-split.personal-data', reported: true, erased: erased.length }));
  return { erased: erased.length };
}
