// Who is signed in: GET /auth/session on load; the CSRF token it carries goes on every mutating call.
import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiProblem, authCall, setCsrfToken } from './api/client';
import type { Me, Role } from './api/types';

const SessionContext = createContext<{ me: Me } | null>(null);

export function useSessionQuery() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        const me = await authCall<Me>('GET', '/auth/session');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) {
          setCsrfToken(undefined);
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <SessionContext.Provider value={{ me }}>{children}</SessionContext.Provider>;
}

/** Signs out on the server (the session row is revoked), then forgets everything cached. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return async () => {
    await authCall('DELETE', '/auth/session');
    setCsrfToken(undefined);
    queryClient.clear();
    queryClient.setQueryData(['session'], null);
  };
}

export function useSession() {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The same role lists as the server's routes (api/auth/roles.ts): buttons follow them, the server enforces them. */
const ADMISSIONS: Role[] = ['admin', 'admissions'];
const ADMISSIONS_OR_JURY: Role[] = ['admin', 'admissions', 'jury_coordinator'];
const JURY: Role[] = ['admin', 'jury_coordinator'];
export function useCan() {
  const { me } = useSession();
  return {
    admissions: ADMISSIONS.includes(me.role),
    admissionsOrJury: ADMISSIONS_OR_JURY.includes(me.role),
    jury: JURY.includes(me.role),
  };
}
