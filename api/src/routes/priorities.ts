import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

export const priorities = new Hono<AppEnv>()
