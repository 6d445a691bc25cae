import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

export const incidents = new Hono<AppEnv>()
