// The school's identifiers at the Caisse des Dépôts (idClient, idContrat), which every flux carries: shown
// to all, entered by an administrator; while they are missing, the screen says so and who can set them.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, unwrap } from '../api/client';
import { errorsFor, ProblemMessage, Status, TextField } from '../components/forms';
import { useI18n } from '../i18n';
import { useSession } from '../session';

const useCpfSettings = () => useQuery({ queryKey: ['cpf-settings'], queryFn: () => unwrap(api.GET('/declarations/cpf/settings')) });

/** Whether the identifiers are set (undefined while loading), for the build button. */
export function useCpfSettingsSet(): boolean | undefined {
  const settings = useCpfSettings();
  return settings.data ? Boolean(settings.data.idClient && settings.data.idContrat) : undefined;
}

export function CpfSettings() {
  const { t } = useI18n();
  const w = t.official.cpf.settings;
  const admin = useSession().me.role === 'admin';
  const settings = useCpfSettings();
  if (!settings.data) return <ProblemMessage error={settings.error} />;
  const { idClient, idContrat } = settings.data;
  const set = Boolean(idClient && idContrat);
  if (set && !admin) return <p data-testid="cpf-settings">{w.current(idClient!, idContrat!)}</p>;
  return (
    <section aria-labelledby="cpf-settings-title" data-testid="cpf-settings" className={set ? undefined : 'action'}>
      <h2 id="cpf-settings-title">{w.title}</h2>
      {set ? <p>{w.current(idClient!, idContrat!)}</p> : <div role="note" className="problem"><p>{w.missing} {admin ? w.adminCan : w.askAdmin}</p></div>}
      {admin && <SettingsForm initial={{ idClient: idClient ?? '', idContrat: idContrat ?? '' }} />}
    </section>
  );
}

function SettingsForm({ initial }: { initial: { idClient: string; idContrat: string } }) {
  const { t } = useI18n();
  const w = t.official.cpf.settings;
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/declarations/cpf/settings', { body: { idClient: values.idClient.trim(), idContrat: values.idContrat.trim() } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['cpf-settings'] }),
  });
  // The server's rule, said in the screen's words next to the field.
  const fault = (field: 'idClient' | 'idContrat', words: string) => (errorsFor(save.error, `body.${field}`, t).length ? [words] : []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const placed = save.error instanceof ApiProblem ? ['body.idClient', 'body.idContrat'] : [];
  return (
    <form onSubmit={submit} noValidate aria-label={w.title}>
      <TextField label={w.idClient} hint={w.idClientHint} name="idClient" value={values.idClient} maxLength={8} autoComplete="off" onChange={(e) => setValues({ ...values, idClient: e.target.value })} errors={fault('idClient', w.idClientFault)} />
      <TextField label={w.idContrat} hint={w.idContratHint} name="idContrat" value={values.idContrat} maxLength={20} autoComplete="off" onChange={(e) => setValues({ ...values, idContrat: e.target.value })} errors={fault('idContrat', w.idContratFault)} />
      <button type="submit" disabled={save.isPending}>{w.save}</button>
      {save.isSuccess && <Status>{w.saved}</Status>}
      <ProblemMessage error={save.error} fieldPaths={placed} />
    </form>
  );
}
