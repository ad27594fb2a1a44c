// Sign-in: ask for a link by email; or, opened from that link (/console/sign-in#token=…), confirm to
// consume it (POST): opening the link alone changes nothing.
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authCall } from '../api/client';
import type { Me } from '../api/types';
import { errorsFor, ProblemMessage, Status, TextField } from '../components/forms';
import { useI18n } from '../i18n';
import { navigate } from '../router';

function tokenInHash(): string | undefined {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  return m?.[1];
}

export function SignIn() {
  const [token, setToken] = useState(tokenInHash);
  // The link may be opened in a tab already showing this page: only the fragment changes then.
  useEffect(() => {
    const onHash = () => setToken(tokenInHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return <main id="main" className="narrow">{token ? <Confirm key={token} token={token} /> : <AskLink />}</main>;
}

function AskLink() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const ask = useMutation({ mutationFn: (body: { email: string }) => authCall('POST', '/auth/sign-in-links', body) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate({ email });
  };
  return (
    <>
      <h1>{t.signIn.title}</h1>
      <p>{t.signIn.intro}</p>
      <form onSubmit={submit} noValidate>
        <TextField label={t.signIn.email} type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} errors={errorsFor(ask.error, 'body.email', t)} />
        <button type="submit" disabled={ask.isPending}>{t.signIn.send}</button>
      </form>
      <ProblemMessage error={ask.error} fieldPaths={['body.email']} />
      {ask.isSuccess && <Status>{t.signIn.sent}</Status>}
    </>
  );
}

function Confirm({ token }: { token: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: () => authCall<Me>('POST', '/auth/sessions', { token }),
    onSuccess: async () => {
      window.history.replaceState(null, '', '/console/sign-in'); // the token leaves the address bar
      await queryClient.invalidateQueries({ queryKey: ['session'] });
      navigate('/console', true);
    },
  });
  return (
    <>
      <h1>{t.signIn.confirmTitle}</h1>
      <p>{t.signIn.confirmIntro}</p>
      <button type="button" onClick={() => confirm.mutate()} disabled={confirm.isPending}>{t.signIn.confirm}</button>
      <ProblemMessage error={confirm.error} fieldPaths={['body.token']} />
      {confirm.isError && (
        <p>
          <a href="/console/sign-in" onClick={(e) => { e.preventDefault(); window.location.hash = ''; window.location.reload(); }}>{t.signIn.another}</a>
        </p>
      )}
    </>
  );
}
