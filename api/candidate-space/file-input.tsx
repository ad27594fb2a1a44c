// A file field with its error right next to it (tied by aria-describedby).
import type { Language, Words } from '../../activities/wording/catalogue';

export function FileInput({ id, label: text, l, error }: { id: string; label: Words; l: Language; error?: Words }) {
  return (
    <>
      <label htmlFor={id}>{text[l]}</label>
      {error ? <p className="error" id={`${id}-error`}>{error[l]}</p> : null}
      <input type="file" id={id} name="file" accept=".pdf,.png,.jpg,.jpeg,.docx,application/pdf,image/png,image/jpeg" required aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
    </>
  );
}

