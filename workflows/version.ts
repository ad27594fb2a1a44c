// The journey code's version. Recorded histories of the journeys this code starts are kept under
// test/replay/histories/<JOURNEY_CODE_VERSION>/ and replayed on every test run, with those of every earlier
// version that may still be running (docs/upgrading.md). Bump it with each change that alters the commands a
// journey issues, behind a patch (see workflows/journey.ts), and record the new version's histories.
export const JOURNEY_CODE_VERSION = 'v3';
