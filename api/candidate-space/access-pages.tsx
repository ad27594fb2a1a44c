// The space's doors: the sign-in link's confirm page and the "lost my link" form.
import type { Language, Words } from '../../activities/wording/catalogue';
import { SPACE } from '../../activities/wording/space';
import { Notice } from '../action-links/components';

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
        {/* Left empty by people; filled by robots, whose requests are then answered and ignored. */}
        <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px' }}>
          <label htmlFor="f-website">Website</label>
          <input type="text" id="f-website" name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit">{SPACE.sendLink[l]}</button>
      </form>
    </>
  );
}
