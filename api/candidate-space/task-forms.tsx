// A candidate task shown inline in the space: the emailed link's own form, posted to the space.
import type { Language, Words } from '../../activities/wording/catalogue';
import { SPACE } from '../../activities/wording/space';
import type { ActionKind } from '../../activities/notification-types';
import { ErrorSummary, FormFields, Notice } from '../action-links/components';
import { FORMS } from '../action-links/forms';
import type { SpaceData } from './view';
import { FileInput } from './file-input';

export interface TaskState {
  tokenId: string;
  errors?: Record<string, Words>;
  values?: Record<string, string | undefined>;
  refused?: Words;
  fileError?: Words;
}

export function TaskForm({ task, s, l, csrf, state }: { task: SpaceData['tasks'][number]; s: SpaceData; l: Language; csrf: string; maxBytes: number; state?: TaskState }) {
  const form = FORMS[task.token.action as ActionKind];
  const thesis = task.token.action === 'thesis_submission';
  // In the space the thesis is the file itself: sending it is the submission (no "I sent it" box).
  const fields = form.fields({ data: task.data, subjectRef: task.token.subjectRef, referentialCode: s.candidate.cohort.referentialCode }).filter((f) => !(thesis && f.name === 'confirm'));
  const id = `task-${task.token.action}`;
  const errors = { ...(state?.errors ?? {}), ...(state?.fileError ? { file: state.fileError } : {}) };
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{form.title[l]}</h2>
      {state?.refused ? <Notice kind="bad" role="alert">{`${SPACE.taskRefused[l]} ${state.refused[l]}`}</Notice> : null}
      <ErrorSummary language={l} fields={[...fields, { name: 'file', label: SPACE.thesisFile, kind: 'text', required: true, error: SPACE.thesisFile }]} errors={errors} />
      <form method="post" action={`/space/tasks/${task.token.id}`} encType={thesis ? 'multipart/form-data' : undefined} noValidate>
        <input type="hidden" name="csrf" value={csrf} />
        {thesis ? <FileInput id="f-file" label={SPACE.thesisFile} l={l} error={state?.fileError} /> : null}
        <FormFields language={l} fields={fields} values={state?.values ?? {}} errors={state?.errors ?? {}} />
        <button type="submit">{form.submit[l]}</button>
      </form>
    </section>
  );
}
