// The space's doors: the sign-in link's confirm page and the "lost my link" form.
import type { Language, Words } from '../../activities/wording/catalogue';
import { SPACE } from '../../activities/wording/space';
import { Notice } from '../action-links/components';
import { Honeypot } from './page-parts';

export function SignInConfirm({ l }: { l: Language }) {
  return (
    <>
      <p>{SPACE.signInText[l]}</p>
      <form method="post">
        <button type="submit">{SPACE.signInButton[l]}</button>
      </form>
    </>
  );
}

export function LostLink({ l, message, sent, error, value }: { l: Language; message?: Words; sent?: boolean; error?: Words; value?: string }) {
  return (
    <>
      {message ? <Notice kind="info" role="status">{message[l]}</Notice> : null}
      {sent ? <Notice kind="good" role="status">{SPACE.lostSent[l]}</Notice> : null}
      <p>{SPACE.lostText[l]}</p>
      <form method="post" action={`/space/lost-link?lang=${l}`} noValidate>
        <label htmlFor="f-email">{SPACE.emailLabel[l]}</label>
        {error ? <p className="error" id="f-email-error">{error[l]}</p> : null}
        <input type="email" id="f-email" name="email" autoComplete="email" required defaultValue={value ?? ''} maxLength={320}
          aria-invalid={error ? true : undefined} aria-describedby={error ? 'f-email-error' : undefined} />
        <Honeypot />
        <button type="submit">{SPACE.sendLink[l]}</button>
      </form>
    </>
  );
}
