import 'maplibre-gl/dist/maplibre-gl.css'
import './map/fonts.ts'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { PanelBoundary } from './panels/PanelBoundary.tsx'
import { SignInGate } from './panels/SignIn.tsx'

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <PanelBoundary
      name="app"
      className="app-error"
      onReset={() => window.history.replaceState(null, '', '/')}
    >
      <SignInGate>
        <App />
      </SignInGate>
    </PanelBoundary>
  </StrictMode>,
)
