import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

export const layers = new Hono<AppEnv>()
