// A closed certification jury's procès-verbal: the French file (the legal minutes) and its English
// rendering, each downloaded as kept in the document store, with the SHA-256 that was stored with it.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ProblemMessage } from '../components/forms';
import { formatSize, useI18n } from '../i18n';

export function ProcesVerbalFiles({ juryId }: { juryId: string }) {
  const { t, lang } = useI18n();
  const w = t.official.pv;
  const pv = useQuery({ queryKey: ['proces-verbal', juryId], queryFn: () => unwrap(api.GET('/juries/{id}/proces-verbal', { params: { path: { id: juryId } } })) });
  if (pv.isError) return <ProblemMessage error={pv.error} />;
  if (!pv.data) return null;
  return (
    <div className="proces-verbal" data-testid={`proces-verbal-${juryId}`}>
      <p><strong>{w.title}</strong></p>
      <ul>
        {pv.data.files.map((f) => (
          <li key={f.language} lang={f.language === 'en' ? 'en' : undefined}>
            <a href={f.href} download>{f.language === 'fr' ? w.fr : w.en}</a>{' '}
            <span className="muted">({formatSize(f.sizeBytes, lang)})</span>
            <br />
            {w.sha} <code data-testid={`sha256-${f.language}`} className="sha">{f.sha256}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
