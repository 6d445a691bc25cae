import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

export const stats = new Hono<AppEnv>()
