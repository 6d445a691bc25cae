import 'maplibre-gl/dist/maplibre-gl.css'
import './map/fonts.ts'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { SignInGate } from './panels/SignIn.tsx'

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <SignInGate>
      <App />
    </SignInGate>
  </StrictMode>,
)
