import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/index.css';
import { AppProviders } from '@/app/providers';
import { AppShell } from '@/app/app-shell';
import { registerCaseViewers } from '@/app/feature-registry';

registerCaseViewers();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      <AppShell />
    </AppProviders>
  </StrictMode>,
);
